"""Stalin's lists in the database: their documents, sections, signatures and conflicts.

The one place that reads and writes the ``stalin_list*`` tables, and the rows of other
tables the lists need (their source, the signers as persons, conflicts with other
sources).  Writers take the connection of the caller's transaction (``conn``), readers a
:class:`~imena.store.db.Store` or that connection; what comes back is plain values,
dataclasses, and, for the pages' wide reads, rows (read by column name, alike on both
backends, see :mod:`imena.store.rows`).  A signature's ``office_ids`` is a JSON list in
the database: :func:`office_ids` reads it.  Claims (events, office terms, figures,
citations) go through :class:`~imena.store.writer.ClaimWriter`, not through this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from imena.store.db import Store, dumps

#: Methods of the claims the lists import write (a LIKE pattern).
LIST_METHODS = "imported:memorial-stalin-lists%"


# -- writing an import -------------------------------------------------------------------


@dataclass
class ListsSourceRow:
    """The source row of one imported copy of the collection."""

    id: str
    title: str
    authors: str
    rights: str
    sha256: str
    filename: str
    size: int
    ingested_at: str


@dataclass
class DocumentRow:
    """An archival document of the collection (``documents``)."""

    id: str
    kind: str
    number: str | None
    date_from: str | None
    date_to: str | None
    date_precision: str | None
    date_text: str | None
    issuer: str | None
    title: str | None


@dataclass
class ListRow:
    """A document as the collection describes it (``stalin_lists``); its event is set later."""

    source_id: str
    list_id: int
    document_id: str
    is_list: int
    volume: int | None
    number: int | None
    archive: str
    fond: str | None
    opis: str | None
    delo: str | None
    delo_number: str | None
    delo_title: str | None
    page_first: int | None
    page_last: int | None
    locator: str
    title: str | None
    date_text: str | None
    adate: str | None
    date_from: str | None
    date_to: str | None
    date_precision: str | None
    date_basis: str | None
    date_flag: str | None
    submitter_text: str | None
    resolution: str | None
    remark: str | None


@dataclass
class SectionRow:
    """A regional section of a list (``stalin_list_sections``)."""

    source_id: str
    section_id: int
    list_id: int
    number: int | None
    title: str | None
    region: str | None
    region_en: str | None
    date_text: str | None
    date_from: str | None
    date_to: str | None
    date_precision: str | None
    date_flag: str | None
    category_1: int
    category_2: int
    category_3: int
    signer_text: str | None
    resolution_text: str | None
    classification: str | None


@dataclass
class SignatureRow:
    """Who signed a list, as a submitter or a signer (``stalin_list_signatures``)."""

    source_id: str
    list_id: int
    person_id: str
    role: str
    as_written: str
    status: str
    post_text: str | None = None
    office_ids: list[str] | None = None
    rank_text: str | None = None
    rank: str | None = None


def _insert_sql(table: str, row_type: type, tail: str = "") -> str:
    columns = [f.name for f in fields(row_type)]
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){tail}"


def _values(row_type: type) -> Any:
    """A row's values in column order (``dataclasses.astuple`` copies them: slower)."""
    return attrgetter(*(f.name for f in fields(row_type)))


_SOURCE_SQL = (
    "INSERT INTO sources (id, title, authors, year, kind, language, rights, sha256, filename, "
    "format, encoding, size, ingested_at) "
    "VALUES (?, ?, ?, NULL, 'registry', 'ru', ?, ?, ?, 'stalin-lists', 'utf-8', ?, ?)"
)
_DOCUMENT_SQL = _insert_sql("documents", DocumentRow)
_LIST_SQL = _insert_sql("stalin_lists", ListRow)
_SECTION_SQL = _insert_sql("stalin_list_sections", SectionRow)
_SIGNATURE_SQL = _insert_sql("stalin_list_signatures", SignatureRow)
_SIGNATURE_ONCE_SQL = _insert_sql("stalin_list_signatures", SignatureRow, " ON CONFLICT DO NOTHING")
_document_values = _values(DocumentRow)
_list_values = _values(ListRow)
_section_values = _values(SectionRow)


def source_exists(conn: Any, source_id: str) -> bool:
    return conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone() is not None


def add_source(conn: Any, row: ListsSourceRow) -> None:
    conn.execute(
        _SOURCE_SQL,
        (row.id, row.title, row.authors, row.rights, row.sha256, row.filename, row.size,
         row.ingested_at),
    )  # fmt: skip


def add_document(conn: Any, row: DocumentRow) -> None:
    conn.execute(_DOCUMENT_SQL, _document_values(row))


def add_list(conn: Any, row: ListRow) -> None:
    conn.execute(_LIST_SQL, _list_values(row))


def set_list_event(conn: Any, source_id: str, list_id: int, event_id: str) -> None:
    """The Politburo decision a list became."""
    conn.execute(
        "UPDATE stalin_lists SET event_id = ? WHERE source_id = ? AND list_id = ?",
        (event_id, source_id, list_id),
    )


def add_section(conn: Any, row: SectionRow) -> None:
    conn.execute(_SECTION_SQL, _section_values(row))


def add_signature(conn: Any, row: SignatureRow, *, once: bool = False) -> None:
    """A signature; with ``once``, a second one of the person in that role is left out."""
    values = (
        row.source_id, row.list_id, row.person_id, row.role, row.as_written, row.status,
        row.post_text, dumps(row.office_ids) if row.office_ids else "[]", row.rank_text,
        row.rank,
    )  # fmt: skip
    conn.execute(_SIGNATURE_ONCE_SQL if once else _SIGNATURE_SQL, values)


def add_office_phrase(conn: Any, phrase: str, office_id: str) -> None:
    """A phrasing of a post (Russian or English) that names an office."""
    conn.execute(
        "INSERT INTO stalin_list_office_phrases (phrase, office_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING",
        (phrase, office_id),
    )


def import_counts(store: Store, source_id: str) -> dict[str, int]:
    """What one imported copy holds, for the import's summary."""

    def one(sql: str) -> int:
        return int(store.conn.execute(sql, (source_id,)).fetchone()[0])

    return {
        "documents": one("SELECT count(*) FROM stalin_lists WHERE source_id = ?"),
        "lists": one("SELECT count(*) FROM stalin_lists WHERE source_id = ? AND is_list = 1"),
        "decisions": one(
            "SELECT count(*) FROM stalin_lists WHERE source_id = ? AND event_id IS NOT NULL"
        ),
        "sections": one("SELECT count(*) FROM stalin_list_sections WHERE source_id = ?"),
        "signatures": one("SELECT count(*) FROM stalin_list_signatures WHERE source_id = ?"),
        "persons": one(
            "SELECT count(DISTINCT person_id) FROM stalin_list_signatures WHERE source_id = ?"
        ),
        "office terms": one(
            "SELECT count(*) FROM office_terms WHERE id IN (SELECT claim_id FROM citations "
            "WHERE claim_kind = 'office_term' AND source_id = ?)"
        ),
        "figures": one(
            "SELECT count(*) FROM figures WHERE id IN (SELECT claim_id FROM citations "
            "WHERE claim_kind = 'figure' AND source_id = ?)"
        ),
    }


# -- reading the collection ---------------------------------------------------------------


def collection_exists(store: Store, source_id: str) -> bool:
    return bool(store.query("SELECT 1 FROM stalin_lists WHERE source_id = ? LIMIT 1", (source_id,)))


def latest_collection(store: Store) -> str | None:
    """The source id of the most recently imported copy, if any."""
    row = store.conn.execute(
        "SELECT s.id FROM sources s WHERE s.id IN (SELECT DISTINCT source_id FROM stalin_lists) "
        "ORDER BY s.ingested_at DESC, s.id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else row[0]


def office_names(store_or_conn: Store | Any) -> dict[str, str]:
    """Every office's name, by id."""
    return {r[0]: r[1] for r in _rows(store_or_conn, "SELECT id, name FROM offices")}


def person_names(store_or_conn: Store | Any) -> dict[str, str]:
    """Every person's name, by id."""
    return {r[0]: r[1] for r in _rows(store_or_conn, "SELECT id, name FROM persons")}


def office_phrases(store: Store) -> list[tuple[str, str]]:
    """(phrase, office id) of every phrasing of a post the lists know."""
    rows = store.query("SELECT phrase, office_id FROM stalin_list_office_phrases")
    return [(r[0], r[1]) for r in rows]


def list_row(store: Store, source_id: str, list_id: int) -> Any | None:
    """One document of the collection: a row of every column of ``stalin_lists``."""
    return store.conn.execute(
        "SELECT * FROM stalin_lists WHERE source_id = ? AND list_id = ?", (source_id, list_id)
    ).fetchone()


def documents(store: Store, source_id: str) -> list[Any]:
    """Every document, dated ones first by date: what the index of the collection lists."""
    return store.query(
        "SELECT list_id, is_list, title, date_text, date_from, date_to, date_precision, "
        "locator FROM stalin_lists WHERE source_id = ? "
        "ORDER BY date_from IS NULL, date_from, list_id",
        (source_id,),
    )


def real_lists(store: Store, source_id: str) -> list[Any]:
    """The real lists (not cover notes or inventories), dated ones first by date."""
    return store.query(
        "SELECT * FROM stalin_lists WHERE source_id = ? AND is_list = 1 "
        "ORDER BY date_from IS NULL, date_from, list_id",
        (source_id,),
    )


def real_lists_between(store: Store, source_id: str, lo: str, hi: str) -> list[Any]:
    """Real lists whose dating overlaps ``lo``..``hi`` (ISO dates), by date."""
    return store.query(
        "SELECT * FROM stalin_lists WHERE source_id = ? AND is_list = 1 AND date_from <= ? "
        "AND date_to >= ? ORDER BY date_from, list_id",
        (source_id, hi, lo),
    )


def neighbours(store: Store, source_id: str, list_id: int) -> tuple[int | None, int | None]:
    """The list ids before and after ``list_id``, for paging through the documents."""
    row = store.conn.execute(
        "SELECT (SELECT max(list_id) FROM stalin_lists WHERE source_id = ? AND list_id < ?), "
        "(SELECT min(list_id) FROM stalin_lists WHERE source_id = ? AND list_id > ?)",
        (source_id, list_id, source_id, list_id),
    ).fetchone()
    return row[0], row[1]


def sections_of_list(store: Store, source_id: str, list_id: int) -> list[Any]:
    """The sections of one list, by number (unnumbered first) and id."""
    return store.query(
        "SELECT * FROM stalin_list_sections WHERE source_id = ? AND list_id = ? "
        "ORDER BY number IS NOT NULL, number, section_id",
        (source_id, list_id),
    )


def sections(store: Store, source_id: str) -> list[Any]:
    """Every section with its list's ``is_list``, by date (undated first), list and number."""
    return store.query(
        "SELECT s.*, l.is_list FROM stalin_list_sections s JOIN stalin_lists l "
        "ON l.source_id = s.source_id AND l.list_id = s.list_id WHERE s.source_id = ? "
        "ORDER BY s.date_from IS NOT NULL, s.date_from, s.list_id, s.number IS NOT NULL, "
        "s.number",
        (source_id,),
    )


def category_totals_by_list(store: Store, source_id: str) -> dict[int, dict[int, int]]:
    """People listed per category (1, 2, 3), summed over each list's sections."""
    # int(): PostgreSQL's sum of integers is a numeric (a Decimal in Python).
    return {
        r[0]: {1: int(r[1]), 2: int(r[2]), 3: int(r[3])}
        for r in store.query(
            "SELECT list_id, sum(category_1), sum(category_2), sum(category_3) "
            "FROM stalin_list_sections WHERE source_id = ? GROUP BY list_id",
            (source_id,),
        )
    }


def signatures_of_lists(store: Store, source_id: str, list_ids: Sequence[int]) -> list[Any]:
    """Signatures of the lists with the person's name and cyrillic: rows by list and role
    (submitters first).

    The order within a role is the caller's to give (the order of the document's own
    text); the offices are :func:`office_ids` of the row.
    """
    out: list[Any] = []
    for i in range(0, len(list_ids), 500):
        chunk = list(list_ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        out.extend(
            store.query(
                "SELECT s.*, p.name AS person_name, p.cyrillic FROM stalin_list_signatures s "
                "JOIN persons p ON p.id = s.person_id "
                f"WHERE s.source_id = ? AND s.list_id IN ({marks}) "
                "ORDER BY s.list_id, s.role DESC, s.person_id",
                (source_id, *chunk),
            )
        )
    return out


def signatures_by_date(store: Store, source_id: str) -> list[Any]:
    """Every signature with its person and list, by the list's date (undated first) and id."""
    return store.query(
        "SELECT s.person_id, s.role, p.name, p.cyrillic, l.list_id, l.date_from, l.date_to, "
        "l.date_precision, l.date_text, l.title "
        "FROM stalin_list_signatures s "
        "JOIN stalin_lists l ON l.source_id = s.source_id AND l.list_id = s.list_id "
        "JOIN persons p ON p.id = s.person_id WHERE s.source_id = ? "
        "ORDER BY l.date_from IS NOT NULL, l.date_from, l.list_id, s.person_id, s.role",
        (source_id,),
    )


def dated_submissions(store: Store, source_id: str) -> list[Any]:
    """Signatures of the NKVD officials on dated lists, by date and list.

    The offices are :func:`office_ids` of the row.
    """
    return store.query(
        "SELECT s.person_id, s.office_ids, s.status, p.name, l.list_id, l.date_from, "
        "l.date_to, l.locator FROM stalin_list_signatures s JOIN stalin_lists l "
        "ON l.source_id = s.source_id AND l.list_id = s.list_id "
        "JOIN persons p ON p.id = s.person_id "
        "WHERE s.source_id = ? AND s.role = 'submitter' AND l.date_from IS NOT NULL "
        "ORDER BY l.date_from, l.list_id, s.person_id",
        (source_id,),
    )


def office_ids(signature: Any) -> list[str]:
    """The offices a signature row names (kept as a JSON list in the database)."""
    return json.loads(signature["office_ids"])


def _rows(store_or_conn: Store | Any, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Every row of a query, on a store or the connection of its transaction."""
    conn = store_or_conn.conn if isinstance(store_or_conn, Store) else store_or_conn
    return conn.execute(sql, params).fetchall()


# -- reconciling with other sources -------------------------------------------------------


@dataclass(frozen=True)
class SubmissionRow:
    """A dated signature of an NKVD official, with the list it is on."""

    source_id: str
    list_id: int
    person_id: str
    office_ids: list[str]
    date_from: str
    date_to: str
    date_text: str | None
    event_id: str
    locator: str


@dataclass(frozen=True)
class DatedEventRow:
    """An appointment, dismissal or transfer of another source, dated."""

    id: str
    type: str
    date_from: str | None
    date_to: str | None
    date_text: str | None
    office_id: str | None


@dataclass(frozen=True)
class BoundedTermRow:
    """An office term of another source with a bounded start or end."""

    id: str
    person_id: str
    office_id: str
    start_from: str | None
    start_text: str | None
    end_to: str | None
    end_text: str | None


def all_dated_submissions(store_or_conn: Store | Any) -> list[SubmissionRow]:
    """Signatures of NKVD officials on dated lists, of every imported copy, by date and list."""
    rows = _rows(
        store_or_conn,
        "SELECT s.source_id, s.list_id, s.person_id, s.office_ids, l.date_from, l.date_to, "
        "l.date_text, l.event_id, l.locator FROM stalin_list_signatures s "
        "JOIN stalin_lists l ON l.source_id = s.source_id AND l.list_id = s.list_id "
        "WHERE s.role = 'submitter' AND l.date_from IS NOT NULL "
        "ORDER BY l.date_from, l.list_id, s.source_id, s.person_id",
    )
    return [
        SubmissionRow(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[8])
        for r in rows
    ]


def dated_office_events(store_or_conn: Store | Any) -> list[DatedEventRow]:
    """Appointments, dismissals and transfers not imported from the lists, with a date."""
    rows = _rows(
        store_or_conn,
        "SELECT id, type, date_from, date_to, date_text, office_id FROM events "
        "WHERE type IN ('appointment', 'dismissal', 'transfer') AND method NOT LIKE ? "
        "AND (date_from IS NOT NULL OR date_to IS NOT NULL)",
        (LIST_METHODS,),
    )
    return [DatedEventRow(*r) for r in rows]


def event_persons(store_or_conn: Store | Any, event_id: str) -> list[tuple[str, str]]:
    """(person id, role) of the persons taking part in an event."""
    rows = _rows(
        store_or_conn,
        "SELECT entity_id, role FROM participants WHERE event_id = ? AND kind = 'person'",
        (event_id,),
    )
    return [(r[0], r[1]) for r in rows]


def terms_cited_with_event(store_or_conn: Store | Any, event_id: str) -> list[tuple[str, str]]:
    """(person, office) of the office terms cited by the same sentence as the event."""
    rows = _rows(
        store_or_conn,
        "SELECT t.person_id, t.office_id FROM citations ce JOIN citations ct "
        "ON ct.claim_kind = 'office_term' AND ct.source_id = ce.source_id "
        "AND ct.passage_id = ce.passage_id AND ct.start = ce.start "
        "JOIN office_terms t ON t.id = ct.claim_id "
        "WHERE ce.claim_kind = 'event' AND ce.claim_id = ?",
        (event_id,),
    )
    return [(r[0], r[1]) for r in rows]


def bounded_office_terms(store_or_conn: Store | Any) -> list[BoundedTermRow]:
    """Office terms not imported from the lists whose start or end is bounded."""
    rows = _rows(
        store_or_conn,
        "SELECT id, person_id, office_id, start_from, start_text, end_to, end_text "
        "FROM office_terms WHERE method NOT LIKE ? "
        "AND (start_from IS NOT NULL OR end_to IS NOT NULL)",
        (LIST_METHODS,),
    )
    return [BoundedTermRow(*r) for r in rows]


def clear_list_conflicts(conn: Any) -> None:
    """Forget the recorded conflicts whose other side is a claim of the lists."""
    conn.execute(
        "DELETE FROM conflicts WHERE b_id IN (SELECT event_id FROM stalin_lists "
        "WHERE event_id IS NOT NULL) OR b_id IN (SELECT id FROM office_terms WHERE method LIKE ?)",
        (LIST_METHODS,),
    )


def add_conflicts(conn: Any, conflicts: Iterable[tuple[str, str, str, str]]) -> None:
    """Conflicts ``(claim kind, claim id, the list's claim id, reason)``; known ones kept."""
    conn.executemany(
        "INSERT INTO conflicts (claim_kind, a_id, b_id, reason) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        list(conflicts),
    )


def lists_by_locator(store: Store) -> dict[tuple[str, str], int]:
    """(collection source id, archive reference) → list id, for linking citations."""
    return {
        (r[0], r[1]): r[2]
        for r in store.query(
            "SELECT source_id, locator, list_id FROM stalin_lists ORDER BY source_id, list_id"
        )
    }
