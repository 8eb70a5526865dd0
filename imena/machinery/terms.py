"""Office terms merged from their evidence: who held an office on a date, successions, careers.

Every office_terms row (extracted or curated) is a constraint on one person's term in one office:
the term began in [start_from, start_to] and ended in [end_from, end_to], either side open.
An appointment gives the start, a dismissal or transfer the end, a "held on" date d gives
start_to = d and end_from = d.  Merging the rows of one (person, office):

- the term certainly covers [latest start, earliest end]: the earliest ``start_to`` (by then it
  had begun) to the latest ``end_from`` (it had not ended before);
- it may cover [earliest start, latest end]: the latest ``start_from`` to the earliest
  ``end_to``; an arrest or execution of the person after the certain part also bounds the end;
- with no start evidence the start is unknown before the earliest held date: ``who`` says
  "unknown" there rather than guessing, and likewise after the last evidence of an open term.

Rows that cannot all be true (held after the end, a start after the end) are kept and flagged
as a conflict, never dropped.  Curated rows (``curated:``) and extracted rows are merged alike;
each answer shows the rows it rests on with their citations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from imena.errors import ImenaError
from imena.machinery import reference
from imena.machinery.offices import ResolvedOffice, resolve_office
from imena.machinery.vocabulary import MULTI_HOLDER, reference_file
from imena.store import machinery as stored
from imena.store.db import Store

_END_EVENTS = ("arrest", "execution", "death")


@dataclass
class Term:
    """One person's term in one office, merged from its evidence rows."""

    person_id: str
    person_name: str
    office_id: str
    office: str
    office_kind: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    start_from: str | None = None
    start_to: str | None = None
    end_from: str | None = None
    end_to: str | None = None
    bounded_by: dict[str, Any] | None = None
    conflicts: list[str] = field(default_factory=list)

    @property
    def certain(self) -> tuple[str, str] | None:
        """The days the person certainly held the office: from the day the term had begun by
        (or its dated end) to the day it had not yet ended by (or its dated start)."""
        lo = self.start_to or self.end_from
        hi = self.end_from or self.start_to
        if lo and hi and lo <= hi:
            return lo, hi
        return None

    def on(self, date: str) -> str | None:
        """'held', 'possible' (in a window the evidence bounds), 'open' (a side no evidence
        bounds: unknown) or None (outside the term)."""
        certain = self.certain
        if certain and certain[0] <= date <= certain[1]:
            return "held"
        if (self.start_from and date < self.start_from) or (self.end_to and date > self.end_to):
            return None
        if certain is None:
            return "possible" if self.start_from and self.end_to else "open"
        if date < certain[0]:
            return "possible" if self.start_from else "open"
        return "possible" if self.end_to else "open"

    def as_json(self, store: Store, certainty: str | None = None) -> dict[str, Any]:
        ids = [r["id"] for r in self.rows]
        cites = reference.citations(store, "office_term", ids)
        out: dict[str, Any] = {
            "person": {"id": self.person_id, "name": self.person_name},
            "office": self.office,
            "start": _bound(self.start_from, self.start_to, self.rows, "start"),
            "end": _bound(self.end_from, self.end_to, self.rows, "end"),
            "held": list(self.certain) if self.certain else None,
            "evidence": [
                {
                    "id": r["id"],
                    "rule": r["rule"],
                    "method": r["method"],
                    "status": r["status"],
                    "start": {
                        "from": r["start_from"],
                        "to": r["start_to"],
                        "text": r["start_text"],
                    },
                    "end": {"from": r["end_from"], "to": r["end_to"], "text": r["end_text"]},
                }
                for r in self.rows
            ],
            "citations": _unique([c for i in ids for c in cites.get(i, [])]),
            "conflicts": self.conflicts,
        }
        if self.bounded_by:
            out["ended_by"] = self.bounded_by
        if certainty:
            out["certainty"] = certainty
        return out


def _unique(citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One citation per sentence: extraction and curation often cite the same one."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for c in citations:
        key = (c["source"], c["passage"], c["start"]) if c.get("passage") else (c.get("locator"),)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _bound(lo: str | None, hi: str | None, rows: list[dict[str, Any]], side: str) -> Any:
    if lo is None and hi is None:
        return None
    texts = [r[f"{side}_text"] for r in rows if r[f"{side}_text"] and r["rule"].startswith(side)]
    return {"from": lo, "to": hi, "text": texts[0] if texts else None}


def _merge(rows: list[dict[str, Any]], arrests: list[dict[str, Any]]) -> Term:
    first = rows[0]
    term = Term(
        first["person_id"], first["person_name"], first["office_id"], first["office_name"],
        first["office_kind"], rows,
    )  # fmt: skip
    starts_from = [r["start_from"] for r in rows if r["start_from"]]
    starts_to = [r["start_to"] for r in rows if r["start_to"]]
    ends_from = [r["end_from"] for r in rows if r["end_from"]]
    ends_to = [r["end_to"] for r in rows if r["end_to"]]
    term.start_from = max(starts_from) if starts_from else None
    term.start_to = min(starts_to) if starts_to else None
    term.end_from = max(ends_from) if ends_from else None
    term.end_to = min(ends_to) if ends_to else None
    if term.start_from and term.start_to and term.start_from > term.start_to:
        term.conflicts.append(
            f"start evidence disagrees: began no earlier than {term.start_from} "
            f"but no later than {term.start_to}"
        )
    if term.end_from and term.end_to and term.end_from > term.end_to:
        term.conflicts.append(
            f"held until at least {term.end_from}, after the end of the term "
            f"(no later than {term.end_to})"
        )
    if term.start_from and term.end_to and term.start_from > term.end_to:
        term.conflicts.append(f"starts ({term.start_from}) after it ends ({term.end_to})")
    latest_known = term.end_from or term.start_to
    if term.end_to is None and latest_known:
        for event in arrests:
            if event["date_from"] and event["date_from"] >= latest_known:
                term.end_to = event["date_from"]
                term.bounded_by = {
                    "event": event["id"],
                    "type": event["type"],
                    "date": event["date_from"],
                }
                break
    return term


def terms_of(
    store: Store,
    *,
    office_ids: Sequence[str] | None = None,
    person_ids: Sequence[str] | None = None,
) -> list[Term]:
    """Merged terms of these offices and/or persons (None: any; neither given: every term)."""
    rows = [
        r
        for r in stored.office_term_rows(store, office_ids=office_ids, person_ids=person_ids)
        if not _not_so("office_term", r["person_name"], r["office_name"], r["rule"], None)
    ]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["person_id"], row["office_id"]), []).append(row)
    people = sorted({pid for pid, _ in groups})
    arrests: dict[str, list[dict[str, Any]]] = {}
    if people:
        for ev in stored.subject_events(store, _END_EVENTS, people):
            if not _not_so("event", ev["person_name"], ev["type"], None, ev["date_from"]):
                arrests.setdefault(ev["entity_id"], []).append(ev)
    terms = [_merge(g, arrests.get(pid, [])) for (pid, _), g in groups.items()]
    terms.sort(key=lambda t: (t.office, t.start_to or t.start_from or t.end_from or "9999"))
    return terms


def _not_so(kind: str, person: str, what: str, rule: str | None, date: str | None) -> bool:
    """Whether a reviewer marked this extracted claim wrong (terms.json ``not_so``)."""
    for item in reference_file("terms")["not_so"]:
        if (
            item["kind"] == kind
            and person.split()[-1] == item["surname"]
            and what == item.get("office", item.get("type"))
            and (rule is None or rule == item.get("rule"))
            and (date is None or date == item.get("date"))
        ):
            return True
    return False


def parse_day(text: str, what: str = "--on") -> str:
    """An ISO day; bad input is an ImenaError (one line, exit 2)."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ImenaError(f"{what} {text!r}: not a date (use YYYY-MM-DD, e.g. 1938-03-01)") from None


def _offices_or_error(store: Store, phrase: str) -> list[ResolvedOffice]:
    offices = resolve_office(store, phrase)
    if not offices:
        raise ImenaError(f"--office {phrase!r}: no office of that name is known")
    return offices


@dataclass
class WhoAnswer:
    """The answer to "who held OFFICE on DATE": holders, possible holders, and why."""

    phrase: str
    on: str
    offices: list[ResolvedOffice]
    held: list[Term]
    possible: list[tuple[Term, str]]
    conflicts: list[str]

    def as_json(self, store: Store) -> list[dict[str, Any]]:
        """CLI.md ``who --json``: [{person, office, start, end, citations}] (+ certainty)."""
        return [t.as_json(store, "held") for t in self.held] + [
            t.as_json(store, "possible") for t, kind in self.possible if kind == "possible"
        ]


def who(store: Store, office: str, on: str) -> WhoAnswer:
    """Who held the office a phrase names on a day (ISO), from the merged terms."""
    day = parse_day(on)
    offices = _offices_or_error(store, office)
    reference.ensure_reference(store)
    terms = terms_of(store, office_ids=[o.id for o in offices])
    held: list[Term] = []
    possible: list[tuple[Term, str]] = []
    for term in terms:
        state = term.on(day)
        if state == "held":
            held.append(term)
        elif state is not None:
            possible.append((term, state))
    # Contradictory evidence of any term of the office is shown, whether or not it covers the
    # date: a term hidden by its own contradiction would otherwise vanish silently.
    conflicts = [f"{t.person_name}, {t.office}: {c}" for t in terms for c in t.conflicts]
    single = [t for t in held if (t.office_kind or "") not in MULTI_HOLDER]
    by_office: dict[str, list[Term]] = {}
    for t in single:
        by_office.setdefault(t.office_id, []).append(t)
    for group in by_office.values():
        if len({t.person_id for t in group}) > 1:
            names = " and ".join(t.person_name for t in group)
            conflicts.append(f"overlapping terms: {names} both held {group[0].office} on {day}")
    return WhoAnswer(office, day, offices, held, possible, conflicts)


def succession(store: Store, office: str) -> tuple[list[ResolvedOffice], list[Term]]:
    """The holders of an office in order of their terms."""
    offices = _offices_or_error(store, office)
    reference.ensure_reference(store)
    terms = terms_of(store, office_ids=[o.id for o in offices])
    terms.sort(key=_order)
    return offices, terms


def _order(term: Term) -> str:
    return term.start_to or term.start_from or term.end_from or term.end_to or "9999"


def career(store: Store, person_ids: list[str]) -> list[Term]:
    """Every office of a person, in order."""
    reference.ensure_reference(store)
    terms = terms_of(store, person_ids=person_ids)
    terms.sort(key=_order)
    return terms


def describe(term: Term) -> str:
    """'1938-01-25 – 1938-05-22 (held certainly 1938-02-28 – 1938-05-22)'."""
    start = (
        term.start_to if term.start_from == term.start_to else _span(term.start_from, term.start_to)
    )
    end = term.end_from if term.end_from == term.end_to else _span(term.end_from, term.end_to)
    text = f"{start or '?'} – {end or '?'}"
    if term.certain:
        text += f" (attested {term.certain[0]} – {term.certain[1]})"
    return text


def _span(lo: str | None, hi: str | None) -> str | None:
    if lo is None and hi is None:
        return None
    return f"[{lo or '…'}..{hi or '…'}]"
