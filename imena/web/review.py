"""Review of claims by curators: accept, reject or correct, each change kept in the audit trail.

Vocabulary of review actions (``audit.action``):

- ``accept`` — a person confirms the claim says what its source says (status → accepted);
- ``reject`` — the claim misreads its source (status → rejected; it is kept, not deleted);
- ``correct`` — a person changes fields of the claim (for an event also its office and who
  took part in which role); it becomes ``accepted`` with method ``curated:<user>``, and
  the audit row keeps the values before and after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from imena import identity
from imena.errors import InputError
from imena.model import (
    EVENT_TYPES,
    MEASURES,
    PARTICIPANT_KINDS,
    PRECISIONS,
    QUALIFIERS,
    RELATION_TYPES,
    ROLES,
)
from imena.store import audit
from imena.store.db import Store, dumps
from imena.web.auth import Account, now, stamp

ACTIONS = ("accept", "reject", "correct")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _choice(options: Any) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value not in options:
            raise InputError(f"{value!r} is not one of the vocabulary's terms")
        return value

    return check


def _iso_day(value: str) -> str | None:
    if not value:
        return None
    if not _ISO_DAY.match(value):
        raise InputError(f"{value!r} is not a date written YYYY-MM-DD")
    return value


def _count(value: str) -> int | None:
    if not value:
        return None
    cleaned = value.replace(",", "").replace(" ", "")
    if not cleaned.isdigit():
        raise InputError(f"{value!r} is not a whole number")
    return int(cleaned)


def _text(value: str) -> str | None:
    return value.strip() or None


@dataclass(frozen=True)
class ClaimKind:
    """A kind of claim as review sees it: its table and the fields a curator may correct."""

    table: str
    fields: dict[str, Callable[[str], Any]]
    required: tuple[str, ...] = ()


#: The kinds of claim that can be reviewed, by the name used in citations and URLs.
CLAIM_KINDS: dict[str, ClaimKind] = {
    "event": ClaimKind(
        "events",
        {
            "type": _choice(EVENT_TYPES),
            "date_from": _iso_day,
            "date_to": _iso_day,
            "date_precision": lambda v: _choice(PRECISIONS)(v) if v else None,
            "detail": _text,
            # Checked against the database's offices in review() (an id or a name).
            "office_id": _text,
        },
        required=("type",),
    ),
    "office_term": ClaimKind(
        "office_terms",
        {"start_from": _iso_day, "start_to": _iso_day, "end_from": _iso_day, "end_to": _iso_day},
    ),
    "figure": ClaimKind(
        "figures",
        {
            "value": _count,
            "value_max": _count,
            "qualifier": _choice(tuple(QUALIFIERS)),
            "measure": _choice(MEASURES),
        },
        required=("value", "qualifier"),
    ),
    "relation": ClaimKind("relations", {"type": _choice(RELATION_TYPES)}, required=("type",)),
}


def claim_kind(kind: str) -> ClaimKind:
    try:
        return CLAIM_KINDS[kind]
    except KeyError:
        raise InputError(f"no such kind of claim: {kind!r}") from None


def claim_row(store: Store, kind: str, claim_id: str) -> dict[str, Any] | None:
    """The reviewable fields of one claim, with its status and method."""
    spec = claim_kind(kind)
    # Table and column names come from CLAIM_KINDS above, never from the request.
    return audit.claim_fields(store, spec.table, (*spec.fields, "status", "method"), claim_id)


def review(
    store: Store,
    account: Account,
    kind: str,
    claim_id: str,
    action: str,
    changes: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Apply one review action in one transaction, with its audit row; returns the claim after."""
    spec = claim_kind(kind)
    if action not in ACTIONS:
        raise InputError(f"no such review action: {action!r}")
    with store.transaction() as conn:
        before = claim_row(store, kind, claim_id)
        if before is None:
            raise InputError(f"no {kind} {claim_id!r}")
        after = dict(before)
        if action == "accept":
            after["status"] = "accepted"
        elif action == "reject":
            after["status"] = "rejected"
        else:
            for name, check in spec.fields.items():
                if changes is not None and name in changes:
                    after[name] = check(changes[name].strip())
            missing = [name for name in spec.required if after.get(name) in (None, "")]
            if missing:
                raise InputError(f"{', '.join(missing)} may not be empty")
            if kind == "event":
                after["office_id"] = _office(store, conn, after.get("office_id"))
            after["status"] = "accepted"
            after["method"] = f"curated:{account.username}"
        parts_before = parts_after = None
        if kind == "event":
            parts_before = audit.participants(conn, claim_id)
            parts_after = parts_before
            if action == "correct" and changes is not None:
                parts_after = _participants(store, conn, parts_before, changes)
        audit.update_claim(conn, spec.table, after, claim_id)
        if parts_before is not None and parts_after != parts_before:
            audit.replace_participants(conn, claim_id, parts_after or [])
        if parts_before is not None:
            # The audit keeps who took part before and after, like every other field.
            before = {**before, "participants": parts_before}
            after = {**after, "participants": parts_after}
        audit.record(
            conn,
            at=stamp(now()),
            user=account.username,
            claim_kind=kind,
            claim_id=claim_id,
            action=action,
            before=dumps(before),
            after=dumps(after),
        )
    return after


def participant_rows(store: Store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's participants in the order the correction form numbers them."""
    names = {(p["kind"], p["id"]): p["name"] for p in event["participants"]}
    return [
        {
            "n": n,
            "kind": kind,
            "id": entity,
            "role": role,
            "name": names.get((kind, entity), entity),
        }
        for n, (kind, entity, role) in enumerate(audit.participants(store.conn, event["id"]))
    ]


def _office(store: Store, conn: Any, text: str | None) -> str | None:
    """An office of the database by id or exact name; empty means none."""
    if not text:
        return None
    if audit.entity_exists(conn, "office", text):
        return text
    found = audit.office_named(conn, text)
    if found is None:
        raise InputError(f"no office {text!r} (give its id or its exact name)")
    return found


def _entity(store: Store, conn: Any, kind: str, text: str) -> str:
    """A participant's id from what a curator typed: an id, a person's name in any
    spelling (imena.identity), a body's or place's exact name."""
    if kind not in PARTICIPANT_KINDS:
        raise InputError(f"{kind!r} is not a kind of participant")
    if kind in ("person", "body", "place") and audit.entity_exists(conn, kind, text):
        return text
    if kind == "person":
        found = identity.find_persons(store, text)
        if not found:
            raise InputError(f"no person named {text!r} (give a name or a person's id)")
        return found[0]["id"]
    if kind == "body":
        body = audit.body_named(conn, text)
        if body is None:
            raise InputError(f"no body {text!r} (give its id or its exact name)")
        return body
    if kind == "place":
        raise InputError(f"no place {text!r} (give a place's id)")
    return text  # a group (a people, a party) is named, not kept as a row of its own


def _participants(
    store: Store, conn: Any, current: list[list[str]], changes: dict[str, str]
) -> list[list[str]]:
    """The participants after a correction: each row's role changed or removed
    (``part-N-role``, ``part-N-remove``), one added (``new-kind``, ``new-entity``,
    ``new-role``)."""
    out: list[list[str]] = []
    for n, (kind, entity, role) in enumerate(current):
        if changes.get(f"part-{n}-remove"):
            continue
        new_role = changes.get(f"part-{n}-role", role).strip() or role
        if new_role not in ROLES:
            raise InputError(f"{new_role!r} is not a role")
        out.append([kind, entity, new_role])
    entity = changes.get("new-entity", "").strip()
    if entity:
        kind = changes.get("new-kind", "person").strip()
        role = changes.get("new-role", "subject").strip()
        if role not in ROLES:
            raise InputError(f"{role!r} is not a role")
        out.append([kind, _entity(store, conn, kind, entity), role])
    unique = sorted({tuple(p) for p in out})
    return [list(p) for p in unique]


def audit_trail(
    store: Store, *, kind: str | None = None, claim_id: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Audit rows, newest first, for one claim or for all."""
    rows = audit.trail(store, kind=kind, claim_id=claim_id, limit=limit)
    out = []
    for row in rows:
        item = dict(row)
        before = json.loads(row["before"]) if row["before"] else {}
        after = json.loads(row["after"]) if row["after"] else {}
        item["changes"] = [
            (name, before.get(name), after.get(name))
            for name in after
            if before.get(name) != after.get(name)
        ]
        out.append(item)
    return out
