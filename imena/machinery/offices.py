"""Any phrasing of a post ("the Sverdlovsk chief", "нач. УНКВД по …") resolved to canonical offices.

Canonical names are those of imena/extract/offices.py ("NKVD chief of Sverdlovsk", "People's
Commissar of Internal Affairs of Ukraine"), listed with their phrasings in
imena/data/reference/offices.json: the one place other importers (Stalin's lists) match against.
Resolution, in order: an alias or canonical name (case, articles and punctuation ignored); a
Russian post as signed ("нач. 8 отд. ГУГБ НКВД", "нач. УНКВД по X-ской обл."); the English
grammar of imena.extract.offices.  Two rules then apply: a "deputy" the grammar dropped is kept,
and in a union republic the NKVD chief is the republic's People's Commissar of Internal Affairs
(the 1936 Constitution; the chapter calls Berman of Belorussia an NKVD chief).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imena.extract.offices import find_offices, office_id
from imena.machinery.vocabulary import reference_file
from imena.store import machinery as stored
from imena.store.db import Store

_DROP = re.compile(r"\b(?:the|a|an|of|his|its|their|former|then)\b|[.,;:()'’\"“”]", re.I)


def alias_key(phrase: str) -> str:
    """'the Sverdlovsk NKVD chief' and 'Sverdlovsk NKVD Chief.' → one key."""
    text = phrase.lower().replace("ё", "е")
    text = re.sub(r"\bprovince\b|\boblast\b|\bобл\b|\bобласти\b|\bобласть\b", " ", text)
    text = _DROP.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class ResolvedOffice:
    """A canonical office and how the phrase reached it."""

    id: str
    name: str
    how: str


_RU_REGIONAL = re.compile(
    r"(?:нач(?:альник)?\.?|руководитель)\s*(?:у?нквд|управления\s+нквд)\s+(?:по\s+)?"
    r"(?P<region>[а-яё-]+?)(?:ой|ому|ая|ого|ский|ской|ского|скому|кой)?\s+"
    r"(?:обл\.?|области|края|кр\.?|асср)",
    re.I,
)
_RU_COMMISSAR = re.compile(
    r"(?:нарком|народн\w+\s+комиссар)\w*\s+(?:внутренних\s+дел|вд)\s+(?P<rep>\w+)", re.I
)
_RU_DEPUTY = re.compile(r"\bзам(?:\.|естител\w*)", re.I)
_RU_REPUBLICS = {"ссср": None, "усср": "Ukraine", "бсср": "Belorussia", "казсср": "Kazakhstan"}


def _union_republics() -> frozenset[str]:
    return frozenset(reference_file("offices")["union_republics"]["regions"])


def canonical(name: str) -> str:
    """Apply the union-republic rule to a canonical name from the grammar."""
    m = re.fullmatch(r"NKVD chief of (.+)", name)
    if m and m.group(1) in _union_republics():
        return f"People's Commissar of Internal Affairs of {m.group(1)}"
    return name


def _russian(phrase: str) -> list[tuple[str, str]]:
    regions: dict[str, str] = reference_file("offices")["regions_ru"]
    out: list[tuple[str, str]] = []
    m = _RU_REGIONAL.search(phrase)
    if m:
        stem = m.group("region").lower()
        for ru, region in sorted(regions.items(), key=lambda kv: -len(kv[0])):
            if stem.startswith(ru) or ru.startswith(stem):
                out.append((canonical(f"NKVD chief of {region}"), "russian:unkvd"))
                break
    m = _RU_COMMISSAR.search(phrase)
    if m:
        rep = m.group("rep").lower()
        if rep in _RU_REPUBLICS:
            where = _RU_REPUBLICS[rep]
            deputy = "Deputy " if _RU_DEPUTY.search(phrase) else ""
            name = f"{deputy}People's Commissar of Internal Affairs of {where or 'the USSR'}"
            out.append((name, "russian:commissar"))
    if re.search(r"8\s*(?:-?го\s+)?отд\w*\.?\s*ГУГБ", phrase, re.I):
        out.append(("chief of the NKVD Registration Department", "russian:8th-department"))
    return out


def resolve_office(store: Store | None, phrase: str) -> list[ResolvedOffice]:
    """Canonical offices a phrase names, best first; [] when it names none we know."""
    key = alias_key(phrase)
    found: list[ResolvedOffice] = []

    def add(name: str, how: str) -> None:
        oid = office_id(name)
        if all(f.id != oid for f in found):
            found.append(ResolvedOffice(oid, name, how))

    if store is not None:
        for _, name in stored.offices_by_alias(store, key):
            add(name, "alias")
        for _, name in stored.offices_by_name(store, phrase):
            add(name, "name")
    for office in reference_file("offices")["offices"]:
        if key in {alias_key(p) for p in [office["name"], *office.get("aliases", [])]}:
            add(office["name"], "alias")
    if found:
        return found
    for name, how in _russian(phrase):
        add(name, how)
    if found:
        return found
    deputy = re.search(r"\bdeputy\b", phrase, re.I) is not None
    for mention in find_offices(_title(phrase)):
        name = canonical(mention.office)
        if deputy and "Deputy" not in name and "deputy" not in name:
            name = f"Deputy {name}"
        add(name, f"grammar:{mention.rule}")
    return found


def _title(phrase: str) -> str:
    """The grammar expects prose capitalisation: region names and 'NKVD' as written."""
    words = []
    for word in phrase.split():
        if word.lower() in ("nkvd", "unkvd", "gugb", "tsik"):
            words.append(word.upper() if word.lower() != "tsik" else "TsIK")
        elif word.islower() and word not in _LOWER_WORDS:
            words.append(word[:1].upper() + word[1:])
        else:
            words.append(word)
    return " ".join(words)


_LOWER_WORDS = frozenset(
    {
        "the", "of", "and", "chief", "head", "boss", "province", "oblast", "krai", "region",
        "member", "candidate", "secretary", "department", "directorate", "secretariat",
    }
)  # fmt: skip
