"""Names: keys and comparisons across scripts and romanisations."""

from __future__ import annotations

import json

import click

from imena import api
from imena.cli.base import cli


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
    threshold = api.SAME_PERSON_THRESHOLD
    verdict = "one person" if result["score"] >= threshold else "not the same"
    click.echo(f"{result['score']:.3f}  {verdict} (threshold {threshold})")
    click.echo(f"  {a}: {result['a_key']}")
    click.echo(f"  {b}: {result['b_key']}")
