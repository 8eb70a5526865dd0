"""Persons and their names in the database: lookups by name key, counts, new persons.

Which person a name *is* is decided in :mod:`imena.identity`; this module only reads and
writes the rows that decision rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from imena.store.db import Store

#: Ids are read in chunks of this many (one list parameter each).
CHUNK = 500


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def ids_with_key(store: Store, key: str, *, limit: int | None = None) -> list[str]:
    """Unmerged persons one of whose name forms has the name key ``key``."""
    sql = (
        "SELECT DISTINCT n.person_id FROM names n JOIN persons p ON p.id = n.person_id "
        "WHERE n.key = ? AND p.merged_into IS NULL ORDER BY n.person_id"
    )
    params: tuple[Any, ...] = (key,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return [r[0] for r in store.query(sql, params)]


def ids_with_key_prefix(store: Store, prefix: str, *, limit: int = 200) -> list[str]:
    """Unmerged persons with a name key beginning ``prefix`` (names typed in part)."""
    return [
        r[0]
        for r in store.query(
            "SELECT DISTINCT n.person_id FROM names n JOIN persons p ON p.id = n.person_id "
            "WHERE n.key >= ? AND n.key < ? AND p.merged_into IS NULL "
            "ORDER BY n.person_id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
    ]


def forms(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """Every name form of each person, in the order they were recorded."""
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        for row in store.query(
            f"SELECT person_id, form FROM names WHERE {store.in_list('person_id')} ORDER BY id",
            (store.list_param(chunk),),
        ):
            out[row[0]].append(row[1])
    return out


def name_rows(store: Store, person_id: str) -> list[dict[str, Any]]:
    """The person's names with their script and romanisation system."""
    return [
        dict(r)
        for r in store.query(
            "SELECT form, script, system FROM names WHERE person_id = ? ORDER BY script, id",
            (person_id,),
        )
    ]


def mentions(store: Store, ids: list[str]) -> dict[str, int]:
    """How many event participations each person has."""
    out: dict[str, int] = {}
    for chunk in _chunks(ids):
        for row in store.query(
            "SELECT entity_id, count(*) FROM participants WHERE kind = 'person' "
            f"AND {store.in_list('entity_id')} GROUP BY entity_id",
            (store.list_param(chunk),),
        ):
            out[row[0]] = row[1]
    return out


def rows(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Persons' own rows (name, Cyrillic name, gender, life dates, merge) by id."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in store.query(
            "SELECT id, name, cyrillic, gender, born, died, merged_into FROM persons "
            f"WHERE {store.in_list('id')}",
            (store.list_param(chunk),),
        ):
            out[row["id"]] = dict(row)
    return out


def row(store: Store, person_id: str) -> dict[str, Any] | None:
    return rows(store, [person_id]).get(person_id)


def all_persons(store: Store) -> list[dict[str, Any]]:
    """Every unmerged person with all name forms (the JSON objects of CLI.md)."""
    people = store.query("SELECT * FROM persons ORDER BY id")
    names: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT person_id, form FROM names ORDER BY id"):
        names[r["person_id"]].append(r["form"])
    return [
        {
            "kind": "person",
            "id": r["id"],
            "name": r["name"],
            "names": names.get(r["id"], []),
            "cyrillic": r["cyrillic"],
            "gender": r["gender"],
        }
        for r in people
        if r["merged_into"] is None
    ]


def claim_counts(store: Store, person_id: str) -> dict[str, int]:
    """How many events, office terms and relations name the person."""
    events = store.conn.execute(
        "SELECT count(DISTINCT event_id) FROM participants WHERE kind = 'person' AND entity_id = ?",
        (person_id,),
    ).fetchone()[0]
    terms = store.conn.execute(
        "SELECT count(*) FROM office_terms WHERE person_id = ?", (person_id,)
    ).fetchone()[0]
    relations = store.conn.execute(
        "SELECT count(*) FROM (SELECT id FROM relations WHERE from_person = ? "
        "UNION SELECT id FROM relations WHERE to_person = ?) AS r",
        (person_id, person_id),
    ).fetchone()[0]
    return {"events": events, "office_terms": terms, "relations": relations}


def most_mentioned(store: Store, limit: int) -> list[str]:
    return [
        r[0]
        for r in store.query(
            "SELECT entity_id FROM participants WHERE kind = 'person' "
            "GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT ?",
            (limit,),
        )
    ]


def named_with_key(conn: Any, key: str) -> list[tuple[str, str]]:
    """(id, name) of every unmerged person with a name of name key ``key``, by id."""
    rows = conn.execute(
        "SELECT DISTINCT p.id, p.name FROM persons p JOIN names n ON n.person_id = p.id "
        "WHERE n.key = ? AND p.merged_into IS NULL ORDER BY p.id",
        (key,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def id_taken(conn: Any, person_id: str) -> bool:
    return conn.execute("SELECT 1 FROM persons WHERE id = ?", (person_id,)).fetchone() is not None


def add_person(
    conn: Any,
    person_id: str,
    name: str,
    gender: str | None = None,
    cyrillic: str | None = None,
) -> None:
    conn.execute(
        "INSERT INTO persons (id, name, gender, cyrillic) VALUES (?, ?, ?, ?)",
        (person_id, name, gender, cyrillic),
    )


def set_cyrillic_if_missing(conn: Any, person_id: str, cyrillic: str) -> None:
    """A person's name in Cyrillic, unless the person has one already."""
    conn.execute(
        "UPDATE persons SET cyrillic = ? WHERE id = ? AND cyrillic IS NULL",
        (cyrillic, person_id),
    )


def event_count(conn: Any, person_id: str) -> int:
    """How many events a person takes part in."""
    return int(
        conn.execute(
            "SELECT count(*) FROM participants WHERE kind = 'person' AND entity_id = ?",
            (person_id,),
        ).fetchone()[0]
    )


def add_name(conn: Any, person_id: str, form: str, script: str, system: str, key: str) -> None:
    """Record a name form of a person (nothing happens when it is known already)."""
    conn.execute(
        "INSERT INTO names (person_id, form, script, system, key) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (person_id, form, script, system, key),
    )


def forms_of(conn: Any, person_id: str) -> list[str]:
    """Every name form of a person, in the order recorded."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT form FROM names WHERE person_id = ? ORDER BY id", (person_id,)
        )
    ]


def candidates_with_key(conn: Any, key: str) -> list[tuple[str, list[str]]]:
    """(person id, all name forms) of every unmerged person with a form of name key ``key``."""
    return [(pid, forms_of(conn, pid)) for pid, _ in named_with_key(conn, key)]
