"""Registry records in the database: imports, name keys, search, single records, export.

The one place that speaks SQL for ``imena.registry`` (deduplication and its review queue:
:mod:`imena.store.dedupe`).
Functions take a :class:`~imena.store.db.Store`, or the connection of its transaction
where they write, and return plain values: tuples in the order their docstring gives,
or the database's rows (by name and by position alike on both backends).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imena.store.db import Store
from imena.store.dialect import is_postgres_url
from imena.store.schema import MIGRATIONS

#: A write connection: the ``conn`` of ``Store.transaction()`` (either backend's).
Conn = Any
#: (surname key, name key, patronymic key): '' for a part a record does not give.
Combination = tuple[str, str, str]

# Rows of one VALUES list in the search query: 4 parameters each, well under SQLite's
# 32,766 (and PostgreSQL's 65,535) parameters of one statement.
_VALUES_CHUNK = 5_000


# -- the database itself -------------------------------------------------------------------


def database_exists(target: str) -> bool:
    """Whether ``target`` holds a database: a file (SQLite), imena's schema (PostgreSQL)."""
    if not is_postgres_url(target):
        return Path(target).exists()
    from imena.errors import ImenaError

    try:
        Store(target, create=False).close()
    except ImenaError:
        return False
    return True


def remove_new_database(target: str) -> None:
    """Undo the creation of a database this process made and wrote nothing into.

    SQLite: the file and its journal files.  PostgreSQL: imena's tables (the database
    itself may hold others and is not ours to drop).
    """
    if not is_postgres_url(target):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    tables = {"imena_schema"}
    for script in MIGRATIONS:
        tables.update(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script))
    with Store(target) as store, store.transaction() as conn:
        for table in sorted(tables):
            # Names from our own migration files, not from input.
            conn.execute(f"DROP TABLE IF EXISTS {table} CASCADE")


# -- registries and their import -----------------------------------------------------------


@dataclass(frozen=True)
class RegistryInfo:
    name: str
    records: int
    rejects: int
    encoding: str


def registry_by_sha(store: Store, sha256: str) -> RegistryInfo | None:
    row = store.conn.execute(
        "SELECT name, records, rejects, encoding FROM registries WHERE sha256 = ?", (sha256,)
    ).fetchone()
    return None if row is None else RegistryInfo(row[0], row[1], row[2], row[3])


def registry_name_taken(store: Store, name: str) -> bool:
    return (
        store.conn.execute("SELECT 1 FROM registries WHERE name = ?", (name,)).fetchone()
        is not None
    )


def add_registry(
    conn: Conn,
    *,
    name: str,
    filename: str,
    sha256: str,
    fmt: str,
    encoding: str,
    size: int,
    key_scheme: str,
    imported_at: str,
) -> int:
    """A new registry row with no records counted yet; its id."""
    return conn.execute(
        "INSERT INTO registries (name, filename, sha256, format, encoding, size, "
        "key_scheme, records, rejects, imported_at) VALUES (?,?,?,?,?,?,?,0,0,?) RETURNING id",
        (name, filename, sha256, fmt, encoding, size, key_scheme, imported_at),
    ).fetchone()[0]


def set_registry_counts(conn: Conn, registry_id: int, records: int, rejects: int) -> None:
    conn.execute(
        "UPDATE registries SET records = ?, rejects = ? WHERE id = ?",
        (records, rejects, registry_id),
    )


def next_record_id(conn: Conn) -> int:
    """The id the next record takes (records are numbered by the importer, in file order)."""
    return (conn.execute("SELECT max(id) FROM records").fetchone()[0] or 0) + 1


def insert_records(conn: Conn, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Many records at once; each row holds the values of ``columns`` in order."""
    conn.executemany(
        f"INSERT INTO records ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        rows,
    )


def insert_record_names(conn: Conn, rows: Iterable[tuple[str, str, str, int]]) -> None:
    """(surname key, name key, patronymic key, record id); a spelling twice is kept once."""
    conn.executemany(
        "INSERT INTO record_names (surname_key, name_key, patronymic_key, record_id) "
        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows,
    )


def add_surname_keys(conn: Conn, counts: Iterable[tuple[str, str, int]]) -> None:
    """(key, consonant skeleton, records): new keys, or more records under a known one."""
    conn.executemany(
        "INSERT INTO surname_keys (key, skeleton, records) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET records = surname_keys.records + excluded.records",
        counts,
    )


def add_given_keys(conn: Conn, keys: Iterable[str]) -> None:
    conn.executemany(
        "INSERT INTO given_keys (key) VALUES (?) ON CONFLICT DO NOTHING", ((k,) for k in keys)
    )


def clear_name_keys(conn: Conn) -> None:
    """Every name key gone (to be made again by another key function)."""
    conn.execute("DELETE FROM record_names")
    conn.execute("DELETE FROM surname_keys")
    conn.execute("DELETE FROM given_keys")


def record_names(conn: Conn) -> Iterator[tuple[Any, ...]]:
    """(id, surname, name, patronymic, variants JSON) of every record, in id order."""
    for row in conn.execute(
        "SELECT id, surname, name, patronymic, variants FROM records ORDER BY id"
    ):
        yield row[0], row[1], row[2], row[3], row[4]


def set_key_scheme(conn: Conn, scheme: str) -> None:
    conn.execute("UPDATE registries SET key_scheme = ?", (scheme,))


# -- search --------------------------------------------------------------------------------


def key_schemes(store: Store) -> list[str]:
    """The name-key schemes the registries' keys were made with."""
    return [row[0] for row in store.conn.execute("SELECT DISTINCT key_scheme FROM registries")]


def _after_prefix(prefix: str) -> str:
    """The least string above every string beginning with ``prefix`` (for a range scan)."""
    # The last character raised by one: keys are compared character by character on both
    # backends (SQLite's binary order; PostgreSQL's C collation in imena's databases).
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"


def surname_keys_beginning(store: Store, prefix: str) -> list[str]:
    """Surname keys that begin with ``prefix`` (an index range, not a scan)."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT key FROM surname_keys WHERE key >= ? AND key < ?",
            (prefix, _after_prefix(prefix)),
        )
    ]


def surname_keys_by_skeleton(store: Store, prefix: str) -> list[str]:
    """Surname keys whose consonant skeleton begins with ``prefix``."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT key FROM surname_keys WHERE skeleton >= ? AND skeleton < ?",
            (prefix, _after_prefix(prefix)),
        )
    ]


def given_keys_beginning(store: Store, prefix: str) -> list[str]:
    """Keys of names and patronymics that begin with ``prefix``."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT key FROM given_keys WHERE key >= ? AND key < ?",
            (prefix, _after_prefix(prefix)),
        )
    ]


def name_combinations(
    store: Store,
    surname_keys: Sequence[str],
    name_keys: Sequence[str] | None = None,
    patronymic_keys: Sequence[str] | None = None,
) -> list[Combination]:
    """The distinct key combinations of records under ``surname_keys``, those whose name
    (patronymic) key is one of ``name_keys`` (``patronymic_keys``) where given."""
    sql = (
        "SELECT DISTINCT surname_key, name_key, patronymic_key FROM record_names WHERE "
        + store.in_list("surname_key")
    )
    params = [store.list_param(list(surname_keys))]
    for column, keys in (("name_key", name_keys), ("patronymic_key", patronymic_keys)):
        if keys is not None:
            sql += " AND " + store.in_list(column)
            params.append(store.list_param(list(keys)))
    return [(row[0], row[1], row[2]) for row in store.conn.execute(sql, params)]


#: The columns of a record :func:`matching_records` gives after (id, score); with places,
#: the four places follow.
MATCH_COLUMNS = ("birth_year", "death_date", "nationality", "memory_book")
PLACE_COLUMNS = ("birth_place", "live_place", "death_place", "burial_place")


def matching_records(
    store: Store,
    combos: dict[Combination, float],
    surnames: dict[str, float],
    *,
    born: tuple[int, int] | None = None,
    died: str | None = None,
    places: bool = False,
) -> list[tuple[Any, ...]]:
    """Every record with a spelling in ``combos`` or a surname key in ``surnames``, scored.

    A record's score is the best of its spellings'.  Rows are (record id, score,
    birth_year, death_date, nationality, memory_book[, birth_place, live_place,
    death_place, burial_place]); ``born`` keeps birth years within (low, high), ``died``
    death dates of that year ('1938').
    """
    where: list[str] = []
    filters: list[object] = []
    if born is not None:
        where.append("r.birth_year BETWEEN ? AND ?")
        filters += list(born)
    if died is not None:
        where.append("substr(r.death_date, 1, 4) = ?")
        filters.append(died)
    columns = ", ".join(f"r.{c}" for c in (*MATCH_COLUMNS, *(PLACE_COLUMNS if places else ())))
    tail = f"SELECT r.id, hits.score, {columns} FROM hits JOIN records r ON r.id = hits.id"
    if where:
        tail += " WHERE " + " AND ".join(where)
    combo_items = list(combos.items())
    surname_items = list(surnames.items())
    found: dict[int, tuple[Any, ...]] = {}
    # One query in the common case; chunks only for a query matching thousands of spellings.
    for start in range(0, max(len(combo_items), 1), _VALUES_CHUNK):
        chunk = combo_items[start : start + _VALUES_CHUNK]
        by_surname = surname_items if start == 0 else []
        if not chunk and not by_surname:
            continue
        ctes: list[str] = []
        branches: list[str] = []
        params: list[object] = []
        # The spellings and scores travel as VALUES rows: joined to the name index, they
        # seek it by its whole key (surname, name, patronymic), one seek per spelling.
        if chunk:
            ctes.append(
                "m(sk, nk, pk, score) AS (VALUES " + ", ".join("(?, ?, ?, ?)" for _ in chunk) + ")"
            )
            for (sk, nk, pk), score in chunk:
                params += [sk, nk, pk, score]
            branches.append(
                "SELECT n.record_id AS id, m.score AS score FROM m JOIN record_names n "
                "ON n.surname_key = m.sk AND n.name_key = m.nk AND n.patronymic_key = m.pk"
            )
        if by_surname:
            ctes.append("s(sk, score) AS (VALUES " + ", ".join("(?, ?)" for _ in by_surname) + ")")
            for sk, score in by_surname:
                params += [sk, score]
            branches.append(
                "SELECT n.record_id AS id, s.score AS score FROM s JOIN record_names n "
                "ON n.surname_key = s.sk"
            )
        sql = (
            f"WITH {', '.join(ctes)}, hits(id, score) AS (SELECT id, max(score) FROM ("
            f"{' UNION ALL '.join(branches)}) u GROUP BY id) {tail}"
        )
        for row in store.conn.execute(sql, (*params, *filters)):
            seen = found.get(row[0])
            if seen is None or row[1] > seen[1]:
                found[row[0]] = tuple(row)
    # In record order, as SQLite's GROUP BY gives them (facets count ties in this order).
    return [found[record_id] for record_id in sorted(found)]


def search_hits(store: Store, ids: Sequence[int]) -> dict[int, Any]:
    """record id → row of what a search shows of it (search.py's result columns)."""
    if not ids:
        return {}
    rows = store.conn.execute(
        "SELECT r.id AS record_id, r.cluster_id, g.name AS registry, r.source_row, r.surname, "
        "r.name, r.patronymic, r.birth_year, r.birth_place, r.nationality, r.occupation, "
        "r.death_date, r.death_place, r.burial_place, r.memory_book "
        "FROM records r JOIN registries g ON g.id = r.registry_id WHERE " + store.in_list("r.id"),
        (store.list_param(list(ids)),),
    ).fetchall()
    return {row["record_id"]: row for row in rows}


# -- one record ----------------------------------------------------------------------------


def record(store: Store, record_id: int) -> dict[str, Any] | None:
    """Every column of one record, or None."""
    row = store.conn.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else dict(row)


def existing_records(store: Store, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` that are records."""
    return {
        row[0]
        for row in store.conn.execute(
            "SELECT id FROM records WHERE " + store.in_list("id"),
            (store.list_param(sorted(set(ids))),),
        )
    }


def raw_rows(store: Store, ids: Iterable[int]) -> dict[int, str | None]:
    """record id → its row as the registry wrote it (JSON)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {
        row[0]: row[1]
        for row in store.conn.execute(
            "SELECT id, raw FROM records WHERE " + store.in_list("id"),
            (store.list_param(wanted),),
        )
    }


def records_with_registry(
    store: Store, ids: Iterable[int], fields: Sequence[str]
) -> dict[int, dict[str, Any]]:
    """record id → {field: value} for ``fields``: record columns, ``record_id`` and
    ``registry`` (the registry's name)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    columns = ", ".join(
        "g.name AS registry" if f == "registry" else "r.id AS record_id" if f == "record_id"
        else f"r.{f}"
        for f in fields
    )  # fmt: skip
    rows = store.conn.execute(
        f"SELECT {columns} FROM records r JOIN registries g ON g.id = r.registry_id "
        "WHERE " + store.in_list("r.id"),
        (store.list_param(wanted),),
    )
    return {row["record_id"]: dict(row) for row in rows}


def linkage_records(
    store: Store, columns: Sequence[str], ids: Iterable[int] | None = None
) -> list[Any]:
    """Rows of ``columns`` (which start with ``id``) of every record, or of ``ids``, by id."""
    sql = f"SELECT {', '.join(columns)} FROM records"
    if ids is None:
        return store.conn.execute(f"{sql} ORDER BY id").fetchall()
    return store.conn.execute(
        f"{sql} WHERE {store.in_list('id')} ORDER BY id", (store.list_param(sorted(set(ids))),)
    ).fetchall()


def export_rows(store: Store, fields: Sequence[str]) -> Iterator[Any]:
    """Every record in id order: record_id, cluster_id, registry, source_row, ``fields``,
    variants and raw, by name."""
    yield from store.conn.execute(
        "SELECT r.id AS record_id, r.cluster_id, g.name AS registry, r.source_row, "
        + ", ".join(f"r.{f}" for f in fields)
        + ", r.variants, r.raw FROM records r JOIN registries g ON g.id = r.registry_id "
        "ORDER BY r.id"
    )


def registries(store: Store) -> list[dict[str, Any]]:
    """Every imported registry (name, file, format, counts), by name."""
    return [dict(r) for r in store.query("SELECT * FROM registries ORDER BY name, id")]


def any_registry(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM registries LIMIT 1").fetchone() is not None


def record_in_registry(store: Store, record_id: int) -> dict[str, Any] | None:
    """Every column of one record and its registry's name (``registry``)."""
    row = store.conn.execute(
        "SELECT r.*, g.name AS registry FROM records r JOIN registries g ON g.id = r.registry_id "
        "WHERE r.id = ?",
        (record_id,),
    ).fetchone()
    return None if row is None else dict(row)


def cluster_members(
    store: Store, cluster_id: str, besides: int, limit: int = 50
) -> list[dict[str, Any]]:
    """Other records of one cluster (the same person), with their registries' names."""
    return [
        dict(r)
        for r in store.query(
            "SELECT r.id, r.surname, r.name, r.patronymic, r.birth_year, g.name AS registry "
            "FROM records r JOIN registries g ON g.id = r.registry_id "
            "WHERE r.cluster_id = ? AND r.id != ? ORDER BY r.id LIMIT ?",
            (cluster_id, besides, limit),
        )
    ]
