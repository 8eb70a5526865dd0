"""The database: one SQLite file in WAL mode, migrated on open, written in transactions."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from imena.errors import ImenaError
from imena.store.schema import MIGRATIONS, SCHEMA_VERSION


def default_db_path() -> str:
    """``$IMENA_DB``, else ``./imena.db`` (CLI.md)."""
    return os.environ.get("IMENA_DB") or "imena.db"


class Store:
    """An open imena database.  Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True):
        self.path = str(path)
        if not create and not Path(self.path).exists():
            raise ImenaError(
                "no database here (ingest or import something first, or pass --db)",
                path=self.path,
            )
        if Path(self.path).is_dir():
            raise ImenaError("is a directory, not a database file", path=self.path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self._migrate(version)
            elif version > SCHEMA_VERSION:
                raise ImenaError(
                    f"database schema version {version} is newer than this imena "
                    f"({SCHEMA_VERSION}); upgrade imena",
                    path=self.path,
                )
            self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise ImenaError(f"not an imena database ({exc})", path=self.path) from None

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
            # PRAGMA user_version takes no parameters; SCHEMA_VERSION is our own integer.
            self.conn.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def source_by_sha(self, sha256: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM sources WHERE sha256 = ?", (sha256,)).fetchone()

    def sources(self) -> list[sqlite3.Row]:
        return self.query("SELECT * FROM sources ORDER BY ingested_at, id")

    def source(self, source_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()

    def source_language(self, source_id: str) -> str | None:
        """The language the source declares (HTML ``lang``, TEI ``xml:lang``), if any."""
        row = self.conn.execute(
            "SELECT language FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        return row[0] if row else None

    def passages(self, source_id: str) -> list[sqlite3.Row]:
        return self.query("SELECT * FROM passages WHERE source_id = ? ORDER BY seq", (source_id,))

    def markers(self, passage_id: str) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT label, offset, note_passage_id FROM markers WHERE passage_id = ? ORDER BY seq",
            (passage_id,),
        )
        return [dict(row) for row in rows]

    def markers_by_passage(self, source_id: str) -> dict[str, list[dict[str, Any]]]:
        rows = self.query(
            "SELECT m.passage_id, m.label, m.offset, m.note_passage_id FROM markers m "
            "JOIN passages p ON p.id = m.passage_id WHERE p.source_id = ? ORDER BY p.seq, m.seq",
            (source_id,),
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(row["passage_id"], []).append(
                {"label": row["label"], "offset": row["offset"], "note": row["note_passage_id"]}
            )
        return out

    def sentences(self, passage_id: str) -> list[tuple[int, int]]:
        rows = self.query(
            'SELECT start, "end" FROM sentences WHERE passage_id = ? ORDER BY seq', (passage_id,)
        )
        return [(row[0], row[1]) for row in rows]

    def counts(self) -> dict[str, int]:
        tables = ("sources", "passages", "sentences", "markers", "persons", "events", "figures")
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def _statements(script: str) -> list[str]:
    """SQL statements of a migration; ``--`` comments may hold any text (even ';')."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(script):
        ch = script[i]
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            current.append(ch)
        elif script.startswith("--", i):
            end = script.find("\n", i)
            i = len(script) if end < 0 else end
            continue
        elif ch == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def dumps(value: Any) -> str:
    """JSON for columns holding structured values: compact, Unicode kept readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
