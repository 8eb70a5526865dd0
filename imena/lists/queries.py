"""Questions about Stalin's lists, answered as plain dicts for the CLI and the web pages.

Every function takes an open :class:`~imena.store.db.Store` and reads the most recently
imported copy of the collection (or the ``source`` given).  A page per list calls
:func:`list_detail`; a page per region :func:`region_detail`; the charts :func:`totals`
(per category, with ``by_region`` and ``by_month``), :func:`members` (lists and
signatures per Politburo member) and :func:`timeline` (decisions by date).
:func:`lists_on` and :func:`held_on` answer "who signed on DATE" and "who held the post
on DATE, from the signatures alone"; :func:`imena.lists.reconcile.conflict_groups` shows
where the lists and another source disagree.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import Any

from imena.errors import ImenaError
from imena.lists.dates import ListDate
from imena.lists.regions import region_match
from imena.lists.signers import POLITBURO_COLUMNS
from imena.store import lists as db_lists
from imena.store.db import Store

CATEGORY_NUMBERS = (1, 2, 3)

# Politburo members in the order of the collection's columns (signstalin, signmolotov, ...).
_SIGNER_ORDER = {surname: i for i, surname in enumerate(POLITBURO_COLUMNS.values())}


def source_id(store: Store, source: str | None = None) -> str:
    """The imported collection to read: ``source``, else the latest import."""
    if source is not None:
        if not db_lists.collection_exists(store, source):
            raise ImenaError(f"no Stalin's lists imported as {source!r}")
        return source
    latest = db_lists.latest_collection(store)
    if latest is None:
        raise ImenaError("no Stalin's lists in this database (imena lists import DIR first)")
    return latest


def _date(row: Any, prefix: str = "date") -> dict[str, Any]:
    return {
        "from": row[f"{prefix}_from"],
        "to": row[f"{prefix}_to"],
        "precision": row[f"{prefix}_precision"],
        "text": row[f"{prefix}_text"],
    }


def _written_order(signature: Any, submitter_text: str | None) -> int:
    """Where a signature stands in its document, among those of its role.

    Politburo members come in the collection's column order, NKVD officials in the order
    the list's signature string names them: the order the importer reads them in.
    """
    if signature["role"] == "signer":
        return _SIGNER_ORDER.get(signature["as_written"], len(_SIGNER_ORDER))
    return (submitter_text or "").find(signature["as_written"])


def _signatures(store: Store, sid: str, lists: list[Any]) -> dict[int, list[dict[str, Any]]]:
    """The signatures of ``lists`` (rows of the collection), by list id, as each list has them."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    offices = db_lists.office_names(store)
    texts = {r["list_id"]: r["submitter_text"] for r in lists}
    rows = db_lists.signatures_of_lists(store, sid, list(texts))
    # The store gives them by list and role (submitters first), the document their order.
    for (list_id, _), group in groupby(rows, key=lambda r: (r["list_id"], r["role"])):
        text = texts[list_id]
        for r in sorted(group, key=lambda r: _written_order(r, text)):
            out[list_id].append(
                {
                    "person": {"id": r["person_id"], "name": r["person_name"]},
                    "cyrillic": r["cyrillic"],
                    "role": r["role"],
                    "as_written": r["as_written"],
                    "post": r["post_text"],
                    "offices": [offices.get(o, o) for o in db_lists.office_ids(r)],
                    "rank_text": r["rank_text"],
                    "rank": r["rank"],
                    "status": r["status"],
                }
            )
    return out


def _list_summary(row: Any, signatures: list[dict[str, Any]], totals: dict[int, int]) -> dict:
    return {
        "list_id": row["list_id"],
        "document": row["document_id"],
        "event": row["event_id"],
        "is_list": bool(row["is_list"]),
        "volume": row["volume"],
        "number": row["number"],
        "title": row["title"],
        "date": _date(row),
        "adate": row["adate"],
        "date_basis": row["date_basis"],
        "date_flag": row["date_flag"],
        "citation": {"source": row["source_id"], "locator": row["locator"]},
        "submitters": [s for s in signatures if s["role"] == "submitter"],
        "signers": [s for s in signatures if s["role"] == "signer"],
        "resolution": row["resolution"],
        "categories": {str(k): totals.get(k, 0) for k in CATEGORY_NUMBERS},
    }


def _totals_by_list(store: Store, sid: str) -> dict[int, dict[int, int]]:
    return db_lists.category_totals_by_list(store, sid)


def list_detail(store: Store, list_id: int, *, source: str | None = None) -> dict[str, Any] | None:
    """One document: archival reference, dates, submitters, signers, sections with counts."""
    sid = source_id(store, source)
    row = db_lists.list_row(store, sid, list_id)
    if row is None:
        return None
    signatures = _signatures(store, sid, [row]).get(list_id, [])
    out = _list_summary(row, signatures, _totals_by_list(store, sid).get(list_id, {}))
    out["archive"] = {
        "archive": row["archive"],
        "fond": row["fond"],
        "opis": row["opis"],
        "delo": row["delo"],
        "delo_number": row["delo_number"],
        "delo_title": row["delo_title"],
        "pages": [row["page_first"], row["page_last"]],
    }
    out["submitter_text"] = row["submitter_text"]
    out["remark"] = row["remark"]
    out["sections"] = [
        {
            "section_id": s["section_id"],
            "number": s["number"],
            "title": s["title"],
            "region": s["region"],
            "region_en": s["region_en"],
            "date": _date(s),
            "date_flag": s["date_flag"],
            "categories": {str(k): s[f"category_{k}"] for k in CATEGORY_NUMBERS},
            "signer_text": s["signer_text"],
        }
        for s in db_lists.sections_of_list(store, sid, list_id)
    ]
    return out


def documents(store: Store, *, source: str | None = None) -> list[dict[str, Any]]:
    """Every document (lists, cover notes, inventories) with its date and archive reference."""
    return [dict(r) for r in db_lists.documents(store, source_id(store, source))]


def neighbours(
    store: Store, list_id: int, *, source: str | None = None
) -> tuple[int | None, int | None]:
    """The documents before and after ``list_id`` by id, for paging through the collection."""
    return db_lists.neighbours(store, source_id(store, source), list_id)


def _sections(store: Store, sid: str, region: str | None, month: str | None) -> list[Any]:
    rows = db_lists.sections(store, sid)
    if month is not None:
        rows = [
            r
            for r in rows
            if r["date_from"] and r["date_from"][:7] == month and (r["date_to"] or "")[:7] == month
        ]
    if region is not None:
        levels = [region_match(region, r["region"], r["region_en"]) for r in rows]
        best = max(levels, default=0)
        rows = [r for r, level in zip(rows, levels, strict=True) if best and level == best]
    return rows


def _check_month(month: str | None) -> None:
    if month is not None and not (
        len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit()
        and 1 <= int(month[5:]) <= 12
    ):  # fmt: skip
        raise ImenaError(f"--month {month!r}: expected YYYY-MM, e.g. 1938-03")


def totals(
    store: Store,
    *,
    region: str | None = None,
    month: str | None = None,
    category: int | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """People listed per sentence category, in all or in a region and/or month, with breakdowns.

    A section counts for the month its own date falls in (sections dated only by month
    count for that month); ``region`` names a region in Russian or English
    ("Свердловская", "Sverdlovsk"), exact names preferred over first words.
    """
    _check_month(month)
    if category is not None and category not in CATEGORY_NUMBERS:
        raise ImenaError(f"--category {category}: the lists have categories 1, 2 and 3")
    sid = source_id(store, source)
    rows = _sections(store, sid, region, month)
    cats = [category] if category else list(CATEGORY_NUMBERS)
    sums = {k: sum(r[f"category_{k}"] for r in rows) for k in cats}
    by_region: dict[str, dict[str, Any]] = {}
    by_month: dict[str, dict[str, Any]] = {}
    for r in rows:
        name = r["region"] or "(no region)"
        item = by_region.setdefault(
            name, {"region": name, "region_en": r["region_en"], "sections": 0, "lists": set(),
                   **{str(k): 0 for k in cats}},
        )  # fmt: skip
        item["sections"] += 1
        item["lists"].add(r["list_id"])
        when = (r["date_from"] or "undated")[:7]
        mitem = by_month.setdefault(
            when, {"month": when, "sections": 0, "lists": set(), **{str(k): 0 for k in cats}}
        )
        mitem["sections"] += 1
        mitem["lists"].add(r["list_id"])
        for k in cats:
            item[str(k)] += r[f"category_{k}"]
            mitem[str(k)] += r[f"category_{k}"]
    for table in (by_region, by_month):
        for item in table.values():
            item["lists"] = len(item["lists"])
    return {
        "source": sid,
        "filters": {"region": region, "month": month, "category": category},
        "regions": sorted({r["region"] for r in rows if r["region"]}),
        "sections": len(rows),
        "lists": len({r["list_id"] for r in rows}),
        "categories": {str(k): v for k, v in sums.items()},
        "by_region": sorted(by_region.values(), key=lambda i: -sum(i[str(k)] for k in cats)),
        "by_month": sorted(by_month.values(), key=lambda i: i["month"]),
    }


def region_detail(store: Store, region: str, *, source: str | None = None) -> dict[str, Any]:
    """A region's page: its totals and every section of it, with its list, date and counts."""
    sid = source_id(store, source)
    rows = _sections(store, sid, region, None)
    summary = totals(store, region=region, source=sid)
    summary["sections_list"] = [
        {
            "list_id": r["list_id"],
            "section_id": r["section_id"],
            "title": r["title"],
            "region": r["region"],
            "date": _date(r),
            "categories": {str(k): r[f"category_{k}"] for k in CATEGORY_NUMBERS},
        }
        for r in rows
    ]
    return summary


def regions(store: Store, *, source: str | None = None) -> list[dict[str, Any]]:
    """Every region with its totals (most people first), for an index of region pages."""
    return totals(store, source=source)["by_region"]


def timeline(store: Store, *, source: str | None = None) -> list[dict[str, Any]]:
    """Decisions by date: how many lists, people per category, who submitted and signed."""
    sid = source_id(store, source)
    per_list = _totals_by_list(store, sid)
    rows = db_lists.real_lists(store, sid)
    signatures = _signatures(store, sid, rows)
    days: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for r in rows:
        key = (r["date_from"], r["date_to"], r["date_precision"])
        day = days.setdefault(
            key,
            {"date": {"from": key[0], "to": key[1], "precision": key[2]}, "lists": [],
             "categories": {str(k): 0 for k in CATEGORY_NUMBERS}, "submitters": set(),
             "signers": set()},
        )  # fmt: skip
        day["lists"].append(r["list_id"])
        for k in CATEGORY_NUMBERS:
            day["categories"][str(k)] += per_list.get(r["list_id"], {}).get(k, 0)
        for s in signatures.get(r["list_id"], []):
            day["submitters" if s["role"] == "submitter" else "signers"].add(s["person"]["name"])
    return [
        {**d, "submitters": sorted(d["submitters"]), "signers": sorted(d["signers"])}
        for d in days.values()
    ]


def _person_ids(store: Store, name: str) -> list[str]:
    from imena.identity import find_persons

    return [p["id"] for p in find_persons(store, name)]


def members(
    store: Store, member: str | None = None, *, source: str | None = None
) -> list[dict[str, Any]]:
    """Lists signed per Politburo member (most first), with the people those lists held.

    With ``member`` (any spelling: Сталин, Stalin, I. V. Stalin) only that member, with
    the lists signed.  Submitters are the NKVD officials, per person and role.
    """
    sid = source_id(store, source)
    per_list = _totals_by_list(store, sid)
    wanted = set(_person_ids(store, member)) if member else None
    if member and not wanted:
        raise ImenaError(f"no person found for {member!r}")
    rows = db_lists.signatures_by_date(store, sid)
    people: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if wanted is not None and r["person_id"] not in wanted:
            continue
        item = people.setdefault(
            (r["person_id"], r["role"]),
            {"person": {"id": r["person_id"], "name": r["name"]}, "cyrillic": r["cyrillic"],
             "role": r["role"], "lists": 0, "first": None, "last": None,
             "categories": {str(k): 0 for k in CATEGORY_NUMBERS}, "signed": []},
        )  # fmt: skip
        item["lists"] += 1
        if r["date_from"]:
            # Rows come in date order: the first dated list, and the latest one so far.
            item["first"] = item["first"] or _date(r)
            if item["last"] is None or r["date_from"] >= item["last"]["from"]:
                item["last"] = _date(r)
        for k in CATEGORY_NUMBERS:
            item["categories"][str(k)] += per_list.get(r["list_id"], {}).get(k, 0)
        if member:
            item["signed"].append({"list_id": r["list_id"], "date": _date(r), "title": r["title"]})
    out = sorted(people.values(), key=lambda i: (i["role"] != "signer", -i["lists"]))
    if not member:
        for item in out:
            del item["signed"]
    return out


def lists_on(store: Store, day: ListDate, *, source: str | None = None) -> list[dict[str, Any]]:
    """Lists dated on DAY (or within the month or year given), with who submitted and signed.

    A list known only to the month ("апреля 1937 г.") is on a day of that month only
    possibly: it is returned with ``exact`` false.
    """
    sid = source_id(store, source)
    lo, hi = day.iso()
    rows = db_lists.real_lists_between(store, sid, lo, hi)
    signatures = _signatures(store, sid, rows)
    per_list = _totals_by_list(store, sid)
    out = []
    for r in rows:
        item = _list_summary(r, signatures.get(r["list_id"], []), per_list.get(r["list_id"], {}))
        item["exact"] = lo <= r["date_from"] and r["date_to"] <= hi
        out.append(item)
    return out


def office_matches(store: Store, text: str) -> list[str]:
    """Offices a person names in English or Russian ("Registration Department", "8 отд. ГУГБ")."""
    wanted = " ".join(text.lower().replace(".", ". ").split())
    found: set[str] = set()
    names = db_lists.office_names(store)
    for oid, name in names.items():
        if wanted and wanted in name.lower():
            found.add(oid)
    for text, oid in db_lists.office_phrases(store):
        phrase = " ".join(text.lower().replace(".", ". ").split())
        if wanted and (wanted in phrase or phrase in wanted):
            found.add(oid)
    # "Registration Department" must not also name its deputy chief's office.
    if not wanted.startswith("deputy") and not wanted.startswith("зам"):
        found = {o for o in found if not names.get(o, "").startswith("deputy")} or found
    return sorted(found)


def held_on(
    store: Store, day: ListDate, *, office: str | None = None, source: str | None = None
) -> list[dict[str, Any]]:
    """Who held a post on DAY by the signatures alone: signed that day, or between two signatures.

    Each answer says how it is known (``signed`` that day, or ``between`` the signatures
    before and after) and cites the lists.
    """
    sid = source_id(store, source)
    offices = db_lists.office_names(store)
    wanted = set(office_matches(store, office)) if office else None
    if office and not wanted:
        raise ImenaError(f"no office matches {office!r}")
    lo, hi = day.iso()
    evidence: dict[tuple[str, str], list[Any]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in db_lists.dated_submissions(store, sid):
        names[r["person_id"]] = r["name"]
        for oid in db_lists.office_ids(r):
            if wanted is None or oid in wanted:
                evidence[(r["person_id"], oid)].append(r)
    out = []
    for (person, oid), rows in evidence.items():
        on = [r for r in rows if r["date_from"] <= hi and r["date_to"] >= lo]
        before = [r for r in rows if r["date_to"] < lo]
        after = [r for r in rows if r["date_from"] > hi]
        if on:
            how, cited = "signed", on
        elif before and after:
            how, cited = "between", [before[-1], after[0]]
        else:
            continue
        out.append(
            {
                "person": {"id": person, "name": names[person]},
                "office": offices.get(oid, oid),
                "how": how,
                "lists": [
                    {
                        "list_id": r["list_id"],
                        "date": {"from": r["date_from"], "to": r["date_to"]},
                        "status": r["status"],
                        "locator": r["locator"],
                    }
                    for r in cited
                ],
            }
        )
    out.sort(key=lambda i: (i["office"], i["how"] != "signed", i["person"]["name"]))
    return out


__all__ = [
    "CATEGORY_NUMBERS",
    "documents",
    "held_on",
    "list_detail",
    "lists_on",
    "members",
    "neighbours",
    "office_matches",
    "region_detail",
    "regions",
    "source_id",
    "timeline",
    "totals",
]
