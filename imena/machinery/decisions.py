"""The chronology of decisions, orders and quotas of a body over a period, with citations."""

from __future__ import annotations

import re
from typing import Any

from imena.errors import ImenaError
from imena.extract.figures import BODIES, OPERATIONS
from imena.machinery import reference
from imena.machinery.vocabulary import DECISION_TYPES
from imena.store.db import Store


def body_id(store: Store, text: str) -> str:
    """A body id for a name as a user writes it ("politburo", "the Special Troikas")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")
    slug = slug.removeprefix("the-")
    row = store.conn.execute(
        "SELECT id FROM bodies WHERE id = ? OR lower(name) = ?", (slug, text.lower().strip())
    ).fetchone()
    if row:
        return row[0]
    for label, pattern in BODIES:
        if re.fullmatch(f"(?:the\\s+)?(?:{pattern})", text.strip(), re.I):
            return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("'", "")).strip("-")
    raise ImenaError(f"--body {text!r}: no body of that name is known")


def operation_label(text: str) -> str:
    """'the Polish operation', 'Polish', '00485' → 'polish' (imena.extract.figures labels)."""
    bare = re.sub(r"\b(?:the|operations?|line)\b", " ", text, flags=re.I).strip()
    for label, pattern in OPERATIONS:
        if bare.lower() == label or re.search(pattern, text, re.I):
            return label
    raise ImenaError(f"--operation {text!r}: no operation of that name is known")


def decisions(
    store: Store,
    body: str | None = None,
    start: str | None = None,
    end: str | None = None,
    operation: str | None = None,
) -> list[dict[str, Any]]:
    """Decisions of ``body`` (any body when None) dated within [start, end], in date order."""
    reference.ensure_reference(store)
    where = [f"e.type IN ({','.join('?' * len(DECISION_TYPES))})", "e.status != 'rejected'"]
    params: list[Any] = list(DECISION_TYPES)
    if body is not None:
        bid = body_id(store, body)
        # The Plenum is the Central Committee in session: its decisions are the Committee's.
        ids = [bid, *(r[0] for r in store.query("SELECT id FROM bodies WHERE parent = ?", (bid,)))]
        where.append(
            "EXISTS (SELECT 1 FROM participants pa WHERE pa.event_id = e.id AND pa.kind = 'body' "
            f"AND pa.role IN ('agent','issuer') AND pa.entity_id IN ({','.join('?' * len(ids))}))"
        )
        params.extend(ids)
    if operation is not None:
        where.append("e.operation_id = ?")
        params.append(operation_label(operation))
    if start is not None:
        where.append("COALESCE(e.date_to, e.date_from) >= ?")
        params.append(start)
    if end is not None:
        where.append("e.date_from <= ?")
        params.append(end)
    where.append("e.date_from IS NOT NULL")
    rows = store.query(
        "SELECT e.*, o.name AS office_name FROM events e LEFT JOIN offices o ON o.id = e.office_id "
        f"WHERE {' AND '.join(where)} ORDER BY e.date_from, e.id",
        tuple(params),
    )
    ids = [r["id"] for r in rows]
    cites = reference.citations(store, "event", ids)
    bodies: dict[str, list[str]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for p in store.query(
            "SELECT pa.event_id, COALESCE(b.name, pa.entity_id) AS name FROM participants pa "
            "LEFT JOIN bodies b ON b.id = pa.entity_id WHERE pa.kind = 'body' "
            f"AND pa.role IN ('agent','issuer') AND pa.event_id IN ({marks})",
            tuple(ids),
        ):
            bodies.setdefault(p["event_id"], []).append(p["name"])
    return [
        {
            "id": r["id"],
            "type": r["type"],
            "date": {
                "from": r["date_from"],
                "to": r["date_to"],
                "precision": r["date_precision"],
                "text": r["date_text"],
            },
            "bodies": bodies.get(r["id"], []),
            "operation": r["operation_id"],
            "office": r["office_name"],
            "detail": r["detail"],
            "status": r["status"],
            "method": r["method"],
            "citations": cites.get(r["id"], []),
        }
        for r in rows
    ]
