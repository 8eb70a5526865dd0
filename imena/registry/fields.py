"""The normalised fields of a registry record (MODEL.md) and how values as written become them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from imena.registry.partial_dates import parse_partial_date

#: The normalised fields of a record, in Memorial's vocabulary and in export order.
RECORD_FIELDS: tuple[str, ...] = (
    "surname",
    "name",
    "patronymic",
    "birth_year",
    "birth_place",
    "nationality",
    "occupation",
    "live_place",
    "party",
    "arrest_date",
    "arrest_organ",
    "judicial_organ",
    "process_date",
    "criminal_article",
    "sentence",
    "was_executed",
    "death_date",
    "death_place",
    "burial_place",
    "rehabilitation_date",
    "rehabilitation_organ",
    "memory_book",
)
NAME_FIELDS = ("surname", "name", "patronymic")
DATE_FIELDS = frozenset({"arrest_date", "process_date", "death_date", "rehabilitation_date"})

#: Memorial's column names (its denormalised table) for the normalised fields that differ.
MEMORIAL_COLUMNS: dict[str, str] = {
    "patronimic": "patronymic",
    "nation": "nationality",
    "arest_date": "arrest_date",
    "arest_organ": "arrest_organ",
}

# Blank values as registries write them: Memorial's export writes Python's None.
_BLANKS = frozenset({"", "none", "null", "nan", "-", "—", "н/д"})
_TRUE = frozenset({"1", "true", "t", "yes", "y", "да", "расстрелян", "расстреляна"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "нет"})
_YEAR = re.compile(r"\d{4}")


def clean_value(value: str | None) -> str | None:
    """A value as written, stripped; None for the blanks ('None', '', 'null' …)."""
    if value is None or value == "None":
        return None
    value = value.strip()
    # Every blank word is short: skip the case fold for the rest (a million rows).
    if len(value) <= 4 and value.casefold() in _BLANKS:
        return None
    return value


def clean_name(value: str | None) -> str | None:
    """A name part without the stray double quotes that exports leave around names."""
    value = clean_value(value)
    if value is None:
        return None
    value = " ".join(value.replace('"', " ").split())
    return value or None


@lru_cache(maxsize=200_000)
def iso_date(value: str | None) -> str | None:
    """A date as an ISO partial string ("1938", "1938-05", "1938-05-17"), or None."""
    if not value:
        return None
    date = parse_partial_date(value)
    if date is None or date.year is None:
        return None
    return date.iso()


@lru_cache(maxsize=10_000)
def year_of(value: str | None) -> int | None:
    """A birth year written as "1901", "1901 г." or a (partial) date."""
    if not value:
        return None
    if len(value) == 4 and value.isdigit():
        return int(value)
    date = parse_partial_date(value)
    if date is not None and date.year is not None:
        return date.year
    match = _YEAR.fullmatch(value.strip().rstrip("г. "))
    return int(match.group()) if match else None


def flag(value: str | None) -> int | None:
    """True/False as 1/0 for was_executed; None when the value says neither."""
    if not value:
        return None
    folded = value.casefold()
    if folded in _TRUE:
        return 1
    if folded in _FALSE:
        return 0
    return None


def normalise(values: dict[str, str | None]) -> dict[str, object]:
    """Normalised fields from values as written, keyed by normalised field name."""
    record: dict[str, object] = dict.fromkeys(RECORD_FIELDS)
    for name, value in values.items():
        convert = _CONVERTERS.get(name)
        if convert is not None:
            record[name] = convert(value)
    return record


def _date(value: str | None) -> str | None:
    return iso_date(clean_value(value))


def _year(value: str | None) -> int | None:
    return year_of(clean_value(value))


def _flag(value: str | None) -> int | None:
    return flag(clean_value(value))


_CONVERTERS: dict[str, Callable[[str | None], object]] = {
    field: clean_name if field in NAME_FIELDS
    else _date if field in DATE_FIELDS
    else _year if field == "birth_year"
    else _flag if field == "was_executed"
    else clean_value
    for field in RECORD_FIELDS
}  # fmt: skip
