"""The review queue of uncertain pairs, and curators' decisions that every run keeps.

A pair is uncertain when the latest ``dedupe`` run scored it inside its review band.  A
curator accepts it (the two records are always linked) or rejects it (they are never in
one cluster, not even through others); the decision is stored with who made it and when,
takes effect at once, and is applied again by every later run.
"""

from __future__ import annotations

import datetime
import getpass
import os
from dataclasses import dataclass
from typing import Any

from imena.errors import InputError
from imena.registry.clusters import cluster_records, ordered
from imena.registry.dedupe import load_decisions, record_identities, write_cluster_ids
from imena.store.db import Store, default_db_path

PathLike = str | os.PathLike[str]
#: The decisions a curator can make on a pair.
DECISIONS = ("accept", "reject")
#: The fields shown for each record of a pair.
REVIEW_FIELDS = (
    "record_id", "cluster_id", "registry", "source_row", "surname", "name", "patronymic",
    "birth_year", "birth_place", "nationality", "arrest_date", "death_date", "burial_place",
)  # fmt: skip


@dataclass
class Decision:
    """A curator's decision on a pair, as stored."""

    record_a: int
    record_b: int
    decision: str
    curator: str
    decided_at: str
    note: str | None
    changed_records: int

    def summary(self) -> str:
        verb = "accepted: always linked" if self.decision == "accept" else "rejected: kept apart"
        return (
            f"records {self.record_a} and {self.record_b} {verb} ({self.curator}, "
            f"{self.decided_at}); {self.changed_records:,} cluster ids changed"
        )


def review_queue(
    db: PathLike | None = None, *, limit: int = 20, store: Store | None = None
) -> dict[str, Any]:
    """The undecided pairs of the latest run's review band, most uncertain first.

    ``{"run": {...}, "total": N, "pairs": [{"probability", "match_weight", "linked",
    "a": {record}, "b": {record}}]}``; ``linked`` says whether the two now share a cluster.
    """
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        run = store.conn.execute(
            "SELECT id, finished_at, engine, threshold, review_low, review_high "
            "FROM dedupe_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if run is None:
            return {"run": None, "total": 0, "pairs": []}
        where = (
            "FROM dedupe_pairs p LEFT JOIN dedupe_decisions d "
            "ON d.record_a = p.record_a AND d.record_b = p.record_b "
            "WHERE d.decision IS NULL AND p.probability >= ? AND p.probability < ?"
        )
        band = (run["review_low"], run["review_high"])
        total = store.conn.execute(f"SELECT count(*) {where}", band).fetchone()[0]
        rows = store.conn.execute(
            f"SELECT p.record_a, p.record_b, p.probability, p.match_weight {where} "
            "ORDER BY abs(p.probability - ?), p.record_a, p.record_b LIMIT ?",
            (*band, run["threshold"], limit),
        ).fetchall()
        records = _records(store, {r[0] for r in rows} | {r[1] for r in rows})
        pairs = [
            {
                "probability": round(probability, 6),
                "match_weight": round(weight, 3),
                "linked": records[a]["cluster_id"] == records[b]["cluster_id"],
                "a": records[a],
                "b": records[b],
            }
            for a, b, probability, weight in rows
        ]
        return {"run": dict(run), "total": total, "pairs": pairs}
    finally:
        if own:
            store.close()


def _records(store: Store, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    columns = ", ".join(
        "g.name AS registry" if f == "registry" else "r.id AS record_id" if f == "record_id"
        else f"r.{f}"
        for f in REVIEW_FIELDS
    )  # fmt: skip
    rows = store.conn.execute(
        f"SELECT {columns} FROM records r JOIN registries g ON g.id = r.registry_id "
        f"WHERE r.id IN ({','.join('?' * len(ids))})",
        sorted(ids),
    )
    return {row["record_id"]: dict(row) for row in rows}


def decide(
    record_a: int,
    record_b: int,
    decision: str,
    db: PathLike | None = None,
    *,
    curator: str | None = None,
    note: str | None = None,
    store: Store | None = None,
) -> Decision:
    """Record a curator's decision on a pair and re-cluster at once (one transaction)."""
    if decision not in DECISIONS:
        raise InputError(f"unknown decision {decision!r} (use accept or reject)")
    if record_a == record_b:
        raise InputError(f"a record is always itself: give two different records ({record_a})")
    a, b = ordered(record_a, record_b)
    curator = curator or _curator()
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        found = {
            row[0]
            for row in store.conn.execute("SELECT id FROM records WHERE id IN (?, ?)", (a, b))
        }
        missing = [str(r) for r in (a, b) if r not in found]
        if missing:
            raise InputError(f"no record {' or '.join(missing)} in this database", path=store.path)
        decided_at = _now()
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO dedupe_decisions (record_a, record_b, decision, curator, "
                "decided_at, note) VALUES (?,?,?,?,?,?) ON CONFLICT(record_a, record_b) DO "
                "UPDATE SET decision = excluded.decision, curator = excluded.curator, "
                "decided_at = excluded.decided_at, note = excluded.note",
                (a, b, decision, curator, decided_at, note),
            )
            changed = recluster(store)
        return Decision(a, b, decision, curator, decided_at, note, changed)
    finally:
        if own:
            store.close()


def recluster(store: Store) -> int:
    """Rebuild clusters from the stored pairs and the decisions, without the model.

    Only records in a stored pair or a decision can be in a cluster of more than one; every
    other record keeps the cluster id of its own.  Returns how many cluster ids changed.
    """
    run = store.conn.execute(
        "SELECT threshold FROM dedupe_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    # Before any run only decisions link: an accepted pair is linked whatever the model says.
    threshold = run[0] if run else 2.0
    links = store.conn.execute(
        "SELECT record_a, record_b, probability FROM dedupe_pairs WHERE probability >= ?",
        (threshold,),
    ).fetchall()
    accepted, rejected = load_decisions(store)
    nodes = {r for link in links for r in link[:2]}
    nodes.update(r for pair in (*accepted, *rejected) for r in pair)
    # Records that were in a cluster before may have lost their links: give them their own.
    nodes.update(
        row[0]
        for row in store.conn.execute(
            "SELECT id FROM records WHERE cluster_id IN (SELECT cluster_id FROM records "
            "WHERE id IN (SELECT record_a FROM dedupe_decisions UNION "
            "SELECT record_b FROM dedupe_decisions))"
        )
    )
    identities = record_identities(store, nodes)
    clustering = cluster_records(identities, [tuple(link) for link in links], threshold,
                                 accepted, rejected)  # fmt: skip
    return write_cluster_ids(store.conn, clustering.representative, identities)


def _curator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
