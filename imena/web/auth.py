"""Curators' accounts (argon2 hashes), login sessions and CSRF tokens.

Vocabulary of ``accounts.role``:

- ``curator`` — may accept, reject and correct claims; every change is audited.

Anyone without a session reads the site; nothing can be changed without one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from imena.errors import InputError
from imena.store import accounts
from imena.store.db import Store

ROLES = {"curator": "may accept, reject and correct claims"}
#: How long a login lasts without logging in again.
SESSION_HOURS = 12
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps the answer as slow as for a
# wrong password, so timing does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Account:
    """A logged-in curator, and the CSRF token their forms must send back."""

    id: int
    username: str
    role: str
    csrf: str


def now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def add_user(store: Store, username: str, password: str, role: str = "curator") -> None:
    """Create an account; the password is stored only as an argon2 hash."""
    if not _USERNAME.match(username):
        raise InputError(
            f"user name {username!r}: use 2–40 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if role not in ROLES:
        raise InputError(f"role {role!r}: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
    with store.transaction() as conn:
        if accounts.username_taken(conn, username):
            raise InputError(f"user {username!r} exists already")
        accounts.add_account(conn, username, _hasher.hash(password), role, stamp(now()))


def add_user_to(db: str, username: str, password: str, role: str = "curator") -> None:
    """:func:`add_user` on the database at ``db`` (a file or a postgresql:// URL)."""
    with Store(db, create=False) as store:
        add_user(store, username, password, role)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(store: Store, username: str, password: str) -> str | None:
    """A new session token when the password is right, else None."""
    row = accounts.active_account(store, username)
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    token = secrets.token_urlsafe(32)
    moment = now()
    with store.transaction() as conn:
        accounts.open_session(
            conn,
            _token_hash(token),
            row["id"],
            secrets.token_urlsafe(32),
            stamp(moment),
            stamp(moment + timedelta(hours=SESSION_HOURS)),
        )
    return token


def session_account(store: Store, token: str | None) -> Account | None:
    """The account behind a session cookie, if the session is live."""
    if not token:
        return None
    row = accounts.session(store, _token_hash(token), stamp(now()))
    if row is None:
        return None
    return Account(row["id"], row["username"], row["role"], row["csrf"])


def logout(store: Store, token: str | None) -> None:
    if not token:
        return
    with store.transaction() as conn:
        accounts.close_session(conn, _token_hash(token))


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of CSRF tokens; a missing token never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
