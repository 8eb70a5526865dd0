"""Date grammar for English historical prose: date phrases become intervals with a precision."""

# How it works (three stages, all regex/rule based, no dateparser in the hot path):
#
# 1. *Atoms*: each rule in ``_RULES`` is one precompiled regex plus a handler that turns a match
#    into a candidate (a calendar "point" such as day/month/season/year/decade, possibly missing
#    its year, or a relative phrase such as "Ten days later").  Overlaps are settled by taking the
#    leftmost, then longest, candidate - so "17 July 1937" beats the bare year "1937" inside it.
# 2. *Combinators* join neighbouring points into ranges ("from September 1937 to February 1938",
#    "January–March 1938") and open intervals ("since January", "from early 1938 on",
#    "until November 1938", "31 January 1938 and after").  The gap text between two atoms decides.
# 3. *Resolution* walks the mentions in reading order with a ``DateContext``: yearless points take
#    the running year, relative phrases shift the last stated date, event-relative phrases
#    ("three days before the elections") use a named anchor stated nearby.  Every resolution that
#    borrowed something from the context records it in ``DateValue.anchor``.  Whatever cannot be
#    resolved stays an open interval (start and end None) with its text - never a guess.
#
# Conventions (documented here because they are choices, not facts):
# - parts of a month: early 1-10, mid 11-20, late 21-end; first half 1-15, second half 16-end.
# - parts of a year: early Jan-Apr, mid May-Aug, late Sep-Dec; halves Jan-Jun / Jul-Dec.
# - parts of a decade: early 0-3, mid 4-6, late 7-9; halves 0-4 / 5-9 (precision stays "decade").
# - seasons (northern, meteorological): spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
#   winter of Y = Dec Y - Feb Y+1 (the winter that *begins* in Y, as in "the winter of 1941").
# - fuzzy counts: "a couple of" = 2-3, "a few" = 2-5, "several"/"some" = 3-9 units.
# - "N weeks later" is N*7 days exactly (precision day); "N months later" is the whole month.
# - relative day/week offsets need a day-precise anchor; after "In 1937 ..." "Ten days later" is
#   open.  Month/year offsets accept any anchor at least as precise as the unit.
# - a range has the coarser precision of its two ends; its missing year is borrowed from the other
#   end ("between 28 February and 3 March 1938", "from December to March 1938" = Dec 1937).
# - the running year moves with every day/month date, but a bare year or season only when it
#   frames its sentence ("In 1935, ..."); "results in the Ukraine in 1937" is a look back.  Dates
#   about something else ("born in 1903", "Ezhov (1895–1940)") move nothing.
# - "the following year" and other year offsets never move the running year: they are mostly
#   forward asides ("Rudzutak, shot the following year").
# - apposition: "on 9 December, three days before the elections" - the relative phrase takes the
#   explicit date beside it, and the event ("election") is learned as 12 December.
# - "from X" alone (no "to"/"on") is left as the point X: "a letter from 3 May" is a date, not a
#   start.  "since X", "from X on", "X and after", "after X" open the end; "until X", "by X",
#   "before X" open the start ("after"/"before" exclude X itself).

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

__all__ = ["Anchor", "DateContext", "DateMention", "DateValue", "find_dates"]

PRECISIONS: tuple[str, ...] = ("day", "month", "season", "year", "decade")
_PREC_RANK = {p: i for i, p in enumerate(PRECISIONS)}


# --------------------------------------------------------------------------------------------
# Public value types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateValue:
    """An interval with a precision; ``start``/``end`` None means that side is open/unknown."""

    start: dt.date | None
    end: dt.date | None
    precision: str
    text: str
    anchor: str | None = None

    @property
    def is_open(self) -> bool:
        """True when either side of the interval is unknown."""
        return self.start is None or self.end is None

    def to_json(self) -> dict[str, str | None]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "text": self.text,
            "anchor": self.anchor,
        }

    def span(self) -> str:
        """Compact ISO rendering used in anchor notes: '1937-07-17' or 'a..b'."""
        s = self.start.isoformat() if self.start else "?"
        e = self.end.isoformat() if self.end else "?"
        return s if s == e else f"{s}..{e}"


@dataclass
class DateMention:
    """One date expression found in a text: character span, value and the rule that made it."""

    start: int
    end: int
    value: DateValue
    rule: str


@dataclass
class Anchor:
    """A date the context remembers, with where it came from (for ``DateValue.anchor``)."""

    value: DateValue
    where: str
    seq: int = 0
    sentence: int = 0

    def describe(self) -> str:
        return f"{self.value.span()} ← {self.value.text!r} [{self.where}]"


@dataclass
class DateContext:
    """Running state across a document, threaded through successive ``find_dates`` calls.

    - ``year``: the running year for yearless dates ("On 17 March"), with ``year_source``.
    - ``last``: the last *closed* date stated or resolved (anchor of "Ten days later").
    - ``bound``: the inner date of the last open-ended phrase ("After January 1938, ... the
      same month"); used for month/year relatives when it is more recent than ``last``, never
      for day offsets (a "since January" aside must not derail "two weeks later").
    - ``named``: event anchors such as "election" → 1937-12-12, usable for
      ``named_window`` sentences after they were stated (default: same or previous sentence).
    """

    year: int | None = None
    year_source: str | None = None
    last: Anchor | None = None
    bound: Anchor | None = None
    named: dict[str, Anchor] = field(default_factory=dict)
    named_window: int = 1
    segment: int = -1
    sentence: int = 0
    _seq: int = 0

    def update(
        self,
        value: DateValue | None = None,
        *,
        where: str = "",
        year: int | None = None,
        name: str | None = None,
        kind: str = "closed",
        sets_year: bool = True,
    ) -> None:
        """Record a date in the context.

        ``year=`` sets the running year directly (e.g. from a heading or source metadata).
        ``name=`` stores ``value`` as a named event anchor ("election").
        ``kind="closed"`` makes ``value`` the anchor for relative dates (and, if it lies within one
        calendar year and ``sets_year``, the running year); ``kind="bound"`` records the inner
        date of an open-ended phrase.
        """
        if year is not None:
            self.year = year
            self.year_source = where or "set explicitly"
        if value is None or value.start is None or value.end is None:
            return
        self._seq += 1
        anchor = Anchor(value, where, self._seq, self.sentence)
        if name is not None:
            self.named[name] = anchor
            return
        if kind == "bound":
            self.bound = anchor
            return
        self.last = anchor
        if sets_year and value.start.year == value.end.year and year is None:
            self.year = value.start.year
            self.year_source = f"{value.text!r} [{where}]"

    def recent(self) -> Anchor | None:
        """The most recently recorded of ``last`` and ``bound``."""
        if self.last is None:
            return self.bound
        if self.bound is None:
            return self.last
        return self.last if self.last.seq >= self.bound.seq else self.bound

    def event(self, key: str) -> Anchor | None:
        """A named anchor still within ``named_window`` sentences, else None."""
        a = self.named.get(key)
        if a is None or self.sentence - a.sentence > self.named_window:
            return None
        return a


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    name.lower(): i for i, name in enumerate(calendar.month_name) if name
} | {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
     "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14)}  # winter runs into the next year: months 13, 14 = Jan, Feb of Y+1
_NUMBERS = {"a": (1, 1), "an": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3),
            "four": (4, 4), "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8),
            "nine": (9, 9), "ten": (10, 10), "eleven": (11, 11), "twelve": (12, 12),
            "thirteen": (13, 13), "fourteen": (14, 14), "fifteen": (15, 15),
            "sixteen": (16, 16), "seventeen": (17, 17), "eighteen": (18, 18),
            "nineteen": (19, 19), "twenty": (20, 20), "thirty": (30, 30),
            "a couple of": (2, 3), "a few": (2, 5), "several": (3, 9), "some": (3, 9)}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
# Nouns whose date, stated nearby, lets "three days before the elections" resolve.
_EVENT_NOUNS = ("plenum", "plena", "election", "elections", "congress", "conference", "session",
                "trial", "meeting", "campaign", "purge", "operation", "operations", "decree",
                "resolution", "referendum", "visit", "trip", "arrest", "execution", "funeral")

# A year is 1800-2030, not glued to other digits, not the start of "1930s", not "1,937".
_YEAR = r"(?<![\d.,/])(?:1[89]\d\d|20[0-2]\d|2030)(?!\d|[.,]\d|['’]?s\b)"
_NUM = (r"(?:\d{1,2}|a\s+couple\s+of|a\s+few|several|some|an?|one|two|three|four|five|six|seven"
        r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
        r"|nineteen|twenty|thirty)")
_PART = (r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|first\s+half|second\s+half"
         r"|latter\s+half|first\s+days|last\s+days)\s+of)")
_REF_YEAR = (r"(?:the\s+same\s+year|that\s+(?:same\s+)?year|the\s+(?:following|next|previous"
             r"|preceding)\s+year)")


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _year2(y1: int, s: str) -> int:
    """Expand the second year of '1937–38' / '1937/1938'."""
    if len(s) == 4:
        return int(s)
    y = y1 // 100 * 100 + int(s)
    return y if y > y1 else y + 100


def _part(s: str | None) -> str | None:
    """Normalise 'the beginning of', 'mid-', 'late in' ... to early/mid/late/halves/days."""
    if not s:
        return None
    s = re.sub(r"\s+", " ", s.lower()).strip(" -")
    s = re.sub(r"^the ", "", s).removesuffix(" of").removesuffix(" in")
    return {"beginning": "early", "start": "early", "middle": "mid", "end": "late",
            "first half": "first_half", "second half": "second_half",
            "latter half": "second_half", "first days": "first_days",
            "last days": "last_days"}.get(s, s)


# --------------------------------------------------------------------------------------------
# Calendar arithmetic
# --------------------------------------------------------------------------------------------


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month_span(y: int, m1: int, m2: int) -> tuple[dt.date, dt.date]:
    """Months m1..m2 of year y; months above 12 spill into the following year."""
    a = _add_months(dt.date(y, 1, 1), m1 - 1)
    b = _add_months(dt.date(y, 1, 1), m2 - 1)
    return a, _month_end(b.year, b.month)


@dataclass
class _Point:
    """A calendar item possibly missing its year; ``yref`` says where the year comes from."""

    unit: str  # day | month | season | year | decade
    y: int | None = None
    m: int | None = None
    d: int | None = None
    season: str | None = None
    part: str | None = None
    yref: str = "running"  # running | anchor (then ``yoff`` years from the anchor's year)
    yoff: int = 0
    first_n: tuple[str, int] | None = None  # "the first seven months of 1938"


def _interval(p: _Point, y: int) -> tuple[dt.date, dt.date] | None:
    """The interval of point ``p`` in year ``y`` (decade start year for decades)."""
    try:
        if p.unit == "day":
            d = dt.date(y, p.m or 1, p.d or 1)
            return d, d
        if p.unit == "month":
            assert p.m is not None
            last = calendar.monthrange(y, p.m)[1]
            lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last),
                      "first_half": (1, 15), "second_half": (16, last),
                      "first_days": (1, 7), "last_days": (last - 6, last)}.get(p.part or "",
                                                                              (1, last))
            return dt.date(y, p.m, lo), dt.date(y, p.m, hi)
        if p.unit == "season":
            m1 = _SEASONS[p.season or "summer"][0]
            k = {"early": (0, 0), "mid": (1, 1), "late": (2, 2)}.get(p.part or "", (0, 2))
            return _month_span(y, m1 + k[0], m1 + k[1])
        if p.unit == "year":
            if p.first_n:
                side, n = p.first_n
                return _month_span(y, 1, n) if side == "first" else _month_span(y, 13 - n, 12)
            m1, m2 = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "first_half": (1, 6),
                      "second_half": (7, 12)}.get(p.part or "", (1, 12))
            return _month_span(y, m1, m2)
        if p.unit == "decade":
            a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "first_half": (0, 4),
                    "second_half": (5, 9)}.get(p.part or "", (0, 9))
            return dt.date(y + a, 1, 1), dt.date(y + b, 12, 31)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _precision(unit: str) -> str:
    return unit if unit in _PREC_RANK else "day"


def _shift(a: DateValue, lo: int, hi: int, unit: str, sign: int
           ) -> tuple[dt.date, dt.date, str] | None:
    """Move interval ``a`` by lo..hi units in direction ``sign`` (0 = the same unit as ``a``)."""
    if a.start is None or a.end is None:
        return None
    if unit in _UNIT_DAYS:
        if a.precision != "day":
            return None  # "ten days after 1937" is not a date we may compute
        k = _UNIT_DAYS[unit]
        if sign >= 0:
            return a.start + dt.timedelta(days=lo * k), a.end + dt.timedelta(days=hi * k), "day"
        return a.start - dt.timedelta(days=hi * k), a.end - dt.timedelta(days=lo * k), "day"
    if unit == "month":
        if _PREC_RANK[a.precision] > _PREC_RANK["month"]:
            return None
        s = _add_months(a.start.replace(day=1), sign * (lo if sign >= 0 else hi))
        e = _add_months(a.end.replace(day=1), sign * (hi if sign >= 0 else lo))
        return s, _month_end(e.year, e.month), "month"
    if unit == "year":
        if _PREC_RANK[a.precision] > _PREC_RANK["year"]:
            return None
        y1 = a.start.year + sign * (lo if sign >= 0 else hi)
        y2 = a.end.year + sign * (hi if sign >= 0 else lo)
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"
    return None


# --------------------------------------------------------------------------------------------
# Stage 1: atoms
# --------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    """A candidate mention before resolution."""

    start: int
    end: int
    rule: str
    mode: str  # point | range | since | until | before | after | relative | event | rel_open
    a: _Point | None = None
    b: _Point | None = None
    rel: tuple[int, int, str, int] | None = None  # (lo, hi, unit, sign)
    key: str | None = None  # event key ("election") for mode=event, or event noun learned
    aside: bool = False  # "born in 1903": do not move the running year or the anchor


_Handler = Callable[[re.Match[str], str], "_Cand | None"]
_RULES: list[tuple[str, re.Pattern[str], _Handler]] = []


def _rule(name: str, pattern: str, flags: int = 0) -> Callable[[_Handler], _Handler]:
    """Register a grammar rule: a precompiled regex and the handler that reads its match."""

    def deco(fn: _Handler) -> _Handler:
        _RULES.append((name, re.compile(pattern, flags), fn))
        return fn

    return deco


def _ypoint(match: re.Match[str], unit: str, **kw: object) -> _Point:
    """Point whose year is the 'y' group, or a 'ref' phrase ("of the same year"), or running."""
    p = _Point(unit, **kw)  # type: ignore[arg-type]
    y = match.groupdict().get("y")
    ref = match.groupdict().get("ref")
    if y:
        p.y = int(y)
    elif ref:
        p.yref = "anchor"
        p.yoff = 1 if re.search(r"following|next", ref) else -1 if re.search(
            r"previous|preceding", ref) else 0
    return p


# Why the rules look the way they do: every scanning regex starts with a literal or a character
# class (a digit, a capitalised month, a season or unit word), never with \b, a lookbehind or an
# optional group.  That lets Python's `re` jump between candidate characters instead of trying
# every position, which is what keeps 5 MB of prose within a few seconds.  Context on the left
# ("from", "between", "early", "the same") is then checked by small anchored look-back regexes
# in the handlers.

_MONTH_ALT = ("January|February|March|April|May|June|July|August|September|October|November"
              r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\."
              r"|Dec\.")
_YEAR_CORE = r"(?:1[89]\d\d|20[0-2]\d|2030)(?!\d|[.,]\d|['’]?s\b)"
_ORD = r"(?:st|nd|rd|th|d(?![\w’']))?"  # "23d": the older American form
_YEAR_OR_REF = rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<ref>{_REF_YEAR})))"


def _bad_left(text: str, pos: int, chars: str) -> bool:
    """True if the character before ``pos`` glues the token to something else."""
    return pos > 0 and (text[pos - 1] in chars or text[pos - 1].isalpha())


def _ok_day(s: str) -> bool:
    return 1 <= int(s) <= 31


# ---- digit-first: "17 July 1937", "17th of July", "from 11 to 20 January 1938", "24–25 January"
_FROM_BETWEEN_LEFT = re.compile(r"\b(?P<w>[Ff]rom|[Bb]etween)\s+$")
_THE_LEFT = re.compile(r"\b[Tt]he\s+$")


@_rule("date_dmy", rf"(?P<d1>\d\d?){_ORD}(?:\s*(?P<conn>–|—|-|to|and|through|till|until)\s*"
       rf"(?P<d2>\d\d?){_ORD})?(?:\s+of)?\s+(?P<m>{_MONTH_ALT})(?![\w’']){_YEAR_OR_REF}?")
def _h_day_month(m: re.Match[str], text: str) -> _Cand | None:
    """Day-month with an optional year; with a second day it is a day range.

    Word connectors need "from"/"between" on the left ("between 11 and 19 February"); without
    them "11 and 19 February" is two days, so only the second is kept here."""
    start = m.start()
    if _bad_left(text, start, "0123456789.,/") or not _ok_day(m["d1"]):
        return None
    mo = _month(m["m"])
    if m["conn"]:
        if not _ok_day(m["d2"]):
            return None
        conn = m["conn"]
        pre = _FROM_BETWEEN_LEFT.search(text, max(0, start - 12), start)
        ok = conn in "–-" or (pre is not None and (
            (pre["w"].lower() == "between") == (conn == "and")) and conn != "—")
        a = _ypoint(m, "day", m=mo, d=int(m["d1"]))
        b = _ypoint(m, "day", m=mo, d=int(m["d2"]))
        if ok and (a.d or 0) < (b.d or 0):
            return _Cand(pre.start() if pre else start, m.end(), "day_range", "range", a, b)
        return _Cand(m.start("d2"), m.end(), "date_dmy", "point", b)
    the = _THE_LEFT.search(text, max(0, start - 6), start)
    return _Cand(the.start() if the else start, m.end(), "date_dmy", "point",
                 _ypoint(m, "day", m=mo, d=int(m["d1"])))


# Archival style: "17.VII.1937", "17.07.1937" (day first - the Russian/European order).
@_rule("date_numeric", r"(?P<d>\d\d?)\.\s?(?P<m>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|1[0-2]"
       rf"|0?[1-9])\.\s?(?P<y>{_YEAR_CORE})")
def _h_numeric(m: re.Match[str], text: str) -> _Cand | None:
    if _bad_left(text, m.start(), "0123456789.,/") or not _ok_day(m["d"]):
        return None
    mo = _ROMAN.get(m["m"]) or int(m["m"])
    return _Cand(m.start(), m.end(), "date_numeric", "point",
                 _Point("day", int(m["y"]), mo, int(m["d"])))


# ---- month-first: one scan for capitalised month names, then the longest form that fits.
_RX_MDY_RANGE = re.compile(rf"(?P<m>{_MONTH_ALT})\s+(?P<d1>\d\d?)\s*[–-]\s*(?P<d2>\d\d?)(?!\d)"
                           rf"(?:,?\s+(?P<y>{_YEAR}))?")
_RX_MONTH_EVENT = re.compile(rf"(?P<m>{_MONTH_ALT})(?:\s*[–-]\s*(?P<m2>{_MONTH_ALT}))?"
                             rf"(?P<ev>(?:\s+[A-Z][\w’.-]*){{1,3}})\s+of\s+(?P<y>{_YEAR})")
_RX_MDY = re.compile(rf"(?P<m>{_MONTH_ALT})\s+(?P<d>\d\d?){_ORD}(?![\w–-]|[.,]\d)"
                     rf"(?:,?\s+(?P<y>{_YEAR}))?")
_RX_MONTH_YEAR = re.compile(rf"(?P<m>{_MONTH_ALT}){_YEAR_OR_REF}")
_PART_LEFT = re.compile(rf"\b(?P<part>(?i:{_PART}))(?:\s+|-)(?:(?i:in|of)\s+)?$")
# Bare months need a cue on the left ("in February", "since January", "the January Plenum"): a
# capitalised "May" or "March" at a sentence start is usually not a date.
_MONTH_CUE_LEFT = re.compile(
    r"\b(?P<cue>(?i:in|since|until|till|by|from|to|through|throughout|during|before|after|of"
    r"|the|that|this|and|or|between|last|next))\s+$")
_MONTH_BAD_RIGHT = re.compile(r"['’]s\b|\s+(?:[Rr]evolution|[Mm]anifesto|\d)")
_MONTH_RANGE_RIGHT = re.compile(rf"\s*[–-]\s*(?:{_MONTH_ALT})")


@_rule("month", rf"(?P<m>{_MONTH_ALT})(?![\w’'])")
def _h_month_core(m: re.Match[str], text: str) -> _Cand | None:
    pos = m.start()
    if _bad_left(text, pos, ""):
        return None
    mo = _month(m["m"])
    # "July 12–19, 1938"
    r = _RX_MDY_RANGE.match(text, pos)
    if r and _ok_day(r["d1"]) and _ok_day(r["d2"]) and int(r["d1"]) < int(r["d2"]):
        return _Cand(pos, r.end(), "day_range_mdy", "range",
                     _ypoint(r, "day", m=mo, d=int(r["d1"])), _ypoint(r, "day", m=mo,
                                                                         d=int(r["d2"])))
    # "the February–March Plenum of 1937": the span keeps the event words, which name an anchor.
    r = _RX_MONTH_EVENT.match(text, pos)
    if r and r["ev"].split()[-1].lower() in _EVENT_NOUNS:
        a = _ypoint(r, "month", m=mo)
        b = _ypoint(r, "month", m=_month(r["m2"])) if r["m2"] else None
        if b is None or (b.m or 0) > mo:
            return _Cand(pos, r.end(), "month_event_of_year", "range" if b else "point", a, b,
                         key=_singular(r["ev"].split()[-1]))
    # "July 17, 1937", "July 17th"
    r = _RX_MDY.match(text, pos)
    if r and _ok_day(r["d"]):
        return _Cand(pos, r.end(), "date_mdy", "point", _ypoint(r, "day", m=mo, d=int(r["d"])))
    part = _PART_LEFT.search(text, max(0, pos - 30), pos)
    start = part.start() if part else pos
    name = "part_of_month" if part else "month_year"
    point_kw = {"m": mo, "part": _part(part["part"]) if part else None}
    # "December 1937", "February of that year", "late March 1938"
    r = _RX_MONTH_YEAR.match(text, pos)
    if r:
        return _Cand(start, r.end(), name, "point", _ypoint(r, "month", **point_kw))
    # bare month: "in February", "since January", "mid-March", "January–March 1938"
    if _MONTH_BAD_RIGHT.match(text, m.end()):
        return None
    cue = _MONTH_CUE_LEFT.search(text, max(0, pos - 14), pos)
    if not (part or cue or _MONTH_RANGE_RIGHT.match(text, m.end())):
        return None
    p = _Point("month", **point_kw)  # type: ignore[arg-type]
    if cue and cue["cue"].lower() == "that" and not part:
        p.yref = "anchor"
        start = cue.start()
    return _Cand(start, m.end(), "part_of_month" if part else "month", "point", p)


# ---- year-first: "1938", "1937–38", "early 1938", "the first seven months of 1938"
_MONTHS_OF_LEFT = re.compile(rf"\b(?i:the\s+(?P<side>first|last|final)\s+(?P<n>{_NUM})\s+months"
                             r"\s+of)\s+$")


@_rule("year", rf"(?P<y>{_YEAR_CORE})"
       r"(?:\s*[–—/-]\s*(?P<y2>\d{4}|\d{2})(?!\d|[.,]\d|['’]?s\b))?")
def _h_year(m: re.Match[str], text: str) -> _Cand | None:
    """A bare year or year range; figures, order and page numbers are rejected."""
    pos = m.start()
    if _bad_left(text, pos, "0123456789.,/") or _not_a_year(text, pos, m.end("y")):
        return None
    y1 = int(m["y"])
    aside = _is_aside(text, pos)
    if m["y2"]:
        y2 = _year2(y1, m["y2"])
        if y1 < y2 <= min(y1 + 60, 2030):
            return _Cand(pos, m.end(), "year_range", "range", _Point("year", y1),
                         _Point("year", y2), aside=aside)
    end = m.end("y")
    first = _MONTHS_OF_LEFT.search(text, max(0, pos - 40), pos)
    if first:
        n = _NUMBERS.get(first["n"].lower(),
                         (int(first["n"]),) * 2 if first["n"].isdigit() else (0, 0))
        if n[0] == n[1] and 1 <= n[0] <= 12:
            side = "first" if first["side"].lower() == "first" else "last"
            return _Cand(first.start(), end, "months_of_year", "point",
                         _Point("year", y1, first_n=(side, n[0])))
    part = _PART_LEFT.search(text, max(0, pos - 30), pos)
    if part:
        return _Cand(part.start(), end, "part_of_year", "point",
                     _Point("year", y1, part=_part(part["part"])))
    return _Cand(pos, end, "year", "point", _Point("year", y1), aside=aside)


# ---- decades: "the 1930s", "the early 1930s", "mid-1930s", "the second half of the 1920s"
_DECADE_LEFT = re.compile(r"\b(?:[Tt]he\s+)?(?P<part>(?i:early|mid|late|(?:first|second|latter)"
                          r"\s+half\s+of\s+the))(?:\s+|-)$")


@_rule("decade", r"(?P<dec>1[89]\d0|20[0-2]0)['’]?s\b")
def _h_decade(m: re.Match[str], text: str) -> _Cand | None:
    pos = m.start()
    if _bad_left(text, pos, "0123456789.,/"):
        return None
    left = _DECADE_LEFT.search(text, max(0, pos - 30), pos)
    the = None if left else _THE_LEFT.search(text, max(0, pos - 6), pos)
    part = _part(re.sub(r"\s+of\s+the$", "", left["part"], flags=re.I)) if left else None
    start = left.start() if left else the.start() if the else pos
    return _Cand(start, m.end(), "decade", "point", _Point("decade", int(m["dec"]), part=part))


# ---- seasons: "the summer of 1938", "the autumn and winter of 1937", "winter of 1937–38",
# "in the summer" (running year), "that summer" (anchor year), "the following summer".
_SEASON_WORDS = "spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Fall|Winter"
_SEASON_PART_LEFT = re.compile(r"\b(?P<part>(?i:early|mid|late))(?:\s+|-)$")
_SEASON_CUE_LEFT = re.compile(
    r"\b(?P<cue>(?i:in|during|throughout|over|by|since|until|that|this|the\s+same"
    r"|the\s+following|the\s+next))\s+(?:(?i:the)\s+)?(?:(?i:early|late)\s+)?$")


@_rule("season_year", rf"(?P<s1>{_SEASON_WORDS})(?![\w’'])(?:\s+and\s+(?:the\s+)?"
       rf"(?P<s2>{_SEASON_WORDS})(?![\w’']))?(?:,?\s+(?:of\s+)?(?:(?P<y>{_YEAR})"
       rf"(?:\s*[–/-]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d))?|(?P<ref>{_REF_YEAR})))?")
def _h_season(m: re.Match[str], text: str) -> _Cand | None:
    pos = m.start()
    if _bad_left(text, pos, ""):
        return None
    s1 = m["s1"].lower()
    pl = _SEASON_PART_LEFT.search(text, max(0, pos - 8), pos)
    start = pl.start() if pl else pos
    a = _ypoint(m, "season", season=s1, part=_part(pl["part"]) if pl else None)
    if m["y"] or m["ref"]:
        if m["y2"]:
            y2 = _year2(int(m["y"]), m["y2"])
            if not (s1 == "winter" and y2 == int(m["y"]) + 1) or m["s2"]:
                return None  # only "winter of 1937–38" is unambiguous
        if m["s2"]:
            return _Cand(start, m.end(), "season_pair", "range", a,
                         _ypoint(m, "season", season=m["s2"].lower()))
        return _Cand(start, m.end(), "season_year", "point", a)
    # Bare season: needs a cue; "fall" is left out ("the fall of Ezhov" is not a season).
    cue = _SEASON_CUE_LEFT.search(text, max(0, pos - 30), pos)
    if s1 == "fall" or cue is None:
        return None
    c = re.sub(r"\s+", " ", cue["cue"].lower())
    p = _Point("season", season=s1, part=a.part)
    if c in ("that", "this", "the same", "the following", "the next"):
        p.yref, p.yoff = "anchor", (1 if c in ("the following", "the next") else 0)
        start = cue.start()
    return _Cand(start, m.end("s1"), "season", "point", p)


# ---- relative phrases, found from their unit word ("days", "week", "year", "morning").
_NUM_LEFT = re.compile(rf"(?<![\w’'])(?P<n>(?i:{_NUM}))\s+$")
_HALF_LEFT = re.compile(r"\b[Hh]alf\s+$")
_AFTER_NUM_LEFT = re.compile(rf"\b(?P<w>(?i:after|within))\s+(?P<n>(?i:{_NUM}))\s+$")
_SAME_LEFT = re.compile(r"\b(?i:the\s+(?P<rel>same|following|next|previous|preceding|prior)"
                        r"|(?P<that>that)(?:\s+same)?)\s+$")
_DIR_RIGHT = re.compile(r"\s+(?P<dir>(?i:later|earlier|afterwards?|previously|before\s+that"
                        r"|after\s+that|before\s+this|after\s+this))(?![\w’'])"
                        r"|\s+(?P<bare>(?i:before|after))(?=\s*[,.;:)—–]|\s*$)")
_EVENT_RIGHT = re.compile(r"\s+(?P<dir>(?i:before|after|prior\s+to|following|preceding))\s+"
                          r"(?P<np>(?:the|his|her|its|their|[A-Z][\w’-]*[’']s)"
                          r"(?:\s+[\w’'-]+){1,4})")


@_rule("relative", r"(?P<u>days?|weeks?|fortnights?|months?|years?|morning|evening|night)"
       r"(?![\w’'])")
def _h_relative(m: re.Match[str], text: str) -> _Cand | None:
    """"Ten days later", "A week earlier", "A few days after that", "after a few days",
    "the same day", "the following year", "the day before", "three days before the
    elections"."""
    pos, end = m.start(), m.end()
    if _bad_left(text, pos, ""):
        return None
    unit = m["u"].lower()
    lo_win = max(0, pos - 24)
    num = _NUM_LEFT.search(text, lo_win, pos)
    if num and _HALF_LEFT.search(text, max(0, num.start() - 6), num.start()):
        return None  # "half a year before": not modelled
    if num and unit not in ("morning", "evening", "night"):
        d = _DIR_RIGHT.match(text, end)
        if d:
            rel = _rel(num["n"], unit, d["dir"] or d["bare"])
            return _Cand(num.start(), d.end(), "relative_offset", "relative", rel=rel
                         ) if rel else None
        ev = _EVENT_RIGHT.match(text, end)
        if ev:
            return _event_cand(num.start(), ev, num["n"], unit)
        aft = _AFTER_NUM_LEFT.search(text, max(0, pos - 30), pos)
        if aft and aft["w"].lower() == "after":
            rel = _rel(aft["n"], unit, "after")
            return _Cand(aft.start(), end, "relative_after", "relative", rel=rel
                         ) if rel else None
        return None
    same = _SAME_LEFT.search(text, lo_win, pos)
    if same:
        u = "day" if unit in ("morning", "evening", "night") else unit.rstrip("s")
        rel = (same["rel"] or "same").lower()
        sign = {"same": 0, "following": 1, "next": 1}.get(rel, -1)
        return _Cand(same.start(), end, "relative_same", "relative",
                     rel=(abs(sign), abs(sign), u, sign))
    the = _THE_LEFT.search(text, max(0, pos - 6), pos)
    if the and unit in ("day", "week", "month", "year"):
        d = _DIR_RIGHT.match(text, end)
        if d and d["bare"]:
            sign = 1 if d["bare"].lower() == "after" else -1
            return _Cand(the.start(), d.end(), "relative_same", "relative",
                         rel=(1, 1, unit, sign))
        ev = _EVENT_RIGHT.match(text, end)
        if ev:
            return _event_cand(the.start(), ev, "one", unit)
    return None


def _event_cand(start: int, ev: re.Match[str], n: str, unit: str) -> _Cand | None:
    """Event-relative phrase; the noun phrase is cut at its first function word so that
    "the elections, he" gives "the elections" and "Ezhov's return to" gives "Ezhov's return"."""
    d = ev["dir"].lower()
    rel = _rel(n, unit, "before" if d in ("before", "prior to", "preceding") else "after")
    if rel is None:
        return None
    words = list(re.finditer(r"\S+", ev["np"]))
    kept = [words[0]]
    for w in words[1:]:
        if w[0].lower() in _STOP:
            break
        kept.append(w)
    if len(kept) < 2:
        return None
    head = kept[-1][0]
    head = head[:-2] if head.endswith(("’s", "'s")) else head
    return _Cand(start, ev.start("np") + kept[-1].end(), "relative_event", "event", rel=rel,
                 key=_singular(head))


# ---- open phrases relative to the anchor: "since then", "from then on", "after that date".
_THEN_LEFT = re.compile(r"\b(?P<w>(?i:since|from|after|until|till|before|up\s+to))\s+$")
_ON_RIGHT = re.compile(r"\s+on(?:wards?)?(?![\w’'])")


@_rule("relative_open", r"(?P<t>then|that\s+date)(?![\w’'])")
def _h_relative_open(m: re.Match[str], text: str) -> _Cand | None:
    pos = m.start()
    w = _THEN_LEFT.search(text, max(0, pos - 10), pos)
    if w is None:
        return None
    cue = w["w"].lower()
    end = m.end()
    if cue == "from":
        on = _ON_RIGHT.match(text, end)
        if on is None:
            return None
        end = on.end()
    kind = "since" if cue in ("since", "from", "after") else "until"
    return _Cand(w.start(), end, "relative_open", "rel_open", rel=(0, 0, kind, 0))


_STOP = frozenset((
    "he", "she", "it", "they", "we", "i", "you", "was", "were", "is", "are", "had", "has",
    "have", "and", "or", "but", "in", "on", "at", "to", "of", "for", "with", "by", "from",
    "that", "which", "who", "whom", "when", "where", "as", "while", "because", "if", "than",
    "then", "so", "not", "no", "ended", "began", "started", "opened", "closed", "took",
))


def _singular(w: str) -> str:
    w = w.strip("’'").lower()
    if w == "plena":
        return "plenum"
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _rel(n: str, unit: str, direction: str) -> tuple[int, int, str, int] | None:
    """(lo, hi, unit, sign) for 'n unit direction'."""
    n = re.sub(r"\s+", " ", n.lower())
    lo, hi = _NUMBERS.get(n, (int(n), int(n)) if n.isdigit() else (0, 0))
    if hi <= 0:
        return None
    u = unit.lower().rstrip("s")
    d = direction.lower()
    sign = -1 if d.startswith(("earlier", "before", "previously")) else 1
    return lo, hi, u, sign


# --------------------------------------------------------------------------------------------
# Year filtering: a 4-digit number is a year only in a date-like position
# --------------------------------------------------------------------------------------------

# Words that make the following number a figure, an order/page/archival number, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?i:nos?|numbers?|pp?|pages?|notes?|fn|f|op|d|ll?|vol|art|articles?|orders?|some|"
    r"about|approximately|approx|nearly|almost|over|than|fewer|under|total(?:led|ing)?|"
    r"exactly|roughly|only|just|altogether|sheets?|fond|delo|file)\.?|[№#§$£€]|<sup>)\s*$")
# Counted nouns after a number make it a figure ("2000 people"), unless a date preposition
# stands before it ("in 1937 people were...").
_COUNT_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|(?i:people|persons|men|women|children|members|candidates|prisoners|"
    r"victims|cases|rubles|roubles|dollars|copies|km|kilomet(?:er|re)s|met(?:er|re)s|tons|"
    r"tonnes|workers|peasants|communists|arrests|deaths|troops|soldiers|officers|executives|"
    r"families|kulaks|inhabitants)\b)")
_DATE_PREP_BEFORE = re.compile(
    r"\b(?i:in|of|during|since|until|till|by|from|to|before|after|through|throughout|year)\s+$")
_ASIDE_BEFORE = re.compile(r"(?:\b(?i:born|died|b\.|d\.)\s+(?:(?i:in|on)\s+)?)$")


def _not_a_year(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 24):start]
    if _NOT_YEAR_BEFORE.search(before):
        return True
    if re.search(r"\d[\d,.]*\s*[–-]\s*$", before):
        return True  # the second half of a number range "1500–1900"
    return bool(_COUNT_AFTER.match(text, end) and not _DATE_PREP_BEFORE.search(before))


def _is_aside(text: str, start: int) -> bool:
    return bool(_ASIDE_BEFORE.search(text[max(0, start - 12):start]))


# --------------------------------------------------------------------------------------------
# Stage 2: combinators (ranges and open intervals)
# --------------------------------------------------------------------------------------------

_GAP_RANGE = re.compile(r"\s*(?:(?P<dash>[–—-])|(?P<word>to|until|till|through|and))\s+(?:the\s+)?"
                        r"|\s*(?P<dash2>[–-])\s*")
_FROM_BEFORE = re.compile(r"\b(?P<w>(?i:from|between))\s+(?:(?i:the)\s+)?$")
_OPEN_BEFORE = re.compile(
    r"\b(?P<w>(?i:since|after|before|until|till|up\s+(?:un)?to|by|as\s+of"
    r"|starting(?:\s+(?:in|on|from))?|beginning(?:\s+(?:in|on))?|from))\s+(?:(?i:the)\s+)?$")
_OPEN_AFTER = re.compile(r"\s+(?:(?P<on>on(?![\w’'-])|onwards?\b)"
                         r"|(?P<and>and\s+(?:after|later|afterwards?)\b))")
_OPEN_MODE = {"since": "since", "after": "after", "before": "before", "until": "until",
              "till": "until", "up to": "until", "up until": "until", "by": "until",
              "as of": "since", "starting": "since", "beginning": "since"}


def _borrow_year(a: _Point, b: _Point) -> None:
    """Fill a missing year of one end of a range from the other ("between 11 January and
    19 February 1938", "from December to March 1938")."""
    if a.y is None and a.yref == "running" and b.y is not None:
        a.y = b.y - 1 if (a.m and b.m and a.m > b.m) else b.y
    elif b.y is None and b.yref == "running" and a.y is not None:
        b.y = a.y + 1 if (a.m and b.m and b.m < a.m) else a.y


def _combine(cands: list[_Cand], text: str) -> list[_Cand]:
    """Join neighbouring points into ranges ("from A to B", "between A and B", "A–B") and wrap
    points in open intervals ("since A", "from A on", "A and after", "until A", "by A")."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if c.mode == "point" and nxt is not None and nxt.mode in ("point", "range"):
            gap = _GAP_RANGE.fullmatch(text, c.end, nxt.start)
            pre = _FROM_BEFORE.search(text, max(0, c.start - 16), c.start)
            ok = False
            if gap and (gap["dash"] or gap["dash2"]):
                # an en dash or hyphen makes a range by itself; an em dash needs from/between
                ok = (gap["dash"] or gap["dash2"]) != "—" or pre is not None
            elif gap and gap["word"]:
                w = gap["word"].lower()
                ok = pre is not None and (pre["w"].lower() == "between") == (w == "and")
            if ok:
                b = nxt.b if nxt.mode == "range" and nxt.b else nxt.a
                assert c.a is not None and b is not None
                _borrow_year(c.a, b)
                start = pre.start() if pre else c.start
                out.append(_Cand(start, nxt.end, f"range({c.rule},{nxt.rule})", "range", c.a, b,
                                 aside=c.aside))
                i += 2
                continue
        if c.mode in ("point", "range"):
            pre_open = _OPEN_BEFORE.search(text, max(0, c.start - 24), c.start)
            post = _OPEN_AFTER.match(text, c.end)
            if pre_open and pre_open["w"].lower() == "from" and post and post["on"]:
                out.append(replace(c, start=pre_open.start(), end=post.end(), mode="since",
                                   rule=f"from_on({c.rule})"))
                i += 1
                continue
            if post and post["and"] and c.mode == "point":
                out.append(replace(c, end=post.end(), mode="since", rule=f"and_after({c.rule})"))
                i += 1
                continue
            if pre_open and pre_open["w"].lower() != "from" and c.mode == "point":
                w = re.sub(r"\s+", " ", pre_open["w"].lower()).split(" ")
                key = " ".join(w[:2]) if w[0] == "up" else w[0]
                mode = _OPEN_MODE.get(key, "since")
                end = c.end
                if pre_open.end() > pre_open.end("w") + 1:  # "since the June 1937 Plenum"
                    ev = _EVENT_AFTER.match(text, c.end)
                    end = ev.end() if ev else end
                out.append(replace(c, start=pre_open.start(), end=end, mode=mode,
                                   rule=f"{mode}({c.rule})"))
                i += 1
                continue
        out.append(c)
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# Stage 3: resolution against the context
# --------------------------------------------------------------------------------------------

# Sentence ends, for the named-anchor window; a crude splitter that spares initials ("I. M.")
# and common abbreviations.  It starts with the punctuation so that `re` can scan fast.
_SENT_END = re.compile(r"[.!?](?<![\s.(][A-Z]\.)"
                       r"(?<!\bNo\.)(?<!\bno\.)(?<!\bNos\.)(?<!\bpp\.)(?<!\bp\.)(?<!\bvol\.)(?<!\bSt\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bed\.)(?<!\bcf\.)(?<!\bal\.)(?<!\bca\.)(?<!\bc\.)"
                       r"[\"”’)*]*(?:<sup>[^<]*</sup>)*\s+(?=[\"“‘(]?[A-Z0-9])")
_APPOSITION_GAP = re.compile(r"\s*[,—–]\s*(?:(?i:on|in)\s+)?")


def _point_value(p: _Point, ctx: DateContext) -> tuple[dt.date, dt.date, str | None] | None:
    """Interval of a point, taking a missing year from the context; returns the anchor note."""
    if p.y is not None:
        iv = _interval(p, p.y)
        return (iv[0], iv[1], None) if iv else None
    if p.unit == "day" and p.m is None:
        # A day of the month alone takes the month of the last date stated, if that was
        # within one month.
        a = ctx.recent()
        if a is None or a.value.start is None or a.value.end is None:
            return None
        lo, hi = a.value.start, a.value.end
        if (lo.year, lo.month) != (hi.year, hi.month):
            return None
        try:
            day = dt.date(lo.year, lo.month, p.d or 1)
        except ValueError:
            return None
        return day, day, f"month of {a.describe()}"
    if p.yref == "running":
        if ctx.year is None:
            return None
        iv = _interval(p, ctx.year)
        if iv is None:
            return None
        last = ctx.last.value if ctx.last else None
        if (
            p.unit == "day"
            and last is not None
            and last.start is not None
            and last.start.year == ctx.year
            and last.start.month >= 9
            and iv[1].month <= 4
        ):
            # Narrative goes forward: "October 1, 1939 ... On February 4 Eikhe was shot"
            # is February of the next year.
            nxt = _interval(p, ctx.year + 1)
            if nxt is not None:
                return nxt[0], nxt[1], f"the year after {ctx.last.describe()}"
        return iv[0], iv[1], f"running year {ctx.year} ← {ctx.year_source}"
    a = ctx.recent()
    if a is None or a.value.start is None or a.value.end is None:
        return None
    if a.value.start.year != a.value.end.year and p.unit != "season":
        return None
    y = a.value.start.year + p.yoff
    if p.unit == "season" and p.yoff:
        # "the following summer": the first such season starting after the anchor.
        y = a.value.start.year
        iv = _interval(p, y)
        while iv and iv[0] <= a.value.end:
            y += 1
            iv = _interval(p, y)
        return (iv[0], iv[1], f"next after {a.describe()}") if iv else None
    iv = _interval(p, y)
    return (iv[0], iv[1], f"year of {a.describe()}") if iv else None


def _coarser(p: str, q: str) -> str:
    return p if _PREC_RANK[p] >= _PREC_RANK[q] else q


# Words that may stand before a date that frames its sentence: "Probably in 1935", "During the
# rest of 1938", "Thus, from early 1938 on".  A verb before the date ("Having noted that in 1937")
# marks a look back instead.
_FRAME_WORDS = frozenset((
    "in", "during", "by", "from", "since", "until", "till", "after", "before", "early", "late",
    "mid", "the", "of", "rest", "first", "second", "last", "half", "probably", "perhaps",
    "apparently", "then", "and", "but", "so", "thus", "also", "later", "already", "only",
    "even", "around", "about", "approximately", "throughout", "at", "end", "beginning",
    "start", "middle", "course", "same", "year", "spring", "summer", "autumn", "fall", "winter",
))


class _Resolver:
    """Resolves one text's candidates in order, updating the context as it goes."""

    def __init__(self, text: str, ctx: DateContext, sent_starts: list[int]) -> None:
        self.text = text
        self.ctx = ctx
        self.sent_starts = sent_starts
        self.base_sentence = ctx.sentence

    def where(self, c: _Cand) -> str:
        return f"segment {self.ctx.segment}, chars {c.start}-{c.end}"

    def sentence_of(self, pos: int) -> int:
        return self.base_sentence + max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def is_aside(self, c: _Cand) -> bool:
        """"born on 1 May 1895", "Ezhov (1895–1940)", "(1903)": a date about something else, which
        must not move the running year or become the anchor of "Ten days later"."""
        t = self.text
        enclosed = c.start > 0 and t[c.start - 1] == "(" and t[c.end:c.end + 1] == ")"
        return enclosed or _is_aside(t, c.start)

    def is_frame(self, pos: int) -> bool:
        """True when ``pos`` is among the first few words of its sentence ("In 1935, ...",
        "Probably in 1935", "During the 1930s"): only such coarse dates move the running year;
        a mid-sentence "in 1937" is usually a look back ("the results in the Ukraine in 1937")."""
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        head = re.findall(r"[^\W\d_]+", self.text[self.sent_starts[max(k, 0)]:pos].lower())
        return len(head) <= 5 and all(w in _FRAME_WORDS for w in head)

    def explicit(self, c: _Cand) -> DateValue | None:
        """Value of a point/range/open candidate; None if a needed year is unknown."""
        text = self.text[c.start:c.end]
        assert c.a is not None
        a = _point_value(c.a, self.ctx)
        if a is None:
            return None
        prec = "month" if c.a.first_n else _precision(c.a.unit)
        if c.mode == "range" and c.b is not None:
            b = _point_value(c.b, self.ctx)
            if b is None or b[1] < a[0]:
                return None
            notes = "; ".join(n for n in (a[2], b[2]) if n) or None
            return DateValue(a[0], b[1], _coarser(prec, _precision(c.b.unit)), text, notes)
        start, end = a[0], a[1]
        if c.mode == "since":
            end = None  # type: ignore[assignment]
        elif c.mode == "after":
            start, end = a[1] + dt.timedelta(days=1), None  # type: ignore[assignment]
        elif c.mode == "until":
            start = None  # type: ignore[assignment]
        elif c.mode == "before":
            start, end = None, a[0] - dt.timedelta(days=1)  # type: ignore[assignment]
        return DateValue(start, end, prec, text, a[2])

    def inner(self, c: _Cand, v: DateValue) -> DateValue | None:
        """The closed date inside an open phrase ("January 1938" in "After January 1938")."""
        assert c.a is not None
        a = _point_value(c.a, self.ctx)
        return DateValue(a[0], a[1], v.precision, v.text, v.anchor) if a else None

    def relative(self, c: _Cand) -> DateValue:
        text = self.text[c.start:c.end]
        assert c.rel is not None
        lo, hi, unit, sign = c.rel
        if c.mode == "rel_open":
            a = self.ctx.last
            if a is None:
                return DateValue(None, None, "day", text)
            v = a.value
            if unit == "since":
                return DateValue(v.start, None, v.precision, text, a.describe())
            return DateValue(None, v.end, v.precision, text, a.describe())
        a = self.ctx.last if unit in _UNIT_DAYS else self.ctx.recent()
        prec = _precision(unit if unit not in _UNIT_DAYS else "day")
        if a is None:
            return DateValue(None, None, prec, text)
        got = _shift(a.value, lo, hi, unit, sign)
        if got is None:
            return DateValue(None, None, prec, text)
        return DateValue(got[0], got[1], got[2], text, a.describe())

    def event(self, c: _Cand) -> DateValue:
        text = self.text[c.start:c.end]
        assert c.rel is not None and c.key is not None
        lo, hi, unit, sign = c.rel
        prec = "day" if unit in _UNIT_DAYS else _precision(unit)
        a = self.ctx.event(c.key)
        if a is None:
            return DateValue(None, None, prec, text)
        got = _shift(a.value, lo, hi, unit, sign)
        if got is None:
            return DateValue(None, None, prec, text)
        return DateValue(got[0], got[1], got[2], text, f"{c.key}: {a.describe()}")

    def learn_event(self, c: _Cand, v: DateValue) -> None:
        """Remember "the elections of December 1937" / "the January 1938 Plenum" as anchors."""
        key = c.key
        if key is None:
            # "the January 1938 Plenum" (the date modifies the noun), not "on 18 January the
            # Plenum adopted" (the date modifies the verb).
            the = _THE_LEFT.search(self.text, max(0, c.start - 6), c.start)
            after = _EVENT_AFTER.match(self.text, c.end) if the else None
            before = _EVENT_BEFORE.search(self.text, max(0, c.start - 40), c.start)
            m = after or before
            key = _singular(m["ev"]) if m else None
        if key:
            self.ctx.update(v, name=key, where=self.where(c))

    def run(self, cands: list[_Cand]) -> list[DateMention]:
        out: list[DateMention] = []
        ctx = self.ctx
        values: list[DateValue | None] = [None] * len(cands)
        for i, c in enumerate(cands):
            ctx.sentence = self.sentence_of(c.start)
            where = self.where(c)
            if c.mode in ("relative", "rel_open", "event"):
                v = self.relative(c) if c.mode != "event" else self.event(c)
                v = self.apposition(i, c, cands, values, v)
                values[i] = v
                out.append(DateMention(c.start, c.end, v, c.rule))
                if v.start is not None and v.end is not None and c.mode != "rel_open":
                    ctx.update(v, where=where, sets_year=v.precision in ("day", "month"))
                continue
            v0 = self.explicit(c)
            if v0 is None:  # yearless and no running year: open, text kept
                v = DateValue(None, None, _precision(c.a.unit if c.a else "day"),
                              self.text[c.start:c.end])
                values[i] = v
                out.append(DateMention(c.start, c.end, v, c.rule))
                continue
            values[i] = v0
            out.append(DateMention(c.start, c.end, v0, c.rule))
            if c.aside or self.is_aside(c):
                continue
            if c.mode in ("since", "after", "until", "before"):
                inner = self.inner(c, v0)
                if inner is not None:
                    ctx.update(inner, where=where, kind="bound")
                continue
            # Ranges over several years and decades are anchors but do not set the year; a bare
            # year or season sets it only when it frames its sentence (see ``is_frame``).
            coarse = v0.precision in ("season", "year", "decade")
            ctx.update(v0, where=where, sets_year=not coarse or self.is_frame(c.start))
            self.learn_event(c, v0)
        ctx.sentence = self.base_sentence + max(0, len(self.sent_starts) - 1)
        return out

    def apposition(self, i: int, c: _Cand, cands: list[_Cand],
                   values: list[DateValue | None], v: DateValue) -> DateValue:
        """"on 9 December, three days before the elections": the relative phrase restates the
        explicit date next to it.  Use that date and learn the event's date from it."""
        if c.mode == "rel_open":
            return v
        partner: DateValue | None = None
        if i > 0 and cands[i - 1].mode == "point" and _APPOSITION_GAP.fullmatch(
                self.text, cands[i - 1].end, c.start):
            partner = values[i - 1]
        elif (i + 1 < len(cands) and cands[i + 1].mode == "point"
              and _APPOSITION_GAP.fullmatch(self.text, c.end, cands[i + 1].start)):
            partner = self.explicit(cands[i + 1])
        if partner is None or partner.start is None or partner.end is None:
            return v
        if c.mode == "event":
            assert c.rel is not None and c.key is not None
            lo, hi, unit, sign = c.rel
            if v.start is None and partner.precision == "day" and lo == hi:
                ev = _shift(partner, lo, hi, unit, -sign)
                if ev is not None:
                    op = "+" if sign < 0 else "-"
                    note = f"apposition: {partner.text!r} {op} {lo} {unit}"
                    self.ctx.update(DateValue(ev[0], ev[1], ev[2], v.text, note), name=c.key,
                                    where=self.where(c))
            if v.start is None:
                return replace(v, start=partner.start, end=partner.end,
                               precision=partner.precision,
                               anchor=f"apposition with {partner.text!r}")
            return v
        if v.start is None:
            return replace(v, start=partner.start, end=partner.end, precision=partner.precision,
                           anchor=f"apposition with {partner.text!r}")
        return v


_EVENT_WORDS = r"(?i:plenum|plena|elections?|congress|conference|session|trial|referendum)"
# "the January 1938 NKVD conference" / "the elections of December 1937": the event a date names.
_EVENT_AFTER = re.compile(rf"\s+(?:[A-Z][\w’'.-]*\s+){{0,3}}?(?P<ev>{_EVENT_WORDS})\b")
_EVENT_BEFORE = re.compile(rf"\b(?P<ev>{_EVENT_WORDS})\s+(?:of|in|on|held\s+(?:on|in))\s+"
                           r"(?:the\s+)?$")


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------

# Day of the month alone: "On the 15th, the committee met" — the month and year are those
# of the date the text last stated (an eyewitness's chronicle counts days within a month).
_DAY_ONLY_LEFT = re.compile(r"\b(?i:on|by|until|till|from|since|before|after)\s+the\s+$")
_ORDINAL_NOUN_RIGHT = re.compile(
    r"\s*(?:[-–]\s*)?(?i:century|centuries|anniversary|congress|party|army|conference|plenum|"
    r"session|division|regiment|corps|department|directorate|amendment|article|birthday|"
    r"time|place|row|floor|day|week|month|year|of\s+(?!(?:this|that|the\s+same)\s+month))\b"
)


@_rule("day_of_month", r"(?P<d>[1-3]?\d)(?:st|nd|rd|th|d)(?![\w’'])")
def _h_day_only(m: re.Match[str], text: str) -> _Cand | None:
    left = _DAY_ONLY_LEFT.search(text, max(0, m.start() - 12), m.start())
    if left is None or not _ok_day(m["d"]) or _ORDINAL_NOUN_RIGHT.match(text, m.end()):
        return None
    the = _THE_LEFT.search(text, max(0, m.start() - 6), m.start())
    return _Cand(the.start() if the else m.start(), m.end(), "day_of_month", "point",
                 _Point("day", d=int(m["d"]), yref="anchor"))


# Cheap gate: most sentences of a book have no digit, month or time word at all.
_GATE = re.compile(
    r"[0-9]|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
    r"|day|week|fortnight|month|year|morning|evening|night|then|that date"
    r"|spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Fall|Winter")


def _candidates(text: str) -> list[_Cand]:
    found: list[_Cand] = []
    for _name, rx, handler in _RULES:
        for m in rx.finditer(text):
            c = handler(m, text)
            if c is not None:
                found.append(c)
    # Leftmost, then longest, then rule order (registration order = priority).
    order = {name: i for i, (name, _, _) in enumerate(_RULES)}
    found.sort(key=lambda c: (c.start, -(c.end - c.start), order.get(c.rule, 99)))
    chosen: list[_Cand] = []
    last_end = -1
    for c in found:
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    return chosen


def find_dates(text: str, context: DateContext) -> list[DateMention]:
    """All date expressions in ``text`` (a sentence or paragraph), in order, resolved against
    ``context``, which is updated so that successive calls thread the running year and anchors."""
    context.segment += 1
    starts = [0] + [m.end() for m in _SENT_END.finditer(text)]
    if not _GATE.search(text):
        context.sentence += len(starts)
        return []
    cands = _combine(_candidates(text), text)
    mentions = _Resolver(text, context, starts).run(cands)
    context.sentence += 1  # the next call starts a new sentence
    return mentions
