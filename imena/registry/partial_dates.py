"""Partial dates as registries write them ("_.5.1939" is May 1939), parsed without guessing."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

# Month words in the three cases registries use: nominative ("май 1938"), genitive
# ("17 мая 1938", "мая 1938 г.") and prepositional ("в мае 1938"). Keyed by stem so
# one regex alternative covers all three endings.
_MONTH_STEMS: tuple[tuple[str, str], ...] = (
    ("январ", "[ьяе]"),
    ("феврал", "[ьяе]"),
    ("март", "[ае]?"),
    ("апрел", "[ьяе]"),
    ("ма", "[йяе]"),
    ("июн", "[ьяе]"),
    ("июл", "[ьяе]"),
    ("август", "[ае]?"),
    ("сентябр", "[ьяе]"),
    ("октябр", "[ьяе]"),
    ("ноябр", "[ьяе]"),
    ("декабр", "[ьяе]"),
)
_MONTH_BY_STEM = {stem: number for number, (stem, _) in enumerate(_MONTH_STEMS, start=1)}
_MONTH_WORD = "|".join(f"{stem}{ending}" for stem, ending in _MONTH_STEMS)

_ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}

# One pattern for every form, so that a date found inside a longer text (a BIO) is
# read by exactly the same rules as a date given on its own. Underscores and zeros
# stand for an unknown day or month ("_.5.1939", "__.__.1938", "00.05.1938").
PARTIAL_DATE_PATTERN = (
    r"(?:(?<![\w.])(?:в|во)\s+)?"
    r"(?:"
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{2})(?:-(?P<iso_d>\d{2}))?"
    r"|(?:(?P<num_d>\d{1,2}|_{1,2})\.)?"
    r"(?P<num_m>\d{1,2}|_{1,2}|[IVX]{1,4})\.(?P<num_y>\d{4}|\d{2})(?!\d)"
    r"|(?:(?P<word_d>\d{1,2})\s+)?(?P<word_m>" + _MONTH_WORD + r")\s+(?P<word_y>\d{4})"
    r"|(?P<year>\d{4})"
    r")"
    r"(?!\d)(?:\s*г(?:ода?\b|\.|\b))?"
)
_FULL = re.compile(PARTIAL_DATE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; `text` is the date as written."""

    year: int | None
    month: int | None = None
    day: int | None = None
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Refuse impossible combinations here so a PartialDate is always a real interval.
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            year = self.year if self.year is not None else 2000  # leap year admits 29 Feb
            if not 1 <= self.day <= calendar.monthrange(year, self.month)[1]:
                raise ValueError(f"day out of range: {self.day}.{self.month}")

    def iso(self) -> str:
        """The date at its precision: "1938", "1938-05" or "1938-05-17"."""
        if self.year is None:
            raise ValueError(f"no year in {self.text!r}")
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def start(self) -> datetime.date:
        """The first day the date may be."""
        if self.year is None:
            raise ValueError(f"no year in {self.text!r}")
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> datetime.date:
        """The last day the date may be."""
        if self.year is None:
            raise ValueError(f"no year in {self.text!r}")
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)


def parse_partial_date(text: str) -> PartialDate | None:
    """Read a whole string as a partial date; anything else, or an impossible date, is None."""
    stripped = text.strip().rstrip(",;")
    match = _FULL.fullmatch(stripped)
    if match is None:
        return None
    return partial_date_from_match(match, text.strip())


def partial_date_from_match(match: re.Match[str], text: str) -> PartialDate | None:
    """Build a PartialDate from a match of PARTIAL_DATE_PATTERN (None if impossible)."""
    groups = match.groupdict()
    if groups["iso_y"]:
        year, month, day = int(groups["iso_y"]), _number(groups["iso_m"]), _number(groups["iso_d"])
    elif groups["num_y"]:
        year = _year(groups["num_y"])
        raw_month = groups["num_m"]
        roman = raw_month.upper() in _ROMAN_MONTHS
        if len(groups["num_y"]) == 2 and not groups["num_d"] and not roman:
            return None  # "5.38" is as likely a house number as May 1938
        if roman:
            month = _ROMAN_MONTHS[raw_month.upper()]
        elif raw_month.isdigit():
            month = _number(raw_month)
        elif set(raw_month) == {"_"}:
            month = None
        else:
            return None  # a Roman numeral that is no month, e.g. "XIV"
        day = _number(groups["num_d"])
    elif groups["word_y"]:
        year = int(groups["word_y"])
        stem = next(s for s in _MONTH_BY_STEM if groups["word_m"].lower().startswith(s))
        month, day = _MONTH_BY_STEM[stem], _number(groups["word_d"])
    else:
        year, month, day = int(groups["year"]), None, None
    if year < 1000:
        return None  # "0000" is a blank, not a year
    if month is None:
        # "17.__.1938": a day without its month places nothing inside the year.
        day = None
    try:
        return PartialDate(year=year, month=month, day=day, text=text)
    except ValueError:
        return None


def _number(raw: str | None) -> int | None:
    """A day or month field; blanks, underscores and zero all mean "not known"."""
    if not raw or not raw.isdigit() or int(raw) == 0:
        return None
    return int(raw)


def _year(raw: str) -> int:
    # Two-digit years in these registries are always 19xx ("3.II.38").
    return 1900 + int(raw) if len(raw) == 2 else int(raw)
