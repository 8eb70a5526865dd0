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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "tei"]),
    default="jsonl",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--source", help="Only this source (its id).")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, source: str | None) -> None:
    """Export everything (or one source) in a standard format."""
    lines = api.export(_db(ctx), fmt, source=source)
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
        click.echo(
            f"  {rel['from']['name']} — {rel['type']} — {rel['to']['name']} "
            f"{_cite_text(rel['citations'])}"
        )
    if info["also"]:
        click.echo("  other persons of that name: " + ", ".join(p["name"] for p in info["also"]))


# -- registry (issue 7): a thin layer over imena.registry ------------------------------------


@cli.group()
def registry() -> None:
    """Registries of records (victims' lists, Books of Memory): import, search, export."""


def _registry_mapping(text: str | None) -> dict[str, str] | None:
    """--map surname=Фамилия,name=Имя → {"surname": "Фамилия", "name": "Имя"}."""
    if not text:
        return None
    mapping: dict[str, str] = {}
    for pair in text.split(","):
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.UsageError(f"--map: {pair!r} is not FIELD=COLUMN")
        mapping[field.strip()] = column.strip()
    return mapping


@registry.command("import")
@click.argument("file", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["memorial-tsv", "moscow-csv", "csv"]),
    default="memorial-tsv",
    show_default=True,
    help="The layout of the file.",
)
@click.option("--name", help="The registry's name (default: from the file name).")
@click.option("--map", "mapping", help="For --format csv: FIELD=COLUMN,... onto record fields.")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable row (exit 2).")
@click.pass_context
def registry_import(
    ctx: click.Context, file: str, fmt: str, name: str | None, mapping: str | None, strict: bool
) -> None:
    """Import a registry FILE (UTF-8, CP1251 or KOI8-R); unreadable rows go to a rejects file."""
    from imena.registry import import_registry

    columns = _registry_mapping(mapping)
    if columns and fmt != "csv":
        raise click.UsageError("--map goes with --format csv")
    size = Path(file).stat().st_size if Path(file).is_file() else 0
    if not sys.stderr.isatty() or size == 0:
        result = import_registry(file, _db(ctx), fmt=fmt, name=name, mapping=columns, strict=strict)
    else:
        with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:
            done = [0]

            def advance(position: int) -> None:
                bar.update(position - done[0])
                done[0] = position

            result = import_registry(
                file, _db(ctx), fmt=fmt, name=name, mapping=columns, strict=strict, progress=advance
            )
    click.echo(result.summary())


@registry.command("search")
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True, help="Show at most N records.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: a list of records (CLI.md).")
@click.option(
    "--facets",
    "with_facets",
    is_flag=True,
    help="With --json: an object {query, total, results, facets} instead.",
)
@click.option("--born", type=int, help="Born in YEAR (±2 years, further ranked lower).")
@click.option("--died", type=int, help="Died (or shot) in YEAR.")
@click.option("--place", help="Place of birth, living, death or burial contains P.")
@click.option("--nationality", help="Nationality N (either gender: латыш = латышка).")
@click.option("--book", help="Memory book contains B.")
@click.pass_context
def registry_search(
    ctx: click.Context,
    query: str,
    limit: int,
    as_json: bool,
    with_facets: bool,
    born: int | None,
    died: int | None,
    place: str | None,
    nationality: str | None,
    book: str | None,
) -> None:
    """Records matching a name QUERY in any script or romanisation, best first."""
    import json as json_module

    from imena.registry import search_records

    result = search_records(
        query,
        _db(ctx),
        limit=limit,
        born=born,
        died=died,
        place=place,
        nationality=nationality,
        book=book,
    )
    if as_json:
        payload = result.as_json() if with_facets else result.hits
        click.echo(json_module.dumps(payload, ensure_ascii=False, indent=2))
        return
    for hit in result.hits:
        name = " ".join(p for p in (hit["surname"], hit["name"], hit["patronymic"]) if p)
        life = ", ".join(
            part
            for part in (
                f"b. {hit['birth_year']}" if hit["birth_year"] else "",
                f"d. {hit['death_date']}" if hit["death_date"] else "",
                hit["nationality"] or "",
            )
            if part
        )
        click.echo(
            f"{hit['score']:.3f}  {name}{' (' + life + ')' if life else ''}"
            f"  [{hit['registry']} line {hit['source_row']}, record {hit['record_id']}]"
        )
    click.echo(f"{result.total:,} records match; {len(result.hits):,} shown.")
    for facet, label in (
        ("birth_decade", "born"),
        ("death_year", "died"),
        ("nationality", "nationality"),
        ("book", "book"),
    ):
        counts = result.facets.get(facet) or []
        if counts:
            click.echo(f"  {label}: " + " · ".join(f"{c['value']} {c['count']}" for c in counts))


@registry.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.pass_context
def registry_export(ctx: click.Context, fmt: str, out: str | None) -> None:
    """Every record with its normalised fields and cluster_id."""
    from imena.registry import export_records

    lines = export_records(fmt, _db(ctx))
    if out is None:
        for line in lines:
            click.echo(line)
        return
    # Beside the target, then renamed: a failed export never leaves half a file.
    tmp = Path(f"{out}.part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for line in lines:
                fh.write(line + "\n")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


@registry.command("rekey")
@click.pass_context
def registry_rekey(ctx: click.Context) -> None:
    """Rebuild the name keys of every record with the name-key function now in force."""
    from imena.registry import rekey

    click.echo(f"{rekey(_db(ctx)):,} records rekeyed")


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
