"""The founding chapter through ``imena ingest``: what a historian would check by reading."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from imena.sources.read import read_source
from imena.sources.sentences import split_sentences


@pytest.fixture(scope="module")
def document():
    from tests.conftest import CHAPTER, needs_shared

    return read_source(needs_shared(CHAPTER)).document


def texts(document, kind: str | None = None) -> list[str]:
    return [p.text for p in document.passages if kind is None or p.kind == kind]


def passage_with(document, phrase: str):
    hits = [p for p in document.passages if phrase in p.text]
    assert len(hits) == 1, f"{phrase!r} found in {len(hits)} passages"
    return hits[0]


@pytest.mark.parametrize(
    "joined",
    [
        "during the same year",  # cut by a note and a caption
        "the elections, he addressed a meeting",
        "Presidium Andreev, Kaganovich",  # next page starts with a capital
        "Moscow, just beyond",  # blank-line page break
        "Repeatedly he was detained by the police",  # around a photo caption
        "an NKVD job",
        "L. M. Zakovskii, Deputy",  # hyphen + note
        'the two "got outrageously drunk',
        "but a punctual execution of the directions",
        "the Special Troikas examined",
        '"Although these operations were limited',
    ],
)
def test_sentences_cut_by_page_breaks_continue_in_one_passage(document, joined):
    passage = passage_with(document, joined)
    assert passage.kind in ("paragraph", "quote")


@pytest.mark.parametrize("word", ["Ezhovo-Cherkessk", "Trotskiist-Bukharinist", "sharp-sighted"])
def test_real_hyphens_stay(document, word):
    assert any(word in text for text in texts(document))


def test_no_page_furniture_or_markup_left(document):
    for text in texts(document):
        assert "<sup>" not in text and "---" not in text
        assert "\\*" not in text and "*en famille*" not in text
        assert "  " not in text


def test_captions_and_poster_text_are_captions(document):
    captions = texts(document, "caption")
    assert len(captions) == 5
    assert captions[0].startswith("Kalinin handing over") and "27 July 1937" in captions[0]
    assert "СТАЛЬНЫЕ ЕЖОВЫ РУКАВИЦЫ" in captions
    assert any(c.startswith("Ezhov en famille.") for c in captions)
    assert any(c.startswith("USSR Supreme Soviet,") for c in captions)
    body = " ".join(texts(document, "paragraph"))
    assert "Memorial collection" not in body and "RGAKFD" not in body


def test_starred_notes_are_notes_linked_to_their_markers(document):
    notes = [p for p in document.passages if p.kind == "note"]
    assert len(notes) == 4
    assert [n.note_label for n in notes] == ["*"] * 4
    expected = [
        ("In Russia, the expression", "Ezhov’s “hedgehog’s gauntlets”"),
        ("Dombra: a Kazakh", "Make, dombra,"),
        ("V. P. Zhuravlev,", "Postyshev's instruction Zhuravlev"),
        ("In the national operations", "Tsesarskii and then Shapiro"),
    ]
    for note, (note_start, marked) in zip(notes, expected, strict=True):
        assert note.text.startswith(note_start)
        target = document.passages[note.note_for]
        assert marked in target.text
        star = [m for m in target.markers if m.label == "*"]
        assert star, "the passage holding the marker keeps it"


def test_verse_and_block_quotations_are_quotes(document):
    quotes = texts(document, "quote")
    poem = next(q for q in quotes if q.startswith("Stalin's faithful"))
    assert poem.splitlines()[1].startswith("Before whom")
    assert poem.endswith("native batyr.")
    dombra = next(q for q in quotes if q.startswith("Make, dombra,"))
    # The poem runs on across a page break and its foot-of-page note.
    assert "ardent call\nWas heard by" in dombra
    assert "snakes\nAnd has smoked" in dombra
    assert any(q.startswith(". . . the stronger") for q in quotes)
    assert any(q.startswith("We have not become") for q in quotes)
    assert any(q.startswith("Keep the country") for q in quotes)
    body = texts(document, "paragraph")
    assert not any(poem.splitlines()[1] in t for t in body)


def test_all_79_numbered_markers_in_order_with_offsets(document):
    numbered = [(p, m) for p in document.passages for m in p.markers if m.label.isdigit()]
    assert [int(m.label) for _, m in numbered] == list(range(1, 80))
    first_passage, first = numbered[0]
    assert first_passage.text[: first.offset].endswith("government assignments.”")
    p74, m74 = numbered[73]
    assert p74.text[: m74.offset].endswith("arrested as a conspirator.")
    p79, m79 = numbered[78]
    assert p79.text[: m79.offset].endswith("over 15,000 Germans.")
    for passage, marker in numbered:
        assert 0 < marker.offset <= len(passage.text)


def test_emphasis_is_removed_and_kept_as_markup(document):
    caption = next(p for p in document.passages if p.text.startswith("Ezhov en famille."))
    spans = [caption.text[m.start : m.end] for m in caption.markup]
    assert spans == ["en famille"]
    izvestiia = passage_with(document, "Efimov’s famous cartoon")
    assert "Izvestiia" in [izvestiia.text[m.start : m.end] for m in izvestiia.markup]


def test_headings(document):
    assert texts(document, "heading") == ["5", "Apogee"]


# Each sentence is named by a few words at its start and its end; its text is read from
# the chapter in ../shared at test time (the chapter is not ours to copy).
@pytest.mark.parametrize(
    ("start", "inside", "end"),
    [
        ("He mildly pointed", "P. F. Bulakh,", "conspiracies."),
        ("On 31 January", "Ia. A. Deich,", "he was arrested."),
    ],
)
def test_sentences_survive_initials(document, start, inside, end):
    passage = passage_with(document, inside)
    begin = passage.text.index(start)
    sentence = passage.text[begin : passage.text.index(end, begin) + len(end)]
    spans = [passage.text[s.start : s.end] for s in split_sentences(passage.text)]
    assert sentence in spans


def test_sentences_survive_abbreviations():
    text = (
        "Under order No. 00447 the troikas sat. Frinovskii, Redens, et al. were present, "
        "i.e. the whole leadership. Ia. A. Deich was arrested. It ended."
    )
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == [
        "Under order No. 00447 the troikas sat.",
        "Frinovskii, Redens, et al. were present, i.e. the whole leadership.",
        "Ia. A. Deich was arrested.",
        "It ended.",
    ]


def test_cli_ingest_export_and_idempotence(imena, chapter_path: Path):
    first = imena(
        "ingest",
        str(chapter_path),
        "--title",
        "Apogee",
        "--authors",
        "Marc Jansen; Nikita Petrov",
        "--year",
        "2002",
    )
    assert first.returncode == 0, first.stderr
    assert "ingested as jansen-petrov-2002-ch5-apogee" in first.stdout
    assert "5 captions" in first.stdout and "4 notes" in first.stdout
    before = imena("export", "--format", "jsonl").stdout
    again = imena("ingest", str(chapter_path))
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert imena("export", "--format", "jsonl").stdout == before

    objects = [json.loads(line) for line in before.splitlines()]
    sources = [o for o in objects if o["kind"] == "source"]
    passages = [o for o in objects if o["kind"] == "passage"]
    assert len(sources) == 1 and sources[0]["title"] == "Apogee" and sources[0]["year"] == 2002
    assert {"id", "source", "seq", "type", "text", "page", "markers"} <= set(passages[0])
    assert [p["seq"] for p in passages] == list(range(1, len(passages) + 1))
    labels = [m["label"] for p in passages for m in p["markers"] if m["label"].isdigit()]
    assert labels == [str(n) for n in range(1, 80)]
    note = next(p for p in passages if p["text"].startswith("Dombra"))
    assert note["type"] == "note" and note["note_for"]
    for passage in passages:
        for start, end in passage["sentences"]:
            assert passage["text"][start:end].strip() == passage["text"][start:end]
    one = imena("export", "--source", sources[0]["id"])
    text_lines = [
        line
        for line in before.splitlines()
        if '"kind":"source"' in line or '"kind":"passage"' in line
    ]
    assert one.stdout.splitlines()[: len(text_lines)] == text_lines
    missing = imena("export", "--source", "nope")
    assert missing.returncode == 2 and missing.stderr.startswith("imena: error:")


def test_a_new_version_of_a_source_is_a_new_source(imena, tmp_path: Path, chapter_path: Path):
    copy = tmp_path / "jansen-petrov-2002-ch5-apogee.txt"
    copy.write_text(
        chapter_path.read_text(encoding="utf-8") + "\nA corrected line.\n", encoding="utf-8"
    )
    assert imena("ingest", str(chapter_path)).returncode == 0
    out = imena("ingest", str(copy))
    assert out.returncode == 0 and "ingested as jansen-petrov-2002-ch5-apogee-2" in out.stdout
    ids = re.findall(r'"kind":"source","id":"([^"]+)"', imena("export").stdout)
    assert ids == ["jansen-petrov-2002-ch5-apogee", "jansen-petrov-2002-ch5-apogee-2"]
