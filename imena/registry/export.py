"""Exporting registry records with their normalised fields and cluster ids (CSV or JSON lines)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator

from imena.errors import InputError
from imena.registry.fields import RECORD_FIELDS
from imena.store import registry as registry_db
from imena.store.db import Store, default_db_path, dumps

PathLike = str | os.PathLike[str]
EXPORT_FORMATS = ("csv", "jsonl")
#: Columns of the CSV export and keys of each JSON line, in order (CLI.md).
EXPORT_COLUMNS: tuple[str, ...] = (
    "record_id", "cluster_id", "registry", "source_row", *RECORD_FIELDS,
)  # fmt: skip


def export_records(
    fmt: str, db: PathLike | None = None, *, store: Store | None = None
) -> Iterator[str]:
    """Every record as lines of text: a CSV header and rows, or one JSON object per line.

    JSON lines also carry ``variants`` (other spellings the registry gives) and ``raw``
    (the row as written).  Lines come without their line end.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r} (use csv or jsonl)")
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        rows = registry_db.export_rows(store, RECORD_FIELDS)
        if fmt == "jsonl":
            for row in rows:
                record = {column: row[column] for column in EXPORT_COLUMNS}
                record["was_executed"] = _flag(row["was_executed"])
                record["variants"] = json.loads(row["variants"] or "[]")
                record["raw"] = json.loads(row["raw"])
                yield dumps(record)
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        yield _take(buffer)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in EXPORT_COLUMNS])
            yield _take(buffer)
    finally:
        if own:
            store.close()


def _take(buffer: io.StringIO) -> str:
    # The line end is written (so that fields holding one are quoted) and taken off here.
    text = buffer.getvalue()[:-1]
    buffer.seek(0)
    buffer.truncate()
    return text


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)
