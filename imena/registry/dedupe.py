"""Deduplicating registry records: run the linkage model, cluster, keep a review queue.

``dedupe`` scores candidate pairs with the Splink model (imena.registry.linkage) on DuckDB
or Spark, keeps the pairs above the review band's floor, and clusters records under the
curators' decisions (imena.registry.review); every record gets a stable cluster id.  One
run is one transaction: the database is left as it was if anything fails.
"""

from __future__ import annotations

import datetime
import gc
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from imena.errors import InputError
from imena.registry.clusters import Pair, cluster_records, stable_cluster_id
from imena.registry.engines import ENGINES, run_model
from imena.registry.keys import NameKeys, current_key_function
from imena.registry.linkage import RECORD_COLUMNS, linkage_table
from imena.store.db import Store, default_db_path, dumps

PathLike = str | os.PathLike[str]

#: Pairs at or above this match probability are linked unless ``--threshold`` says otherwise.
DEFAULT_THRESHOLD = 0.5
#: Pairs whose probability falls in [low, high) are uncertain: they go to the review queue
#: (linked or not, as the threshold decides, until a curator says otherwise).
DEFAULT_REVIEW_BAND = (0.2, 0.95)


@dataclass
class DedupeResult:
    """What one run of ``dedupe`` found."""

    engine: str
    threshold: float
    records: int
    pairs: int
    linked_pairs: int
    clusters: int
    multi_record_clusters: int
    largest_cluster: int
    to_review: int
    refused_links: int
    conflicts: list[Pair]
    seconds: float
    unsupported_links: int = 0
    #: Wall seconds of each phase: read (records and their linkage columns); load, train,
    #: block, score (engines.ModelRun.seconds); cluster; write (pairs and cluster ids).
    phases: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        line = (
            f"{self.records:,} records → {self.clusters:,} clusters "
            f"({self.multi_record_clusters:,} of more than one record, the largest "
            f"{self.largest_cluster:,}); {self.linked_pairs:,} of {self.pairs:,} scored pairs "
            f"linked at {self.threshold:g}; {self.to_review:,} pairs to review "
            f"(imena registry review); {self.engine}, {self.seconds:.1f} s"
        )
        if self.unsupported_links:
            line += (
                f"; {self.unsupported_links:,} links not taken (too few links across "
                "the two clusters)"
            )
        if self.refused_links:
            line += f"; {self.refused_links:,} links refused by curators' rejections"
        if self.conflicts:
            line += f"; {len(self.conflicts):,} accepted pairs overrule a rejection"
        return line


def dedupe(
    db: PathLike | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    review_band: tuple[float, float] = DEFAULT_REVIEW_BAND,
    spark_master: str = "local[2]",
    store: Store | None = None,
) -> DedupeResult:
    """Link records that are the same person; give every record a stable cluster id."""
    started = time.perf_counter()
    started_at = _now()
    low, high = review_band
    for value, what in ((threshold, "--threshold"), (low, "review band"), (high, "review band")):
        if not 0 < value <= 1:
            raise InputError(f"{what} {value:g}: a probability must be in (0, 1]")
    if low > high:
        raise InputError(f"review band {low:g}..{high:g}: the low end is above the high end")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        scheme, key = current_key_function()
        with _no_collection():
            records = store.conn.execute(
                f"SELECT {', '.join(RECORD_COLUMNS)} FROM records ORDER BY id"
            ).fetchall()
            if not records:
                raise InputError(
                    "no registry records to deduplicate (imena registry import FILE first)",
                    path=store.path,
                )
            table = linkage_table(records, NameKeys(key))
            del records
        phases = {"read": time.perf_counter() - started}
        floor = min(low, threshold)
        run = run_model(table, engine, floor, spark_master=spark_master)
        del table
        phases.update(run.seconds)
        mark = time.perf_counter()
        accepted, rejected = load_decisions(store)
        identities = record_identities(store)
        links = [(p.record_a, p.record_b, p.probability) for p in run.pairs]
        clustering = cluster_records(identities, links, threshold, accepted, rejected)
        sizes = clustering.sizes()
        phases["cluster"] = time.perf_counter() - mark
        mark = time.perf_counter()
        with store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO dedupe_runs (started_at, finished_at, engine, threshold, "
                "review_low, review_high, key_scheme, records, pairs, clusters, model) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (started_at, _now(), engine, threshold, low, high, scheme, len(identities),
                 len(run.pairs), len(sizes), dumps(run.model)),
            )  # fmt: skip
            run_id = cursor.lastrowid
            conn.execute("DELETE FROM dedupe_pairs")
            conn.executemany(
                "INSERT INTO dedupe_pairs (record_a, record_b, probability, match_weight, "
                "run_id) VALUES (?,?,?,?,?)",
                ((p.record_a, p.record_b, p.probability, p.match_weight, run_id)
                 for p in run.pairs),
            )  # fmt: skip
            write_cluster_ids(conn, clustering.representative, identities)
        phases["write"] = time.perf_counter() - mark
        return DedupeResult(
            engine=engine,
            threshold=threshold,
            records=len(identities),
            pairs=len(run.pairs),
            linked_pairs=sum(1 for p in run.pairs if p.probability >= threshold),
            clusters=len(sizes),
            multi_record_clusters=sum(1 for n in sizes.values() if n > 1),
            largest_cluster=max(sizes.values()),
            to_review=sum(1 for p in run.pairs if low <= p.probability < high)
            - _decided_in_band(store, low, high),
            refused_links=clustering.refused_links,
            conflicts=clustering.conflicts,
            seconds=time.perf_counter() - started,
            unsupported_links=clustering.unsupported_links,
            phases=phases,
        )
    finally:
        if own:
            store.close()


Identity = tuple[str, int, str | None]


def record_identities(store: Store, ids: Iterable[int] | None = None) -> dict[int, Identity]:
    """record id → (registry sha256, source row, current cluster id)."""
    sql = (
        "SELECT r.id, g.sha256, r.source_row, r.cluster_id FROM records r "
        "JOIN registries g ON g.id = r.registry_id"
    )
    if ids is None:
        rows = store.conn.execute(sql)
        return {row[0]: (row[1], row[2], row[3]) for row in rows}
    found: dict[int, Identity] = {}
    wanted = sorted(set(ids))
    # In slices: SQLite limits the number of parameters of one statement.
    for start in range(0, len(wanted), 900):
        part = wanted[start : start + 900]
        rows = store.conn.execute(f"{sql} WHERE r.id IN ({','.join('?' * len(part))})", part)
        found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
    return found


def write_cluster_ids(
    conn: object, representative: dict[int, int], identities: dict[int, Identity]
) -> int:
    """Set records.cluster_id from each record's representative; only where it changed."""
    changes = []
    made: dict[int, str] = {}
    for record, root in representative.items():
        cluster = made.get(root)
        if cluster is None:
            sha, row, _ = identities[root]
            cluster = made[root] = stable_cluster_id(sha, row)
        if identities[record][2] != cluster:
            changes.append((cluster, record))
    conn.executemany("UPDATE records SET cluster_id = ? WHERE id = ?", changes)  # type: ignore[attr-defined]
    return len(changes)


def load_decisions(store: Store) -> tuple[list[Pair], list[Pair]]:
    accepted: list[Pair] = []
    rejected: list[Pair] = []
    for a, b, decision in store.conn.execute(
        "SELECT record_a, record_b, decision FROM dedupe_decisions"
    ):
        (accepted if decision == "accept" else rejected).append((a, b))
    return accepted, rejected


def _decided_in_band(store: Store, low: float, high: float) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM dedupe_pairs p JOIN dedupe_decisions d "
        "ON d.record_a = p.record_a AND d.record_b = p.record_b "
        "WHERE p.probability >= ? AND p.probability < ?",
        (low, high),
    ).fetchone()[0]


@contextmanager
def _no_collection() -> Iterator[None]:
    """Python's cycle collector off while a million rows are built.

    Nothing built here is a cycle, but every few hundred new objects start a collection,
    and the older collections walk every row made so far: 3 s of the 14 it took to read
    and key a million records (11 s without).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
