"""``imena demo``: build a database from the bundled sample data and show what is in it."""

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


def run_demo(db: str, *, echo: Callable[[str], None] = print) -> None:
    """Ingest the samples into ``db`` (idempotent) and print a short tour of the result."""
    results = api.ingest(sample_files(), db)
    for result in results:
        echo(result.summary())
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
