"""Importing registries through the real CLI: formats, encodings, rejects, strictness, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from imena.store.db import Store
from tests.conftest import ROOT, SHARED, Database, digest, needs_shared

MOSCOW = SHARED / "data" / "memorial" / "moscow-shot-lists-by-address.csv"

MEMORIAL_HEADER = (
    "person_id\tsurname\tname\tpatronimic\tbirth_year\tbirth_place\tnation\toccupation\t"
    "live_place\tparty\tarest_date\tarest_organ\tjudicial_organ\tprocess_date\t"
    "criminal_article\tsentence\twas_executed\tdeath_date\tdeath_place\trehabilitation_date\t"
    "rehabilitation_organ\tname_variations\tsurname_variations\tmemory_book"
)
BOOK = "Тестовая книга (вымышленные люди)"


def memorial_row(*, pid: int, surname: str = "None", name: str = "None", patronymic: str = "None",
                 birth_year: str = "None", nation: str = "None", occupation: str = "None",
                 arrest: str = "None", death: str = "None", executed: str = "None",
                 surname_variations: str = "None") -> str:  # fmt: skip
    """One row of Memorial's TSV for an invented person (placeholder names, clearly fake)."""
    return "\t".join((
        str(pid), surname, name, patronymic, birth_year, "с. Вымышленное", nation, occupation,
        "None", "б/п", arrest, "None", "тройка (тест)", "None", "58-10", "ВМН", executed, death,
        "None", "None", "None", "None", surname_variations, BOOK,
    ))  # fmt: skip


def fake_memorial_lines() -> list[str]:
    """Header (line 1) and six rows (lines 2–7): None, partial dates, stray quotes, bad rows."""
    return [
        MEMORIAL_HEADER,
        memorial_row(pid=1, surname="Примеров", name="Тестий", patronymic="Образцович",
                     birth_year="1899", nation="русский", occupation='завод "Красный Вымысел',
                     arrest="_.5.1938", death="17.06.1938", executed="True",
                     surname_variations="Примерев"),
        # A stray quote opening a field: never CSV quoting, the next row stays a row.
        memorial_row(pid=2, surname='"Образцова', name="Пробная", patronymic="Тестовна",
                     birth_year="1905", nation="латышка", arrest="__.__.1937", executed="False"),
        "3\tслишком\tмало полей",
        memorial_row(pid=4),  # no name at all
        memorial_row(pid=5, surname="Выдумкин", name="Фиктивий", birth_year="1880",
                     death="1938", executed="True"),
        memorial_row(pid=6, surname="Заглушкин", name="Макет", patronymic="Шаблонович",
                     birth_year="None", death="3.II.38"),
    ]


def write_memorial(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def records(db: Database) -> list[dict[str, object]]:
    with Store(str(db), create=False) as store:
        return [dict(r) for r in store.conn.execute("SELECT * FROM records ORDER BY id")]


# -- the real Moscow lists -------------------------------------------------------------------


@pytest.fixture(scope="module")
def moscow_db(tmp_path_factory: pytest.TempPathFactory, make_db) -> tuple[Database, str, Path]:
    """The Moscow shooting lists imported once through the real CLI (in ``folder``)."""
    needs_shared(MOSCOW)
    folder = tmp_path_factory.mktemp("moscow")
    db = make_db(folder)
    proc = subprocess.run(
        [sys.executable, "-m", "imena.cli", "--db", str(db), "registry", "import", str(MOSCOW),
         "--format", "moscow-csv", "--name", "moscow"],
        capture_output=True, text=True, cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return db, proc.stdout, folder


def test_moscow_lists_import_every_record(moscow_db: tuple[Database, str, Path]) -> None:
    db, summary, folder = moscow_db
    assert "imported as registry moscow" in summary
    assert "5,232 records, 0 rejects" in summary
    assert not (folder / "moscow.rejects.tsv").exists()
    rows = records(db)
    assert len(rows) == 5232
    # The record of a row is the row: NAME split, and the line number it starts on.
    with MOSCOW.open(encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    surname, name, patronymic = first["NAME"].split()[:3]
    assert (rows[0]["surname"], rows[0]["name"], rows[0]["patronymic"]) == (
        surname, name, patronymic,
    )  # fmt: skip
    assert rows[0]["source_row"] == 2
    assert json.loads(rows[0]["raw"])["BIO"] == first["BIO"]


def test_moscow_bios_are_parsed_into_fields(moscow_db: tuple[Database, str, Path]) -> None:
    rows = records(moscow_db[0])
    share = {
        field: sum(1 for r in rows if r[field] is not None) / len(rows)
        for field in ("surname", "name", "birth_year", "birth_place", "nationality", "party",
                      "occupation", "death_date", "burial_place", "was_executed")
    }  # fmt: skip
    assert share["surname"] == 1.0
    assert min(share.values()) > 0.9, share
    assert all(1840 <= r["birth_year"] <= 1935 for r in rows if r["birth_year"])
    years = [r["death_date"][:4] for r in rows if r["death_date"]]
    assert all(1918 <= int(y) <= 1960 for y in years)
    assert sum(1937 <= int(y) <= 1941 for y in years) / len(years) > 0.85
    assert all(len(r["death_date"]) in (4, 7, 10) for r in rows if r["death_date"])
    assert sum(r["burial_place"] == "Бутовский полигон" for r in rows) > 1000
    # A name written with a variant in parentheses is searchable by both.
    assert any(r["variants"] for r in rows)


def test_moscow_reimport_changes_nothing(moscow_db: tuple[Database, str, Path], imena) -> None:
    db, _, _ = moscow_db
    before = digest(db)
    run = imena("registry", "import", str(MOSCOW), "--format", "moscow-csv", db_path=db)
    assert run.returncode == 0, run.stderr
    assert "unchanged as registry moscow" in run.stdout
    assert digest(db) == before


def test_moscow_export_csv_and_jsonl(
    moscow_db: tuple[Database, str, Path], imena, tmp_path: Path
) -> None:
    db, _, _ = moscow_db
    out = tmp_path / "records.csv"
    assert imena("registry", "export", "--format", "csv", "--out", str(out), db_path=db,
                 check=True).stdout == ""  # fmt: skip
    with out.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 5232
    for column in ("record_id", "cluster_id", "surname", "name", "patronymic", "birth_year",
                   "birth_place", "nationality", "death_date", "burial_place", "source_row"):
        assert column in table[0]
    assert all(row["cluster_id"] == "" for row in table)  # no dedupe yet
    lines = imena("registry", "export", "--format", "jsonl", db_path=db, check=True).stdout
    objects = [json.loads(line) for line in lines.splitlines()]
    assert len(objects) == 5232
    assert objects[0]["cluster_id"] is None and objects[0]["raw"]["NAME"]
    assert objects[0]["record_id"] == int(table[0]["record_id"])


# -- Memorial's TSV --------------------------------------------------------------------------


def test_memorial_tsv_fields_rejects_and_line_numbers(imena, tmp_path: Path) -> None:
    tsv = write_memorial(tmp_path / "fake.tsv", fake_memorial_lines())
    run = imena("registry", "import", str(tsv), check=True)
    assert "4 records, 2 rejects" in run.stdout
    rejects = (tmp_path / "fake.rejects.tsv").read_text(encoding="utf-8").splitlines()
    assert rejects[0] == "line\treason\traw"
    assert rejects[1].startswith("4\t3 fields, the header has 24\t3\\tслишком")
    assert rejects[2].startswith("5\tno name")
    rows = {r["source_row"]: r for r in records(imena.db)}
    assert sorted(rows) == [2, 3, 6, 7]
    first = rows[2]
    assert (first["surname"], first["name"], first["patronymic"]) == (
        "Примеров", "Тестий", "Образцович",
    )  # fmt: skip
    assert first["birth_year"] == 1899
    assert first["arrest_date"] == "1938-05"  # _.5.1938
    assert first["death_date"] == "1938-06-17"
    assert first["was_executed"] == 1
    assert first["occupation"] == 'завод "Красный Вымысел'  # a stray quote, kept as written
    assert first["live_place"] is None  # 'None'
    assert first["memory_book"] == BOOK
    assert json.loads(first["raw"])["arest_date"] == "_.5.1938"
    assert json.loads(first["variants"]) == [["Примерев", "Тестий", "Образцович"]]
    second = rows[3]
    assert second["surname"] == "Образцова" and second["name"] == "Пробная"
    assert second["arrest_date"] == "1937" and second["was_executed"] == 0
    assert rows[6]["patronymic"] is None and rows[6]["death_date"] == "1938"
    assert rows[7]["death_date"] == "1938-02-03" and rows[7]["birth_year"] is None


def test_memorial_tsv_columns_by_name_in_any_order(imena, tmp_path: Path) -> None:
    tsv = tmp_path / "subset.tsv"
    tsv.write_text(
        "death_date\tpatronimic\tsurname\tname\tnation\n"
        "_.5.1939\tОбразцович\tПримеров\tТестий\tнемец\n",
        encoding="utf-8",
    )
    imena("registry", "import", str(tsv), check=True)
    (row,) = records(imena.db)
    assert (row["surname"], row["patronymic"], row["nationality"], row["death_date"]) == (
        "Примеров", "Образцович", "немец", "1939-05",
    )  # fmt: skip


def test_strict_stops_at_the_first_bad_row_and_leaves_the_database(imena, tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    write_memorial(good, fake_memorial_lines()[:3])
    imena("registry", "import", str(good), check=True)
    before = digest(imena.db)
    lines = fake_memorial_lines()
    bad = write_memorial(tmp_path / "bad.tsv", [lines[0], *lines[3:]])
    run = imena("registry", "import", str(bad), "--strict")
    assert run.returncode == 2
    assert run.stderr.strip() == (
        f"imena: error: {bad} line 2: 3 fields, the header has 24"
    )
    assert digest(imena.db) == before
    assert not (tmp_path / "bad.rejects.tsv").exists()


def test_strict_failure_creates_no_database(imena, tmp_path: Path) -> None:
    bad = write_memorial(tmp_path / "bad.tsv", fake_memorial_lines())
    run = imena("registry", "import", str(bad), "--strict")
    assert run.returncode == 2 and "line 4: 3 fields" in run.stderr
    assert not imena.db.exists()


def test_undecodable_row_is_rejected_not_guessed(imena, tmp_path: Path) -> None:
    lines = [line.encode() for line in fake_memorial_lines()[:3]]
    lines.insert(2, b"9\t\xff\xfe\tbroken")
    path = tmp_path / "damaged.tsv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    run = imena("registry", "import", str(path), check=True)
    assert "2 records, 1 rejects" in run.stdout
    reject = (tmp_path / "damaged.rejects.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert reject.startswith("3\tundecodable bytes (not utf-8)\t9\\t\\xff\\xfe")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_single_byte_encodings(imena, tmp_path: Path, encoding: str) -> None:
    lines = [line for line in fake_memorial_lines() if line.count("\t") == 23]
    path = write_memorial(tmp_path / f"{encoding}.tsv", lines, encoding=encoding)
    run = imena("registry", "import", str(path), check=True)
    assert f"4 records, 1 rejects (in {tmp_path / (encoding + '.rejects.tsv')}), {encoding}" in (
        run.stdout
    )
    surnames = [r["surname"] for r in records(imena.db)]
    assert surnames[:2] == ["Примеров", "Образцова"]
    found = json.loads(imena("registry", "search", "Примеров", "--json", check=True).stdout)
    assert found[0]["surname"] == "Примеров"


def test_reimport_is_unchanged_and_names_are_unique(imena, tmp_path: Path) -> None:
    tsv = write_memorial(tmp_path / "fake.tsv", fake_memorial_lines()[:3])
    imena("registry", "import", str(tsv), check=True)
    before = digest(imena.db)
    again = imena("registry", "import", str(tsv), "--name", "other", check=True)
    assert "unchanged as registry fake — 2 records" in again.stdout
    assert digest(imena.db) == before
    other = write_memorial(tmp_path / "other.tsv", fake_memorial_lines()[:2])
    clash = imena("registry", "import", str(other), "--name", "fake")
    assert clash.returncode == 2 and "already exists" in clash.stderr
    assert digest(imena.db) == before


# -- any CSV with a mapping ------------------------------------------------------------------


def test_csv_with_a_column_mapping(imena, tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Фамилия", "Имя", "Отчество", "Год рождения", "Дата расстрела", "Прочее"])
    writer.writerow(["Примеров", "Тестий", "Образцович", "1899", "_.5.1938", 'с "кавычками", да'])
    writer.writerow(["Образцова", "Пробная", "", "1905 г.", "None", "многострочное\nполе"])
    writer.writerow(["Выдумкин", "Фиктивий"])
    path = tmp_path / "list.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    mapping = (
        "surname=Фамилия,name=Имя,patronymic=Отчество,birth_year=Год рождения,"
        "death_date=Дата расстрела"
    )
    run = imena("registry", "import", str(path), "--format", "csv", "--map", mapping, check=True)
    assert "2 records, 1 rejects" in run.stdout
    rows = records(imena.db)
    assert [(r["surname"], r["birth_year"], r["death_date"]) for r in rows] == [
        ("Примеров", 1899, "1938-05"), ("Образцова", 1905, None),
    ]  # fmt: skip
    assert json.loads(rows[1]["raw"])["Прочее"] == "многострочное\nполе"
    # The reject is the row starting on line 5 (the quoted field spans lines 3–4).
    assert (tmp_path / "list.rejects.tsv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "5\t2 fields, the header has 6"
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("surname=Фамилия,shoe_size=Имя", "unknown field 'shoe_size'"),
        ("surname=Нет такой", "no column 'Нет такой'"),
        ("surname", "not FIELD=COLUMN"),
    ],
)
def test_bad_mapping_is_one_line(imena, tmp_path: Path, mapping: str, message: str) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Фамилия,Имя\nПримеров,Тестий\n", encoding="utf-8")
    run = imena("registry", "import", str(path), "--format", "csv", "--map", mapping)
    assert run.returncode == 2
    assert run.stderr.startswith("imena: error:") and message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not imena.db.exists()


def test_missing_file_and_wrong_format(imena, tmp_path: Path) -> None:
    missing = imena("registry", "import", str(tmp_path / "nowhere.tsv"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    moscow_like = tmp_path / "list.csv"
    moscow_like.write_text("A,B\n1,2\n", encoding="utf-8")
    wrong = imena("registry", "import", str(moscow_like), "--format", "moscow-csv")
    assert wrong.returncode == 2 and "no NAME or BIO column" in wrong.stderr
    assert not imena.db.exists()
