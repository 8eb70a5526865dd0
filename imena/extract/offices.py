"""Office phrases of English prose resolved to one canonical office each.

"the Sverdlovsk chief", "the Sverdlovsk NKVD chief", "NKVD chief of Sverdlovsk
province" and "head of the Sverdlovsk UNKVD" are one office, *NKVD chief of
Sverdlovsk*; "Ukrainian Interior People's Commissar" is *People's Commissar of
Internal Affairs of Ukraine*.  The canonical names are what ``imena who --office``
matches against, so they read as a historian would write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imena.extract.gazetteer import REGION_ADJECTIVES

_REGION = r"(?:[A-Z][a-z]+(?:['’][a-z]+)?(?:-[A-Z][a-z]+)?)(?:\s+(?:Siberia|East|Sea|Region))?"
_ADJ = "|".join(sorted((re.escape(a) for a in REGION_ADJECTIVES), key=len, reverse=True))
_NOT_REGION = {
    "The", "A", "An", "Its", "His", "Her", "Their", "Former", "New", "Regional", "Provincial",
    "Deputy", "Acting", "Party", "Central", "Main", "Chief", "Other", "Another", "Local",
    "Department", "Directorate", "Secretariat", "Section",
}  # fmt: skip


@dataclass(frozen=True)
class OfficeMention:
    """An office phrase in a sentence and the office it names."""

    start: int
    end: int
    office: str
    body: str
    region: str | None
    rule: str


def normalise_region(text: str) -> str:
    """'Sverdlovsk province' -> 'Sverdlovsk'; 'Ukrainian' -> 'Ukraine'."""
    text = re.sub(r"\s+(?:province|oblast|krai|region|republic)$", "", text.strip(), flags=re.I)
    return REGION_ADJECTIVES.get(text, text)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "commissar",
        re.compile(
            rf"(?P<first>First\s+(?=Deputy))?(?P<deputy>Deputy\s+)?(?:(?P<adj>{_ADJ})\s+)?"
            r"(?:Interior\s+People['’]s\s+Commissar|People['’]s\s+Commissar\s+of\s+Internal\s+"
            rf"Affairs)(?:\s+of\s+(?:the\s+)?(?P<of>{_REGION}))?"
        ),
    ),
    (
        "nkvd-chief-of",
        re.compile(
            rf"(?:NKVD|UNKVD)\s+(?:chief|head)\s+of\s+(?:the\s+)?(?P<of>{_REGION})"
            r"(?:\s+(?:province|oblast|krai|region))?"
        ),
    ),
    (
        "head-of-unkvd",
        re.compile(rf"(?:chief|head)\s+of\s+the\s+(?P<of>{_REGION})\s+(?:UNKVD|NKVD)\b"),
    ),
    (
        # "the Secret Political Department chief, V. M. Kurskii"
        "department-chief-after",
        re.compile(
            r"(?P<deputy>[Dd]eputy\s+)?(?:the\s+)?(?P<dept>(?:NKVD\s+)?(?:[A-Z][\w'’-]+\s+){1,4}"
            r"(?:Department|Directorate))\s+(?:chief|head)\b"
        ),
    ),
    (
        "region-nkvd-chief",
        re.compile(
            rf"(?:(?P<adj>{_ADJ})|(?P<region>{_REGION}))\s+(?:(?:UNKVD|NKVD)\s+)?"
            r"(?:chief|head|boss)\b(?!\s+of)"
        ),
    ),
    (
        "department-chief",
        re.compile(
            r"(?P<deputy>[Dd]eputy\s+)?(?:chief|head)\s+of\s+(?:the\s+|his\s+|its\s+)?"
            r"(?P<dept>(?:[A-Z]?[\w'’-]+\s+){0,5}?"
            r"(?:Department|Directorate|Secretariat|department|directorate|secretariat)"
            r"(?:\s+of\s+(?:the\s+)?(?:NKVD|GUGB|Leading Party Organizations))?)"
        ),
    ),
    ("cc-secretary", re.compile(r"secretary\s+of\s+the\s+Central\s+Committee", re.I)),
    ("politburo-candidate", re.compile(r"candidate\s+member\s+of\s+the\s+Politburo", re.I)),
    ("politburo-member", re.compile(r"(?:Politburo\s+member|member\s+of\s+the\s+Politburo)")),
    (
        "tsik-president",
        re.compile(
            r"TsIK\s+President|[Pp]resident\s+of\s+(?:the\s+)?(?:TsIK|Presidium\s+of\s+the\s+"
            r"Supreme\s+Soviet)"
        ),
    ),
    (
        "party-chief",
        re.compile(rf"(?:(?P<adj>{_ADJ})|(?P<region>{_REGION}))\s+Party\s+(?:chief|leader|boss)"),
    ),
    ("procurator-general", re.compile(r"Procurator[- ]General(?:\s+of\s+the\s+USSR)?")),
    (
        "other-commissar",
        re.compile(
            r"(?P<first>First\s+(?=Deputy))?(?P<deputy>Deputy\s+)?People['’]s\s+Commissar\s+of\s+"
            r"(?:the\s+)?"
            r"(?P<field>Navy|Defen[cs]e|Justice|Foreign\s+Affairs|Heavy\s+Industry|Water\s+Transport|"
            r"Transport|Communications|Agriculture|Finance|Health|Education|Enlightenment)"
        ),
    ),
    (
        "defense-deputy",
        re.compile(r"First\s+Deputy\s+People['’]s\s+Commissar\s+of\s+Defen[cs]e"),
    ),
]


def _office(rule: str, m: re.Match[str]) -> tuple[str, str, str | None] | None:
    groups = m.groupdict()
    adj = groups.get("adj")
    region_text = groups.get("of") or groups.get("region") or adj
    if region_text and region_text.split()[0] in _NOT_REGION:
        if rule in ("region-nkvd-chief", "party-chief"):
            return None
        region_text = None
    region = normalise_region(region_text) if region_text else None
    if rule == "commissar":
        if "Defen" in m.group(0):
            return None
        prefix = (
            "First Deputy " if groups.get("first") else ("Deputy " if groups.get("deputy") else "")
        )
        name = f"{prefix}People's Commissar of Internal Affairs"
        if region:
            return f"{name} of {region}", f"NKVD of {region}", region
        return f"{name} of the USSR", "NKVD of the USSR", None
    if rule in ("nkvd-chief-of", "head-of-unkvd", "region-nkvd-chief"):
        if not region:
            return None
        return f"NKVD chief of {region}", f"UNKVD of {region}", region
    if rule in ("department-chief", "department-chief-after"):
        dept = re.sub(r"\s+", " ", groups["dept"]).strip()
        dept = dept[0].upper() + dept[1:]
        if "Party" in dept:
            return f"head of the {dept}", "Central Committee", None
        if "NKVD" not in dept and "GUGB" not in dept:
            dept = f"NKVD {dept}"
        title = "deputy chief" if groups.get("deputy") else "chief"
        return f"{title} of the {dept}", "NKVD of the USSR", None
    if rule == "cc-secretary":
        return "Secretary of the Central Committee", "Central Committee", None
    if rule == "politburo-candidate":
        return "candidate member of the Politburo", "Politburo", None
    if rule == "politburo-member":
        return "member of the Politburo", "Politburo", None
    if rule == "tsik-president":
        return "President of TsIK", "TsIK", None
    if rule == "party-chief":
        if not region:
            return None
        return f"Party chief of {region}", f"Party committee of {region}", region
    if rule == "other-commissar":
        prefix = (
            "First Deputy " if groups.get("first") else ("Deputy " if groups.get("deputy") else "")
        )
        field = re.sub(r"\s+", " ", groups["field"]).replace("Defence", "Defense")
        field = "the Navy" if field == "Navy" else field
        return (f"{prefix}People's Commissar of {field}", f"People's Commissariat of {field}", None)
    if rule == "procurator-general":
        return "Procurator-General of the USSR", "Procuracy of the USSR", None
    if rule == "defense-deputy":
        return (
            "First Deputy People's Commissar of Defense",
            "People's Commissariat of Defense",
            None,
        )
    return None


_ANY_OFFICE = re.compile(
    r"chief|head|boss|Commissar|secretary|member|President|president|Procurator|leader"
)


def find_offices(sentence: str) -> list[OfficeMention]:
    """Office phrases in a sentence, longest first where they overlap."""
    found: list[OfficeMention] = []
    if not _ANY_OFFICE.search(sentence):
        return found
    for rule, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            office = _office(rule, m)
            if office is None:
                continue
            name, body, region = office
            found.append(OfficeMention(m.start(), m.end(), name, body, region, rule))
    found.sort(key=lambda f: f.start)
    return found


def office_id(name: str) -> str:
    """A stable id for an office name ("NKVD chief of Sverdlovsk" -> "nkvd-chief-of-sverdlovsk")."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")
