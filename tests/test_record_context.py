"""A registry record in context: operation, sentencing body, officials, reasoning, sources."""

from __future__ import annotations

import json

import pytest

from imena.api import ingest
from imena.registry import import_registry
from imena.store.db import Store
from tests.conftest import CHAPTER, SHARED, Database, needs_shared
from tests.test_machinery import cli

MOSCOW = SHARED / "data" / "memorial" / "moscow-shot-lists-by-address.csv"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    needs_shared(CHAPTER)
    needs_shared(MOSCOW)
    database = make_db(tmp_path_factory.mktemp("context"))
    ingest([CHAPTER], str(database))
    import_registry(MOSCOW, str(database), fmt="moscow-csv")
    return database


def first(db: Database, sql: str) -> int:
    with Store(str(db), create=False) as store:
        return store.conn.execute(sql).fetchone()[0]


def test_a_pole_shot_in_november_1937_fell_under_the_polish_operation(db: Database) -> None:
    rid = first(db, "SELECT id FROM records WHERE nationality = 'поляк' "
                    "AND death_date LIKE '1937-11-%' ORDER BY id LIMIT 1")  # fmt: skip
    run = cli(db, "registry", "context", str(rid), "--json")
    assert run.returncode == 0, run.stderr
    ctx = json.loads(run.stdout)
    op = ctx["operation"]
    assert (op["id"], op["order"], op["certainty"]) == ("polish", "00485", "likely")
    assert op["citations"] and op["ended"] == "1938-11-15"
    assert ctx["body"] == "dvoika"
    [official] = ctx["officials"]
    assert [h["person"]["name"] for h in official["holders"]] == ["Nikolai Ezhov"]
    assert official["holders"][0]["citations"]
    assert any("nationality" in step for step in ctx["reasoning"])


def test_the_special_troikas_period_and_unknown_officials(db: Database) -> None:
    rid = first(
        db,
        "SELECT id FROM records WHERE nationality = 'поляк' "
        "AND death_date BETWEEN '1938-09-20' AND '1938-11-15' ORDER BY id LIMIT 1",
    )
    ctx = json.loads(cli(db, "registry", "context", str(rid), "--json").stdout)
    assert ctx["body"] == "special-troikas"
    # No source imena holds says who was Moscow's NKVD chief in autumn 1938.
    assert ctx["officials"][0]["status"] == "unknown"


def test_a_record_outside_the_national_lines_is_only_possibly_kulak(db: Database) -> None:
    rid = first(db, "SELECT id FROM records WHERE nationality = 'русский' "
                    "AND death_date LIKE '1938-03-%' ORDER BY id LIMIT 1")  # fmt: skip
    ctx = json.loads(cli(db, "registry", "context", str(rid), "--json").stdout)
    assert ctx["operation"]["id"] == "kulak" and ctx["operation"]["certainty"] == "possible"
    assert ctx["body"] == "troikas"
    text = cli(db, "registry", "context", str(rid)).stdout
    assert "possibly the kulak operation" in text


def test_unknown_record_is_an_error(db: Database) -> None:
    run = cli(db, "registry", "context", "99999999")
    assert run.returncode == 2 and run.stderr.startswith("imena: error: record 99999999")
