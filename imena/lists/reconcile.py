"""Where Stalin's lists and other sources disagree on who held a post when: conflicts, kept.

A signature on a dated list is evidence that the official held his post that day.  Other
sources date the ends and beginnings of terms: the chapter says that Tsesarskii, chief of
the Registration Department, was "in late March 1938 succeeded by I. I. Shapiro", while
Tsesarskii signed lists as chief of that department on 19 April 1938.  Such pairs are
found here and recorded in ``conflicts``, both claims kept with their own citations:

- an ``appointment`` (its ``subject`` or ``successor`` comes in) contradicted by a
  signature of the newcomer in that office before the appointment's earliest date;
- a succession or ``dismissal`` (its ``predecessor``, or the dismissed ``subject``, goes
  out) contradicted by a signature of the one going out after its latest date;
- an office term of another source whose end (or start) is bounded, contradicted by a
  signature after the end's latest date (or before the start's earliest date).

An event's office is its own, or, when the sentence leaves it implicit ("the chief of the
Registration Department, X, in late March succeeded by Y"), the office of a term the same
sentence gives one of its persons.  Conflicts are found again whenever lists are imported
and by ``imena lists reconcile``: a source ingested later is reconciled then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from imena.store import claims
from imena.store import lists as db_lists
from imena.store.db import Store


@dataclass(frozen=True)
class Evidence:
    """A signature as evidence: a person held an office on a list's date."""

    person: str
    office: str
    date_from: str
    date_to: str
    date_text: str | None
    list_id: int
    source_id: str
    event_id: str
    term_id: str
    locator: str


@dataclass(frozen=True)
class Conflict:
    """A claim of another source and a list that contradicts it, with why."""

    claim_kind: str
    claim_id: str
    list_claim_id: str
    person: str
    office: str
    reason: str
    evidence: Evidence


def evidence(conn: Store | Any) -> dict[tuple[str, str], list[Evidence]]:
    """Dated signatures of NKVD officials, by (person, office)."""
    out: dict[tuple[str, str], list[Evidence]] = {}
    for row in db_lists.all_dated_submissions(conn):
        for office in row.office_ids:
            out.setdefault((row.person_id, office), []).append(
                Evidence(
                    row.person_id, office, row.date_from, row.date_to, row.date_text,
                    row.list_id, row.source_id, row.event_id,
                    f"{row.source_id}:list-{row.list_id}:{row.person_id}:{office}", row.locator,
                )
            )  # fmt: skip
    return out


def _names(conn: Store | Any) -> dict[str, str]:
    return {**db_lists.person_names(conn), **db_lists.office_names(conn)}


def _implicit_offices(conn: Store | Any, event_id: str) -> dict[str, set[str]]:
    """Offices the event's own sentence gives its persons through office terms."""
    out: dict[str, set[str]] = {}
    for person, office in db_lists.terms_cited_with_event(conn, event_id):
        out.setdefault(person, set()).add(office)
    return out


def find_conflicts(conn: Store | Any) -> list[Conflict]:
    """Every claim of another source that a dated signature contradicts.

    ``conn`` is a :class:`~imena.store.db.Store` or the connection of its transaction.
    """
    signed = evidence(conn)
    if not signed:
        return []
    names = _names(conn)
    found: list[Conflict] = []
    for event in db_lists.dated_office_events(conn):
        event_id, kind, text = event.id, event.type, event.date_text
        lo, hi = event.date_from or event.date_to, event.date_to or event.date_from
        parts = db_lists.event_persons(conn, event_id)
        going = [
            p
            for p, role in parts
            if role == "predecessor" or (role == "subject" and kind == "dismissal")
        ]
        coming = [
            p
            for p, role in parts
            if role == "successor" or (role == "subject" and kind == "appointment")
        ]
        if not going and not coming:
            continue
        implicit = _implicit_offices(conn, event_id)
        offices = (
            {event.office_id} if event.office_id
            else set().union(*implicit.values()) if implicit else set()
        )  # fmt: skip
        for office in offices:
            for person in going:
                for ev in signed.get((person, office), []):
                    if ev.date_from > hi:
                        reason = (
                            f"{names.get(person, person)} leaves the post of "
                            f"{names.get(office, office)} {text or ''} ({lo}..{hi}) by {event_id}, "
                            f"yet signed list "
                            f"{ev.list_id} as its holder on {_when(ev)}"
                        )
                        found.append(
                            Conflict("event", event_id, ev.event_id, person, office, reason, ev)
                        )
            for person in coming:
                for ev in signed.get((person, office), []):
                    if ev.date_to < lo:
                        reason = (
                            f"{names.get(person, person)} takes the post of "
                            f"{names.get(office, office)} {text or ''} ({lo}..{hi}) by {event_id}, "
                            f"yet signed list "
                            f"{ev.list_id} as its holder before, on {_when(ev)}"
                        )
                        found.append(
                            Conflict("event", event_id, ev.event_id, person, office, reason, ev)
                        )
    for term in db_lists.bounded_office_terms(conn):
        person, office = term.person_id, term.office_id
        for ev in signed.get((person, office), []):
            if term.end_to and ev.date_from > term.end_to:
                what = f"ends {term.end_text or ''} (by {term.end_to})"
            elif term.start_from and ev.date_to < term.start_from:
                what = f"starts {term.start_text or ''} (from {term.start_from})"
            else:
                continue
            reason = (
                f"{names.get(person, person)}'s term as {names.get(office, office)} {what} "
                f"by {term.id}, yet he signed list {ev.list_id} as its holder on {_when(ev)}"
            )
            found.append(Conflict("office_term", term.id, ev.term_id, person, office, reason, ev))
    return found


def _when(ev: Evidence) -> str:
    return ev.date_from if ev.date_from == ev.date_to else f"{ev.date_from}..{ev.date_to}"


def record_conflicts(conn: Any) -> int:
    """Replace the recorded conflicts that involve the lists with those found now.

    ``conn`` is the connection of the caller's transaction.
    """
    db_lists.clear_list_conflicts(conn)
    found = find_conflicts(conn)
    db_lists.add_conflicts(
        conn, [(c.claim_kind, c.claim_id, c.list_claim_id, c.reason) for c in found]
    )
    return len(found)


def conflict_groups(store: Store) -> list[dict[str, Any]]:
    """Conflicts as a person reads them: the other source's claim, then the lists against it."""
    groups: dict[tuple[str, str, str, str], list[Evidence]] = {}
    reasons: dict[tuple[str, str, str, str], str] = {}
    for c in find_conflicts(store):
        key = (c.claim_kind, c.claim_id, c.person, c.office)
        groups.setdefault(key, []).append(c.evidence)
        reasons.setdefault(key, c.reason)
    if not groups:
        return []
    names = _names(store)
    out: list[dict[str, Any]] = []
    for (kind, claim_id, person, office), items in groups.items():
        reader = claims.events if kind == "event" else claims.office_terms
        alias = "e" if kind == "event" else "t"
        claim = reader(store, f"WHERE {alias}.id = ?", (claim_id,))
        out.append(
            {
                "person": {"id": person, "name": names.get(person, person)},
                "office": names.get(office, office),
                "claim": claim[0] if claim else {"id": claim_id},
                "lists": [
                    {
                        "list_id": ev.list_id,
                        "date": _when(ev),
                        "event": ev.event_id,
                        "citation": {"source": ev.source_id, "locator": ev.locator},
                    }
                    for ev in items
                ],
                "reason": reasons[(kind, claim_id, person, office)].split(", yet")[0]
                + ", yet the lists have him sign as its holder on "
                + ", ".join(sorted({_when(ev) for ev in items})),
            }
        )
    return out
