"""The root ``imena`` group, its ``--db`` option, and what every command group shares."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from imena import __version__, api
from imena.errors import ImenaError


def db_of(ctx: click.Context) -> str:
    """The database the user chose: a file or a ``postgresql://`` URL."""
    return ctx.obj["db"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    default=None,
    help="The database: a file, or a postgresql:// URL (default: $IMENA_DB, else ./imena.db).",
)
@click.version_option(__version__, prog_name="imena")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """imena: a sourced, queryable model of the machinery of the Great Terror (1937–38)."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db or api.default_db()


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def emit(lines: Iterator[str], out: str | None) -> None:
    """Lines to stdout, or to ``out`` written beside it and renamed into place, so a
    failed export never leaves half a file."""
    if out is None:
        for line in lines:
            click.echo(line)
        return
    tmp = Path(f"{out}.part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for line in lines:
                fh.write(line + "\n")
        os.replace(tmp, out)
    except OSError as exc:
        raise ImenaError(f"cannot write ({exc.strerror or exc})", path=out) from None
    finally:
        tmp.unlink(missing_ok=True)
