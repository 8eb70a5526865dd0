"""Russian name morphology: oblique cases back to the nominative (с Ежовым → Ежов), with gender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pymorphy3

_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# What a reading says the word is: a surname, a first name, a patronymic, or a common word
# that may still be a surname (Ягода is a berry to the dictionary).
KINDS = ("surname", "first_name", "patronymic", "word")
_KIND_OF_TAG = {"Surn": "surname", "Name": "first_name", "Patr": "patronymic"}


@dataclass(frozen=True)
class CaseReading:
    """One way to read a name word: its nominative, the bearer's gender, what kind of name."""

    nominative: str
    gender: str | None  # "masc", "femn" or None when the form does not tell
    kind: str  # one of KINDS
    case: str | None  # the case of the word as written ("nomn", "gent", "ablt", ...)
    score: float


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The shared pymorphy3 analyser (its dictionaries ship with pymorphy3-dicts-ru)."""
    return pymorphy3.MorphAnalyzer()


def _restore_case(template: str, word: str) -> str:
    """Write ``word`` with the capitalisation of ``template`` (Ежовым → Ежов, ЕЖОВЫМ → ЕЖОВ)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def _nominative(parse: pymorphy3.analyzer.Parse, gender: str | None) -> str:
    """The nominative singular in the bearer's gender: Ежовой → Ежова, not the lemma Ежов."""
    if gender == "femn":
        inflected = parse.inflect({"nomn", "sing", "femn"}) or parse.inflect({"nomn", "femn"})
        if inflected is not None:
            return inflected.word
    if gender == "masc":
        inflected = parse.inflect({"nomn", "sing", "masc"})
        if inflected is not None:
            return inflected.word
    return parse.normal_form


@lru_cache(maxsize=50_000)
def normalise_case(word: str) -> tuple[CaseReading, ...]:
    """Every reading of a Russian name word in the nominative, best first.

    Surname readings come first (pymorphy3's ``Surn``), then first names and patronymics,
    then adjective-like surnames (Вышинскому → Вышинский) and plain nouns (Ягоды → Ягода).
    A form that is both an oblique masculine and a nominative feminine surname gives both:
    Ежова → (Ежов, masc, gent/accs), (Ежова, femn, nomn). Latin words are returned as they
    are: English has no cases to undo.
    """
    if not _CYRILLIC.search(word):
        return (CaseReading(word, None, "word", None, 1.0),)
    parses = analyzer().parse(word)
    # When the dictionary knows the word as a name, its adjective and noun readings (ежовый,
    # "of hedgehogs") are not names of anyone.
    named = any(g in p.tag.grammemes for p in parses for g in ("Surn", "Name", "Patr"))
    readings: dict[tuple[str, str | None, str], CaseReading] = {}
    for parse in parses:
        tag = parse.tag
        grammemes = tag.grammemes
        kind = next((_KIND_OF_TAG[g] for g in ("Surn", "Name", "Patr") if g in grammemes), None)
        gender = tag.gender if tag.gender in {"masc", "femn"} else None
        if kind is not None:
            weight = 1.0
        elif named or tag.POS not in {"NOUN", "ADJF"}:
            continue
        elif tag.POS == "ADJF":
            if gender is None:
                continue  # neuter or plural adjective forms name nobody
            # Adjective-like surnames (Вышинский, Подольская, Толстой) are adjectives to the
            # dictionary; their grammatical gender is the bearer's.
            kind, weight = "surname", 0.8
        else:
            # A noun such as ягода: the surname Ягода, gender unknown (Genrikh Iagoda).
            kind, gender, weight = "word", None, 0.5
        if "Pltm" in grammemes or ("plur" in grammemes and kind != "word"):
            # "Ежовым" is also dative plural (the Ezhovs); the singular readings suffice.
            continue
        nominative = _restore_case(word, _nominative(parse, gender))
        key = (nominative.lower(), gender, kind)
        score = parse.score * weight
        if key in readings:
            earlier = readings[key]
            readings[key] = CaseReading(
                nominative, gender, kind, earlier.case, earlier.score + score
            )
        else:
            readings[key] = CaseReading(nominative, gender, kind, tag.case, score)
    if not readings:
        return (CaseReading(word, None, "word", None, 1.0),)
    order = {kind: i for i, kind in enumerate(KINDS)}
    ranked = sorted(readings.values(), key=lambda r: (order[r.kind], -r.score))
    total = sum(r.score for r in ranked) or 1.0
    return tuple(
        CaseReading(r.nominative, r.gender, r.kind, r.case, round(r.score / total, 3))
        for r in ranked
    )


def first_name_gender(word: str) -> str | None:
    """The gender of a Cyrillic first name or patronymic, if the dictionary knows it."""
    for reading in normalise_case(word):
        if reading.kind in {"first_name", "patronymic"} and reading.gender:
            return reading.gender
    return None
