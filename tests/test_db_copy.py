"""`imena db copy`: a database moves between SQLite and PostgreSQL losslessly (same exports)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CHAPTER, Database, digest
from tests.test_web_server import PASSWORD, cli

# Synthetic rows, made up for this test (no real person): a registry to carry across.
REGISTRY = (
    "Фамилия,Имя,Отчество,Год рождения,Дата расстрела\n"
    "Примеров,Тестий,Образцович,1899,_.5.1938\n"
    "Образцова,Пробная,,1905,3.2.1938\n"
    "Выдумкин,Фиктивий,Пробович,1901,1938\n"
)
MAPPING = (
    "surname=Фамилия,name=Имя,patronymic=Отчество,birth_year=Год рождения,"
    "death_date=Дата расстрела"
)


def _build(db: Database | Path, folder: Path) -> None:
    assert cli("demo", "--no-serve", db=db).returncode == 0
    if CHAPTER.exists():
        run = cli("ingest", str(CHAPTER), db=db)
        assert run.returncode == 0, run.stderr
    registry = folder / "synthetic.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    run = cli("registry", "import", str(registry), "--format", "csv", "--map", MAPPING, db=db)
    assert run.returncode == 0, run.stderr
    run = cli("user", "add", "alice", "--password-stdin", db=db, stdin=PASSWORD + "\n")
    assert run.returncode == 0, run.stderr


def _exports(db: Database | Path) -> tuple[str, str, str]:
    claims = cli("export", db=db)
    records = cli("registry", "export", "--format", "jsonl", db=db)
    csv = cli("export", "--format", "csv", db=db)
    for run in (claims, records, csv):
        assert run.returncode == 0, run.stderr
    return claims.stdout, records.stdout, csv.stdout


def test_sqlite_to_postgresql_and_back(tmp_path: Path, pg_server) -> None:
    sqlite = tmp_path / "imena.db"
    _build(sqlite, tmp_path)
    before = _exports(sqlite)
    assert before[0].count("\n") > 100 and before[1].count("\n") == 3

    server = Database(pg_server.new_database(), pg_server, tmp_path)
    run = cli("db", "copy", str(sqlite), str(server), db=sqlite)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("copied ")
    assert _exports(server) == before

    # New rows after the copy are numbered after the copied ones.
    more = tmp_path / "more.csv"
    more.write_text("Фамилия,Имя\nДругов,Тестий\n", encoding="utf-8")
    mapping = "surname=Фамилия,name=Имя"
    run = cli("registry", "import", str(more), "--format", "csv", "--map", mapping, db=server)
    assert run.returncode == 0, run.stderr

    back = tmp_path / "back.db"
    run = cli("db", "copy", str(server), str(back), db=back)
    assert run.returncode == 0, run.stderr
    claims, records, csv = _exports(back)
    assert (claims, csv) == (before[0], before[2])
    assert records.startswith(before[1]) and "Другов" in records


def test_copy_refuses_a_target_that_is_not_empty(tmp_path: Path, pg_server) -> None:
    sqlite = tmp_path / "imena.db"
    assert cli("demo", "--no-serve", db=sqlite).returncode == 0
    target = Database(pg_server.new_database(), pg_server, tmp_path)
    assert cli("demo", "--no-serve", db=target).returncode == 0
    before = digest(target)
    run = cli("db", "copy", str(sqlite), str(target), db=sqlite)
    assert run.returncode == 2
    assert run.stderr.startswith("imena: error: ") and "not empty" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert digest(target) == before


def test_copy_from_nothing_makes_nothing(tmp_path: Path) -> None:
    missing, target = tmp_path / "missing.db", tmp_path / "new.db"
    run = cli("db", "copy", str(missing), str(target), db=missing)
    assert run.returncode == 2 and "no database here" in run.stderr
    assert not target.exists()
