"""What each page shows, read from the store: plain dicts for the templates, no HTML here.

Every query takes its values as parameters; the only SQL assembled from pieces joins
fixed fragments written in this module, never text from a request.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from imena import identity
from imena.errors import InputError
from imena.machinery.decisions import decisions as machinery_decisions
from imena.machinery.figures import flows as machinery_flows
from imena.machinery.terms import describe as describe_term
from imena.machinery.terms import terms_of
from imena.store import claims, documents, persons
from imena.store import registry as stored_registry
from imena.store.db import Store
from imena.web import charts
from imena.web.cache import Aggregates, uncached
from imena.web.dates import date_text, interval_text, iso_text, parse_iso
from imena.web.highlight import Span, number_forms, render_passage, word_pattern

#: Bodies whose decisions the chronology singles out (the Plenum counts as the Committee).
DECIDING_BODIES = ("Politburo", "Central Committee")
#: Colour groups of event types on timelines (the CSS classes of charts.Mark).
EVENT_GROUPS = {
    "career": ("appointment", "dismissal", "transfer", "promotion", "election", "award"),
    "repression": ("arrest", "sentence", "execution", "death", "expulsion", "deportation"),
    "decision": ("decision", "order", "quota", "meeting"),
}
#: Events per chronology page (a page of events with their quotes stays under 300 KB).
PAGE_SIZE = 100
#: At most this many events on a person page; the rest are in the chronology.
PERSON_EVENTS = 100
#: At most this many offices, relations and figures on a person page (the page says how
#: many there are in all; offices have their own pages, events the chronology).
PERSON_OTHERS = 50
#: At most this many bars in one Gantt chart (the list below it has every term).
GANTT_ROWS = 60
#: At most this many decisions "at a glance" (the filtered chronology has them all).
GLANCE = 60


def event_group(event_type: str) -> str:
    for group, types in EVENT_GROUPS.items():
        if event_type in types:
            return group
    return "other"


def anchor(passage_id: str | None) -> str:
    """The reader's anchor of a passage: 'source:p42' → 'p42'."""
    return (passage_id or "").rsplit(":", 1)[-1]


def passage_href(citation: dict[str, Any]) -> str:
    return f"/sources/{citation['source']}#{anchor(citation['passage'])}"


# -- persons ---------------------------------------------------------------------------------


def find_person_ids(store: Store, query: str, limit: int = 20) -> list[str]:
    """Persons any of whose names is a word of the query (any spelling), best first."""
    return [p["id"] for p in identity.find_persons(store, query, limit=limit)]


def person_summaries(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Name, forms and how much is known, for lists of persons."""
    if not ids:
        return []
    rows = persons.rows(store, ids)
    forms = persons.forms(store, ids)
    mentions = persons.mentions(store, ids)
    return [
        {
            "id": pid,
            "name": rows[pid]["name"],
            "cyrillic": rows[pid]["cyrillic"],
            "names": forms.get(pid, []),
            "events": mentions.get(pid, 0),
        }
        for pid in ids
        if pid in rows
    ]


def person_page(store: Store, person_id: str) -> dict[str, Any] | None:
    """Everything the person page shows, each item with its citations."""
    row = persons.row(store, person_id)
    if row is None:
        return None
    names = persons.name_rows(store, person_id)
    counts = persons.claim_counts(store, person_id)
    # A person named in thousands of claims gets the earliest ones here and the rest in
    # the chronology, filtered by person and paged, so the page stays readable and fast.
    events = claims.events_of_person(store, person_id, limit=PERSON_EVENTS)
    held = holdings(store, terms_of(store, person_ids=[person_id]))
    relations = claims.relations_of_person(store, person_id, limit=PERSON_OTHERS)
    # Figures stated in the very sentences that cite this person's events.
    sentences = {(c["passage"], c["start"]) for e in events for c in e["citations"]}
    passages = sorted({passage for passage, _ in sentences if passage})
    figure_ids = [
        fid
        for fid, passage, start in claims.figure_ids_cited_in(store, passages)
        if (passage, start) in sentences
    ]
    figure_ids = list(dict.fromkeys(figure_ids))[:PERSON_OTHERS]
    figures = claims.figures_by_ids(store, figure_ids) if figure_ids else []
    dated = sorted(
        (e for e in events if e["date"]["from"] or e["date"]["to"]),
        key=lambda e: (e["date"]["from"] or e["date"]["to"], e["id"]),
    )
    undated = [e for e in events if not (e["date"]["from"] or e["date"]["to"])]
    marks_ = [
        charts.Mark(
            start=parse_iso(e["date"]["from"] or e["date"]["to"]),  # type: ignore[arg-type]
            end=parse_iso(e["date"]["to"] or e["date"]["from"]),  # type: ignore[arg-type]
            label=f"{date_text(e['date'])}: {e['type']}",
            href=f"#{dom_id(e['id'])}",
            group=event_group(e["type"]),
            unreviewed=e["status"] == "proposed",
        )
        for e in dated
    ]
    bars = [_holding_bar(h, h["office"]) for h in held[:GANTT_ROWS]]
    return {
        "person": row,
        "names": names,
        "events": dated + undated,
        "event_count": counts["events"],
        "dated": len(dated),
        "holdings": held,
        "relations": relations,
        "relation_count": counts["relations"],
        "figures": figures,
        "timeline": charts.timeline(marks_, f"Timeline of {row['name']}"),
        "gantt": charts.gantt(
            bars,
            f"Offices held by {row['name']}",
            until=max((m.end for m in marks_), default=None),
        ),
    }


def dom_id(claim_id: str) -> str:
    """An HTML id for a claim ('src:e25' → 'c-src-e25')."""
    return "c-" + re.sub(r"[^A-Za-z0-9_-]", "-", claim_id)


# -- sources ---------------------------------------------------------------------------------


def source_list(store: Store) -> list[dict[str, Any]]:
    return documents.source_list(store)


def source_reader(store: Store, source_id: str) -> dict[str, Any] | None:
    """The cleaned text in reading order, persons, dates and figures linked in it."""
    source = store.source(source_id)
    if source is None:
        return None
    rows = store.passages(source_id)
    markers = store.markers_by_passage(source_id)
    spans = _source_spans(store, source_id, {r["id"]: r["text"] for r in rows})
    anchors = {r["id"]: anchor(r["id"]) for r in rows}
    claim_counts = documents.citations_per_passage(store, source_id)
    passages = []
    for row in rows:
        markup = [tuple(m) for m in json.loads(row["markup"] or "[]")]
        passages.append(
            {
                "id": row["id"],
                "anchor": anchors[row["id"]],
                "kind": row["kind"],
                "page": row["page"],
                "note_label": row["note_label"],
                "note_for": anchors.get(row["note_for"]) if row["note_for"] else None,
                "claims": claim_counts.get(row["id"], 0),
                "html": render_passage(
                    row["text"],
                    markup=markup,
                    markers=markers.get(row["id"], []),
                    spans=spans.get(row["id"], []),
                    note_anchor=anchors,
                ),
            }
        )
    return {"source": dict(source), "passages": passages}


def _source_spans(store: Store, source_id: str, texts: dict[str, str]) -> dict[str, list[Span]]:
    """Where persons, dates and figures stand in each passage of a source."""
    out: dict[str, list[Span]] = defaultdict(list)
    cited = documents.persons_cited(store, source_id)
    by_form: dict[str, tuple[str, str]] = {}
    if cited:
        names = {p["id"]: p["name"] for p in cited}
        for pid, forms in persons.forms(store, sorted(names)).items():
            for form in map(_apostrophes, forms):
                # A form shared by two persons (an "Ezhov" brother) is not linked to either.
                if form in by_form and by_form[form][0] != pid:
                    by_form[form] = ("", "")
                else:
                    by_form[form] = (pid, names[pid])
    pattern = word_pattern(f for f, (pid, _) in by_form.items() if pid)
    if pattern is not None:
        for pid_, text in texts.items():
            for m in pattern.finditer(text):
                pid, name = by_form[_apostrophes(m.group(0))]
                out[pid_].append(Span(m.start(), m.end(), f"/persons/{pid}", "person", name))
    for row in documents.dated_event_citations(store, source_id):
        text = texts.get(row["passage_id"], "")
        lo, hi = row["start"] or 0, row["end"] or len(text)
        at = text.find(row["date_text"], lo, hi)
        if at >= 0:
            when = date_text(
                {"from": row["date_from"], "to": row["date_to"], "text": row["date_text"]}
            )
            out[row["passage_id"]].append(
                Span(
                    at,
                    at + len(row["date_text"]),
                    # The chronology of that date: the event is on its first page.
                    _day_href(row["date_from"], row["date_to"], row["id"]),
                    "date",
                    when,
                )
            )
    for row in documents.figure_citations(store, source_id):
        text = texts.get(row["passage_id"], "")
        lo, hi = row["start"] or 0, row["end"] or len(text)
        for form in number_forms(row["value"]):
            m = re.compile(rf"(?<![\d,.]){re.escape(form)}(?![\d])").search(text, lo, hi)
            if m:
                out[row["passage_id"]].append(
                    Span(
                        m.start(),
                        m.end(),
                        f"/figures#{dom_id(row['id'])}",
                        "figure",
                        f"{row['value']:,} ({(row['measure'] or '').replace('_', ' ')})",
                    )
                )
                break
    return out


def _day_href(date_from: str | None, date_to: str | None, event_id: str) -> str:
    """The chronology filtered to an event's dates, scrolled to the event."""
    if not date_from:
        # An event dated only in words ("that winter") is on no page of dates: its own page.
        return f"/claims/event/{quote(event_id)}"
    query = urlencode({"from": date_from, "to": date_to or date_from})
    return f"/chronology?{query}#{dom_id(event_id)}"


def _apostrophes(text: str) -> str:
    return text.replace("’", "'")


# -- search ----------------------------------------------------------------------------------


def search(store: Store, query: str) -> dict[str, Any]:
    """Persons, events, figures, passages and sources (and registry records) matching ``query``."""
    query = query.strip()
    if not query:
        return {"query": "", "groups": {}, "total": 0}
    pids = find_person_ids(store, query)
    persons = person_summaries(store, pids)
    # Text in the sources is mostly romanised: a Cyrillic (or other) spelling of a person is
    # also looked for as the forms that person is written in.
    terms = [query]
    for person in persons[:3]:
        terms.extend(sorted(person["names"], key=len, reverse=True)[:2])
    terms = list(dict.fromkeys(t for t in terms if len(t) > 1))[:7]
    passages: list[dict[str, Any]] = []
    # A one-character term would match nearly every passage: passages are searched only
    # for longer terms (the other groups still answer a one-character query).
    if terms:
        passages = [
            {**r, "snippet": _snippet(r["text"], terms)}
            for r in documents.passages_containing(store, terms, 30)
        ]
    for passage in passages:
        passage["anchor"] = anchor(passage["id"])
    events: list[dict[str, Any]] = []
    if pids:
        events = claims.events_of_persons(store, pids[:5], 30)
    if len(events) < 30:
        seen = {e["id"] for e in events}
        events += [e for e in claims.events_matching(store, query, 30) if e["id"] not in seen][
            : 30 - len(events)
        ]
    figures = claims.figures_matching(store, query, 30)
    sources = documents.sources_matching(store, query, 20)
    offices = claims.offices_matching(store, query, 20)
    records, records_total = registry_hits(store, query)
    groups = {
        "persons": persons,
        "events": events,
        "figures": figures,
        "offices": offices,
        "sources": sources,
        "passages": passages,
        "records": records,
    }
    total = sum(len(v) for v in groups.values())
    return {"query": query, "groups": groups, "total": total, "records_total": records_total}


def _snippet(text: str, terms: list[str], width: int = 220) -> str:
    lower = text.lower()
    at = min((i for i in (lower.find(t.lower()) for t in terms) if i >= 0), default=0)
    lo = max(0, at - width // 3)
    hi = min(len(text), lo + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def registry_hits(store: Store, query: str, limit: int = 20) -> tuple[list[dict], int]:
    """Registry records for a name query (imena.registry), or none when there are no registries."""
    if not stored_registry.any_registry(store):
        return [], 0
    from imena.registry import search_records

    try:
        result = search_records(query, store=store, limit=limit)
    except InputError:
        # A query with no name in it (a number, an event type) finds no records.
        return [], 0
    return result.hits, result.total


def record_page(store: Store, record_id: int) -> dict[str, Any] | None:
    record = stored_registry.record_in_registry(store, record_id)
    if record is None:
        return None
    raw = json.loads(record.pop("raw") or "{}")
    same = (
        stored_registry.cluster_members(store, record["cluster_id"], record_id)
        if record["cluster_id"]
        else []
    )
    # Pairs with this record that wait for a curator (imena.web.registry_review).
    from imena.registry.review import review_queue

    to_review = review_queue(store=store, limit=0, record=record_id)["total"]
    return {"record": record, "raw": raw, "same": same, "to_review": to_review}


# -- chronology ------------------------------------------------------------------------------


def chronology(
    store: Store,
    *,
    type_: str = "",
    body: str = "",
    person: str = "",
    date_from: str = "",
    date_to: str = "",
    page: int = 1,
    cache: Aggregates | None = None,
) -> dict[str, Any]:
    """Events by date with the filters of the chronology page, counts by month, decisions.

    Only the page's events are read in full; the counts, the chart and the lists of
    types, bodies and decisions are the same for every page and come from ``cache``
    while the database is unchanged.
    """
    get = cache.get if cache is not None else uncached
    lo, hi = _period_bound(date_from, end=False), _period_bound(date_to, end=True)
    if lo and hi and hi < lo:
        raise InputError(
            f"the period ends ({date_to}) before it begins ({date_from}): swap the two dates"
        )
    flt = claims.EventFilter(type=type_, body=body, person=person, lo=lo, hi=hi)
    key = ("chronology", type_, body, person, date_from, date_to)
    total, dated = get((*key, "total"), lambda: claims.count_events(store, flt))
    page = max(page, 1)
    events = claims.event_page(store, flt, (page - 1) * PAGE_SIZE, PAGE_SIZE, dated)

    def month_chart() -> Any:
        counts = claims.events_by_month(store, flt)
        return charts.month_counts(counts, "Events by month", href="?from=")

    return {
        "events": events,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "chart": get((*key, "months"), month_chart),
        "types": get(("event types",), lambda: claims.event_type_counts(store)),
        "bodies": get(("bodies",), lambda: claims.bodies_by_events(store, 60)),
        "decisions": get(("decisions", lo, hi), lambda: decisions(store, lo, hi)),
        "person": person_summaries(store, [person]) if person else [],
    }


def _period_bound(text: str, *, end: bool) -> str | None:
    """'1938', '1938-03' or '1938-03-17' as the first (or last) day it covers."""
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) or parse_iso(text) is None:
        raise InputError(f"period {text!r}: write a year, YYYY-MM or YYYY-MM-DD")
    if len(text) == 4:
        return f"{text}-12-31" if end else f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-31" if end else f"{text}-01"
    return text


def decisions(store: Store, lo: str | None = None, hi: str | None = None) -> dict[str, Any]:
    """Decisions of the Politburo and the Central Committee (imena.machinery.decisions, as
    the CLI's ``decisions``), the first of them "at a glance"."""
    found = machinery_decisions(store, DECIDING_BODIES, lo, hi)
    return {"items": found[:GLANCE], "total": len(found)}


# -- offices and figures ---------------------------------------------------------------------


def office_list(store: Store) -> list[dict[str, Any]]:
    return claims.offices_with_terms(store)


#: Citations shown for one holding before "and N more" (a post signed on hundreds of lists).
HOLDING_CITES = 3


def holdings(store: Store, merged: list[Any]) -> list[dict[str, Any]]:
    """Merged terms (imena.machinery.terms.Term) as the pages show them: one per person and
    office, with how many pieces of evidence it rests on, a few citations and the rest
    counted, and the machinery's conflicts."""
    out = []
    for term in merged:
        data = term.as_json(store)
        statuses = [r["status"] for r in term.rows]
        out.append(
            {
                "id": f"{term.person_id}--{term.office_id}",
                "person": data["person"],
                "office": term.office,
                "office_id": term.office_id,
                "start": data["start"],
                "end": data["end"],
                "held": data["held"],
                "described": describe_term(term),
                "evidence": data["evidence"],
                "unreviewed": statuses.count("proposed"),
                "status": "proposed" if "proposed" in statuses else (statuses or ["accepted"])[0],
                "method": term.rows[0]["method"] if term.rows else "",
                "citations": data["citations"][:HOLDING_CITES],
                "more_citations": max(0, len(data["citations"]) - HOLDING_CITES),
                "conflicts": data["conflicts"],
            }
        )
    return out


def _holding_bar(h: dict[str, Any], label: str) -> charts.Bar:
    start, end = h["start"] or {}, h["end"] or {}
    return charts.Bar(
        label=label,
        start=parse_iso(start.get("from") or start.get("to")),
        end=parse_iso(end.get("to") or end.get("from")),
        href=f"#{dom_id(h['id'])}",
        unreviewed=h["status"] == "proposed",
    )


def office_page(store: Store, office_id: str) -> dict[str, Any] | None:
    row = claims.office(store, office_id)
    if row is None:
        return None
    held = holdings(store, terms_of(store, office_ids=[office_id]))
    events = claims.events_of_office(store, office_id)
    return {
        "office": row,
        "holdings": held,
        "events": events,
        "gantt": charts.gantt(
            [_holding_bar(h, h["person"]["name"]) for h in held[:GANTT_ROWS]],
            f"Holders of {row['name']} over time",
        ),
        "event_conflicts": claims.event_conflicts_of_office(store, office_id),
    }


def conflicts(store: Store, kind: str, ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """Recorded conflicts (table ``conflicts``, filled by the machinery) by claim id."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    if not ids:
        return out
    wanted = set(ids)
    for row in claims.conflicts_of(store, kind):
        if row["a_id"] in wanted:
            out[row["a_id"]].append({"with": row["b_id"], "reason": row["reason"]})
        if row["b_id"] in wanted:
            out[row["b_id"]].append({"with": row["a_id"], "reason": row["reason"]})
    return out


def _scope_key(figure: dict[str, Any]) -> tuple[str, ...]:
    s = figure["scope"]
    period = s["period"] or {}
    return tuple(
        v or ""
        for v in (
            s["operation"],
            s["body"],
            s["region"],
            s["nationality"],
            period.get("from"),
            period.get("to"),
        )
    )


#: Scopes of one measure shown per page; without a measure, the first few of each.
SCOPES_PER_PAGE = 40
SCOPES_AT_A_GLANCE = 5


def _counted_thing(figure: dict[str, Any]) -> tuple[str, str]:
    """What a figure counts: its words, and for a figure read off an archival document
    (a list) that document — two lists of one region and day count two sets of people."""
    cites = figure["citations"]
    document = cites[0].get("locator") or "" if cites and not cites[0].get("passage") else ""
    return (figure["what"] or "").strip().lower(), document


def figures_page(store: Store, measure: str = "", page: int = 1) -> dict[str, Any]:
    """Figures by measure and scope, differing values within one scope highlighted, flows.

    Without a measure: the flows and, for each measure, its first scopes; with one: all
    its scopes, a page at a time, so the page stays small with thousands of figures.
    """
    figures = claims.figures_of_measure(store, measure)
    recorded = conflicts(store, "figure", [f["id"] for f in figures])
    by_measure: dict[str, dict[tuple[str, ...], list[dict]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for f in figures:
        by_measure[f["measure"] or "count"][_scope_key(f)].append(f)
    page = max(page, 1)
    groups = []
    pages = 1
    for m in sorted(by_measure):
        scopes = []
        for key, items in sorted(by_measure[m].items()):
            # Only figures counting the same thing can disagree: 32,000 members and 34,000
            # candidates admitted in one year are two facts, not a conflict.
            values: dict[tuple[str, str], set[tuple[int, int | None]]] = defaultdict(set)
            for f in items:
                values[_counted_thing(f)].add((f["value"], f["value_max"]))
            scopes.append(
                {
                    "scope": key,
                    "label": scope_label(items[0]["scope"]),
                    "figures": items,
                    "differ": any(len(v) > 1 for v in values.values()),
                }
            )
        count = sum(len(s["figures"]) for s in scopes)
        if measure:
            pages = max(1, -(-len(scopes) // SCOPES_PER_PAGE))
            shown = scopes[(page - 1) * SCOPES_PER_PAGE : page * SCOPES_PER_PAGE]
        else:
            shown = scopes[:SCOPES_AT_A_GLANCE]
        groups.append(
            {"measure": m, "scopes": shown, "scope_count": len(scopes), "count": count}
        )
    return {
        "groups": groups,
        "measures": claims.measure_counts(store),
        "measure": measure,
        "page": page,
        "pages": pages,
        "flows": flows(store) if not measure else [],
        "conflicts": recorded,
    }


def scope_label(scope: dict[str, Any]) -> str:
    parts = []
    if scope.get("operation"):
        parts.append(f"{scope['operation']} operation")
    for name in ("body", "region", "nationality"):
        if scope.get(name):
            parts.append(scope[name])
    period = scope.get("period") or {}
    lo, hi = parse_iso(period.get("from")), parse_iso(period.get("to"))
    if lo and hi:
        parts.append(interval_text(lo, hi))
    elif lo or hi:
        parts.append(f"{iso_text(period.get('from')) or '?'} – {iso_text(period.get('to')) or '?'}")
    return ", ".join(parts) or "no scope stated"


def flows(store: Store) -> list[dict[str, Any]]:
    """Flows of cases (imena.machinery.figures.flows) as charts: within one operation and
    body, the figures of successive stages, with the machinery's part–whole warnings."""
    out = []
    for found in machinery_flows(store):
        operation, body = found["operation"], found["body"]
        title = ", ".join(p for p in (body, f"{operation} operation" if operation else "") if p)
        firsts = [stage["figures"][0] for stage in found["stages"]]
        out.append(
            {
                "title": title,
                "chart": charts.flow(
                    [
                        charts.Stage(
                            label=stage["stage"].replace("_", " "),
                            value=f["value"],
                            href=f"#{dom_id(f['id'])}",
                            note=" · ".join(
                                p
                                for p in (
                                    f["qualifier"] if f["qualifier"] != "exact" else "",
                                    "unreviewed" if f.get("status") == "proposed" else "",
                                )
                                if p
                            ),
                        )
                        for stage, f in zip(found["stages"], firsts, strict=True)
                    ],
                    f"Flow of cases: {title}",
                ),
                "figures": firsts,
                "violates": found["violates"],
            }
        )
    return out


def home(store: Store) -> dict[str, Any]:
    tables = claims.table_counts(store)
    counts = {
        "sources": tables["sources"],
        "persons": tables["persons"],
        "events": tables["events"],
        "office terms": tables["office_terms"],
        "figures": tables["figures"],
        "registry records": tables["records"],
    }
    return {
        "counts": counts,
        "proposed": sum(claims.status_counts(store).values()),
        "people": person_summaries(store, persons.most_mentioned(store, 12)),
        "sources": source_list(store)[:20],
    }
