"""CSV export: every claim as one row of one table, for spreadsheets and OpenRefine."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from imena.store import claims
from imena.store.db import Store

COLUMNS = [
    "kind", "id", "type", "date_from", "date_to", "date_precision", "date_text", "persons",
    "bodies", "office", "value", "value_max", "qualifier", "measure", "what", "scope", "status",
    "method", "rule", "source", "passage", "start", "end", "notes", "quote",
]  # fmt: skip


def _row(obj: dict[str, Any]) -> dict[str, Any]:
    cite = (obj.get("citations") or [{}])[0]
    row: dict[str, Any] = {
        "kind": obj["kind"], "id": obj["id"], "status": obj.get("status"),
        "method": obj.get("method"), "rule": obj.get("rule"), "source": cite.get("source"),
        "passage": cite.get("passage"), "start": cite.get("start"), "end": cite.get("end"),
        "notes": " ".join(cite.get("notes", [])), "quote": cite.get("quote"),
    }  # fmt: skip
    if obj["kind"] == "event":
        date = obj["date"]
        row.update(
            type=obj["type"], date_from=date["from"], date_to=date["to"],
            date_precision=date["precision"], date_text=date["text"], office=obj["office"],
            persons="; ".join(f"{p['name']} ({p['role']})" for p in obj["participants"]
                              if p["kind"] == "person"),
            bodies="; ".join(f"{p['name']} ({p['role']})" for p in obj["participants"]
                             if p["kind"] != "person"),
        )  # fmt: skip
    elif obj["kind"] == "office_term":
        start, end = obj["start"] or {}, obj["end"] or {}
        row.update(
            type="office_term", persons=obj["person"]["name"], office=obj["office"],
            date_from=start.get("from") or start.get("to"),
            date_to=end.get("to") or end.get("from"),
        )  # fmt: skip
    elif obj["kind"] == "figure":
        scope = obj["scope"] or {}
        row.update(
            type="figure", value=obj["value"], value_max=obj["value_max"],
            qualifier=obj["qualifier"], measure=obj["measure"], what=obj["what"],
            scope="; ".join(f"{k}={v}" for k, v in scope.items() if v and not isinstance(v, dict)),
        )  # fmt: skip
    elif obj["kind"] == "relation":
        row.update(type=obj["type"], persons=f"{obj['from']['name']}; {obj['to']['name']}")
    return row


def iter_csv(store: Store, *, source: str | None = None) -> Iterator[str]:
    """Yield the CSV text line by line: a header, then one row per claim."""
    if source is not None:
        found = claims.claims_of_source(store, source)
    else:
        found = {
            "event": claims.events(store), "office_term": claims.office_terms(store),
            "figure": claims.figures(store), "relation": claims.relations(store),
        }  # fmt: skip
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue().rstrip("\n")
    for kind in ("event", "office_term", "figure", "relation"):
        for obj in found[kind]:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(_row(obj))
            yield buffer.getvalue().rstrip("\n")
