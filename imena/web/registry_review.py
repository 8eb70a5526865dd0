"""The registry's review queue on the web: pairs of records that may be one person, decided.

Anyone may read the queue: each uncertain pair side by side, as the registries list the
two records and as the model compared them.  Only a logged-in curator may decide, with a
form that carries the session's CSRF token; the decision goes through
``imena.registry.review.decide``, as ``imena registry review --accept/--reject`` does, so
it is kept, attributed and applied to the clusters in the same way.

An extension of the site (see ``imena.web.navigation``); its pages hang under
"Registries" and are linked from the registry search and every record in the queue.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from imena.errors import ImenaError
from imena.store import dedupe as dedupe_db
from imena.store import registry as registry_db
from imena.store.db import Store
from imena.web import auth
from imena.web.app import StoreDep, form_curator, render_page
from imena.web.navigation import NavItem

router = APIRouter()
#: No menu entry of its own: the queue is part of "Registries".
NAV_ITEMS: list[NavItem] = []

#: Pairs on one page of the queue (each pair is a table of its own).
PAGE_SIZE = 10
#: Latest decisions listed under the queue.
RECENT = 10
#: The longest note a curator may keep with a decision.
NOTE_LIMIT = 500

#: The facts shown side by side, in the order a reader compares two records.
FACTS = (
    ("birth_year", "Year of birth"),
    ("birth_place", "Place of birth"),
    ("nationality", "Nationality"),
    ("arrest_date", "Arrested"),
    ("death_date", "Died"),
    ("burial_place", "Buried"),
)
#: Plain names of the model's comparisons (``imena.registry.linkage``).
COMPARISONS = {
    "surname": "Surname",
    "name": "Given name",
    "patronymic": "Patronymic",
    "birth_year": "Year of birth",
    "birth_place": "Place of birth",
    "nationality": "Nationality",
    "arrest_date": "Date of arrest",
    "death_date": "Date of death",
}
#: How each ``Comparison.agreement`` is said on the page.
AGREEMENT_WORDS = {
    "same": "agree",
    "close": "nearly agree",
    "different": "differ",
    "missing": "not in both records",
}


def queue_page(
    store: Store, page: int = 1, record: int | None = None, decided: str = ""
) -> dict[str, Any]:
    """One page of the queue with each pair's comparisons and raw rows, and the latest decisions."""
    # Imported when first used, as the registry search is: it loads Splink.
    from imena.registry.review import compare_pairs, decisions, review_queue

    total = review_queue(store=store, limit=0, record=record)["total"]
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    queue = review_queue(store=store, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, record=record)
    pairs = queue["pairs"]
    keys = [(p["a"]["record_id"], p["b"]["record_id"]) for p in pairs]
    compared = compare_pairs(store, keys)
    raw = _raw_rows(store, {r for key in keys for r in key})
    for number, (pair, key) in enumerate(zip(pairs, keys, strict=True), (page - 1) * PAGE_SIZE + 1):
        pair["number"] = number
        pair["comparisons"] = compared.get(key, [])
        pair["raw_a"], pair["raw_b"] = raw.get(key[0], {}), raw.get(key[1], {})
        pair["raw_fields"] = list(dict.fromkeys([*pair["raw_a"], *pair["raw_b"]]))
    return {
        "run": queue["run"],
        "total": total,
        "pairs": pairs,
        "page": page,
        "pages": pages,
        "record": record,
        "recent": decisions(store=store, limit=RECENT),
        "just_decided": _just_decided(store, decided),
        "facts": FACTS,
        "comparison_names": COMPARISONS,
        "agreement_words": AGREEMENT_WORDS,
        "note_limit": NOTE_LIMIT,
    }


def _raw_rows(store: Store, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each record's row as its registry wrote it."""
    return {
        record: json.loads(raw or "{}") for record, raw in registry_db.raw_rows(store, ids).items()
    }


def _just_decided(store: Store, decided: str) -> dict[str, Any] | None:
    """The decision named by ``decided`` ("A-B", set after a POST), as stored."""
    a, _, b = decided.partition("-")
    if not (a.isdigit() and b.isdigit()):
        return None
    return dedupe_db.decision(store, int(a), int(b))


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1


@router.get("/registry/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    store: StoreDep,
    page: int = 1,
    record: int | None = None,
    decided: str = "",
) -> HTMLResponse:
    data = queue_page(store, page, record, decided[:40])
    return render_page(request, store, "registry_review.html", **data)


@router.post("/registry/review/{record_a}/{record_b}")
async def decide_post(request: Request, record_a: int, record_b: int) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    db = request.app.state.db

    def act() -> Response:
        from imena.registry.review import decide

        with Store(db, create=False) as store:
            account = form_curator(
                request, store, fields.get("csrf"), "decide whether two records are one person"
            )
            if not isinstance(account, auth.Account):
                return account
            note = fields.get("note", "").strip()[:NOTE_LIMIT] or None
            try:
                done = decide(
                    record_a, record_b, fields.get("decision", ""),
                    curator=account.username, note=note, store=store,
                )  # fmt: skip
            except ImenaError as exc:
                # exc.detail, not str(exc): that would name the database file on the server.
                return render_page(
                    request, store, "error.html", 400, title="Bad request", message=exc.detail
                )
        query: dict[str, Any] = {"page": _page_number(fields.get("page"))}
        if fields.get("record", "").isdigit():
            query["record"] = fields["record"]
        query["decided"] = f"{done.record_a}-{done.record_b}"
        return RedirectResponse(f"/registry/review?{urlencode(query)}#decided", status_code=303)

    return await run_in_threadpool(act)
