"""The curators' pages: the review desk, the audit trail, review actions, login and logout."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from imena.errors import ImenaError
from imena.model import STATUSES
from imena.store import audit as audit_rows
from imena.store.db import Store
from imena.store.dedupe import decision_page as registry_decisions
from imena.web import auth
from imena.web.app import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    StoreDep,
    _local,
    _same_origin,
    _set_cookie,
    claim_object,
    form_curator,
    render_page,
)
from imena.web.review import CLAIM_KINDS, audit_trail, review

router = APIRouter()


@router.get("/review", response_class=HTMLResponse)
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
    items = [claim_object(store, kind, i) for i in ids]
    counts = {
        k: audit_rows.count_with_status(store, spec.table, "proposed")
        for k, spec in CLAIM_KINDS.items()
    }
    return render_page(
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


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, store: StoreDep) -> Response:
    if auth.session_account(store, request.cookies.get(SESSION_COOKIE)) is None:
        return RedirectResponse("/login?next=/audit", 303)
    total, pairs = registry_decisions(store, 200, 0)
    return render_page(
        request,
        store,
        "audit.html",
        history=audit_trail(store, limit=500),
        pair_decisions=pairs,
        pair_total=total,
    )


@router.post("/review/{kind}/{claim_id:path}")
async def review_post(request: Request, kind: str, claim_id: str) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}

    def act() -> Response:
        with Store(request.app.state.db, create=False) as store:
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


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, store: StoreDep, next: str = "/review") -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render_page(request, store, "login.html", csrf=token, next=_local(next), error="")
    _set_cookie(request, response, LOGIN_COOKIE, token, max_age=3600)
    return response


@router.post("/login")
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
        return render_page(
            request, store, "error.html", 403, title="Not allowed",
            message="The login form has expired; reload it and try again.",
        )  # fmt: skip
    token = auth.login(store, username.strip(), password)
    if token is None:
        fresh = secrets.token_urlsafe(32)
        response = render_page(
            request, store, "login.html", 401, csrf=fresh, next=_local(next),
            error="Wrong user name or password.", username=username,
        )  # fmt: skip
        _set_cookie(request, response, LOGIN_COOKIE, fresh, max_age=3600)
        return response
    response = RedirectResponse(_local(next), status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, token, max_age=auth.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, store: StoreDep, csrf: Annotated[str, Form()] = "") -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    account = auth.session_account(store, token)
    if account is not None and auth.same_token(account.csrf, csrf):
        auth.logout(store, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
