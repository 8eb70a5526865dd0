"""Where a citation leads and how it reads: the source's authors and title, not its id.

A citation of a text's passage links to that passage in the reader; one of Stalin's lists
to the list's page; a curated reference (the bundled reference data) is its full
bibliographic reference, linked to the sentence when the cited work is in the database.
What is looked up is read once per database state (the pages' cache).
"""

from __future__ import annotations

from typing import Any

from imena.store import lists as stored_lists
from imena.store.db import Store
from imena.web.cache import Aggregates, uncached

#: The source id of the bundled reference data (imena.machinery.reference).
REFERENCE_SOURCE = "imena-reference"


class CitationLinks:
    """Links and labels of citations for one request."""

    def __init__(self, store: Store, cache: Aggregates | None = None):
        self._store = store
        self._get = cache.get if cache is not None else uncached
        self._sources: dict[str, dict[str, Any]] | None = None
        self._lists: dict[tuple[str, str], int] | None = None

    def _source(self, source_id: str) -> dict[str, Any]:
        if self._sources is None:
            self._sources = self._get(
                ("citation sources",),
                lambda: {r["id"]: dict(r) for r in self._store.sources()},
            )
        return self._sources.get(source_id) or {}

    def _list_id(self, source_id: str, locator: str | None) -> int | None:
        if not locator:
            return None
        if self._lists is None:
            self._lists = self._get(
                ("citation lists",), lambda: stored_lists.lists_by_locator(self._store)
            )
        return self._lists.get((source_id, locator))

    def work(self, source_id: str) -> str:
        """'Marc Jansen; Nikita Petrov, Apogee (2002)', or the title alone."""
        source = self._source(source_id)
        title = source.get("title") or source_id
        year = f" ({source['year']})" if source.get("year") else ""
        authors = source.get("authors")
        return f"{authors}, {title}{year}" if authors else f"{title}{year}"

    def view(self, c: dict[str, Any]) -> dict[str, Any]:
        """{"href": where to read it (or None), "label": how to name it}."""
        passage = c.get("passage")
        if passage:
            anchor = passage.rsplit(":", 1)[-1]
            return {
                "href": f"/sources/{c['source']}#{anchor}",
                "label": f"{self.work(c['source'])}, ¶ {anchor.removeprefix('p')}",
            }
        list_id = self._list_id(c["source"], c.get("locator"))
        if list_id is not None:
            return {"href": f"/lists/{list_id}", "label": f"Stalin's lists, list {list_id}"}
        if c["source"] == REFERENCE_SOURCE:
            # The locator is the whole reference (author, title, note): nothing to open.
            return {"href": None, "label": "imena's reference data"}
        return {"href": f"/sources/{c['source']}", "label": self.work(c["source"])}
