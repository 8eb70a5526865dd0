"""Reading claims back out of the database as the JSON objects of CLI.md."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from imena.store.db import Store


def citations(
    store: Store, kind: str, ids: Iterable[str], *, with_match: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Citations of many claims of one kind, in one query per chunk: the one reader of them.

    With ``with_match`` a reference citation carries its ``match`` (the work and the words
    that find the sentence in a held copy) for ``machinery.reference.citations`` to resolve.
    """
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    id_list = list(ids)
    for i in range(0, len(id_list), 500):
        chunk = id_list[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.query(
            'SELECT claim_id, source_id, passage_id, start, "end", quote, notes, page, locator, '
            f"match FROM citations WHERE claim_kind = ? AND claim_id IN ({marks}) ORDER BY id",
            (kind, *chunk),
        ):
            item = {
                "source": row["source_id"],
                "passage": row["passage_id"],
                "start": row["start"],
                "end": row["end"],
                "quote": row["quote"],
                "notes": json.loads(row["notes"]),
            }
            if row["page"] is not None:
                item["page"] = row["page"]
            if row["locator"]:
                item["locator"] = row["locator"]
            if with_match and row["match"]:
                item["match"] = json.loads(row["match"])
            out[row["claim_id"]].append(item)
    return out


def _date(prefix: str, row: Any) -> dict[str, Any] | None:
    if row[f"{prefix}_text"] is None and row[f"{prefix}_from"] is None:
        return None
    return {
        "from": row[f"{prefix}_from"],
        "to": row[f"{prefix}_to"],
        "precision": row[f"{prefix}_precision"],
        "text": row[f"{prefix}_text"],
    }


def person_ref(store: Store, person_id: str) -> dict[str, Any]:
    row = store.conn.execute("SELECT id, name FROM persons WHERE id = ?", (person_id,)).fetchone()
    return {"id": person_id, "name": row["name"] if row else person_id}


def events(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT e.*, o.name AS office_name FROM events e LEFT JOIN offices o ON o.id = e.office_id "
        f"{where} ORDER BY e.date_from IS NULL, e.date_from, e.id",
        params,
    )
    ids = [r["id"] for r in rows]
    cites = citations(store, "event", ids)
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for p in store.query(
            "SELECT pa.event_id, pa.kind, pa.entity_id, pa.role, "
            "COALESCE(pe.name, b.name, pl.name, pa.entity_id) AS name FROM participants pa "
            "LEFT JOIN persons pe ON pa.kind = 'person' AND pe.id = pa.entity_id "
            "LEFT JOIN bodies b ON pa.kind = 'body' AND b.id = pa.entity_id "
            "LEFT JOIN places pl ON pa.kind = 'place' AND pl.id = pa.entity_id "
            f"WHERE pa.event_id IN ({marks})",
            tuple(chunk),
        ):
            parts[p["event_id"]].append(
                {"id": p["entity_id"], "name": p["name"], "kind": p["kind"], "role": p["role"]}
            )
    return [
        {
            "kind": "event",
            "id": r["id"],
            "type": r["type"],
            "date": {
                "from": r["date_from"],
                "to": r["date_to"],
                "precision": r["date_precision"],
                "text": r["date_text"],
                "anchor": r["date_anchor"],
            },
            "participants": parts.get(r["id"], []),
            "office": r["office_name"],
            "detail": r["detail"],
            "status": r["status"],
            "method": r["method"],
            "rule": r["rule"],
            "citations": cites.get(r["id"], []),
        }
        for r in rows
    ]


def office_terms(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[dict]:
    rows = store.query(
        "SELECT t.*, o.name AS office_name, p.name AS person_name FROM office_terms t "
        "JOIN offices o ON o.id = t.office_id JOIN persons p ON p.id = t.person_id "
        f"{where} ORDER BY COALESCE(t.start_from, t.start_to, t.end_from), t.id",
        params,
    )
    cites = citations(store, "office_term", [r["id"] for r in rows])
    return [
        {
            "kind": "office_term",
            "id": r["id"],
            "person": {"id": r["person_id"], "name": r["person_name"]},
            "office": r["office_name"],
            "start": _bound(r["start_from"], r["start_to"], r["start_text"]),
            "end": _bound(r["end_from"], r["end_to"], r["end_text"]),
            "status": r["status"],
            "method": r["method"],
            "rule": r["rule"],
            "citations": cites.get(r["id"], []),
        }
        for r in rows
    ]


def _bound(lo: str | None, hi: str | None, text: str | None) -> dict[str, Any] | None:
    """A term's start or end: the interval it lies in (either side may be open)."""
    if lo is None and hi is None:
        return None
    return {"from": lo, "to": hi, "text": text}


def figures(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[dict]:
    rows = store.query(f"SELECT * FROM figures f {where} ORDER BY f.id", params)
    cites = citations(store, "figure", [r["id"] for r in rows])
    return [
        {
            "kind": "figure",
            "id": r["id"],
            "value": r["value"],
            "value_max": r["value_max"],
            "qualifier": r["qualifier"],
            "measure": r["measure"],
            "what": r["what"],
            "scope": {
                "operation": r["scope_operation"],
                "body": r["scope_body"],
                "region": r["scope_region"],
                "nationality": r["scope_nationality"],
                "period": _period(r),
            },
            "date": _date("date", r),
            "status": r["status"],
            "method": r["method"],
            "rule": r["rule"],
            "citations": cites.get(r["id"], []),
        }
        for r in rows
    ]


def _period(row: Any) -> dict[str, Any] | None:
    if row["period_from"] is None and row["period_to"] is None:
        return None
    return {"from": row["period_from"], "to": row["period_to"]}


def relations(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[dict]:
    rows = store.query(
        "SELECT r.*, a.name AS a_name, b.name AS b_name FROM relations r "
        "JOIN persons a ON a.id = r.from_person JOIN persons b ON b.id = r.to_person "
        f"{where} ORDER BY r.id",
        params,
    )
    cites = citations(store, "relation", [r["id"] for r in rows])
    return [
        {
            "kind": "relation",
            "id": r["id"],
            "type": r["type"],
            "from": {"id": r["from_person"], "name": r["a_name"]},
            "to": {"id": r["to_person"], "name": r["b_name"]},
            "status": r["status"],
            "method": r["method"],
            "rule": r["rule"],
            "citations": cites.get(r["id"], []),
        }
        for r in rows
    ]


def persons(store: Store, where: str = "", params: tuple[Any, ...] = ()) -> list[dict]:
    rows = store.query(f"SELECT * FROM persons p {where} ORDER BY p.id", params)
    forms: dict[str, list[str]] = defaultdict(list)
    for row in store.query("SELECT person_id, form FROM names ORDER BY id"):
        forms[row["person_id"]].append(row["form"])
    return [
        {
            "kind": "person",
            "id": r["id"],
            "name": r["name"],
            "names": forms.get(r["id"], []),
            "cyrillic": r["cyrillic"],
            "gender": r["gender"],
        }
        for r in rows
        if r["merged_into"] is None
    ]


def claims_of_source(store: Store, source_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every claim citing the source, by kind."""
    cited = "IN (SELECT claim_id FROM citations WHERE claim_kind = ? AND source_id = ?)"
    return {
        "event": events(store, f"WHERE e.id {cited}", ("event", source_id)),
        "office_term": office_terms(store, f"WHERE t.id {cited}", ("office_term", source_id)),
        "figure": figures(store, f"WHERE f.id {cited}", ("figure", source_id)),
        "relation": relations(store, f"WHERE r.id {cited}", ("relation", source_id)),
    }
