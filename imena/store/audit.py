"""Claims as curators review them: their reviewable fields, changes, and the audit trail.

Table and column names come from the caller's declared claim kinds (``imena.web.review``
``CLAIM_KINDS``), never from a request; values are always parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from imena.store.db import Store


def claim_fields(
    store: Store, table: str, columns: Iterable[str], claim_id: str
) -> dict[str, Any] | None:
    names = ", ".join(f'"{name}"' for name in columns)
    row = store.conn.execute(f"SELECT {names} FROM {table} WHERE id = ?", (claim_id,)).fetchone()
    return dict(row) if row else None


def update_claim(conn: Any, table: str, values: dict[str, Any], claim_id: str) -> None:
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), claim_id))


def record(
    conn: Any,
    *,
    at: str,
    user: str,
    claim_kind: str,
    claim_id: str,
    action: str,
    before: str | None,
    after: str | None,
) -> None:
    """One row of the audit trail: who did what to which claim, the values before and after."""
    conn.execute(
        'INSERT INTO audit (at, "user", claim_kind, claim_id, action, before, after) '
        "VALUES (?,?,?,?,?,?,?)",
        (at, user, claim_kind, claim_id, action, before, after),
    )


def trail(
    store: Store, *, kind: str | None = None, claim_id: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Audit rows, newest first, for one claim or for all."""
    where, params = "", ()
    if kind and claim_id:
        where, params = "WHERE claim_kind = ? AND claim_id = ?", (kind, claim_id)
    return [
        dict(r)
        for r in store.query(
            f"SELECT * FROM audit {where} ORDER BY id DESC LIMIT ?", (*params, limit)
        )
    ]


def count_with_status(store: Store, table: str, status: str) -> int:
    return store.conn.execute(
        f"SELECT count(*) FROM {table} WHERE status = ?", (status,)
    ).fetchone()[0]


def ids_with_status(store: Store, table: str, status: str, limit: int, offset: int) -> list[str]:
    return [
        r[0]
        for r in store.query(
            f"SELECT id FROM {table} WHERE status = ? ORDER BY id LIMIT ? OFFSET ?",
            (status, limit, offset),
        )
    ]


def participants(conn: Any, event_id: str) -> list[list[str]]:
    """[kind, entity id, role] of an event's participants, in a total order."""
    return [
        [r[0], r[1], r[2]]
        for r in conn.execute(
            "SELECT kind, entity_id, role FROM participants WHERE event_id = ? "
            "ORDER BY kind, entity_id, role",
            (event_id,),
        )
    ]


def replace_participants(conn: Any, event_id: str, rows: list[list[str]]) -> None:
    """The event's participants become exactly ``rows`` ([kind, entity id, role])."""
    conn.execute("DELETE FROM participants WHERE event_id = ?", (event_id,))
    for kind, entity, role in rows:
        conn.execute(
            "INSERT INTO participants (event_id, kind, entity_id, role) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (event_id, kind, entity, role),
        )


def entity_exists(conn: Any, kind: str, entity_id: str) -> bool:
    """Whether a person, body, place or office of this id is in the database."""
    table = {"person": "persons", "body": "bodies", "place": "places", "office": "offices"}[kind]
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (entity_id,)).fetchone() is not None


def body_named(conn: Any, name: str) -> str | None:
    """The id of the body of exactly this name (any letter case), if one."""
    rows = conn.execute(
        "SELECT id FROM bodies WHERE lower(name) = lower(?) ORDER BY id", (name,)
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def office_named(conn: Any, name: str) -> str | None:
    rows = conn.execute(
        "SELECT id FROM offices WHERE lower(name) = lower(?) ORDER BY id", (name,)
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None
