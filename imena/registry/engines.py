"""Where the deduplication model runs: Splink on DuckDB (one machine) or on Spark (a cluster).

Both engines take the same linkage rows and the same settings (imena.registry.linkage)
and give back the same scored pairs; only the table they read and the session differ.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from imena.errors import ImenaError
from imena.registry.linkage import (
    DETERMINISTIC_RECALL,
    DETERMINISTIC_RULES,
    EM_MAX_PAIRS,
    EM_RULES,
    LINKAGE_COLUMNS,
    complete_model,
    plausible,
    settings,
)

#: The engines `registry dedupe --engine` accepts.
ENGINES = ("duckdb", "spark")

_TYPES: dict[str, pa.DataType] = {
    "unique_id": pa.int64(),
    "birth_year": pa.int64(),
    "birth_band": pa.int64(),
    "birth_band_shifted": pa.int64(),
    "no_birth_year": pa.int64(),
    "surname_deletions": pa.list_(pa.string()),
}
_SCHEMA = pa.schema([(column, _TYPES.get(column, pa.string())) for column in LINKAGE_COLUMNS])
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


def run_model(
    rows: Sequence[tuple[Any, ...]], engine: str, floor: float, *, spark_master: str = "local[2]"
) -> ModelRun:
    """Score candidate pairs among ``rows`` (LINKAGE_COLUMNS tuples) on ``engine``.

    u probabilities are estimated from random pairs (seeded), the prior that two records
    are one person from exact full-name matches, and only pairs with a match probability
    of at least ``floor`` come back.
    """
    if engine not in ENGINES:
        raise ImenaError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    if len(rows) < 2:
        return ModelRun([], {})
    # Splink logs every step at INFO, and warns of levels EM saw no pair in (the prior m is
    # kept for them); a CLI user sees our summary instead.
    logging.getLogger("splink").setLevel(logging.ERROR)
    if engine == "duckdb":
        return _run_duckdb(rows, floor)
    return _run_spark(rows, floor, spark_master)


def _arrow(rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [pa.array(values, type=_SCHEMA.field(i).type) for i, values in enumerate(columns)],
        schema=_SCHEMA,
    )


def _train_and_predict(table: Any, floor: float) -> tuple[Any, dict[str, Any]]:
    from splink import Linker
    from splink.internals.exceptions import EMTrainingException

    linker = Linker(table, settings(), log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        list(DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
    )
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
    predictions = trained.inference.predict(threshold_match_probability=floor, warning_mode="never")
    return predictions, {**model, "imena_m_from": trained_by}


def _run_duckdb(rows: Sequence[tuple[Any, ...]], floor: float) -> ModelRun:
    import duckdb
    from splink import DuckDBAPI

    # A file-backed DuckDB in a scratch folder: big runs spill to disk instead of failing.
    scratch = tempfile.mkdtemp(prefix="imena-dedupe-")
    try:
        connection = duckdb.connect(os.path.join(scratch, "dedupe.duckdb"))
        connection.execute(f"SET temp_directory = '{scratch}'")
        # Bounded, so that a million records stay within a laptop's memory (DuckDB spills).
        connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        api = DuckDBAPI(connection)
        table = api.register(_arrow(rows), table_name="records")
        predictions, model = _train_and_predict(table, floor)
        pairs = _pairs(
            predictions.as_duckdbpyrelation()
            .select("unique_id_l, unique_id_r, match_probability, match_weight")
            .fetchall()
        )
        connection.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return ModelRun(pairs, model)


def _run_spark(rows: Sequence[tuple[Any, ...]], floor: float, master: str) -> ModelRun:
    try:
        from pyspark.sql import SparkSession
        from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType
    except ImportError:
        raise ImenaError("--engine spark needs pyspark (pip install pyspark)") from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ImenaError("--engine spark needs Java (a JDK 17 or newer)")
    from splink import SparkAPI
    from splink.backends.spark import similarity_jar_location

    scratch = tempfile.mkdtemp(prefix="imena-spark-")
    spark = (
        SparkSession.builder.master(master)
        .appName("imena-dedupe")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.local.dir", scratch)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(os.path.join(scratch, "checkpoints"))
    try:
        spark_types = {"int64": LongType(), "string": StringType(),
                       "list<item: string>": ArrayType(StringType())}  # fmt: skip
        schema = StructType(
            [StructField(field.name, spark_types[str(field.type)]) for field in _SCHEMA]
        )
        frame = spark.createDataFrame(list(rows), schema=schema)
        api = SparkAPI(spark_session=spark)
        table = api.register(frame, table_name="records")
        predictions, model = _train_and_predict(table, floor)
        selected = predictions.as_spark_dataframe().select(
            "unique_id_l", "unique_id_r", "match_probability", "match_weight"
        )
        pairs = _pairs(tuple(row) for row in selected.toLocalIterator())
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    return ModelRun(pairs, model)


def _pairs(rows: Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]) -> list[ScoredPair]:
    pairs = []
    for left, right, probability, weight in rows:
        a, b = (int(left), int(right)) if left < right else (int(right), int(left))
        pairs.append(ScoredPair(a, b, float(probability), float(weight)))
    return pairs
