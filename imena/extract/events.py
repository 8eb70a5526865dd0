"""Events, office terms and relations from English sentences, by explainable rules.

A sentence is cut into clauses (at semicolons and parentheses: "On 3 May X was
dismissed; on 9 June he was arrested" is two clauses, two events about one person). In
each clause a *trigger* (a verb or noun pattern from ``TRIGGERS``) names the event type
and says where its participants stand: the patient before a passive verb ("Deich was
dismissed"), the object after an active one ("awarded Nikolai Ezhov"), the acting body
before it ("the Politburo decided"). A clause's date is the date phrase in it, else the
date of the clause before it in the same sentence. Every claim keeps the name of the
rule that made it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from imena.extract.dates import DateMention, DateValue
from imena.extract.offices import OfficeMention
from imena.extract.persons import Mention
from imena.extract.vocabulary import KIN_RELATIONS

#: Bodies the prose names, with the canonical name they resolve to.
BODIES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("Special Troikas", r"\bSpecial [Tt]roikas?\b"),
        ("Politburo", r"\bPolitburo\b"),
        ("Central Committee", r"\bCentral Committee\b(?!\s+(?:member|Plenum|secretary))"),
        ("Central Committee Plenum", r"\b(?:Central Committee )?Plenum\b"),
        ("TsIK", r"\b(?:Central Executive Committee|TsIK)\b"),
        ("Council of People's Commissars", r"\bCouncil of People['’]s Commissars\b|\bSovnarkom\b"),
        ("Military Collegium", r"\bMilitary Collegium\b"),
        ("Supreme Soviet", r"\bSupreme Soviet\b"),
        ("dvoika", r"\bdvoika\b"),
        ("troikas", r"(?<!Special )\btroikas?\b"),
        ("NKVD of the USSR", r"\bNKVD\b"),
        # Periodicals publish; they are named as the agents of publications.
        ("Pravda", r"\bPravda\b"),
        ("Izvestiia", r"\bIzvestiia\b"),
        ("Ogonek", r"\bOgonek\b"),
        ("Novyi mir", r"\bNovyi mir\b"),
        ("Partiinoe stroitel'stvo", r"\bPartiinoe stroitel['’]stvo\b"),
    ]
]


@dataclass
class Trigger:
    """A pattern that signals an event type, and how its participants are placed."""

    type: str
    pattern: re.Pattern[str]
    #: 'passive': the subject is the person before the trigger ("X was arrested");
    #: 'active': the object is the person after it ("awarded X"), the agent before it;
    #: 'intransitive': the subject is the person before ("X testified").
    voice: str
    name: str


def _t(type_: str, voice: str, name: str, pattern: str) -> Trigger:
    return Trigger(type_, re.compile(pattern, re.I), voice, name)


TRIGGERS: list[Trigger] = [
    _t("award", "active", "award-active", r"\bawarded\b"),
    _t("award", "active", "award-handed", r"\bhanded over (?:the|an?) [\w ]*?orders? to\b"),
    _t(
        "award",
        "list",
        "award-decorations",
        r"\bwere handed (?:government )?decorations\b|\bwere decorated\b",
    ),
    _t("award", "passive", "award-passive", r"\bwas (?:awarded|decorated)\b"),
    _t(
        "appointment",
        "passive",
        "appointed-passive",
        r"\b(?:was|were|been|being) (?:appointed|named|made)\b(?! after)",
    ),
    _t("appointment", "passive", "became", r"\bbecame\b(?= (?:the )?(?:[A-Z]|head|chief|deputy))"),
    _t("appointment", "passive", "to-become", r"\bto become\b"),
    _t("appointment", "successor", "succeeded-by", r"\bsucceeded by\b"),
    _t(
        "appointment", "successor", "replaced-by", r"\b(?:was|were) replaced\b(?=[^;,]{0,60}\bby\b)"
    ),
    _t("appointment", "succeeds", "succeeded-as", r"\b(?:succeeded|replaced)\b(?! by)(?= [A-Z])"),
    _t("order", "issuer", "signed-order", r"\b(?:signed|issued)\b(?=[^;]{0,60}\border\b|\s+it\b)"),
    _t(
        "dismissal",
        "passive",
        "dismissed-passive",
        r"\b(?:was|were) (?:dismissed|fired|removed|relieved)\b",
    ),
    _t("transfer", "passive", "transferred-passive", r"\b(?:was|were) transferred\b"),
    _t("promotion", "active", "promoted-active", r"\bpromoted\b"),
    _t(
        "election",
        "passive",
        "elected-passive",
        r"\b(?:was|were|been|being)(?: \w+){0,2} elected\b",
    ),
    _t("election", "passive", "nominated-passive", r"\bwas (?:ultimately )?nominated\b"),
    _t(
        "arrest",
        "passive",
        "arrested-passive",
        r"\b(?:was|were|been|being|had been)(?: \w+){0,2} arrested\b",
    ),
    _t("arrest", "noun", "arrest-noun", r"\b(?:his|her|their) arrest\b"),
    _t("arrest", "active", "arrested-active", r"\barrested\b(?= [A-Z])"),
    _t("sentence", "active", "condemned-active", r"\b(?:condemned|sentenced)\b(?= [A-Z])"),
    _t("sentence", "passive", "condemned-passive", r"\b(?:was|were) (?:condemned|sentenced)\b"),
    _t("execution", "passive", "shot-passive", r"\b(?:was|were)(?: \w+)? (?:shot|executed)\b"),
    _t("execution", "participle", "shot-participle", r"(?<=, )shot\b"),
    _t("execution", "coordinated", "and-shot", r"(?<=\band )(?:shot|executed)\b"),
    _t("expulsion", "passive", "expelled-passive", r"\b(?:was|were|had been)(?: \w+)? expelled\b"),
    _t(
        "decision",
        "agent",
        "decided",
        r"\b(?:decided|resolved|adopted a resolution|joint resolution|voted for|sanctioned|"
        r"permitting|approved|abolished|suspended)\b",
    ),
    _t(
        "decision",
        "body-subject",
        "body-acted",
        r"\b(?:transferred|created|established|set up|extended|confirmed|annulled)\b",
    ),
    _t("quota", "agent", "quotas-given", r"\bquotas? (?:were|was) (?:given|allotted|sanctioned)\b"),
    _t("meeting", "agent", "meeting-held", r"\b(?:was held|were held|convened|was celebrated)\b"),
    _t(
        "speech",
        "intransitive",
        "speech",
        r"\b(?:reported|declared|announced|addressed|stressed|praised|called upon|"
        r"spoke|opening|opened)\b",
    ),
    _t(
        "report",
        "intransitive",
        "complained",
        r"\b(?:complained|riposted|wrote to|sent a letter|informed|protested)\b",
    ),
    _t("decision", "agent", "halt-called", r"\ba halt was called\b"),
    _t("publication", "agent", "published", r"\bpublished\b"),
    _t("order", "agent", "ordered", r"\bordered\b(?=\s+(?:that|the\s+\w+(?:\s+\w+){0,5}\s+to)\b)"),
    _t("marriage", "intransitive", "married", r"\bmarried\b"),
    _t("divorce", "intransitive", "divorced", r"\bdivorced\b"),
    _t(
        "adoption",
        "intransitive",
        "adopted",
        r"\badopted (?:a |an )?(?:little )?(?:orphan|daughter|son|girl|boy|child)\b",
    ),
    _t("rename", "agent", "renamed", r"\brenam(?:e|ed|ing)\b|\bbestowed on\b"),
    _t("visit", "intransitive", "visit", r"\b(?:visited|his visit to|her visit to)\b"),
    _t("testimony", "intransitive", "testified", r"\btestified\b"),
]

# Words one of which a trigger's match must contain: a substring test on the lower-cased
# clause skips the (much slower) pattern of every trigger that cannot match there.
_HINTS: dict[str, tuple[str, ...]] = {
    "award-active": ("awarded",), "award-handed": ("handed",),
    "award-decorations": ("decorat",), "award-passive": ("awarded", "decorated"),
    "appointed-passive": ("appointed", "named", "made"), "became": ("became",),
    "to-become": ("to become",), "succeeded-by": ("succeeded by",),
    "replaced-by": ("replaced",), "succeeded-as": ("succeeded", "replaced"),
    "signed-order": ("signed", "issued"),
    "dismissed-passive": ("dismissed", "fired", "removed", "relieved"),
    "transferred-passive": ("transferred",), "promoted-active": ("promoted",),
    "elected-passive": ("elected",), "nominated-passive": ("nominated",),
    "arrested-passive": ("arrested",), "arrest-noun": ("arrest",),
    "arrested-active": ("arrested",), "condemned-active": ("condemned", "sentenced"),
    "condemned-passive": ("condemned", "sentenced"), "shot-passive": ("shot", "executed"),
    "shot-participle": ("shot",), "and-shot": ("shot", "executed"),
    "expelled-passive": ("expelled",),
    "decided": ("decided", "resolved", "resolution", "voted for", "sanctioned", "permitting",
                "approved", "abolished", "suspended"),
    "body-acted": ("transferred", "created", "established", "set up", "extended", "confirmed",
                   "annulled"),
    "quotas-given": ("quota",), "meeting-held": ("held", "convened", "celebrated"),
    "speech": ("reported", "declared", "announced", "addressed", "stressed", "praised",
               "called upon", "spoke", "open"),
    "complained": ("complained", "riposted", "wrote to", "sent a letter", "informed",
                   "protested"),
    "halt-called": ("halt",), "published": ("published",), "ordered": ("ordered",),
    "married": ("married",), "divorced": ("divorced",), "adopted": ("adopted",),
    "renamed": ("renam", "bestowed"), "visit": ("visit",), "testified": ("testified",),
}  # fmt: skip
assert {t.name for t in TRIGGERS} == set(_HINTS), "every trigger needs its hint words"

# One pass over a clause tells whether any trigger can match at all (most cannot).
# (Word stems of every trigger, matched on the lower-cased clause: a literal alternation
# is much faster than the union of the trigger patterns.)
_ANY_TRIGGER = re.compile(
    "award|handed|decorat|appoint|become|succeeded|dismiss|fired|removed|relieved|transferr|"
    "promot|elect|nominat|arrest|condemn|sentenc|shot|execut|expel|decid|resolv|voted|"
    "sanction|permitt|order|quota|held|convened|celebrat|report|declar|announc|address|"
    "stress|prais|called upon|spoke|open|complain|ripost|wrote|letter|inform|protest|halt|"
    "publish|produced|marri|divorc|adopt|renam|bestow|visit|testif"
    "|replaced|signed|issued|named|made|became|approv|abolish|suspend|creat|establish|"
    "set up|extend|confirm|annul"
)
_ANY_BODY = re.compile("|".join(f"(?:{p.pattern})" for _, p in BODIES))
_SUBORDINATE = re.compile(r"\b(?:after|before)\s+(?:[A-Z][\w'’.]*\s*)+$")
# A date after the trigger belongs to it unless another proposition starts in between.
_NOT_OWN_DATE = re.compile(r"\b(?:that|since|from|until|after|before|who|which)\b")
_CLAUSE_BREAK = re.compile(r";|\((?!\w+\))|\)")
# What did not happen: conditions, proposals, wishes ("proposed that Moscow be renamed").
_CONDITIONAL = re.compile(
    r"\b(?:should|would|could|might|if|unless|whether|proposed that|suggested that|"
    r"wanted to|planned to|nobody|no one|never|not|before being)\b",
    re.I,
)


@dataclass
class Participant:
    """A participant of an event: a person (by its index in the document) or a body."""

    kind: str  # person | body | place | group (PARTICIPANT_KINDS)
    ref: int | str
    role: str


@dataclass
class EventMention:
    """An event found in a sentence: type, date, participants, office, and the rule."""

    type: str
    start: int
    end: int
    date: DateValue | None
    participants: list[Participant]
    office: str | None
    detail: str
    rule: str
    #: True when the syntax attaches the date to the event's own clause (the parse's
    #: reading then outranks a date found by proximity).
    own_date: bool = False
    #: The trigger's own span in the sentence (``start``/``end`` are its clause's).
    trigger: tuple[int, int] | None = None
    #: True when the object or predicate noun changed the verb's own reading ("became a
    #: member" is an election, though "became" alone reads as an appointment).
    refined: bool = False


@dataclass
class TermMention:
    """Evidence of who held an office when: a start, an end, a span or 'held on'."""

    person: int
    office: str
    start: DateValue | None
    end: DateValue | None
    kind: str  # start | end | span | held
    rule: str


@dataclass
class RelationMention:
    type: str
    source: int
    target: int
    rule: str


@dataclass
class SentenceClaims:
    events: list[EventMention] = field(default_factory=list)
    terms: list[TermMention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)


def clauses(sentence: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return [(s, e) for s, e in spans if sentence[s:e].strip()]


def find_bodies(sentence: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    if not _ANY_BODY.search(sentence):
        return found
    for name, pattern in BODIES:
        for m in pattern.finditer(sentence):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), name))
    return sorted(found)


def _within(items, start: int, end: int):
    return [x for x in items if start <= x.start and x.end <= end]


def extract_sentence(
    sentence: str,
    persons: list[Mention],
    dates: list[DateMention],
    offices: list[OfficeMention],
    gender_of: dict[int, str | None],
) -> SentenceClaims:
    """All claims of one sentence from its person, date and office mentions."""
    out = SentenceClaims()
    bodies = find_bodies(sentence)
    inherited: DateValue | None = None
    for c_start, c_end in clauses(sentence):
        c_dates = [d for d in dates if c_start <= d.start < c_end]
        date = inherited
        if c_dates:
            inherited = c_dates[-1].value
        c_persons = _within(persons, c_start, c_end)
        c_offices = _within(offices, c_start, c_end)
        c_bodies = [b for b in bodies if c_start <= b[0] < c_end]
        clause = sentence[c_start:c_end]
        seen_triggers: list[tuple[int, int]] = []
        lowered = clause.lower()
        for trigger in TRIGGERS if _ANY_TRIGGER.search(lowered) else ():
            if not any(hint in lowered for hint in _HINTS[trigger.name]):
                continue
            for m in trigger.pattern.finditer(clause):
                t_start, t_end = c_start + m.start(), c_start + m.end()
                if any(not (t_end <= s or t_start >= e) for s, e in seen_triggers):
                    continue
                if _CONDITIONAL.search(sentence[max(c_start, t_start - 40) : t_start]):
                    continue
                # The date nearest before the trigger in its clause governs it ("in 1934
                # Ivan had married ..., but in 1937 they divorced").
                before = [
                    d
                    for d in c_dates
                    if d.start < t_start
                    and not d.rule.startswith(("since", "from", "until"))
                    # "until her arrest on 3 May, shortly after X was appointed": a
                    # trigger after "after/before" is not on that date.
                    and not _SUBORDINATE.search(sentence[d.end : t_start])
                ]
                # ... unless the trigger's own phrase dates it ("was arrested on 26 April",
                # "elected secretary ... in February of that year").
                own = [
                    d
                    for d in c_dates
                    if d.start >= t_end
                    and "," not in sentence[t_end : d.start]
                    and d.start - t_end < 80
                    and not _NOT_OWN_DATE.search(sentence[t_end : d.start])
                ]
                t_date = own[0].value if own else (before[-1].value if before else date)
                event = _event(
                    trigger,
                    sentence,
                    t_start,
                    t_end,
                    c_start,
                    c_end,
                    c_persons,
                    c_bodies,
                    c_offices,
                    t_date,
                )
                if event is None:
                    continue
                event.trigger = (t_start, t_end)
                seen_triggers.append((t_start, t_end))
                out.events.append(event)
                out.terms.extend(
                    _terms_from_event(
                        event, trigger, sentence, c_offices, c_persons, event.date, dates
                    )
                )
        clause_date = c_dates[0].value if c_dates else date
        out.terms.extend(
            _apposition_terms(sentence, c_start, c_end, c_persons, c_offices, clause_date, dates)
        )
    out.relations.extend(_relations(sentence, persons))
    out.events = _distinct(out.events)
    return out


def _distinct(events: list[EventMention]) -> list[EventMention]:
    """One event per type, date and participants in a clause ("joint resolution suspended")."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        key = (
            event.type,
            event.start,
            event.date,
            frozenset((p.kind, str(p.ref)) for p in event.participants),
        )
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _nearest_before(mentions: list[Mention], pos: int) -> Mention | None:
    before = [m for m in mentions if m.end <= pos]
    return before[-1] if before else None


def _subject_before(mentions: list[Mention], pos: int, sentence: str) -> Mention | None:
    """The person a passive verb is about: the clause's first named person before it.

    "the Rostov NKVD chief, Ia. A. Deich, was dismissed" -> Deich; "D. M. Dmitriev, was
    transferred" -> Dmitriev; a person inside a relative clause ("who, like Leplevskii,")
    is skipped in favour of the head of the phrase that follows it.
    """
    before = [m for m in mentions if m.end <= pos]
    if not before:
        return None
    # After "that"/"whether" a new clause starts: its subject is what counts.
    boundary = max(
        (b.end() for b in re.finditer(r"\b(?:that|whether)\b", sentence[:pos])), default=0
    )
    # "His relatives testified": a possessive pronoun is not the subject.
    before = [m for m in before if m.text not in ("his", "His", "her", "Her", "their", "Their")]
    if not before:
        return None
    if before[-1].rule == "plural":
        return before[-1]  # "they divorced": the pair (both are added as subjects)
    named = [m for m in before if m.rule != "plural"]
    before = named or before
    candidates = [
        m
        for m in before
        if m.start >= boundary
        and not re.search(r"\blike\s+$", sentence[: m.start])
        and not re.match(r"['’]s\b", sentence[m.end : m.end + 3])
    ]
    if not candidates:
        return None
    return candidates[-1]


def _event(
    trigger: Trigger,
    sentence: str,
    t_start: int,
    t_end: int,
    c_start: int,
    c_end: int,
    persons: list[Mention],
    bodies: list[tuple[int, int, str]],
    offices: list[OfficeMention],
    date: DateValue | None,
) -> EventMention | None:
    participants: list[Participant] = []
    after = [m for m in persons if m.start >= t_end]
    before_bodies = [b for b in bodies if b[1] <= t_start]
    agent_body = before_bodies[-1][2] if before_bodies else None
    # "the Central Committee and the Council of People's Commissars ... resolved": both act.
    co_agents = [
        a[2]
        for a, b in itertools.pairwise(before_bodies)
        if b[2] == agent_body and re.fullmatch(r"\s+and\s+(?:the\s+)?", sentence[a[1] : b[0]])
    ]
    if trigger.voice == "intransitive" and re.search(
        r"\b(?:was|were|been|being)\s+$", sentence[c_start:t_start]
    ):
        return None  # "Ezhov was praised by the press": the press spoke, not Ezhov
    if trigger.voice in ("passive", "intransitive", "participle"):
        subject = _subject_before(persons, t_start, sentence)
        if trigger.voice == "participle":
            subject = _nearest_before(persons, t_start)
        if subject is None and re.search(
            r"\b(?:after|before|upon|while|since)\s+"
            r"(?:(?:being|having been)\s+)?$",
            sentence[:t_start],
        ):
            # "after being elected secretary ..., Ezhov moved": the subject follows.
            subject = after[0] if after else None
        if subject is None and trigger.type == "visit" and after:
            participants.append(Participant("person", after[0].person, "object"))
            return EventMention(
                trigger.type,
                c_start,
                c_end,
                date,
                participants,
                None,
                _detail(sentence, c_start, c_end),
                trigger.name,
            )
        if subject is None:
            return None
        participants.append(Participant("person", subject.person, "subject"))
        for other in persons:
            # "they divorced": both persons of the plural pronoun are subjects.
            if other.rule == "plural" and other.start == subject.start and other is not subject:
                participants.append(Participant("person", other.person, "subject"))
        if trigger.type in ("marriage", "divorce", "visit") and after:
            participants.append(Participant("person", after[0].person, "object"))
        by = re.match(r"\s+by\s+the\s+([A-Z][\w ]+?)(?:[;,.]|$)", sentence[t_end:c_end])
        if by:
            body = next((b for b in bodies if b[0] >= t_end), None)
            if body:
                participants.append(Participant("body", body[2], "agent"))
    elif trigger.voice == "active":
        obj = after[0] if after else None
        if obj is None:
            return None
        participants.append(
            Participant(
                "person", obj.person, "beneficiary" if trigger.type == "award" else "object"
            )
        )
        agent_person = _nearest_before(persons, t_start)
        if agent_body:
            participants.append(Participant("body", agent_body, "agent"))
        elif agent_person is not None and agent_person.person != obj.person:
            participants.append(Participant("person", agent_person.person, "agent"))
    elif trigger.voice == "list":
        for m in after:
            participants.append(Participant("person", m.person, "beneficiary"))
        if not participants:
            return None
    elif trigger.voice == "successor":
        successor = after[0] if after else None
        predecessor = _nearest_before(persons, t_start)
        if successor is None:
            return None
        participants.append(Participant("person", successor.person, "subject"))
        if predecessor is not None:
            participants.append(Participant("person", predecessor.person, "predecessor"))
    elif trigger.voice == "succeeds":
        # "L. P. Beria succeeded Ezhov as People's Commissar": appointment of the successor.
        successor = _subject_before(persons, t_start, sentence)
        predecessor = after[0] if after else None
        if successor is None:
            return None
        participants.append(Participant("person", successor.person, "subject"))
        if predecessor is not None and predecessor.person != successor.person:
            participants.append(Participant("person", predecessor.person, "predecessor"))
    elif trigger.voice == "issuer":
        issuer = _subject_before(persons, t_start, sentence)
        if issuer is not None:
            participants.append(Participant("person", issuer.person, "issuer"))
        elif agent_body:
            participants.append(Participant("body", agent_body, "issuer"))
        else:
            return None
    elif trigger.voice == "coordinated":
        # "Ezhov was arrested on 10 April 1939 and shot on 4 February 1940".
        subject = _subject_before(persons, t_start, sentence)
        if subject is None or not re.search(r"\b(?:was|were)\b", sentence[subject.end : t_start]):
            return None
        participants.append(Participant("person", subject.person, "subject"))
    elif trigger.voice == "body-subject":
        # Only a body acting ("the Politburo transferred the albums") makes a decision.
        if not agent_body or not re.fullmatch(
            r"[^,;]{0,40}", sentence[before_bodies[-1][1] : t_start]
        ):
            return None
        participants.append(Participant("body", agent_body, "agent"))
        participants.extend(Participant("body", b[2], "object") for b in bodies if b[0] >= t_end)
    elif trigger.voice == "noun":
        subject = next((m for m in persons if m.start == t_start), None) or _nearest_before(
            persons, t_start
        )
        if subject is None:
            return None
        participants.append(Participant("person", subject.person, "subject"))
    elif trigger.voice == "agent":
        actor = _nearest_before(
            [m for m in persons if not re.match(r"['’]s\b", sentence[m.end : m.end + 3])],
            t_start,
        )
        if actor is not None and (not before_bodies or actor.end > before_bodies[-1][1]):
            # A person named after the last body is the actor ("Lebedev ... convened").
            agent_body = None
            co_agents = []
        if agent_body:
            participants.append(Participant("body", agent_body, "agent"))
            participants.extend(Participant("body", name, "agent") for name in co_agents)
        else:
            agent = _nearest_before(persons, t_start)
            if agent is not None:
                participants.append(Participant("person", agent.person, "agent"))
        for m in after[:3]:
            participants.append(Participant("person", m.person, "object"))
        for b in bodies:
            if b[0] >= t_end and b[2] != agent_body:
                participants.append(Participant("body", b[2], "object"))
        if not participants:
            return None
    if not participants:
        return None
    office = _office_for(trigger, offices, t_start, t_end)
    return EventMention(
        trigger.type,
        c_start,
        c_end,
        date,
        participants,
        office.office if office else None,
        _detail(sentence, c_start, c_end),
        trigger.name,
    )


def _detail(sentence: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", sentence[start:end]).strip(" ,;")[:200]


def _office_for(
    trigger: Trigger, offices: list[OfficeMention], t_start: int, t_end: int
) -> OfficeMention | None:
    if not offices:
        return None
    if trigger.type in ("appointment", "promotion", "election"):
        after = [o for o in offices if o.start >= t_end]
        if after:
            return after[0]
    if trigger.type in ("dismissal", "transfer"):
        near = [o for o in offices if o.start >= t_end and o.start - t_end < 20]
        if near:
            return near[0]
        before = [o for o in offices if o.end <= t_start]
        if before:
            return before[-1]
    return None


def _terms_from_event(
    event: EventMention,
    trigger: Trigger,
    sentence: str,
    offices: list[OfficeMention],
    persons: list[Mention],
    date: DateValue | None,
    dates: list[DateMention],
) -> list[TermMention]:
    subject = next(
        (
            p.ref
            for p in event.participants
            if p.kind == "person" and p.role in ("subject", "object")
        ),
        None,
    )
    if subject is None or event.office is None:
        return []
    if event.type in ("appointment", "promotion", "election"):
        terms = [TermMention(int(subject), event.office, date, None, "start", event.rule)]
        predecessor = next((p.ref for p in event.participants if p.role == "predecessor"), None)
        if predecessor is not None:
            terms.append(TermMention(int(predecessor), event.office, None, date, "end", event.rule))
        return terms
    if event.type in ("dismissal", "transfer"):
        terms = [TermMention(int(subject), event.office, None, date, "end", event.rule)]
        # "transferred as NKVD chief from Moscow to Kazakhstan": a start elsewhere too.
        move = re.search(r"as NKVD chief from ([A-Z]\w+) to ([A-Z]\w+)", event.detail)
        if move:
            terms = [
                TermMention(
                    int(subject), f"NKVD chief of {move.group(1)}", None, date, "end", event.rule
                ),
                TermMention(
                    int(subject), f"NKVD chief of {move.group(2)}", date, None, "start", event.rule
                ),
            ]
        return terms
    return []


_SPAN = re.compile(r"^\s*(?:,\s*)?(?:from|since|in)\b")


def _apposition_terms(
    sentence: str,
    c_start: int,
    c_end: int,
    persons: list[Mention],
    offices: list[OfficeMention],
    date: DateValue | None,
    dates: list[DateMention],
) -> list[TermMention]:
    """'the Rostov NKVD chief, X,' / 'X, Kuibyshev NKVD chief from May 1937 to June 1938' —
    the person held the office (on the clause's date, or over the span stated beside
    the office)."""
    terms: list[TermMention] = []
    named = [p for p in persons if p.rule != "pronoun"]
    for office in offices:
        person = None
        # OFFICE[,] PERSON
        for p in named:
            gap = sentence[office.end : p.start]
            if p.start >= office.end and re.fullmatch(r",?\s*", gap):
                person = p
                break
        # PERSON, [the] [former] OFFICE  /  PERSON, in 1937–38 OFFICE
        if person is None:
            for p in reversed(named):
                gap = sentence[p.end : office.start]
                if p.end <= office.start and re.fullmatch(
                    r",\s*(?:the\s+)?(?:former\s+)?(?:(?:in|from|since)\s+[^,;]{2,30}?\s+)?", gap
                ):
                    person = p
                    break
        if person is None:
            continue
        # Dates stated right beside the office phrase make a span; else "held on" the date.
        near = [
            d
            for d in dates
            if office.start - 30 <= d.start
            and d.end <= office.end + 45
            and c_start <= d.start < c_end
        ]
        span = next(
            (
                d
                for d in near
                if d.value.start
                and d.value.end
                and d.value.start != d.value.end
                and d.rule.startswith(("range", "year"))
            ),
            None,
        )
        since = next((d for d in near if d.rule.startswith(("since", "from"))), None)
        if span is not None:
            terms.append(
                TermMention(
                    person.person,
                    office.office,
                    span.value,
                    span.value,
                    "span",
                    f"apposition-span:{office.rule}",
                )
            )
        elif since is not None:
            terms.append(
                TermMention(
                    person.person,
                    office.office,
                    since.value,
                    None,
                    "start",
                    f"apposition-since:{office.rule}",
                )
            )
        elif date is not None and office.office:
            terms.append(
                TermMention(
                    person.person, office.office, date, date, "held", f"apposition:{office.rule}"
                )
            )
    return terms


_APPOSED_KIN = re.compile(
    r"^,\s+(?:the\s+)?(?P<owner_span>[A-Z][\w'’]+)['’]s\s+(?:(?:former|personal|close)\s+)?"
    r"(?P<kin>wife|husband|brother|sister|son|daughter|bodyguard|deputy|lover|secretary|"
    r"adjutant|friend|successor)\b"
)


def _relations(sentence: str, persons: list[Mention]) -> list[RelationMention]:
    """'Vasilii Efimov, Ezhov's bodyguard'; 'adopted a little orphan named Natasha';
    'intimate relations with her chief, Uritskii'."""
    out: list[RelationMention] = []
    named = [p for p in persons if p.rule != "pronoun"]
    for p in named:
        m = _APPOSED_KIN.match(sentence[p.end :])
        if not m:
            continue
        owner = next((o for o in persons if o.start == p.end + m.start("owner_span")), None)
        relation = KIN_RELATIONS.get(m.group("kin"))
        if owner is not None and relation and owner.person != p.person:
            out.append(
                RelationMention(relation, p.person, owner.person, f"apposed-{m.group('kin')}")
            )
    adopted = re.search(
        r"\badopted (?:a |an )?(?:little )?(?:orphan|girl|boy|child)"
        r"(?: named)? (?P<name>[A-Z]\w+)",
        sentence,
    )
    if adopted:
        child = next((x for x in persons if x.start == adopted.start("name")), None)
        parents = [
            x
            for x in persons
            if x.end <= adopted.start() and x.person != (child.person if child else None)
        ]
        if child is not None and parents:
            out.append(RelationMention("adopted", child.person, parents[0].person, "adopted-named"))
    for m in re.finditer(r"\b(?:intimate relations|an affair|cohabit\w*)\b", sentence):
        who = [x for x in persons if x.end <= m.start()]
        whom = [x for x in persons if x.start >= m.end()]
        if who and whom and who[-1].person != whom[0].person:
            out.append(RelationMention("lover", who[-1].person, whom[0].person, "intimate"))
    return out


def kin_relation(kin: str) -> str | None:
    return KIN_RELATIONS.get(kin)
