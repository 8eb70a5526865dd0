"""Names: one person behind every spelling (Ежов, Ezhov, Yezhov, Jeschow, с Ежовым)."""

from imena.names.compare import SAME_PERSON_THRESHOLD, NameComparison, compare_names
from imena.names.cyrillic import cyrillic_candidates
from imena.names.key import name_key, word_key
from imena.names.morphology import CaseReading, normalise_case
from imena.names.resolve import Link, Mention, Person, PersonResolver
from imena.names.structure import PersonName, compatible, parse_name, person_name

__all__ = [
    "SAME_PERSON_THRESHOLD",
    "CaseReading",
    "Link",
    "Mention",
    "NameComparison",
    "Person",
    "PersonName",
    "PersonResolver",
    "compare_names",
    "compatible",
    "cyrillic_candidates",
    "name_key",
    "normalise_case",
    "parse_name",
    "person_name",
    "word_key",
]
