"""Group name mentions into persons by key and context, keeping the evidence for every link."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from imena.names.key import word_key
from imena.names.morphology import normalise_case
from imena.names.structure import PersonName, given_name_agreement, parse_name

_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
# Given names agree at or above this Jaro-Winkler similarity of keys (spelling slips such as
# Nikolai / Nikolay reach it through equal keys already; Nikandr / Nikanor do not).
_AGREEMENT = 0.9


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name in a source, with whatever context the source gives."""

    form: str
    first_name: str = ""
    initials: str = ""  # "N. I." or "N.I."
    patronymic: str = ""
    office: str = ""
    date: str = ""
    region: str = ""
    source: str = ""


@dataclass(frozen=True)
class Link:
    """Why a mention was put with a person: the score and the reasons, in words."""

    mention_id: int
    person_id: int
    evidence: str


@dataclass
class Person:
    """A person as the resolver sees it: the mentions grouped under it and what they say."""

    id: int
    surname_key: str
    mention_ids: list[int] = field(default_factory=list)
    gender: str | None = None
    first_names: set[str] = field(default_factory=set)
    patronymics: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    ambiguous_with: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Reading:
    """What a mention says about its person, normalised."""

    name: PersonName
    stem_key: str
    gender: str | None
    first: str  # first name or its initial ("N."), as written
    patronymic: str


def _surname_nominative(surname: str) -> tuple[str, str | None]:
    """The nominative of a surname and the gender, when the form tells (с Ежовым → Ежов, masc)."""
    if not _CYRILLIC.search(surname):
        return surname, None
    readings = [r for r in normalise_case(surname) if r.kind in {"surname", "word"}]
    if not readings:
        return surname, None
    genders = {r.gender for r in readings}
    # Ежова is a man's genitive or a woman's nominative: keep the gender open.
    return readings[0].nominative, genders.pop() if len(genders) == 1 else None


def _stem_key(surname: str) -> str:
    """A key that a man's and a woman's form of one surname share (Ezhov, Ezhova → ejov).

    Used only to find candidates; gender then keeps the two people apart.
    """
    key = word_key(surname)
    if key.endswith("aia"):
        return key[:-3] + "i"
    if key.endswith(("ova", "eva", "ina")) and len(key) > 4:
        return key[:-1]
    return key


def _agrees(value: str, known: set[str]) -> bool | None:
    """None when there is nothing to compare; otherwise whether value agrees with all known."""
    if not value or not known:
        return None
    return all((given_name_agreement(value, k) or 0.0) >= _AGREEMENT for k in known)


class PersonResolver:
    """An in-memory resolver: add mentions, get persons; undo a merge with :meth:`split`.

    Mentions are blocked by a gender-neutral surname key and joined to a person only when
    nothing in their context conflicts: genders, first names and patronymics (or their
    initials) must agree. When several persons fit and neither given names nor shared
    office, region or source single one out, the mention starts a person of its own marked
    ``ambiguous_with`` those candidates, instead of being guessed into one of them.
    """

    def __init__(self) -> None:
        self.mentions: dict[int, Mention] = {}
        self.persons: dict[int, Person] = {}
        self.links: dict[int, Link] = {}  # by mention id
        self._readings: dict[int, _Reading] = {}
        self._blocks: dict[str, set[int]] = {}
        self._mention_ids = itertools.count(1)
        self._person_ids = itertools.count(1)

    def add(self, mention: Mention | str) -> int:
        """Add a mention; return the id of the person it was put with."""
        if isinstance(mention, str):
            mention = Mention(mention)
        mention_id = next(self._mention_ids)
        self.mentions[mention_id] = mention
        reading = self._read(mention)
        self._readings[mention_id] = reading
        candidates = [self.persons[pid] for pid in sorted(self._blocks.get(reading.stem_key, ()))]
        fitting = []
        for person in candidates:
            reasons = self._fit(reading, mention, person)
            if reasons is not None:
                fitting.append((person, reasons))
        if len(fitting) > 1:
            # Prefer persons that given names or context positively support.
            best = max(len(reasons) for _, reasons in fitting)
            top = [(p, r) for p, r in fitting if len(r) == best]
            fitting = top if len(top) == 1 and best > 1 else fitting
        if len(fitting) > 1:
            # A mention that fits several persons joins the open "which one?" person of the
            # key, if there is one, rather than starting another.
            open_persons = [(p, r) for p, r in fitting if p.ambiguous_with]
            if open_persons:
                person, reasons = open_persons[0]
                self._attach(mention_id, person, "; ".join([*reasons, "still ambiguous"]))
                return person.id
        if len(fitting) == 1:
            person, reasons = fitting[0]
            self._attach(mention_id, person, "; ".join(reasons))
            return person.id
        person = self._new_person(reading.stem_key)
        if fitting:
            person.ambiguous_with = tuple(p.id for p, _ in fitting)
            evidence = "new person: fits several ({})".format(
                ", ".join(str(p.id) for p, _ in fitting)
            )
        elif candidates:
            evidence = "new person: conflicts with every person of key " + reading.stem_key
        else:
            evidence = "new person: first mention of key " + reading.stem_key
        self._attach(mention_id, person, evidence)
        return person.id

    def split(self, person_id: int, mention_ids: list[int]) -> int:
        """Move the given mentions of a person to a new person (undoing a wrong merge)."""
        person = self.persons[person_id]
        moving = [m for m in mention_ids if m in person.mention_ids]
        if not moving or len(moving) == len(person.mention_ids):
            raise ValueError(f"split of person {person_id} must leave mentions on both sides")
        new = self._new_person(person.surname_key)
        for mention_id in moving:
            person.mention_ids.remove(mention_id)
            new.mention_ids.append(mention_id)
            self.links[mention_id] = Link(mention_id, new.id, f"split from person {person_id}")
        self._recompute(person)
        self._recompute(new)
        return new.id

    def merge(self, keep_id: int, other_id: int, reason: str) -> int:
        """Put every mention of ``other_id`` with ``keep_id`` (a curator's decision)."""
        keep, other = self.persons[keep_id], self.persons.pop(other_id)
        self._blocks[other.surname_key].discard(other_id)
        for mention_id in other.mention_ids:
            keep.mention_ids.append(mention_id)
            self.links[mention_id] = Link(mention_id, keep_id, f"merged: {reason}")
        self._recompute(keep)
        return keep_id

    def person_of(self, mention_id: int) -> Person:
        return self.persons[self.links[mention_id].person_id]

    def evidence(self, person_id: int) -> list[Link]:
        """The links that put each mention with this person."""
        return [self.links[m] for m in self.persons[person_id].mention_ids]

    def _read(self, mention: Mention) -> _Reading:
        name = parse_name(mention.form)
        if mention.initials and not name.initials and not name.first_name:
            name = parse_name(f"{mention.initials} {name.surname}")
        surname, surname_gender = _surname_nominative(name.surname)
        first = mention.first_name or name.given[0]
        patronymic = mention.patronymic or name.given[1]
        first_gender = None
        if first and _CYRILLIC.search(first):
            for r in normalise_case(first):
                if r.kind == "first_name" and r.gender:
                    first, first_gender = r.nominative, r.gender
                    break
        gender = first_gender or surname_gender
        if gender is None and not _CYRILLIC.search(surname):
            gender = name.gender
        return _Reading(name, _stem_key(surname), gender, first, patronymic)

    def _fit(self, reading: _Reading, mention: Mention, person: Person) -> list[str] | None:
        """Reasons for joining the person, or None when something conflicts."""
        reasons = [f"surname key {person.surname_key}"]
        if reading.gender and person.gender and reading.gender != person.gender:
            return None
        for label, value, known in (
            ("first name", reading.first, person.first_names),
            ("patronymic", reading.patronymic, person.patronymics),
        ):
            agreement = _agrees(value, known)
            if agreement is False:
                return None
            if agreement:
                reasons.append(f"{label} {value} agrees")
        for label, value, known in (
            ("office", mention.office, person.offices),
            ("region", mention.region, person.regions),
            ("source", mention.source, person.sources),
        ):
            if value and value in known:
                reasons.append(f"same {label}: {value}")
        return reasons

    def _new_person(self, stem_key: str) -> Person:
        person = Person(next(self._person_ids), stem_key)
        self.persons[person.id] = person
        self._blocks.setdefault(stem_key, set()).add(person.id)
        return person

    def _attach(self, mention_id: int, person: Person, evidence: str) -> None:
        person.mention_ids.append(mention_id)
        self.links[mention_id] = Link(mention_id, person.id, evidence)
        self._learn(person, mention_id)

    def _learn(self, person: Person, mention_id: int) -> None:
        reading, mention = self._readings[mention_id], self.mentions[mention_id]
        person.gender = person.gender or reading.gender
        # A full name replaces the initial it explains (N. then Nikolai → Nikolai).
        for value, known in (
            (reading.first, person.first_names),
            (reading.patronymic, person.patronymics),
        ):
            if not value:
                continue
            if not value.endswith("."):
                known -= {k for k in known if k.endswith(".")}
                known.add(value)
            elif not known:
                known.add(value)
        for value, known in (
            (mention.office, person.offices),
            (mention.region, person.regions),
            (mention.source, person.sources),
            (mention.form, person.forms),
        ):
            if value:
                known.add(value)

    def _recompute(self, person: Person) -> None:
        person.gender = None
        for attribute in ("first_names", "patronymics", "offices", "regions", "sources", "forms"):
            getattr(person, attribute).clear()
        for mention_id in person.mention_ids:
            self._learn(person, mention_id)
