"""Score how likely two written names are one person's, across systems and archival variants."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

from imena.names.key import name_key, word_key
from imena.names.structure import PersonName, given_name_agreement, parse_name

# At or above this score two names are taken as one person's. Chosen on half A of the ids of
# Memorial's Khabarovsk variant list and checked on half B (see benchmarks/names.py), as the
# highest recall whose false-positive rate on same-surname pairs stays under 1%. It sits
# where a surname that differs by one archival spelling slip (Аверкиев / Аверкеев,
# similarity ≈ 0.97) with agreeing given names passes, and where the same surname with
# different first names (Boris / Vasilii Efimov) does not.
SAME_PERSON_THRESHOLD = 0.8

# How much the first name and the patronymic weigh against each other when both are known.
_FIRST_NAME_WEIGHT = 0.6
_PATRONYMIC_WEIGHT = 0.4
# Given-name similarity at or below which names count as different (Jaro-Winkler on keys).
_GIVEN_NAME_FLOOR = 0.7
# Without any given name the surname alone is weaker evidence.
_SURNAME_ONLY_FACTOR = 0.9
# A woman's surname may change on marriage while her first name and patronymic stay: the
# score such a pair gets when both given names agree exactly and the surnames do not.
_MARRIED_NAME_SCORE = 0.82


@dataclass(frozen=True)
class NameComparison:
    """The parts of a comparison, kept so that a link can say why it was made."""

    surname: float
    first_name: float | None
    patronymic: float | None
    gender_conflict: bool
    score: float
    reason: str


def surname_similarity(a: str, b: str) -> float:
    """Similarity of two surnames in any scripts, 0..1: 1 when their keys are equal.

    The best of Jaro-Winkler and normalised Levenshtein (Indel) on the keys, and, when both
    are Cyrillic, on the letters themselves (so Аверкиев / Аверкеев, Айзенштейн / Азенштейн
    score high without any list of known variants). Double surnames match on any part
    (Горковенко-Лиховид ~ Горьковенко), a little below a full match.
    """
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    best = max(JaroWinkler.similarity(ka, kb), Indel.normalized_similarity(ka, kb))
    la, lb = a.lower(), b.lower()
    if la.isalpha() and lb.isalpha() and not la.isascii() and not lb.isascii():
        best = max(best, JaroWinkler.similarity(la, lb), Indel.normalized_similarity(la, lb))
    if "-" in a or "-" in b:
        parts_a = [p for p in a.split("-") if p] or [a]
        parts_b = [p for p in b.split("-") if p] or [b]
        if len(parts_a) > 1 or len(parts_b) > 1:
            part_best = max(surname_similarity(x, y) for x in parts_a for y in parts_b)
            best = max(best, 0.95 * part_best)
    return best


def _given_agreement(a: str, b: str) -> float | None:
    """Agreement of two given names; several words (East Asian names) compare as one key."""
    if " " in a.strip() or " " in b.strip() or "-" in a or "-" in b:
        if not a or not b:
            return None
        ka, kb = name_key(a.replace("-", " ")), name_key(b.replace("-", " "))
        if not ka or not kb:
            return None
        return 1.0 if ka == kb else JaroWinkler.similarity(ka, kb)
    return given_name_agreement(a, b)


def compare_parsed(a: PersonName, b: PersonName) -> NameComparison:
    """Compare two parsed names; see :func:`compare_names`."""
    surname = surname_similarity(a.surname, b.surname) if a.surname and b.surname else 0.0
    first = _given_agreement(a.given[0], b.given[0])
    patronymic = _given_agreement(a.given[1], b.given[1])
    gender_conflict = bool(a.gender and b.gender and a.gender != b.gender)

    weights = [
        (w, _evidence(v))
        for w, v in ((_FIRST_NAME_WEIGHT, first), (_PATRONYMIC_WEIGHT, patronymic))
        if v is not None
    ]
    if weights:
        given = sum(w * v for w, v in weights) / sum(w for w, _ in weights)
        # Given names gate the surname: a different first name makes homonyms, not variants.
        score = surname * (0.3 + 0.7 * given)
        reason = f"surname {surname:.2f}, given names {given:.2f}"
    else:
        score = surname * _SURNAME_ONLY_FACTOR
        reason = f"surname {surname:.2f}, no given names to compare"
    if (
        a.gender == b.gender == "femn"
        and first == 1.0
        and patronymic == 1.0
        and a.first_name
        and a.patronymic
        and score < _MARRIED_NAME_SCORE
    ):
        score = _MARRIED_NAME_SCORE
        reason = "same first name and patronymic of a woman; surname may have changed"
    if gender_conflict:
        score *= 0.5
        reason += "; genders differ"
    return NameComparison(surname, first, patronymic, gender_conflict, round(score, 4), reason)


def _evidence(agreement: float) -> float:
    """Turn a given-name similarity into evidence: spelling slips (≥ 0.95) count fully,
    different names (Boris / Vasilii ≈ 0.5, Petrovich / Fedorovich ≈ 0.7) not at all."""
    return min(1.0, max(0.0, (agreement - _GIVEN_NAME_FLOOR) / (0.95 - _GIVEN_NAME_FLOOR)))


@lru_cache(maxsize=100_000)
def compare_names(a: str, b: str) -> float:
    """How likely two written names are one person's, in [0, 1].

    High for one name in two systems (Nikolai Ezhov / Ежов Николай) or with an archival
    spelling variation (Аверкиев / Аверкеев); low for different surnames, and for one
    surname with different first names or initials (Boris / Vasilii Efimov). Compare with
    :data:`SAME_PERSON_THRESHOLD`.
    """
    return compare_parsed(parse_name(a), parse_name(b)).score
