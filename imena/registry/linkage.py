"""The deduplication model, defined once: record columns, comparisons and blocking rules.

The same Splink settings run on DuckDB and on Spark (imena.registry.engines): every
comparison is written over columns computed here in Python from our name keys, so that no
engine needs our code as a UDF, and the SQL is Splink's own (exact match, Jaro-Winkler,
Levenshtein) or plain SQL that both dialects read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.comparison_library import CustomComparison

from imena.registry.keys import INITIAL_MARK, NameKeys

#: The columns the model reads, in order; each is computed by ``linkage_rows``.
#:
#: - ``unique_id``: the record id;
#: - ``surname``/``name``/``patronymic``: romanisation-insensitive keys with spaces and
#:   hyphens taken out ("Цзи-Хань" = "Цзи Хань"), None when missing; an initial keeps its
#:   trailing "." (imena.registry.keys);
#: - ``surname_parts``: the words of a double surname in alphabetical order (Бабицин-Быков
#:   = Быков-Бабицин);
#: - ``surname_skeleton``: consonants with doubled letters made single (Кириллов =
#:   Кирилов, Печерин = Печорин), for blocking;
#: - ``surname_deletions``: the surname key and, for keys of four letters or more, every
#:   way of deleting one letter from it: two surnames one slip apart (a letter dropped,
#:   doubled or changed) share one of these, so blocking on them keeps misspelt pairs;
#: - ``surname_initial``/``name_initial``/``patronymic_initial``: first letter of the key;
#: - ``birth_year``; ``birth_band`` (year // 6), ``birth_band_shifted`` ((year + 3) // 6)
#:   and ``no_birth_year`` (1 when the year is missing, else None) for blocking;
#: - ``birth_place``, ``nationality``: case-folded words (nationality cut
#:   to a stem so that латыш = латышка); ``arrest_date``, ``death_date``: ISO partial dates.
LINKAGE_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "surname",
    "name",
    "patronymic",
    "surname_parts",
    "surname_skeleton",
    "surname_deletions",
    "surname_initial",
    "name_initial",
    "patronymic_initial",
    "birth_year",
    "birth_band",
    "birth_band_shifted",
    "no_birth_year",
    "birth_place",
    "nationality",
    "arrest_date",
    "death_date",
)
#: Columns read from ``records`` to build them.
RECORD_COLUMNS = (
    "id", "surname", "name", "patronymic", "birth_year", "birth_place", "nationality",
    "arrest_date", "death_date",
)  # fmt: skip

_SPACING = re.compile(r"[\s\-]+")
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
_PLACE_NOISE = re.compile(r"[^\w ]+|\b(?:г|губ|обл|с|д|р-н|у|пос)\b")


def linkage_rows(records: Iterable[tuple[Any, ...]], keys: NameKeys) -> Iterator[tuple[Any, ...]]:
    """One tuple of LINKAGE_COLUMNS per record given as a tuple of RECORD_COLUMNS."""
    compact: dict[str | None, str | None] = {}
    parts: dict[str | None, tuple[str | None, str | None]] = {}

    def key_of(text: str | None) -> str | None:
        found = compact.get(text, "")
        if found == "":
            key = keys.part(text)
            found = compact[text] = _SPACING.sub("", key) or None
        return found

    def surname_forms(text: str | None) -> tuple[str | None, str | None]:
        found = parts.get(text)
        if found is None:
            key = keys.part(text)
            words = sorted(w for w in _SPACING.split(key) if w)
            # A surname of one word needs no second column: its key says it all.
            joined = "".join(words) if len(words) > 1 else None
            single = _SPACING.sub("", key)
            skeleton = _REPEATS.sub(r"\1", _VOWELS.sub("", single.rstrip(INITIAL_MARK)))
            found = parts[text] = (joined, skeleton or None)
        return found

    for row in records:
        (record_id, surname, name, patronymic, birth_year, birth_place, nationality,
         arrest_date, death_date) = row  # fmt: skip
        surname_key, name_key, patronymic_key = key_of(surname), key_of(name), key_of(patronymic)
        surname_parts, surname_skeleton = surname_forms(surname)
        yield (
            record_id,
            surname_key,
            name_key,
            patronymic_key,
            surname_parts,
            surname_skeleton,
            deletions(surname_key),
            surname_key[0] if surname_key else None,
            name_key[0] if name_key else None,
            patronymic_key[0] if patronymic_key else None,
            birth_year,
            None if birth_year is None else birth_year // 6,
            None if birth_year is None else (birth_year + 3) // 6,
            1 if birth_year is None else None,
            _place(birth_place),
            nationality.casefold()[:5] if nationality else None,
            arrest_date,
            death_date,
        )


@lru_cache(maxsize=500_000)
def _deletions(key: str) -> tuple[str, ...]:
    if len(key) < 4:
        return (key,)
    return tuple(sorted({key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}))


def deletions(key: str | None) -> list[str] | None:
    """The key and its one-letter deletions (see ``surname_deletions``)."""
    return list(_deletions(key)) if key else None


def _place(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(_PLACE_NOISE.sub(" ", text.casefold()).split()) or None


# -- comparisons ------------------------------------------------------------------------------
# m probabilities (how often a level is seen between two records of one person) are
# trained by expectation maximisation on blocked pairs (EM_RULES); the values configured
# here are the priors, kept where EM fails, and say what archival copies do to a name:
# most keep it, a few slip a letter, initials stand for names.  u probabilities (the same
# among different people) are estimated from random pairs on every run, and exact
# matches of names are adjusted for the frequency of the name, so that "Иванов Иван"
# counts for less than "Лисицын Ипполит".


def _initial_of(column: str) -> str:
    # One side written as an initial ("n.") that begins the other side's key.
    left, right = f"{column}_l", f"{column}_r"
    return (
        f"(({left} LIKE '%.' AND substr({right}, 1, 1) = substr({left}, 1, 1)) OR "
        f"({right} LIKE '%.' AND substr({left}, 1, 1) = substr({right}, 1, 1)))"
    )


def _surname() -> CustomComparison:
    return CustomComparison(
        output_column_name="surname",
        comparison_description="surname key: exact, reordered, near spellings",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname", term_frequency_adjustments=True).configure(
                m_probability=0.62
            ),
            cll.CustomLevel(
                "surname_parts_l = surname_parts_r", "double surname reordered"
            ).configure(m_probability=0.005),
            # One letter changed in a long surname says more than in "Ли" or "Ван".
            cll.And(
                cll.DamerauLevenshteinLevel("surname", 1),
                cll.CustomLevel("length(surname_l) >= 5"),
            ).configure(m_probability=0.2, label_for_charts="one letter apart, long"),
            cll.JaroWinklerLevel("surname", 0.92).configure(m_probability=0.05),
            cll.DamerauLevenshteinLevel("surname", 1).configure(m_probability=0.02),
            cll.JaroWinklerLevel("surname", 0.85).configure(m_probability=0.05),
            cll.ElseLevel().configure(m_probability=0.055),
        ],
    )


def _given(column: str, description: str) -> CustomComparison:
    return CustomComparison(
        output_column_name=column,
        comparison_description=description,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column, term_frequency_adjustments=True).configure(
                m_probability=0.8
            ),
            cll.CustomLevel(_initial_of(column), f"{column}: initial").configure(
                m_probability=0.08
            ),
            cll.JaroWinklerLevel(column, 0.92).configure(m_probability=0.05),
            cll.JaroWinklerLevel(column, 0.8).configure(m_probability=0.03),
            cll.ElseLevel().configure(m_probability=0.04),
        ],
    )


def _birth_year() -> CustomComparison:
    return CustomComparison(
        output_column_name="birth_year",
        comparison_description="birth year: same, 1 or 2 years apart",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_year").configure(m_probability=0.62),
            cll.AbsoluteDifferenceLevel("birth_year", 1).configure(m_probability=0.24),
            cll.AbsoluteDifferenceLevel("birth_year", 2).configure(m_probability=0.08),
            cll.ElseLevel().configure(m_probability=0.06),
        ],
    )


def _birth_place() -> CustomComparison:
    # "Тверская губ." and "Тверская губ., д. Петрово": one list names the village too.
    left, right = "birth_place_l", "birth_place_r"
    return CustomComparison(
        output_column_name="birth_place",
        comparison_description="place of birth: as written, one a part of the other, near",
        comparison_levels=[
            cll.NullLevel("birth_place"),
            cll.ExactMatchLevel("birth_place").configure(m_probability=0.7),
            cll.CustomLevel(
                f"substr({left}, 1, length({right})) = {right} OR "
                f"substr({right}, 1, length({left})) = {left}",
                "birth_place: one begins the other",
            ).configure(m_probability=0.18),
            cll.JaroWinklerLevel("birth_place", 0.9).configure(m_probability=0.07),
            cll.ElseLevel().configure(m_probability=0.05),
        ],
    )


def _partial_date(column: str, description: str) -> CustomComparison:
    # ISO partial dates: "1938" agrees with "1938-05-17" (one is a prefix of the other).
    left, right = f"{column}_l", f"{column}_r"
    return CustomComparison(
        output_column_name=column,
        comparison_description=description,
        comparison_levels=[
            cll.NullLevel(column),
            cll.CustomLevel(
                f"length({left}) = 10 AND {left} = {right}", f"{column}: same day"
            ).configure(m_probability=0.6),
            cll.CustomLevel(
                f"substr({left}, 1, length({right})) = {right} OR "
                f"substr({right}, 1, length({left})) = {left}",
                f"{column}: agrees as far as written",
            ).configure(m_probability=0.25),
            cll.CustomLevel(
                f"substr({left}, 1, 4) = substr({right}, 1, 4)", f"{column}: same year"
            ).configure(m_probability=0.1),
            cll.ElseLevel().configure(m_probability=0.05),
        ],
    )


def _text(column: str, description: str, similar: float | None) -> CustomComparison:
    levels = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column).configure(m_probability=0.85),
    ]
    if similar is not None:
        levels.append(cll.JaroWinklerLevel(column, similar).configure(m_probability=0.08))
    levels.append(cll.ElseLevel().configure(m_probability=0.07 if similar else 0.15))
    return CustomComparison(
        output_column_name=column, comparison_description=description, comparison_levels=levels
    )


#: Pairs the model scores: records that agree on one of these rules.  Birth bands pair
#: records born at most 5 years apart (bands of 6 years, the second shifted by 3, so that
#: years 2 apart always share one); bands, years, places and first letters keep "Иванов
#: Иван, 1900" from pairing thousands of namesakes.  Each rule keeps what the others
#: lose (measured on the synthetic benchmark, where these rules find 92% of the pairs of
#: one person at 100,000 records and score about 25 million pairs at a million):
#:
#: 1, 2. a surname misspelt by one letter (a shared one-letter deletion), the same first
#:    letter of the given name, born within the band;
#: 3. the same given name and patronymic, born the same year: a surname misspelt further
#:    or changed by marriage or an alias;
#: 4. the same consonants of the surname (vowels and doubled letters differ, however
#:    many), born within the band;
#: 5. the same full name, whatever the years (one list gives none, or another year);
#: 6, 7. the surname, exact or one letter off, and the first letter of the given name,
#:    born in the same place as written (one list gives no year);
#: 8. a surname one letter off and the same given name and patronymic, whatever the years;
#: 9. the same given name and patronymic born in the same place: the surname changed;
#: 10, 11. the surname skeleton or one letter off where neither list gives a year.
BLOCKING_RULES: tuple[Any, ...] = (
    block_on("surname_deletions", "name_initial", "birth_band",
             arrays_to_explode=["surname_deletions"]),
    block_on("surname_deletions", "name_initial", "birth_band_shifted",
             arrays_to_explode=["surname_deletions"]),
    block_on("name", "patronymic", "surname_initial", "birth_year"),
    block_on("surname_skeleton", "name_initial", "birth_band"),
    block_on("surname", "name", "patronymic"),
    block_on("surname", "name_initial", "birth_place"),
    block_on("surname_deletions", "name_initial", "birth_place",
             arrays_to_explode=["surname_deletions"]),
    block_on("surname_deletions", "name", "patronymic",
             arrays_to_explode=["surname_deletions"]),
    block_on("name", "patronymic", "birth_place"),
    block_on("surname_skeleton", "name_initial", "no_birth_year"),
    block_on("surname_deletions", "name_initial", "no_birth_year",
             arrays_to_explode=["surname_deletions"]),
)  # fmt: skip


def settings(probability_two_random_records_match: float = 1e-5) -> SettingsCreator:
    """The Splink settings of the model, for any engine."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=probability_two_random_records_match,
        comparisons=[
            _surname(),
            _given("name", "given name key: exact, initial, near spelling"),
            _given("patronymic", "patronymic key: exact, initial, near spelling"),
            _birth_year(),
            _birth_place(),
            _text("nationality", "nationality (stem)", None),
            _partial_date("arrest_date", "date of arrest"),
            _partial_date("death_date", "date of death (or shooting)"),
        ],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


#: Blocking rules for training m by expectation maximisation: each session estimates the
#: m probabilities of the comparisons its rule does not use (the first every name part
#: but the surname, places and dates; the second the surname and the birth year), from at
#: most EM_MAX_PAIRS pairs.  Where EM fails or gives an implausible model (a comparison
#: whose full agreement is no likelier among one person's records than full disagreement)
#: the m priors configured above are kept.
EM_RULES: tuple[Any, ...] = (
    block_on("surname", "birth_year"),
    block_on("name", "patronymic", "birth_place"),
)
EM_MAX_PAIRS = 1e6


def plausible(model: dict[str, Any]) -> bool:
    """Every comparison's first agreement level likelier among matches than its else level."""
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        first, last = levels[0].get("m_probability"), levels[-1].get("m_probability")
        if not isinstance(first, float) or not isinstance(last, float) or first <= last:
            return False
    return True


#: Deterministic rules for estimating how likely two random records are one person: the
#: same full name and (where both give it) birth year.  RECALL is the share of true pairs
#: they are taken to find: in archival copies most pairs differ in some spelling, a missing
#: patronymic or a year (a fifth agree in all: 4% of the Khabarovsk variants, 20% of the
#: synthetic benchmark's pairs).
DETERMINISTIC_RULES = (
    "l.surname = r.surname AND l.name = r.name "
    "AND coalesce(l.patronymic, '') = coalesce(r.patronymic, '') "
    "AND (l.birth_year = r.birth_year OR l.birth_year IS NULL OR r.birth_year IS NULL)",
)
DETERMINISTIC_RECALL = 0.2


def complete_model(model: dict[str, Any], sample_pairs: float) -> dict[str, Any]:
    """The trained settings with a u probability for every level.

    A level never seen among ``sample_pairs`` random pairs has no estimate; it gets the
    u of one pair in the sample, an upper bound that keeps its weight finite and modest.
    """
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            if not isinstance(level.get("u_probability"), float):
                level["u_probability"] = 1 / sample_pairs
    return model
