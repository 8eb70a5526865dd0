"""The FastAPI application: server-rendered pages over one imena database.

Each request opens its own SQLite connection (cheap, and safe across the server's
threads); pages only read, except login and review, which write in one transaction.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from imena import __version__
from imena.errors import ImenaError
from imena.model import EVENT_TYPES, PARTICIPANT_KINDS, PRECISIONS, RELATION_TYPES, ROLES
from imena.store.db import Store
from imena.web import auth, pages
from imena.web.cache import Aggregates
from imena.web.citations import CitationLinks
from imena.web.dates import bound_text, date_text, iso_text
from imena.web.navigation import NAV, NavItem
from imena.web.review import CLAIM_KINDS

SESSION_COOKIE = "imena_session"
LOGIN_COOKIE = "imena_login_csrf"
#: Content Security Policy: nothing from other origins, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

_WEB = resources.files("imena.web")


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
        participant_kinds=PARTICIPANT_KINDS,
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


def not_found(request: Request, store: Store, what: str) -> HTMLResponse:
    """The site's 404 page, saying what was not found."""
    return render_page(request, store, "error.html", 404, title="Not found", message=what)


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
            {
                "nav": nav,
                "account": account,
                "path": request.url.path,
                "here": here,
                "cites": CitationLinks(store, request.app.state.aggregates),
                **context,
            },
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
        names = (
            ", ".join(dict.fromkeys(str(e["loc"][-1]) for e in errors if e.get("loc")))
            or "a parameter"
        )
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

    for router in _routers():
        app.include_router(router.router)
        # Before "About", which stays last.
        nav[-1:-1] = getattr(router, "NAV_ITEMS", [])

    return app


def _routers() -> list[Any]:
    """The site's pages, by area: each module has ``router`` (and maybe ``NAV_ITEMS``)."""
    # Imported here: the routers use this module's StoreDep and render_page.
    from imena.web import curation, lists, registry_review, site

    return [site, curation, lists, registry_review]


def claim_object(store: Store, kind: str, claim_id: str) -> dict[str, Any] | None:
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
