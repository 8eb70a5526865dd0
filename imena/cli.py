"""The ``imena`` command: a thin layer of options over the Python API (CLI.md)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from imena import __version__, api
from imena.errors import ImenaError
from imena.store.db import database_errors, default_db_path
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
    meta = SourceMeta(title=title, authors=authors, year=year, rights=rights)
    for result in api.ingest(files, _db(ctx), meta=meta, extract=not no_extract, model=model):
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
    _emit(api.export(_db(ctx), fmt, source=source), out)


def _emit(lines: Iterator[str], out: str | None) -> None:
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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on.")
@click.option("--no-serve", is_flag=True, help="Only build the database and print the tour.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Build a database from the bundled sample data, show what imena found, serve the site."""
    from imena.demo import run_demo

    run_demo(_db(ctx), echo=click.echo, serve=not no_serve, host=host, port=port)


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
    # An archival citation has no passage, only its archive reference.
    where = c.get("passage") or c.get("locator") or c["source"]
    notes = f", note {', '.join(c['notes'])}" if c["notes"] else ""
    if notes and str(where).endswith(notes):
        notes = ""  # a reference citation's locator names its note already
    more = f" +{len(citations) - 1}" if len(citations) > 1 else ""
    return f"[{where}{notes}]{more}"


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

    _emit(export_records(fmt, _db(ctx)), out)


@registry.command("rekey")
@click.pass_context
def registry_rekey(ctx: click.Context) -> None:
    """Rebuild the name keys of every record with the name-key function now in force."""
    from imena.registry import rekey

    click.echo(f"{rekey(_db(ctx)):,} records rekeyed")


# -- registry dedupe and review (issue 7): linkage with Splink, the curators' queue ----------


@registry.command("dedupe")
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Link pairs at or above this match probability (default 0.5).",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
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
    from imena.registry.dedupe import DEFAULT_REVIEW_BAND, DEFAULT_THRESHOLD, dedupe

    result = dedupe(
        _db(ctx),
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        engine=engine,
        review_band=review_band or DEFAULT_REVIEW_BAND,
        spark_master=spark_master,
    )
    click.echo(result.summary())


def _review_record(record: dict) -> str:
    name = " ".join(p for p in (record["surname"], record["name"], record["patronymic"]) if p)
    facts = [
        f"b. {record['birth_year']}" if record["birth_year"] else "",
        record["birth_place"] or "",
        record["nationality"] or "",
        f"arrested {record['arrest_date']}" if record["arrest_date"] else "",
        f"d. {record['death_date']}" if record["death_date"] else "",
    ]
    details = "; ".join(f for f in facts if f)
    return (
        f"{record['record_id']:>9}  {name}{' (' + details + ')' if details else ''}"
        f"  [{record['registry']} line {record['source_row']}]"
    )


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
    from imena.registry.review import decide, review_queue

    if accept and reject:
        raise click.UsageError("give --accept or --reject, not both")
    if accept or reject:
        pair = accept or reject
        assert pair is not None
        decision = decide(
            *pair, "accept" if accept else "reject", _db(ctx), curator=curator, note=note
        )
        click.echo(decision.summary())
        return
    queue = review_queue(_db(ctx), limit=limit)
    if as_json:
        click.echo(json.dumps(queue, ensure_ascii=False, indent=2))
        return
    if queue["run"] is None:
        click.echo("no dedupe run yet: run imena registry dedupe first")
        return
    for item in queue["pairs"]:
        state = "linked" if item["linked"] else "apart"
        click.echo(f"p = {item['probability']:.3f} ({state})")
        click.echo("  " + _review_record(item["a"]))
        click.echo("  " + _review_record(item["b"]))
    click.echo(
        f"{queue['total']:,} pairs to review; {len(queue['pairs']):,} shown "
        "(decide with --accept A B or --reject A B)."
    )


# -- web (issue 6): the site and its curators' accounts --------------------------------------


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the web application over the database (read-only without a curator's login)."""
    from imena.web.app import check_port
    from imena.web.app import serve as serve_site

    check_port(host, port)
    click.echo(f"imena: serving {_db(ctx)} at http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    serve_site(_db(ctx), host=host, port=port)


@cli.group()
def user() -> None:
    """Curators' accounts for the web application's review."""


@user.command("add")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
@click.option("--role", default="curator", show_default=True, help="The account's role.")
@click.pass_context
def user_add(ctx: click.Context, name: str, password_stdin: bool, role: str) -> None:
    """Create a curator account NAME; the password is asked for (or read from stdin)."""
    from imena.store.db import Store
    from imena.web.auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with Store(_db(ctx), create=False) as store:
        add_user(store, name, password, role)
    click.echo(f"user {name} added ({role})")


# -- the machinery (issue 5) and a record in context (issue 7): over imena.machinery ---------


def _machinery_store(ctx: click.Context):  # returns a Store (imported lazily: fast --help)
    from imena.store.db import Store

    return Store(_db(ctx), create=False)


def _cite_line(citation: dict) -> str:
    """'jansen-petrov-2002-ch5-apogee:p59, note 74: "On 22 May ..."' or the locator."""
    notes = f", note {', '.join(citation['notes'])}" if citation.get("notes") else ""
    if citation.get("quote"):
        return f'{citation["passage"]}{notes}: "{citation["quote"]}"'
    return citation.get("locator") or f"{citation['source']}{notes}"


@cli.command()
@click.option(
    "--office", required=True, help='The office in any phrasing ("the Sverdlovsk chief").'
)
@click.option("--on", "on", required=True, help="The date, YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (CLI.md).")
@click.pass_context
def who(ctx: click.Context, office: str, on: str, as_json: bool) -> None:
    """Who held OFFICE on a date, from office terms and the evidence they rest on."""
    from imena.machinery import terms

    terms.parse_day(on)
    with _machinery_store(ctx) as store:
        answer = terms.who(store, office, on)
        if as_json:
            click.echo(json.dumps(answer.as_json(store), ensure_ascii=False, indent=2))
            return
        names = ", ".join(o.name for o in answer.offices)
        click.echo(f"{names} on {answer.on}:")
        for term in answer.held:
            click.echo(f"  {term.person_name} — {terms.describe(term)}")
            for cite in term.as_json(store)["citations"]:
                click.echo(f"    {_cite_line(cite)}")
        if not answer.held:
            click.echo("  unknown: no source imena holds says who held it on that date")
        for term, kind in answer.possible:
            if kind == "possible":
                why = "possibly, within the uncertain bounds of the term"
            else:
                why = "not attested on that date; the evidence does not reach it"
            click.echo(f"  {term.person_name}: {why}: {terms.describe(term)}")
        for conflict in answer.conflicts:
            click.echo(f"  conflict: {conflict}")


@cli.command()
@click.argument("office")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the terms in order.")
@click.pass_context
def succession(ctx: click.Context, office: str, as_json: bool) -> None:
    """The holders of OFFICE in order, each term with its evidence and citations."""
    from imena.machinery import terms

    with _machinery_store(ctx) as store:
        offices, found = terms.succession(store, office)
        if as_json:
            click.echo(json.dumps([t.as_json(store) for t in found], ensure_ascii=False, indent=2))
            return
        click.echo(", ".join(o.name for o in offices))
        if not found:
            click.echo("  unknown: no terms recorded")
        for term in found:
            click.echo(f"  {term.person_name}: {terms.describe(term)}")
            for conflict in term.conflicts:
                click.echo(f"    conflict: {conflict}")


@cli.command()
@click.option("--person", "person_name", help="One person's career (any spelling).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def offices(ctx: click.Context, person_name: str | None, as_json: bool) -> None:
    """Offices with their holders, or with --person one person's career."""
    from imena.machinery import terms

    with _machinery_store(ctx) as store:
        if person_name:
            found_people = api.find_persons(store, person_name)
            if not found_people:
                raise ImenaError(f"--person {person_name!r}: no person of that name")
            found = terms.career(store, [found_people[0]["id"]])
        else:
            from imena.machinery.reference import ensure_reference

            ensure_reference(store)
            found = terms.terms_of(store)
        if as_json:
            click.echo(json.dumps([t.as_json(store) for t in found], ensure_ascii=False, indent=2))
            return
        for term in found:
            flag = f"  [conflict: {'; '.join(term.conflicts)}]" if term.conflicts else ""
            click.echo(f"{term.office}: {term.person_name} {terms.describe(term)}{flag}")


@cli.command()
@click.option("--measure", help="Only this measure (examined, condemned, sentenced_to_death, …).")
@click.option("--operation", help="Only this operation (kulak, national, polish, …).")
@click.option("--body", help='Only this body ("Special Troikas", dvoika, …).')
@click.option("--json", "as_json", is_flag=True, help="Print JSON (CLI.md).")
@click.pass_context
def figures(
    ctx: click.Context, measure: str | None, operation: str | None, body: str | None, as_json: bool
) -> None:
    """Figures by measure and scope; conflicts side by side, part-whole violations flagged."""
    from imena.machinery.decisions import operation_label
    from imena.machinery.figures import FigureFilter, reconcile_figures

    flt = FigureFilter(
        measure=measure,
        operation=operation_label(operation) if operation else None,
        body=_body_label(body) if body else None,
    )
    with _machinery_store(ctx) as store:
        found = reconcile_figures(store, flt)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    groups: dict[tuple, list[dict]] = {}
    for fig in found:
        scope = fig["scope"]
        key = (
            fig["measure"],
            *(scope[k] or "" for k in ("operation", "body", "region", "nationality")),
        )
        groups.setdefault(key, []).append(fig)
    for key, group in sorted(groups.items()):
        scope = ", ".join(
            f"{k}={v}"
            for k, v in zip(("operation", "body", "region", "nationality"), key[1:], strict=True)
            if v
        )
        click.echo(f"{key[0]}{' (' + scope + ')' if scope else ''}")
        for fig in group:
            qual = "" if fig["qualifier"] == "exact" else fig["qualifier"] + " "
            top = f"–{fig['value_max']:,}" if fig["value_max"] else ""
            period = (fig["scope"]["period"] or {}).get("text") or ""
            cite = _cite_line(fig["citations"][0]) if fig["citations"] else ""
            click.echo(f"  {qual}{fig['value']:,}{top} {fig['what'] or ''} {period}  [{fig['id']}]")
            if cite:
                click.echo(f"    {cite}")
            if fig["conflicts_with"]:
                click.echo(f"    CONFLICT with {', '.join(fig['conflicts_with'])}")
            for v in fig["violates"]:
                click.echo(f"    VIOLATES: {v}")
            if fig.get("counts_beside"):
                click.echo(
                    f"    counts reported against this quota: {', '.join(fig['counts_beside'])}"
                )


def _body_label(text: str) -> str:
    """'special troika' → 'Special Troikas' (the labels of imena.extract.figures.BODIES)."""
    import re

    from imena.extract.figures import BODIES

    for label, pattern in BODIES:
        if text.lower() == label.lower() or re.fullmatch(f"(?:the\\s+)?(?:{pattern})", text, re.I):
            return label
    raise ImenaError(f"--body {text!r}: no body of that name is known")


@cli.command()
@click.option("--body", help='The body (Politburo, "Central Committee", …); any when omitted.')
@click.option("--from", "start", help="From this date, YYYY-MM-DD.")
@click.option("--to", "end", help="Up to this date, YYYY-MM-DD.")
@click.option("--operation", help="Only decisions of this operation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def decisions(
    ctx: click.Context,
    body: str | None,
    start: str | None,
    end: str | None,
    operation: str | None,
    as_json: bool,
) -> None:
    """The chronology of decisions, orders and quotas of a body over a period, with sources."""
    from imena.machinery.decisions import decisions as find_decisions
    from imena.machinery.terms import parse_day

    start = parse_day(start, "--from") if start else None
    end = parse_day(end, "--to") if end else None
    with _machinery_store(ctx) as store:
        found = find_decisions(store, body, start, end, operation)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for item in found:
        click.echo(
            f"{_date_text(item['date']):<24} {item['type']:<10} {', '.join(item['bodies'])}: "
            f"{item['detail'] or ''}"[:200]
        )
        for cite in item["citations"][:2]:
            click.echo(f"    {_cite_line(cite)}"[:300])
    if not found:
        click.echo("no decisions recorded")


@cli.command()
@click.option("--operation", help="The operation (national, kulak, polish, …).")
@click.option("--body", help='The body ("Special Troikas", …).')
@click.option("--json", "as_json", is_flag=True, help="Print JSON: stages, nodes and links.")
@click.pass_context
def flow(ctx: click.Context, operation: str | None, body: str | None, as_json: bool) -> None:
    """The flow of cases of an operation or body: arrested → examined → condemned → death."""
    from imena.machinery.decisions import operation_label
    from imena.machinery.figures import flow as build_flow

    if not operation and not body:
        raise click.UsageError("flow needs --operation or --body")
    with _machinery_store(ctx) as store:
        result = build_flow(
            store,
            operation_label(operation) if operation else None,
            _body_label(body) if body else None,
        )
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for stage in result["stages"]:
        for fig in stage["figures"]:
            qual = "" if fig["qualifier"] == "exact" else fig["qualifier"] + " "
            cite = _cite_line(fig["citations"][0]) if fig["citations"] else ""
            click.echo(f"{stage['stage']:<20} {qual}{fig['value']:,}  {cite}"[:240])
        for part in stage["parts"]:
            qual = "" if part["qualifier"] == "exact" else part["qualifier"] + " "
            click.echo(f"  of them {part['scope']['nationality']:<10} {qual}{part['value']:,}")
    if not result["stages"]:
        click.echo("no figures recorded for this operation or body")
    click.echo(
        "consistent" if result["consistent"] else "INCONSISTENT: " + "; ".join(result["violates"])
    )


@cli.group()
def reference() -> None:
    """The bundled reference data: bodies, offices, operations, terms, decisions, with sources."""


@reference.command("load")
@click.pass_context
def reference_load(ctx: click.Context) -> None:
    """Load (or update) the bundled reference data into the database."""
    from imena.machinery.reference import load_reference
    from imena.store.db import Store

    with Store(_db(ctx)) as store:
        counts = load_reference(store)
    click.echo("reference data loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@registry.command("context")
@click.argument("record_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def registry_context(ctx: click.Context, record_id: int, as_json: bool) -> None:
    """A record in context: its operation, sentencing body, officials then, decisions, figures."""
    from imena.registry.context import record_context, render_context

    with _machinery_store(ctx) as store:
        result = record_context(store, record_id)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for line in render_context(result):
        click.echo(line)


# -- Stalin's lists (issue 8): a thin layer over imena.lists ---------------------------------


@cli.group("lists")
def lists_group() -> None:
    """Stalin's lists (Memorial): NKVD lists of people submitted to the Politburo, 1937–1950."""


def _lists_store(ctx: click.Context):
    from imena.store.db import Store

    return Store(_db(ctx), create=False)


def _lists_day(text: str):
    from imena.lists.dates import parse_query_date

    day = parse_query_date(text)
    if day is None:
        raise ImenaError(
            f"--on {text!r}: expected a date such as 1938-04-19, 1938-04 or 19.IV.1938"
        )
    return day


def _lists_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _lists_when(date: dict) -> str:
    lo, hi, precision = date.get("from"), date.get("to"), date.get("precision")
    if not lo:
        return "undated"
    if precision == "month":
        return f"{lo[:7]} (month)"
    return lo if lo == hi else f"{lo}..{hi}"


def _lists_counts(categories: dict) -> str:
    return " · ".join(f"cat. {k}: {n:,}" for k, n in categories.items())


@lists_group.command("import")
@click.argument("directory", type=click.Path())
@click.pass_context
def lists_import(ctx: click.Context, directory: str) -> None:
    """Import DIRECTORY holding lists.csv, sublists.csv and lstmaker.csv (stalin.memo.ru)."""
    from imena.lists import import_stalin_lists

    click.echo(import_stalin_lists(directory, _db(ctx)).summary())


@lists_group.command("show")
@click.argument("list_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_show(ctx: click.Context, list_id: int, as_json: bool) -> None:
    """One document of the collection: archive reference, date, signatures, sections."""
    from imena.lists import list_detail

    with _lists_store(ctx) as store:
        detail = list_detail(store, list_id)
    if detail is None:
        raise ImenaError(f"no list {list_id} in the collection")
    if as_json:
        _lists_json(detail)
        return
    kind = "list" if detail["is_list"] else "document (cover note or inventory)"
    click.echo(
        f"{kind} {list_id} (vol. {detail['volume']}, no. {detail['number']}): {detail['title']}"
    )
    click.echo(f"  archive: {detail['citation']['locator']}")
    date = detail["date"]
    flag = (
        f"  [{detail['date_flag']}: Memorial's date {detail['adate']}]"
        if detail["date_flag"]
        else ""
    )
    click.echo(f"  date: {_lists_when(date)} «{date['text'] or ''}» ({detail['date_basis']}){flag}")
    for s in detail["submitters"]:
        rank = f", {s['rank']}" if s["rank"] else ""
        click.echo(
            f"  submitted by {s['person']['name']} ({s['cyrillic']}): "
            f"{'; '.join(s['offices']) or s['post'] or '?'}{rank} [{s['status']}] "
            f"— «{s['as_written']}»"
        )
    if detail["signers"]:
        names = ", ".join(s["person"]["name"] for s in detail["signers"])
        click.echo(f"  signed for the Politburo by: {names}")
    if detail["resolution"]:
        click.echo(f"  resolution: «{detail['resolution']}»")
    click.echo(f"  {_lists_counts(detail['categories'])}")
    for section in detail["sections"]:
        click.echo(
            f"    {section['number'] or '-'}. {section['title'] or '—'} "
            f"({_lists_when(section['date'])}): {_lists_counts(section['categories'])}"
        )


@lists_group.command("totals")
@click.option("--region", help="A region in Russian or English (Свердловская, Sverdlovsk).")
@click.option("--month", help="A month, YYYY-MM.")
@click.option("--category", type=int, help="Only sentence category N (1 = shooting).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_totals(
    ctx: click.Context, region: str | None, month: str | None, category: int | None, as_json: bool
) -> None:
    """People listed per sentence category: in all, or in a region and/or month."""
    from imena.lists import totals

    with _lists_store(ctx) as store:
        result = totals(store, region=region, month=month, category=category)
    if as_json:
        _lists_json(result)
        return
    where = ", ".join(f"{k} {v}" for k, v in result["filters"].items() if v is not None)
    click.echo(
        f"{result['lists']:,} lists, {result['sections']:,} sections"
        f"{' (' + where + ')' if where else ''}: {_lists_counts(result['categories'])}"
    )
    if region and result["regions"]:
        click.echo(f"  regions: {'; '.join(result['regions'])}")
    click.echo("  by month:")
    for item in result["by_month"]:
        cats = {k: item[k] for k in result["categories"]}
        click.echo(f"    {item['month']}: {item['lists']:,} lists, {_lists_counts(cats)}")
    click.echo("  by region:")
    for item in result["by_region"][: None if region else 20]:
        cats = {k: item[k] for k in result["categories"]}
        english = f" ({item['region_en']})" if item["region_en"] else ""
        click.echo(f"    {item['region']}{english}: {_lists_counts(cats)}")


@lists_group.command("signatures")
@click.option("--member", help="One person, any spelling (Сталин, Stalin).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_signatures(ctx: click.Context, member: str | None, as_json: bool) -> None:
    """Lists signed per Politburo member and submitted per NKVD official."""
    from imena.lists import members

    with _lists_store(ctx) as store:
        result = members(store, member)
    if as_json:
        _lists_json(result)
        return
    for item in result:
        role = "signed" if item["role"] == "signer" else "submitted"
        click.echo(
            f"{item['person']['name']} ({item['cyrillic']}): {role} {item['lists']:,} lists, "
            f"{_lists_when(item['first'] or {})} – {_lists_when(item['last'] or {})}; "
            f"{_lists_counts(item['categories'])}"
        )
        for signed in item.get("signed", []):
            click.echo(
                f"    list {signed['list_id']}  {_lists_when(signed['date'])}  {signed['title']}"
            )


@lists_group.command("signed")
@click.option("--on", "on", required=True, help="A date: 1938-04-19, 1938-04, 19 апреля 1938.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_signed(ctx: click.Context, on: str, as_json: bool) -> None:
    """Lists of a date: who submitted them and which Politburo members signed."""
    from imena.lists import lists_on

    day = _lists_day(on)
    with _lists_store(ctx) as store:
        result = lists_on(store, day)
    if as_json:
        _lists_json(result)
        return
    for item in result:
        maybe = "" if item["exact"] else " (dated only to the month: possibly)"
        submitters = ", ".join(
            f"{s['person']['name']}{'' if s['status'] == 'signed' else ' [' + s['status'] + ']'}"
            for s in item["submitters"]
        )
        signers = ", ".join(s["person"]["name"] for s in item["signers"])
        click.echo(
            f"list {item['list_id']}  {_lists_when(item['date'])}{maybe}  {item['title']}\n"
            f"    submitted by: {submitters or '—'}; signed by: {signers or '—'}\n"
            f"    {item['citation']['locator']}"
        )
    click.echo(f"{len(result):,} lists.")


@lists_group.command("held")
@click.option("--on", "on", required=True, help="A date: 1938-01-15.")
@click.option("--office", help="An office in English or Russian (Registration Department, 8 отд.).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_held(ctx: click.Context, on: str, office: str | None, as_json: bool) -> None:
    """Who held an NKVD post on a date, by the signatures on the lists alone."""
    from imena.lists import held_on

    day = _lists_day(on)
    with _lists_store(ctx) as store:
        result = held_on(store, day, office=office)
    if as_json:
        _lists_json(result)
        return
    for item in result:
        how = (
            "signed as such that day"
            if item["how"] == "signed"
            else "signed as such before and after"
        )
        dates = ", ".join(sorted({_lists_when(x["date"]) for x in item["lists"]}))
        click.echo(f"{item['office']}: {item['person']['name']} — {how} ({dates})")
    if not result:
        click.echo("no signature on the lists attests who held it then")


@lists_group.command("timeline")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_timeline(ctx: click.Context, as_json: bool) -> None:
    """The Politburo's decisions on the lists, date by date."""
    from imena.lists import timeline

    with _lists_store(ctx) as store:
        result = timeline(store)
    if as_json:
        _lists_json(result)
        return
    for day in result:
        click.echo(
            f"{_lists_when(day['date']):<18} {len(day['lists']):>3} lists  "
            f"{_lists_counts(day['categories'])}  signed by {', '.join(day['signers']) or '—'}"
        )


@lists_group.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_conflicts(ctx: click.Context, as_json: bool) -> None:
    """Where the lists' signatures and another source disagree about who held a post when."""
    from imena.lists import conflict_groups

    with _lists_store(ctx) as store:
        result = conflict_groups(store)
    if as_json:
        _lists_json(result)
        return
    for item in result:
        click.echo(f"{item['person']['name']} — {item['office']}: conflict")
        for cite in item["claim"].get("citations", []):
            click.echo(f"  {cite['source']}: {_cite_line(cite)}")
        dates = ", ".join(sorted({x["date"] for x in item["lists"]}))
        click.echo(
            f"  Stalin's lists: signed as its holder on {dates} ({len(item['lists'])} lists)"
        )
        for x in item["lists"][:3]:
            click.echo(f"    list {x['list_id']}: {x['citation']['locator']}")
    if not result:
        click.echo("no conflicts between the lists and other sources")


@lists_group.command("reconcile")
@click.pass_context
def lists_reconcile(ctx: click.Context) -> None:
    """Record anew the conflicts between the lists and the sources now in the database."""
    from imena.lists import record_conflicts

    with _lists_store(ctx) as store, store.transaction() as conn:
        found = record_conflicts(conn)
    click.echo(f"{found:,} conflicts recorded")


@cli.group()
def names() -> None:
    """Name keys and comparisons across scripts and romanisations (Ежов, Ezhov, Jeschow)."""


@names.command("key")
@click.argument("name", nargs=-1, required=True)
def names_key(name: tuple[str, ...]) -> None:
    """Print the romanisation-insensitive key of each NAME, one per line."""
    for key in api.name_keys(name):
        click.echo(key)


@names.command("compare")
@click.argument("a", required=False)
@click.argument("b", required=False)
@click.option("--json", "as_json", is_flag=True, help='Print {"a_key", "b_key", "score"}.')
@click.option(
    "--pairs",
    type=click.Path(dir_okay=True),
    help="A CSV file with columns a,b: one JSON object per line out, in the same order.",
)
def names_compare(a: str | None, b: str | None, as_json: bool, pairs: str | None) -> None:
    """Score how likely names A and B are one person's, in [0, 1]."""
    if pairs:
        if a or b:
            raise click.UsageError("give A and B, or --pairs FILE, not both")
        for result in api.compare_name_pairs(pairs):
            click.echo(json.dumps(result, ensure_ascii=False))
        return
    if a is None or b is None:
        raise click.UsageError("names compare needs two names A and B (or --pairs FILE)")
    result = api.compare_two_names(a, b)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    from imena.names import SAME_PERSON_THRESHOLD

    verdict = "one person" if result["score"] >= SAME_PERSON_THRESHOLD else "not the same"
    click.echo(f"{result['score']:.3f}  {verdict} (threshold {SAME_PERSON_THRESHOLD})")
    click.echo(f"  {a}: {result['a_key']}")
    click.echo(f"  {b}: {result['b_key']}")


def _extend_registry_import() -> None:
    """`registry import DIR --format stalin-lists` hands the directory to `lists import`."""
    option = next(p for p in registry_import.params if p.name == "fmt")
    choices = list(getattr(option.type, "choices", ()))
    option.type = click.Choice([*choices, "stalin-lists"])
    original = registry_import.callback

    @click.pass_context
    def callback(ctx: click.Context, **kwargs: object) -> None:
        if kwargs.get("fmt") != "stalin-lists":
            return ctx.invoke(original, **kwargs)  # type: ignore[arg-type]
        if kwargs.get("mapping") or kwargs.get("name"):
            raise click.UsageError("--format stalin-lists takes a directory and no --map or --name")
        from imena.lists import import_stalin_lists

        click.echo(import_stalin_lists(str(kwargs["file"]), _db(ctx)).summary())
        return None

    registry_import.callback = callback


_extend_registry_import()


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
    except database_errors() as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        click.echo(f"imena: error: database: {first}", err=True)
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
    except Exception as exc:
        # A bug of ours, not bad input: still one line, the traceback on request.
        if os.environ.get("IMENA_DEBUG"):
            raise
        click.echo(
            f"imena: internal error: {type(exc).__name__}: {exc} (IMENA_DEBUG=1 shows where)",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
