"""Writing a cleaned source into the database: the source row, passages, markers, sentences."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

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


def _unique_id(conn: sqlite3.Connection, base: str) -> str:
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
    conn: sqlite3.Connection,
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
        'INSERT INTO markers (passage_id, seq, "offset", label, note_passage_id) VALUES (?,?,?,?,?)',
        marker_rows,
    )
    conn.executemany(
        'INSERT INTO sentences (passage_id, seq, start, "end") VALUES (?,?,?,?)', sentence_rows
    )
    return source_id
