"""The chronology of decisions, orders and quotas of a body over a period, with citations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from imena.errors import ImenaError
from imena.extract.figures import BODIES, OPERATIONS
from imena.machinery import reference
from imena.machinery.vocabulary import DECISION_TYPES
from imena.store import machinery as stored
from imena.store.db import Store


def body_id(store: Store, text: str) -> str:
    """A body id for a name as a user writes it ("politburo", "the Special Troikas")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")
    slug = slug.removeprefix("the-")
    found = stored.body_named(store, slug, text.strip())
    if found:
        return found
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
    body: str | Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    operation: str | None = None,
) -> list[dict[str, Any]]:
    """Decisions of ``body`` (a name, several names, or any body when None) dated within
    [start, end], in date order."""
    reference.ensure_reference(store)
    body_ids = None
    if body is not None:
        body_ids = []
        for name in [body] if isinstance(body, str) else body:
            bid = body_id(store, name)
            # The Plenum is the Central Committee in session: its decisions are the Committee's.
            body_ids += [bid, *stored.child_bodies(store, bid)]
    found = stored.decision_rows(
        store,
        DECISION_TYPES,
        body_ids=body_ids,
        operation=operation_label(operation) if operation is not None else None,
        start=start,
        end=end,
    )
    ids = [r["id"] for r in found]
    cites = reference.citations(store, "event", ids)
    bodies = stored.acting_bodies(store, ids)
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
        for r in found
    ]


def body_label(text: str) -> str:
    """'special troika' → 'Special Troikas' (the labels of imena.extract.figures.BODIES)."""
    for label, pattern in BODIES:
        if text.lower() == label.lower() or re.fullmatch(f"(?:the\\s+)?(?:{pattern})", text, re.I):
            return label
    raise ImenaError(f"--body {text!r}: no body of that name is known")
