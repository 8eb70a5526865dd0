"""A throwaway PostgreSQL server on loopback, for tests and benchmarks.

``initdb`` into a temporary folder and ``pg_ctl`` on a free port, as an unprivileged
user (PostgreSQL refuses to run as root, and CI runs as root: then the ``postgres``
system user of Debian's package runs it).  Durability is switched off: the data is
thrown away after the run.  A new database is empty (imena migrates it
when it first opens it); a copy is a ``CREATE DATABASE ... TEMPLATE``.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

_counter = itertools.count(1)


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    """Whether PostgreSQL's server programs and psycopg are installed here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One running server; :meth:`new_database` hands out fresh imena databases."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="imena-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            # PostgreSQL will not run as root.
            shutil.chown(self.folder, "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._run(
            _bin("initdb"), "-D", str(self.data), "-U", "imena", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60",
            "-l", str(self.folder / "log"), "start",
        )

    def _run(self, *args: str | None) -> None:
        subprocess.run(
            [*self._as_user, *[str(a) for a in args]], check=True, capture_output=True, cwd="/"
        )

    def url(self, database: str) -> str:
        return f"postgresql://imena@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """The URL of a new database: empty (imena migrates it when it first opens it),
        or a copy of the database at URL ``template`` (which nobody may be connected to)."""
        name = f"t{os.getpid()}_{next(_counter)}"
        source = template.rsplit("/", 1)[1] if template else "template0"
        if template:
            # A template may have no other session: end the idle ones imena keeps for reuse
            # (imena opens a new connection when it finds its kept one closed).
            self._admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{source}' AND pid <> pg_backend_pid()"
            )
        self._admin(f"CREATE DATABASE {name} TEMPLATE {source}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
