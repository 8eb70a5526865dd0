"""The ``imena`` command: command groups of options over the Python API (CLI.md).

Each module registers its commands on the root group (:mod:`imena.cli.base`) and renders
text with :mod:`imena.cli.render`; every command calls :mod:`imena.api` only.
"""

from __future__ import annotations

import os
import sys

import click

from imena import api
from imena.cli import database, lists, machinery, names, registry, sources, web
from imena.cli.base import cli
from imena.errors import ImenaError

# The command groups, registered on ``cli`` when imported.
GROUPS = (sources, machinery, registry, lists, names, web, database)


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
    except api.DATABASE_ERRORS as exc:
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


__all__ = ["GROUPS", "cli", "main"]
