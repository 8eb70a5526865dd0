"""Score how likely two written names are one person's, across systems and archival variants.

The score combines three kinds of evidence, each of which may decide alone:

* the surname, gated by the given names: one surname with agreeing (or missing) given names
  is one person, one surname with different first names is two (Boris / Vasilii Efimov);
* the given names: the same first name *and* patronymic carry the identification even when
  the surnames differ (married names, aliases, a surname misread: Малькевич / Мальгевич);
* for two East Asian names written in Russian transcription (Ван Зин Куй, Юй Цзин-Сян),
  the syllables of the whole name compared as a bag, in any order, with fuzzy syllable
  matching (Цзин / Цзинь, Чжен / Чжэн, Го / Ко, Лю / Лу), since such names are recorded with
  the parts in varying fields and orders and usually without a patronymic: all syllables
  but one of the longer name matched, at least two, make one name (2 of 3, 2 of 2).

Words compare by Jaro-Winkler and Levenshtein on their keys, on their Cyrillic letters and
on the letters folded for archival spelling (unstressed о / а, е / и / я, soft sign, й / и,
doubled consonants: Бугаевский / Богаевский, Кузьмин / Кузмин, Шилинг / Шиллинг). Given names
agree when their keys are equal, when they are spelling variants (≥ 0.9: Инокентий /
Иннокентий), or when they are forms of one name (:data:`_NAME_FORMS`: Георгий / Егор, Иосиф /
Осип / Юзеф, Прокофий / Прокоп, Ицхок / Айзик); patronymics compare on their stems
(Никитович / Никитьевич, Казимирович / Козимирович). A gender conflict halves the score only
where the name shows the gender for certain (a patronymic, a Slavic surname ending); a name
with surname and first name in each other's fields is compared both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

from imena.names.key import word_key
from imena.names.structure import PersonName, parse_name, settled_agreement

# At or above this score two names are taken as one person's. Chosen on half A of the ids of
# Memorial's Khabarovsk variant list and checked on half B (see benchmarks/names.py): the
# scores of the rules below are placed so that each rule that should decide lands above it.
# On half A recall is 75.7% at 0.8 with 0.25% false positives on random pairs; lowering it
# to 0.7 adds 1.8 points of recall, but what it adds is one surname and first name with
# another patronymic (0.72: Иванов Иван Иванович / Иванов Иван Петрович), namesakes more
# often than variants (78 hard negatives to 11 true pairs in that band on the whole list).
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
# East Asian names: the fewest matched syllables that make one name (with all but one
# syllable of the longer name matched).
_SYLLABLES_NEEDED = 2
# Whether two of three syllables must include the surnames (short of a full match). Off, as
# issue 4's target asks (recall on variant pairs, false positives on random pairs): on the
# Khabarovsk list requiring it loses 33 of 1,442 true pairs (2.3 points of recall) and saves
# 15 of 20,000 random pairs (0.08 points), chance matches among Chinese names such as
# Хан Сун Гын / Ван Кун Чэн. Turn on where a false merge costs more than a missed one.
_SYLLABLE_SURNAME_FIRST = False
_SYLLABLE_MATCH = 0.8  # similarity at which two syllables count as one (Цзин / Цзинь)

# Forms of one given name that spelling similarity cannot see: church, vernacular, Polish,
# Yiddish and Ukrainian forms as they alternate in Soviet records. Each tuple is one name.
_NAME_FORMS: tuple[tuple[str, ...], ...] = (
    ("георгий", "егор", "юрий"),
    ("иосиф", "осип", "юзеф", "иосип", "осиф", "джузеппе", "giuseppe", "joseph", "josef"),
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
    ("лев", "лейб", "лейба", "леиб"),
    ("исаак", "ицхок", "ицхак", "айзик", "ицко", "исак", "ицек"),
    ("порфирий", "парфил", "порфир"),
)
_FORM_OF: dict[str, int] = {
    form: index for index, forms in enumerate(_NAME_FORMS) for form in forms
}
_PATRONYMIC_ENDING = re.compile(
    r"(?:ьевич|ьевна|иевич|иевна|ович|евич|овна|евна|ьич|ич|инична|ична|ична|на)$"
)
_CYRILLIC = re.compile("[а-яё]")
_SLAVIC_FEMININE = re.compile(r"(?:[оеё]ва|[иы]на|[сц]кая|ая|ova|eva|ina|skaia|skaya)$")
_SLAVIC_MASCULINE = re.compile(r"(?:[оеё]в|[иы]н|[сц]кий|[иоы]й|ov|ev|in|skii|sky|skiy)$")
# A surname and first name read the other way round score this share of the comparison.
_SWAPPED_FACTOR = 0.95
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
        fa, fb = _cyrillic_fold(la), _cyrillic_fold(lb)
        best = max(
            best,
            JaroWinkler.similarity(la, lb),
            Indel.normalized_similarity(la, lb),
            _FOLDED_WEIGHT * JaroWinkler.similarity(fa, fb),
            _FOLDED_WEIGHT * Indel.normalized_similarity(fa, fb),
        )
    return best


# Archival spellings of one word differ most in unstressed vowels (Бугаевский / Богаевский,
# Валеграф / Волеграф, Еселевич / Яселевич, Димов / Дымов), in the soft sign (Кузьмин /
# Кузмин), in й / и and in doubled consonants (Шилинг / Шиллинг): the fold reduces those.
_CYRILLIC_FOLDS = [
    (re.compile("[ьъ]"), ""),
    (re.compile("ё"), "е"),
    (re.compile("й"), "и"),
    (re.compile("[оа]"), "а"),
    (re.compile("[еэияы]"), "и"),
    (re.compile("ю"), "у"),
    (re.compile(r"([бвгджзклмнпрстфхцчшщ])\1"), r"\1"),
]
# Similarity on the folded letters counts a little less than on the letters themselves.
_FOLDED_WEIGHT = 0.97


@lru_cache(maxsize=100_000)
def _cyrillic_fold(word: str) -> str:
    for pattern, replacement in _CYRILLIC_FOLDS:
        word = pattern.sub(replacement, word)
    return word


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
    settled, value = settled_agreement(a, b)
    if settled:
        return value
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
# A coarser key for the variation between recorders, who heard the initial consonant's
# voicing and aspiration differently (Го / Ко, Дэ / Тэ, Бо / По) and the unstressed vowel
# differently (Сун / Сын, Лю / Лу): voiced and voiceless pairs and the close vowels fold.
_SYLLABLE_COARSE = [
    (re.compile("[дт]"), "т"),
    (re.compile("[гкх]"), "к"),
    (re.compile("[бп]"), "п"),
    (re.compile("[еиу]"), "и"),
    (re.compile("[ао]"), "а"),
]


@lru_cache(maxsize=20_000)
def _syllable_key(syllable: str) -> str:
    for pattern, replacement in _SYLLABLE_FOLDS:
        syllable = pattern.sub(replacement, syllable)
    return syllable


@lru_cache(maxsize=20_000)
def _syllable_coarse(syllable: str) -> str:
    syllable = _syllable_key(syllable)
    for pattern, replacement in _SYLLABLE_COARSE:
        syllable = pattern.sub(replacement, syllable)
    return syllable


def _syllable_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    ka, kb = _syllable_key(a), _syllable_key(b)
    if ka and ka == kb:
        return 0.95
    if ka and _syllable_coarse(a) == _syllable_coarse(b):
        return 0.9
    return max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(ka, kb))


def _syllable_match(a: list[str], b: list[str]) -> tuple[int, float]:
    """Fuzzily matched syllables in any order (greedy best-first): their number and the sum of
    their similarities."""
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
    return len(used_a), matched


def _syllable_dice(a: list[str], b: list[str]) -> float:
    """Dice share of fuzzily matched syllables, in any order."""
    if not a or not b:
        return 0.0
    return 2 * _syllable_match(a, b)[1] / (len(a) + len(b))


def _syllable_score(a: list[str], b: list[str]) -> tuple[float, str]:
    """Score two East Asian names as bags of syllables, the surname's first: one name when
    every syllable has a match in any order (Ван Чжен Ли / Ли Ван-Чжэн), or the surnames
    match and all syllables but one of the longer name do, at least two (2 of 3: surname and
    one syllable of the given name); below the threshold in proportion otherwise."""
    if not a or not b:
        return 0.0, "no syllables"
    count, weight = _syllable_match(a, b)
    longest = max(len(a), len(b))
    needed = max(_SYLLABLES_NEEDED, longest - 1)
    reason = f"syllables in any order: {count} of {longest} match"
    surnames_match = _syllable_similarity(a[0], b[0]) >= _SYLLABLE_MATCH
    if count >= needed and (surnames_match or count == longest or not _SYLLABLE_SURNAME_FIRST):
        return SAME_PERSON_THRESHOLD + (1 - SAME_PERSON_THRESHOLD) * weight / longest, reason
    return 0.95 * SAME_PERSON_THRESHOLD * weight / needed, reason


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
    """Compare two parsed names; see :func:`compare_names`.

    A name whose surname and first name were entered in each other's fields (Херубин Эмиль /
    Emil Cherubin) is compared both ways; the swapped reading counts a little less.
    """
    result = _compare(a, b)
    if result.score < 1 and b.first_name and b.surname and not b.patronymic:
        swapped = PersonName(b.first_name, b.surname, "", (), None, b.script)
        other = _compare(a, swapped)
        score = round(_SWAPPED_FACTOR * other.score, 4)
        # Only a full match both ways counts: a swapped reading must not lend a bare given
        # name (Ян, Иван) the weight of a surname.
        parts_agree = (
            other.surname >= _SURNAME_SAME
            and other.first_name is not None
            and other.first_name >= _GIVEN_SAME
        )
        if parts_agree and score > result.score:
            return NameComparison(
                other.surname,
                other.first_name,
                other.patronymic,
                other.gender_conflict,
                score,
                other.reason + "; surname and first name swapped",
            )
    return result


def _reliable_gender(name: PersonName) -> str | None:
    """The bearer's gender where the name shows it beyond doubt: from the patronymic, or
    from a Slavic surname's ending (Ежов / Ежова); None for other names, whose endings
    (Накагава, Масакаси) say nothing."""
    if name.patronymic and _CYRILLIC.search(name.patronymic.lower()):
        return name.gender
    last = name.surname.split("-")[-1].lower()
    if _SLAVIC_FEMININE.search(last):
        return "femn"
    if _SLAVIC_MASCULINE.search(last):
        return "masc"
    return None


def _compare(a: PersonName, b: PersonName) -> NameComparison:
    surname = surname_similarity(a.surname, b.surname) if a.surname and b.surname else 0.0
    first = given_agreement(a.given[0], b.given[0])
    patronymic = given_agreement(a.given[1], b.given[1], patronymic=True)
    gender_a, gender_b = _reliable_gender(a), _reliable_gender(b)
    gender_conflict = bool(gender_a and gender_b and gender_a != gender_b)

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
        elif (
            surname >= _SURNAME_SAME
            and patronymic_evidence == 1.0
            and first is not None
            and first >= _GIVEN_DIFFERENT
            and not _is_initial(a.given[0])
            and not _is_initial(b.given[0])
        ):
            # One surname and patronymic with first names that are near but not one name
            # (Викентий / Виктор, Яков / Яким, Фома / Федор is not): in Memorial's variant
            # lists a misread first name (23 Khabarovsk variant pairs, none among 20,000
            # random pairs, 5 among 20,000 hard negatives); brothers have first names further
            # apart (Николай / Иван Иванович Ежов stay below).
            score = max(score, SAME_PERSON_THRESHOLD + 0.01 * first)
            reason = f"surname {surname:.2f} and patronymic agree; first names close ({first:.2f})"
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
    if _east_asian(a) and _east_asian(b):
        syllable_score, syllable_reason = _syllable_score(
            _syllables(f"{a.surname} {a.first_name}"), _syllables(f"{b.surname} {b.first_name}")
        )
        if syllable_score > score:
            score = min(1.0, syllable_score)
            reason = syllable_reason
    if gender_conflict:
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
