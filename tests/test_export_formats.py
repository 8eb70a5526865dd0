"""CSV and TEI exports of a real database: what a spreadsheet or a TEI tool would read."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree

from tests.conftest import CHAPTER, needs_shared

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def db(tmp_path_factory, make_db):
    from imena.api import ingest

    database = make_db(tmp_path_factory.mktemp("exports"))
    ingest([needs_shared(CHAPTER)], str(database))
    return database


def test_tei_keeps_text_notes_and_claims(db, imena):
    result = imena("export", "--format", "tei", db_path=db)
    assert result.returncode == 0, result.stderr
    root = etree.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == f"{TEI}TEI"
    labels = [a.get("n") for a in root.iter(f"{TEI}anchor") if a.get("n").isdigit()]
    assert labels == [str(n) for n in range(1, 80)]
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.iter()}
    captions = root.findall(f".//{TEI}figure/{TEI}head")
    assert len(captions) == 5
    lines = [line.text for line in root.iter(f"{TEI}l")]
    assert "Before whom enemies tremble in fright." in lines
    events = root.findall(f".//{TEI}standOff/{TEI}listEvent/{TEI}event")
    assert events, "claims are in the stand-off"
    for event in events:
        for ptr in event.iter(f"{TEI}ptr"):
            assert ptr.get("target")[1:] in ids
    award = next(e for e in events if e.get("when") == "1937-07-17")
    assert award.get("type") == "award" and award.get("ana") == "proposed"


def test_csv_has_one_row_per_claim(db, imena):
    result = imena("export", "--format", "csv", db_path=db)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    jsonl = [json.loads(line) for line in imena("export", db_path=db).stdout.splitlines()]
    claims = [o for o in jsonl if o["kind"] in ("event", "office_term", "figure", "relation")]
    assert len(rows) == len(claims)
    deich = next(
        r
        for r in rows
        if r["kind"] == "event" and r["date_from"] == "1938-01-31" and "Deich" in r["persons"]
    )
    assert deich["type"] == "dismissal" and deich["notes"] == "74"
    assert deich["quote"].startswith("On 31 January the Rostov NKVD chief")


def test_tei_of_a_database_with_the_reference_data(db, imena, tmp_path):
    # Curated claims cite a work by locator, not a sentence: no pointer, and no failure.
    copy = db.copy(tmp_path)
    assert imena("reference", "load", db_path=copy).returncode == 0
    result = imena("export", "--format", "tei", db_path=copy)
    assert result.returncode == 0, result.stderr
    # Two documents name the same persons: their xml:ids repeat across the corpus (not checked).
    parser = etree.XMLParser(collect_ids=False)
    root = etree.fromstring(result.stdout.encode("utf-8"), parser)
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.iter()}
    ptrs = list(root.iter(f"{TEI}ptr"))
    assert ptrs and all(ptr.get("target")[1:] in ids for ptr in ptrs)
