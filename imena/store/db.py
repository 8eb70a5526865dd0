"""The database: one SQLite file in WAL mode, migrated on open, written in transactions."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from imena.errors import ImenaError
from imena.store.dialect import PostgreSQL, dialect_for
from imena.store.schema import MIGRATIONS, SCHEMA_VERSION


def database_errors() -> tuple[type[BaseException], ...]:
    """What the drivers raise when a server or file refuses a statement (for the CLI)."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return tuple(errors)


def default_db_path() -> str:
    """``$IMENA_DB``, else ``./imena.db`` (CLI.md)."""
    return os.environ.get("IMENA_DB") or "imena.db"


class Store:
    """An open imena database.  Use as a context manager, or call ``close()``.

    ``target`` is a file path (SQLite) or a ``postgresql://`` URL.  ``conn`` executes
    portable SQL (:mod:`imena.store.dialect`) on either: on SQLite it is the driver's
    own connection, on PostgreSQL a thin translator in front of psycopg's.
    """

    def __init__(self, target: str | os.PathLike[str], *, create: bool = True):
        self.path = str(target)
        self.dialect = dialect_for(self.path)
        if isinstance(self.dialect, PostgreSQL):
            self.conn: Any = _open_postgres(self.path, create=create)
            self._raw = self.conn.raw
            return
        if not create and not Path(self.path).exists():
            raise ImenaError(
                "no database here (ingest or import something first, or pass --db)",
                path=self.path,
            )
        if Path(self.path).is_dir():
            raise ImenaError("is a directory, not a database file", path=self.path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._raw = self.conn
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

    @property
    def is_postgres(self) -> bool:
        return isinstance(self.dialect, PostgreSQL)

    def in_list(self, column: str) -> str:
        """SQL for "``column`` is in the list bound by :meth:`list_param`" (one ``?``)."""
        return self.dialect.in_list(column)

    def list_param(self, values: Any) -> Any:
        return self.dialect.list_param(values)

    def tables(self) -> list[str]:
        """The tables of the database (the schema's bookkeeping left out)."""
        if self.is_postgres:
            sql = (
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename != 'imena_schema' ORDER BY 1"
            )
        else:
            sql = (
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            )
        return [r[0] for r in self.conn.execute(sql).fetchall()]

    def stream(self, sql: str, params: Any = ()) -> Any:
        """A cursor reading a large result a batch at a time (``fetchmany``)."""
        if self.is_postgres:
            # A server-side cursor: the rows stay on the server until fetched.
            cursor = self._raw.cursor(name=f"imena_stream_{id(sql)}", withhold=True)
            cursor.execute(self.dialect.sql(sql), params)
            return cursor
        return self.conn.execute(sql, params)

    def after_bulk_insert(self, tables: tuple[str, ...]) -> None:
        """After rows were inserted with their ids: number new rows after the largest id."""
        if not self.is_postgres:
            return  # SQLite numbers a rowid after the largest one anyway
        for table in tables:
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )

    def equal_any_case(self, column: str) -> str:
        """SQL for "``column`` equals the one ``?`` in any letter case"."""
        return self.dialect.equal_any_case(column)

    def change_token(self) -> Any:
        """A value that changes whenever anyone commits a write (for caches)."""
        if self.is_postgres:
            return self.conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        # SQLite: take the write lock now, not at the first write (no upgrade deadlocks).
        self.conn.execute("BEGIN" if self.is_postgres else "BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        if self.is_postgres:
            _release(self.path, self.conn)
        else:
            self._raw.close()

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
            'SELECT label, "offset", note_passage_id FROM markers WHERE passage_id = ? '
            "ORDER BY seq",
            (passage_id,),
        )
        return [dict(row) for row in rows]

    def markers_by_passage(self, source_id: str) -> dict[str, list[dict[str, Any]]]:
        rows = self.query(
            'SELECT m.passage_id, m.label, m."offset", m.note_passage_id FROM markers m '
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

    def sentence_rows(self, source_id: str) -> list[Any]:
        """(passage id, start, end) of every sentence of a source, in reading order."""
        return self.query(
            'SELECT s.passage_id, s.start, s."end" FROM sentences s JOIN passages p '
            "ON p.id = s.passage_id WHERE p.source_id = ? ORDER BY p.seq, s.seq",
            (source_id,),
        )

    def sentence_and_marker_counts(self, source_id: str) -> tuple[int, int]:
        sentences = self.conn.execute(
            "SELECT count(*) FROM sentences s JOIN passages p ON p.id = s.passage_id "
            "WHERE p.source_id = ?",
            (source_id,),
        ).fetchone()[0]
        markers = self.conn.execute(
            "SELECT count(*) FROM markers m JOIN passages p ON p.id = m.passage_id "
            "WHERE p.source_id = ?",
            (source_id,),
        ).fetchone()[0]
        return sentences, markers

    def counts(self) -> dict[str, int]:
        tables = ("sources", "passages", "sentences", "markers", "persons", "events", "figures")
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }


class PostgresConnection:
    """psycopg's connection taking imena's portable SQL (``?`` placeholders)."""

    def __init__(self, raw: Any, dialect: PostgreSQL):
        self.raw = raw
        self._dialect = dialect

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.raw.execute(self._dialect.sql(sql), params)

    def executemany(self, sql: str, seq: Any) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(self._dialect.sql(sql), seq)
        return cursor

    def close(self) -> None:
        self.raw.close()


#: Idle PostgreSQL connections by URL, reused by the next Store: a new connection costs
#: the server a process (about 10 ms on loopback), a page needs a few milliseconds.
_IDLE: dict[str, list[PostgresConnection]] = {}
_IDLE_LOCK = threading.Lock()
IDLE_CONNECTIONS = 16


def _release(url: str, conn: PostgresConnection) -> None:
    """Keep a connection for reuse if it is healthy and outside any transaction."""
    from psycopg.pq import TransactionStatus

    raw = conn.raw
    if not raw.closed and raw.info.transaction_status == TransactionStatus.IDLE:
        with _IDLE_LOCK:
            idle = _IDLE.setdefault(url, [])
            if len(idle) < IDLE_CONNECTIONS:
                idle.append(conn)
                return
    raw.close()


def _open_postgres(url: str, *, create: bool) -> PostgresConnection:
    """An idle connection of this database, or a new one: migrated, values bound as SQLite
    would take them."""
    with _IDLE_LOCK:
        idle = _IDLE.get(url)
        conn = idle.pop() if idle else None
    if conn is not None and not conn.raw.closed:
        try:
            # A connection the server has since closed (a restart, a terminated session)
            # fails here, not in the caller's first statement.
            conn.raw.execute("SELECT 1")
            return conn
        except Exception:  # any failure means: do not reuse it
            conn.raw.close()
    return _connect_postgres(url, create=create)


def _connect_postgres(url: str, *, create: bool) -> PostgresConnection:
    """Connect, make Python values bind as SQLite would take them, migrate."""
    import psycopg
    from psycopg.adapt import Dumper

    from imena.store.rows import row_factory

    class _Loose(Dumper):
        # Bound as an untyped literal: PostgreSQL casts it to whatever the column or
        # operator needs, as SQLite does (an int id against a TEXT column, a bool into
        # an INTEGER flag).
        oid = 0

        def dump(self, obj: Any) -> bytes:
            if isinstance(obj, bool):
                return b"1" if obj else b"0"
            return str(obj).encode()

        def quote(self, obj: Any) -> bytes:
            # As an SQL literal (psycopg's own FETCH FORWARD n), a bare number.
            return self.dump(obj)

    try:
        raw = psycopg.connect(url, autocommit=True, row_factory=row_factory)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImenaError(f"cannot connect to PostgreSQL ({first})", path=_safe(url)) from None
    raw.adapters.register_dumper(int, _Loose)
    raw.adapters.register_dumper(bool, _Loose)
    conn = PostgresConnection(raw, PostgreSQL())
    exists = conn.execute("SELECT to_regclass('imena_schema') IS NOT NULL").fetchone()[0]
    if exists:
        version = conn.execute("SELECT max(version) FROM imena_schema").fetchone()[0]
        # The common case: a database of this imena's schema, nothing to migrate.
        if version is not None and int(version) == SCHEMA_VERSION:
            return conn
    if not exists and not create:
        raise ImenaError(
            "no imena database here (ingest or import something first)", path=_safe(url)
        )
    conn.execute("BEGIN")
    try:
        # One migrator at a time, whoever else opens the database now.
        conn.execute("SELECT pg_advisory_xact_lock(7347101)")
        conn.execute("CREATE TABLE IF NOT EXISTS imena_schema (version BIGINT NOT NULL)")
        row = conn.execute("SELECT version FROM imena_schema").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise ImenaError(
                f"database schema version {version} is newer than this imena "
                f"({SCHEMA_VERSION}); upgrade imena",
                path=_safe(url),
            )
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(conn._dialect.render_migration(MIGRATIONS[number])):
                conn.raw.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute("DELETE FROM imena_schema")
            conn.execute("INSERT INTO imena_schema (version) VALUES (?)", (SCHEMA_VERSION,))
    except BaseException:
        conn.execute("ROLLBACK")
        raw.close()
        raise
    conn.execute("COMMIT")
    return conn


def _safe(url: str) -> str:
    """A database URL with any password left out, for messages."""
    return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)


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
