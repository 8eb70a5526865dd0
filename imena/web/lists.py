"""Pages of Stalin's lists: decisions by date, people listed by month, region and signer.

An extension of the site (see ``imena.web.navigation``): the data comes from
``imena.lists`` as plain dicts; this module only shapes it for the templates and draws
the charts.  The lists are historical documents shown with their archive references;
nothing here counts, selects or ranks people, only what the documents recorded.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from imena import lists
from imena.errors import ImenaError
from imena.lists.queries import CATEGORY_NUMBERS, documents, neighbours, source_id
from imena.store.db import Store
from imena.web import charts
from imena.web.app import StoreDep, render_page
from imena.web.dates import date_text, parse_iso
from imena.web.navigation import NavItem

router = APIRouter()
NAV_ITEMS = [NavItem("/lists", "Stalin's lists")]

#: The sentence categories of the lists, as the importer documents them.
CATEGORIES = tuple(str(k) for k in CATEGORY_NUMBERS)
CATEGORY_NAMES = ("category 1 (shooting)", "category 2 (camp)", "category 3 (camp)")
#: Regions drawn on the index page's chart (the regions page has all of them).
TOP_REGIONS = 15
#: How ``imena.lists.totals`` names the sections that name no region.
NO_REGION = "(no region)"


def _values(categories: dict[str, int]) -> tuple[int, ...]:
    return tuple(categories.get(k, 0) for k in CATEGORIES)


def region_href(region: str) -> str:
    return f"/lists/regions/{quote(region, safe='')}"


def _collection(store: Store) -> str | None:
    """The imported collection, or None when this database has none."""
    try:
        return source_id(store)
    except ImenaError:
        return None


def _region_stacks(rows: list[dict[str, Any]]) -> list[charts.Stack]:
    return [
        charts.Stack(
            label=r["region"],
            values=_values(r),
            href=region_href(r["region"]) if r["region"] != NO_REGION else "",
            lang="ru",
        )
        for r in rows
    ]


def _month_chart(by_month: list[dict[str, Any]], title: str) -> Any:
    stacks = [
        charts.Stack(label=m["month"], values=_values(m), href=f"#m-{m['month']}")
        for m in by_month
        if m["month"] != "undated"
    ]
    return charts.month_stacks(stacks, CATEGORY_NAMES, title)


def index_page(store: Store) -> dict[str, Any]:
    """The collection: decisions by date, people listed by month, signers, regions."""
    sid = _collection(store)
    if sid is None:
        return {"source": None}
    totals = lists.totals(store, source=sid)
    days = lists.timeline(store, source=sid)
    members = lists.members(store, source=sid)
    docs = documents(store, source=sid)
    titles = {d["list_id"]: d["title"] for d in docs}
    for day in days:
        lo, hi = day["date"]["from"], day["date"]["to"]
        # A day, or a month when the lists give no day (both can start on the 1st).
        day["anchor"] = f"d-{lo}" if lo == hi else f"d-{lo or 'undated'}--{hi or 'undated'}"
        day["titles"] = [titles.get(i) or "" for i in day["lists"]]
    stacks = [
        charts.Stack(
            label=date_text(d["date"]),
            values=_values(d["categories"]),
            href=f"#{d['anchor']}",
            start=parse_iso(d["date"]["from"]),
            end=parse_iso(d["date"]["to"]),
        )
        for d in days
        if sum(d["categories"].values())
    ]
    signers = [m for m in members if m["role"] == "signer"]
    return {
        "source": sid,
        "totals": totals,
        "days": days,
        "timeline_chart": charts.dated_stacks(
            stacks, CATEGORY_NAMES, "People listed per decision day, by sentence category"
        ),
        "month_chart": _month_chart(totals["by_month"], "People listed per month, by category"),
        "signers": signers,
        "signers_chart": charts.row_stacks(
            [
                charts.Stack(
                    label=m["person"]["name"],
                    values=(m["lists"],),
                    href=f"/persons/{quote(m['person']['id'], safe='')}",
                )
                for m in signers
            ],
            ("lists signed",),
            "Lists signed per member of the Politburo",
        ),
        "submitters": [m for m in members if m["role"] == "submitter"],
        "regions_chart": charts.row_stacks(
            _region_stacks(totals["by_region"][:TOP_REGIONS]),
            CATEGORY_NAMES,
            f"People listed in the {TOP_REGIONS} regions with the most, by category",
        ),
        "region_count": sum(1 for r in totals["by_region"] if r["region"] != NO_REGION),
        "documents": [d for d in docs if not d["is_list"]],
        "list_count": sum(1 for d in docs if d["is_list"]),
        "document_count": len(docs),
    }


def list_page(store: Store, list_id: int) -> dict[str, Any] | None:
    """One document of the collection, with its neighbours for paging through."""
    sid = _collection(store)
    if sid is None:
        return None
    detail = lists.list_detail(store, list_id, source=sid)
    if detail is None:
        return None
    previous, following = neighbours(store, list_id, source=sid)
    return {"doc": detail, "previous": previous, "next": following}


def regions_page(store: Store) -> dict[str, Any]:
    sid = _collection(store)
    if sid is None:
        return {"source": None, "regions": []}
    totals = lists.totals(store, source=sid)
    return {
        "source": sid,
        "totals": totals,
        "no_region": NO_REGION,
        "regions": totals["by_region"],
        "chart": charts.row_stacks(
            _region_stacks(totals["by_region"][:40]),
            CATEGORY_NAMES,
            "People listed in the 40 regions with the most, by category",
        ),
    }


def region_page(store: Store, region: str) -> dict[str, Any] | None:
    sid = _collection(store)
    if sid is None:
        return None
    detail = lists.region_detail(store, region, source=sid)
    if not detail["sections_list"]:
        return None
    seen: set[str] = set()
    for section in detail["sections_list"]:
        # The month chart links to the first section of each month.
        month = (section["date"]["from"] or "undated")[:7]
        section["anchor"] = f"m-{month}" if month not in seen else ""
        seen.add(month)
    return {
        "region": region,
        "detail": detail,
        "month_chart": _month_chart(detail["by_month"], f"People listed per month: {region}"),
    }


@router.get("/lists", response_class=HTMLResponse)
def lists_index(request: Request, store: StoreDep) -> HTMLResponse:
    # The same for every reader until the database changes: kept between requests.
    data = request.app.state.aggregates.get(("lists index",), lambda: index_page(store))
    return render_page(request, store, "lists.html", names=CATEGORY_NAMES, **data)


@router.get("/lists/regions", response_class=HTMLResponse)
def lists_regions(request: Request, store: StoreDep) -> HTMLResponse:
    data = request.app.state.aggregates.get(("lists regions",), lambda: regions_page(store))
    return render_page(request, store, "lists_regions.html", names=CATEGORY_NAMES, **data)


@router.get("/lists/regions/{region:path}", response_class=HTMLResponse)
def lists_region(request: Request, store: StoreDep, region: str) -> HTMLResponse:
    data = region_page(store, region[:200])
    if data is None:
        return render_page(
            request, store, "error.html", 404, title="Not found",
            message=f"No section of Stalin's lists names the region {region[:200]!r}.",
        )  # fmt: skip
    return render_page(request, store, "lists_region.html", names=CATEGORY_NAMES, **data)


@router.get("/lists/{list_id}", response_class=HTMLResponse)
def lists_document(request: Request, store: StoreDep, list_id: str) -> HTMLResponse:
    ok = list_id.isascii() and list_id.isdigit() and len(list_id) <= 9
    data = list_page(store, int(list_id)) if ok else None
    if data is None:
        return render_page(
            request, store, "error.html", 404, title="Not found",
            message=f"No document {list_id[:40]!r} among Stalin's lists.",
        )  # fmt: skip
    return render_page(request, store, "list.html", names=CATEGORY_NAMES, **data)
