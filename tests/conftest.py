"""Shared fixtures: paths to ../shared, real databases in temporary folders, the real CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def imena(tmp_path: Path):
    """Run the real ``imena`` command (as a subprocess) against a database in tmp_path."""
    db = tmp_path / "imena.db"

    def run(*args: str, db_path: Path | None = db, check: bool = False) -> Run:
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


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"
