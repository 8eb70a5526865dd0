"""Score how likely two written names are one person's, across systems and archival variants.

The score combines three kinds of evidence, each of which may decide alone:

* the surname, gated by the given names: one surname with agreeing (or missing) given names
  is one person, one surname with different first names is two (Boris / Vasilii Efimov);
* the given names: the same first name *and* patronymic carry the identification even when
  the surnames differ (married names, aliases, a surname misread: Малькевич / Мальгевич);
* for East Asian names written in Russian transcription (Ван Зин Куй, Юй Цзин-Сян), the
  syllables of the whole name compared as a bag, in any order, with fuzzy syllable matching
  (Цзин / Цзинь, Чжен / Чжэн), since such names are recorded with the parts in varying
  fields and orders and usually without a patronymic.

Given names agree when their keys are equal, when they are spelling variants (Jaro-Winkler
on keys or on the Cyrillic letters ≥ 0.9: Инокентий / Иннокентий), or when they are forms of
one name (:data:`_NAME_FORMS`: Георгий / Егор, Иосиф / Осип / Юзеф, Прокофий / Прокоп);
patronymics compare on their stems (Никитович / Никитьевич, Казимирович / Козимирович).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

from imena.names.key import word_key
from imena.names.structure import PersonName, parse_name

# At or above this score two names are taken as one person's. Chosen on half A of the ids of
# Memorial's Khabarovsk variant list and checked on half B (see benchmarks/names.py): the
# scores of the rules below are placed so that each rule that should decide lands above it.
SAME_PERSON_THRESHOLD = 0.8

# Given-name similarity (Jaro-Winkler on keys or Cyrillic) from which two names are one
# name spelled two ways (Инокентий / Иннокентий 0.97, Василий / Васил 0.93), and below which
# they are different names (Никита / Николай 0.69, Boris / Vasilii 0.5).
_GIVEN_SAME = 0.9
_GIVEN_DIFFERENT = 0.75
# Without any given name the surname alone is weaker evidence.
_SURNAME_ONLY_FACTOR = 0.9
# Surname similarity from which two surnames are one written two ways (Аверкиев / Аверкеев).
_SURNAME_SAME = 0.88
# The same first name and patronymic: the score when surnames are unrelated, rising with
# surname similarity (a woman's married name, an alias, a surname misread).
_GIVEN_NAMES_SCORE = 0.82
# East Asian names: the share of syllables (Dice) at which the names are taken as one.
_SYLLABLE_SAME = 0.66
_SYLLABLE_MATCH = 0.8  # similarity at which two syllables count as one (Цзин / Цзинь)

# Forms of one given name that spelling similarity cannot see: church, vernacular, Polish,
# Yiddish and Ukrainian forms as they alternate in Soviet records. Each tuple is one name.
_NAME_FORMS: tuple[tuple[str, ...], ...] = (
    ("георгий", "егор", "юрий"),
    ("иосиф", "осип", "юзеф", "иосип", "осиф"),
    ("прокофий", "прокоп", "прокопий"),
    ("семен", "симон", "семeн", "симеон", "шимон"),
    ("михаил", "михель", "михайло", "михал"),
    ("моисей", "мошка", "мовша", "мойша", "мошко", "мойше"),
    ("иван", "иоанн", "ян", "ованес", "иоган", "иоганн", "ганс"),
    ("яков", "якуб", "янкель", "якоб"),
    ("евгений", "евгенний"),
    ("ефим", "евфимий", "хаим"),
    ("степан", "стефан", "штефан"),
    ("федор", "теодор", "феодор", "тодор"),
    ("петр", "пётр", "петро", "пиотр"),
    ("павел", "павло", "пауль"),
    ("алексей", "олекса"),
    ("андрей", "андрий", "анджей"),
    ("григорий", "грицько", "гирш", "герш"),
    ("василий", "василь", "базиль"),
    ("никифор", "никифир"),
    ("дмитрий", "митрофан"),
    ("игнатий", "игнат"),
    ("кузьма", "козьма"),
    ("мефодий", "мефодий"),
    ("анна", "ханна", "ганна"),
    ("елена", "алена", "олена", "гелена"),
    ("евдокия", "авдотья", "овдотья"),
    ("пелагея", "палагея"),
    ("мария", "марья"),
    ("наталья", "наталия"),
    ("татьяна", "татиана"),
    ("ксения", "аксинья", "оксана"),
    ("агафья", "гапка"),
    ("анастасия", "настасья"),
)
_FORM_OF: dict[str, int] = {
    form: index for index, forms in enumerate(_NAME_FORMS) for form in forms
}
_PATRONYMIC_ENDING = re.compile(
    r"(?:ьевич|ьевна|иевич|иевна|ович|евич|овна|евна|ьич|ич|инична|ична|ична|на)$"
)
_CYRILLIC = re.compile("[а-яё]")
_SYLLABLE_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class NameComparison:
    """The parts of a comparison, kept so that a link can say why it was made."""

    surname: float
    first_name: float | None
    patronymic: float | None
    gender_conflict: bool
    score: float
    reason: str


def _fuzzy(a: str, b: str) -> float:
    """Similarity of two single words: equal keys 1.0, else the best of Jaro-Winkler and
    normalised Levenshtein on the keys and, when both are Cyrillic, on the letters."""
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    best = max(JaroWinkler.similarity(ka, kb), Indel.normalized_similarity(ka, kb))
    la, lb = a.lower(), b.lower()
    if _CYRILLIC.search(la) and _CYRILLIC.search(lb):
        best = max(best, JaroWinkler.similarity(la, lb), Indel.normalized_similarity(la, lb))
    return best


@lru_cache(maxsize=100_000)
def surname_similarity(a: str, b: str) -> float:
    """Similarity of two surnames in any scripts, 0..1: 1 when their keys are equal.

    The best of Jaro-Winkler and normalised Levenshtein (Indel) on the keys, and, when both
    are Cyrillic, on the letters themselves (so Аверкиев / Аверкеев, Айзенштейн / Азенштейн
    score high without any list of known variants). Double surnames in either order are
    equal (Бабицин-Быков / Быков-Бабицин); one part matches a little below a full match
    (Горковенко-Лиховид ~ Горьковенко).
    """
    if not word_key(a) or not word_key(b):
        return 0.0
    best = _fuzzy(a, b)
    parts_a = [p for p in re.split(r"[\s\-]+", a) if p]
    parts_b = [p for p in re.split(r"[\s\-]+", b) if p]
    if len(parts_a) > 1 or len(parts_b) > 1:
        if sorted(map(word_key, parts_a)) == sorted(map(word_key, parts_b)):
            return 1.0
        part_best = max(_fuzzy(x, y) for x in parts_a for y in parts_b)
        best = max(best, 0.95 * part_best)
    return best


def _is_initial(text: str) -> bool:
    return text.endswith(".") or len(text) == 1


def _name_form(text: str) -> int | None:
    return _FORM_OF.get(text.lower().replace("ё", "е"))


def _patronymic_stem(text: str) -> str:
    lowered = text.lower().replace("ё", "е")
    if _CYRILLIC.search(lowered):
        stem = _PATRONYMIC_ENDING.sub("", lowered)
        return stem if len(stem) >= 2 else lowered
    return lowered


def given_agreement(a: str, b: str, patronymic: bool = False) -> float | None:
    """How well two first names or patronymics (or their initials) agree, 0..1; None if
    either is missing. 1.0 for one name however spelled, 0.0 for different names."""
    if not a or not b:
        return None
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return 1.0
    if _is_initial(a) or _is_initial(b):
        short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
        return 1.0 if long.startswith(short) else 0.0
    if " " in a.strip() or " " in b.strip() or "-" in a or "-" in b:
        return _syllable_dice(_syllables(a), _syllables(b))
    if patronymic:
        sa, sb = _patronymic_stem(a), _patronymic_stem(b)
        form_a, form_b = _name_form(sa + "й"), _name_form(sb + "й")
        forms = [(_name_form(sa), _name_form(sb)), (form_a, form_b)]
        similarity = max(_fuzzy(a, b), _fuzzy(sa, sb) if len(sa) > 2 and len(sb) > 2 else 0)
    else:
        forms = [(_name_form(a), _name_form(b))]
        similarity = _fuzzy(a, b)
    if any(x is not None and x == y for x, y in forms):
        return 1.0
    return similarity


def _evidence(agreement: float) -> float:
    """Turn a given-name similarity into evidence: spelling variants (≥ _GIVEN_SAME) count
    fully, different names (Boris / Vasilii ≈ 0.5, Никита / Николай ≈ 0.7) not at all."""
    span = _GIVEN_SAME - _GIVEN_DIFFERENT
    return min(1.0, max(0.0, (agreement - _GIVEN_DIFFERENT) / span))


def _syllables(text: str) -> list[str]:
    return [s for s in _SYLLABLE_SPLIT.split(text.lower()) if s]


# Russian transcriptions of Chinese and Korean syllables alternate between the hushing and
# hissing letters (Шун / Сун, Чжен / Цзен), the vowels after them (Сю / Сио, Чжэн / Чжен)
# and soft or plain endings (Цзинь / Цзин): the syllable key folds those.
_SYLLABLE_FOLDS = [
    (re.compile("цз|дз|чж|дж|тс|[жшщчцз]"), "с"),
    (re.compile("[ьъй]"), ""),
    (re.compile("[эеё]"), "е"),
    (re.compile("ы"), "и"),
    (re.compile("ю|ио|ё|иу"), "у"),
    (re.compile("я|иа"), "а"),
]


@lru_cache(maxsize=20_000)
def _syllable_key(syllable: str) -> str:
    for pattern, replacement in _SYLLABLE_FOLDS:
        syllable = pattern.sub(replacement, syllable)
    return syllable


def _syllable_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    ka, kb = _syllable_key(a), _syllable_key(b)
    if ka and ka == kb:
        return 0.95
    return max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(ka, kb))


def _syllable_dice(a: list[str], b: list[str]) -> float:
    """Dice share of fuzzily matched syllables, in any order (greedy best-first matching)."""
    if not a or not b:
        return 0.0
    pairs = sorted(
        ((_syllable_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched = 0.0
    for similarity, i, j in pairs:
        if similarity < _SYLLABLE_MATCH:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matched += similarity
    return 2 * matched / (len(a) + len(b))


def _east_asian(name: PersonName) -> bool:
    """A name in Chinese or Korean transcription: no patronymic, a short one-syllable surname
    or a given name of syllables joined by hyphens or spaces (Ван Зин Куй, Юй Цзин-Сян)."""
    if name.patronymic:
        return False
    surname = name.surname.lower()
    given = name.first_name.lower()
    if "-" in given or " " in given.strip():
        return True
    parts = _syllables(surname)
    return bool(parts) and len(parts[0]) <= 4 and (not given or len(given) <= 5)


def compare_parsed(a: PersonName, b: PersonName) -> NameComparison:
    """Compare two parsed names; see :func:`compare_names`."""
    surname = surname_similarity(a.surname, b.surname) if a.surname and b.surname else 0.0
    first = given_agreement(a.given[0], b.given[0])
    patronymic = given_agreement(a.given[1], b.given[1], patronymic=True)
    gender_conflict = bool(a.gender and b.gender and a.gender != b.gender)

    first_evidence = None if first is None else _evidence(first)
    patronymic_evidence = None if patronymic is None else _evidence(patronymic)
    if first_evidence is None and patronymic_evidence is None:
        score = surname * _SURNAME_ONLY_FACTOR
        reason = f"surname {surname:.2f}, no given names to compare"
    else:
        # The first name gates the surname: a different first name makes homonyms, not
        # variants. A patronymic that differs only counts half against: archival records
        # often carry it as an initial, expanded differently later (Ильич / Иванович).
        if first_evidence is None:
            given = patronymic_evidence or 0.0
        elif patronymic_evidence is None:
            given = first_evidence
        else:
            patronymic_initial = bool(
                a.given[1][:1].lower() == b.given[1][:1].lower() and patronymic_evidence < 1
            )
            patronymic_weight = 0.2 if patronymic_initial else 0.4
            given = (1 - patronymic_weight) * first_evidence + patronymic_weight * (
                patronymic_evidence
            )
        score = surname * (0.3 + 0.7 * given) if given < 1 else surname
        if surname >= _SURNAME_SAME and given >= 0.8:
            score = max(score, SAME_PERSON_THRESHOLD + 0.02 * given)
        reason = f"surname {surname:.2f}, given names {given:.2f}"
        if (
            first_evidence == 1.0
            and patronymic_evidence == 1.0
            and not _is_initial(a.given[0])
            and not _is_initial(b.given[0])
        ):
            alias = _GIVEN_NAMES_SCORE + (1 - _GIVEN_NAMES_SCORE) * surname
            if alias > score:
                score = alias
                reason = "same first name and patronymic; surname differs (married name, alias)"
    if _east_asian(a) or _east_asian(b):
        dice = _syllable_dice(
            _syllables(f"{a.surname} {a.first_name}"), _syllables(f"{b.surname} {b.first_name}")
        )
        # The score rises through the threshold where the shared syllables reach
        # _SYLLABLE_SAME of all syllables.
        syllable_score = SAME_PERSON_THRESHOLD * dice / _SYLLABLE_SAME
        if syllable_score > score:
            score = min(1.0, syllable_score)
            reason = f"syllables of the whole name in any order: {dice:.2f}"
    if gender_conflict and not (_east_asian(a) or _east_asian(b)):
        score *= 0.5
        reason += "; genders differ"
    return NameComparison(surname, first, patronymic, gender_conflict, round(score, 4), reason)


@lru_cache(maxsize=100_000)
def compare_names(a: str, b: str) -> float:
    """How likely two written names are one person's, in [0, 1].

    High for one name in two systems (Nikolai Ezhov / Ежов Николай) or with an archival
    spelling variation (Аверкиев / Аверкеев); low for different surnames, and for one
    surname with different first names or initials (Boris / Vasilii Efimov). Compare with
    :data:`SAME_PERSON_THRESHOLD`.
    """
    return compare_parsed(parse_name(a), parse_name(b)).score
