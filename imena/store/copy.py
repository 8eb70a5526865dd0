"""Copying a whole database to another backend (``imena db copy``), row for row.

Tables are copied parents first, so every foreign key finds its row; a column that
refers to its own table (a note's passage, a merged person, a body's parent) is filled in
after all rows of the table are there.  The target must be empty; everything is copied
in one transaction of the target, so a failed copy leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from imena.errors import ImenaError
from imena.store.db import Store

#: Every table of the schema, parents before children.  A migration that adds a table
#: adds it here (``copy`` refuses a database with a table it does not know).
TABLES = (
    "sources",
    "passages",
    "markers",
    "sentences",
    "persons",
    "names",
    "bodies",
    "offices",
    "office_aliases",
    "places",
    "operations",
    "categories",
    "documents",
    "events",
    "participants",
    "office_terms",
    "figures",
    "relations",
    "citations",
    "conflicts",
    "audit",
    "reference_loads",
    "registries",
    "records",
    "record_names",
    "surname_keys",
    "given_keys",
    "dedupe_runs",
    "dedupe_pairs",
    "dedupe_decisions",
    "accounts",
    "web_sessions",
    "stalin_lists",
    "stalin_list_sections",
    "stalin_list_signatures",
    "stalin_list_office_phrases",
)
#: Columns referring to a row of their own table: (table, column).
SELF_REFERENCES = (
    ("passages", "note_for"),
    ("persons", "merged_into"),
    ("bodies", "parent"),
    ("places", "parent"),
)
#: Tables whose ``id`` the server numbers (SQLite rowids, PostgreSQL identities).
NUMBERED = ("names", "citations", "audit", "registries", "records", "dedupe_runs", "accounts")
BATCH = 5000


def copy_database(
    source: Store, target: Store, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; rows copied per table."""
    unknown = sorted(set(source.tables()) - set(TABLES))
    if unknown:
        raise ImenaError(f"cannot copy tables this imena does not know: {', '.join(unknown)}")
    filled = [t for t in TABLES if target.conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
    if filled:
        raise ImenaError(
            f"the target database is not empty ({', '.join(filled[:3])}…): copy into a new one",
            path=target.path,
        )
    counts: dict[str, int] = {}
    own = dict(SELF_REFERENCES)
    with target.transaction() as conn:
        for table in TABLES:
            cursor = source.stream(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            later: list[tuple[object, object]] = []
            deferred = own.get(table)
            at = columns.index(deferred) if deferred else -1
            n = 0
            while rows := cursor.fetchmany(BATCH):
                batch = []
                for row in rows:
                    values = list(row)
                    if at >= 0 and values[at] is not None:
                        later.append((values[at], values[columns.index("id")]))
                        values[at] = None
                    batch.append(values)
                conn.executemany(insert, batch)
                n += len(batch)
            cursor.close()
            if later:
                conn.executemany(f'UPDATE {table} SET "{deferred}" = ? WHERE id = ?', later)
            counts[table] = n
            if progress:
                progress(table, n)
        target.after_bulk_insert(NUMBERED)
    return counts
