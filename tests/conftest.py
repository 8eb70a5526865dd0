"""Shared fixtures: paths to ../shared, real databases on every backend, the real CLI.

Every test that touches a database runs once per backend in ``$IMENA_TEST_BACKENDS``
(default: ``sqlite,postgresql``; PostgreSQL is skipped where its server is not
installed).  ``make_db(folder)`` gives a new, empty database of the test's backend:
a file in ``folder`` for SQLite, a new database on a throwaway loopback server for
PostgreSQL (``tests/postgres.py``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import postgres

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHAPTER = SHARED / "sources" / "jansen-petrov-2002-ch5-apogee.txt"


def needs_shared(path: Path) -> Path:
    """Skip the test when ../shared (not part of the repository) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def chapter_path() -> Path:
    return needs_shared(CHAPTER)


BACKENDS = [b for b in os.environ.get("IMENA_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]


class Database:
    """A test database on either backend: ``str(db)`` is what ``--db`` takes."""

    def __init__(self, target: str, server: postgres.Server | None = None, folder=None):
        self.target = target
        self.server = server
        #: A folder of the test's own: the SQLite file's, or a working folder for commands.
        self.folder = Path(folder) if folder is not None else Path(target).parent

    @property
    def parent(self) -> Path:
        return self.folder

    @property
    def is_postgres(self) -> bool:
        return self.server is not None

    def __str__(self) -> str:
        return self.target

    def __fspath__(self) -> str:
        if self.is_postgres:
            raise TypeError("a PostgreSQL database has no file path")
        return self.target

    def exists(self) -> bool:
        """Whether imena has created its schema here (a file, or tables on the server)."""
        if not self.is_postgres:
            return Path(self.target).exists()
        import psycopg

        with psycopg.connect(self.target) as conn:
            return conn.execute("SELECT to_regclass('imena_schema') IS NOT NULL").fetchone()[0]

    def digest(self) -> str:
        """A fingerprint of every byte (SQLite) or every row of every table (PostgreSQL)."""
        if not self.is_postgres:
            return digest(Path(self.target))
        if not self.exists():
            return "absent"
        import psycopg

        sha = hashlib.sha256()
        with psycopg.connect(self.target) as conn:
            tables = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            ).fetchall()
            for (table,) in tables:
                rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
                sha.update(table.encode())
                for row in sorted(repr(r) for r in rows):
                    sha.update(row.encode())
        return sha.hexdigest()

    def copy(self, folder: Path) -> Database:
        """A new database holding the same data."""
        if not self.is_postgres:
            target = folder / f"copy-{next(_copies)}.db"
            shutil.copy(self.target, target)
            return Database(str(target))
        assert self.server is not None
        return Database(self.server.new_database(template=self.target), self.server, folder)


_copies = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server():
    if not postgres.available():
        pytest.skip("PostgreSQL (initdb, pg_ctl) or psycopg is not installed")
    server = postgres.Server()
    yield server
    server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): the test's subject is not the store (a linkage engine, a "
        "browser), so it runs on SQLite alone; the store's own behaviour is tested on both",
    )


def pytest_collection_modifyitems(config, items) -> None:
    """Leave out the PostgreSQL runs of tests marked ``sqlite_only``."""
    keep, drop = [], []
    for item in items:
        spec = getattr(item, "callspec", None)
        on_pg = spec is not None and spec.params.get("backend") == "postgresql"
        (drop if on_pg and item.get_closest_marker("sqlite_only") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def make_db(backend, request):
    """``make_db(folder)``: a new, empty database of this test's backend."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        return lambda folder: Database(server.new_database(), server, folder)

    def sqlite(folder: Path) -> Database:
        path = Path(folder) / "imena.db"
        if path.exists():
            path = Path(folder) / f"imena-{next(_copies)}.db"
        return Database(str(path))

    return sqlite


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def imena(tmp_path: Path, make_db):
    """Run the real ``imena`` command (as a subprocess) against a new database."""
    db = make_db(tmp_path)

    def run(*args: str, db_path: Database | Path | str | None = db, check: bool = False) -> Run:
        cmd = [sys.executable, "-m", "imena.cli"]
        if db_path is not None:
            cmd += ["--db", str(db_path)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [*cmd, *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"imena {' '.join(args)} failed: {proc.stderr}")
        return Run(proc.returncode, proc.stdout, proc.stderr)

    run.db = db  # type: ignore[attr-defined]
    return run


def digest(db: Database | Path) -> str:
    """A fingerprint of a database: changes whenever anything in it does."""
    if isinstance(db, Database):
        return db.digest()
    return hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else "absent"

