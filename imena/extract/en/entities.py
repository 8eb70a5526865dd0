"""Typed entities of English sentences: who is a person, and what is a place, body or group.

The statistical entity recogniser of the spaCy pipeline gives each name a type, and the
parse tells plurals (tag ``NNPS``: "the Poles", "Trotskyites") from names.  A small model
errs on names it has rarely seen (a Russian surname read as an organisation, "Rostov"
read as a person), so a type is settled over the whole document and by the syntax:

- a span is a person when the recogniser says so and the document agrees (its last word
  is a person elsewhere too, it opens with a known given name, or a title stands before
  it: "Comrade Eikhe"), or when it is coordinated with or in apposition to a person
  ("Ezhov, Frinovskii and Zakovskii");
- a span the recogniser calls a country, city, people, party, organisation, work or law,
  and a plural proper noun, is never a person.  Those become participants of kind
  ``place``, ``group`` or ``body`` (``PARTICIPANT_KINDS`` in the vocabulary).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from imena.extract.en.nlp import lemma as lemma_of
from imena.extract.gazetteer import NOT_PERSONS, PLACES, first_name_gender

#: spaCy entity labels and the participant kind each names (None: not a participant).
LABEL_KINDS: dict[str, str | None] = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "ORG": "body",
    "EVENT": None,
    "WORK_OF_ART": None,
    "LAW": None,
    "LANGUAGE": None,
    "PRODUCT": None,
}
#: Titles and forms of address that make the following capitalised word a person.
TITLES = re.compile(
    r"\b(?:[Cc]omrades?|Marshal|General|Admiral|Colonel|Major|Captain|Lieutenant|Commissar|"
    r"Professor|Academician|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|President|Chancellor|Premier|"
    r"Prime Minister|Ambassador|Tsar|Czar|King|Queen|Pope|Bishop|Patriarch|Father|Citizen|"
    r"Mayor|Governor|Senator|Minister|Consul|Judge|Prosecutor|Chairman|Marshal)"
    r"\s+$"
)
_WORD = re.compile(r"[A-Z][\w'’-]*")
#: Head nouns of institutions and places: a name ending in one is not a person's.
INSTITUTION_HEADS = frozenset(
    [
        "center",
        "centre",
        "institute",
        "university",
        "college",
        "academy",
        "committee",
        "council",
        "party",
        "bank",
        "company",
        "society",
        "museum",
        "library",
        "foundation",
        "agency",
        "service",
        "union",
        "republic",
        "street",
        "square",
        "park",
        "hall",
        "theatre",
        "theater",
        "school",
        "church",
        "cathedral",
        "monastery",
        "prison",
        "camp",
        "station",
        "ministry",
        "commissariat",
        "department",
        "directorate",
        "bureau",
        "office",
        "army",
        "fleet",
        "front",
        "guard",
        "corps",
        "division",
        "regiment",
        "court",
        "tribunal",
        "assembly",
        "congress",
        "conference",
        "plenum",
        "press",
        "newspaper",
        "journal",
        "magazine",
        "review",
        "times",
        "post",
        "herald",
        "gazette",
    ]
)


@dataclass
class TypedSpan:
    """A name in a sentence: character span (relative to the sentence), text and kind."""

    start: int
    end: int
    text: str
    kind: str  # person | place | group | body


def _word_key(text: str) -> str:
    return re.sub(r"['’]s$", "", text)


@dataclass
class DocumentTyping:
    """Votes of the recogniser over one document, per capitalised word."""

    votes: dict[str, Counter[str]] = field(default_factory=dict)
    #: Words the document also writes in lower case ("main", "western"): common words.
    lower: set[str] = field(default_factory=set)
    #: Names the syntax shows to be human somewhere in the document: arrested, shot,
    #: appointed; saying, writing, dying; having a wife or a brother.  A small model often
    #: types a Russian surname as a place or a people; a place is never shot.
    human: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, docs: Iterable[Any]) -> DocumentTyping:
        typing = cls()
        for doc in docs:
            typing.lower.update(t.text for t in doc if t.is_lower and t.is_alpha)
            typing.human.update(t.text for t in doc if _human_role(t))
            for ent in doc.ents:
                kind = LABEL_KINDS.get(ent.label_)
                if kind is None:
                    continue
                for token in ent:
                    if token.is_title or token.is_upper:
                        typing.votes.setdefault(_word_key(token.text), Counter())[kind] += 1
        return typing

    def person_votes(self, word: str) -> tuple[int, int]:
        """How often ``word`` was typed a person, and how often something else."""
        counter = self.votes.get(_word_key(word))
        if not counter:
            return 0, 0
        person = counter.get("person", 0)
        return person, sum(counter.values()) - person

    def is_human(self, word: str) -> bool:
        return self.human.get(_word_key(word), 0) > 0

    def is_other(self, word: str) -> bool:
        """Typed as a place, group or body more often than as a person."""
        person, other = self.person_votes(word)
        return other > person


#: Verbs whose passive subject is a person, and verbs whose active subject is one.
_HUMAN_PATIENT = frozenset(
    {
        "arrest",
        "shoot",
        "execute",
        "appoint",
        "dismiss",
        "elect",
        "award",
        "sentence",
        "condemn",
        "expel",
        "rehabilitate",
        "release",
        "promote",
        "transfer",
        "interrogate",
        "torture",
        "bear",
    }
)
_HUMAN_AGENT = frozenset(
    {
        "say",
        "write",
        "speak",
        "die",
        "marry",
        "testify",
        "confess",
        "resign",
        "tell",
        "believe",
        "think",
        "complain",
        "argue",
    }
)
_KIN_NOUNS = frozenset(
    {
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "father",
        "mother",
        "widow",
        "children",
        "son-in-law",
        "secretary",
        "deputy",
    }
)


def _human_role(token: Any) -> bool:
    if token.pos_ != "PROPN" or not token.is_title or _plural_name(token):
        return False
    head = token.head
    if token.dep_ == "nsubjpass" and lemma_of(head) in _HUMAN_PATIENT:
        return True
    if token.dep_ == "nsubj" and lemma_of(head) in _HUMAN_AGENT:
        return True
    return token.dep_ == "poss" and lemma_of(head) in _KIN_NOUNS


def _name_proper(ent: Any) -> Any | None:
    """A person entity as a name: titles before it dropped ("Comrade Eikhe" is Eikhe), a
    given name the recogniser left out taken in ("Adolf Hitler" for "Hitler")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and TITLES.match(doc[start].text + " "):
        start += 1
    if start == end:
        return None
    first = doc[start]
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].head.i == first.i
        and doc[start - 1].dep_ in ("compound", "flat")
        and not TITLES.match(doc[start - 1].text + " ")
        and doc[start - 1].text not in NOT_PERSONS
    ):
        start -= 1
    return doc[start:end]


def _plural_name(token: Any) -> bool:
    return token.tag_ == "NNPS" or (token.tag_ == "NNS" and token.is_title)


class SentenceEntities:
    """The typed names of one parsed sentence, with character offsets into the sentence."""

    def __init__(self, sent: Any, typing: DocumentTyping) -> None:
        self.sent = sent
        self.base = sent.start_char
        self.typing = typing
        self.persons: list[TypedSpan] = []
        self.others: list[TypedSpan] = []
        text = sent.text
        person_tokens: set[int] = set()
        for ent in sent.ents:
            kind = LABEL_KINDS.get(ent.label_)
            if kind is None:
                continue
            if kind == "person":
                ent = _name_proper(ent)
                if ent is None:
                    continue
            span = TypedSpan(ent.start_char - self.base, ent.end_char - self.base, ent.text, kind)
            if kind == "person":
                if self._person_span(ent, text):
                    self.persons.append(span)
                    person_tokens.update(t.i for t in ent)
                elif any(_plural_name(t) for t in ent):
                    self.others.append(TypedSpan(span.start, span.end, span.text, "group"))
                continue
            if kind in ("body", "group") and self._coordinated_person(ent, person_tokens):
                continue
            if all(_plural_name(t) for t in ent if t.is_alpha and t.is_title):
                # "the Bolsheviks", "the Chechens": a people or party, whatever the label.
                span = TypedSpan(span.start, span.end, span.text, "group")
            self.others.append(span)
        # Names coordinated with or apposed to a person are persons ("Ezhov, Frinovskii and
        # Zakovskii"), and so are names the document shows to be human, whatever the
        # recogniser made of them.
        for token in sent:
            if token.i in person_tokens or token.pos_ != "PROPN" or _plural_name(token):
                continue
            human = (
                typing.is_human(token.text)
                and token.text not in NOT_PERSONS
                and token.text not in PLACES
                and token.text.lower() not in typing.lower
            )
            if human or (token.dep_ in ("conj", "appos") and token.head.i in person_tokens):
                name = (
                    _name_proper(sent.doc[token.i : token.i + 1]) or sent.doc[token.i : token.i + 1]
                )
                start = name.start_char
                end = token.idx + len(token.text)
                if (
                    not human
                    and self.typing.is_other(token.text)
                    and token.ent_type_ in ("GPE", "LOC")
                ):
                    continue
                lo, hi = start - self.base, end - self.base
                self.persons.append(TypedSpan(lo, hi, text[lo:hi], "person"))
                person_tokens.add(token.i)
                self.others = [o for o in self.others if o.end <= lo or o.start >= hi]
        for match in _WORD.finditer(text):
            # "Comrade Eikhe": a title names a person the recogniser may not know.
            if (
                TITLES.search(text[: match.start()])
                and match.group(0) not in NOT_PERSONS
                and not self.overlaps_person(match.start(), match.end())
            ):
                end = match.end()
                nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
                if nxt is not None and nxt.group(0) not in NOT_PERSONS:
                    end = nxt.end()
                self.persons.append(
                    TypedSpan(match.start(), end, text[match.start() : end], "person")
                )
        self.persons.sort(key=lambda s: s.start)

    def _person_span(self, ent: Any, text: str) -> bool:
        tokens = [t for t in ent if t.is_alpha or t.text.endswith(".")]
        if not tokens or any(_plural_name(t) for t in tokens):
            return False
        last = tokens[-1].text
        if last in NOT_PERSONS or (last in PLACES and len(tokens) == 1):
            return False
        start = ent.start_char - self.base
        if TITLES.search(text[:start]):
            return True
        if len(tokens) > 1 and first_name_gender(tokens[0].text) is not None:
            return True
        if len(tokens) > 1 and tokens[0].text.endswith("."):
            return True  # initials: "N. I. Ezhov"
        person, other = self.typing.person_votes(last)
        if len(tokens) > 1:
            # A name of several words the recogniser calls a person is one unless a word of
            # it is a common word of the document ("Main Kampf": "main"), it ends in the
            # head noun of an institution ("Levada Center"), or the surname is mostly typed
            # as something else.
            common = any(t.text.lower() in self.typing.lower for t in tokens)
            return not common and last.lower() not in INSTITUTION_HEADS and person >= other
        return person >= 2 and person > other

    def _coordinated_person(self, ent: Any, person_tokens: set[int]) -> bool:
        root = ent.root
        return (
            root.pos_ == "PROPN"
            and not _plural_name(root)
            and root.dep_ in ("conj", "appos")
            and root.head.i in person_tokens
        )

    def overlaps_person(self, start: int, end: int) -> bool:
        return any(not (end <= s.start or start >= s.end) for s in self.persons)

    def not_person(self, start: int, end: int, known: bool = False) -> bool:
        """True when the span is a place, group or body, or a plural name.

        A plural name ("the Poles") never is a person.  A name not yet known as a person
        is not one when this sentence types it as something else, or when the document
        types it as a place, people or organisation more often than as a person and never
        shows it to be human ("Petrograd", "Abkhazia").  A known person stays one.
        """
        if self.overlaps_person(start, end):
            return False
        for token in self.sent:
            t_start = token.idx - self.base
            if t_start >= end:
                break
            if t_start >= start and _plural_name(token):
                return True
        if known:
            return False
        word = self.sent.text[start:end]
        if self.typing.is_human(word):
            return False
        if self.typing.is_other(word):
            return True
        return any(not (end <= s.start or start >= s.end) for s in self.others)

    def other_at(self, start: int, end: int) -> TypedSpan | None:
        """The place, group or body whose span covers [start, end)."""
        return next((s for s in self.others if s.start <= start and end <= s.end), None)
