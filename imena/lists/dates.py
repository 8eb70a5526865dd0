"""Dates of Stalin's lists: the Russian date text as written is the truth, Memorial's adate a check.

The collection gives each document two dates: ``datetext``, the date as the document
writes it ("27 февраля 1937 года", "3.II.38", "от \" \" марта 1938 года", "22 / XII"),
and ``adate``, Memorial's ISO dating ("1938-03-05", "0000-00-00" when unknown).  The text
is the truth; adate fills in what the text leaves out (the year of "27.X") and is kept
beside it.  A blank day (``" "``) leaves the date at month precision: "апреля 1937 г."
is April 1937, never 1 April.

``date_basis`` (vocabulary) says where the date came from:

- ``text``: the date text alone;
- ``text+adate``: the date text, its year taken from adate ("27.X" with adate 1937-10-27);
- ``adate``: no readable date text, so Memorial's adate;
- ``list``: a section without a date of its own, dated by its list;
- ``none``: neither (the date stays open).

``date_flag`` (vocabulary) marks what a reader must know:

- ``None``: nothing to say;
- ``adate-disagrees``: text and adate name different dates ("от 28 марта 1938 года" with
  adate 1938-03-05); the text's date is used, adate is kept, both are shown;
- ``list-disagrees``: a section's own date text names another date than its list's
  (sections "22 ноября 1937г." of a list dated '" " декабря 1937 года'); the section
  keeps its own date, the list its own.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from imena.registry.partial_dates import PartialDate, parse_partial_date

_ROMAN = r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2}|X)"
# A day range "16-14 сентября 1940г." (an inventory dated over several days).
_DAY_RANGE = re.compile(r"^(\d{1,2})\s*-\s*(\d{1,2})\s+(.+)$")
# "27.X", "22 / XII": day and Roman month, no year.
_NO_YEAR = re.compile(rf"^(\d{{1,2}})\s*[./ ]\s*({_ROMAN})$")


@dataclass(frozen=True)
class ListDate:
    """A document's date: an interval with its precision, the text and adate as given."""

    start: datetime.date | None
    end: datetime.date | None
    precision: str | None
    text: str | None
    adate: str | None
    basis: str
    flag: str | None = None

    def iso(self) -> tuple[str | None, str | None]:
        return (
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )

    def contains(self, day: datetime.date) -> bool:
        return self.start is not None and self.end is not None and self.start <= day <= self.end

    def label(self) -> str:
        """How a person reads it: "1938-03-28", "1937-04 (month)", "undated"."""
        if self.start is None:
            return "undated"
        if self.precision == "day" and self.start == self.end:
            return self.start.isoformat()
        if self.precision == "month":
            return f"{self.start:%Y-%m} (month)"
        return f"{self.start.isoformat()}..{self.end.isoformat() if self.end else '?'}"


def parse_adate(raw: str | None) -> datetime.date | None:
    """Memorial's adate ("1938-03-05"); blanks, "0000-00-00" and "NULL" are None."""
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _clean(text: str) -> str:
    """The date part of a date text: no "от", no registry number after a comma."""
    text = text.strip()
    if text.upper() == "NULL":
        return ""
    # "3 февраля 1954 года , 297/к вх": what follows the comma is a registry note.
    text = text.split(",")[0]
    text = re.sub(r"\s+297\s*/?\s*к\s+вх\.?$", "", text)
    text = re.sub(r"^от\s+", "", text.strip())
    # A blank day is printed as a pair of quotes: '" " апреля 1937 года'.
    text = re.sub(r'^["“”«»]\s*["“”«»]\s*', "", text)
    text = re.sub(r"\s+", " ", text).strip()
    # "3 . I . 1938", "10 / VI 38 г", "3 I 38", "27/X 37" -> "3.I.1938", "10.VI.38" ...
    text = re.sub(rf"(\d)\s*[./ ]\s*({_ROMAN})\s*[./ ]\s*(\d{{2,4}})", r"\1.\2.\3", text)
    text = re.sub(r"\s*(?:года|год|г\.?)$", "", text).strip()
    return text


def _interval(date: PartialDate) -> tuple[datetime.date, datetime.date, str]:
    precision = "day" if date.day else "month" if date.month else "year"
    return date.start(), date.end(), precision


def list_date(text: str | None, adate: str | None) -> ListDate:
    """The date of a document of the collection from its date text and Memorial's adate."""
    raw_text = (text or "").strip()
    shown_text = raw_text if raw_text and raw_text.upper() != "NULL" else None
    archival = parse_adate(adate)
    adate_value = archival.isoformat() if archival else None
    cleaned = _clean(raw_text)
    start: datetime.date | None = None
    end: datetime.date | None = None
    precision: str | None = None
    basis = "none"
    if cleaned:
        range_match = _DAY_RANGE.match(cleaned)
        no_year = _NO_YEAR.match(cleaned)
        if range_match:
            first = parse_partial_date(f"{range_match.group(1)} {range_match.group(3)}")
            second = parse_partial_date(f"{range_match.group(2)} {range_match.group(3)}")
            if first and second and first.day and second.day:
                start, end = sorted((first.start(), second.start()))
                precision, basis = "day", "text"
        elif no_year and archival is not None:
            # The text omits the year: the document sits among lists of adate's year.
            parsed = parse_partial_date(f"{no_year.group(1)}.{no_year.group(2)}.{archival.year}")
            if parsed is not None:
                start, end, precision = _interval(parsed)
                basis = "text+adate"
        else:
            parsed = parse_partial_date(cleaned)
            if parsed is not None and parsed.year is not None:
                start, end, precision = _interval(parsed)
                basis = "text"
    if start is None and archival is not None:
        start = end = archival
        precision, basis = "day", "adate"
    flag = None
    in_text = basis in ("text", "text+adate") and start is not None and end is not None
    if in_text and archival is not None and not start <= archival <= end:
        flag = "adate-disagrees"
    return ListDate(start, end, precision, shown_text, adate_value, basis, flag)


def parse_query_date(text: str) -> ListDate | None:
    """A date a person types: "1938-03-28", "1938-03", "28 марта 1938", "28.III.1938"."""
    cleaned = _clean(text)
    parsed = parse_partial_date(cleaned) if cleaned else None
    if parsed is None or parsed.year is None:
        return None
    start, end, precision = _interval(parsed)
    return ListDate(start, end, precision, text, None, "text")
