"""The machinery on the chapter: who held an office on a date, successions, conflicts, decisions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from imena.api import ingest
from imena.machinery.offices import resolve_office
from tests.conftest import CHAPTER, ROOT, Database, digest, needs_shared


@pytest.fixture(scope="module")
def chapter_db(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    needs_shared(CHAPTER)
    db = make_db(tmp_path_factory.mktemp("machinery"))
    ingest([CHAPTER], str(db))
    return db


def cli(db: Database, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imena.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def holders(db: Database, office: str, on: str) -> list[dict]:
    run = cli(db, "who", "--office", office, "--on", on, "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_who_answers_dmitriev_with_the_sentences_it_rests_on(chapter_db: Database) -> None:
    found = holders(chapter_db, "NKVD chief of Sverdlovsk", "1938-03-01")
    assert [h["person"]["name"] for h in found] == ["D. M. Dmitriev"]
    assert found[0]["certainty"] == "held"
    quotes = [c["quote"] for c in found[0]["citations"] if c.get("quote")]
    assert any("22 May" in q and "Dmitriev" in q for q in quotes)
    assert any("74" in c["notes"] for c in found[0]["citations"])


@pytest.mark.parametrize(
    "phrase",
    [
        "the Sverdlovsk chief",
        "NKVD chief of Sverdlovsk province",
        "head of the Sverdlovsk UNKVD",
        "sverdlovsk nkvd chief",
        "нач. УНКВД по Свердловской обл.",
        "начальник УНКВД по Свердловской области",
    ],
)
def test_phrasings_resolve_to_one_office(phrase: str) -> None:
    assert [o.name for o in resolve_office(None, phrase)] == ["NKVD chief of Sverdlovsk"]


@pytest.mark.parametrize(
    ("phrase", "office"),
    [
        (
            "Ukrainian Interior People's Commissar",
            "People's Commissar of Internal Affairs of Ukraine",
        ),
        ("NKVD chief of Kazakhstan", "People's Commissar of Internal Affairs of Kazakhstan"),
        ("the Belorussian NKVD chief", "People's Commissar of Internal Affairs of Belorussia"),
        ("зам. наркома ВД СССР", "Deputy People's Commissar of Internal Affairs of the USSR"),
        (
            "Цесарский (нач. 8 отд. ГУГБ НКВД ст.майор ГБ)",
            "chief of the NKVD Registration Department",
        ),
        ("начальник УНКВД по Ленинградской области", "NKVD chief of Leningrad"),
        ("deputy NKVD chief of Tula", "Deputy NKVD chief of Tula"),
    ],
)
def test_other_phrasings(phrase: str, office: str) -> None:
    assert resolve_office(None, phrase)[0].name == office


# (office as a user writes it, date, who held it — None: unknown, no term covers the date)
WHO = [
    ("the Sverdlovsk chief", "1938-04-30", "Dmitriev"),
    ("the Sverdlovsk chief", "1938-07-01", None),
    ("the Sverdlovsk chief", "1937-06-01", None),
    ("Rostov NKVD chief", "1938-01-31", "Deich"),
    ("Rostov NKVD chief", "1938-03-01", None),
    ("the Ordzhonikidze NKVD chief", "1938-02-15", "Bulakh"),
    ("the Ordzhonikidze NKVD chief", "1938-04-01", None),
    ("Kuibyshev NKVD chief", "1937-12-01", "Zhuravlev"),
    ("Kuibyshev NKVD chief", "1938-04-01", None),
    ("Ukrainian Interior People's Commissar", "1938-01-25", "Leplevskii"),
    ("Ukrainian Interior People's Commissar", "1938-02-15", "Uspenskii"),
    ("Ukrainian Interior People's Commissar", "1937-06-01", None),
    ("Deputy Interior People's Commissar", "1938-03-01", "Zakovskii"),
    ("Deputy Interior People's Commissar", "1938-05-01", None),
    ("head of the NKVD Transport Department", "1938-01-25", "Leplevskii"),
    ("the Orenburg NKVD chief", "1938-01-24", "Uspenskii"),
    ("the Orenburg NKVD chief", "1938-03-01", None),
    ("NKVD chief of Kazakhstan", "1938-01-20", "Redens"),
    ("People's Commissar of Internal Affairs", "1937-11-03", "Ezhov"),
]


@pytest.mark.parametrize(("office", "on", "surname"), WHO)
def test_who_inside_and_outside_documented_terms(
    chapter_db: Database, office: str, on: str, surname: str | None
) -> None:
    found = [h for h in holders(chapter_db, office, on) if h["certainty"] == "held"]
    if surname is None:
        assert found == []
        text = cli(chapter_db, "who", "--office", office, "--on", on).stdout
        assert "unknown" in text
    else:
        assert [h["person"]["name"].split()[-1] for h in found] == [surname]


def test_succession_leplevskii_then_uspenskii(chapter_db: Database) -> None:
    run = cli(chapter_db, "succession", "Ukrainian Interior People's Commissar", "--json")
    names = [t["person"]["name"] for t in json.loads(run.stdout)]
    assert names == ["I. M. Leplevskii", "A. I. Uspenskii"]


def test_contradictory_evidence_is_flagged_not_hidden(chapter_db: Database) -> None:
    # Redens was transferred from Moscow on 20 January 1938, yet cited Moscow's figure as an
    # NKVD chief at the conference of 24-25 January: both are kept, the term is flagged.
    run = cli(chapter_db, "who", "--office", "Moscow NKVD chief", "--on", "1938-01-22")
    assert "conflict: Redens" in run.stdout


def test_career_lists_every_office(chapter_db: Database) -> None:
    run = cli(chapter_db, "offices", "--person", "Uspenskii", "--json")
    offices = [t["office"] for t in json.loads(run.stdout)]
    assert offices == [
        "NKVD chief of Orenburg",
        "People's Commissar of Internal Affairs of Ukraine",
    ]


def test_decisions_of_the_politburo_over_a_period(chapter_db: Database) -> None:
    run = cli(chapter_db, "decisions", "--body", "Politburo", "--from", "1938-01-01",
              "--to", "1938-12-31", "--json")  # fmt: skip
    found = json.loads(run.stdout)
    dates = [d["date"]["from"] for d in found]
    assert dates == sorted(dates)
    assert "1938-09-15" in dates and "1938-02-17" in dates
    assert all(d["date"]["from"] >= "1938-01-01" for d in found)
    assert all(d["citations"] for d in found)


@pytest.mark.parametrize(
    "args",
    [
        ("who", "--office", "the Sverdlovsk chief", "--on", "1 March 1938"),
        ("who", "--office", "chief of nothing at all", "--on", "1938-03-01"),
        ("decisions", "--body", "Politburo", "--from", "yesterday"),
        ("flow", "--operation", "lunar"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_database(chapter_db: Database, args: tuple) -> None:
    before = digest(chapter_db)
    run = cli(chapter_db, *args)
    assert run.returncode == 2
    assert run.stderr.startswith("imena: error: ") and run.stderr.count("\n") == 1
    assert digest(chapter_db) == before
