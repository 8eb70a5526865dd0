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

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from imena.store import claims
from imena.store.db import Store

_OURS = "imported:memorial-stalin-lists%"


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


def evidence(conn: sqlite3.Connection) -> dict[tuple[str, str], list[Evidence]]:
    """Dated signatures of NKVD officials, by (person, office)."""
    out: dict[tuple[str, str], list[Evidence]] = {}
    for row in conn.execute(
        "SELECT s.source_id, s.list_id, s.person_id, s.office_ids, l.date_from, l.date_to, "
        "l.date_text, l.event_id, l.locator FROM stalin_list_signatures s JOIN stalin_lists l "
        "ON l.source_id = s.source_id AND l.list_id = s.list_id "
        "WHERE s.role = 'submitter' AND l.date_from IS NOT NULL ORDER BY l.date_from, l.list_id"
    ):
        for office in json.loads(row[3]):
            out.setdefault((row[2], office), []).append(
                Evidence(
                    row[2], office, row[4], row[5], row[6], row[1], row[0], row[7],
                    f"{row[0]}:list-{row[1]}:{row[2]}:{office}", row[8],
                )
            )  # fmt: skip
    return out


def _names(conn: sqlite3.Connection) -> dict[str, str]:
    persons = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM persons")}
    offices = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM offices")}
    return {**persons, **offices}


def _implicit_offices(conn: sqlite3.Connection, event_id: str) -> dict[str, set[str]]:
    """Offices the event's own sentence gives its persons through office terms."""
    out: dict[str, set[str]] = {}
    for person, office in conn.execute(
        "SELECT t.person_id, t.office_id FROM citations ce JOIN citations ct "
        "ON ct.claim_kind = 'office_term' AND ct.source_id = ce.source_id "
        "AND ct.passage_id = ce.passage_id AND ct.start = ce.start "
        "JOIN office_terms t ON t.id = ct.claim_id "
        "WHERE ce.claim_kind = 'event' AND ce.claim_id = ?",
        (event_id,),
    ):
        out.setdefault(person, set()).add(office)
    return out


def find_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """Every claim of another source that a dated signature contradicts."""
    signed = evidence(conn)
    if not signed:
        return []
    names = _names(conn)
    found: list[Conflict] = []
    for event in conn.execute(
        "SELECT id, type, date_from, date_to, date_text, office_id FROM events "
        "WHERE type IN ('appointment', 'dismissal', 'transfer') AND method NOT LIKE ? "
        "AND (date_from IS NOT NULL OR date_to IS NOT NULL)",
        (_OURS,),
    ).fetchall():
        event_id, kind, lo, hi, text = event[0], event[1], event[2], event[3], event[4]
        lo, hi = lo or hi, hi or lo
        parts = conn.execute(
            "SELECT entity_id, role FROM participants WHERE event_id = ? AND kind = 'person'",
            (event_id,),
        ).fetchall()
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
        offices = {event[5]} if event[5] else set().union(*implicit.values()) if implicit else set()
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
    for term in conn.execute(
        "SELECT id, person_id, office_id, start_from, start_text, end_to, end_text "
        "FROM office_terms WHERE method NOT LIKE ? "
        "AND (start_from IS NOT NULL OR end_to IS NOT NULL)",
        (_OURS,),
    ).fetchall():
        for ev in signed.get((term[1], term[2]), []):
            if term[5] and ev.date_from > term[5]:
                what = f"ends {term[6] or ''} (by {term[5]})"
            elif term[3] and ev.date_to < term[3]:
                what = f"starts {term[4] or ''} (from {term[3]})"
            else:
                continue
            reason = (
                f"{names.get(term[1], term[1])}'s term as {names.get(term[2], term[2])} {what} "
                f"by {term[0]}, yet he signed list {ev.list_id} as its holder on {_when(ev)}"
            )
            found.append(Conflict("office_term", term[0], ev.term_id, term[1], term[2], reason, ev))
    return found


def _when(ev: Evidence) -> str:
    return ev.date_from if ev.date_from == ev.date_to else f"{ev.date_from}..{ev.date_to}"


def record_conflicts(conn: sqlite3.Connection) -> int:
    """Replace the recorded conflicts that involve the lists with those found now."""
    conn.execute(
        "DELETE FROM conflicts WHERE b_id IN (SELECT event_id FROM stalin_lists "
        "WHERE event_id IS NOT NULL) OR b_id IN (SELECT id FROM office_terms WHERE method LIKE ?)",
        (_OURS,),
    )
    found = find_conflicts(conn)
    for c in found:
        conn.execute(
            "INSERT OR IGNORE INTO conflicts (claim_kind, a_id, b_id, reason) VALUES (?, ?, ?, ?)",
            (c.claim_kind, c.claim_id, c.list_claim_id, c.reason),
        )
    return len(found)


def conflict_groups(store: Store) -> list[dict[str, Any]]:
    """Conflicts as a person reads them: the other source's claim, then the lists against it."""
    conn = store.conn
    groups: dict[tuple[str, str, str, str], list[Evidence]] = {}
    reasons: dict[tuple[str, str, str, str], str] = {}
    for c in find_conflicts(conn):
        key = (c.claim_kind, c.claim_id, c.person, c.office)
        groups.setdefault(key, []).append(c.evidence)
        reasons.setdefault(key, c.reason)
    if not groups:
        return []
    names = _names(conn)
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
