"""Extraction on prose the grammar was not written for: an article of our own, other phrasings."""

from __future__ import annotations

import json

import pytest

from imena.api import export_jsonl, ingest

ARTICLE = """## The Polish operation and its organisers

The Polish operation was prepared in the summer of 1937. On 9 August 1937 the Politburo
approved the draft of NKVD order No. 00485, and two days later Ezhov signed it. In September
1936 Nikolai Ezhov had replaced Genrikh Iagoda as People's Commissar of Internal Affairs.
Iagoda was arrested on 28 March 1937; a year later, on 15 March 1938, he was shot.

Mikhail Frinovskii, who had been appointed First Deputy People's Commissar in April 1937,
organised the operation in Moscow. On 8 September 1938 Frinovskii was named People's
Commissar of the Navy. His successor at the NKVD, Lavrentii Beria, had been appointed First
Deputy People's Commissar on 22 August 1938.

In late November 1938 Ezhov was relieved of his post. He was arrested on 10 April 1939. On 3
February 1940 the Military Collegium sentenced him to death, and he was executed the next
day."""

EXPECTED = [
    ("decision", "politburo", "1937-08-09"),
    ("order", "ezhov-nikolai", "1937-08-11"),
    ("appointment", "ezhov-nikolai", "1936-09"),
    # "Ezhov had replaced Iagoda": the one replaced leaves the post.
    ("dismissal", "iagoda-genrikh", "1936-09"),
    ("arrest", "iagoda-genrikh", "1937-03-28"),
    ("execution", "iagoda-genrikh", "1938-03-15"),
    ("appointment", "frinovskii-mikhail", "1937-04"),
    ("appointment", "frinovskii-mikhail", "1938-09-08"),
    ("appointment", "beria-lavrentii", "1938-08-22"),
    ("dismissal", "ezhov-nikolai", "1938-11"),
    ("arrest", "ezhov-nikolai", "1939-04-10"),
    ("sentence", "ezhov-nikolai", "1940-02-03"),
    ("execution", "ezhov-nikolai", "1940-02-04"),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    folder = tmp_path_factory.mktemp("heldout")
    source = folder / "article.md"
    source.write_text(ARTICLE, encoding="utf-8")
    db = folder / "imena.db"
    ingest([source], db)
    objects = [json.loads(line) for line in export_jsonl(db)]
    return [o for o in objects if o["kind"] == "event"], objects


@pytest.mark.parametrize(("type_", "who", "date"), EXPECTED)
def test_expected_event(events, type_, who, date):
    found, _ = events
    assert any(
        e["type"] == type_
        and (e["date"]["from"] or "").startswith(date)
        and any(p["id"] == who for p in e["participants"])
        for e in found
    ), [(e["type"], e["date"]["from"], [p["id"] for p in e["participants"]]) for e in found]


def test_no_spurious_events(events):
    found, _ = events
    assert len(found) == len(EXPECTED)


def test_roles_and_offices(events):
    found, _ = events
    succession = next(
        e for e in found if e["type"] == "appointment" and e["date"]["from"] == "1936-09-01"
    )
    roles = {p["id"]: p["role"] for p in succession["participants"]}
    assert roles == {"ezhov-nikolai": "subject", "iagoda-genrikh": "predecessor"}
    assert succession["office"] == "People's Commissar of Internal Affairs of the USSR"
    navy = next(e for e in found if e["date"]["from"] == "1938-09-08")
    assert navy["office"] == "People's Commissar of the Navy"
    shot = next(e for e in found if e["date"]["text"] == "the next day")
    assert "1940-02-03" in shot["date"]["anchor"]


TYPED = """## Invasions and deportations

On 1 September 1939 Germany invaded Poland. In February 1944 the Chechens and the Ingush
were deported to Central Asia. Adolf Hitler was named chancellor on 30 January 1933.
Comrade Eikhe was arrested April 29, 1938. The Trotskyites and Leninism were denounced in
Britain and Spain."""


def test_countries_and_peoples_take_part_but_are_no_persons(tmp_path):
    source = tmp_path / "typed.md"
    source.write_text(TYPED, encoding="utf-8")
    db = tmp_path / "imena.db"
    ingest([source], db)
    objects = [json.loads(line) for line in export_jsonl(db)]
    persons = {p["name"] for p in objects if p["kind"] == "person"}
    assert persons == {"Adolf Hitler", "Eikhe"}
    events = {e["type"]: e for e in objects if e["kind"] == "event"}
    invasion = {(p["name"], p["kind"], p["role"]) for p in events["invasion"]["participants"]}
    assert invasion == {("Germany", "place", "agent"), ("Poland", "place", "object")}
    assert events["invasion"]["date"]["from"] == "1939-09-01"
    deported = {(p["name"], p["kind"]) for p in events["deportation"]["participants"]}
    assert ("Chechens", "group") in deported
    assert events["arrest"]["date"]["from"] == "1938-04-29"
    assert events["appointment"]["date"]["from"] == "1933-01-30"
