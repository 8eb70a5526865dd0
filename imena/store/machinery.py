"""The machinery's SQL: reference data written, offices, terms, decisions and figures read.

``imena.machinery`` decides (who held an office, which figures conflict); this module only
reads and writes the rows it decides over.  Writers take the connection of the caller's
transaction (``with store.transaction() as conn``); readers take the :class:`Store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from imena.store.db import Store

#: The connection of a Store's transaction (sqlite3's, or the PostgreSQL translator).
Connection = Any


# -- the bundled reference data ------------------------------------------------------------


def reference_loaded(store: Store, sha256: str) -> bool:
    """Whether this version of the reference data is in the database."""
    row = store.conn.execute("SELECT 1 FROM reference_loads WHERE sha256 = ?", (sha256,)).fetchone()
    return row is not None


def clear_reference(conn: Connection, source_id: str, method: str) -> None:
    """Remove a loaded version: its claims and their citations, its vocabularies, its source."""
    for table, kind in (
        ("office_terms", "office_term"),
        ("events", "event"),
        ("figures", "figure"),
    ):
        conn.execute(
            "DELETE FROM citations WHERE claim_kind = ? AND claim_id IN "
            f"(SELECT id FROM {table} WHERE method = ?)",
            (kind, method),
        )
    conn.execute(
        "DELETE FROM participants WHERE event_id IN (SELECT id FROM events WHERE method = ?)",
        (method,),
    )
    for table in ("office_terms", "events", "figures"):
        conn.execute(f"DELETE FROM {table} WHERE method = ?", (method,))
    conn.execute("DELETE FROM citations WHERE source_id = ?", (source_id,))
    conn.execute("DELETE FROM office_aliases")
    conn.execute("DELETE FROM categories")
    conn.execute("DELETE FROM reference_loads")
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))


@dataclass(frozen=True)
class ReferenceSource:
    """The sources row the reference data's citations point to."""

    id: str
    title: str
    authors: str
    language: str
    rights: str
    sha256: str
    ingested_at: str


def add_reference_source(conn: Connection, source: ReferenceSource) -> None:
    conn.execute(
        "INSERT INTO sources (id, title, authors, year, kind, language, rights, sha256, "
        "format, size, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            source.id,
            source.title,
            source.authors,
            None,
            "reference",
            source.language,
            source.rights,
            source.sha256,
            "json",
            0,
            source.ingested_at,
        ),
    )


def record_reference_load(conn: Connection, sha256: str, version: str, loaded_at: str) -> None:
    conn.execute(
        "INSERT INTO reference_loads (sha256, version, loaded_at) VALUES (?, ?, ?)",
        (sha256, version, loaded_at),
    )


def put_body(conn: Connection, body_id: str, name: str, kind: str, description: str) -> None:
    """A body, its name, kind and description replaced if it exists (its parent kept)."""
    conn.execute(
        "INSERT INTO bodies (id, name, kind, description) VALUES (?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "description = excluded.description",
        (body_id, name, kind, description),
    )


def set_body_parent(conn: Connection, body_id: str, parent: str) -> None:
    conn.execute("UPDATE bodies SET parent = ? WHERE id = ?", (parent, body_id))


@dataclass(frozen=True)
class OperationRow:
    id: str
    name: str
    order: str | None
    launched: str | None
    ended: str | None
    target: str | None
    description: str | None
    order_date: str | None


def put_operation(conn: Connection, op: OperationRow) -> None:
    """An operation, replaced if it exists."""
    conn.execute(
        'INSERT INTO operations (id, name, "order", launched, ended, target, description, '
        "order_date) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        'name = excluded.name, "order" = excluded."order", launched = excluded.launched, '
        "ended = excluded.ended, target = excluded.target, "
        "description = excluded.description, order_date = excluded.order_date",
        (
            op.id,
            op.name,
            op.order,
            op.launched,
            op.ended,
            op.target,
            op.description,
            op.order_date,
        ),
    )


def add_category(
    conn: Connection, category_id: str, name: str, operation_id: str | None, meaning: str
) -> None:
    conn.execute(
        "INSERT INTO categories (id, name, operation_id, meaning) VALUES (?,?,?,?)",
        (category_id, name, operation_id, meaning),
    )


def set_office_details(
    conn: Connection, office_id: str, body_id: str | None, region: str | None, kind: str
) -> None:
    conn.execute(
        "UPDATE offices SET body_id = ?, region = ?, kind = ? WHERE id = ?",
        (body_id, region, kind, office_id),
    )


def add_office_alias(conn: Connection, key: str, office_id: str, phrase: str) -> None:
    """An alias of an office, unless the office already has one with this key."""
    conn.execute(
        "INSERT INTO office_aliases (key, office_id, phrase) VALUES (?,?,?) ON CONFLICT DO NOTHING",
        (key, office_id, phrase),
    )


@dataclass(frozen=True)
class DocumentRow:
    """An order or decree an event enacts (the ``documents`` table)."""

    id: str
    kind: str
    number: str | None
    date_from: str | None
    date_to: str | None
    date_precision: str | None
    date_text: str | None
    issuer: str | None
    title: str | None


def put_document(conn: Connection, doc: DocumentRow) -> None:
    """A document, every column replaced if it exists."""
    conn.execute(
        "INSERT INTO documents (id, kind, number, date_from, date_to, date_precision, "
        "date_text, issuer, title) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "kind = excluded.kind, number = excluded.number, date_from = excluded.date_from, "
        "date_to = excluded.date_to, date_precision = excluded.date_precision, "
        "date_text = excluded.date_text, issuer = excluded.issuer, title = excluded.title",
        (
            doc.id,
            doc.kind,
            doc.number,
            doc.date_from,
            doc.date_to,
            doc.date_precision,
            doc.date_text,
            doc.issuer,
            doc.title,
        ),
    )


# -- reading: sentences, offices, terms, decisions -----------------------------------------


def sentences_with_text(store: Store, source_id: str) -> list[tuple[str, str, int, int]]:
    """(passage id, passage text, start, end) of every sentence of a source, in reading order."""
    rows = store.query(
        'SELECT p.id, p.text, s.start, s."end" FROM sentences s JOIN passages p '
        "ON p.id = s.passage_id WHERE p.source_id = ? ORDER BY p.seq, s.seq",
        (source_id,),
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def offices_by_alias(store: Store, key: str) -> list[tuple[str, str]]:
    """(id, name) of the offices with an alias of this key, by name."""
    rows = store.query(
        "SELECT o.id, o.name FROM office_aliases a JOIN offices o ON o.id = a.office_id "
        "WHERE a.key = ? ORDER BY o.name",
        (key,),
    )
    return [(row[0], row[1]) for row in rows]


def offices_by_name(store: Store, name: str) -> list[tuple[str, str]]:
    """(id, name) of the offices of this name, in any letter case."""
    rows = store.query("SELECT id, name FROM offices WHERE lower(name) = lower(?)", (name.lower(),))
    return [(row[0], row[1]) for row in rows]


def office_term_rows(
    store: Store,
    *,
    office_ids: Sequence[str] | None = None,
    person_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Office terms not rejected (every column, with office_name, office_kind, person_name),
    of these offices and/or persons (None: any), in id order."""
    where, params = ["t.status != 'rejected'"], []
    if office_ids is not None:
        where.append(store.in_list("t.office_id"))
        params.append(store.list_param(office_ids))
    if person_ids is not None:
        where.append(store.in_list("t.person_id"))
        params.append(store.list_param(person_ids))
    rows = store.query(
        "SELECT t.*, o.name AS office_name, o.kind AS office_kind, p.name AS person_name "
        "FROM office_terms t JOIN offices o ON o.id = t.office_id "
        f"JOIN persons p ON p.id = t.person_id WHERE {' AND '.join(where)} ORDER BY t.id",
        tuple(params),
    )
    return [dict(row) for row in rows]


def subject_events(
    store: Store, types: Sequence[str], person_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """Events of these types dated to a day, not rejected, whose subject is one of the persons
    (id, type, date_from, entity_id, person_name), by date."""
    rows = store.query(
        "SELECT e.id, e.type, e.date_from, pa.entity_id, p.name AS person_name FROM events e "
        "JOIN participants pa ON pa.event_id = e.id AND pa.kind = 'person' "
        "AND pa.role = 'subject' JOIN persons p ON p.id = pa.entity_id "
        f"WHERE e.type IN ({','.join('?' * len(types))}) AND {store.in_list('pa.entity_id')} "
        "AND e.date_from IS NOT NULL AND e.date_precision = 'day' AND e.status != 'rejected' "
        "ORDER BY e.date_from",
        (*types, store.list_param(person_ids)),
    )
    return [dict(row) for row in rows]


def body_named(store: Store, body_id: str, name: str) -> str | None:
    """The id of the body with this id, or of this name in any letter case."""
    row = store.conn.execute(
        "SELECT id FROM bodies WHERE id = ? OR lower(name) = lower(?)", (body_id, name.lower())
    ).fetchone()
    return row[0] if row else None


def child_bodies(store: Store, body_id: str) -> list[str]:
    return [row[0] for row in store.query("SELECT id FROM bodies WHERE parent = ?", (body_id,))]


def decision_rows(
    store: Store,
    types: Sequence[str],
    *,
    body_ids: Sequence[str] | None = None,
    operation: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[dict[str, Any]]:
    """Dated events of these types, not rejected, with one of the bodies as agent or issuer
    (None: any), of the operation, overlapping [start, end]; every column and office_name,
    by date and id."""
    where = [f"e.type IN ({','.join('?' * len(types))})", "e.status != 'rejected'"]
    params: list[Any] = list(types)
    if body_ids is not None:
        where.append(
            "EXISTS (SELECT 1 FROM participants pa WHERE pa.event_id = e.id AND pa.kind = 'body' "
            f"AND pa.role IN ('agent','issuer') AND {store.in_list('pa.entity_id')})"
        )
        params.append(store.list_param(body_ids))
    if operation is not None:
        where.append("e.operation_id = ?")
        params.append(operation)
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
    return [dict(row) for row in rows]


def acting_bodies(store: Store, event_ids: Sequence[str]) -> dict[str, list[str]]:
    """The names of the bodies acting in each event (agent or issuer; the id if unnamed)."""
    out: dict[str, list[str]] = {}
    if not event_ids:
        return out
    for row in store.query(
        "SELECT pa.event_id, COALESCE(b.name, pa.entity_id) AS name FROM participants pa "
        "LEFT JOIN bodies b ON b.id = pa.entity_id WHERE pa.kind = 'body' "
        f"AND pa.role IN ('agent','issuer') AND {store.in_list('pa.event_id')} "
        "ORDER BY pa.event_id, pa.entity_id, pa.role",
        (store.list_param(event_ids),),
    ):
        out.setdefault(row[0], []).append(row[1])
    return out


# -- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureFilter:
    """Which figures to reconcile; None is any (compared in any letter case)."""

    measure: str | None = None
    operation: str | None = None
    body: str | None = None
    region: str | None = None


#: The columns a figure is checked with; a shown figure also has what, period_text, status,
#: method and rule.  ``figure_object`` reads them by position.
_CHECKED = (
    "f.id, f.value, f.value_max, f.qualifier, f.measure, f.scope_operation, f.scope_body, "
    "f.scope_region, f.scope_nationality, f.period_from, f.period_to, f.part_of"
)
_SHOWN = _CHECKED + ", f.what, f.period_text, f.status, f.method, f.rule"
#: A shown figure's citations, joined to it.
_CITED = 'c.id, c.source_id, c.passage_id, c.start, c."end", c.quote, c.notes, c.locator, c.match'
#: Where a shown figure's citation columns begin in a row of ``shown_figure_rows``: the
#: citation's id, then source, passage, start, end, quote, notes (JSON), locator, match (JSON).
SHOWN_WIDTH = _SHOWN.count(",") + 1


def _where(
    store: Store,
    flt: FigureFilter,
    *,
    measures: Sequence[str] | None = None,
    no_region: bool = False,
) -> tuple[str, list[Any]]:
    """SQL condition on ``figures f`` for the filter; ``measures`` replaces the measure filter,
    ``no_region`` the region filter (the same figures with other measures, without region)."""
    where, params = ["f.status != 'rejected'"], []
    if measures is not None:
        where.append(f"f.measure IN ({','.join('?' * len(measures))})")
        params.extend(measures)
    for column, value in (
        ("measure", None if measures is not None else flt.measure),
        ("scope_operation", flt.operation),
        ("scope_body", flt.body),
        ("scope_region", None if no_region else flt.region),
    ):
        if value is not None:
            where.append(store.equal_any_case(f"f.{column}"))
            params.append(value)
    if no_region:
        where.append("f.scope_region IS NULL")
    return " AND ".join(where), params


def _tuples(store: Store, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Plain tuples (no row objects: thousands of figures are read at a time)."""
    if store.is_postgres:
        from psycopg.rows import tuple_row

        with store.conn.raw.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(store.dialect.sql(sql), tuple(params))
            return cursor.fetchall()
    cursor = store.conn.cursor()
    cursor.row_factory = None
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def shown_figure_rows(store: Store, flt: FigureFilter) -> list[tuple[Any, ...]]:
    """Figures matching the filter, by id, a row per citation (one row with the citation
    columns None for a figure without any): the shown columns, then from ``SHOWN_WIDTH``
    the citation's."""
    where, params = _where(store, flt)
    rows = _tuples(
        store,
        f"SELECT {_SHOWN}, {_CITED} FROM figures f LEFT JOIN citations c "
        f"ON c.claim_kind = 'figure' AND c.claim_id = f.id WHERE {where}",
        params,
    )
    rows.sort(key=itemgetter(0))  # by id (sorted here: cheaper than in SQL); stable
    return rows


def wider_figure_rows(
    store: Store,
    flt: FigureFilter,
    *,
    measures: Sequence[str] | None = None,
    no_region: bool = False,
) -> list[tuple[Any, ...]]:
    """The checked columns of the figures of the filter with ``measures`` instead of its
    measure, or (``no_region``) without a region instead of its region."""
    where, params = _where(store, flt, measures=measures, no_region=no_region)
    return _tuples(store, f"SELECT {_CHECKED} FROM figures f WHERE {where}", params)


def figure_rows_by_id(store: Store, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The checked columns of the figures (not rejected) with these ids."""
    return _tuples(
        store,
        f"SELECT {_CHECKED} FROM figures f WHERE f.status != 'rejected' AND "
        f"{store.in_list('f.id')}",
        [store.list_param(ids)],
    )


def figure_object(row: Sequence[Any], shown: bool) -> dict[str, Any]:
    """A row of ``shown_figure_rows`` (shown) or of the checked columns as a CLI.md figure
    (without citations)."""
    if shown:
        p_from, p_to, p_text = row[9], row[10], row[13]
        period = {"from": p_from, "to": p_to, "text": p_text} if p_from or p_to or p_text else None
    else:
        p_from, p_to = row[9], row[10]
        period = {"from": p_from, "to": p_to} if p_from or p_to else None
    fig: dict[str, Any] = {
        "kind": "figure",
        "id": row[0],
        "value": row[1],
        "value_max": row[2],
        "qualifier": row[3],
        "measure": row[4] or "count",
        "what": row[12] if shown else None,
        "scope": {
            "operation": row[5],
            "body": row[6],
            "region": row[7],
            "nationality": row[8],
            "period": period,
        },
        "part_of": row[11],
    }
    if shown:
        fig["status"], fig["method"], fig["rule"] = row[14], row[15], row[16]
    return fig
