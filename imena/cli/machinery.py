"""The machinery: who held which post, succession, careers, figures, decisions, flows."""

from __future__ import annotations

import click

from imena import api
from imena.cli import render
from imena.cli.base import cli, db_of, echo_json


@cli.command()
@click.option(
    "--office", required=True, help='The office in any phrasing ("the Sverdlovsk chief").'
)
@click.option("--on", "on", required=True, help="The date, YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (CLI.md).")
@click.pass_context
def who(ctx: click.Context, office: str, on: str, as_json: bool) -> None:
    """Who held OFFICE on a date, from office terms and the evidence they rest on."""
    answer = api.who(db_of(ctx), office, on)
    if as_json:
        echo_json(answer.as_json())
        return
    click.echo(f"{', '.join(answer.offices)} on {answer.on}:")
    for term in answer.held:
        click.echo(f"  {term.person} — {term.described}")
        for cite in term.json["citations"]:
            click.echo(f"    {render.cite_line(cite)}")
    if not answer.held:
        click.echo("  unknown: no source imena holds says who held it on that date")
    for term, kind in answer.possible:
        if kind == "possible":
            why = "possibly, within the uncertain bounds of the term"
        else:
            why = "not attested on that date; the evidence does not reach it"
        click.echo(f"  {term.person}: {why}: {term.described}")
    for conflict in answer.conflicts:
        click.echo(f"  conflict: {conflict}")


@cli.command()
@click.argument("office")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the terms in order.")
@click.pass_context
def succession(ctx: click.Context, office: str, as_json: bool) -> None:
    """The holders of OFFICE in order, each term with its evidence and citations."""
    offices, found = api.succession(db_of(ctx), office)
    if as_json:
        echo_json([t.as_json() for t in found])
        return
    click.echo(", ".join(offices))
    if not found:
        click.echo("  unknown: no terms recorded")
    for term in found:
        click.echo(f"  {term.person}: {term.described}")
        for conflict in term.conflicts:
            click.echo(f"    conflict: {conflict}")


@cli.command()
@click.option("--person", "person_name", help="One person's career (any spelling).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def offices(ctx: click.Context, person_name: str | None, as_json: bool) -> None:
    """Offices with their holders, or with --person one person's career."""
    found = api.offices(db_of(ctx), person_name)
    if as_json:
        echo_json([t.as_json() for t in found])
        return
    for term in found:
        flag = f"  [conflict: {'; '.join(term.conflicts)}]" if term.conflicts else ""
        click.echo(f"{term.office}: {term.person} {term.described}{flag}")


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
    found = api.figures(db_of(ctx), measure=measure, operation=operation, body=body)
    if as_json:
        echo_json(found)
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
            cite = render.cite_line(fig["citations"][0]) if fig["citations"] else ""
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
    found = api.decisions(db_of(ctx), body=body, start=start, end=end, operation=operation)
    if as_json:
        echo_json(found)
        return
    for item in found:
        click.echo(
            f"{render.date_text(item['date']):<24} {item['type']:<10} {', '.join(item['bodies'])}: "
            f"{item['detail'] or ''}"[:200]
        )
        for cite in item["citations"][:2]:
            click.echo(f"    {render.cite_line(cite)}"[:300])
    if not found:
        click.echo("no decisions recorded")


@cli.command()
@click.option("--operation", help="The operation (national, kulak, polish, …).")
@click.option("--body", help='The body ("Special Troikas", …).')
@click.option("--json", "as_json", is_flag=True, help="Print JSON: stages, nodes and links.")
@click.pass_context
def flow(ctx: click.Context, operation: str | None, body: str | None, as_json: bool) -> None:
    """The flow of cases of an operation or body: arrested → examined → condemned → death."""
    if not operation and not body:
        raise click.UsageError("flow needs --operation or --body")
    result = api.flow(db_of(ctx), operation=operation, body=body)
    if as_json:
        echo_json(result)
        return
    for stage in result["stages"]:
        for fig in stage["figures"]:
            qual = "" if fig["qualifier"] == "exact" else fig["qualifier"] + " "
            cite = render.cite_line(fig["citations"][0]) if fig["citations"] else ""
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
    counts = api.load_reference(db_of(ctx))
    click.echo("reference data loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
