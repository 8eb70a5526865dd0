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

import gc
import json
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from operator import itemgetter
from typing import Any

from imena.machinery import reference
from imena.machinery.vocabulary import MEASURE_WITHIN, QUALIFIER_BOUNDS, STAGES
from imena.store import machinery as stored
from imena.store.db import Store
from imena.store.machinery import FigureFilter

_SCOPE = ("operation", "body", "region", "nationality")
_COUNTS = ("arrested", "condemned", "sentenced_to_death", "shot", "sentenced_to_camp")
#: The measures a measure lies within, with the same scope (examined for condemned).
_WHOLES: dict[str, tuple[str, ...]] = {
    part: tuple(w for p, w in MEASURE_WITHIN if p == part) for part, _ in MEASURE_WITHIN
}


def _bounds(fig: dict[str, Any]) -> tuple[float, float]:
    lo_f, hi_f = QUALIFIER_BOUNDS.get(fig["qualifier"], (1.0, 1.0))
    top = fig["value_max"] or fig["value"]
    return fig["value"] * lo_f, (top * hi_f if hi_f is not None else float("inf"))


def _span(fig: dict[str, Any]) -> tuple[str, str] | None:
    """The period of a figure's scope as (first, last) day; None if unknown (overlaps all)."""
    period = fig["scope"]["period"] or {}
    first, last = period.get("from"), period.get("to")
    if not (first or last):
        return None
    return first or last, last or first


def _periods_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, sb = _span(a), _span(b)
    return sa is None or sb is None or (sa[0] <= sb[1] and sb[0] <= sa[1])


def load_figures(store: Store, flt: FigureFilter) -> list[dict[str, Any]]:
    """Figures matching the filter as CLI.md objects, citations resolved, in id order, with
    empty ``conflicts_with``, ``compatible_with`` and ``violates`` (see reconcile_figures).

    One query: each figure joined to its citations (a row per citation).
    """
    rows = stored.shown_figure_rows(store, flt)
    width = stored.SHOWN_WIDTH
    out: list[dict[str, Any]] = []
    fig: dict[str, Any] = {"id": None}
    cites: list[dict[str, Any]] = []
    cids: list[int] = []
    several: list[tuple[dict[str, Any], list[int]]] = []
    for row in rows:
        if row[0] != fig["id"]:
            fig = stored.figure_object(row, shown=True)
            fig["citations"] = cites = []
            fig["conflicts_with"], fig["compatible_with"], fig["violates"] = [], [], []
            out.append(fig)
            cids = []
        if row[width] is None:  # a figure without citations
            continue
        # The citation objects of reference.citations (resolved if the reference data's).
        source, passage, start, end, quote, notes, locator, match = row[width + 1 :]
        item: dict[str, Any] = {
            "source": source,
            "passage": passage,
            "start": start,
            "end": end,
            "quote": quote,
            "notes": [] if notes == "[]" else json.loads(notes),
        }
        if locator:
            item["locator"] = locator
        if match:
            item = reference.resolve(store, item, json.loads(match))
        cites.append(item)
        cids.append(row[width])
        if len(cids) == 2:
            several.append((fig, cids))
    for fig, ids in several:  # a figure's citations in the order they were made
        pairs = sorted(zip(ids, fig["citations"], strict=True), key=itemgetter(0))
        fig["citations"] = [cite for _, cite in pairs]
    return out


def _checked_against(
    store: Store, flt: FigureFilter, shown: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The figures outside the filter that shown figures are checked against (no citations).

    A shown figure's conflicts, and its part-whole checks with the same measure and scope,
    fall within the filter; outside it lie only the wholes of a filtered measure (examined
    for condemned) of a shown scope, the same figure without a filtered region, and the
    wholes a figure is linked to by ``part_of``.
    """
    # Each read: its rows, and whether only the wholes looked for are kept from them.
    queries: list[tuple[Callable[[], list[tuple[Any, ...]]], bool]] = []
    if flt.measure is not None:
        measures = {f["measure"] for f in shown}
        wholes = sorted({w for m in measures for w in _WHOLES.get(m, ())} - measures)
        if wholes:
            queries.append((lambda: stored.wider_figure_rows(store, flt, measures=wholes), True))
    if flt.region is not None:
        queries.append((lambda: stored.wider_figure_rows(store, flt, no_region=True), True))
    wanted: set[tuple[Any, ...]] = set()  # measure and scope of the wholes looked for
    for fig in shown if queries else ():
        scope = fig["scope"]
        operation, body, region = scope["operation"], scope["body"], scope["region"]
        for whole_m in _WHOLES.get(fig["measure"], ()):
            wanted.add((whole_m, operation, body, region, scope["nationality"]))
        if region is not None:
            wanted.add((fig["measure"], operation, body, None, scope["nationality"]))
    ids = {f["id"] for f in shown}
    linked = sorted({f["part_of"] for f in shown if f["part_of"] and f["part_of"] not in ids})
    if linked:
        queries.append((lambda: stored.figure_rows_by_id(store, linked), False))
    out = []
    for read, only_wanted in queries:
        for row in read():
            key = (row[4] or "count", row[5], row[6], row[7], row[8])
            if row[0] in ids or (only_wanted and key not in wanted):
                continue
            ids.add(row[0])
            out.append(stored.figure_object(row, shown=False))
    return out


class _Groups:
    """Figures by measure and scope, each group in id order, for the checks of the shown ones.

    A figure of the same measure and scope as a shown one matches the filter too, so a group
    is all shown figures or all figures read only to be checked against.
    """

    def __init__(self, shown: list[dict[str, Any]], extra: list[dict[str, Any]]) -> None:
        self.groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self.by_top: dict[tuple[Any, ...], tuple[list[float], list[int]]] = {}
        groups = self.groups
        for fig in (*shown, *sorted(extra, key=itemgetter("id"))):
            scope = fig["scope"]
            key = (fig["measure"], scope["operation"], scope["body"], scope["region"],
                   scope["nationality"])  # fmt: skip
            group = groups.get(key)
            if group is None:
                groups[key] = [fig]
            else:
                group.append(fig)

    def below(self, key: tuple[Any, ...], limit: float) -> list[dict[str, Any]]:
        """Members of a group whose upper bound is below ``limit``, in group order: the
        wholes a part with lower bound ``limit`` exceeds (each group sorted once)."""
        figs = self.groups.get(key)
        if not figs:
            return []
        if len(figs) == 1:
            return figs if _bounds(figs[0])[1] < limit else []
        if key not in self.by_top:
            tops = [_bounds(f)[1] for f in figs]
            order = sorted(range(len(figs)), key=tops.__getitem__)
            self.by_top[key] = ([tops[i] for i in order], order)
        tops, order = self.by_top[key]
        return [figs[i] for i in sorted(order[: bisect_left(tops, limit)])]


def reconcile_figures(store: Store, flt: FigureFilter | None = None) -> list[dict[str, Any]]:
    """CLI.md ``figures --json``: every figure with ``conflicts_with`` and ``violates``.

    Linear in the figures read, apart from what is reported: conflicts are found once per
    distinct value of a group, part-whole violations from the wholes sorted by upper bound.
    """
    reference.ensure_reference(store)
    flt = flt or FigureFilter()
    with _no_cyclic_gc():
        shown = load_figures(store, flt)
        extra = _checked_against(store, flt, shown)
        groups = _Groups(shown, extra)
        _conflicts(groups)
        by_id = {f["id"]: f for f in extra}
        by_id.update((f["id"], f) for f in shown)
        for fig in shown:
            _violations(fig, groups, by_id)
        _quotas(shown)
    return shown


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an answer is built.

    An answer of thousands of figures is some ten new containers per figure (dicts and
    lists, no cycles: reference counting frees them).  Their allocation alone triggers
    collections that walk every object in the process, again and again: a fifth of the
    time of a 5,000-figure answer.  The collector runs as usual afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _violations(fig: dict[str, Any], groups: _Groups, by_id: dict[str, dict[str, Any]]) -> None:
    """The part-whole checks of one figure: its linked whole, the wider measures, the wider
    scopes; only the wholes whose upper bound is below the figure's lower bound are looked at."""
    if fig["part_of"]:
        whole = by_id.get(fig["part_of"])
        if whole is not None:
            _check(fig, whole, "of which it is a part")
    scope, present = fig["scope"], groups.groups
    measure, operation, body = fig["measure"], scope["operation"], scope["body"]
    region, nationality = scope["region"], scope["nationality"]
    wider = []
    for whole_m in _WHOLES.get(measure, ()):
        key = (whole_m, operation, body, region, nationality)
        if key in present:
            wider.append((key, f"{whole_m} of the same scope"))
    if nationality is not None and (measure, operation, body, region, None) in present:
        wider.append(((measure, operation, body, region, None), _WITHOUT_NATIONALITY))
    if region is not None and (measure, operation, body, None, nationality) in present:
        wider.append(((measure, operation, body, None, nationality), _WITHOUT_REGION))
    if not wider:
        return
    low = _bounds(fig)[0]
    for key, why in wider:
        for other in groups.below(key, low):
            if _periods_overlap(fig, other):
                _check(fig, other, why)


_WITHOUT_NATIONALITY = "the same figure without nationality"
_WITHOUT_REGION = "the same figure without region"


def _conflicts(groups: _Groups) -> None:
    """Each figure against the figures of its group with another value.

    The figures with other values are listed once per distinct value (not once per pair);
    only a figure with a known period is compared with them one by one, for overlap.
    """
    for figs in groups.groups.values():
        if len(figs) < 2 or "conflicts_with" not in figs[0]:  # none, or none shown
            continue
        values = {(f["value"], f["value_max"]) for f in figs}
        if len(values) < 2:
            continue
        others: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
        for fig in figs:
            value = (fig["value"], fig["value_max"])
            if value not in others:
                others[value] = [o for o in figs if (o["value"], o["value_max"]) != value]
            candidates = others[value]
            if _span(fig) is not None:
                candidates = [o for o in candidates if _periods_overlap(fig, o)]
            fig["conflicts_with"] = [o["id"] for o in candidates]
            lo1, hi1 = _bounds(fig)
            compatible = fig["compatible_with"]
            for other in candidates:
                lo2, hi2 = _bounds(other)
                if lo1 <= hi2 and lo2 <= hi1:
                    compatible.append(other["id"])


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
    """Each quota beside the counts of its region (of its operation, or of no operation)."""
    if not any(fig["measure"] == "quota" for fig in figures):
        return
    counts: dict[tuple[str, str | None], list[tuple[int, str]]] = {}
    regions: dict[str, list[str]] = {}
    for i, fig in enumerate(figures):
        region = fig["scope"]["region"]
        if fig["measure"] in _COUNTS and region is not None:
            counts.setdefault((region, fig["scope"]["operation"]), []).append((i, fig["id"]))
            regions.setdefault(region, []).append(fig["id"])
    for quota in figures:
        region = quota["scope"]["region"]
        if quota["measure"] != "quota" or region is None:
            continue
        operation = quota["scope"]["operation"]
        if operation is None:
            quota["counts_beside"] = list(regions.get(region, ()))
        else:
            beside = [*counts.get((region, None), ()), *counts.get((region, operation), ())]
            quota["counts_beside"] = [fid for _, fid in sorted(beside)]


def flow(store: Store, operation: str | None = None, body: str | None = None) -> dict[str, Any]:
    """The stages a source reports for an operation or body, as a table and as nodes and links.

    Each stage keeps its figures (value, qualifier, citation); nationality figures hang below
    the stage of their whole.  ``violates`` lists the part-whole checks that fail.
    """
    if operation is None and body is None:
        raise ValueError("flow needs an operation or a body")
    figures = reconcile_figures(store, FigureFilter(operation=operation, body=body))
    return flow_of(figures, operation, body)


def flows(store: Store) -> list[dict[str, Any]]:
    """The flow of every body, one per operation it reports on (by operation, then body),
    of those with at least two stages: figures reconciled once, for all of them."""
    scopes: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for fig in reconcile_figures(store):
        scope = fig["scope"]
        if scope["body"] is not None:
            scopes.setdefault((scope["operation"] or "", scope["body"]), []).append(fig)
    out = []
    for (operation, body), figures in sorted(scopes.items()):
        found = flow_of(figures, operation or None, body)
        if len(found["stages"]) >= 2:
            out.append(found)
    return out


def flow_of(
    figures: list[dict[str, Any]], operation: str | None = None, body: str | None = None
) -> dict[str, Any]:
    """The flow of reconciled figures (``reconcile_figures``) of one operation or body."""
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
