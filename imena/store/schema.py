"""The SQLite schema of an imena database, as an ordered list of migrations.

Each migration is a file ``migrations/NNNN_name.sql``, applied in the order of its
number; ``PRAGMA user_version`` holds how many have been applied, and opening a
database applies the missing ones in one transaction.  Never edit a released
migration: add a new file.  Table and column names follow MODEL.md.
"""

from __future__ import annotations

from importlib import resources


def _load() -> list[str]:
    folder = resources.files("imena.store") / "migrations"
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".sql")),
        key=lambda entry: entry.name,
    )
    numbers = [int(entry.name.split("_", 1)[0]) for entry in files]
    # Numbers run 1, 2, 3...: a gap would silently skip a migration on old databases.
    assert numbers == list(range(1, len(numbers) + 1)), f"migration numbers {numbers}"
    return [entry.read_text(encoding="utf-8") for entry in files]


MIGRATIONS: list[str] = _load()
SCHEMA_VERSION = len(MIGRATIONS)
