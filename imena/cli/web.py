"""The web site: serve it, and curators' accounts (the web is an edge like the CLI:
these commands call it directly)."""

from __future__ import annotations

import sys

import click

from imena.cli.base import cli, db_of


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the web application over the database (read-only without a curator's login)."""
    from imena.web.app import check_port
    from imena.web.app import serve as serve_site

    check_port(host, port)
    click.echo(f"imena: serving {db_of(ctx)} at http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    serve_site(db_of(ctx), host=host, port=port)


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
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from imena.web.auth import add_user_to

    add_user_to(db_of(ctx), name, password, role)
    click.echo(f"user {name} added ({role})")
