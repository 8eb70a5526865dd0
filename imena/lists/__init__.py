"""Stalin's lists (Memorial): NKVD lists of people submitted to the Politburo, as cited facts."""

from imena.lists.importer import ImportResult, import_stalin_lists
from imena.lists.queries import (
    held_on,
    list_detail,
    lists_on,
    members,
    region_detail,
    regions,
    timeline,
    totals,
)
from imena.lists.reconcile import conflict_groups, find_conflicts, record_conflicts

__all__ = [
    "ImportResult",
    "conflict_groups",
    "find_conflicts",
    "held_on",
    "import_stalin_lists",
    "list_detail",
    "lists_on",
    "members",
    "record_conflicts",
    "region_detail",
    "regions",
    "timeline",
    "totals",
]
