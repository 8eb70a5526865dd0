"""The ``imena`` command: a thin layer of options over the Python API (CLI.md)."""

from __future__ import annotations

import json
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


def _date_text(date: dict | None) -> str:
    if not date:
        return "undated"
    lo, hi = date.get("from"), date.get("to")
    if lo and hi and lo != hi:
        return f"{lo}..{hi}"
    return lo or hi or (date.get("text") or "undated")


def _cite_text(citations: list[dict]) -> str:
    if not citations:
        return ""
    c = citations[0]
    notes = f", note {', '.join(c['notes'])}" if c["notes"] else ""
    return f"[{c['passage']}{notes}]"


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (CLI.md).")
@click.pass_context
def person(ctx: click.Context, name: str, as_json: bool) -> None:
    """The person behind any spelling of NAME: names, offices held, timeline, with sources."""
    info = api.person_info(_db(ctx), name)
    if info is None:
        raise ImenaError(f"no person found for {name!r}")
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(info["name"])
    click.echo(f"  names: {', '.join(info['names'])}")
    for term in info["office_terms"]:
        start = (term["start"] or {}).get("from") or (term["start"] or {}).get("to") or "?"
        end = (term["end"] or {}).get("to") or (term["end"] or {}).get("from") or "?"
        click.echo(f"  office: {term['office']} ({start} – {end}) {_cite_text(term['citations'])}")
    for event in info["events"]:
        others = ", ".join(
            f"{p['name']} ({p['role']})" for p in event["participants"] if p["id"] != info["id"]
        )
        office = f" — {event['office']}" if event["office"] else ""
        click.echo(
            f"  {_date_text(event['date']):<24} {event['type']}{office}"
            f"{' with ' + others if others else ''} {_cite_text(event['citations'])}"
        )
    for rel in info["relations"]:
        click.echo(f"  {rel['from']['name']} — {rel['type']} — {rel['to']['name']} "
                   f"{_cite_text(rel['citations'])}")
    if info["also"]:
        click.echo("  other persons of that name: " + ", ".join(p["name"] for p in info["also"]))


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
