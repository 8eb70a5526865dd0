"""The machinery's vocabularies: kinds of bodies and offices, flow stages, part-whole measures."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Kinds of bodies (bodies.json ``kind``).
BODY_KINDS: dict[str, str] = {
    "party": "an organ of the Party: Politburo, Central Committee, its Plenum",
    "state": "an organ of the state: Council of People's Commissars, TsIK, the procuracy",
    "nkvd": "the People's Commissariat of Internal Affairs of the USSR",
    "nkvd-department": "a main department of the NKVD of the USSR",
    "nkvd-regional": "the NKVD of a province, krai or republic (UNKVD, republican NKVD)",
    "sentencing": "a body that passed sentences: troikas, Special Troikas, dvoika, Military "
    "Collegium, OSO",
}

#: Kinds of offices (offices.json ``kind``).  Offices of the kinds in ``MULTI_HOLDER`` are held
#: by several people at once (several deputies, many Politburo candidates): two holders on one
#: date are an overlap to flag only for the other kinds.
OFFICE_KINDS: dict[str, str] = {
    "head": "the head of a body (People's Commissar, President of TsIK)",
    "deputy": "a deputy of the head",
    "department-chief": "the chief of a department of a body",
    "regional-nkvd-chief": "the NKVD chief of a region (in a union republic: its People's "
    "Commissar of Internal Affairs)",
    "party-secretary": "a Party secretary or regional Party chief",
    "member": "a member or candidate member of a collegial body",
}
MULTI_HOLDER: frozenset[str] = frozenset({"deputy", "member"})

#: Stages of the flow of cases of an operation or body, in order, with the measures
#: (imena.model.MEASURES) that report them.  ``in_albums`` is a count of arrested
#: people whose sentence speaks of albums.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("arrested", ("arrested",)),
    ("in_albums", ("arrested", "prisoners")),
    ("examined", ("examined",)),
    ("condemned", ("condemned",)),
    ("sentenced_to_death", ("sentenced_to_death", "shot")),
    ("sentenced_to_camp", ("sentenced_to_camp",)),
)

#: Part-whole order of measures with the same scope: the first never exceeds the second
#: (death sentences <= condemned <= examined).
MEASURE_WITHIN: tuple[tuple[str, str], ...] = (
    ("sentenced_to_death", "condemned"),
    ("sentenced_to_camp", "condemned"),
    ("shot", "condemned"),
    ("condemned", "examined"),
)

#: What a qualifier says about the true value, as factors of the stated value (low, high);
#: None is unbounded.  "about" is taken as within 10%, "almost" as up to 10% below.
QUALIFIER_BOUNDS: dict[str, tuple[float, float | None]] = {
    "exact": (1.0, 1.0),
    "about": (0.9, 1.1),
    "over": (1.0, None),
    "at least": (1.0, None),
    "under": (0.0, 1.0),
    "almost": (0.9, 1.0),
    "up to": (0.0, 1.0),
}

#: Event types that are decisions of a body (``imena decisions``).
DECISION_TYPES: tuple[str, ...] = ("decision", "order", "quota", "dismissal", "appointment")


@cache
def reference_file(name: str) -> dict[str, Any]:
    """One file of the bundled reference data (imena/data/reference/NAME.json)."""
    path = resources.files("imena") / "data" / "reference" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
