"""Events from the dependency parse of an English sentence.

A verb or noun whose lemma is a trigger of the vocabulary (``VERB_TRIGGERS``,
``NOUN_TRIGGERS``, ``OBJECT_TYPES``) names an event; its participants are read from the
arcs, not from word order:

- passive ("Eikhe was arrested by the NKVD"): the passive subject is the one the event
  happens to (role ``subject``), the ``by`` phrase the agent;
- active ("Stalin awarded Ezhov, Frinovskii and Zakovskii"): the subject is the agent, the
  object and every conjunct of it the ones acted upon (role ``object``); for events a
  person does alone ("Kirov died", "Ezhov spoke") the subject is the ``subject``;
- a participle or relative clause ("Podol'skaia, arrested on 1 November", "Frinovskii, who
  had been appointed ...") takes the noun it modifies; a verb coordinated with another
  ("was dismissed and shot") shares its subject and, lacking its own, its date;
- a noun ("his arrest", "the invasion of Poland") takes its possessor or ``of`` phrase.

An event's date is a date phrase attached to its own clause (not to a relative or
subordinate clause of another event).  Negated, modal, conditional and merely planned
events ("would be arrested", "planned to arrest", "if he were shot") give nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from imena.extract.dates import DateMention
from imena.extract.en.entities import SentenceEntities
from imena.extract.en.nlp import lemma as lemma_of
from imena.extract.events import EventMention, Participant
from imena.extract.persons import Mention
from imena.extract.vocabulary import (
    INTRANSITIVE_TYPES,
    NOUN_TRIGGERS,
    OBJECT_TYPES,
    PREP_TYPES,
    SUCCESSION_VERBS,
    VERB_TRIGGERS,
)

#: Clause-forming dependencies: a date below one of these belongs to that clause.
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp",
                          "parataxis", "csubj"})  # fmt: skip
_MODALS = frozenset({"would", "could", "might", "should", "may", "must", "shall", "can"})
#: Verbs that report what did not (yet) happen when another event depends on them.
_IRREALIS = frozenset({"plan", "want", "propose", "threaten", "intend", "hope", "try",
                       "refuse", "wish", "fear", "expect", "suggest", "demand", "seek",
                       "attempt", "prepare", "urge", "ask", "consider", "fail",
                       "recommend", "promise", "agree", "offer", "deny", "charge", "accuse",
                       "conspire", "plot", "allege", "claim", "order"})  # fmt: skip
#: Verbs whose subject is the one the event is about ("Bukharin lost his post": Bukharin
#: is dismissed, not dismissing).
_SUBJECT_UNDERGOES = frozenset({"become", "lose", "assume", "take"})
#: Types that act on places, armies and states: a person as their object is a figure of
#: speech ("Stalin attacked Bukharin's views"), not an invasion.
_NOT_ON_PERSONS = frozenset({"invasion"})
#: Adverbs that say a report is untrue or unconfirmed.
_UNTRUE = frozenset({"falsely", "wrongly", "allegedly", "supposedly", "purportedly", "never"})
_CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Types that need a person among their participants to be worth a claim.
_PERSONAL = frozenset({"award", "appointment", "dismissal", "transfer", "promotion", "election",
                       "arrest", "sentence", "execution", "death", "release",
                       "rehabilitation", "expulsion", "restoration", "visit", "marriage",
                       "divorce", "birth", "testimony", "speech", "report"})  # fmt: skip
#: Noun triggers of these types name an event with no person ("the invasion of Poland").
_IMPERSONAL_NOUNS = frozenset({"invasion", "surrender", "revolution", "coup", "treaty", "war",
                               "meeting", "deportation"})  # fmt: skip


@dataclass
class _Slot:
    persons: list[int]  # person indexes of the document
    others: list[tuple[str, str]]  # (kind, name) of places, groups and bodies


class ParsedSentence:
    """One sentence's parse with its person mentions, dates and typed names laid on tokens."""

    def __init__(
        self,
        sent: Any,
        mentions: list[Mention],
        dates: list[DateMention],
        entities: SentenceEntities,
        bodies: list[tuple[int, int, str]],
    ) -> None:
        self.sent = sent
        self.base = sent.start_char
        self.mentions = mentions
        self.dates = dates
        self.entities = entities
        self.bodies = bodies
        self._starts: list[int] | None = None
        #: Character spans of trigger verbs the parse reads as not having happened
        #: (negated, modal, conditional, planned): no rule may claim an event there.
        self.unreal_spans: list[tuple[int, int]] = []
        #: Spans of trigger verbs whose patient is a common noun ("people were shot"): no
        #: rule may make a person named nearby the one it happened to.
        self.impersonal_spans: list[tuple[int, int]] = []

    # -- positions -----------------------------------------------------------------------
    def _span(self, token: Any) -> tuple[int, int]:
        start = token.idx - self.base
        return start, start + len(token.text)

    def _token_at(self, offset: int) -> Any | None:
        if self._starts is None:
            self._starts = [t.idx - self.base for t in self.sent]
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0:
            return None
        token = self.sent[k]
        start, end = self._span(token)
        return token if start <= offset < end else None

    def _persons_in(self, token: Any) -> list[int]:
        """Persons mentioned in the phrase headed by ``token`` and its conjuncts only."""
        heads = [token, *_conjuncts(token)]
        out: list[int] = []
        for head in heads:
            start = self._span(head.left_edge)[0]
            end = self._span(head)[1]
            # The phrase up to its head, plus appositions after it ("the chief, Deich,").
            for child in head.rights:
                if child.dep_ in ("appos", "compound", "flat"):
                    end = max(end, self._span(child.right_edge)[1])
            for mention in self.mentions:
                inner_conj = any(
                    c.i != head.i and self._span(c)[0] <= mention.start < self._span(c)[1]
                    for c in _conjuncts(head)
                )
                if (
                    start <= mention.start
                    and mention.end <= end
                    and not inner_conj
                    and mention.person not in out
                    and not self._possessor(mention, head)
                ):
                    out.append(mention.person)
        return out

    def _possessor(self, mention: Mention, head: Any) -> bool:
        """A person named only as a possessor inside a larger phrase ("Ezhov's deputy")."""
        token = self._token_at(mention.start)
        if token is None or token.i == head.i:
            return False
        tail = self._token_at(mention.end - 1)
        return (
            tail is not None
            and any(c.dep_ == "case" for c in tail.children)
            and (tail.head.i == head.i and lemma_of(head) not in NOUN_TRIGGERS)
        )

    def _others_in(self, token: Any) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for head in (token, *_conjuncts(token)):
            start, end = self._span(head.left_edge)[0], self._span(head)[1]
            for child in head.rights:
                if child.dep_ in ("appos", "compound", "flat"):
                    end = max(end, self._span(child.right_edge)[1])
            for body_start, body_end, name in self.bodies:
                if start <= body_start and body_end <= end and ("body", name) not in out:
                    out.append(("body", name))
            for span in self.entities.others:
                if start <= span.start and span.end <= end:
                    item = (span.kind, span.text.removeprefix("the ").removeprefix("The "))
                    if item not in out and not any(
                        b_start <= span.start < b_end for b_start, b_end, _ in self.bodies
                    ):
                        out.append(item)
        return out

    def _slot(self, token: Any | None) -> _Slot:
        if token is None:
            return _Slot([], [])
        if token.lower_ in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
            token = token.head.head  # "Frinovskii, who had been appointed": the antecedent
        persons = self._persons_in(token)
        if persons:
            return _Slot(persons, [])
        others = self._others_in(token)
        if not others:
            # Proper names the recogniser left untyped: a plural one names a people or
            # party ("the Chechens and the Ingush were deported"), whichever it is.
            for head in (token, *_conjuncts(token)):
                if head.pos_ == "PROPN" and head.is_title and head.text.endswith("s"):
                    others.append(("group", head.text))
            if others:
                others += [
                    ("group", c.text)
                    for c in _conjuncts(token)
                    if c.pos_ == "PROPN" and ("group", c.text) not in others
                ]
        return _Slot([], others)

    # -- events --------------------------------------------------------------------------
    def events(self) -> list[EventMention]:
        found: list[EventMention] = []
        for token in self.sent:
            if (
                token.dep_ == "acomp"
                and lemma_of(token.head) == "be"
                and token.lower_.endswith("ed")
            ):
                # "was politically rehabilitated": a participle tagged as an adjective.
                event = self._verb_event(token, lemma=_participle_lemma(token.lower_))
            elif token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                if lemma_of(token) in SUCCESSION_VERBS:
                    found.extend(self._succession(token))
                    continue
                event = self._verb_event(token)
            elif token.pos_ == "NOUN":
                event = self._noun_event(token)
            else:
                continue
            if event is not None:
                found.append(event)
        return found

    def cataphora(self, genders: dict[int, str | None]) -> list[Mention]:
        """Mentions with "he"/"she" of a subordinate or parenthetical clause bound to the
        main clause's subject named after it ("(on those days he visited Stalin), Ezhov
        went on a mission": he is Ezhov) — the reading English syntax gives a pronoun that
        precedes its antecedent."""
        root = self.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return self._parallel_only(genders)
        named = [
            m
            for m in self.mentions
            if m.rule not in ("pronoun", "plural", "the-latter")
            and self._span(subject.left_edge)[0] <= m.start
            and m.end <= self._span(subject)[1]
        ]
        if len(named) != 1:
            return self._parallel_only(genders)
        antecedent = named[0]
        out: list[Mention] = []
        for mention in self.mentions:
            parallel = self._parallel_subject(mention, genders)
            if parallel is not None:
                out.append(parallel)
                continue
            token = self._token_at(mention.start)
            if (
                mention.rule == "pronoun"
                and mention.text.lower() in ("he", "she")
                and mention.end <= antecedent.start
                and token is not None
                and self._governor(token).i != root.i
                and genders.get(antecedent.person)
                in (None, "m" if mention.text.lower() == "he" else "f")
            ):
                mention = Mention(
                    mention.start, mention.end, mention.text, antecedent.person, "cataphora"
                )
            out.append(mention)
        self.mentions = out
        return out

    def _parallel_only(self, genders: dict[int, str | None]) -> list[Mention]:
        self.mentions = [self._parallel_subject(m, genders) or m for m in self.mentions]
        return self.mentions

    def _parallel_subject(
        self, mention: Mention, genders: dict[int, str | None]
    ) -> Mention | None:
        """"X lost his post ... and he was expelled": the subject pronoun of a coordinated
        clause is the named subject of the clause it is coordinated with."""
        if mention.rule != "pronoun" or mention.text.lower() not in ("he", "she"):
            return None
        token = self._token_at(mention.start)
        if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        if verb.dep_ != "conj":
            return None
        first = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if first is None:
            return None
        lo, hi = self._span(first.left_edge)[0], self._span(first)[1]
        named = [
            m
            for m in self.mentions
            if m.rule not in ("pronoun", "plural", "the-latter") and lo <= m.start and m.end <= hi
        ]
        gender = "m" if mention.text.lower() == "he" else "f"
        if len(named) != 1 or genders.get(named[0].person) not in (None, gender):
            return None
        return Mention(mention.start, mention.end, mention.text, named[0].person, "parallel")

    def subject_person(self) -> int | None:
        """The person the next "he" or "she" most likely means: the main clause's subject.

        A coordinated subject ("Ezhov, as well as Kaganovich and Molotov, blamed
        Postyshev") is plural and no "he"; its clause's object then is the focus.
        """
        root = self.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not any(c.dep_ == "conj" for c in subject.children):
            persons = self._slot(subject).persons
            if len(persons) == 1:
                return persons[0]
            if persons:
                return None
        obj = next((c for c in root.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and subject is not None:
            persons = self._slot(obj).persons
            if len(persons) == 1:
                return persons[0]
        return None

    def _succession(self, verb: Any) -> list[EventMention]:
        """ "A succeeded B" / "B was replaced by A": A appointed (B predecessor), B dismissed."""
        if self._unreal(verb):
            return []
        children = list(verb.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            subject = self._inherited_subject(verb)
        obj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        agent = None
        for child in children:
            if child.dep_ == "agent":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
        new, old = (
            (self._slot(agent), self._slot(subject))
            if passive
            else (self._slot(subject), self._slot(obj))
        )
        if not new.persons or not old.persons:
            return []
        lemma = lemma_of(verb)
        appointed: list[Participant] = []
        self._add(appointed, new, "subject")
        self._add(appointed, old, "predecessor")
        dismissed: list[Participant] = []
        self._add(dismissed, old, "subject")
        self._add(dismissed, new, "successor")
        return [
            e
            for e in (
                self._event(verb, "appointment", appointed, f"parse-{lemma}"),
                self._event(verb, "dismissal", dismissed, f"parse-{lemma}-predecessor"),
            )
            if e is not None
        ]

    def _unreal(self, token: Any) -> bool:
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "preconj" and child.lower_ == "neither"):
                return True
            if child.dep_ == "cc" and child.lower_ == "nor" and token.dep_ != "conj":
                return True
            if child.dep_ == "advmod" and child.lower_ in _UNTRUE:
                return True
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in _CONDITION_MARKS:
                return True
        if token.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ == "nor" for c in token.head.children
        ):
            return True  # "neither commented ... nor awarded him"
        head = token
        while head.dep_ in ("xcomp", "ccomp", "conj", "advcl") and head.head.i != head.i:
            if head.dep_ == "conj":
                head = head.head
                continue
            head = head.head
            if lemma_of(head) in _IRREALIS or self._unreal_marks(head):
                return True
            if any(c.dep_ == "advmod" and c.lower_ in _UNTRUE for c in head.children):
                return True  # "falsely told his family that he died"
        return False

    @staticmethod
    def _unreal_marks(token: Any) -> bool:
        return any(
            (c.dep_ == "neg") or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in token.children
        )

    def _verb_event(self, verb: Any, lemma: str | None = None) -> EventMention | None:
        adjectival = lemma is not None
        lemma = lemma or lemma_of(verb)
        if lemma not in VERB_TRIGGERS:
            return None
        refined = False
        if self._unreal(verb):
            self.impersonal_spans.append(self._span(verb))
            return None
        children = list(verb.children)
        passive = adjectival or any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and adjectival:
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            subject = self._inherited_subject(verb)
            # "was removed from power and subsequently arrested": the conjunct's participle
            # shares the passive of the verb it is coordinated with.
            passive = passive or (
                subject is not None and subject.dep_ == "nsubjpass" and verb.tag_ == "VBN"
            )
        obj = next((c for c in children if c.dep_ in ("dobj", "dative", "obj")), None)
        if obj is None:
            obj = next((c for c in children if c.dep_ == "oprd"), None) if lemma != "name" else None
        type_ = VERB_TRIGGERS[lemma]
        addressee = None
        if lemma in OBJECT_TYPES:
            noun = obj if not passive else subject
            if lemma == "become":
                noun = next((c for c in children if c.dep_ in ("attr", "acomp")), None)
            typed = OBJECT_TYPES[lemma].get(lemma_of(noun)) if noun is not None else None
            if typed is None and not passive:
                preps = PREP_TYPES.get(lemma, {})
                typed = next(
                    (preps[c.lower_] for c in children if c.dep_ == "prep" and c.lower_ in preps),
                    None,
                )
                if typed is not None:
                    # "wrote to Stalin": the addressee takes part as the object.
                    addressee = next(
                        (g for c in children if c.dep_ == "prep" and c.lower_ in preps
                         for g in c.children if g.dep_ == "pobj"),
                        None,
                    )  # fmt: skip
            if typed is None:
                return None
            refined = typed != type_ and addressee is None
            type_ = typed
            if lemma in _SUBJECT_UNDERGOES:
                passive = True  # the subject is the one the appointment is about
            elif passive:
                # "A pact was signed by Molotov and Ribbentrop": the signers take part.
                subject, obj = None, None
            else:
                obj = addressee
        elif (
            lemma in ("name", "make")
            and passive
            and not any(
                c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
                for c in children
            )
        ):
            return None  # "was named after Stalin" is no appointment
        elif lemma == "bear" and not passive:
            return None
        elif lemma in ("fire", "shoot") and not passive and obj is None:
            return None  # "the guards fired", "shot at": no one named
        agent = None
        for child in children:
            if child.dep_ == "agent":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
        participants: list[Participant] = []
        if passive:
            self._add(participants, self._slot(subject), "subject")
            self._add(participants, self._slot(agent), "agent")
        elif type_ in INTRANSITIVE_TYPES or (obj is None and verb.dep_ in ("acl",)):
            self._add(participants, self._slot(subject), "subject")
            self._add(participants, self._slot(obj), "object")
        else:
            self._add(participants, self._slot(subject), "agent")
            self._add(participants, self._slot(obj), "object")
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not participants:
            # "Podol'skaia, arrested on 1 November": the participle's noun.
            self._add(participants, self._slot(verb.head), "subject")
        patient = subject if passive else obj
        if (
            not participants
            and patient is not None
            and patient.pos_ == "NOUN"
            and not self._slot(patient).persons
        ):
            # "up to 10,000 people were executed": the ones it happened to are named by a
            # common noun, so no person named nearby may be made its subject.
            self.impersonal_spans.append(self._span(verb))
        if type_ in _NOT_ON_PERSONS and any(
            p.kind == "person" and p.role in ("object", "subject") for p in participants
        ):
            return None
        event = self._event(verb, type_, participants, f"parse-{lemma}")
        if event is not None:
            event.refined = refined
        return event

    def _inherited_subject(self, verb: Any) -> Any | None:
        head = verb
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        if verb.dep_ in ("relcl", "acl"):
            return verb.head
        if verb.dep_ == "xcomp":
            return next((c for c in verb.head.children if c.dep_ in ("dobj", "nsubj")), None)
        return None

    def _noun_event(self, noun: Any) -> EventMention | None:
        lemma = lemma_of(noun)
        type_ = NOUN_TRIGGERS.get(lemma)
        if type_ is None or (noun.tag_ == "NNS" and type_ in _PERSONAL):
            return None
        if self._unreal_marks(noun.head) and noun.dep_ in ("dobj", "nsubj", "nsubjpass"):
            return None
        participants: list[Participant] = []
        for child in noun.children:
            if child.dep_ == "poss":
                self._add(participants, self._slot(child), "subject")
            elif child.dep_ == "prep" and child.lower_ in ("of", "against", "by", "with"):
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
                role = "agent" if child.lower_ == "by" else "subject"
                if type_ in ("invasion", "war") and child.lower_ == "of":
                    role = "object"
                self._add(participants, self._slot(target), role)
            elif child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG"):
                self._add(participants, self._slot(child), "subject")
        verb = noun.head.head if noun.dep_ == "pobj" else None
        if (
            not participants
            and verb is not None
            and verb.pos_ == "VERB"
            and noun.head.lower_ in ("in", "during", "at", "with")
        ):
            # "he said in a speech": the one speaking is the verb's subject.
            self._add(
                participants,
                self._slot(next((c for c in verb.children if c.dep_ == "nsubj"), None)),
                "subject",
            )
        if type_ in _PERSONAL and not any(p.kind == "person" for p in participants):
            return None
        own_date = self._date_of(noun, own_only=True)
        if own_date is None and verb is not None and verb.pos_ == "VERB" and participants:
            own_date = self._date_of(verb, own_only=True)
        if own_date is None:
            return None  # an event noun is a claim only where the text dates it
        return self._event(noun, type_, participants, f"parse-noun-{lemma}", date=own_date)

    @staticmethod
    def _add(participants: list[Participant], slot: _Slot, role: str) -> None:
        for person in slot.persons:
            if not any(p.kind == "person" and p.ref == person for p in participants):
                participants.append(Participant("person", person, role))
        for kind, name in slot.others:
            if not any(p.kind == kind and p.ref == name for p in participants):
                participants.append(Participant(kind, name, role))

    def _event(
        self,
        token: Any,
        type_: str,
        participants: list[Participant],
        rule: str,
        date: DateMention | None = None,
    ) -> EventMention | None:
        if not participants:
            return None
        if type_ in _PERSONAL and not any(p.kind == "person" for p in participants):
            return None
        own = date is not None or self._date_of(token, own_only=True) is not None
        if date is None:
            date = self._date_of(token)
        start, end = self._span(token)
        return EventMention(
            type=type_,
            start=start,
            end=end,
            date=date.value if date else None,
            participants=participants,
            office=None,
            detail=self._detail(token),
            rule=rule,
            own_date=own and date is not None,
        )

    # -- dates ---------------------------------------------------------------------------
    def _governor(self, token: Any) -> Any:
        """The clause head (or event noun) a token's phrase attaches to."""
        head = token
        while head.head.i != head.i:
            parent = head.head
            if head.dep_ in _CLAUSE_DEPS and head.pos_ in ("VERB", "AUX"):
                return head
            if head.pos_ == "NOUN" and lemma_of(head) in NOUN_TRIGGERS and head is not token:
                return head
            head = parent
        return head

    def _date_of(self, token: Any, own_only: bool = False) -> DateMention | None:
        governed: list[DateMention] = []
        for date in self.dates:
            first = self._token_at(date.start)
            if first is None:
                continue
            date_head = first
            # Climb to the phrase's top inside the date span ("April 29 , 1938").
            while (
                date_head.head.i != date_head.i
                and date.start <= self._span(date_head.head)[0] < date.end
            ):
                date_head = date_head.head
            governor = self._governor(date_head)
            # An adjectival participle's clause is its copula's ("was rehabilitated").
            if governor.i == token.i or (token.dep_ == "acomp" and governor.i == token.head.i):
                governed.append(date)
        if governed:
            return min(governed, key=lambda d: abs(d.start - self._span(token)[0]))
        if own_only:
            return None
        # A verb coordinated with a dated one shares its date ("arrested on 3 May and shot").
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            shared = self._date_of(head, own_only=True)
            if shared is not None:
                return shared
        # A participle or a clause with no date of its own takes the one of the clause it
        # hangs from, unless that clause is another event's relative clause.
        if token.dep_ in ("xcomp", "advcl", "acl") and token.head.i != token.i:
            return self._date_of(self._governor(token.head), own_only=True)
        if head.dep_ == "ROOT":
            # A main-clause event takes a date the sentence sets in a phrase that names no
            # event of its own ("In a coup launched by X on June 1953, Beria was removed").
            free = [d for d in self.dates if not self._governed_by_event(d)]
            if len(free) == 1:
                return free[0]
        return None

    def _governed_by_event(self, date: DateMention) -> bool:
        first = self._token_at(date.start)
        if first is None:
            return True
        governor = self._governor(first)
        lemma = lemma_of(governor)
        return lemma in VERB_TRIGGERS or lemma in NOUN_TRIGGERS

    def _detail(self, token: Any) -> str:
        """The trigger's own phrase, short: what a reader sees beside the event."""
        start = self._span(token.left_edge)[0]
        end = self._span(token.right_edge)[1]
        text = " ".join(self.sent.text[start:end].split())
        return text if len(text) <= 120 else text[:117].rstrip() + "…"


def _participle_lemma(word: str) -> str | None:
    """The verb of a regular participle: rehabilitated → rehabilitate, arrested → arrest."""
    for candidate in (word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else ""):
        if candidate in VERB_TRIGGERS:
            return candidate
    return None


def _conjuncts(token: Any) -> list[Any]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out
