"""Registries of records: import, search, export, rekey, dedupe, review, context."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from imena import api
from imena.cli import render
from imena.cli.base import cli, db_of, echo_json, emit


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
    type=click.Choice(api.registry_formats()),
    default="memorial-tsv",
    show_default=True,
    help="The layout of the file (stalin-lists: Memorial's directory, as `lists import`).",
)
@click.option("--name", help="The registry's name (default: from the file name).")
@click.option("--map", "mapping", help="For --format csv: FIELD=COLUMN,... onto record fields.")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable row (exit 2).")
@click.pass_context
def registry_import(
    ctx: click.Context, file: str, fmt: str, name: str | None, mapping: str | None, strict: bool
) -> None:
    """Import a registry FILE (UTF-8, CP1251 or KOI8-R); unreadable rows go to a rejects file."""
    columns = _registry_mapping(mapping)
    if columns and fmt != "csv":
        raise click.UsageError("--map goes with --format csv")
    size = Path(file).stat().st_size if Path(file).is_file() else 0
    if not sys.stderr.isatty() or size == 0:
        result = api.import_registry(
            file, db_of(ctx), fmt=fmt, name=name, mapping=columns, strict=strict
        )
    else:
        with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:
            done = [0]

            def advance(position: int) -> None:
                bar.update(position - done[0])
                done[0] = position

            result = api.import_registry(
                file,
                db_of(ctx),
                fmt=fmt,
                name=name,
                mapping=columns,
                strict=strict,
                progress=advance,
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
    result = api.search_records(
        query,
        db_of(ctx),
        limit=limit,
        born=born,
        died=died,
        place=place,
        nationality=nationality,
        book=book,
    )
    if as_json:
        payload = result.as_json() if with_facets else result.hits
        echo_json(payload)
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
    "--format",
    "fmt",
    type=click.Choice(api.record_export_formats()),
    default="csv",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.pass_context
def registry_export(ctx: click.Context, fmt: str, out: str | None) -> None:
    """Every record with its normalised fields and cluster_id."""
    emit(api.export_records(fmt, db_of(ctx)), out)


@registry.command("rekey")
@click.pass_context
def registry_rekey(ctx: click.Context) -> None:
    """Rebuild the name keys of every record with the name-key function now in force."""
    click.echo(f"{api.rekey(db_of(ctx)):,} records rekeyed")


@registry.command("dedupe")
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Link pairs at or above this match probability (default 0.5).",
)
@click.option(
    "--engine",
    type=click.Choice(api.linkage_engines()),
    default="duckdb",
    show_default=True,
    help="Run the model on DuckDB (this machine) or Spark.",
)
@click.option(
    "--review-band",
    nargs=2,
    type=float,
    default=None,
    help="Pairs scored in [LOW, HIGH) go to the review queue (default 0.2 0.95).",
)
@click.option(
    "--spark-master",
    default="local[2]",
    show_default=True,
    help="With --engine spark: the Spark master URL.",
)
@click.pass_context
def registry_dedupe(
    ctx: click.Context,
    threshold: float | None,
    engine: str,
    review_band: tuple[float, float] | None,
    spark_master: str,
) -> None:
    """Link records that are the same person; every record gets a stable cluster id."""
    result = api.dedupe(
        db_of(ctx),
        threshold=threshold,
        engine=engine,
        review_band=review_band,
        spark_master=spark_master,
    )
    click.echo(result.summary())


@registry.command("review")
@click.option("--accept", nargs=2, type=int, help="Records A and B are one person: link them.")
@click.option("--reject", nargs=2, type=int, help="Records A and B are not: keep them apart.")
@click.option("--curator", help="Who decides (default: the login name).")
@click.option("--note", help="Why, in a few words (kept with the decision).")
@click.option("--limit", type=int, default=20, show_default=True, help="Show at most N pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print the queue as JSON.")
@click.pass_context
def registry_review(
    ctx: click.Context,
    accept: tuple[int, int] | None,
    reject: tuple[int, int] | None,
    curator: str | None,
    note: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Uncertain pairs side by side; --accept A B or --reject A B records a decision."""
    if accept and reject:
        raise click.UsageError("give --accept or --reject, not both")
    if accept or reject:
        pair = accept or reject
        assert pair is not None
        decision = api.decide(
            *pair, "accept" if accept else "reject", db_of(ctx), curator=curator, note=note
        )
        click.echo(decision.summary())
        return
    queue = api.review_queue(db_of(ctx), limit=limit)
    if as_json:
        echo_json(queue)
        return
    if queue["run"] is None:
        click.echo("no dedupe run yet: run imena registry dedupe first")
        return
    for item in queue["pairs"]:
        state = "linked" if item["linked"] else "apart"
        click.echo(f"p = {item['probability']:.3f} ({state})")
        click.echo("  " + render.review_record(item["a"]))
        click.echo("  " + render.review_record(item["b"]))
    click.echo(
        f"{queue['total']:,} pairs to review; {len(queue['pairs']):,} shown "
        "(decide with --accept A B or --reject A B)."
    )


@registry.command("context")
@click.argument("record_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def registry_context(ctx: click.Context, record_id: int, as_json: bool) -> None:
    """A record in context: its operation, sentencing body, officials then, decisions, figures."""
    result = api.record_context(db_of(ctx), record_id)
    if as_json:
        echo_json(result)
        return
    for line in api.context_lines(result):
        click.echo(line)
