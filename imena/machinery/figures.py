"""Figures reconciled by measure and scope: conflicts, part-whole checks, quotas, flows.

- *Same measure and scope*: measure, operation, body, region and nationality equal, periods
  overlapping (or unknown).  Two such figures with different values, from one source or two,
  conflict: both are shown, each lists the other in ``conflicts_with``; ``compatible`` says
  whether their qualifiers let both be true ("almost 108,000" and "about 105,000").
- *Part and whole* (``violates``): a figure linked to its whole ("of them", "among them") must
  not exceed it; with the same scope, death sentences <= condemned <= examined
  (vocabulary.MEASURE_WITHIN); a nationality or a region <= the same figure without it.  A
  violation is stated only when the qualifiers cannot make both true (QUALIFIER_BOUNDS).
- *Quotas*: each quota is set beside the counts of the same region (and operation) reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from imena.machinery import reference
from imena.machinery.vocabulary import MEASURE_WITHIN, QUALIFIER_BOUNDS, STAGES
from imena.store.db import Store

_SCOPE = ("operation", "body", "region", "nationality")
_COUNTS = ("arrested", "condemned", "sentenced_to_death", "shot", "sentenced_to_camp")


@dataclass(frozen=True)
class FigureFilter:
    """Which figures to reconcile; None is any."""

    measure: str | None = None
    operation: str | None = None
    body: str | None = None
    region: str | None = None


def _bounds(fig: dict[str, Any]) -> tuple[float, float]:
    lo_f, hi_f = QUALIFIER_BOUNDS.get(fig["qualifier"], (1.0, 1.0))
    top = fig["value_max"] or fig["value"]
    return fig["value"] * lo_f, (top * hi_f if hi_f is not None else float("inf"))


def _periods_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    pa, pb = a["scope"]["period"] or {}, b["scope"]["period"] or {}
    a0, a1 = pa.get("from"), pa.get("to") or pa.get("from")
    b0, b1 = pb.get("from"), pb.get("to") or pb.get("from")
    if not (a0 or a1) or not (b0 or b1):
        return True
    return (a0 or a1) <= (b1 or b0) and (b0 or b1) <= (a1 or a0)


def _key(fig: dict[str, Any]) -> tuple[Any, ...]:
    return (fig["measure"], *(fig["scope"][k] for k in _SCOPE))


def load_figures(store: Store, flt: FigureFilter) -> list[dict[str, Any]]:
    """Figures matching the filter as CLI.md objects, citations resolved."""
    where, params = ["f.status != 'rejected'"], []
    for column, value in (
        ("measure", flt.measure),
        ("scope_operation", flt.operation),
        ("scope_body", flt.body),
        ("scope_region", flt.region),
    ):
        if value is not None:
            where.append(f"f.{column} = ? COLLATE NOCASE")
            params.append(value)
    rows = store.query(
        "SELECT f.* FROM figures f WHERE " + " AND ".join(where) + " ORDER BY f.id", tuple(params)
    )
    cites = reference.citations(store, "figure", [r["id"] for r in rows])
    out = []
    for r in rows:
        period = None
        if r["period_from"] or r["period_to"] or r["period_text"]:
            period = {"from": r["period_from"], "to": r["period_to"], "text": r["period_text"]}
        out.append(
            {
                "kind": "figure",
                "id": r["id"],
                "value": r["value"],
                "value_max": r["value_max"],
                "qualifier": r["qualifier"],
                "measure": r["measure"] or "count",
                "what": r["what"],
                "scope": {
                    "operation": r["scope_operation"],
                    "body": r["scope_body"],
                    "region": r["scope_region"],
                    "nationality": r["scope_nationality"],
                    "period": period,
                },
                "part_of": r["part_of"],
                "status": r["status"],
                "method": r["method"],
                "rule": r["rule"],
                "citations": cites.get(r["id"], []),
            }
        )
    return out


def reconcile_figures(store: Store, flt: FigureFilter | None = None) -> list[dict[str, Any]]:
    """CLI.md ``figures --json``: every figure with ``conflicts_with`` and ``violates``."""
    reference.ensure_reference(store)
    flt = flt or FigureFilter()
    shown = load_figures(store, flt)
    # Part-whole checks need the related figures too: the other measures of the part-whole
    # order and the wider scopes.  They are read without citations (only checked, not shown).
    figures = list(shown)
    by_id = {f["id"]: f for f in figures}
    if flt.measure is not None or flt.region is not None:
        for fig in _related(store, flt):
            if fig["id"] not in by_id:
                by_id[fig["id"]] = fig
                figures.append(fig)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for fig in figures:
        fig["conflicts_with"] = []
        fig["compatible_with"] = []
        fig["violates"] = []
        groups.setdefault(_key(fig), []).append(fig)
    for group in groups.values():
        values: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
        for fig in group:
            values.setdefault((fig["value"], fig["value_max"]), []).append(fig)
        if len(values) < 2:
            continue
        for fig in group:
            for other in group:
                same = (other["value"], other["value_max"]) == (fig["value"], fig["value_max"])
                if same or not _periods_overlap(fig, other):
                    continue
                fig["conflicts_with"].append(other["id"])
                lo1, hi1 = _bounds(fig)
                lo2, hi2 = _bounds(other)
                if lo1 <= hi2 and lo2 <= hi1:
                    fig["compatible_with"].append(other["id"])
    for fig in figures:
        whole = by_id.get(fig["part_of"] or "")
        if whole is not None:
            _check(fig, whole, "of which it is a part")
        for part_m, whole_m in MEASURE_WITHIN:
            if fig["measure"] != part_m:
                continue
            for other in groups.get((whole_m, *(fig["scope"][k] for k in _SCOPE)), []):
                if _periods_overlap(fig, other):
                    _check(fig, other, f"{whole_m} of the same scope")
        for key in ("nationality", "region"):
            if fig["scope"][key] is None:
                continue
            wider = tuple(None if k == key else fig["scope"][k] for k in _SCOPE)
            for other in groups.get((fig["measure"], *wider), []):
                if _periods_overlap(fig, other):
                    _check(fig, other, f"the same figure without {key}")
    _quotas(figures)
    return shown


def _related(store: Store, flt: FigureFilter) -> list[dict[str, Any]]:
    """Figures a filtered set is checked against, as light objects (no citations)."""
    where, params = ["status != 'rejected'"], []
    if flt.measure is not None:
        measures = {flt.measure} | {
            other for pair in MEASURE_WITHIN if flt.measure in pair for other in pair
        }
        where.append(f"measure IN ({','.join('?' * len(measures))})")
        params.extend(sorted(measures))
    for column, value in (("scope_operation", flt.operation), ("scope_body", flt.body)):
        if value is not None:
            where.append(f"{column} = ? COLLATE NOCASE")
            params.append(value)
    rows = store.query(
        "SELECT id, value, value_max, qualifier, measure, what, scope_operation, scope_body, "
        "scope_region, scope_nationality, period_from, period_to, period_text, part_of "
        f"FROM figures WHERE {' AND '.join(where)}",
        tuple(params),
    )
    return [
        {
            "id": r["id"],
            "value": r["value"],
            "value_max": r["value_max"],
            "qualifier": r["qualifier"],
            "measure": r["measure"] or "count",
            "what": r["what"],
            "scope": {
                "operation": r["scope_operation"],
                "body": r["scope_body"],
                "region": r["scope_region"],
                "nationality": r["scope_nationality"],
                "period": {"from": r["period_from"], "to": r["period_to"]}
                if r["period_from"] or r["period_to"]
                else None,
            },
            "part_of": r["part_of"],
        }
        for r in rows
    ]


def _check(part: dict[str, Any], whole: dict[str, Any], why: str) -> None:
    lo_part, _ = _bounds(part)
    _, hi_whole = _bounds(whole)
    if lo_part > hi_whole:
        part["violates"].append(
            f"{_show(part)} {part['measure']} exceeds {_show(whole)} {whole['measure']} "
            f"({why}, {whole['id']})"
        )


def _show(fig: dict[str, Any]) -> str:
    qual = "" if fig["qualifier"] == "exact" else f"{fig['qualifier']} "
    top = f"–{fig['value_max']:,}" if fig["value_max"] else ""
    return f"{qual}{fig['value']:,}{top}"


def _quotas(figures: list[dict[str, Any]]) -> None:
    counts: dict[str, list[dict[str, Any]]] = {}
    for fig in figures:
        if fig["measure"] in _COUNTS and fig["scope"]["region"] is not None:
            counts.setdefault(fig["scope"]["region"], []).append(fig)
    for quota in figures:
        if quota["measure"] != "quota" or quota["scope"]["region"] is None:
            continue
        operation = quota["scope"]["operation"]
        quota["counts_beside"] = [
            other["id"]
            for other in counts.get(quota["scope"]["region"], [])
            if operation is None or other["scope"]["operation"] in (None, operation)
        ]


def flow(store: Store, operation: str | None = None, body: str | None = None) -> dict[str, Any]:
    """The stages a source reports for an operation or body, as a table and as nodes and links.

    Each stage keeps its figures (value, qualifier, citation); nationality figures hang below
    the stage of their whole.  ``violates`` lists the part-whole checks that fail.
    """
    if operation is None and body is None:
        raise ValueError("flow needs an operation or a body")
    figures = reconcile_figures(store, FigureFilter(operation=operation, body=body))
    stages: list[dict[str, Any]] = []
    used: set[str] = set()
    for stage, measures in STAGES:
        rows = []
        for fig in figures:
            if fig["id"] in used or fig["measure"] not in measures or fig["scope"]["nationality"]:
                continue
            albums = any(
                "album" in (c.get("quote") or "") for c in fig["citations"]
            ) or "album" in (fig["what"] or "")
            if (stage == "in_albums") != albums and fig["measure"] == "arrested":
                continue
            if stage == "in_albums" and not albums:
                continue
            rows.append(fig)
            used.add(fig["id"])
        if rows:
            stages.append({"stage": stage, "figures": rows, "parts": []})
    for fig in figures:
        if fig["scope"]["nationality"] and fig["id"] not in used:
            home = next(
                (s for s in stages if any(f["id"] == fig["part_of"] for f in s["figures"])), None
            ) or next((s for s in stages if fig["measure"] in dict(STAGES)[s["stage"]]), None)
            if home is not None:
                home["parts"].append(fig)
                used.add(fig["id"])
    nodes = [{"id": s["stage"], "value": s["figures"][0]["value"]} for s in stages]
    links = []
    for a, b in pairwise(stages):
        links.append(
            {"source": a["stage"], "target": b["stage"], "value": b["figures"][0]["value"]}
        )
    for s in stages:
        for part in s["parts"]:
            node = f"{s['stage']}:{part['scope']['nationality']}"
            nodes.append({"id": node, "value": part["value"]})
            links.append({"source": s["stage"], "target": node, "value": part["value"]})
    violations = [v for f in figures if f["id"] in used for v in f["violates"]]
    return {
        "operation": operation,
        "body": body,
        "stages": stages,
        "nodes": nodes,
        "links": links,
        "violates": violations,
        "consistent": not violations,
    }
