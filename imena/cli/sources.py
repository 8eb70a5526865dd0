"""Sources: ingest texts, export the database, look up a person, the demo."""

from __future__ import annotations

import click

from imena import api
from imena.cli import render
from imena.cli.base import cli, db_of, echo_json, emit
from imena.errors import ImenaError


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--title", help="Title of the source (default: from the file).")
@click.option("--authors", help="Authors, as they should be cited.")
@click.option("--year", type=int, help="Year of publication.")
@click.option("--rights", help="Licence or rights statement of the source.")
@click.option("--no-extract", is_flag=True, help="Only clean into passages; extract no claims.")
@click.option(
    "--model",
    help="An installed spaCy English pipeline to read with "
    "(default: $IMENA_SPACY_MODEL, else en_core_web_sm 3.8.0).",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[str, ...],
    title: str | None,
    authors: str | None,
    year: int | None,
    rights: str | None,
    no_extract: bool,
    model: str | None,
) -> None:
    """Read digitized texts (.txt, .md), HTML, PDF and TEI into the database."""
    meta = api.SourceMeta(title=title, authors=authors, year=year, rights=rights)
    for result in api.ingest(files, db_of(ctx), meta=meta, extract=not no_extract, model=model):
        click.echo(result.summary())


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(api.export_formats()),
    default="jsonl",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--source", help="Only this source (its id).")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, source: str | None) -> None:
    """Export everything (or one source) in a standard format."""
    emit(api.export(db_of(ctx), fmt, source=source), out)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on.")
@click.option("--no-serve", is_flag=True, help="Only build the database and print the tour.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Build a database from the bundled sample data, show what imena found, serve the site."""
    from imena.demo import run_demo

    run_demo(db_of(ctx), echo=click.echo, serve=not no_serve, host=host, port=port)


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (CLI.md).")
@click.pass_context
def person(ctx: click.Context, name: str, as_json: bool) -> None:
    """The person behind any spelling of NAME: names, offices held, timeline, with sources."""
    info = api.person_info(db_of(ctx), name)
    if info is None:
        raise ImenaError(f"no person found for {name!r}")
    if as_json:
        echo_json(info)
        return
    click.echo(info["name"])
    click.echo(f"  names: {', '.join(info['names'])}")
    for term in info["office_terms"]:
        start = (term["start"] or {}).get("from") or (term["start"] or {}).get("to") or "?"
        end = (term["end"] or {}).get("to") or (term["end"] or {}).get("from") or "?"
        click.echo(
            f"  office: {term['office']} ({start} – {end}) {render.cite_text(term['citations'])}"
        )
    for event in info["events"]:
        others = ", ".join(
            f"{p['name']} ({p['role']})" for p in event["participants"] if p["id"] != info["id"]
        )
        office = f" — {event['office']}" if event["office"] else ""
        click.echo(
            f"  {render.date_text(event['date']):<24} {event['type']}{office}"
            f"{' with ' + others if others else ''} {render.cite_text(event['citations'])}"
        )
    for rel in info["relations"]:
        click.echo(
            f"  {rel['from']['name']} — {rel['type']} — {rel['to']['name']} "
            f"{render.cite_text(rel['citations'])}"
        )
    if info["also"]:
        click.echo("  other persons of that name: " + ", ".join(p["name"] for p in info["also"]))
