"""The review queue of uncertain pairs, and curators' decisions that every run keeps.

A pair is uncertain when the latest ``dedupe`` run scored it inside its review band.  A
curator accepts it (the two records are always linked) or rejects it (they are never in
one cluster, not even through others); the decision is stored with who made it and when,
takes effect at once, and is applied again by every later run.  The CLI (``imena
registry review``) and the web (``/registry/review``) both decide through ``decide``.

Vocabulary of ``Comparison.agreement`` (how one field of a pair compared under the
latest run's model, see ``compare_pairs``):

- ``same`` — the field's first level: the values agree as the model reads them;
- ``close`` — a level between: near spellings, a year or two apart, one date or place
  written more fully than the other, an initial that fits the name;
- ``different`` — the model's last level: the values disagree;
- ``missing`` — one record or both do not give the field; it counts neither way.
"""

from __future__ import annotations

import datetime
import getpass
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from imena.errors import InputError
from imena.registry.clusters import Pair, cluster_records, ordered
from imena.registry.dedupe import load_decisions, record_identities, write_cluster_ids
from imena.registry.keys import NameKeys, current_key_function
from imena.registry.linkage import LINKAGE_COLUMNS, RECORD_COLUMNS, linkage_rows
from imena.store import dedupe as dedupe_db
from imena.store import registry as registry_db
from imena.store.db import Store, default_db_path

PathLike = str | os.PathLike[str]
#: The decisions a curator can make on a pair.
DECISIONS = ("accept", "reject")
#: How a field of a pair compared (see the module docstring).
AGREEMENTS = ("same", "close", "different", "missing")
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
    db: PathLike | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    record: int | None = None,
    store: Store | None = None,
) -> dict[str, Any]:
    """The undecided pairs of the latest run's review band, most uncertain first.

    ``{"run": {...}, "total": N, "pairs": [{"probability", "match_weight", "linked",
    "a": {record}, "b": {record}}]}``; ``linked`` says whether the two now share a cluster.
    ``offset`` skips that many pairs (a page of the queue); ``record`` keeps only the
    pairs one record is in.
    """
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        run = dedupe_db.latest_run(store)
        if run is None:
            return {"run": None, "total": 0, "pairs": []}
        total, rows = dedupe_db.undecided_pairs(
            store,
            run["review_low"],
            run["review_high"],
            nearest=run["threshold"],
            record=record,
            limit=limit,
            offset=offset,
        )
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
        return {"run": run, "total": total, "pairs": pairs}
    finally:
        if own:
            store.close()


def decisions(
    db: PathLike | None = None, *, limit: int = 20, offset: int = 0, store: Store | None = None
) -> dict[str, Any]:
    """Curators' decisions, the latest first, with both records as the queue shows them.

    ``{"total": N, "decisions": [{"decision", "curator", "decided_at", "note",
    "probability" (None when the latest run did not score the pair), "linked", "a", "b"}]}``
    """
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        total, rows = dedupe_db.decision_page(store, limit, offset)
        records = _records(store, {r["record_a"] for r in rows} | {r["record_b"] for r in rows})
        found = []
        for row in rows:
            a, b = records[row["record_a"]], records[row["record_b"]]
            probability = row["probability"]
            found.append(
                {
                    "decision": row["decision"],
                    "curator": row["curator"],
                    "decided_at": row["decided_at"],
                    "note": row["note"],
                    "probability": None if probability is None else round(probability, 6),
                    "linked": a["cluster_id"] == b["cluster_id"],
                    "a": a,
                    "b": b,
                }
            )
        return {"total": total, "decisions": found}
    finally:
        if own:
            store.close()


@dataclass(frozen=True)
class Comparison:
    """How the latest run's model compared one field of two records."""

    #: The comparison's name in the model (``surname``, ``birth_year``, ...).
    field: str
    #: Each record's value as the model compared it (name keys, case-folded places).
    left: Any
    right: Any
    #: The model's own label for the level the pair fell in.
    level: str
    #: One of AGREEMENTS.
    agreement: str
    #: log2(m/u) of the level: what it added to the pair's match weight before the
    #: adjustment for common names; None where the field is missing or the run has no
    #: estimate.
    weight: float | None


def compare_pairs(store: Store, pairs: Iterable[Pair]) -> dict[Pair, list[Comparison]]:
    """Each pair's comparisons under the latest run's model, as that model's SQL reads them.

    The stored model (``dedupe_runs.model``) holds every comparison level's SQL condition
    and its m and u; the levels are evaluated here on DuckDB over the records' linkage
    columns, as Splink does when it scores.  Empty when there is no run, or the run's SQL
    does not run on DuckDB (a model written for another engine or an older set of columns).
    """
    import duckdb
    import pyarrow as pa

    # Both imported here: the queue and the CLI need neither.
    wanted = sorted({ordered(a, b) for a, b in pairs})
    stored = dedupe_db.latest_model(store)
    model = json.loads(stored) if stored else {}
    comparisons = model.get("comparisons") or []
    if not wanted or not comparisons:
        return {}
    ids = sorted({r for pair in wanted for r in pair})
    rows = registry_db.linkage_records(store, RECORD_COLUMNS, ids)
    keys = NameKeys(current_key_function()[1])
    linkage = {row[0]: row for row in linkage_rows((tuple(r) for r in rows), keys)}
    if len(linkage) < len(ids):
        return {}
    # Splink's comparison SQL names each record's columns <column>_l and <column>_r.
    table = pa.table(
        {
            f"{column}_{side}": _arrow([linkage[pair[index]][position] for pair in wanted])
            for position, column in enumerate(LINKAGE_COLUMNS)
            for side, index in (("l", 0), ("r", 1))
        }
    )
    cases = [_level_case(comparison) for comparison in comparisons]
    try:
        with duckdb.connect() as conn:
            conn.register("pairs", table)
            levels = conn.execute(f"SELECT {', '.join(cases)} FROM pairs").fetchall()
    except duckdb.Error:
        return {}
    found: dict[Pair, list[Comparison]] = {}
    for pair, chosen in zip(wanted, levels, strict=True):
        found[pair] = [
            _comparison(comparison, index, linkage[pair[0]], linkage[pair[1]])
            for comparison, index in zip(comparisons, chosen, strict=True)
        ]
    return found


def _arrow(values: list[Any]) -> Any:
    """A column of linkage values with its type (a column of Nones is still text)."""
    import pyarrow as pa

    if any(isinstance(v, list) for v in values):
        return pa.array(values, pa.list_(pa.string()))
    if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return pa.array(values, pa.int64())
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _level_case(comparison: dict[str, Any]) -> str:
    """The index of the first level whose condition holds, as one SQL CASE."""
    whens = []
    last = len(comparison["comparison_levels"]) - 1
    for index, level in enumerate(comparison["comparison_levels"]):
        condition = level["sql_condition"]
        if condition.strip().upper() == "ELSE":
            last = index
            break
        whens.append(f"WHEN {condition} THEN {index}")
    return f"CASE {' '.join(whens)} ELSE {last} END"


def _comparison(
    comparison: dict[str, Any],
    index: int,
    left: tuple[Any, ...],
    right: tuple[Any, ...],
) -> Comparison:
    levels = comparison["comparison_levels"]
    level = levels[index]
    field = comparison["output_column_name"]
    scored = [i for i, lv in enumerate(levels) if not lv.get("is_null_level")]
    if level.get("is_null_level"):
        agreement = "missing"
    elif index == scored[0]:
        agreement = "same"
    elif index == scored[-1]:
        agreement = "different"
    else:
        agreement = "close"
    m, u = level.get("m_probability"), level.get("u_probability")
    weight = None
    if agreement != "missing" and isinstance(m, float) and isinstance(u, float) and m > 0 < u:
        weight = round(math.log2(m / u), 2)
    position = LINKAGE_COLUMNS.index(field) if field in LINKAGE_COLUMNS else None
    return Comparison(
        field=field,
        left=None if position is None else left[position],
        right=None if position is None else right[position],
        level=level.get("label_for_charts") or "",
        agreement=agreement,
        weight=weight,
    )


def _records(store: Store, ids: set[int]) -> dict[int, dict[str, Any]]:
    return registry_db.records_with_registry(store, ids, REVIEW_FIELDS)


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
        found = registry_db.existing_records(store, (a, b))
        missing = [str(r) for r in (a, b) if r not in found]
        if missing:
            raise InputError(f"no record {' or '.join(missing)} in this database", path=store.path)
        decided_at = _now()
        with store.transaction() as conn:
            dedupe_db.save_decision(conn, a, b, decision, curator, decided_at, note)
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
    latest = dedupe_db.latest_threshold(store)
    # Before any run only decisions link: an accepted pair is linked whatever the model says.
    threshold = 2.0 if latest is None else latest
    links = dedupe_db.pairs_at_least(store, threshold)
    accepted, rejected = load_decisions(store)
    nodes = {r for link in links for r in link[:2]}
    nodes.update(r for pair in (*accepted, *rejected) for r in pair)
    # Records that were in a cluster before may have lost their links: give them their own.
    nodes.update(dedupe_db.records_clustered_with_decided(store))
    identities = record_identities(store, nodes)
    clustering = cluster_records(identities, links, threshold, accepted, rejected)
    return write_cluster_ids(store.conn, clustering.representative, identities)


def _curator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
