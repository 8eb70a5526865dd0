"""The reading pages: home, search, persons, sources, chronology, offices, figures, records."""

from __future__ import annotations

from importlib import resources
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from imena.store import registry as stored_registry
from imena.web import pages
from imena.web.app import StoreDep, claim_object, not_found, render_page
from imena.web.review import CLAIM_KINDS, audit_trail, claim_row, participant_rows

router = APIRouter()
_WEB = resources.files("imena.web")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return render_page(request, store, "home.html", **pages.home(store))


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    icon = (_WEB / "static" / "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@router.get("/about", response_class=HTMLResponse)
def about(request: Request, store: StoreDep) -> HTMLResponse:
    return render_page(request, store, "about.html")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: str = "") -> HTMLResponse:
    return render_page(request, store, "search.html", **pages.search(store, q[:200]))


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person(request: Request, store: StoreDep, person_id: str) -> Response:
    data = pages.person_page(store, person_id)
    if data is None:
        return not_found(request, store, f"No person with the id {person_id!r}.")
    merged = data["person"]["merged_into"]
    if merged:
        return RedirectResponse(f"/persons/{quote(merged)}", status_code=301)
    return render_page(request, store, "person.html", **data)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, store: StoreDep) -> HTMLResponse:
    return render_page(request, store, "sources.html", sources=pages.source_list(store))


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source(request: Request, store: StoreDep, source_id: str) -> Response:
    data = pages.source_reader(store, source_id)
    if data is None:
        return not_found(request, store, f"No source with the id {source_id!r}.")
    return render_page(request, store, "source.html", **data)


@router.get("/chronology", response_class=HTMLResponse)
def chronology(
    request: Request,
    store: StoreDep,
    type: str = "",
    body: str = "",
    person: str = "",
    from_: str = "",
    to: str = "",
    page: int = 1,
) -> HTMLResponse:
    # "from" is a Python keyword: read it from the query string by hand.
    from_ = request.query_params.get("from", from_)
    data = pages.chronology(
        store, type_=type, body=body, person=person, date_from=from_, date_to=to,
        page=page, cache=request.app.state.aggregates,
    )  # fmt: skip
    filters = {"type": type, "body": body, "person": person, "from": from_, "to": to}
    links = {}
    for name, number in (("prev_url", page - 1), ("next_url", page + 1)):
        if 1 <= number <= data["pages"]:
            query = {k: v for k, v in filters.items() if v}
            links[name] = f"/chronology?{urlencode({**query, 'page': number})}"
    return render_page(request, store, "chronology.html", filters=filters, **links, **data)


@router.get("/offices", response_class=HTMLResponse)
def offices(request: Request, store: StoreDep) -> HTMLResponse:
    return render_page(request, store, "offices.html", offices=pages.office_list(store))


@router.get("/offices/{office_id}", response_class=HTMLResponse)
def office(request: Request, store: StoreDep, office_id: str) -> Response:
    data = pages.office_page(store, office_id)
    if data is None:
        return not_found(request, store, f"No office with the id {office_id!r}.")
    return render_page(request, store, "office.html", **data)


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, store: StoreDep, measure: str = "", page: int = 1) -> HTMLResponse:
    data = pages.figures_page(store, measure[:100], page)
    links = {}
    for name, number in (("prev_url", page - 1), ("next_url", page + 1)):
        if 1 <= number <= data["pages"]:
            links[name] = f"/figures?{urlencode({'measure': measure, 'page': number})}"
    return render_page(request, store, "figures.html", **links, **data)


@router.get("/registry", response_class=HTMLResponse)
def registry(request: Request, store: StoreDep, q: str = "") -> HTMLResponse:
    hits, total = pages.registry_hits(store, q[:200], limit=100) if q.strip() else ([], 0)
    registries = stored_registry.registries(store)
    to_review = 0
    if registries:
        from imena.registry.review import review_queue

        to_review = review_queue(store=store, limit=0)["total"]
    return render_page(
        request, store, "registry.html", query=q, hits=hits, total=total,
        registries=registries, to_review=to_review,
    )  # fmt: skip


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record(request: Request, store: StoreDep, record_id: int) -> Response:
    data = pages.record_page(store, record_id)
    if data is None:
        return not_found(request, store, f"No registry record {record_id}.")
    return render_page(request, store, "record.html", **data)


@router.get("/claims/{kind}/{claim_id:path}", response_class=HTMLResponse)
def claim(request: Request, store: StoreDep, kind: str, claim_id: str) -> Response:
    if kind not in CLAIM_KINDS:
        return not_found(request, store, f"No kind of claim {kind!r}.")
    item = claim_object(store, kind, claim_id)
    if item is None:
        return not_found(request, store, f"No {kind} {claim_id!r}.")
    return render_page(
        request,
        store,
        "claim.html",
        kind=kind,
        item=item,
        fields=claim_row(store, kind, claim_id),
        history=audit_trail(store, kind=kind, claim_id=claim_id),
        participants=participant_rows(store, item) if kind == "event" else [],
    )
