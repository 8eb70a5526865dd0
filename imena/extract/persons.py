"""Persons in a document: name mentions, pronouns and "the latter" resolved to one person each.

Mentions are found by shape, most specific first: initials with a surname
("Ia. A. Deich"), a known first name with a surname ("Nikolai Ezhov", "Evgeniia
Podol'skaia"), a kinship phrase with a first name ("his brother Ivan"), and a
capitalised word that is a surname already met in the document or looks like a
Russian surname.  Places that are also surnames (Kuibyshev, Ordzhonikidze, Kalinin)
are decided by context: "the Ordzhonikidze NKVD chief", "in Kuibyshev" are places.

Within a document, mentions resolve to persons by surname key and compatible given
names (so "Ezhov", "Nikolai Ezhov" and "N. I. Ezhov" are one person, "Boris Efimov"
and "Vasilii Efimov" two); a bare surname goes to the person of that surname met most
recently.  "he", "his", "him" go to the most recent male subject of the paragraph.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Protocol

from imena.extract.gazetteer import (
    AMBIGUOUS_PLACES,
    NOT_PERSONS,
    PLACES,
    first_name_gender,
)
from imena.names import name_key

# A name word ends where letters end: "Sl" is no word of "Slánský".
_WORD = (
    r"[A-Z][a-z]+(?:['’](?!s\b)[a-z]+)*(?:-[A-Z][a-z]+(?:['’](?!s\b)[a-z]+)*)?(?![^\W\d_])"
)
_INITIAL = r"(?:(?:Shch|[A-Z][a-z]?)\.\s?)"
_TITLES = (
    r"(?:comrade|Comrade|Marshal|General|Commissar|Professor|Academician|Dr\.|President|"
    r"Secretary|Procurator|Colonel|Major|Captain|Lieutenant)"
)
_INITIALS_NAME = re.compile(rf"\b(?P<initials>{_INITIAL}{{1,3}})(?P<surname>{_WORD})")
_FULL_NAME = re.compile(
    rf"\b(?P<first>{_WORD})\s+(?:(?P<patr>{_WORD}(?:ovich|evich|ich|ovna|evna|ichna))\s+)?(?P<surname>{_WORD})"
)
_GIVEN_BEFORE = re.compile(r"\b(?P<first>[A-Z][a-z]+)\s+$")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|inichna)$")
_CAPITAL = re.compile(rf"(?<![\w'’-])(?P<word>{_WORD})(?P<poss>['’]s)?")
_KIN = re.compile(
    r"\b(?P<owner>his|her|[A-Z][\w'’]+['’]s)\s+(?:(?:younger|elder|older|little|second|first|"
    r"adopted|former|close)\s+)*(?P<kin>brother|sister|wife|husband|son|daughter|nephew|niece|"
    r"mother|father|friend|lover|bodyguard|deputy|chief|successor|predecessor),?\s+"
    r"(?P<name>[A-Z][\w'’-]+)(?:\s+(?P<surname>[A-Z][\w'’-]+))?"
)
# Surname endings of Russian, Ukrainian, Belorussian, Georgian, Armenian and Polish
# names in English romanisations.
_SURNAME_END = re.compile(
    r"(?:ov|ev|ëv|in|yn|ova|eva|ina|yna|skii|skiy|sky|skaia|skaya|tskii|tskaia|skoi|"
    r"ich|vich|enko|uk|iuk|chuk|ko|dze|shvili|ian|iants|ski|ska|ak|ek|ik|ets)$"
)
_PLACE_AFTER = re.compile(
    r"^\s*(?:NKVD|UNKVD|province|oblast|krai|region|city|Party|provincial|regional|"
    r"district|railway|Higher|party|Military|Regional|Province|Region)\b"
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|to|from|near|of|at|for|into|toward|towards)\s+(?:the\s+)?)$"
)
_HUMAN_AFTER = re.compile(
    r"^['’]s\s+(?:wife|brother|sister|son|daughter|assistant|deputy|chief|bodyguard|secretary|"
    r"office|proposal|request|view|speech|name|successor|family|relatives|apartment|arrest|"
    r"fall|death|career|friend|lover|adjutant)"
)
_MALE_PRONOUN = re.compile(r"\b(?:he|He|him|his|His|himself)\b")
_OBJECTIVE = frozenset({"him", "her"})
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:by|of|with|to|from|for|like|than|about|against|on|at|and|named)\s+"
    r"(?:(?:the|a|an|his|her|their|comrade|drunk|former|new|old|young|late)\s+){0,2}$"
)
_EMPHATIC_AFTER = re.compile(r"\s+(?:him|her)self\b")
_FEMALE_PRONOUN = re.compile(r"\b(?:she|She|her|Her|herself)\b")
_LATTER = re.compile(r"\bthe latter\b", re.I)


class EntityTyping(Protocol):
    """What a language's entity typing tells the person finder about one sentence."""

    persons: list  # spans with .start, .end, .text, relative to the sentence

    def not_person(self, start: int, end: int, known: bool = False) -> bool: ...


def surname_key(surname: str) -> str:
    """Romanisation-insensitive key of a surname (imena.names.name_key)."""
    return name_key(surname)


@dataclass
class Person:
    """A person of one document, with every form it was written in."""

    index: int
    surname: str | None = None
    first: str | None = None
    patronymic: str | None = None
    initials: str | None = None
    gender: str | None = None
    forms: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    #: False when the surname was inferred (a brother named "Ivan" in "his brother Ivan").
    explicit_surname: bool = True
    mentions: int = 0

    @property
    def key(self) -> str:
        """The surname's key, computed once (resolution compares it for every mention)."""
        cached = self.__dict__.get("_key")
        if cached is None or cached[0] != self.surname:
            cached = (self.surname, surname_key(self.surname) if self.surname else "")
            self.__dict__["_key"] = cached
        return cached[1]

    @property
    def name(self) -> str:
        if self.first and self.surname:
            return f"{self.first} {self.surname}"
        if self.initials and self.surname:
            return f"{self.initials} {self.surname}"
        return self.surname or self.first or "?"

    def given_initials(self) -> str:
        """First letters of first name and patronymic (or the initials as written)."""
        if self.first:
            letters = _initial_of(self.first)
            if self.patronymic:
                letters += _initial_of(self.patronymic)
            return letters
        if self.initials:
            return "".join(_initial_of(p) for p in re.findall(r"[A-Z][a-z]*", self.initials))
        return ""


def _initial_of(word: str) -> str:
    # Romanised two-letter initials stand for one Cyrillic letter: Ia. = Я, Zh. = Ж.
    for digraph in ("Shch", "Ia", "Iu", "Ie", "Zh", "Kh", "Ts", "Ch", "Sh", "Ya", "Yu"):
        if word.startswith(digraph):
            return digraph.lower() + "."
    return word[:1].lower() + "."


@dataclass
class Mention:
    """A span of a sentence that refers to a person."""

    start: int
    end: int
    text: str
    person: int
    rule: str


def _compatible(a: str, b: str) -> bool:
    """Given-name initials compatible: 'n.i.' ~ 'n.' ~ 'n.i.'; 'n.i.' !~ 'i.'."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


class DocumentPersons:
    """The persons of one document, resolved mention by mention in reading order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self._recent: list[int] = []  # person indexes, most recent last
        self._paragraph: set[int] = set()
        self._by_key: dict[str, list[Person]] = {}  # surname key -> persons, for lookups
        #: Kinship stated in the last sentence read: (kin word, owner, named person).
        self.kinship: list[tuple[str, int, int]] = []
        self.focus_male: int | None = None
        self.focus_female: int | None = None

    # -- resolution -----------------------------------------------------------------------
    def _touch(self, index: int) -> None:
        self._paragraph.add(index)
        if index in self._recent:
            self._recent.remove(index)
        self._recent.append(index)

    def find(
        self, surname: str | None, first: str | None = None, initials: str | None = None
    ) -> Person | None:
        probe = Person(-1, surname=surname, first=first, initials=initials)
        key = surname_key(surname) if surname else None
        if key and not first and not initials:
            return self._bare_surname(key)
        given = probe.given_initials()
        if key:
            pool = {p.index for p in self._by_key.get(key, ())}
            indexes: list[int] = [i for i in reversed(self._recent) if i in pool]
        else:
            indexes = list(reversed(self._recent))
        for index in indexes:
            person = self.persons[index]
            if not key and first and person.first != first:
                continue
            if first and person.first and first != person.first:
                # Full first names must agree (Boris Efimov is not Vasilii Efimov); a
                # diminutive is not recognised here and makes another person.
                continue
            if not _compatible(given, person.given_initials()):
                continue
            return person
        return None

    def _bare_surname(self, key: str) -> Person | None:
        """A surname alone: the one of that name met in this paragraph, else the most cited.

        Persons whose surname was only inferred are not candidates, so "Ezhov" never
        becomes his brother Ivan.
        """
        candidates = [p for p in self._by_key.get(key, ()) if p.explicit_surname]
        if not candidates:
            return None
        for index in reversed(self._recent):
            if index in self._paragraph and self.persons[index] in candidates:
                return self.persons[index]
        return max(candidates, key=lambda p: p.mentions)

    def resolve(
        self,
        form: str,
        *,
        surname: str | None = None,
        first: str | None = None,
        patronymic: str | None = None,
        initials: str | None = None,
        gender: str | None = None,
        evidence: str | None = None,
        explicit: bool = True,
    ) -> Person:
        person = self.find(surname, first, initials) if explicit else None
        if person is None and not explicit:
            person = next(
                (p for p in self.persons if p.first == first and p.surname == surname), None
            )
        if person is None:
            person = Person(
                len(self.persons),
                surname=surname,
                first=first,
                patronymic=patronymic,
                initials=initials,
                gender=gender,
                explicit_surname=explicit,
            )
            self.persons.append(person)
            if person.surname:
                self._by_key.setdefault(person.key, []).append(person)
        else:
            person.first = person.first or first
            person.patronymic = person.patronymic or patronymic
            person.initials = person.initials or initials
            person.gender = person.gender or gender
        if form not in person.forms:
            person.forms.append(form)
        if evidence and evidence not in person.evidence:
            person.evidence.append(evidence)
        person.mentions += 1
        self._touch(person.index)
        return person

    def last(self, gender: str | None = None, exclude: set[int] | None = None) -> Person | None:
        for index in reversed(self._recent):
            person = self.persons[index]
            if exclude and index in exclude:
                continue
            if gender is None or person.gender in (gender, None):
                return person
        return None

    def new_paragraph(self) -> None:
        # The focus carries over: a paragraph opening with "He" continues the topic of
        # the one before.
        self._paragraph = set()

    # -- mentions in one sentence --------------------------------------------------------------
    def mentions(self, sentence: str, entities: EntityTyping | None = None) -> list[Mention]:
        """Person mentions of one sentence, resolved; pronouns included (rule 'pronoun').

        ``entities`` types the sentence's names (``extract.en.entities``): a name it calls
        a place, people, party or organisation is never taken for a surname, and the
        persons it finds that no shape rule did are added (rule 'typed-person').
        """
        found: list[Mention] = []
        # Characters already in a mention: a mask, so that checking a span costs its length
        # and a sentence of thousands of names stays linear.
        taken = bytearray(len(sentence) + 1)
        self.kinship = []

        def free(start: int, end: int) -> bool:
            return not any(taken[start:end])

        def add(start: int, end: int, person: Person, rule: str) -> None:
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, sentence[start:end], person.index, rule))

        for m in _INITIALS_NAME.finditer(sentence):
            surname = m.group("surname")
            if surname in NOT_PERSONS or not free(m.start(), m.end()):
                continue
            if m.group("initials").startswith(("St.", "Ste.", "Mt.", "Ft.")):
                continue  # Saint, Mount, Fort: St. Petersburg is a city
            initials = " ".join(re.findall(r"(?:Shch|[A-Z][a-z]?)\.", m.group("initials")))
            # A given name before a middle initial belongs to the name: "Sergey M. Kirov".
            given = _GIVEN_BEFORE.search(sentence[: m.start()])
            if given is not None and first_name_gender(given.group("first")) is not None:
                first = given.group("first")
                form = sentence[given.start("first") : m.end()]
                person = self.resolve(
                    form, surname=surname, first=first, gender=first_name_gender(first)
                )
                add(given.start("first"), m.end(), person, "first-initial-surname")
                continue
            person = self.resolve(m.group(0), surname=surname, initials=initials)
            add(m.start(), m.end(), person, "initials-surname")
        for start_word in _CAPITAL.finditer(sentence):
            # Try every capitalised word as a first name: "President Mikhail Kalinin".
            m = _FULL_NAME.match(sentence, start_word.start())
            if m is None:
                continue
            first, surname = m.group("first"), m.group("surname")
            gender = first_name_gender(first)
            if gender is None or surname in NOT_PERSONS or not free(m.start(), m.end()):
                continue
            # A given name makes the surname a person's: only a plural undoes it.
            if entities is not None and entities.not_person(
                m.start("surname"), m.end(), known=True
            ):
                continue
            if _PATRONYMIC.search(surname) and not m.group("patr"):
                # "Evgeniia Solomonovna": first name and patronymic, no surname.
                person = self.find(None, first=first) or self.resolve(
                    m.group(0), first=first, patronymic=surname, gender=gender
                )
                if m.group(0) not in person.forms:
                    person.forms.append(m.group(0))
                person.patronymic = person.patronymic or surname
                add(m.start(), m.end(), person, "first-patronymic")
                continue
            if surname in PLACES and surname not in AMBIGUOUS_PLACES:
                continue
            person = self.resolve(
                m.group(0), surname=surname, first=first, patronymic=m.group("patr"), gender=gender
            )
            add(m.start(), m.end(), person, "first-surname")
        for m in _CAPITAL.finditer(sentence):
            word = m.group("word")
            start, end = m.start("word"), m.end("word")
            if not free(start, end) or word in NOT_PERSONS:
                continue
            gender = first_name_gender(word)
            if gender is not None:
                known = self.find(None, first=word)
                if known is not None:
                    self._touch(known.index)
                    add(start, end, known, "first-name")
                continue
            if entities is not None and entities.not_person(
                start, end, known=self.find(word) is not None
            ):
                continue
            if not self._surname_like(word, sentence, start, end):
                continue
            person = self.resolve(word, surname=word)
            add(start, end, person, "surname")
        if entities is not None:
            for span in entities.persons:
                if not free(span.start, span.end):
                    continue
                person = self._typed_person(span.text)
                if person is not None:
                    add(span.start, span.end, person, "typed-person")
        for m in _KIN.finditer(sentence):
            name = m.group("name")
            gender = first_name_gender(name)
            if gender is None or name in NOT_PERSONS:
                continue
            # The name may already be taken as a first name or surname mention: the
            # kinship reading is more specific, so it replaces them.
            replaced = [x for x in found if m.start("name") <= x.start < m.end()]
            found[:] = [x for x in found if not (m.start("name") <= x.start < m.end())]
            for x in replaced:
                taken[x.start : x.end] = bytes(x.end - x.start)
            owner = self._owner(m.group("owner"), sentence, m.start(), found)
            surname = (
                m.group("surname")
                if m.group("surname")
                and self._surname_like(
                    m.group("surname"), sentence, m.start("surname"), m.end("surname")
                )
                else None
            )
            explicit = surname is not None
            if (
                surname is None
                and owner is not None
                and m.group("kin") in ("brother", "son", "daughter", "sister")
            ):
                # Siblings and children are usually named with the family surname; the
                # evidence says it was inferred.
                surname = owner.surname if m.group("kin") in ("brother", "son") else None
            person = self.resolve(
                m.group(0)[m.start("name") - m.start() :],
                surname=surname,
                first=name,
                gender=gender,
                evidence=f"{m.group('kin')} of {owner.name if owner else '?'}",
                explicit=explicit,
            )
            if owner is not None and owner.index != person.index:
                self.kinship.append((m.group("kin"), owner.index, person.index))
            end = m.end("surname") if surname and m.group("surname") else m.end("name")
            add(m.start("name"), end, person, "kinship-name")
        found.sort(key=lambda mention: mention.start)
        found.extend(self._pronouns(sentence, found))
        found.sort(key=lambda mention: mention.start)
        self._update_focus(sentence, found)
        return found

    def _typed_person(self, form: str) -> Person | None:
        """The person a typed name is: its last word the surname, a given name before it."""
        words = re.findall(r"[^\W\d_][\w'’.-]*", form)
        words = [w for w in words if w not in ("Jr.", "Sr.")]
        if not words:
            return None
        surname = re.sub(r"['’]s$", "", words[-1])
        if surname in NOT_PERSONS or not surname[:1].isupper():
            return None
        given = [w for w in words[:-1] if not w.endswith(".")]
        initials = " ".join(w for w in words[:-1] if w.endswith(".")) or None
        first = given[0] if given else None
        if len(words) == 1 and first_name_gender(surname) is not None:
            known = self.find(None, first=surname)
            if known is not None:
                self._touch(known.index)
                return known
        return self.resolve(
            form,
            surname=surname,
            first=first,
            initials=None if first else initials,
            gender=first_name_gender(first) if first else None,
        )

    def set_focus(self, index: int) -> None:
        """Make a person the focus pronouns refer to (the subject the parse found)."""
        person = self.persons[index]
        if person.gender == "f":
            self.focus_female = index
        else:
            self.focus_male = index

    def _owner(self, owner: str, sentence: str, at: int, found: list[Mention]) -> Person | None:
        if owner.lower() in ("his", "her"):
            return self._clause_subject(sentence, at, found, "m" if owner.lower() == "his" else "f")
        word = re.sub(r"['’]s$", "", owner)
        return self.find(word) or self.find(None, first=word)

    def _clause_subject(
        self, sentence: str, at: int, found: list[Mention], gender: str, objective: bool = False
    ) -> Person | None:
        """Who a pronoun at ``at`` refers to.

        A possessive ("his wife") refers to the first named person of its clause; an
        object pronoun ("handed the order to him") never to its own clause's subject.
        With no one named in its clause, a pronoun refers to the subject of the clause
        before it in the sentence ("Deich was dismissed; on 29 March he was arrested"),
        else to the paragraph's focus.
        """
        bounds = [0] + [m.end() for m in re.finditer(r"[;(]|:\s", sentence[:at])]
        clause_start = bounds[-1]

        def usable(mention: Mention) -> bool:
            person = self.persons[mention.person]
            return (
                mention.rule not in ("pronoun", "plural")
                and person.gender in (gender, None)
                and not re.match(r"['’]s\b", sentence[mention.end : mention.end + 3])
                and not re.search(r"\blike\s+$", sentence[: mention.start])
            )

        in_clause = [m for m in found if clause_start <= m.start and m.end <= at and usable(m)]
        word = sentence[at : at + 3].lower()
        nominative = (word.startswith("he") and not word.startswith("her")) or word == "she"
        if in_clause and not objective and not nominative:
            return self.persons[in_clause[0].person]
        # Binding: "he testified ... by a drunk Ezhov": "he" is not someone named later
        # in its own clause.
        clause_end = min(
            [m.start() for m in re.finditer(r"[;()]", sentence) if m.start() > at] + [len(sentence)]
        )
        later = {m.person for m in found if at < m.start < clause_end and m.rule != "pronoun"}
        if nominative and in_clause:
            # A person named earlier in the clause is the antecedent only as a subject
            # ("Although Ezhov had ..., he"); in apposition or a phrase ("in the presence
            # of Khrushchev, he noted") the paragraph's focus is.
            subject = self._verb_subject(sentence, clause_start, at, in_clause)
            if subject is not None:
                return subject
            focus = self._pronoun_target(gender)
            if focus is not None and focus.index not in later:
                return focus
            return self.persons[in_clause[0].person]
        for lo, hi in reversed(list(itertools.pairwise(bounds))):
            usable_found = [m for m in found if usable(m)]
            subject = self._verb_subject(sentence, lo, hi, usable_found)
            if subject is None:
                subject = next(
                    (self.persons[m.person] for m in usable_found if lo <= m.start and m.end <= hi),
                    None,
                )
            if subject is not None:
                return subject
        target = self._pronoun_target(gender)
        if target is not None and target.index in later:
            return self.last(gender, exclude=later)
        if objective and target is not None and any(m.person == target.index for m in in_clause):
            exclude = {m.person for m in in_clause}
            return self.last(gender, exclude=exclude)
        return target

    def _verb_subject(self, sentence: str, lo: int, hi: int, found: list[Mention]) -> Person | None:
        """The named person nearest before the first finite verb with one before it."""
        for verb in re.finditer(r"\b(?:was|were|had|has|is|did)\b", sentence[lo:hi]):
            pos = lo + verb.start()
            if re.search(r"\b(?:who|which|that|whom)\s+$", sentence[lo:pos]):
                continue  # the verb of a relative clause has no subject before it
            before = [m for m in found if lo <= m.start and m.end <= pos]
            if before:
                return self.persons[before[-1].person]
        return None

    def _surname_like(self, word: str, sentence: str, start: int, end: int) -> bool:
        after = sentence[end:]
        before = sentence[:start]
        if word in PLACES:
            if word not in AMBIGUOUS_PLACES:
                return False
            if _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before):
                return False
            return self.find(word) is not None or bool(_HUMAN_AFTER.match(after))
        if _PLACE_AFTER.match(after) and not self.find(word):
            return False
        if self.find(word) is not None:
            return True
        if start == 0 or before.rstrip().endswith((".", "“", '"', "(")):
            # A capital at a sentence start proves nothing; demand a surname shape.
            return bool(_SURNAME_END.search(word)) and len(word) > 4
        return bool(_SURNAME_END.search(word)) or self._in_name_list(sentence, start, end)

    @staticmethod
    def _in_name_list(sentence: str, start: int, end: int) -> bool:
        """In a comma list of capitalised words ("Bel’skii, Berman, Dagin, ...")."""
        window = sentence[max(0, start - 40) : end + 40]
        return len(re.findall(rf"{_WORD},", window)) >= 2

    def _pronoun_target(self, gender: str) -> Person | None:
        index = self.focus_male if gender == "m" else self.focus_female
        if index is not None:
            return self.persons[index]
        if gender == "f":
            # "she" is a woman the text has shown to be one (a female given name or
            # surname form), never any person of unknown gender.
            return next(
                (self.persons[i] for i in reversed(self._recent) if self.persons[i].gender == "f"),
                None,
            )
        return self.last(gender)

    def _pronouns(self, sentence: str, found: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for regex, gender in ((_MALE_PRONOUN, "m"), (_FEMALE_PRONOUN, "f")):
            for m in regex.finditer(sentence):
                if any(x.start <= m.start() < x.end for x in found):
                    continue
                # "her arrest" is possessive, "condemned her" objective.
                objective = m.group(0) in _OBJECTIVE and not (
                    m.group(0) == "her"
                    and re.match(r"\s+(?:own\s+)?[a-z]", sentence[m.end() : m.end() + 12])
                )
                target = self._clause_subject(sentence, m.start(), found, gender, objective)
                if target is not None:
                    out.append(Mention(m.start(), m.end(), m.group(0), target.index, "pronoun"))
        for m in re.finditer(r"\b(?:they|They)\b", sentence):
            # "they" after two named persons ("Ivan had married Zinaida ..., but in 1937
            # they divorced") is the pair; else the last pair of the previous sentences.
            before = [x for x in found if x.end <= m.start() and x.rule != "pronoun"]
            pair = (
                [x.person for x in before][-2:]
                if len(before) >= 2
                else [i for i in self._recent[-2:]]
            )
            if len(set(pair)) == 2:
                for person in pair:
                    out.append(Mention(m.start(), m.end(), m.group(0), person, "plural"))
        for m in _LATTER.finditer(sentence):
            before = [x for x in found if x.end <= m.start()]
            target = self.persons[before[-1].person] if before else self.last()
            if target is not None:
                out.append(Mention(m.start(), m.end(), m.group(0), target.index, "the-latter"))
        return out

    def _update_focus(self, sentence: str, found: list[Mention]) -> None:
        # Centering: an entity the sentence refers to by a pronoun stays the focus ("Stalin
        # proposed to expel him" keeps him the topic) — not by "his", which may point
        # ahead: "At the time of his arrival Uspenskii was ...".
        kept: set[str] = set()  # the genders whose focus a pronoun here keeps
        for mention in found:
            if (
                mention.rule == "pronoun"
                and (
                    mention.text.lower() in ("he", "she", "him")
                    or (
                        mention.text == "her"
                        and not re.match(
                            r"\s+(?:own\s+)?[a-z]", sentence[mention.end : mention.end + 12]
                        )
                    )
                )
                and mention.person in (self.focus_male, self.focus_female)
            ):
                kept.add("f" if mention.person == self.focus_female else "m")
        if kept == {"m", "f"}:
            return
        # The focus is the sentence's subject: a named person not inside a prepositional
        # phrase ("a poster by Efimov") nor a possessive ("Stalin's proposal").
        emphatic = [m for m in found if _EMPHATIC_AFTER.match(sentence, m.end)]
        named = emphatic or [
            m
            for m in found
            if m.rule != "pronoun"
            and not _PREPOSITION_BEFORE.search(sentence, max(0, m.start - 80), m.start)
            and not re.match(r"['’]s\b", sentence[m.end : m.end + 3])
        ]
        females = [m for m in found if m.rule != "pronoun" and self.persons[m.person].gender == "f"]
        if (
            females
            and "f" not in kept
            and not any(self.persons[m.person].gender == "f" for m in named)
        ):
            # A woman named anywhere in the sentence is the likeliest "she" of the next
            # (even when a "he" keeps the man the focus: "He testified about his relation
            # with Evgeniia Podol'skaia ... until her arrest").
            self.focus_female = females[0].person
        if not named or "m" in kept:
            return
        subject = named[0]
        person = self.persons[subject.person]
        if (
            person.gender is None
            and person.surname
            and re.search(r"(?:ova|eva|ina|skaia|skaya|aia)$", person.surname)
        ):
            person.gender = "f"
        if person.gender is None:
            person.gender = "m" if _MALE_PRONOUN.search(sentence[subject.end :]) else None
        if person.gender == "f":
            if "f" not in kept:
                self.focus_female = subject.person
        else:
            self.focus_male = subject.person
