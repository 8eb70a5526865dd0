"""Importing a registry file into the database: streamed, one transaction, rejects kept aside."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from imena.errors import InputError
from imena.registry.fields import RECORD_FIELDS
from imena.registry.formats import FORMATS, RegistryLines, Row, rows_of
from imena.registry.keys import KeyFunction, NameKeys, NameParts, current_key_function, skeleton
from imena.store import registry as registry_db
from imena.store.db import Store, default_db_path, dumps
from imena.store.dialect import is_postgres_url

PathLike = str | os.PathLike[str]
Progress = Callable[[int], None]

# Rows per executemany: large enough to amortise the call, small enough to keep memory flat.
_BATCH = 5_000
_RECORD_COLUMNS = ("id", "registry_id", "source_row", *RECORD_FIELDS, "variants", "raw")


@dataclass
class ImportResult:
    """What happened to one registry file: ``imported``, or ``unchanged`` (same bytes)."""

    path: str
    registry: str
    status: str
    records: int
    rejects: int
    encoding: str
    rejects_path: str | None = None

    def summary(self) -> str:
        line = (
            f"{self.path}: {self.status} as registry {self.registry} — {self.records:,} records, "
            f"{self.rejects:,} rejects"
        )
        if self.rejects_path:
            line += f" (in {self.rejects_path})"
        return f"{line}, {self.encoding}"


def import_registry(
    path: PathLike,
    db: PathLike | None = None,
    *,
    fmt: str = "memorial-tsv",
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    store: Store | None = None,
) -> ImportResult:
    """Import one registry file in one transaction; the same bytes again change nothing.

    Rows that cannot be read go to ``<name>.rejects.tsv`` beside the database (line,
    reason, the line as written); with ``strict`` the first such row aborts the import
    with an InputError and the database is left as it was.
    """
    file = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown registry format {fmt!r} (use one of {', '.join(FORMATS)})")
    if not file.exists():
        raise InputError("no such file", path=str(file))
    if file.is_dir():
        raise InputError("is a directory, not a registry file", path=str(file))
    sha256, size = _sha256(file)
    if size == 0:
        raise InputError("empty file: nothing to import", path=str(file))
    target = store.path if store else str(db or default_db_path())
    existed = registry_db.database_exists(target)
    own = store is None
    store = store or Store(target)
    try:
        return _import(store, file, sha256, size, fmt, name, mapping, strict, progress)
    except BaseException:
        if own and not existed:
            # The database did not exist before this import: leave no empty one behind.
            store.close()
            own = False
            registry_db.remove_new_database(target)
        raise
    finally:
        if own:
            store.close()


def registry_name_for(path: Path) -> str:
    """A registry name from a file name: its stem, with anything odd made a hyphen."""
    return re.sub(r"[^\w.-]+", "-", path.stem).strip("-.") or "registry"


def _sha256(file: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with file.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _import(
    store: Store,
    file: Path,
    sha256: str,
    size: int,
    fmt: str,
    name: str | None,
    mapping: dict[str, str] | None,
    strict: bool,
    progress: Progress | None,
) -> ImportResult:
    existing = registry_db.registry_by_sha(store, sha256)
    if existing is not None:
        return ImportResult(
            str(file),
            existing.name,
            "unchanged",
            existing.records,
            existing.rejects,
            existing.encoding,
        )
    name = name or registry_name_for(file)
    if not re.fullmatch(r"[\w][\w.-]*", name):
        raise InputError(f"--name {name!r}: use letters, digits, '.', '-' and '_' only")
    if registry_db.registry_name_taken(store, name):
        raise InputError(
            f"a registry named {name!r} already exists (from other bytes); choose another --name",
            path=str(file),
        )
    scheme, key = current_key_function()
    rejects_path = _rejects_folder(store) / f"{name}.rejects.tsv"
    partial = rejects_path.with_name(rejects_path.name + ".part")
    try:
        with file.open("rb") as handle, partial.open("w", encoding="utf-8") as rejects_file:
            lines = RegistryLines(file, handle)
            rejects_file.write("line\treason\traw\n")
            with store.transaction() as conn:
                registry_id = registry_db.add_registry(
                    conn,
                    name=name,
                    filename=file.name,
                    sha256=sha256,
                    fmt=fmt,
                    encoding=lines.encoding,
                    size=size,
                    key_scheme=scheme,
                    imported_at=_now(),
                )
                records, rejects = _load(
                    store,
                    registry_id,
                    rows_of(fmt, lines, mapping),
                    key,
                    strict,
                    rejects_file,
                    lines,
                    progress,
                    file,
                )
                registry_db.set_registry_counts(conn, registry_id, records, rejects)
        if rejects:
            os.replace(partial, rejects_path)
        else:
            rejects_path.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)
    return ImportResult(
        str(file),
        name,
        "imported",
        records,
        rejects,
        lines.encoding,
        str(rejects_path) if rejects else None,
    )


def _rejects_folder(store: Store) -> Path:
    """Where rejects files go: beside the database file, or here for a database server."""
    return Path.cwd() if is_postgres_url(store.path) else Path(store.path).resolve().parent


def _load(
    store: Store,
    registry_id: int,
    rows: Iterator[Row],
    key: KeyFunction,
    strict: bool,
    rejects_file: TextIO,
    lines: RegistryLines,
    progress: Progress | None,
    file: Path,
) -> tuple[int, int]:
    conn = store.conn
    next_id = registry_db.next_record_id(conn)
    keys = NameKeys(key)
    surnames: Counter[str] = Counter()
    given: set[str] = set()
    record_batch: list[tuple[object, ...]] = []
    name_batch: list[tuple[str, str, str, int]] = []
    records = rejects = 0
    for row in rows:
        if row.reject is not None:
            if strict:
                raise InputError(row.reject, path=str(file), where=f"line {row.line}")
            rejects += 1
            rejects_file.write(f"{row.line}\t{row.reject}\t{_escape(row.text)}\n")
            continue
        fields = row.fields
        assert fields is not None
        record_id = next_id
        next_id += 1
        records += 1
        variants = dumps([list(v) for v in row.variants]) if row.variants else None
        record_batch.append(
            (
                record_id,
                registry_id,
                row.line,
                *[fields[f] for f in RECORD_FIELDS],
                variants,
                dumps(row.raw),
            )
        )
        primary = NameParts(fields["surname"], fields["name"], fields["patronymic"])  # type: ignore[arg-type]
        forms = keys.forms([primary, *row.variants])
        for form in forms:
            name_batch.append((*form, record_id))
        surnames.update({form[0] for form in forms if form[0]})
        for form in forms:
            given.update(form[1:])
        if len(record_batch) >= _BATCH:
            _flush(conn, record_batch, name_batch)
            if progress:
                progress(lines.bytes_read)
    _flush(conn, record_batch, name_batch)
    if progress:
        progress(lines.bytes_read)
    registry_db.add_surname_keys(conn, ((k, skeleton(k), n) for k, n in surnames.items()))
    registry_db.add_given_keys(conn, (k for k in given if k))
    return records, rejects


def _flush(
    conn: registry_db.Conn,
    record_batch: list[tuple[object, ...]],
    name_batch: list[tuple[str, str, str, int]],
) -> None:
    registry_db.insert_records(conn, _RECORD_COLUMNS, record_batch)
    registry_db.insert_record_names(conn, name_batch)
    record_batch.clear()
    name_batch.clear()


def _escape(text: str) -> str:
    """One TSV cell: tabs, newlines and carriage returns written as \\t, \\n, \\r.

    Backslashes are left alone, so that the bytes of an undecodable row read as written
    (\\xff); a registry's own backslash before t or n is rare enough to accept that.
    """
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def rekey(db: PathLike | None = None, *, store: Store | None = None) -> int:
    """Rebuild every name key with the name-key function now in force; return records keyed.

    Needed when the key function changes (the fallback gives way to imena.names, or
    imena.names changes its keys): search refuses keys of another scheme.
    """
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    scheme, key = current_key_function()
    keys = NameKeys(key)
    surnames: Counter[str] = Counter()
    count = 0
    try:
        with store.transaction() as conn:
            registry_db.clear_name_keys(conn)
            given: set[str] = set()
            batch: list[tuple[str, str, str, int]] = []
            for record_id, surname, name, patronymic, variants in registry_db.record_names(conn):
                names = [NameParts(surname, name, patronymic)]
                names += [NameParts(*v) for v in json.loads(variants or "[]")]
                forms = keys.forms(names)
                batch.extend((*form, record_id) for form in forms)
                surnames.update({form[0] for form in forms if form[0]})
                for form in forms:
                    given.update(form[1:])
                count += 1
                if len(batch) >= _BATCH:
                    registry_db.insert_record_names(conn, batch)
                    batch.clear()
            registry_db.insert_record_names(conn, batch)
            registry_db.add_surname_keys(conn, ((k, skeleton(k), n) for k, n in surnames.items()))
            registry_db.add_given_keys(conn, (k for k in given if k))
            registry_db.set_key_scheme(conn, scheme)
    finally:
        if own:
            store.close()
    return count
