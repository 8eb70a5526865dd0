"""Sources in the database: writing a cleaned source (its row, passages, markers, sentences)
and reading sources back for the reader, the search and the source list."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from imena.sources.model import Document
from imena.sources.sentences import split_sentences
from imena.store.db import Store, dumps


@dataclass
class SourceMeta:
    """What a person may say about a source when ingesting it."""

    title: str | None = None
    authors: str | None = None
    year: int | None = None
    kind: str = "text"
    language: str | None = None
    rights: str | None = None


def slugify(text: str) -> str:
    """A stable ASCII id from a file name or title ("Apogee (ch. 5)" -> "apogee-ch-5")."""
    try:
        import iuliia

        if re.search("[А-Яа-яЁё]", text):
            text = iuliia.WIKIPEDIA.translate(text)
    except ImportError:  # pragma: no cover - iuliia is a dependency; slugs still work
        pass
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80] or "source"


def _unique_id(conn: Any, base: str) -> str:
    candidate = base
    n = 2
    while conn.execute("SELECT 1 FROM sources WHERE id = ?", (candidate,)).fetchone():
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def passage_id(source_id: str, seq: int) -> str:
    """Passage ids read as deep links: ``apogee:p42`` is ``/sources/apogee#p42``."""
    return f"{source_id}:p{seq}"


def save_document(
    store: Store,
    conn: Any,
    *,
    path: str,
    sha256: str,
    size: int,
    document: Document,
    meta: SourceMeta,
) -> str:
    """Insert a new source and its passages inside the caller's transaction; return its id."""
    source_id = _unique_id(conn, slugify(Path(path).stem))
    conn.execute(
        "INSERT INTO sources (id, title, authors, year, kind, language, rights, sha256, "
        "filename, format, encoding, size, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            source_id,
            meta.title or document.title or Path(path).stem,
            meta.authors or document.authors,
            meta.year or document.year,
            meta.kind,
            meta.language or document.language,
            meta.rights,
            sha256,
            Path(path).name,
            document.format,
            document.encoding,
            size,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    ids = [passage_id(source_id, seq) for seq in range(1, len(document.passages) + 1)]
    passage_rows = []
    marker_rows = []
    sentence_rows = []
    notes_for: dict[tuple[int, str], list[str]] = {}
    for index, passage in enumerate(document.passages):
        if passage.kind == "note" and passage.note_for is not None and passage.note_label:
            notes_for.setdefault((passage.note_for, passage.note_label), []).append(ids[index])
    for index, passage in enumerate(document.passages):
        pid = ids[index]
        passage_rows.append(
            (
                pid,
                source_id,
                index + 1,
                passage.kind,
                passage.text,
                passage.page,
                passage.line,
                dumps([[m.start, m.end, m.kind] for m in passage.markup]),
                passage.note_label,
                ids[passage.note_for] if passage.note_for is not None else None,
            )
        )
        for n, marker in enumerate(passage.markers):
            queue = notes_for.get((index, marker.label))
            note = queue.pop(0) if queue else None
            marker_rows.append((pid, n + 1, marker.offset, marker.label, note))
        for n, sentence in enumerate(split_sentences(passage.text)):
            sentence_rows.append((pid, n + 1, sentence.start, sentence.end))
    conn.executemany(
        "INSERT INTO passages (id, source_id, seq, kind, text, page, line, markup, note_label, "
        "note_for) VALUES (?,?,?,?,?,?,?,?,?,?)",
        passage_rows,
    )
    conn.executemany(
        'INSERT INTO markers (passage_id, seq, "offset", label, note_passage_id) '
        "VALUES (?,?,?,?,?)",
        marker_rows,
    )
    conn.executemany(
        'INSERT INTO sentences (passage_id, seq, start, "end") VALUES (?,?,?,?)', sentence_rows
    )
    return source_id


# -- reading sources back ----------------------------------------------------------------------


def source_list(store: Store) -> list[dict[str, Any]]:
    """Every source with its passages and citations counted."""
    return [
        dict(r)
        for r in store.query(
            "SELECT s.id, s.title, s.authors, s.year, s.kind, s.ingested_at, "
            "(SELECT count(*) FROM passages p WHERE p.source_id = s.id) AS passages, "
            "(SELECT count(*) FROM citations c WHERE c.source_id = s.id) AS citations "
            "FROM sources s ORDER BY s.title, s.id"
        )
    ]


def citations_per_passage(store: Store, source_id: str) -> dict[str, int]:
    return {
        r[0]: r[1]
        for r in store.query(
            "SELECT passage_id, count(*) FROM citations WHERE source_id = ? GROUP BY passage_id",
            (source_id,),
        )
    }


def persons_cited(store: Store, source_id: str) -> list[dict[str, Any]]:
    """(id, name) of persons taking part in events or holding offices the source cites."""
    return [
        dict(r)
        for r in store.query(
            "SELECT DISTINCT pa.entity_id AS id, p.name FROM citations c "
            "JOIN participants pa ON pa.event_id = c.claim_id AND pa.kind = 'person' "
            "JOIN persons p ON p.id = pa.entity_id "
            "WHERE c.source_id = ? AND c.claim_kind = 'event' "
            "UNION SELECT t.person_id, p.name FROM citations c "
            "JOIN office_terms t ON t.id = c.claim_id "
            "JOIN persons p ON p.id = t.person_id "
            "WHERE c.source_id = ? AND c.claim_kind = 'office_term'",
            (source_id, source_id),
        )
    ]


def dated_event_citations(store: Store, source_id: str) -> list[dict[str, Any]]:
    """Where the source states the date of each event it cites."""
    return [
        dict(r)
        for r in store.query(
            'SELECT c.passage_id, c.start, c."end", e.id, e.date_text, e.date_from, e.date_to, '
            "e.date_precision FROM citations c JOIN events e ON e.id = c.claim_id "
            "WHERE c.source_id = ? AND c.claim_kind = 'event' AND e.date_text IS NOT NULL "
            "ORDER BY c.id",
            (source_id,),
        )
    ]


def figure_citations(store: Store, source_id: str) -> list[dict[str, Any]]:
    """Where the source states each figure it is cited for."""
    return [
        dict(r)
        for r in store.query(
            'SELECT c.passage_id, c.start, c."end", f.id, f.value, f.measure FROM citations c '
            "JOIN figures f ON f.id = c.claim_id WHERE c.source_id = ? "
            "AND c.claim_kind = 'figure' ORDER BY c.id",
            (source_id,),
        )
    ]


def passages_containing(store: Store, terms: list[str], limit: int) -> list[dict[str, Any]]:
    """Passages containing any of the terms (as typed), with their source's title."""
    from imena.store.claims import like_pattern

    clause = " OR ".join(store.dialect.ilike("p.text") for _ in terms)
    return [
        dict(r)
        for r in store.query(
            "SELECT p.id, p.source_id, p.kind, p.text, s.title FROM passages p "
            f"JOIN sources s ON s.id = p.source_id WHERE {clause} "
            "ORDER BY s.title, p.seq LIMIT ?",
            (*(like_pattern(t) for t in terms), limit),
        )
    ]


def sources_matching(store: Store, query: str, limit: int) -> list[dict[str, Any]]:
    from imena.store.claims import like_pattern

    pattern = like_pattern(query)
    ilike = store.dialect.ilike
    return [
        dict(r)
        for r in store.query(
            f"SELECT id, title, authors, year FROM sources WHERE {ilike('title')} "
            f"OR {ilike('authors')} OR {ilike('id')} ORDER BY title, id LIMIT ?",
            (pattern, pattern, pattern, limit),
        )
    ]
