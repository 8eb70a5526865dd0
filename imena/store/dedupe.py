"""Deduplication in the database: record identities, runs, scored pairs, curators' decisions.

The SQL of ``imena.registry.dedupe``, ``imena.registry.review`` and the web's review
queue.  Functions take a :class:`~imena.store.db.Store`, or the connection of its
transaction where they write, and return plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from imena.store.db import Store
from imena.store.registry import Conn

# -- deduplication -------------------------------------------------------------------------

#: record id → (registry sha256, source row, current cluster id)
Identity = tuple[str, int, str | None]


def record_identities(store: Store, ids: Iterable[int] | None = None) -> dict[int, Identity]:
    """record id → (registry sha256, source row, current cluster id), of all or of ``ids``."""
    sql = (
        "SELECT r.id, g.sha256, r.source_row, r.cluster_id FROM records r "
        "JOIN registries g ON g.id = r.registry_id"
    )
    if ids is None:
        rows = store.conn.execute(sql)
    else:
        rows = store.conn.execute(
            f"{sql} WHERE {store.in_list('r.id')}", (store.list_param(sorted(set(ids))),)
        )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def set_cluster_ids(conn: Conn, changes: Sequence[tuple[str, int]]) -> None:
    """(cluster id, record id) pairs."""
    conn.executemany("UPDATE records SET cluster_id = ? WHERE id = ?", changes)


@dataclass(frozen=True)
class DedupeRun:
    """One run of the model, as ``dedupe_runs`` keeps it (``model`` is JSON)."""

    started_at: str
    finished_at: str
    engine: str
    threshold: float
    review_low: float
    review_high: float
    key_scheme: str
    records: int
    pairs: int
    clusters: int
    model: str


def save_dedupe_run(
    conn: Conn, run: DedupeRun, pairs: Iterable[tuple[int, int, float, float]]
) -> int:
    """A run and its scored pairs (record_a, record_b, probability, match_weight), which
    replace the previous run's; the run's id."""
    run_id = conn.execute(
        "INSERT INTO dedupe_runs (started_at, finished_at, engine, threshold, "
        "review_low, review_high, key_scheme, records, pairs, clusters, model) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        (run.started_at, run.finished_at, run.engine, run.threshold, run.review_low,
         run.review_high, run.key_scheme, run.records, run.pairs, run.clusters, run.model),
    ).fetchone()[0]  # fmt: skip
    conn.execute("DELETE FROM dedupe_pairs")
    conn.executemany(
        "INSERT INTO dedupe_pairs (record_a, record_b, probability, match_weight, run_id) "
        "VALUES (?,?,?,?,?)",
        ((a, b, probability, weight, run_id) for a, b, probability, weight in pairs),
    )
    return run_id


def latest_run(store: Store) -> dict[str, Any] | None:
    """The latest run: id, finished_at, engine, threshold, review_low, review_high."""
    row = store.conn.execute(
        "SELECT id, finished_at, engine, threshold, review_low, review_high "
        "FROM dedupe_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else dict(row)


def latest_model(store: Store) -> str | None:
    """The latest run's model (JSON), if any run."""
    row = store.conn.execute("SELECT model FROM dedupe_runs ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def latest_threshold(store: Store) -> float | None:
    row = store.conn.execute(
        "SELECT threshold FROM dedupe_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def pairs_at_least(store: Store, probability: float) -> list[tuple[int, int, float]]:
    """Stored pairs (record_a, record_b, probability) scored at least ``probability``."""
    return [
        (row[0], row[1], row[2])
        for row in store.conn.execute(
            "SELECT record_a, record_b, probability FROM dedupe_pairs WHERE probability >= ?",
            (probability,),
        )
    ]


def decided_pairs(store: Store) -> list[tuple[int, int, str]]:
    """Every curator's decision: (record_a, record_b, 'accept' or 'reject')."""
    return [
        (row[0], row[1], row[2])
        for row in store.conn.execute("SELECT record_a, record_b, decision FROM dedupe_decisions")
    ]


def decided_in_band(store: Store, low: float, high: float) -> int:
    """Stored pairs scored in [low, high) that a curator has decided."""
    return store.conn.execute(
        "SELECT count(*) FROM dedupe_pairs p JOIN dedupe_decisions d "
        "ON d.record_a = p.record_a AND d.record_b = p.record_b "
        "WHERE p.probability >= ? AND p.probability < ?",
        (low, high),
    ).fetchone()[0]


def records_clustered_with_decided(store: Store) -> list[int]:
    """Records sharing a cluster with a record some decision names."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT id FROM records WHERE cluster_id IN (SELECT cluster_id FROM records "
            "WHERE id IN (SELECT record_a FROM dedupe_decisions UNION "
            "SELECT record_b FROM dedupe_decisions))"
        )
    ]


# -- the review queue ----------------------------------------------------------------------


def undecided_pairs(
    store: Store,
    low: float,
    high: float,
    *,
    nearest: float,
    record: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[tuple[int, int, float, float]]]:
    """Undecided pairs scored in [low, high) (only those ``record`` is in, if given): how
    many, and a page of them, (record_a, record_b, probability, match_weight), nearest
    to ``nearest`` first."""
    where = (
        "FROM dedupe_pairs p LEFT JOIN dedupe_decisions d "
        "ON d.record_a = p.record_a AND d.record_b = p.record_b "
        "WHERE d.decision IS NULL AND p.probability >= ? AND p.probability < ?"
    )
    band: tuple[Any, ...] = (low, high)
    if record is not None:
        where += " AND ? IN (p.record_a, p.record_b)"
        band += (record,)
    total = store.conn.execute(f"SELECT count(*) {where}", band).fetchone()[0]
    rows = store.conn.execute(
        f"SELECT p.record_a, p.record_b, p.probability, p.match_weight {where} "
        "ORDER BY abs(p.probability - ?), p.record_a, p.record_b LIMIT ? OFFSET ?",
        (*band, nearest, limit, max(offset, 0)),
    ).fetchall()
    return total, [(row[0], row[1], row[2], row[3]) for row in rows]


def decision_page(store: Store, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """How many decisions, and a page of them, latest first: record_a, record_b, decision,
    curator, decided_at, note, and probability (None where the latest run did not score
    the pair)."""
    total = store.conn.execute("SELECT count(*) FROM dedupe_decisions").fetchone()[0]
    rows = store.conn.execute(
        "SELECT d.record_a, d.record_b, d.decision, d.curator, d.decided_at, d.note, "
        "p.probability FROM dedupe_decisions d LEFT JOIN dedupe_pairs p "
        "ON p.record_a = d.record_a AND p.record_b = d.record_b "
        "ORDER BY d.decided_at DESC, d.record_a, d.record_b LIMIT ? OFFSET ?",
        (limit, max(offset, 0)),
    ).fetchall()
    return total, [dict(row) for row in rows]


def decision(store: Store, record_a: int, record_b: int) -> dict[str, Any] | None:
    """One stored decision: record_a, record_b, decision, curator, decided_at."""
    row = store.conn.execute(
        "SELECT record_a, record_b, decision, curator, decided_at FROM dedupe_decisions "
        "WHERE record_a = ? AND record_b = ?",
        (record_a, record_b),
    ).fetchone()
    return dict(row) if row else None


def save_decision(
    conn: Conn,
    record_a: int,
    record_b: int,
    decision: str,
    curator: str,
    decided_at: str,
    note: str | None,
) -> None:
    """A curator's decision on a pair; it replaces an earlier one on the same pair."""
    conn.execute(
        "INSERT INTO dedupe_decisions (record_a, record_b, decision, curator, "
        "decided_at, note) VALUES (?,?,?,?,?,?) ON CONFLICT (record_a, record_b) DO "
        "UPDATE SET decision = excluded.decision, curator = excluded.curator, "
        "decided_at = excluded.decided_at, note = excluded.note",
        (record_a, record_b, decision, curator, decided_at, note),
    )
