"""Exports of the database in standard formats, one writer per format, declared in WRITERS.

A writer takes a Store and an optional source id and yields lines; a new format is a
module here and one entry below (the CLI's ``export --format`` choices come from it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from imena.export.jsonl import iter_jsonl
from imena.export.tables import iter_csv
from imena.export.tei import iter_tei

#: Export format → its writer.
WRITERS: dict[str, Callable[..., Iterator[str]]] = {
    "jsonl": iter_jsonl,
    "csv": iter_csv,
    "tei": iter_tei,
}

__all__ = ["WRITERS"]
