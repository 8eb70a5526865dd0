"""The database itself: copy it between SQLite and PostgreSQL."""

from __future__ import annotations

import click

from imena import api
from imena.cli.base import cli


@cli.group("db")
def db_group() -> None:
    """The database itself: copy it to another backend."""


@db_group.command("copy")
@click.argument("source")
@click.argument("target")
def db_copy(source: str, target: str) -> None:
    """Copy every row of database SOURCE into the new, empty database TARGET.

    Either may be an SQLite file or a postgresql:// URL: move a database to a server
    (imena db copy imena.db postgresql://host/imena) or back.  TARGET is written in one
    transaction, so a failed copy leaves it untouched.
    """
    counts = api.copy_database(source, target)
    rows = sum(counts.values())
    click.echo(f"copied {rows:,} rows in {sum(1 for n in counts.values() if n)} tables")
