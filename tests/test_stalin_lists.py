"""Stalin's lists (Memorial) imported from ../shared: documents, decisions, signatures, figures.

Every database is one of the test's backend (``make_db``): each test runs on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from imena.api import ingest, person_info
from imena.extract.offices import find_offices
from imena.lists import import_stalin_lists, totals
from imena.lists.dates import list_date
from imena.lists.signers import OFFICES, parse_signatures
from imena.store.db import Store
from tests.conftest import CHAPTER, SHARED, Database, digest, needs_shared

LISTS = SHARED / "data" / "stalin-lists"


def _rows(name: str) -> list[dict[str, str]]:
    with (needs_shared(LISTS) / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def lists_db(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    db = make_db(tmp_path_factory.mktemp("lists"))
    import_stalin_lists(needs_shared(LISTS), str(db))
    return db


@pytest.fixture(scope="module")
def chapter_then_lists(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    db = make_db(tmp_path_factory.mktemp("chapter-lists"))
    ingest([needs_shared(CHAPTER)], str(db))
    import_stalin_lists(needs_shared(LISTS), str(db))
    return db


@pytest.fixture(scope="module")
def lists_then_chapter(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    db = make_db(tmp_path_factory.mktemp("lists-chapter"))
    import_stalin_lists(needs_shared(LISTS), str(db))
    ingest([needs_shared(CHAPTER)], str(db))
    return db


def _json(imena, db: Database, *args: str):
    run = imena("--db", str(db), *args, "--json", db_path=None, check=True)
    return json.loads(run.stdout)


def test_documents_decisions_and_archival_citations(lists_db: Database) -> None:
    rows = _rows("lists.csv")
    real = [r for r in rows if r["reallist"] == "1"]
    with Store(str(lists_db), create=False) as store:
        assert store.conn.execute("SELECT count(*) FROM stalin_lists").fetchone()[0] == len(rows)
        decisions = store.query("SELECT * FROM events WHERE type = 'decision'")
        assert len(decisions) == len(real) == 389
        kinds = Counter(r[0] for r in store.query("SELECT kind FROM documents"))
        assert kinds["list"] == 389 and kinds["inventory"] + kinds["note"] == len(rows) - 389
        # Cover notes and inventories are documents, never decisions.
        assert not store.query(
            "SELECT 1 FROM stalin_lists WHERE is_list = 0 AND event_id IS NOT NULL"
        )
        cite = store.query(
            "SELECT c.* FROM citations c JOIN stalin_lists l ON c.claim_id = l.event_id "
            "WHERE c.claim_kind = 'event' AND l.list_id = 275"
        )[0]
        assert cite["passage_id"] is None and cite["start"] is None
        assert cite["locator"] == "РГАСПИ. Ф. 17. Оп. 171. Д. 415. Л. 184–189"
        issuer = store.query(
            "SELECT entity_id FROM participants WHERE event_id = ? AND role = 'issuer'",
            (cite["claim_id"],),
        )
        assert [r[0] for r in issuer] == ["politburo"]


def test_signatures_per_member_as_the_data_gives_them(imena, lists_db: Database) -> None:
    rows = [r for r in _rows("lists.csv") if r["reallist"] == "1"]
    expected = {
        surname: sum(r[column] == "1" for r in rows)
        for column, surname in (
            ("signstalin", "Сталин"),
            ("signmolotov", "Молотов"),
            ("signkaganovic", "Каганович"),
            ("signvoroshilov", "Ворошилов"),
            ("signjdanov", "Жданов"),
            ("signmikoyan", "Микоян"),
            ("signejov", "Ежов"),
            ("signkosior", "Косиор"),
        )
    }
    assert expected["Сталин"] == 357 and expected["Молотов"] == 372
    members = _json(imena, lists_db, "lists", "signatures")
    signed = {m["cyrillic"].split()[0]: m["lists"] for m in members if m["role"] == "signer"}
    assert signed == expected
    stalin = _json(imena, lists_db, "lists", "signatures", "--member", "Stalin")
    assert [m["lists"] for m in stalin] == [357]
    assert len(stalin[0]["signed"]) == 357


def test_totals_per_category_region_and_month(imena, lists_db: Database) -> None:
    sections = _rows("sublists.csv")
    whole = _json(imena, lists_db, "lists", "totals")
    assert whole["categories"] == {"1": 38986, "2": 5414, "3": 102}
    # A region named in Russian or English; counted against the raw file.
    sverdlovsk = sum(
        int(s["kat1count"]) for s in sections if s["sublisttitle"].startswith("Свердловская обл")
    )
    result = _json(imena, lists_db, "lists", "totals", "--region", "Sverdlovsk", "--category", "1")
    assert result["categories"] == {"1": sverdlovsk}
    with Store(str(lists_db), create=False) as store:
        for name in ("Свердловская", "Свердловская область", "sverdlovsk province"):
            again = totals(store, region=name, category=1)
            assert again["categories"] == {"1": sverdlovsk}, name
            assert again["regions"] == ["Свердловская область"]
        # March 1938 by the sections' own dates.
        march = [s for s in sections if "марта 1938" in s["datetext"]]
        result = totals(store, month="1938-03")
    assert result["categories"]["1"] == sum(int(s["kat1count"]) for s in march)
    assert result["categories"]["2"] == sum(int(s["kat2count"]) for s in march)


@pytest.mark.parametrize(
    ("text", "adate", "expected"),
    [
        ("27 февраля 1937 г.", "0000-00-00", ("1937-02-27", "1937-02-27", "day", "text", None)),
        ("3.II.38", "", ("1938-02-03", "1938-02-03", "day", "text", None)),
        ("апреля 1937 г.", "0000-00-00", ("1937-04-01", "1937-04-30", "month", "text", None)),
        ('" " апреля 1937 года', "1937-04-01", ("1937-04-01", "1937-04-30", "month", "text", None)),
        ("от 10 . VI . 1938 года", "1938-06-10", ("1938-06-10", "1938-06-10", "day", "text", None)),
        ("27.X", "1937-10-27", ("1937-10-27", "1937-10-27", "day", "text+adate", None)),
        ("", "1938-08-20", ("1938-08-20", "1938-08-20", "day", "adate", None)),
        ("NULL", "0000-00-00", (None, None, None, "none", None)),
        (
            "от 28 марта 1938 года",
            "1938-03-05",
            ("1938-03-28", "1938-03-28", "day", "text", "adate-disagrees"),
        ),
    ],
)
def test_date_rules(text: str, adate: str, expected: tuple) -> None:
    date = list_date(text, adate)
    assert (*date.iso(), date.precision, date.basis, date.flag) == expected


def test_disagreeing_dates_are_kept_and_flagged(imena, lists_db: Database) -> None:
    shown = _json(imena, lists_db, "lists", "show", "275")
    assert shown["date"]["from"] == "1938-03-28" and shown["adate"] == "1938-03-05"
    assert shown["date_flag"] == "adate-disagrees"
    assert shown["date"]["text"] == "от 28 марта 1938 года"


def test_one_person_per_signer_across_spellings(lists_db: Database) -> None:
    with Store(str(lists_db), create=False) as store:
        rows = store.query(
            "SELECT DISTINCT s.as_written, s.person_id FROM stalin_list_signatures s "
            "WHERE s.role = 'submitter' AND s.as_written LIKE 'Цесарский%'"
        )
        assert len({r[0] for r in rows}) >= 5
        assert len({r[1] for r in rows}) == 1
        shapiro = {
            r[0]
            for r in store.query(
                "SELECT DISTINCT person_id FROM stalin_list_signatures "
                "WHERE as_written LIKE 'Шапиро%'"
            )
        }
        assert len(shapiro) == 1
        ranks = {r[0] for r in store.query("SELECT DISTINCT rank FROM stalin_list_signatures")}
        assert "senior major of state security" in ranks


def test_russian_posts_resolve_to_the_chapters_offices() -> None:
    english = {
        "chief of the Registration Department": "Цесарский (нач. 8 отд. ГУГБ НКВД ст.майор ГБ)",
        "Deputy Interior People's Commissar": "Бельский (зам.Наркома ВД СССР комиссар ГБ 2 ранга)",
        "chief of the Secret Political Department": "Литвин (нач.4 отд.ГУГБ НКВД ст.майор ГБ)",
        "chief of the First Special Department": "Шапиро (нач.1-го спецотд. НКВД СССР ст.майор ГБ)",
    }
    for phrase, signature in english.items():
        (found,) = find_offices(phrase)
        (parsed,) = parse_signatures(signature)
        assert [p.office for p in parsed.posts] == [found.office]
        assert found.office in OFFICES.values()


def test_who_held_a_post_and_who_signed_on_a_date(imena, lists_db: Database) -> None:
    held = _json(imena, lists_db, "lists", "held", "--on", "1938-01-15", "--office", "8 отд. ГУГБ")
    assert [(h["person"]["name"], h["how"]) for h in held] == [("V. E. Tsesarskii", "between")]
    held = _json(
        imena, lists_db, "lists", "held", "--on", "1938-09-12", "--office", "First Special"
    )
    assert [h["person"]["name"] for h in held] == ["I. I. Shapiro"]
    signed = _json(imena, lists_db, "lists", "signed", "--on", "1938-04-19")
    submitters = Counter(s["person"]["name"] for item in signed for s in item["submitters"])
    assert set(submitters) == {"V. E. Tsesarskii", "I. I. Shapiro"}
    assert all(item["exact"] for item in signed)


@pytest.mark.parametrize("order", ["chapter_then_lists", "lists_then_chapter"])
def test_one_person_across_languages(imena, order: str, request: pytest.FixtureRequest) -> None:
    db = request.getfixturevalue(order)
    for cyrillic, latin in (
        ("Цесарский", "Tsesarskii"),
        ("Шапиро", "Shapiro"),
        ("Фриновский", "Frinovskii"),
        ("Бельский", "Bel'skii"),
        ("Ежов", "Ezhov"),
        ("Сталин", "Stalin"),
    ):
        a, b = person_info(str(db), cyrillic), person_info(str(db), latin)
        assert a is not None and b is not None
        assert a["id"] == b["id"], (cyrillic, latin)
        assert cyrillic in a["names"] and any(latin in n for n in a["names"])
        # The chapter's claims and the lists' claims on one page.
        cited = {c["source"] for t in a["events"] for c in t["citations"]}
        if cyrillic in ("Цесарский", "Шапиро", "Ежов", "Сталин"):
            assert len(cited) == 2, (cyrillic, cited)
    # Ezhov's brother Ivan stays another person; the CLI finds the same page.
    ezhov = _json(imena, db, "person", "Ежов")
    assert ezhov["id"] == person_info(str(db), "Nikolai Ezhov")["id"]
    with Store(str(db), create=False) as store:
        ivan = store.query("SELECT id FROM persons WHERE name = 'Ivan Ezhov'")
        assert len(ivan) == 1 and ivan[0][0] != ezhov["id"]


@pytest.mark.parametrize("order", ["chapter_then_lists", "lists_then_chapter"])
def test_conflict_with_the_chapter_kept_side_by_side(
    imena, order: str, request: pytest.FixtureRequest
) -> None:
    db = request.getfixturevalue(order)
    found = _json(imena, db, "lists", "conflicts")
    (item,) = [c for c in found if c["person"]["name"].endswith("Tsesarskii")]
    assert item["office"] == "chief of the NKVD Registration Department"
    assert "late March 1938" in item["claim"]["citations"][0]["quote"]
    assert {x["date"] for x in item["lists"]} == {"1938-04-19"}
    assert all(x["citation"]["locator"].startswith("РГАСПИ") for x in item["lists"])
    run = imena("--db", str(db), "lists", "reconcile", db_path=None, check=True)
    assert run.stdout.startswith(f"{len(item['lists'])} conflicts")


def test_reimport_and_registry_format(imena, tmp_path: Path) -> None:
    source = needs_shared(LISTS)
    first = imena("registry", "import", str(source), "--format", "stalin-lists", check=True)
    assert "imported as memorial-stalin-lists" in first.stdout
    before = digest(imena.db)
    again = imena("lists", "import", str(source), check=True)
    assert "unchanged" in again.stdout and digest(imena.db) == before


def _broken_copy(tmp_path: Path, name: str, change) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(needs_shared(LISTS), folder)
    path = folder / name
    path.chmod(0o644)
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("lists.csv", lambda t: t.replace('"275","17"', '"x275","17"', 1), "lists.csv: line 276"),
        ("sublists.csv", lambda t: t.replace('"1","1","2"', '"1","1","2","9"', 1), "sublists.csv"),
        ("lstmaker.csv", lambda t: "", "empty file"),
    ],
)
def test_bad_input_leaves_the_database_untouched(
    imena, tmp_path: Path, name: str, change, message: str
) -> None:
    imena("ingest", str(needs_shared(CHAPTER)), "--no-extract", check=True)
    before = digest(imena.db)
    run = imena("lists", "import", str(_broken_copy(tmp_path, name, change)))
    assert run.returncode == 2
    assert run.stderr.startswith("imena: error:") and message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert digest(imena.db) == before
    missing = imena("lists", "import", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and digest(imena.db) == before
