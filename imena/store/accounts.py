"""Curators' accounts and their web sessions (only hashes of passwords and tokens are kept)."""

from __future__ import annotations

from typing import Any

from imena.store.db import Store


def username_taken(conn: Any, username: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone()
        is not None
    )


def add_account(conn: Any, username: str, password_hash: str, role: str, at: str) -> None:
    conn.execute(
        "INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?,?,?,?)",
        (username, password_hash, role, at),
    )


def active_account(store: Store, username: str) -> dict[str, Any] | None:
    """(id, password hash) of an account that is not disabled."""
    row = store.conn.execute(
        "SELECT id, password_hash FROM accounts WHERE username = ? AND disabled = 0",
        (username,),
    ).fetchone()
    return dict(row) if row else None


def open_session(
    conn: Any, token_sha256: str, account_id: int, csrf: str, at: str, expires_at: str
) -> None:
    """Start a session (and forget every session that has expired by ``at``)."""
    conn.execute("DELETE FROM web_sessions WHERE expires_at < ?", (at,))
    conn.execute(
        "INSERT INTO web_sessions (token_sha256, account_id, csrf, created_at, expires_at) "
        "VALUES (?,?,?,?,?)",
        (token_sha256, account_id, csrf, at, expires_at),
    )


def session(store: Store, token_sha256: str, at: str) -> dict[str, Any] | None:
    """The account (id, username, role) and CSRF token of a session live at ``at``."""
    row = store.conn.execute(
        "SELECT a.id, a.username, a.role, s.csrf FROM web_sessions s "
        "JOIN accounts a ON a.id = s.account_id "
        "WHERE s.token_sha256 = ? AND s.expires_at > ? AND a.disabled = 0",
        (token_sha256, at),
    ).fetchone()
    return dict(row) if row else None


def close_session(conn: Any, token_sha256: str) -> None:
    conn.execute("DELETE FROM web_sessions WHERE token_sha256 = ?", (token_sha256,))
