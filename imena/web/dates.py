"""Dates as people read them: "17 July 1937", "July 1937", "summer 1936", "11–20 January 1938"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Seasons by the month they start in (the extractor's "summer of 1938" is June–August).
SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def parse_iso(text: str | None) -> date | None:
    """An ISO date (or a partial one, '1938-05', '1938') as the first day it can mean."""
    if not text:
        return None
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def iso_text(text: str | None) -> str:
    """One ISO date, partial or whole, in words ('1938-05' → 'May 1938')."""
    if not text:
        return ""
    parts = text.split("-")
    d = parse_iso(text)
    if d is None:
        return text
    if len(parts) == 1:
        return str(d.year)
    if len(parts) == 2:
        return f"{MONTHS[d.month - 1]} {d.year}"
    return day_text(d)


def interval_text(lo: date, hi: date) -> str:
    """A closed interval of days in the fewest words that say it exactly."""
    if lo == hi:
        return day_text(lo)
    last_of_month = (hi.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if lo.day == 1 and hi == last_of_month:
        if lo.year == hi.year and lo.month == hi.month:
            return f"{MONTHS[lo.month - 1]} {lo.year}"
        if (lo.month, hi.month) == (1, 12) and lo.year == hi.year:
            return str(lo.year)
        if hi.year == lo.year and lo.month in SEASONS and hi.month == lo.month + 2:
            return f"{SEASONS[lo.month]} {lo.year}"
        if lo.month == 12 and hi.month == 2 and hi.year == lo.year + 1:
            return f"winter {lo.year}–{str(hi.year)[-2:]}"
        if lo.year == hi.year:
            return f"{MONTHS[lo.month - 1]} – {MONTHS[hi.month - 1]} {lo.year}"
    if lo.year == hi.year and lo.month == hi.month:
        return f"{lo.day}–{hi.day} {MONTHS[lo.month - 1]} {lo.year}"
    if lo.year == hi.year:
        return f"{lo.day} {MONTHS[lo.month - 1]} – {day_text(hi)}"
    return f"{day_text(lo)} – {day_text(hi)}"


def date_text(value: dict[str, Any] | None) -> str:
    """A claim's date ({from, to, precision, text}) in words; the phrase when unresolved."""
    if not value:
        return "undated"
    lo, hi = parse_iso(value.get("from")), parse_iso(value.get("to"))
    if value.get("precision") == "decade" and lo:
        return f"the {lo.year // 10 * 10}s"
    if lo and hi:
        return interval_text(lo, hi)
    if lo:
        return f"from {day_text(lo)}"
    if hi:
        return f"until {day_text(hi)}"
    phrase = (value.get("text") or "").strip()
    return f"“{phrase}” (date not resolved)" if phrase else "undated"


def bound_text(bound: dict[str, Any] | None) -> str:
    """One end of an office term ({from, to, text}); '?' when the source does not say."""
    if not bound:
        return "?"
    lo, hi = parse_iso(bound.get("from")), parse_iso(bound.get("to"))
    if lo and hi:
        return interval_text(lo, hi)
    if lo:
        return f"after {day_text(lo)}"
    if hi:
        return f"by {day_text(hi)}"
    return bound.get("text") or "?"


def sort_key(value: dict[str, Any] | None) -> str:
    """Undated items sort last."""
    if not value:
        return "9999"
    return value.get("from") or value.get("to") or "9999"
