"""The FastAPI application: server-rendered pages over one imena database.

Each request opens its own SQLite connection (cheap, and safe across the server's
threads); pages only read, except login and review, which write in one transaction.
"""

from __future__ import annotations

import importlib
import logging
import os
import secrets
import socket
from collections.abc import Iterator
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Depends, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from imena import __version__
from imena.errors import ImenaError
from imena.extract.vocabulary import EVENT_TYPES, RELATION_TYPES, ROLES
from imena.store import audit as audit_rows
from imena.store.db import Store
from imena.web import auth, pages
from imena.web.cache import Aggregates
from imena.web.dates import bound_text, date_text, iso_text
from imena.web.navigation import EXTENSIONS, NAV, NavItem
from imena.web.review import CLAIM_KINDS, PRECISIONS, STATUSES, audit_trail, claim_row, review

SESSION_COOKIE = "imena_session"
LOGIN_COOKIE = "imena_login_csrf"
#: Content Security Policy: nothing from other origins, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

_WEB = resources.files("imena.web")
log = logging.getLogger("imena.web")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(_WEB / "templates"))
    env = templates.env
    env.filters.update(
        date_text=date_text,
        bound_text=bound_text,
        iso_text=iso_text,
        passage_href=pages.passage_href,
        anchor=pages.anchor,
        dom_id=pages.dom_id,
        group=pages.event_group,
        scope_label=pages.scope_label,
        words=lambda s: (s or "").replace("_", " "),
        thousands=lambda n: f"{n:,}" if isinstance(n, int) else n,
        urlq=lambda s: quote(str(s), safe=""),
        russian=_russian,
    )
    env.globals.update(
        version=__version__,
        event_types=EVENT_TYPES,
        relation_types=RELATION_TYPES,
        roles=ROLES,
        claim_kinds=CLAIM_KINDS,
        precisions=PRECISIONS,
    )
    return templates


def _russian(text: str | None) -> bool:
    """Mostly Cyrillic (a quote or an archive reference in Russian, to mark ``lang="ru"``)."""
    letters = [c for c in text or "" if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return cyrillic * 2 > len(letters)


def _store(request: Request) -> Iterator[Store]:
    """One connection per request, closed when the response is done."""
    store = Store(request.app.state.db, create=False)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(_store)]


def render_page(
    request: Request, store: Store, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A template of this site in its layout, for the pages an extension adds."""
    return request.app.state.render(request, store, name, status, **context)


def form_curator(
    request: Request, store: Store, csrf: str | None, doing: str
) -> auth.Account | HTMLResponse:
    """The curator who sent a form, or the page that refuses it (403).

    A form changes something only with a live session, the session's CSRF token, and (when
    the browser says where it comes from) an Origin of this site.  ``doing`` completes
    "Log in as a curator to ...".
    """
    account = auth.session_account(store, request.cookies.get(SESSION_COOKIE))
    if account is None:
        return render_page(
            request, store, "error.html", 403, title="Not allowed",
            message=f"Log in as a curator to {doing}.",
        )  # fmt: skip
    if not _same_origin(request) or not auth.same_token(account.csrf, csrf):
        return render_page(
            request, store, "error.html", 403, title="Not allowed",
            message="The form has expired or did not come from this site; "
            "reload the page and try again.",
        )  # fmt: skip
    return account


def create_app(db: str | os.PathLike[str]) -> FastAPI:
    """The web application over the database at ``db`` (which must exist)."""
    db = str(db)
    # Opening once applies any pending migration before the first request comes in.
    Store(db, create=False).close()
    app = FastAPI(title="imena", version=__version__, docs_url=None, redoc_url=None)
    app.state.db = db
    app.state.aggregates = Aggregates(db)
    app.mount("/static", StaticFiles(directory=str(_WEB / "static")), name="static")
    # Pages are text and compress well; the largest shrink several times.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    templates = _templates()
    nav: list[NavItem] = list(NAV)

    def render(
        request: Request,
        store: Store,
        name: str,
        status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        account = auth.session_account(store, request.cookies.get(SESSION_COOKIE))
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return templates.TemplateResponse(
            request,
            name,
            {"nav": nav, "account": account, "path": request.url.path, "here": here, **context},
            status_code=status,
        )

    app.state.render = render

    def not_found(request: Request, store: Store, what: str) -> HTMLResponse:
        return render(request, store, "error.html", 404, title="Not found", message=what)

    @app.middleware("http")
    async def head_as_get(request: Request, call_next: Any) -> Response:
        # HEAD is GET without the body (link checkers and crawlers ask it first).
        if request.method != "HEAD":
            return await call_next(request)
        request.scope["method"] = "GET"
        response = await call_next(request)
        async for _ in response.body_iterator:  # type: ignore[attr-defined]
            pass
        return Response(status_code=response.status_code, headers=dict(response.headers))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(ImenaError)
    async def bad_input(request: Request, exc: ImenaError) -> HTMLResponse:
        store = Store(db, create=False)
        try:
            return render(request, store, "error.html", 400, title="Bad request", message=str(exc))
        finally:
            store.close()

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> HTMLResponse:
        # A path that cannot name anything (/records/abc) is not found; a query parameter
        # of the wrong shape (?page=abc) is a bad request.  Either way a page, not JSON.
        errors = exc.errors()
        in_path = any(e.get("loc", ("",))[0] == "path" for e in errors)
        names = ", ".join(
            dict.fromkeys(str(e["loc"][-1]) for e in errors if e.get("loc"))
        ) or "a parameter"
        store = Store(db, create=False)
        try:
            if in_path:
                return not_found(request, store, "There is no such page.")
            return render(
                request, store, "error.html", 400, title="Bad request",
                message=f"The value given for {names} is not one this page understands.",
            )  # fmt: skip
        finally:
            store.close()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        store = Store(db, create=False)
        try:
            title = "Not found" if exc.status_code == 404 else "Error"
            return render(
                request, store, "error.html", exc.status_code, title=title, message=str(exc.detail)
            )
        finally:
            store.close()

    # -- reading ---------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, store: StoreDep) -> HTMLResponse:
        return render(request, store, "home.html", **pages.home(store))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        icon = (_WEB / "static" / "favicon.svg").read_bytes()
        return Response(
            icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/about", response_class=HTMLResponse)
    def about(request: Request, store: StoreDep) -> HTMLResponse:
        return render(request, store, "about.html")

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, store: StoreDep, q: str = "") -> HTMLResponse:
        return render(request, store, "search.html", **pages.search(store, q[:200]))

    @app.get("/persons/{person_id}", response_class=HTMLResponse)
    def person(request: Request, store: StoreDep, person_id: str) -> Response:
        data = pages.person_page(store, person_id)
        if data is None:
            return not_found(request, store, f"No person with the id {person_id!r}.")
        merged = data["person"]["merged_into"]
        if merged:
            return RedirectResponse(f"/persons/{quote(merged)}", status_code=301)
        return render(request, store, "person.html", **data)

    @app.get("/sources", response_class=HTMLResponse)
    def sources(request: Request, store: StoreDep) -> HTMLResponse:
        return render(request, store, "sources.html", sources=pages.source_list(store))

    @app.get("/sources/{source_id}", response_class=HTMLResponse)
    def source(request: Request, store: StoreDep, source_id: str) -> Response:
        data = pages.source_reader(store, source_id)
        if data is None:
            return not_found(request, store, f"No source with the id {source_id!r}.")
        return render(request, store, "source.html", **data)

    @app.get("/chronology", response_class=HTMLResponse)
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
        return render(request, store, "chronology.html", filters=filters, **links, **data)

    @app.get("/offices", response_class=HTMLResponse)
    def offices(request: Request, store: StoreDep) -> HTMLResponse:
        return render(request, store, "offices.html", offices=pages.office_list(store))

    @app.get("/offices/{office_id}", response_class=HTMLResponse)
    def office(request: Request, store: StoreDep, office_id: str) -> Response:
        data = pages.office_page(store, office_id)
        if data is None:
            return not_found(request, store, f"No office with the id {office_id!r}.")
        return render(request, store, "office.html", **data)

    @app.get("/figures", response_class=HTMLResponse)
    def figures(request: Request, store: StoreDep, measure: str = "") -> HTMLResponse:
        return render(request, store, "figures.html", **pages.figures_page(store, measure))

    @app.get("/registry", response_class=HTMLResponse)
    def registry(request: Request, store: StoreDep, q: str = "") -> HTMLResponse:
        hits, total = pages.registry_hits(store, q[:200], limit=100) if q.strip() else ([], 0)
        registries = [dict(r) for r in store.query("SELECT * FROM registries ORDER BY name")]
        to_review = 0
        if registries:
            from imena.registry.review import review_queue

            to_review = review_queue(store=store, limit=0)["total"]
        return render(
            request, store, "registry.html", query=q, hits=hits, total=total,
            registries=registries, to_review=to_review,
        )  # fmt: skip

    @app.get("/records/{record_id}", response_class=HTMLResponse)
    def record(request: Request, store: StoreDep, record_id: int) -> Response:
        data = pages.record_page(store, record_id)
        if data is None:
            return not_found(request, store, f"No registry record {record_id}.")
        return render(request, store, "record.html", **data)

    @app.get("/claims/{kind}/{claim_id:path}", response_class=HTMLResponse)
    def claim(request: Request, store: StoreDep, kind: str, claim_id: str) -> Response:
        if kind not in CLAIM_KINDS:
            return not_found(request, store, f"No kind of claim {kind!r}.")
        item = _claim_object(store, kind, claim_id)
        if item is None:
            return not_found(request, store, f"No {kind} {claim_id!r}.")
        return render(
            request,
            store,
            "claim.html",
            kind=kind,
            item=item,
            fields=claim_row(store, kind, claim_id),
            history=audit_trail(store, kind=kind, claim_id=claim_id),
        )

    # -- review ----------------------------------------------------------------------------

    @app.get("/review", response_class=HTMLResponse)
    def review_queue(
        request: Request,
        store: StoreDep,
        kind: str = "event",
        status: str = "proposed",
        page: int = 1,
    ) -> Response:
        account = auth.session_account(store, request.cookies.get(SESSION_COOKIE))
        if account is None:
            return RedirectResponse(f"/login?next={quote(str(request.url.path))}", 303)
        if kind not in CLAIM_KINDS or status not in STATUSES:
            raise ImenaError("unknown kind of claim or status")
        table = CLAIM_KINDS[kind].table
        total = audit_rows.count_with_status(store, table, status)
        page = max(page, 1)
        ids = audit_rows.ids_with_status(store, table, status, 50, (page - 1) * 50)
        items = [_claim_object(store, kind, i) for i in ids]
        counts = {
            k: audit_rows.count_with_status(store, spec.table, "proposed")
            for k, spec in CLAIM_KINDS.items()
        }
        return render(
            request,
            store,
            "review.html",
            kind=kind,
            claim_status=status,
            items=[i for i in items if i],
            total=total,
            page=page,
            pages=max(1, -(-total // 50)),
            counts=counts,
            statuses=STATUSES,
        )

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request, store: StoreDep) -> Response:
        if auth.session_account(store, request.cookies.get(SESSION_COOKIE)) is None:
            return RedirectResponse("/login?next=/audit", 303)
        return render(request, store, "audit.html", history=audit_trail(store, limit=500))

    @app.post("/review/{kind}/{claim_id:path}")
    async def review_post(request: Request, kind: str, claim_id: str) -> Response:
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}

        def act() -> Response:
            with Store(db, create=False) as store:
                account = form_curator(request, store, fields.get("csrf"), "review claims")
                if not isinstance(account, auth.Account):
                    return account
                action = fields.get("action", "")
                changes = {k: v for k, v in fields.items() if k not in ("csrf", "action", "next")}
                review(store, account, kind, claim_id, action, changes)
            target = fields.get("next") or f"/claims/{kind}/{quote(claim_id)}"
            return RedirectResponse(_local(target), status_code=303)

        return await run_in_threadpool(act)

    # -- login -----------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, store: StoreDep, next: str = "/review") -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = render(request, store, "login.html", csrf=token, next=_local(next), error="")
        _set_cookie(request, response, LOGIN_COOKIE, token, max_age=3600)
        return response

    @app.post("/login")
    def login(
        request: Request,
        store: StoreDep,
        username: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/review",
    ) -> Response:
        expected = request.cookies.get(LOGIN_COOKIE)
        if not _same_origin(request) or not auth.same_token(expected, csrf):
            return render(
                request, store, "error.html", 403, title="Not allowed",
                message="The login form has expired; reload it and try again.",
            )  # fmt: skip
        token = auth.login(store, username.strip(), password)
        if token is None:
            fresh = secrets.token_urlsafe(32)
            response = render(
                request, store, "login.html", 401, csrf=fresh, next=_local(next),
                error="Wrong user name or password.", username=username,
            )  # fmt: skip
            _set_cookie(request, response, LOGIN_COOKIE, fresh, max_age=3600)
            return response
        response = RedirectResponse(_local(next), status_code=303)
        _set_cookie(request, response, SESSION_COOKIE, token, max_age=auth.SESSION_HOURS * 3600)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @app.post("/logout")
    def logout(request: Request, store: StoreDep, csrf: Annotated[str, Form()] = "") -> Response:
        token = request.cookies.get(SESSION_COOKIE)
        account = auth.session_account(store, token)
        if account is not None and auth.same_token(account.csrf, csrf):
            auth.logout(store, token)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    for module_name in EXTENSIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if not (exc.name and module_name.startswith(exc.name)):
                # A broken extension costs its own pages, not the whole site.
                log.warning("pages of %s are left out: %s", module_name, exc)
            continue
        app.include_router(module.router)
        # Before "About", which stays last.
        nav[-1:-1] = getattr(module, "NAV_ITEMS", [])

    return app


def _claim_object(store: Store, kind: str, claim_id: str) -> dict[str, Any] | None:
    """One claim as the JSON object of CLI.md (with status, method and citations)."""
    from imena.store import claims

    return claims.claim(store, kind, claim_id)


def _local(target: str) -> str:
    """Only redirect within this site: '//evil.example' and absolute URLs become '/'."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _same_origin(request: Request) -> bool:
    """A browser's Origin header, when sent, must name this site (a second CSRF guard)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _set_cookie(
    request: Request, response: Response, name: str, value: str, *, max_age: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def check_port(host: str, port: int) -> None:
    """Fail with one clear line when the address cannot be listened on."""
    if not 0 < port < 65536:
        raise ImenaError(f"--port {port}: a port is a number from 1 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ImenaError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                "is another server running there? try --port"
            ) from None


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the site with uvicorn until interrupted."""
    import uvicorn

    check_port(host, port)
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
