"""Stalin's lists: import, one list, totals, signatures, dates, posts, conflicts."""

from __future__ import annotations

import click

from imena import api
from imena.cli import render
from imena.cli.base import cli, db_of, echo_json


@cli.group("lists")
def lists_group() -> None:
    """Stalin's lists (Memorial): NKVD lists of people submitted to the Politburo, 1937–1950."""


@lists_group.command("import")
@click.argument("directory", type=click.Path())
@click.pass_context
def lists_import(ctx: click.Context, directory: str) -> None:
    """Import DIRECTORY holding lists.csv, sublists.csv and lstmaker.csv (stalin.memo.ru)."""
    click.echo(api.import_stalin_lists(directory, db_of(ctx)).summary())


@lists_group.command("show")
@click.argument("list_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_show(ctx: click.Context, list_id: int, as_json: bool) -> None:
    """One document of the collection: archive reference, date, signatures, sections."""
    detail = api.list_detail(db_of(ctx), list_id)
    if as_json:
        echo_json(detail)
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
    click.echo(
        f"  date: {render.list_when(date)} «{date['text'] or ''}» ({detail['date_basis']}){flag}"
    )
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
    click.echo(f"  {render.list_counts(detail['categories'])}")
    for section in detail["sections"]:
        click.echo(
            f"    {section['number'] or '-'}. {section['title'] or '—'} "
            f"({render.list_when(section['date'])}): {render.list_counts(section['categories'])}"
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
    result = api.list_totals(db_of(ctx), region=region, month=month, category=category)
    if as_json:
        echo_json(result)
        return
    where = ", ".join(f"{k} {v}" for k, v in result["filters"].items() if v is not None)
    click.echo(
        f"{result['lists']:,} lists, {result['sections']:,} sections"
        f"{' (' + where + ')' if where else ''}: {render.list_counts(result['categories'])}"
    )
    if region and result["regions"]:
        click.echo(f"  regions: {'; '.join(result['regions'])}")
    click.echo("  by month:")
    for item in result["by_month"]:
        cats = {k: item[k] for k in result["categories"]}
        click.echo(f"    {item['month']}: {item['lists']:,} lists, {render.list_counts(cats)}")
    click.echo("  by region:")
    for item in result["by_region"][: None if region else 20]:
        cats = {k: item[k] for k in result["categories"]}
        english = f" ({item['region_en']})" if item["region_en"] else ""
        click.echo(f"    {item['region']}{english}: {render.list_counts(cats)}")


@lists_group.command("signatures")
@click.option("--member", help="One person, any spelling (Сталин, Stalin).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_signatures(ctx: click.Context, member: str | None, as_json: bool) -> None:
    """Lists signed per Politburo member and submitted per NKVD official."""
    result = api.list_members(db_of(ctx), member)
    if as_json:
        echo_json(result)
        return
    for item in result:
        role = "signed" if item["role"] == "signer" else "submitted"
        click.echo(
            f"{item['person']['name']} ({item['cyrillic']}): {role} {item['lists']:,} lists, "
            f"{render.list_when(item['first'] or {})} – {render.list_when(item['last'] or {})}; "
            f"{render.list_counts(item['categories'])}"
        )
        for signed in item.get("signed", []):
            click.echo(
                f"    list {signed['list_id']}  {render.list_when(signed['date'])}  "
                f"{signed['title']}"
            )


@lists_group.command("signed")
@click.option("--on", "on", required=True, help="A date: 1938-04-19, 1938-04, 19 апреля 1938.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_signed(ctx: click.Context, on: str, as_json: bool) -> None:
    """Lists of a date: who submitted them and which Politburo members signed."""
    result = api.lists_on(db_of(ctx), on)
    if as_json:
        echo_json(result)
        return
    for item in result:
        maybe = "" if item["exact"] else " (dated only to the month: possibly)"
        submitters = ", ".join(
            f"{s['person']['name']}{'' if s['status'] == 'signed' else ' [' + s['status'] + ']'}"
            for s in item["submitters"]
        )
        signers = ", ".join(s["person"]["name"] for s in item["signers"])
        click.echo(
            f"list {item['list_id']}  {render.list_when(item['date'])}{maybe}  {item['title']}\n"
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
    result = api.held_on_lists(db_of(ctx), on, office)
    if as_json:
        echo_json(result)
        return
    for item in result:
        how = (
            "signed as such that day"
            if item["how"] == "signed"
            else "signed as such before and after"
        )
        dates = ", ".join(sorted({render.list_when(x["date"]) for x in item["lists"]}))
        click.echo(f"{item['office']}: {item['person']['name']} — {how} ({dates})")
    if not result:
        click.echo("no signature on the lists attests who held it then")


@lists_group.command("timeline")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_timeline(ctx: click.Context, as_json: bool) -> None:
    """The Politburo's decisions on the lists, date by date."""
    result = api.list_timeline(db_of(ctx))
    if as_json:
        echo_json(result)
        return
    for day in result:
        click.echo(
            f"{render.list_when(day['date']):<18} {len(day['lists']):>3} lists  "
            f"{render.list_counts(day['categories'])}  signed by {', '.join(day['signers']) or '—'}"
        )


@lists_group.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lists_conflicts(ctx: click.Context, as_json: bool) -> None:
    """Where the lists' signatures and another source disagree about who held a post when."""
    result = api.list_conflicts(db_of(ctx))
    if as_json:
        echo_json(result)
        return
    for item in result:
        click.echo(f"{item['person']['name']} — {item['office']}: conflict")
        for cite in item["claim"].get("citations", []):
            click.echo(f"  {cite['source']}: {render.cite_line(cite)}")
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
    found = api.reconcile_lists(db_of(ctx))
    click.echo(f"{found:,} conflicts recorded")
