"""JSON Lines export: one object per line, each with a ``kind``, as CLI.md specifies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from imena.errors import ImenaError
from imena.store import claims
from imena.store.db import Store
from imena.store.exports import sentence_spans


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def source_object(row: Any) -> dict[str, Any]:
    return {
        "kind": "source",
        "id": row["id"],
        "title": row["title"],
        "authors": row["authors"],
        "year": row["year"],
        "source_kind": row["kind"],
        "language": row["language"],
        "format": row["format"],
        "encoding": row["encoding"],
        "sha256": row["sha256"],
        "ingested_at": row["ingested_at"],
    }


def passage_objects(store: Store, source_id: str) -> Iterator[dict[str, Any]]:
    markers = store.markers_by_passage(source_id)
    sentences = sentence_spans(store, source_id)
    for row in store.passages(source_id):
        yield {
            "kind": "passage",
            "id": row["id"],
            "source": source_id,
            "seq": row["seq"],
            "type": row["kind"],
            "text": row["text"],
            "page": row["page"],
            "markers": [
                {
                    "label": m["label"],
                    "offset": m["offset"],
                    **({"note": m["note"]} if m["note"] else {}),
                }
                for m in markers.get(row["id"], [])
            ],
            "markup": [{"start": s, "end": e, "type": k} for s, e, k in json.loads(row["markup"])],
            "note_for": row["note_for"],
            "note_label": row["note_label"],
            "sentences": sentences.get(row["id"], []),
        }


def iter_jsonl(store: Store, *, source: str | None = None) -> Iterator[str]:
    """Yield the export line by line (sources, then their passages)."""
    if source is not None:
        row = store.source(source)
        if row is None:
            raise ImenaError(f"no source with id {source!r} (see the source lines of the export)")
        rows = [row]
    else:
        rows = store.sources()
    for row in rows:
        yield _line(source_object(row))
        for obj in passage_objects(store, row["id"]):
            yield _line(obj)
    if source is not None:
        found = claims.claims_of_source(store, source)
        ids = {p["id"] for e in found["event"] for p in e["participants"] if p["kind"] == "person"}
        ids |= {t["person"]["id"] for t in found["office_term"]}
        ids |= {r["from"]["id"] for r in found["relation"]} | {
            r["to"]["id"] for r in found["relation"]
        }
        person_objects = [p for p in claims.persons(store) if p["id"] in ids]
    else:
        found = {
            "event": claims.events(store),
            "office_term": claims.office_terms(store),
            "figure": claims.figures(store),
            "relation": claims.relations(store),
        }
        person_objects = claims.persons(store)
    for obj in person_objects:
        yield _line(obj)
    for kind in ("event", "office_term", "figure", "relation"):
        for obj in found[kind]:
            yield _line(obj)
