"""The Python API: everything the ``imena`` command does, callable from Python.

>>> from imena.api import ingest, export_jsonl
>>> results = ingest(["chapter.txt"], db="imena.db")          # doctest: +SKIP
>>> for line in export_jsonl("imena.db"): print(line)        # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from imena import identity
from imena.errors import ImenaError
from imena.export.jsonl import iter_jsonl
from imena.extract.pipeline import write_claims
from imena.sources.read import SourceFile, read_source
from imena.store.db import Store, default_db_path
from imena.store.documents import SourceMeta, save_document

PathLike = str | os.PathLike[str]


@dataclass
class IngestResult:
    """What happened to one file: ``ingested`` as a new source, or ``unchanged``."""

    path: str
    source_id: str
    status: str
    title: str
    passages: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    markers: int = 0
    claims: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}s" for kind, n in sorted(self.passages.items()))
        total = sum(self.passages.values())
        claims = "".join(f", {n} {kind.replace('_', ' ')}" for kind, n in self.claims.items())
        return (
            f"{self.path}: {self.status} as {self.source_id} — {total} passages ({kinds}), "
            f"{self.sentences} sentences, {self.markers} footnote markers{claims}"
        )


def read_sources(paths: Sequence[PathLike]) -> list[SourceFile]:
    """Read and clean every file before anything is written: one bad file stops all."""
    return [read_source(path) for path in paths]


def ingest(
    paths: Sequence[PathLike],
    db: PathLike | None = None,
    *,
    meta: SourceMeta | None = None,
    store: Store | None = None,
    extract: bool = True,
    model: str | None = None,
) -> list[IngestResult]:
    """Ingest source files in one transaction; the same bytes again change nothing.

    With ``extract`` (the default) the claims of each new source are extracted in the
    same transaction, so a source is never stored half-read.
    """
    files = read_sources(paths)
    meta = meta or SourceMeta()
    own = store is None
    store = store or Store(db or default_db_path())
    results: list[IngestResult] = []
    try:
        with store.transaction() as conn:
            for file in files:
                existing = store.source_by_sha(file.sha256)
                document = file.document
                kinds = Counter(p.kind for p in document.passages)
                if existing is not None:
                    results.append(
                        IngestResult(
                            file.path,
                            existing["id"],
                            "unchanged",
                            existing["title"],
                            kinds,
                            *_counts(store, existing["id"]),
                        )
                    )
                    continue
                source_id = save_document(
                    store,
                    conn,
                    path=file.path,
                    sha256=file.sha256,
                    size=len(file.data),
                    document=document,
                    meta=meta,
                )
                claims = write_claims(store, conn, source_id, model) if extract else {}
                row = store.source(source_id)
                results.append(
                    IngestResult(
                        file.path,
                        source_id,
                        "ingested",
                        row["title"] if row else None,
                        kinds,
                        *_counts(store, source_id),
                        claims=claims,
                    )
                )
    finally:
        if own:
            store.close()
    return results


def _counts(store: Store, source_id: str) -> tuple[int, int]:
    return store.sentence_and_marker_counts(source_id)


def export(db: PathLike | None, fmt: str = "jsonl", *, source: str | None = None) -> Iterator[str]:
    """The database (or one source) as ``jsonl``, ``csv`` (claims) or ``tei``, line by line."""
    from imena.export.tables import iter_csv
    from imena.export.tei import iter_tei

    writers = {"jsonl": iter_jsonl, "csv": iter_csv, "tei": iter_tei}
    with Store(db or default_db_path(), create=False) as store:
        if source is not None and store.source(source) is None:
            raise ImenaError(f"no source with id {source!r} (see the source lines of the export)")
        yield from writers[fmt](store, source=source)


def export_jsonl(db: PathLike | None = None, *, source: str | None = None) -> Iterator[str]:
    """Every object of the database (or of one source) as JSON lines, per CLI.md."""
    with Store(db or default_db_path(), create=False) as store:
        yield from iter_jsonl(store, source=source)


def find_persons(store: Store, query: str) -> list[dict[str, Any]]:
    """Persons behind any spelling of ``query`` (Ежов, Ezhov, Yezhov, N. I. Ezhov), best first."""
    return identity.find_persons(store, query)


def person_info(db: PathLike | None, query: str) -> dict[str, Any] | None:
    """One person by any spelling: names, office terms and timeline, each with citations."""
    from imena.store import claims

    with Store(db or default_db_path(), create=False) as store:
        found = find_persons(store, query)
        if not found:
            return None
        person = found[0]
        pid = person["id"]
        events = claims.events_of_person(store, pid)
        terms = claims.office_terms_of_person(store, pid)
        relations = claims.relations_of_person(store, pid)
        return {
            "id": pid,
            "name": person["name"],
            "names": person["names"],
            "cyrillic": person["cyrillic"],
            "office_terms": terms,
            "events": events,
            "relations": relations,
            "also": [{"id": p["id"], "name": p["name"]} for p in found[1:6]],
        }


# -- names ------------------------------------------------------------------------------------


def name_keys(names: Sequence[str]) -> list[str]:
    """The romanisation-insensitive key of each name (``imena names key``)."""
    from imena.names import name_key

    return [name_key(name) for name in names]


def compare_two_names(a: str, b: str) -> dict[str, Any]:
    """Two names' keys and similarity score in [0, 1] (``imena names compare A B``)."""
    from imena.names import compare_names, name_key

    return {
        "a": a,
        "b": b,
        "a_key": name_key(a),
        "b_key": name_key(b),
        "score": compare_names(a, b),
    }


def compare_name_pairs(path: PathLike) -> Iterator[dict[str, Any]]:
    """Compare the pairs of a CSV file with columns ``a`` and ``b``, in file order.

    The file is read whole and checked before anything is yielded: a file that is not text,
    lacks the columns or has a short row is one :class:`ImenaError` naming the file and line.
    """
    import csv
    import io

    from imena.errors import InputError
    from imena.sources.decode import decode_text

    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except IsADirectoryError:
        raise InputError("is a directory, not a CSV file", path=name) from None
    text, _encoding = decode_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise InputError("empty file; expected a CSV header with columns a,b", path=name)
    columns = [column.strip().lower() for column in header]
    if "a" not in columns or "b" not in columns:
        raise InputError(f"no columns a and b in the header {header!r}", path=name, where="line 1")
    ia, ib = columns.index("a"), columns.index("b")
    pairs = []
    for row in reader:
        if not row:
            continue
        if len(row) <= max(ia, ib):
            raise InputError(
                f"{len(row)} column(s), expected at least {max(ia, ib) + 1}",
                path=name,
                where=f"line {reader.line_num}",
            )
        pairs.append((row[ia], row[ib]))
    for a, b in pairs:
        yield compare_two_names(a, b)


def copy_database(source: PathLike, target: PathLike) -> dict[str, int]:
    """Copy the database at ``source`` into the new, empty database ``target`` (any backends)."""
    from imena.store.copy import copy_database as copy_rows

    if str(source) == str(target):
        raise ImenaError("the source and the target are the same database")
    new_file = not str(target).startswith(("postgresql:", "postgres:")) and not os.path.exists(
        target
    )
    try:
        with Store(source, create=False) as src, Store(target) as dst:
            return copy_rows(src, dst)
    except BaseException:
        if new_file and os.path.exists(target):
            # A failed copy leaves no half-made file behind (nor its WAL companions).
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(f"{target}{suffix}"):
                    os.remove(f"{target}{suffix}")
        raise
