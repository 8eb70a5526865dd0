"""A registry record in context: likely operation, sentencing body, officials, decisions, figures.

Reasoning, shown with every answer (each step says what it rests on):

1. *Date*: the sentence date if the record has one (``process_date``), else the date of
   death (people shot in 1937-38 were shot days after sentence), else the arrest date.
2. *Operation*: a nationality that a national operation targeted (Poles → Polish operation)
   and a date within that operation's dates → that operation; otherwise a date within the
   kulak operation makes it *possible*, never certain (many lines ran at once).
3. *Body*: what the record says (``judicial_organ``: тройка, Комиссия НКВД и Прокурора СССР,
   особая тройка, ВКВС, ОСО), else what the model says for the operation and date: national
   operations → the dvoika and its albums until 15 September 1938, the Special Troikas from
   15 September to 15 November 1938; the kulak operation → the regional troika.
4. *Officials*: the offices of that body (the dvoika: People's Commissar of Internal Affairs;
   a regional troika or Special Troika: the region's NKVD chief) held on that date, from the
   office terms (``imena who``) — "unknown" where the model has no term covering the date.
5. *Decisions and figures*: those of the operation (and body) from the model.
"""

from __future__ import annotations

import re
from typing import Any

from imena.errors import ImenaError
from imena.machinery import reference
from imena.machinery.decisions import decisions
from imena.machinery.figures import FigureFilter, reconcile_figures
from imena.machinery.terms import who
from imena.machinery.vocabulary import reference_file
from imena.store import registry as registry_db
from imena.store.db import Store

#: Nationality as Memorial writes it (stem, either gender) → the people a national operation
#: targeted (operations.json ``nationality``).
NATIONALITY_STEMS: dict[str, str] = {
    "поляк": "Poles", "полька": "Poles", "немец": "Germans", "немка": "Germans",
    "латыш": "Latvians", "латышка": "Latvians", "румын": "Romanians",
}  # fmt: skip

#: Sentencing bodies as registries write them (lowercased substring → body id of bodies.json).
JUDICIAL_ORGANS: tuple[tuple[str, str], ...] = (
    ("особ", "special-troikas"),  # "особая тройка" before "тройка"; ОСО is matched below
    ("комиссией нквд", "dvoika"),
    ("комиссия нквд", "dvoika"),
    ("двойк", "dvoika"),
    ("тройк", "troikas"),
    ("вквс", "military-collegium"),
    ("военн", "military-collegium"),
    ("осо ", "oso"),
)

_SPECIAL_TROIKAS = ("1938-09-15", "1938-11-15")


def _day(partial: str | None) -> str | None:
    """'1937-11' → '1937-11-15'?  No: a partial date stays partial; we compare by prefix."""
    return partial or None


def _within(date: str, start: str | None, end: str | None) -> bool:
    return (start is None or date[: len(start)] >= start[: len(date)]) and (
        end is None or date[: len(end)] <= end[: len(date)]
    )


def record_context(store: Store, record_id: int) -> dict[str, Any]:
    """The context of one record; every item carries its citations or says "unknown"."""
    record = registry_db.record(store, record_id)
    if record is None:
        raise ImenaError(f"record {record_id}: no such record")
    reference.ensure_reference(store)
    steps: list[str] = []
    date, date_field = None, None
    for field in ("process_date", "death_date", "arrest_date"):
        if record.get(field):
            date, date_field = record[field], field
            break
    if date:
        steps.append(f"date: {date} ({date_field} of the record)")
    else:
        steps.append("date: unknown (the record gives no sentence, death or arrest date)")
    ops = {op["id"]: op for op in reference_file("operations")["operations"]}
    op_cites = reference.citations(store, "operation", list(ops))
    nationality = (record.get("nationality") or "").lower()
    people = next((v for k, v in NATIONALITY_STEMS.items() if k in nationality), None)
    operation: dict[str, Any] | None = None
    certainty = "unknown"
    if people and date:
        op = next((o for o in ops.values() if o.get("nationality") == people), None)
        if op is not None:
            start = op.get("launched") or op.get("order_date")
            if _within(date, start, op.get("ended")):
                operation, certainty = op, "likely"
                steps.append(
                    f"operation: {op['name']} — nationality {record['nationality']!r} is the "
                    f"target of that operation and {date} lies within it "
                    f"({start or 'start not stated'} – {op.get('ended')})"
                )
            else:
                steps.append(
                    f"operation: nationality points to the {op['name']}, but {date} lies "
                    f"outside its dates ({start} – {op.get('ended')})"
                )
    if operation is None and date:
        kulak = ops["kulak"]
        start = kulak.get("launched") or kulak.get("order_date")
        if _within(date, start, kulak.get("ended")):
            operation, certainty = kulak, "possible"
            steps.append(
                f"operation: possibly the {kulak['name']} (order No. {kulak['order']}) — "
                f"{date} lies within it; the record does not say which line it fell under"
            )
    if operation is None:
        steps.append("operation: unknown — the record's date lies outside the operations modelled")
    body, body_how = _body(record, operation, date, ops)
    steps.append(f"body: {body or 'unknown'} ({body_how})")
    officials = _officials(store, body, date, record) if body else []
    related: list[dict[str, Any]] = []
    figs: list[dict[str, Any]] = []
    if operation is not None:
        op_ids = [operation["id"], *([operation["parent"]] if operation.get("parent") else [])]
        for op_id in op_ids:
            related.extend(decisions(store, operation=op_id, end=_end_of(date)))
            figs.extend(reconcile_figures(store, FigureFilter(operation=op_id)))
    return {
        "record": {
            "id": record["id"],
            "name": " ".join(
                p for p in (record["surname"], record["name"], record["patronymic"]) if p
            ),
            "nationality": record["nationality"],
            "date": date,
            "date_field": date_field,
            "judicial_organ": record["judicial_organ"],
            "death_place": record["death_place"],
        },
        "operation": (
            {
                "id": operation["id"],
                "name": operation["name"],
                "order": operation["order"],
                "order_date": operation["order_date"],
                "launched": operation["launched"],
                "ended": operation["ended"],
                "certainty": certainty,
                "citations": op_cites.get(operation["id"], []),
            }
            if operation
            else None
        ),
        "body": body,
        "body_how": body_how,
        "officials": officials,
        "decisions": related,
        "figures": [
            {k: f[k] for k in ("id", "value", "qualifier", "measure", "what", "scope", "citations")}
            for f in figs
        ],
        "reasoning": steps,
    }


def _end_of(date: str | None) -> str | None:
    if not date:
        return None
    return {4: f"{date}-12-31", 7: f"{date}-31"}.get(len(date), date)


def _body(
    record: dict[str, Any], operation: dict[str, Any] | None, date: str | None, ops: dict
) -> tuple[str | None, str]:
    organ = (record.get("judicial_organ") or "").lower()
    if organ:
        for stem, body in JUDICIAL_ORGANS:
            if stem in organ + " ":
                return body, f"the record says {record['judicial_organ']!r}"
    if operation is None or not date:
        return None, "the record does not say, and the operation is unknown"
    national = operation["id"] == "national" or operation.get("parent") == "national"
    if national:
        if date[:10] >= _SPECIAL_TROIKAS[0] and _within(date, None, _SPECIAL_TROIKAS[1]):
            return "special-troikas", "the model: national operations, 15 Sep – 15 Nov 1938"
        if len(date) >= 7 and date[:7] == "1938-09":
            return None, "the model: September 1938 is either side of the Special Troikas"
        return "dvoika", "the model: national operations before 15 September 1938 (albums)"
    return "troikas", "the model: the kulak operation was sentenced by regional troikas"


def _region(record: dict[str, Any]) -> str | None:
    text = " ".join(str(record.get(k) or "") for k in ("death_place", "burial_place", "live_place"))
    if re.search(r"Москв|Бутово|Коммунарк", text):
        return "Moscow"
    regions: dict[str, str] = reference_file("offices")["regions_ru"]
    low = text.lower()
    for stem, region in regions.items():
        if stem in low:
            return region
    return None


def _officials(
    store: Store, body: str, date: str | None, record: dict[str, Any]
) -> list[dict[str, Any]]:
    """Who held the offices of the body on the date; "unknown" where no term covers it."""
    offices: list[str] = []
    if body == "dvoika":
        offices = ["People's Commissar of Internal Affairs of the USSR"]
    elif body in ("troikas", "special-troikas"):
        region = _region(record)
        if region:
            offices = [f"NKVD chief of {region}"]
    out: list[dict[str, Any]] = []
    if not date or len(date) < 10:
        for office in offices:
            out.append(
                {"office": office, "holders": [], "status": "unknown (the date is not a day)"}
            )
        return out
    for office in offices:
        answer = who(store, office, date[:10])
        holders = answer.as_json(store)
        out.append(
            {
                "office": office,
                "holders": holders,
                "status": "known" if holders else "unknown",
                "possibly": [t.person_name for t, _ in answer.possible],
            }
        )
    if body in ("troikas", "special-troikas") and not offices:
        out.append(
            {"office": "NKVD chief of the region", "holders": [], "status": "unknown (region)"}
        )
    return out


def render_context(result: dict[str, Any]) -> list[str]:
    """The context as lines a person reads."""
    rec = result["record"]
    lines = [
        f"Record {rec['id']}: {rec['name']} "
        f"({rec['nationality'] or 'nationality unknown'}, {rec['date'] or 'date unknown'})"
    ]
    lines += [f"  {step}" for step in result["reasoning"]]
    op = result["operation"]
    if op:
        order = f", order No. {op['order']} of {op['order_date']}" if op["order"] else ""
        lines.append(
            f"Operation ({op['certainty']}): {op['name']}{order}; "
            f"{op['launched'] or '?'} – {op['ended'] or '?'}"
        )
        lines += [
            f"    {c.get('quote') or c.get('locator') or c['source']}"[:240]
            for c in op["citations"]
        ]
    else:
        lines.append("Operation: unknown")
    lines.append(f"Sentencing body: {result['body'] or 'unknown'} ({result['body_how']})")
    for official in result["officials"]:
        names = ", ".join(h["person"]["name"] for h in official["holders"]) or "unknown"
        maybe = official.get("possibly") or []
        lines.append(
            f"  {official['office']}: {names}"
            + (f" (possibly {', '.join(maybe)})" if maybe and not official["holders"] else "")
        )
    for item in result["decisions"]:
        lines.append(f"Decision {item['date']['from']}: {item['detail'] or item['type']}"[:200])
    for fig in result["figures"]:
        lines.append(
            f"Figure: {fig['qualifier']} {fig['value']:,} {fig['measure']} ({fig['what'] or ''})"[
                :200
            ]
        )
    return lines
