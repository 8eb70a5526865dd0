"""Searching registry records by name in any script or romanisation: ranking, filters, facets."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from imena.registry import import_registry, search_records
from imena.registry.keys import (
    current_key_function,
    fallback_name_key,
    part_key,
    split_full_name,
)
from imena.store.db import Store
from tests.conftest import ROOT, Database

HEADER = "surname\tname\tpatronimic\tbirth_year\tnation\tbirth_place\tdeath_date\tmemory_book"
BOOK_A = "Книга-тест А (вымышленная)"
BOOK_B = "Книга-тест Б (вымышленная)"
# Invented records for ranking: one name in several archival states, and its neighbours.
PEOPLE = [
    ("Ежов", "Николай", "Иванович", "1895", "русский", "г. Тестоград", "1940-02-04", BOOK_A),
    ("Ежов", "Николай", "Петрович", "1901", "русский", "с. Примерное", "1938", BOOK_A),
    ("Ежов", "Н.", "И.", "1895", "русский", "None", "1940", BOOK_B),
    ("Ежов", "Николай", "None", "1890", "латыш", "None", "None", BOOK_B),
    ("Ежев", "Николай", "Иванович", "1896", "русский", "г. Тестоград", "1938-05", BOOK_A),
    ("Ежова", "Мария", "Ивановна", "1900", "латышка", "None", "1938-03-01", BOOK_B),
    ("Примеров", "Тестий", "Образцович", "1899", "немец", "None", "1937", BOOK_A),
    ("Образцова", "Пробная", "Тестовна", "1905", "None", "None", "None", BOOK_B),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    folder = tmp_path_factory.mktemp("search")
    tsv = folder / "people.tsv"
    tsv.write_text(
        "\n".join([HEADER, *("\t".join(p) for p in PEOPLE)]) + "\n", encoding="utf-8"
    )
    database = make_db(folder)
    import_registry(tsv, str(database), fmt="memorial-tsv", name="people")
    return database


def names(result) -> list[tuple[str, str, str | None, int]]:  # type: ignore[no-untyped-def]
    return [(h["surname"], h["name"], h["patronymic"], h["birth_year"]) for h in result.hits]


def test_full_cyrillic_name_ranks_exact_then_compatible_then_fuzzy(db: Database) -> None:
    result = search_records("Ежов Николай Иванович", db)
    found = names(result)
    assert found[0] == ("Ежов", "Николай", "Иванович", 1895)
    assert result.hits[0]["match"] == "exact" and result.hits[0]["score"] == 1.0
    # Initials and a missing patronymic fit; a different patronymic is another person.
    assert set(found[1:3]) == {("Ежов", "Н.", "И.", 1895), ("Ежов", "Николай", None, 1890)}
    assert {h["match"] for h in result.hits[1:3]} == {"surname"}
    assert ("Ежов", "Николай", "Петрович", 1901) not in found
    # The archival misspelling comes after every exact surname.
    assert found[3] == ("Ежев", "Николай", "Иванович", 1896)
    assert result.hits[3]["match"] == "fuzzy"
    assert [h["score"] for h in result.hits] == sorted((h["score"] for h in result.hits),
                                                       reverse=True)  # fmt: skip


@pytest.mark.parametrize(
    "query", ["Yezhov Nikolai Ivanovich", "Nikolai Ivanovich Ezhov", "Ezhov N. I.", "N. I. Yezhov",
              "Ежов Н.И.", "EZHOV NIKOLAI I."],
)  # fmt: skip
def test_any_script_order_or_romanisation_finds_the_record(db: Database, query: str) -> None:
    result = search_records(query, db)
    assert ("Ежов", "Николай", "Иванович", 1895) in names(result)[:3]
    assert ("Ежов", "Николай", "Петрович", 1901) not in names(result)


def test_surname_alone_finds_every_spelling(db: Database) -> None:
    found = names(search_records("Ezhov", db))
    exact = [f for f in found if f[0] == "Ежов"]
    assert len(exact) == 4 and found[:4] == exact
    assert {f[0] for f in found[4:]} >= {"Ежев"}


def test_initials_match_full_names_and_not_others(db: Database) -> None:
    found = names(search_records("Ежов Н. П.", db))
    assert found[0] == ("Ежов", "Николай", "Петрович", 1901)
    assert ("Ежов", "Николай", "Иванович", 1895) not in found
    assert ("Ежов", "Н.", "И.", 1895) not in found


def test_born_keeps_two_years_either_side_and_ranks_by_distance(db: Database) -> None:
    result = search_records("Ежов Николай", db, born=1896)
    found = names(result)
    assert all(abs(f[3] - 1896) <= 2 for f in found)
    assert ("Ежов", "Николай", "Петрович", 1901) not in found
    exact_1895 = result.hits[found.index(("Ежов", "Николай", "Иванович", 1895))]["score"]
    assert exact_1895 < 1.0
    assert search_records("Ежов Николай", db, born=1895).hits[0]["score"] == 1.0


def test_filters_died_place_nationality_book(db: Database) -> None:
    died = {(f[0], f[2]) for f in names(search_records("Ежов", db, died=1938))}
    assert died == {("Ежов", "Петрович"), ("Ежова", "Ивановна"), ("Ежев", "Иванович")}
    assert {f[3] for f in names(search_records("Ежов", db, place="тестоград"))} == {1895, 1896}
    # Either gender of a nationality word: латыш finds the латышка too.
    latvians = names(search_records("Ежов", db, nationality="Латышка"))
    assert {(f[0], f[1]) for f in latvians} == {("Ежов", "Николай"), ("Ежова", "Мария")}
    assert all(h["memory_book"] == BOOK_B for h in search_records("Ежов", db, book="тест Б").hits)


def test_facets_count_every_match_not_only_the_shown(db: Database) -> None:
    result = search_records("Ежов", db, limit=1)
    assert len(result.hits) == 1 and result.total == 6
    facets = result.facets
    assert {f["value"]: f["count"] for f in facets["birth_decade"]} == {"1890s": 4, "1900s": 2}
    assert {f["value"]: f["count"] for f in facets["death_year"]} == {
        "1938": 3, "1940": 2, "unknown": 1,
    }  # fmt: skip
    assert facets["nationality"][0] == {"value": "русский", "count": 4}
    assert {f["value"] for f in facets["book"]} == {BOOK_A, BOOK_B}


def test_variants_written_in_the_registry_are_searchable(tmp_path: Path, make_db) -> None:
    primary, variants = split_full_name("Выдумкин (Выдумкен) Фиктивий Тестович (Шаблонович)")
    assert (primary.surname, primary.name, primary.patronymic) == (
        "Выдумкин", "Фиктивий", "Тестович",
    )  # fmt: skip
    assert [v.surname for v in variants] == ["Выдумкен", "Выдумкин"]
    assert variants[1].patronymic == "Шаблонович"
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(
        "ФИО,Год\n\"Выдумкин (Выдумкен) Фиктивий Тестович (Шаблонович)\",1900\n", encoding="utf-8"
    )
    database = make_db(tmp_path)
    import_registry(csv_path, str(database), fmt="csv", mapping={"full_name": "ФИО"})
    hit = search_records("Выдумкин Фиктивий Шаблонович", str(database)).hits[0]
    assert hit["match"] == "exact" and hit["patronymic"] == "Тестович"


def test_fallback_key_meets_common_romanisations() -> None:
    assert fallback_name_key("Ежов") == fallback_name_key("Yezhov") == fallback_name_key("Ezhov")
    assert fallback_name_key("Хрущёв") == fallback_name_key("Khrushchev")
    assert fallback_name_key("Дмитриев") == fallback_name_key("Dmitriyev")
    assert part_key("Н.", fallback_name_key) == "n."
    assert part_key(None, fallback_name_key) == ""


def test_search_cli_json_and_text(db: Database, imena) -> None:
    out = imena("registry", "search", "Ежов Николай Иванович", "--json", "--limit", "2",
                db_path=db, check=True).stdout  # fmt: skip
    hits = json.loads(out)
    assert len(hits) == 2
    for field in ("record_id", "cluster_id", "surname", "name", "patronymic", "birth_year",
                  "death_date", "score"):
        assert field in hits[0]
    assert hits[0]["death_date"] == "1940-02-04" and hits[0]["cluster_id"] is None
    full = json.loads(imena("registry", "search", "Yezhov", "--json", "--facets", db_path=db,
                            check=True).stdout)  # fmt: skip
    assert full["total"] == 6 and full["facets"]["birth_decade"]
    text = imena("registry", "search", "Ежов", "--died", "1938", db_path=db, check=True).stdout
    assert "3 records match" in text and "died: 1938 3" in text


def test_search_errors_are_one_line(db: Database, imena, tmp_path: Path, make_db) -> None:
    for args, message in (
        (("registry", "search", "1937"), "no name"),
        (("registry", "search", "Н. И."), "no surname"),
        (("registry", "search", "Ежов", "--limit", "0"), "--limit"),
    ):
        run = imena(*args, db_path=db)
        assert run.returncode == 2 and message in run.stderr, run.stderr
    # A file that is not there, or a PostgreSQL database without imena's tables.
    missing = imena("registry", "search", "Ежов", db_path=make_db(tmp_path / "none"))
    said = "no imena database here" if db.is_postgres else "no database here"
    assert missing.returncode == 2 and said in missing.stderr, missing.stderr


def test_keys_of_another_scheme_are_refused_until_rekeyed(
    db: Database, imena, tmp_path: Path
) -> None:
    copy = db.copy(tmp_path)
    with Store(str(copy), create=False) as store:
        store.conn.execute("UPDATE registries SET key_scheme = 'some-older-key'")
    stale = imena("registry", "search", "Ежов", db_path=copy)
    assert stale.returncode == 2 and "registry rekey" in stale.stderr
    assert imena("registry", "rekey", db_path=copy, check=True).stdout.startswith("8 records")
    hits = json.loads(imena("registry", "search", "Ежов", "--json", db_path=copy,
                            check=True).stdout)  # fmt: skip
    assert len(hits) == 6
    scheme, _ = current_key_function()
    with Store(str(copy), create=False) as store:
        assert store.conn.execute("SELECT key_scheme FROM registries").fetchone()[0] == scheme


def test_synthetic_duplicates_are_found_by_each_other(tmp_path: Path, make_db) -> None:
    """On invented records with known truth, a person's noisy repeat is found by name."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    synthetic = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = synthetic
    spec.loader.exec_module(synthetic)
    tsv = tmp_path / "synthetic.tsv"
    synthetic.write_synthetic(tsv, 3000, seed=7)
    db = str(make_db(tmp_path))
    result = import_registry(tsv, db)
    assert result.records == 3000 and result.rejects == 0
    with Store(db, create=False) as store:
        rows = [
            (r[0], r[1], r[2], r[3], json.loads(r[4]).get("truth_id"), r[5])
            for r in store.conn.execute(
                "SELECT id, surname, name, patronymic, raw, memory_book FROM records ORDER BY id"
            )
        ]
    assert {row[5] for row in rows} == {"SYNTHETIC (benchmark)"}
    by_truth: dict[str, list[tuple]] = {}  # type: ignore[type-arg]
    for row in rows:
        by_truth.setdefault(row[4], []).append(row)
    pairs = [group[:2] for group in by_truth.values() if len(group) > 1]
    random.Random(1).shuffle(pairs)
    found = 0
    for first, repeat in pairs[:100]:
        query = " ".join(p for p in first[1:4] if p and p != "None")
        ids = {h["record_id"] for h in search_records(query, db, limit=50).hits}
        found += repeat[0] in ids
    assert found >= 80, found
