"""The ``imena`` command: a thin layer of options over the Python API (CLI.md)."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import click

from imena import __version__, api
from imena.errors import ImenaError
from imena.store.db import default_db_path
from imena.store.documents import SourceMeta


def _db(ctx: click.Context) -> str:
    return ctx.obj["db"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="The database file (default: $IMENA_DB, else ./imena.db).",
)
@click.version_option(__version__, prog_name="imena")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """imena: a sourced, queryable model of the machinery of the Great Terror (1937–38)."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db or default_db_path()


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--title", help="Title of the source (default: from the file).")
@click.option("--authors", help="Authors, as they should be cited.")
@click.option("--year", type=int, help="Year of publication.")
@click.option("--rights", help="Licence or rights statement of the source.")
@click.option("--no-extract", is_flag=True, help="Only clean into passages; extract no claims.")
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[str, ...],
    title: str | None,
    authors: str | None,
    year: int | None,
    rights: str | None,
    no_extract: bool,
) -> None:
    """Read digitized texts (.txt, .md), HTML, PDF and TEI into the database."""
    meta = SourceMeta(title=title, authors=authors, year=year, rights=rights)
    for result in api.ingest(files, _db(ctx), meta=meta, extract=not no_extract):
        click.echo(result.summary())


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--source", help="Only this source (its id).")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, source: str | None) -> None:
    """Export everything (or one source) in a standard format."""
    lines = api.export_jsonl(_db(ctx), source=source)
    if out is None:
        for line in lines:
            click.echo(line)
        return
    # Write beside the target and rename, so a failed export never leaves half a file.
    tmp = Path(f"{out}.part")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


@cli.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Build a database from the bundled sample data and show what imena found in it."""
    from imena.demo import run_demo

    run_demo(_db(ctx), echo=click.echo)


def main(argv: list[str] | None = None) -> None:
    """Entry point: bad input is one line on stderr and exit code 2, never a traceback."""
    try:
        cli.main(args=argv, prog_name="imena", standalone_mode=False)
    except ImenaError as exc:
        click.echo(f"imena: error: {exc}", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        message = " ".join(exc.format_message().split())
        click.echo(f"imena: error: {message} (see imena --help)", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("imena: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"imena: error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(2)
    except sqlite3.Error as exc:
        click.echo(f"imena: error: database: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            # The reader went away (``imena export | head``): not an error of ours.
            sys.stderr.close()
            sys.exit(0)
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"imena: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("imena: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
