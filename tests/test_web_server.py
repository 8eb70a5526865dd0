"""The web server as users start it (`imena serve`, `imena demo`), and helpers for web tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from imena.store.db import Store
from tests.conftest import CHAPTER, ROOT, Database, digest

PASSWORD = "a long test password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cli(*args: str, db: Path | Database, stdin: str | None = None, cwd: Path | None = None):
    """The real ``imena`` command in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "imena.cli", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or db.parent,
        timeout=300,
    )


@contextmanager
def running(args: list[str], db: Path | Database, port: int) -> Iterator[str]:
    """Start ``imena … <args>`` and yield its base URL once it answers; stop it afterwards."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "imena.cli", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=db.parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"the server stopped: {proc.stderr.read()}")
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise AssertionError("the server did not answer within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def serving(db: Path | Database) -> Iterator[str]:
    port = free_port()
    with running(["serve", "--port", str(port)], db, port) as base:
        yield base


def build_chapter_db(folder: Path, db: Database | None = None) -> Path | Database:
    """The chapter ingested, one curator ``alice`` (skips when ../shared is absent)."""
    if not CHAPTER.exists():
        pytest.skip(f"{CHAPTER} is not available")
    db = db or folder / "chapter.db"
    run = cli("ingest", str(CHAPTER), db=db)
    assert run.returncode == 0, run.stderr
    run = cli("user", "add", "alice", "--password-stdin", db=db, stdin=PASSWORD + "\n")
    assert run.returncode == 0, run.stderr
    return db


def build_sample_db(folder: Path, db: Database | None = None) -> Path | Database:
    """The bundled sample (always available), one curator ``alice``."""
    db = db or folder / "sample.db"
    run = cli("demo", "--no-serve", db=db)
    assert run.returncode == 0, run.stderr
    run = cli("user", "add", "alice", "--password-stdin", db=db, stdin=PASSWORD + "\n")
    assert run.returncode == 0, run.stderr
    return db


def test_demo_builds_then_serves_the_sample(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    port = free_port()
    with running(["demo", "--port", str(port)], db, port) as base:
        home = httpx.get(base + "/")
        assert home.status_code == 200
        assert '<html lang="en">' in home.text
        found = httpx.get(base + "/search", params={"q": "Jeschow"})
        assert "/persons/ezhov-nikolai" in found.text
        person = httpx.get(base + "/persons/ezhov-nikolai")
        assert "30 July 1937" in person.text
    assert db.exists()


def test_demo_no_serve_keeps_the_tour(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    run = cli("demo", "--no-serve", db=db)
    assert run.returncode == 0, run.stderr
    assert "mass-operations-outline" in run.stdout
    assert "notes: 1" in run.stdout
    assert "http://" not in run.stdout


def test_serve_needs_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    run = cli("serve", "--port", str(free_port()), db=db)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("imena: error:")
    assert "no database here" in run.stderr
    assert not db.exists()


def test_busy_port_is_one_line_and_builds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("demo", "--port", str(port), db=db)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith(f"imena: error: cannot listen on 127.0.0.1:{port}")
    assert not db.exists()


def test_user_add_checks_and_hashes(tmp_path: Path, make_db) -> None:
    db = build_sample_db(tmp_path, make_db(tmp_path))
    before = digest(db)
    short = cli("user", "add", "bob", "--password-stdin", db=db, stdin="short\n")
    assert short.returncode == 2
    assert short.stderr.startswith("imena: error: the password must have at least")
    again = cli("user", "add", "alice", "--password-stdin", db=db, stdin=PASSWORD + "\n")
    assert again.returncode == 2
    assert "exists already" in again.stderr
    bad = cli("user", "add", "no spaces", "--password-stdin", db=db, stdin=PASSWORD + "\n")
    assert bad.returncode == 2
    assert digest(db) == before
    with Store(str(db)) as store:
        (stored,) = store.conn.execute("SELECT password_hash FROM accounts").fetchone()
    assert stored.startswith("$argon2")
    assert PASSWORD not in stored
