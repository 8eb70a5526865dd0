"""Text for people: how the commands print dates, citations, records and counts."""

from __future__ import annotations


def date_text(date: dict | None) -> str:
    if not date:
        return "undated"
    lo, hi = date.get("from"), date.get("to")
    if lo and hi and lo != hi:
        return f"{lo}..{hi}"
    return lo or hi or (date.get("text") or "undated")


def cite_text(citations: list[dict]) -> str:
    if not citations:
        return ""
    c = citations[0]
    # An archival citation has no passage, only its archive reference.
    where = c.get("passage") or c.get("locator") or c["source"]
    notes = f", note {', '.join(c['notes'])}" if c["notes"] else ""
    if notes and str(where).endswith(notes):
        notes = ""  # a reference citation's locator names its note already
    more = f" +{len(citations) - 1}" if len(citations) > 1 else ""
    return f"[{where}{notes}]{more}"


def cite_line(citation: dict) -> str:
    """'jansen-petrov-2002-ch5-apogee:p59, note 74: "On 22 May ..."' or the locator."""
    notes = f", note {', '.join(citation['notes'])}" if citation.get("notes") else ""
    if citation.get("quote"):
        return f'{citation["passage"]}{notes}: "{citation["quote"]}"'
    return citation.get("locator") or f"{citation['source']}{notes}"


def review_record(record: dict) -> str:
    name = " ".join(p for p in (record["surname"], record["name"], record["patronymic"]) if p)
    facts = [
        f"b. {record['birth_year']}" if record["birth_year"] else "",
        record["birth_place"] or "",
        record["nationality"] or "",
        f"arrested {record['arrest_date']}" if record["arrest_date"] else "",
        f"d. {record['death_date']}" if record["death_date"] else "",
    ]
    details = "; ".join(f for f in facts if f)
    return (
        f"{record['record_id']:>9}  {name}{' (' + details + ')' if details else ''}"
        f"  [{record['registry']} line {record['source_row']}]"
    )


def list_when(date: dict) -> str:
    lo, hi, precision = date.get("from"), date.get("to"), date.get("precision")
    if not lo:
        return "undated"
    if precision == "month":
        return f"{lo[:7]} (month)"
    return lo if lo == hi else f"{lo}..{hi}"


def list_counts(categories: dict) -> str:
    return " · ".join(f"cat. {k}: {n:,}" for k, n in categories.items())
