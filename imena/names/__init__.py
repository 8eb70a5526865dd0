"""Names: one person behind every spelling (Ежов, Ezhov, Yezhov, Jeschow, с Ежовым)."""

from imena.names.compare import SAME_PERSON_THRESHOLD, NameComparison, compare_names
from imena.names.cyrillic import cyrillic_candidates
from imena.names.key import name_key, word_key
from imena.names.morphology import CaseReading, normalise_case
from imena.names.structure import PersonName, compatible, parse_name, person_name

# The version of name_key's scheme; stored with registries so that keys of another scheme
# are rebuilt, not searched (see imena.registry.keys). 2: ы kept between consonants, French
# -ine, dj, Polish -czuk/-czk-.
KEY_VERSION = "3"

__all__ = [
    "KEY_VERSION",
    "SAME_PERSON_THRESHOLD",
    "CaseReading",
    "NameComparison",
    "PersonName",
    "compare_names",
    "compatible",
    "cyrillic_candidates",
    "name_key",
    "normalise_case",
    "parse_name",
    "person_name",
    "word_key",
]
