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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from imena.errors import InputError
from imena.registry.clusters import Pair, cluster_records, stable_cluster_id
from imena.registry.engines import ENGINES, run_model
from imena.registry.keys import NameKeys, current_key_function
from imena.registry.linkage import RECORD_COLUMNS, linkage_table
from imena.store import dedupe as dedupe_db
from imena.store import registry as registry_db
from imena.store.db import Store, default_db_path, dumps
from imena.store.dedupe import Identity, record_identities

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
            records = registry_db.linkage_records(store, RECORD_COLUMNS)
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
        record = dedupe_db.DedupeRun(
            started_at=started_at,
            finished_at=_now(),
            engine=engine,
            threshold=threshold,
            review_low=low,
            review_high=high,
            key_scheme=scheme,
            records=len(identities),
            pairs=len(run.pairs),
            clusters=len(sizes),
            model=dumps(run.model),
        )
        with store.transaction() as conn:
            dedupe_db.save_dedupe_run(
                conn,
                record,
                ((p.record_a, p.record_b, p.probability, p.match_weight) for p in run.pairs),
            )
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


def write_cluster_ids(
    conn: dedupe_db.Conn, representative: dict[int, int], identities: dict[int, Identity]
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
    dedupe_db.set_cluster_ids(conn, changes)
    return len(changes)


def load_decisions(store: Store) -> tuple[list[Pair], list[Pair]]:
    accepted: list[Pair] = []
    rejected: list[Pair] = []
    for a, b, decision in dedupe_db.decided_pairs(store):
        (accepted if decision == "accept" else rejected).append((a, b))
    return accepted, rejected


def _decided_in_band(store: Store, low: float, high: float) -> int:
    return dedupe_db.decided_in_band(store, low, high)


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
