"""Where the deduplication model runs: Splink on DuckDB (one machine) or on Spark (a cluster).

Both engines take the same linkage rows and the same settings (imena.registry.linkage)
and give back the same scored pairs; only the table they read and the session differ.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from imena.errors import ImenaError
from imena.registry.linkage import (
    DETERMINISTIC_RECALL,
    DETERMINISTIC_RULES,
    EM_MAX_PAIRS,
    EM_RULES,
    complete_model,
    plausible,
    settings,
)

#: The engines `registry dedupe --engine` accepts.
ENGINES = ("duckdb", "spark")

#: Random pairs sampled for the u probabilities, and the seed that keeps runs repeatable.
U_SAMPLE_PAIRS = 2e6
SEED = 1937
#: The most memory DuckDB may hold before spilling to its scratch folder.
DUCKDB_MEMORY = os.environ.get("IMENA_DUCKDB_MEMORY", "2GB")


@dataclass(frozen=True)
class ScoredPair:
    """Two records the model compared, record_a < record_b, and what it made of them."""

    record_a: int
    record_b: int
    probability: float
    match_weight: float


@dataclass
class ModelRun:
    """The pairs an engine scored at or above the floor, and the model it used (JSON)."""

    pairs: list[ScoredPair]
    model: dict[str, Any]
    #: Wall seconds of each step: "load" (the records into the engine), "train" (u, the
    #: prior, EM), "block" (the candidate pairs), "score" (comparing and scoring them,
    #: and reading back those kept).
    seconds: dict[str, float] = field(default_factory=dict)


def run_model(
    table: pa.Table, engine: str, floor: float, *, spark_master: str = "local[2]"
) -> ModelRun:
    """Score candidate pairs among the records of ``table`` (linkage_table) on ``engine``.

    u probabilities are estimated from random pairs (seeded), the prior that two records
    are one person from exact full-name matches, and only pairs with a match probability
    of at least ``floor`` come back.
    """
    if engine not in ENGINES:
        raise ImenaError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    if table.num_rows < 2:
        return ModelRun([], {})
    # Splink logs every step at INFO, and warns of levels EM saw no pair in (the prior m is
    # kept for them); a CLI user sees our summary instead.
    logging.getLogger("splink").setLevel(logging.ERROR)
    if engine == "duckdb":
        return _run_duckdb(table, floor)
    return _run_spark(table, floor, spark_master)


def _train_and_predict(
    table: Any, floor: float, seconds: dict[str, float], count: int
) -> tuple[Any, dict[str, Any]]:
    from splink import Linker
    from splink.internals.exceptions import EMTrainingException

    started = time.perf_counter()
    linker = Linker(table, settings(), log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        list(DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
    )
    prior = linker.misc.save_model_to_json()["probability_two_random_records_match"]
    if not 0 < prior < 1:
        # The deterministic rules found no pair to count (a small registry whose records
        # never agree on name, patronymic and year): assume one record in twenty has a
        # duplicate, spread over all pairs, rather than a prior of 0 that no evidence moves.
        prior = min(0.5, 0.1 / max(1, count - 1))
        linker = Linker(table, settings(prior), log_level=None)
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=SEED)
    priors = complete_model(linker.misc.save_model_to_json(), U_SAMPLE_PAIRS)
    trained_by = "em"
    try:
        for rule in EM_RULES:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=EM_MAX_PAIRS
            )
        model = complete_model(linker.misc.save_model_to_json(), U_SAMPLE_PAIRS)
    except EMTrainingException:
        model = priors
        trained_by = "priors (EM failed)"
    if not plausible(model):
        model = priors
        trained_by = "priors (EM implausible)"
    trained = Linker(table, model, log_level=None)
    seconds["train"] = time.perf_counter() - started
    # Blocked first, on their own, to time the two halves of prediction: predict() finds
    # the blocked pairs in the linker's cache and scores them.
    started = time.perf_counter()
    trained.inference.compute_blocked_pairs_for_predict()
    seconds["block"] = time.perf_counter() - started
    predictions = trained.inference.predict(threshold_match_probability=floor, warning_mode="never")
    return predictions, {**model, "imena_m_from": trained_by}


def _run_duckdb(records: pa.Table, floor: float) -> ModelRun:
    import duckdb
    from splink import DuckDBAPI

    # A file-backed DuckDB in a scratch folder: big runs spill to disk instead of failing.
    scratch = tempfile.mkdtemp(prefix="imena-dedupe-")
    try:
        connection = duckdb.connect(os.path.join(scratch, "dedupe.duckdb"))
        connection.execute(f"SET temp_directory = '{scratch}'")
        # Bounded, so that a million records stay within a laptop's memory (DuckDB spills).
        connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        # Copied into a DuckDB table: Splink reads its input once per blocking rule and
        # training step, and a scan of the Arrow table (ten million near keys in lists)
        # is much slower than of DuckDB's own storage.
        started = time.perf_counter()
        connection.from_arrow(records).create("records")
        api = DuckDBAPI(connection)
        table = api.register("records")
        seconds = {"load": time.perf_counter() - started}
        predictions, model = _train_and_predict(table, floor, seconds, records.num_rows)
        pairs = _pairs(
            predictions.as_duckdbpyrelation()
            .select("unique_id_l, unique_id_r, match_probability, match_weight")
            .fetchall()
        )
        seconds["score"] = time.perf_counter() - started - sum(seconds.values())
        connection.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return ModelRun(pairs, model, seconds)


def _run_spark(records: pa.Table, floor: float, master: str) -> ModelRun:
    try:
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException
        from pyspark.sql import SparkSession
    except ImportError:
        raise ImenaError("--engine spark needs pyspark (pip install pyspark)") from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ImenaError("--engine spark needs Java (a JDK 17 or newer)")
    from splink import SparkAPI
    from splink.backends.spark import similarity_jar_location
    from splink.internals.exceptions import SplinkException

    scratch = tempfile.mkdtemp(prefix="imena-spark-")
    log = os.path.join(scratch, "spark.log")
    spark = None
    try:
        try:
            # Java starts here and keeps the standard error it is given for its life: its
            # log and warnings (and Java's own complaints) go to the scratch folder, and
            # what went wrong reaches the user as one line.
            with _stderr_into(log):
                spark = (
                    SparkSession.builder.master(master)
                    .appName("imena-dedupe")
                    .config("spark.jars", similarity_jar_location())
                    .config("spark.sql.shuffle.partitions", "8")
                    .config("spark.ui.enabled", "false")
                    .config("spark.local.dir", scratch)
                    .getOrCreate()
                )
        except (PySparkException, Py4JError) as exc:
            java = os.environ.get("JAVA_HOME") or shutil.which("java")
            raise ImenaError(
                f"Spark did not start: {_spark_error(exc, log)} "
                f"(--engine spark needs Java 17 or newer; using {java})"
            ) from None
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.setCheckpointDir(os.path.join(scratch, "checkpoints"))
        try:
            started = time.perf_counter()
            # Spark reads the Arrow table as it is: int64 → bigint, list<string> → array.
            frame = spark.createDataFrame(records)
            api = SparkAPI(spark_session=spark)
            table = api.register(frame, table_name="records")
            seconds = {"load": time.perf_counter() - started}
            predictions, model = _train_and_predict(table, floor, seconds, records.num_rows)
            selected = predictions.as_spark_dataframe().select(
                "unique_id_l", "unique_id_r", "match_probability", "match_weight"
            )
            pairs = _pairs(tuple(row) for row in selected.toLocalIterator())
            seconds["score"] = time.perf_counter() - started - sum(seconds.values())
        except (PySparkException, Py4JError, SplinkException) as exc:
            raise ImenaError(f"Spark failed: {_spark_error(exc, log)}") from None
    finally:
        if spark is not None:
            spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    return ModelRun(pairs, model, seconds)


@contextmanager
def _stderr_into(path: str) -> Iterator[None]:
    """Standard error (the file descriptor, which child processes inherit) into ``path``."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


_JAVA_ERROR = re.compile(r"error|exception|not found|no such file", re.IGNORECASE)


def _spark_error(exc: Exception, log: str) -> str:
    """One line that says what went wrong in Spark: from Java's error, else from its log.

    Py4J gives "An error occurred while calling o45.sql." and then ": java.lang.X: what";
    Splink puts the SQL before "Error was: what"; a Java that does not start says why on
    standard error only, which went to ``log``.
    """
    text = str(exc).split("Error was:", 1)[-1]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = next((line[2:] for line in lines if line.startswith(": ")), None)
    if found is None and os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as fh:
            logged = [line.strip() for line in fh if _JAVA_ERROR.search(line)]
        found = next((line for line in logged if not line.startswith("at ")), None)
    found = found or (lines[0] if lines else type(exc).__name__)
    return found if len(found) <= 300 else found[:299] + "…"


def _pairs(rows: Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]) -> list[ScoredPair]:
    pairs = []
    for left, right, probability, weight in rows:
        a, b = (int(left), int(right)) if left < right else (int(right), int(left))
        pairs.append(ScoredPair(a, b, float(probability), float(weight)))
    return pairs
