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
from imena.names import SAME_PERSON_THRESHOLD as _SAME_PERSON_THRESHOLD
from imena.sources.read import SourceFile, read_source
from imena.store.db import Store, database_errors, default_db_path
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
    from imena.export import WRITERS

    if fmt not in WRITERS:
        raise ImenaError(f"no export format {fmt!r} (one of {', '.join(WRITERS)})")
    with Store(db or default_db_path(), create=False) as store:
        if source is not None and store.source(source) is None:
            raise ImenaError(f"no source with id {source!r} (see the source lines of the export)")
        yield from WRITERS[fmt](store, source=source)


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


# -- the machinery: who held which post, figures, decisions, flows -------------------------------


@dataclass
class HeldTerm:
    """One person's merged term in one office, as the CLI and the web show it."""

    person: str
    office: str
    #: '1938-01-25 – 1938-05-22 (held certainly 1938-02-28 – 1938-05-22)'
    described: str
    conflicts: list[str]
    #: The CLI.md object (person, office, start, end, held, evidence, citations, …).
    json: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return self.json


@dataclass
class WhoHeld:
    """Who held an office on a day: certain holders, possible ones (and why), conflicts."""

    offices: list[str]
    on: str
    held: list[HeldTerm]
    #: (term, "possible" within the term's uncertain bounds | "open": the evidence stops)
    possible: list[tuple[HeldTerm, str]]
    conflicts: list[str]

    def as_json(self) -> list[dict[str, Any]]:
        """CLI.md ``who --json``."""
        return [t.json for t in self.held] + [t.json for t, k in self.possible if k == "possible"]


def _held(store: Store, term: Any, certainty: str | None = None) -> HeldTerm:
    from imena.machinery import terms

    return HeldTerm(
        term.person_name,
        term.office,
        terms.describe(term),
        list(term.conflicts),
        term.as_json(store, certainty),
    )


def _open(db: PathLike | None) -> Store:
    return Store(db or default_db_path(), create=False)


def who(db: PathLike | None, office: str, on: str) -> WhoHeld:
    """Who held OFFICE (any phrasing) on the ISO day ``on``, from the merged office terms."""
    from imena.machinery import terms

    terms.parse_day(on)
    with _open(db) as store:
        answer = terms.who(store, office, on)
        return WhoHeld(
            [o.name for o in answer.offices],
            answer.on,
            [_held(store, t, "held") for t in answer.held],
            [
                (_held(store, t, "possible" if kind == "possible" else None), kind)
                for t, kind in answer.possible
            ],
            list(answer.conflicts),
        )


def succession(db: PathLike | None, office: str) -> tuple[list[str], list[HeldTerm]]:
    """The offices a phrase names, and their holders' terms in order."""
    from imena.machinery import terms

    with _open(db) as store:
        offices, found = terms.succession(store, office)
        return [o.name for o in offices], [_held(store, t) for t in found]


def offices(db: PathLike | None, person: str | None = None) -> list[HeldTerm]:
    """Every office term, or one person's career (the person in any spelling)."""
    from imena.machinery import terms
    from imena.machinery.reference import ensure_reference

    with _open(db) as store:
        if person:
            people = identity.find_persons(store, person)
            if not people:
                raise ImenaError(f"--person {person!r}: no person of that name")
            found = terms.career(store, [people[0]["id"]])
        else:
            ensure_reference(store)
            found = terms.terms_of(store)
        return [_held(store, t) for t in found]


def figures(
    db: PathLike | None,
    *,
    measure: str | None = None,
    operation: str | None = None,
    body: str | None = None,
) -> list[dict[str, Any]]:
    """Figures (CLI.md) with ``conflicts_with`` and ``violates``; operation and body in any
    phrasing ("the Polish operation", "special troika")."""
    from imena.machinery.decisions import body_label, operation_label
    from imena.machinery.figures import FigureFilter, reconcile_figures

    flt = FigureFilter(
        measure=measure,
        operation=operation_label(operation) if operation else None,
        body=body_label(body) if body else None,
    )
    with _open(db) as store:
        return reconcile_figures(store, flt)


def decisions(
    db: PathLike | None,
    *,
    body: str | None = None,
    start: str | None = None,
    end: str | None = None,
    operation: str | None = None,
) -> list[dict[str, Any]]:
    """Decisions, orders and quotas of a body (any when None) from ``start`` to ``end``."""
    from imena.machinery.decisions import decisions as find_decisions
    from imena.machinery.terms import parse_day

    start = parse_day(start, "--from") if start else None
    end = parse_day(end, "--to") if end else None
    with _open(db) as store:
        return find_decisions(store, body, start, end, operation)


def flow(
    db: PathLike | None, *, operation: str | None = None, body: str | None = None
) -> dict[str, Any]:
    """The flow of cases of an operation or a body: arrested → examined → condemned → shot."""
    from imena.machinery.decisions import body_label, operation_label
    from imena.machinery.figures import flow as build_flow

    if not operation and not body:
        raise ImenaError("a flow needs an operation or a body")
    with _open(db) as store:
        return build_flow(
            store,
            operation_label(operation) if operation else None,
            body_label(body) if body else None,
        )


def load_reference(db: PathLike | None) -> dict[str, int]:
    """Load (or update) the bundled reference data; rows written per kind."""
    from imena.machinery.reference import load_reference as load

    with Store(db or default_db_path()) as store:
        return load(store)


# -- registries of records ---------------------------------------------------------------------


def import_registry(file: PathLike, db: PathLike | None, **options: Any) -> Any:
    """Import a registry file (imena.registry.import_registry; ``fmt``, ``name``,
    ``mapping``, ``strict``, ``progress``); ``fmt="stalin-lists"`` reads Memorial's
    Stalin's-lists directory instead."""
    if options.get("fmt") == "stalin-lists":
        if options.get("mapping") or options.get("name"):
            raise ImenaError("--format stalin-lists takes a directory and no --map or --name")
        return import_stalin_lists(file, db)
    from imena.registry import import_registry as run

    return run(file, db, **options)


def search_records(query: str, db: PathLike | None, **filters: Any) -> Any:
    """Records matching a name in any script or romanisation (imena.registry.SearchResult)."""
    from imena.registry import search_records as run

    return run(query, db, **filters)


def export_records(fmt: str, db: PathLike | None) -> Iterator[str]:
    from imena.registry import export_records as run

    return run(fmt, db)


def rekey(db: PathLike | None) -> int:
    """Rebuild every record's name keys with the name-key function now in force."""
    from imena.registry import rekey as run

    return run(db)


def dedupe(db: PathLike | None, **options: Any) -> Any:
    """Link records that are one person (imena.registry.dedupe; ``threshold``, ``engine``,
    ``review_band``, ``spark_master``; defaults where None)."""
    from imena.registry.dedupe import DEFAULT_REVIEW_BAND, DEFAULT_THRESHOLD
    from imena.registry.dedupe import dedupe as run

    if options.get("threshold") is None:
        options["threshold"] = DEFAULT_THRESHOLD
    if options.get("review_band") is None:
        options["review_band"] = DEFAULT_REVIEW_BAND
    return run(db, **options)


def review_queue(db: PathLike | None, limit: int = 20) -> dict[str, Any]:
    from imena.registry.review import review_queue as run

    return run(db, limit=limit)


def decide(a: int, b: int, decision: str, db: PathLike | None, **who: Any) -> Any:
    """Record a curator's decision on a pair of records (``curator``, ``note``)."""
    from imena.registry.review import decide as run

    return run(a, b, decision, db, **who)


def record_context(db: PathLike | None, record_id: int) -> dict[str, Any]:
    """A record in context: operation, sentencing body, officials then, decisions, figures."""
    from imena.registry.context import record_context as run

    with _open(db) as store:
        return run(store, record_id)


def context_lines(result: dict[str, Any]) -> list[str]:
    from imena.registry.context import render_context

    return render_context(result)


# -- Stalin's lists ----------------------------------------------------------------------------


def import_stalin_lists(directory: PathLike, db: PathLike | None) -> Any:
    from imena.lists import import_stalin_lists as run

    return run(directory, db)


def parse_list_date(text: str) -> Any:
    """A date as the lists' queries take it (1938-04-19, 1938-04, 19.IV.1938)."""
    from imena.lists.dates import parse_query_date

    day = parse_query_date(text)
    if day is None:
        raise ImenaError(
            f"--on {text!r}: expected a date such as 1938-04-19, 1938-04 or 19.IV.1938"
        )
    return day


def list_detail(db: PathLike | None, list_id: int) -> dict[str, Any]:
    from imena.lists import list_detail as run

    with _open(db) as store:
        detail = run(store, list_id)
    if detail is None:
        raise ImenaError(f"no list {list_id} in the collection")
    return detail


def list_totals(db: PathLike | None, **filters: Any) -> dict[str, Any]:
    from imena.lists import totals

    with _open(db) as store:
        return totals(store, **filters)


def list_members(db: PathLike | None, member: str | None = None) -> list[dict[str, Any]]:
    from imena.lists import members

    with _open(db) as store:
        return members(store, member)


def lists_on(db: PathLike | None, on: str) -> list[dict[str, Any]]:
    from imena.lists import lists_on as run

    day = parse_list_date(on)
    with _open(db) as store:
        return run(store, day)


def held_on_lists(db: PathLike | None, on: str, office: str | None = None) -> list[dict]:
    from imena.lists import held_on

    day = parse_list_date(on)
    with _open(db) as store:
        return held_on(store, day, office=office)


def list_timeline(db: PathLike | None) -> list[dict[str, Any]]:
    from imena.lists import timeline

    with _open(db) as store:
        return timeline(store)


def list_conflicts(db: PathLike | None) -> list[dict[str, Any]]:
    from imena.lists import conflict_groups

    with _open(db) as store:
        return conflict_groups(store)


def reconcile_lists(db: PathLike | None) -> int:
    """Record anew the conflicts between the lists and the sources; how many."""
    from imena.lists import record_conflicts

    with _open(db) as store, store.transaction() as conn:
        return record_conflicts(conn)


def export_formats() -> list[str]:
    from imena.export import WRITERS

    return list(WRITERS)


def registry_formats() -> list[str]:
    """Registry file layouts (imena.registry.FORMATS) and Memorial's Stalin's-lists folder."""
    from imena.registry import FORMATS

    return [*FORMATS, "stalin-lists"]


def linkage_engines() -> list[str]:
    from imena.registry.engines import ENGINES

    return list(ENGINES)


def record_export_formats() -> list[str]:
    from imena.registry import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


#: What the drivers raise when a server or a file refuses a statement.
DATABASE_ERRORS = database_errors()
#: Above this score two names are one person's (imena.names).
SAME_PERSON_THRESHOLD = _SAME_PERSON_THRESHOLD


def default_db() -> str:
    """``$IMENA_DB``, else ``./imena.db`` (CLI.md)."""
    return default_db_path()
