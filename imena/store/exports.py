"""What the exports read beyond the claims (imena.store.claims): sentence spans of passages."""

from __future__ import annotations

from imena.store.db import Store


def sentence_spans(store: Store, source_id: str) -> dict[str, list[list[int]]]:
    """[start, end] of each sentence of a source, by passage id, in reading order."""
    spans: dict[str, list[list[int]]] = {}
    for row in store.query(
        'SELECT s.passage_id, s.start, s."end" FROM sentences s JOIN passages p '
        "ON p.id = s.passage_id WHERE p.source_id = ? ORDER BY p.seq, s.seq",
        (source_id,),
    ):
        spans.setdefault(row[0], []).append([row[1], row[2]])
    return spans
