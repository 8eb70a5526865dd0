"""Reading claims back out of the database as the JSON objects of CLI.md."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
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
            # The primary key's order (bodies before persons, then by id), as SQLite's index
            # walk always returned them.
            f"WHERE pa.event_id IN ({marks}) ORDER BY pa.event_id, pa.kind, pa.entity_id, pa.role",
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
        f"{where} ORDER BY COALESCE(t.start_from, t.start_to, t.end_from) NULLS FIRST, t.id",
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


# -- claims by subject (what the API and the pages ask for) ----------------------------------


def events_by_ids(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Events by id, in date order (undated last)."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += events(store, f"WHERE {store.in_list('e.id')}", (store.list_param(chunk),))
    out.sort(key=lambda e: (e["date"]["from"] is None, e["date"]["from"] or "", e["id"]))
    return out


def events_of_person(store: Store, person_id: str, limit: int | None = None) -> list[dict]:
    """The person's events in date order (the earliest ``limit`` of them)."""
    # SQLite: (id, date_from) answers "when" for each of the person's events from the index
    # alone, without reading thousands of event rows to keep a few hundred.
    hint = "" if store.is_postgres else "INDEXED BY web_events_id_date "
    sql = (
        f"SELECT e2.id FROM events e2 {hint}WHERE e2.id IN (SELECT event_id FROM participants "
        "WHERE kind = 'person' AND entity_id = ?) "
        "ORDER BY e2.date_from IS NULL, e2.date_from, e2.id"
    )
    params: tuple[Any, ...] = (person_id,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return events_by_ids(store, [r[0] for r in store.query(sql, params)])


def events_of_persons(store: Store, person_ids: list[str], limit: int) -> list[dict]:
    """Up to ``limit`` events naming any of the persons."""
    ids = [
        r[0]
        for r in store.query(
            "SELECT DISTINCT event_id FROM participants WHERE kind = 'person' "
            f"AND {store.in_list('entity_id')} ORDER BY event_id LIMIT ?",
            (store.list_param(person_ids), limit),
        )
    ]
    return events_by_ids(store, ids)


def events_of_office(store: Store, office_id: str) -> list[dict]:
    return events(store, "WHERE e.office_id = ?", (office_id,))


def office_terms_of_person(store: Store, person_id: str, limit: int | None = None) -> list[dict]:
    if limit is None:
        return office_terms(store, "WHERE t.person_id = ?", (person_id,))
    return office_terms(
        store,
        "WHERE t.id IN (SELECT id FROM office_terms WHERE person_id = ? "
        "ORDER BY COALESCE(start_from, start_to, end_from) NULLS FIRST, id LIMIT ?)",
        (person_id, limit),
    )


def office_terms_of_office(store: Store, office_id: str) -> list[dict]:
    return office_terms(store, "WHERE t.office_id = ?", (office_id,))


def relations_of_person(store: Store, person_id: str, limit: int | None = None) -> list[dict]:
    if limit is None:
        return relations(
            store, "WHERE r.from_person = ? OR r.to_person = ?", (person_id, person_id)
        )
    return relations(
        store,
        "WHERE r.id IN (SELECT id FROM (SELECT id FROM relations WHERE from_person = ? UNION "
        "SELECT id FROM relations WHERE to_person = ?) AS mine ORDER BY id LIMIT ?)",
        (person_id, person_id, limit),
    )


def figures_by_ids(store: Store, ids: list[str]) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += figures(store, f"WHERE {store.in_list('f.id')}", (store.list_param(chunk),))
    out.sort(key=lambda f: f["id"])
    return out


def figures_of_measure(store: Store, measure: str = "") -> list[dict]:
    """Every figure, or those of one measure."""
    if measure:
        return figures(store, "WHERE f.measure = ?", (measure,))
    return figures(store)


def figure_ids_cited_in(store: Store, passages: list[str]) -> list[tuple[str, str, int | None]]:
    """(figure id, passage id, start) of figures cited in the passages."""
    out: list[tuple[str, str, int | None]] = []
    for i in range(0, len(passages), 500):
        chunk = passages[i : i + 500]
        out += [
            (r["claim_id"], r["passage_id"], r["start"])
            for r in store.query(
                "SELECT claim_id, passage_id, start FROM citations "
                f"WHERE {store.in_list('passage_id')} AND claim_kind = 'figure' ORDER BY id",
                (store.list_param(chunk),),
            )
        ]
    return out


def measure_counts(store: Store) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT measure, count(*) AS n FROM figures GROUP BY measure ORDER BY measure"
        )
    ]


def conflicts_of(store: Store, kind: str) -> list[dict[str, str]]:
    """Recorded conflicts between claims of one kind (table ``conflicts``)."""
    return [
        dict(r)
        for r in store.query(
            "SELECT a_id, b_id, reason FROM conflicts WHERE claim_kind = ? ORDER BY a_id, b_id",
            (kind,),
        )
    ]


def event_type_counts(store: Store) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type")
    ]


def bodies_by_events(store: Store, limit: int) -> list[dict[str, Any]]:
    """Bodies by the number of events naming them (one index search per body)."""
    return [
        dict(r)
        for r in store.query(
            "SELECT id, name, n FROM (SELECT b.id, b.name, (SELECT count(*) FROM participants pa "
            "WHERE pa.kind = 'body' AND pa.entity_id = b.id) AS n FROM bodies b) AS counted "
            "WHERE n > 0 ORDER BY n DESC, name LIMIT ?",
            (limit,),
        )
    ]


def status_counts(store: Store) -> dict[str, int]:
    """Claims waiting for review ('proposed'), by table."""
    return {
        table: store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE status = 'proposed'"
        ).fetchone()[0]
        for table in ("events", "office_terms", "figures", "relations")
    }


def table_counts(store: Store) -> dict[str, int]:
    """Rows of the tables the home page counts."""
    return {
        table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("sources", "persons", "events", "office_terms", "figures", "records")
    }


def offices_with_terms(store: Store) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT o.id, o.name, count(t.id) AS terms, count(DISTINCT t.person_id) AS holders, "
            "min(COALESCE(t.start_from, t.start_to)) AS first "
            "FROM offices o LEFT JOIN office_terms t ON t.office_id = o.id "
            "GROUP BY o.id, o.name ORDER BY o.name, o.id"
        )
    ]


def office(store: Store, office_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT * FROM offices WHERE id = ?", (office_id,)).fetchone()
    return dict(row) if row else None


# -- the chronology: events filtered, counted and paged ---------------------------------------


@dataclass(frozen=True)
class EventFilter:
    """The chronology's filters: type, a body or person taking part, a period (ISO days)."""

    type: str = ""
    body: str = ""
    person: str = ""
    lo: str | None = None
    hi: str | None = None

    def where(self) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.type:
            clauses.append("e.type = ?")
            params.append(self.type)
        for kind, value in (("body", self.body), ("person", self.person)):
            if value:
                clauses.append(
                    "e.id IN (SELECT event_id FROM participants "
                    f"WHERE kind = '{kind}' AND entity_id = ?)"
                )
                params.append(value)
        if self.lo:
            clauses.append("COALESCE(e.date_to, e.date_from) >= ?")
            params.append(self.lo)
        if self.hi:
            clauses.append("e.date_from <= ?")
            params.append(self.hi)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(params)


def count_events(store: Store, flt: EventFilter) -> tuple[int, int]:
    """(events, dated events) passing the filter."""
    where, params = flt.where()
    row = store.conn.execute(
        f"SELECT count(*), count(e.date_from) FROM events e {where}", params
    ).fetchone()
    return row[0], row[1]


def event_page(
    store: Store, flt: EventFilter, offset: int, size: int, dated: int
) -> list[dict[str, Any]]:
    """``size`` events from ``offset`` in date order, the undated ones last.

    Dated and undated events are read separately, so that each part is an index walk
    (events by date, events by id) that stops at the page, not a sort of every event.
    """
    where, params = flt.where()
    and_ = "AND" if where else "WHERE"
    ids: list[str] = []
    if offset < dated:
        ids += [
            r[0]
            for r in store.query(
                f"SELECT e.id FROM events e {where} {and_} e.date_from IS NOT NULL "
                "ORDER BY e.date_from, e.id LIMIT ? OFFSET ?",
                (*params, size, offset),
            )
        ]
    if len(ids) < size:
        ids += [
            r[0]
            for r in store.query(
                f"SELECT e.id FROM events e {where} {and_} e.date_from IS NULL "
                "ORDER BY e.id LIMIT ? OFFSET ?",
                (*params, size - len(ids), max(offset - dated, 0)),
            )
        ]
    return events_by_ids(store, ids) if ids else []


def events_by_month(store: Store, flt: EventFilter) -> dict[str, int]:
    """Events passing the filter whose date lies within one month, by month (YYYY-MM)."""
    where, params = flt.where()
    and_ = "AND" if where else "WHERE"
    return {
        r[0]: r[1]
        for r in store.query(
            f"SELECT substr(e.date_from, 1, 7), count(*) FROM events e {where} "
            f"{and_} e.date_from IS NOT NULL AND (e.date_to IS NULL "
            "OR substr(e.date_to, 1, 7) = substr(e.date_from, 1, 7)) GROUP BY 1",
            params,
        )
    }


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (with ESCAPE '\\')."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def events_matching(store: Store, query: str, limit: int) -> list[dict[str, Any]]:
    """Events of type ``query`` or whose detail contains it."""
    ids = [
        r[0]
        for r in store.query(
            f"SELECT id FROM events WHERE type = ? OR {store.dialect.ilike('detail')} "
            "ORDER BY id LIMIT ?",
            (query.lower(), like_pattern(query), limit),
        )
    ]
    return events_by_ids(store, ids)


def figures_matching(store: Store, query: str, limit: int) -> list[dict[str, Any]]:
    """Figures of measure ``query`` or whose subject, body, region or nationality contains it."""
    pattern = like_pattern(query)
    columns = ("what", "scope_body", "scope_region", "scope_nationality")
    ids = [
        r[0]
        for r in store.query(
            "SELECT id FROM figures WHERE measure = ? OR "
            + " OR ".join(store.dialect.ilike(c) for c in columns)
            + " ORDER BY id LIMIT ?",
            (query.lower().replace(" ", "_"), *[pattern] * len(columns), limit),
        )
    ]
    return figures_by_ids(store, ids)


def offices_matching(store: Store, query: str, limit: int) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            f"SELECT id, name FROM offices WHERE {store.dialect.ilike('name')} "
            "ORDER BY name, id LIMIT ?",
            (like_pattern(query), limit),
        )
    ]


def claim(store: Store, kind: str, claim_id: str) -> dict[str, Any] | None:
    """One claim of a kind (event, office_term, figure, relation) as its JSON object."""
    readers = {
        "event": (events, "WHERE e.id = ?"),
        "office_term": (office_terms, "WHERE t.id = ?"),
        "figure": (figures, "WHERE f.id = ?"),
        "relation": (relations, "WHERE r.id = ?"),
    }
    reader, where = readers[kind]
    found = reader(store, where, (claim_id,))
    return found[0] if found else None


def event_conflicts_of_office(store: Store, office_id: str) -> list[dict[str, Any]]:
    """Recorded conflicts of events about this office: events of the office, and events
    cited by the same sentence as one of its terms (a succession the text dates); one
    row per event: the first reason, and with how many claims it conflicts."""
    return [
        dict(r)
        for r in store.query(
            "SELECT c.a_id AS event_id, min(c.reason) AS reason, count(*) AS n FROM "
            "conflicts c WHERE c.claim_kind = 'event' AND c.a_id IN ("
            "SELECT id FROM events WHERE office_id = ? UNION "
            "SELECT ce.claim_id FROM citations ce JOIN citations ct "
            "ON ct.claim_kind = 'office_term' AND ct.source_id = ce.source_id "
            "AND ct.passage_id = ce.passage_id AND ct.start = ce.start "
            "JOIN office_terms t ON t.id = ct.claim_id "
            "WHERE ce.claim_kind = 'event' AND t.office_id = ?) "
            "GROUP BY c.a_id ORDER BY c.a_id",
            (office_id, office_id),
        )
    ]
