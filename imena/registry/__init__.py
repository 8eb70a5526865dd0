"""Registries of records (victims' lists, Books of Memory): import, search, dedupe, export."""

from imena.registry.dedupe import DedupeResult, dedupe
from imena.registry.export import EXPORT_COLUMNS, EXPORT_FORMATS, export_records
from imena.registry.fields import RECORD_FIELDS
from imena.registry.formats import FORMATS
from imena.registry.importer import ImportResult, import_registry, rekey
from imena.registry.review import Decision, decide, review_queue
from imena.registry.search import SearchResult, search_records

__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "FORMATS",
    "RECORD_FIELDS",
    "Decision",
    "DedupeResult",
    "ImportResult",
    "SearchResult",
    "decide",
    "dedupe",
    "export_records",
    "import_registry",
    "rekey",
    "review_queue",
    "search_records",
]
