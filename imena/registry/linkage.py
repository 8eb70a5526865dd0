"""The deduplication model, defined once: record columns, comparisons and blocking rules.

The same Splink settings run on DuckDB and on Spark (imena.registry.engines): every
comparison is written over columns computed here in Python from our name keys, so that no
engine needs our code as a UDF, and the SQL is Splink's own (exact match, Jaro-Winkler,
Levenshtein) or plain SQL that both dialects read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.comparison_library import CustomComparison

from imena.registry.keys import INITIAL_MARK, NameKeys

if TYPE_CHECKING:
    from splink.internals.comparison_level_creator import ComparisonLevelCreator

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
#: - ``surname_near``: the surname keys, among those of the records deduplicated
#:   together, one slip from this record's key (a letter dropped, doubled or changed, or
#:   two swapped: the keys share a one-letter deletion, see ``neighbours``), this key
#:   included; blocking on it keeps misspelt pairs (Аверкиев / Аверкеев);
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
    "surname_near",
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
_TYPES: dict[str, pa.DataType] = {
    "unique_id": pa.int64(),
    "birth_year": pa.int64(),
    "birth_band": pa.int64(),
    "birth_band_shifted": pa.int64(),
    "no_birth_year": pa.int64(),
    "surname_near": pa.list_(pa.string()),
}
#: The Arrow types of LINKAGE_COLUMNS (text unless said otherwise).
LINKAGE_SCHEMA = pa.schema(
    [(column, _TYPES.get(column, pa.string())) for column in LINKAGE_COLUMNS]
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
    """One tuple of LINKAGE_COLUMNS per record given as a tuple of RECORD_COLUMNS.

    ``surname_near`` depends on the other records given (the neighbours of a key are the
    keys these records have).  ``linkage_table`` gives the same as an Arrow table.
    """
    columns = _columns(records if isinstance(records, list) else list(records), keys)
    near = neighbours({key for key in columns["surname"] if key})
    columns["surname_near"] = [near[key] if key else None for key in columns["surname"]]
    yield from zip(*(columns[column] for column in LINKAGE_COLUMNS), strict=True)


def linkage_table(records: Sequence[tuple[Any, ...]], keys: NameKeys) -> pa.Table:
    """The linkage columns of ``records`` (tuples of RECORD_COLUMNS), as LINKAGE_SCHEMA.

    What both engines read.  Built column by column, and ``surname_near`` once per distinct
    surname (a list for each of a million records would be ten million strings to copy).
    """
    columns = _columns(records, keys)
    surname = pa.array(columns.pop("surname"), pa.string())
    encoded = pc.dictionary_encode(surname)
    distinct = encoded.dictionary.to_pylist()
    near = neighbours(distinct)
    arrays = {
        "surname": surname,
        "surname_near": pa.array([near[key] for key in distinct], pa.list_(pa.string())).take(
            encoded.indices
        ),
    }
    for field in LINKAGE_SCHEMA:
        if field.name not in arrays:
            arrays[field.name] = pa.array(columns[field.name], field.type)
    return pa.Table.from_arrays([arrays[f.name] for f in LINKAGE_SCHEMA], schema=LINKAGE_SCHEMA)


def _columns(records: Sequence[tuple[Any, ...]], keys: NameKeys) -> dict[str, list[Any]]:
    """Every linkage column but ``surname_near``, as a list of values in record order."""
    compact: dict[str | None, str | None] = {}
    forms: dict[str | None, tuple[str | None, str | None]] = {}
    places: dict[str | None, str | None] = {}

    def key_of(text: str | None) -> str | None:
        found = compact.get(text, "")
        if found == "":
            key = keys.part(text)
            found = compact[text] = _SPACING.sub("", key) or None
        return found

    def surname_forms(text: str | None) -> tuple[str | None, str | None]:
        found = forms.get(text)
        if found is None:
            key = keys.part(text)
            words = sorted(w for w in _SPACING.split(key) if w)
            # A surname of one word needs no second column: its key says it all.
            joined = "".join(words) if len(words) > 1 else None
            single = _SPACING.sub("", key)
            skeleton = _REPEATS.sub(r"\1", _VOWELS.sub("", single.rstrip(INITIAL_MARK)))
            found = forms[text] = (joined, skeleton or None)
        return found

    def place_of(text: str | None) -> str | None:
        # A few thousand places make a million records: each is cleaned once.
        found = places.get(text, "")
        if found == "":
            found = places[text] = _place(text)
        return found

    # Column by column: a million records are quicker read as lists than as tuples.
    surnames = [key_of(r[1]) for r in records]
    names = [key_of(r[2]) for r in records]
    patronymics = [key_of(r[3]) for r in records]
    surname_split = [surname_forms(r[1]) for r in records]
    years = [r[4] for r in records]
    return {
        "unique_id": [r[0] for r in records],
        "surname": surnames,
        "name": names,
        "patronymic": patronymics,
        "surname_parts": [f[0] for f in surname_split],
        "surname_skeleton": [f[1] for f in surname_split],
        "surname_initial": [k[0] if k else None for k in surnames],
        "name_initial": [k[0] if k else None for k in names],
        "patronymic_initial": [k[0] if k else None for k in patronymics],
        "birth_year": years,
        "birth_band": [None if y is None else y // 6 for y in years],
        "birth_band_shifted": [None if y is None else (y + 3) // 6 for y in years],
        "no_birth_year": [1 if y is None else None for y in years],
        "birth_place": [place_of(r[5]) for r in records],
        "nationality": [n.casefold()[:5] if n else None for n in (r[6] for r in records)],
        "arrest_date": [r[7] for r in records],
        "death_date": [r[8] for r in records],
    }


def deletions(key: str) -> tuple[str, ...]:
    """The key and, for keys of four letters or more, every way of deleting one letter.

    Two keys one slip apart share one of these: a letter dropped or doubled (one key is a
    deletion of the other), changed or two neighbours swapped (both keys lose it).  Keys
    of three letters or fewer stand for themselves alone: "Ли" and "Ян" are not one slip
    from every other short name.
    """
    if len(key) < 4:
        return (key,)
    return tuple(sorted({key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}))


def neighbours(keys: Iterable[str]) -> dict[str, list[str]]:
    """Each key → the keys among ``keys`` it shares a one-letter deletion with, itself too.

    Worked out once over the distinct keys (a million records have some 10⁵ surnames),
    so that blocking joins a record to its neighbours' records directly, each pair once,
    instead of joining every record's deletions to every other's (a pair of one surname
    would meet once per deletion: nine times for "Иванов").  The relation is symmetric,
    as blocking needs: ``a`` is near ``b`` exactly when ``b`` is near ``a``.
    """
    by_deletion: dict[str, list[str]] = {}
    own: dict[str, tuple[str, ...]] = {}
    for key in keys:
        own[key] = found = deletions(key)
        for deletion in found:
            by_deletion.setdefault(deletion, []).append(key)
    near: dict[str, list[str]] = {}
    for key, found in own.items():
        union: set[str] = set()
        for deletion in found:
            union.update(by_deletion[deletion])
        near[key] = sorted(union)
    return near


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


def _one_slip(column: str) -> tuple[ComparisonLevelCreator, ...]:
    """Damerau-Levenshtein distance at most 1, behind cheaper tests that imply nothing else.

    Most scored pairs are two different people, and Damerau-Levenshtein is the dearest
    function of the model (on DuckDB five times Levenshtein, ten times Jaro-Winkler): a
    pair one slip apart is at most 2 apart by Levenshtein (a swap is two changes), so
    Levenshtein ≤ 2 goes first and the level says exactly what it said without it.  Both
    engines evaluate the conditions of an AND in order, each on what the previous kept.
    """
    return (
        cll.LevenshteinLevel(column, 2),
        cll.DamerauLevenshteinLevel(column, 1),
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
            cll.And(cll.CustomLevel("length(surname_l) >= 5"), *_one_slip("surname")).configure(
                m_probability=0.2, label_for_charts="one letter apart, long"
            ),
            cll.JaroWinklerLevel("surname", 0.92).configure(m_probability=0.05),
            # What the long level leaves of one slip: the short surnames.
            cll.And(cll.CustomLevel("length(surname_l) < 5"), *_one_slip("surname")).configure(
                m_probability=0.02, label_for_charts="Damerau-Levenshtein distance of surname <= 1"
            ),
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
#: lose (measured on the synthetic benchmark at a million records, where these rules
#: find 92.6% of the pairs of one person and score 24.7 million pairs):
#:
#: 1, 2. the surname, exact or one slip off (``surname_near``), the same first letter of
#:    the given name, born within the band;
#: 3. the same surname, exact or one slip off, and first letter of the given name, born in
#:    the same place as written (one list gives no year, or another);
#: 4. the same surname, exact or one slip off, given name and patronymic, whatever the
#:    years;
#: 5. the same surname, exact or one slip off, and first letter of the given name where
#:    neither list gives a year;
#: 6. the same given name, patronymic and first letter of the surname, born the same year:
#:    a surname misspelt further;
#: 7. the same consonants of the surname (vowels and doubled letters differ, however
#:    many), born within the band;
#: 8. the same given name and patronymic born in the same place, at most 5 years apart or
#:    a year not given: the surname changed (a surname and a year both far off leave too
#:    little for the model to link, and every namesake of a province would be scored);
#: 9. the surname skeleton where neither list gives a year.
#:
#: Rules 1–5 join a record to the records of its near surnames (NEAR: the record is
#: exploded into one row per near key; of the other record only the row of its own key
#: is kept, so a pair is made once).  Splink takes out of a later rule the pairs of the
#: rules before it except exploded ones, so each of 2–5 says itself which pairs rules
#: before it made: a pair is then joined and scored once.  An exact surname needs no rule
#: of its own: a key is near itself.
_NEAR = "l.surname_near = r.surname AND r.surname_near = r.surname"
_SAME_BAND = "coalesce(l.birth_band = r.birth_band, false)"
_SAME_SHIFTED_BAND = "coalesce(l.birth_band_shifted = r.birth_band_shifted, false)"
_SAME_PLACE = "coalesce(l.birth_place = r.birth_place, false)"


def _near(condition: str, *, not_before: str | None = None) -> CustomRule:
    """A rule on near surnames and ``condition``; ``not_before`` the earlier rules' pairs."""
    sql = f"{_NEAR} AND {condition}"
    if not_before:
        sql += f" AND NOT ({not_before})"
    return CustomRule(sql, arrays_to_explode=["surname_near"])


BLOCKING_RULES: tuple[Any, ...] = (
    _near("l.name_initial = r.name_initial AND l.birth_band = r.birth_band"),
    _near("l.name_initial = r.name_initial AND l.birth_band_shifted = r.birth_band_shifted",
          not_before=_SAME_BAND),
    _near("l.name_initial = r.name_initial AND l.birth_place = r.birth_place",
          not_before=f"{_SAME_BAND} OR {_SAME_SHIFTED_BAND}"),
    # The same name implies the same first letter: rules 1–3 made the pairs they say.
    _near("l.name = r.name AND l.patronymic = r.patronymic",
          not_before=f"{_SAME_BAND} OR {_SAME_SHIFTED_BAND} OR {_SAME_PLACE}"),
    # Rules 1 and 2 need years; 3 and 4 made the pairs of one place or one full name.
    _near("l.name_initial = r.name_initial AND l.no_birth_year = r.no_birth_year",
          not_before=f"{_SAME_PLACE} OR "
          "coalesce(l.name = r.name AND l.patronymic = r.patronymic, false)"),
    block_on("name", "patronymic", "surname_initial", "birth_year"),
    block_on("surname_skeleton", "name_initial", "birth_band"),
    CustomRule(
        "l.name = r.name AND l.patronymic = r.patronymic AND l.birth_place = r.birth_place "
        "AND (abs(l.birth_year - r.birth_year) <= 5 "
        "OR l.birth_year IS NULL OR r.birth_year IS NULL)"
    ),
    block_on("surname_skeleton", "name_initial", "no_birth_year"),
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
