"""``imena demo``: build a database from the bundled sample data, show what is in it, serve it."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from imena import api
from imena.store.db import Store


def sample_files() -> list[Path]:
    """The bundled sample sources (ours, CC0), in a stable order."""
    folder = resources.files("imena") / "data" / "sample"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".md"))


def run_demo(
    db: str,
    *,
    echo: Callable[[str], None] = print,
    serve: bool = False,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Ingest the samples into ``db`` (idempotent), print a short tour, then serve the site.

    With ``serve`` the port is checked before anything is ingested, so a busy port is
    one clear error rather than a database built for nothing.
    """
    if serve:
        from imena.web.app import check_port

        check_port(host, port)
    results = api.ingest(sample_files(), db)
    for result in results:
        echo(result.summary())
    from imena.machinery import load_reference

    with Store(db, create=False) as store:
        # The curated reference data (bodies, offices, operations, terms, decisions) that
        # the machinery questions and the offices and figures pages rest on.
        loaded = load_reference(store)
    echo("reference data: " + ", ".join(f"{n} {kind}" for kind, n in loaded.items()))
    with Store(db, create=False) as store:
        for result in results:
            echo("")
            echo(f"Source {result.source_id}: {result.title}")
            for row in store.passages(result.source_id):
                markers = store.markers(row["id"])
                labels = ", ".join(m["label"] for m in markers)
                text = row["text"].replace("\n", " / ")
                short = text if len(text) <= 96 else text[:93] + "..."
                echo(f"  {row['id']:<40} {row['kind']:<9} {short}")
                if labels:
                    echo(f"  {'':<40} {'':<9} notes: {labels}")
    echo("")
    echo(f"Database: {db}  (imena export --format jsonl, or imena --db {db} export)")
    if serve:
        from imena.web.app import serve as serve_site

        echo("")
        echo(f"The site is at http://{host}:{port}/  (open it in a browser; Ctrl+C stops it)")
        echo(f"Curators: imena --db {db} user add NAME, then log in on the site to review claims.")
        serve_site(db, host=host, port=port)
