"""Results of slow queries over whole tables, kept between requests until the database changes.

Counts by month, event types and bodies, the decisions "at a glance": every reader of the
chronology gets the same answer until someone ingests, imports or reviews.  The database
says when that happens (``Store.change_token``: SQLite's ``PRAGMA data_version``,
PostgreSQL's write-ahead log position).  One idle connection asks it before every lookup,
so a cached value never outlives the data it was computed from.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

#: How many results are kept (the least recently used go first): a few per filter choice.
SIZE = 128


class Aggregates:
    """A small cache of query results, emptied whenever the database at ``db`` changes."""

    def __init__(self, db: str, size: int = SIZE):
        from imena.store.db import Store

        self._store = Store(db, create=False)
        self._lock = threading.Lock()
        self._size = size
        self._version: int | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``, computed (outside the lock) when missing or out of date."""
        with self._lock:
            version = self._store.change_token()
            if version != self._version:
                self._values.clear()
                self._version = version
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        # Computed on the request's own connection, after the version was read: the value
        # is at least as new as that version, and a commit in between empties the cache.
        value = compute()
        with self._lock:
            if self._version == version:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value

    def close(self) -> None:
        self._store.close()


def uncached(key: Hashable, compute: Callable[[], T]) -> T:
    """The same call as ``Aggregates.get``, computing every time (for callers without a cache)."""
    return compute()
