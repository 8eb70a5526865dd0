"""The one writer of claims: events, office terms, figures, relations and their citations.

Extraction (``extract/pipeline.py``), the curated reference data
(``machinery/reference.py``) and archival imports (``lists/importer.py``) all write
claims through ``ClaimWriter``, in the caller's transaction.  Rows are dataclasses with
named fields; a field left ``None`` is not written, so the column keeps the database's
default.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from imena.store.db import dumps


@dataclass
class EventRow:
    id: str
    type: str
    method: str
    rule: str | None = None
    status: str = "proposed"
    date_from: str | None = None
    date_to: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_anchor: str | None = None
    office_id: str | None = None
    operation_id: str | None = None
    document_id: str | None = None
    detail: str | None = None


@dataclass
class OfficeTermRow:
    id: str
    person_id: str
    office_id: str
    method: str
    rule: str | None = None
    status: str = "proposed"
    start_from: str | None = None
    start_to: str | None = None
    start_text: str | None = None
    end_from: str | None = None
    end_to: str | None = None
    end_text: str | None = None


@dataclass
class FigureRow:
    id: str
    value: int
    measure: str
    method: str
    rule: str | None = None
    status: str = "proposed"
    value_max: int | None = None
    qualifier: str | None = None
    what: str | None = None
    scope_operation: str | None = None
    scope_body: str | None = None
    scope_region: str | None = None
    scope_nationality: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    period_text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    part_of: str | None = None


@dataclass
class RelationRow:
    id: str
    type: str
    from_person: str
    to_person: str
    method: str
    rule: str | None = None
    status: str = "proposed"


@dataclass
class CitationRow:
    """Where a claim stands: a sentence of a stored passage, or a locator in a work."""

    claim_kind: str
    claim_id: str
    source_id: str
    passage_id: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    locator: str | None = None
    #: For reference data: the work and the words that find the sentence in a held copy.
    match: dict[str, Any] | None = None


def _insert(conn: sqlite3.Connection, table: str, row: Any, ignore: bool = False) -> None:
    values = {k: v for k, v in dataclasses.asdict(row).items() if v is not None}
    if "notes" in values:
        values["notes"] = dumps(values["notes"])
    if "match" in values:
        values["match"] = dumps(values["match"])
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    tail = " ON CONFLICT DO NOTHING" if ignore else ""
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks}){tail}", tuple(values.values()))


class ClaimWriter:
    """Writes claims and their citations in the transaction of ``conn``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add_event(
        self, row: EventRow, participants: list[tuple[str, str, str]] | None = None
    ) -> None:
        """An event and its participants ``(kind, entity id, role)``."""
        _insert(self.conn, "events", row)
        for kind, entity, role in participants or []:
            self.add_participant(row.id, kind, entity, role)

    def add_participant(self, event_id: str, kind: str, entity: str, role: str) -> None:
        self.conn.execute(
            "INSERT INTO participants (event_id, kind, entity_id, role) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (event_id, kind, entity, role),
        )

    def add_office_term(self, row: OfficeTermRow) -> None:
        _insert(self.conn, "office_terms", row)

    def add_figure(self, row: FigureRow) -> None:
        _insert(self.conn, "figures", row)

    def add_relation(self, row: RelationRow) -> None:
        _insert(self.conn, "relations", row)

    def cite(self, citation: CitationRow) -> None:
        _insert(self.conn, "citations", citation)

    def ensure_office(self, office_id: str, name: str, body_id: str | None = None) -> str:
        self.conn.execute(
            "INSERT INTO offices (id, name, body_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (office_id, name, body_id),
        )
        return office_id

    def ensure_body(self, body_id: str, name: str, kind: str = "body") -> str:
        self.conn.execute(
            "INSERT INTO bodies (id, name, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (body_id, name, kind),
        )
        return body_id
