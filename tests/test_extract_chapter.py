"""Extraction on the founding chapter: events, persons, offices, citations, as a reader checks."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CHAPTER, needs_shared
from tests.extract_gold import GOLD_EVENTS


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from imena.api import export_jsonl, ingest

    db = tmp_path_factory.mktemp("extract") / "imena.db"
    ingest([needs_shared(CHAPTER)], db)
    objects = [json.loads(line) for line in export_jsonl(db)]
    return db, objects


def of_kind(objects, kind):
    return [o for o in objects if o["kind"] == kind]


def _matches(gold, event) -> bool:
    type_, who, date, _ = gold
    return (
        event["type"] == type_
        and (event["date"]["from"] or "").startswith(date)
        and any(who in p["id"] or who == p["name"] for p in event["participants"])
    )


def test_recall_of_dated_events(exported):
    _, objects = exported
    events = of_kind(objects, "event")
    found = [g for g in GOLD_EVENTS if any(_matches(g, e) for e in events)]
    recall = len(found) / len(GOLD_EVENTS)
    missed = [g[3] for g in GOLD_EVENTS if g not in found]
    print(f"dated events: {len(found)}/{len(GOLD_EVENTS)} = {recall:.2f}; missed: {missed}")
    assert recall >= 0.85, missed


def test_one_sentence_two_events_about_one_person(exported):
    _, objects = exported
    deich = [
        e for e in of_kind(objects, "event") if any(p["id"] == "deich" for p in e["participants"])
    ]
    assert {(e["type"], e["date"]["from"]) for e in deich} >= {
        ("dismissal", "1938-01-31"),
        ("arrest", "1938-03-29"),
    }
    dismissal = next(e for e in deich if e["type"] == "dismissal")
    assert dismissal["office"] == "NKVD chief of Rostov"
    cite = dismissal["citations"][0]
    assert cite["quote"].startswith("On 31 January the Rostov NKVD chief, Ia. A. Deich")
    assert cite["notes"] == ["74"]
    assert dismissal["status"] == "proposed" and dismissal["method"].startswith("extracted:")
    assert dismissal["rule"]


def test_relative_dates_resolved_against_the_text(exported):
    _, objects = exported
    events = of_kind(objects, "event")
    handed = next(e for e in events if e["date"]["text"] == "Ten days later")
    assert handed["date"]["from"] == "1937-07-27" and "1937-07-17" in handed["date"]["anchor"]
    zakovskii = next(
        e
        for e in events
        if e["type"] == "arrest" and any(p["id"] == "zakovskii" for p in e["participants"])
    )
    assert zakovskii["date"]["from"] == "1938-04-30"


def test_persons_are_one_identity_per_person(exported):
    _, objects = exported
    persons = {p["id"]: p for p in of_kind(objects, "person")}
    assert {"Nikolai Ezhov", "Ezhov"} <= set(persons["ezhov-nikolai"]["names"])
    assert "ezhov-ivan" in persons, "Ezhov's brother Ivan is another person"
    assert "efimov-boris" in persons and "efimov-vasilii" in persons
    assert not any(pid in persons for pid in ("politburo", "rostov", "moscow", "kuibyshev"))


def test_office_terms_from_spans_and_events(exported):
    _, objects = exported
    terms = of_kind(objects, "office_term")
    zhuravlev = next(t for t in terms if t["person"]["id"] == "zhuravlev")
    assert zhuravlev["office"] == "NKVD chief of Kuibyshev"
    assert zhuravlev["start"]["from"] == "1937-09-01" and zhuravlev["end"]["to"] == "1938-02-28"
    leplevskii = {
        (t["office"], bool(t["start"]), bool(t["end"]))
        for t in terms
        if t["person"]["id"] == "leplevskii"
    }
    assert ("People's Commissar of Internal Affairs of Ukraine", False, True) in leplevskii
    assert ("chief of the NKVD Transport Department", True, False) in leplevskii


def test_relations(exported):
    _, objects = exported
    relations = {(r["type"], r["from"]["id"], r["to"]["id"]) for r in of_kind(objects, "relation")}
    assert ("sibling", "ezhov-ivan", "ezhov-nikolai") in relations
    assert ("bodyguard_of", "efimov-vasilii", "ezhov-nikolai") in relations


def test_every_claim_cites_an_exact_span(exported):
    _, objects = exported
    passages = {p["id"]: p["text"] for p in of_kind(objects, "passage")}
    for obj in objects:
        for cite in obj.get("citations", []):
            assert passages[cite["passage"]][cite["start"] : cite["end"]] == cite["quote"]


def test_person_by_any_spelling(exported, imena):
    db, _ = exported
    for spelling in ("Yezhov", "Ezhov", "N. I. Ezhov", "Ежов", "Jeschow", "с Ежовым", "Ежову"):
        result = imena("person", spelling, "--json", db_path=db)
        assert result.returncode == 0, result.stderr
        info = json.loads(result.stdout)
        assert info["id"] == "ezhov-nikolai"
    award = next(e for e in info["events"] if e["type"] == "award")
    assert award["date"]["from"] == "1937-07-17" and award["citations"][0]["notes"] == ["1"]
    missing = imena("person", "Nobodyov", db_path=db)
    assert missing.returncode == 2 and missing.stderr.startswith("imena: error:")


def test_pronouns_bound_by_syntax(exported):
    """The two coreference errors of the pattern grammar: a coordinated subject is no "he"
    (so Postyshev, not Ezhov, was arrested on 21 February 1938), and a "he" in a
    parenthesis before the main clause is its subject (Ezhov, not Uspenskii, visited Stalin)."""
    _, objects = exported
    events = of_kind(objects, "event")

    def who(type_, date):
        return {
            p["id"]
            for e in events
            if e["type"] == type_ and (e["date"]["from"] or "") == date
            for p in e["participants"]
            if p["role"] == "subject"
        }

    assert who("arrest", "1938-02-21") == {"postyshev-pavel"}
    assert "ezhov-nikolai" in who("visit", "1938-02-11")
    assert "uspenskii" not in " ".join(who("visit", "1938-02-11"))
