"""The domain's vocabularies (MODEL.md), each declared once and documented where defined.

Every part of imena that names an event type, a role, a measure, a status or a decision
imports it from here: extraction writes these words, the store keeps them, the machinery,
the API, the CLI and the web read them.
"""

from __future__ import annotations

#: Event types.  Extend with care and document each addition here.
EVENT_TYPES: dict[str, str] = {
    "award": "an order, medal or decoration given to a person",
    "appointment": "a person put into an office",
    "dismissal": "a person removed from an office (dismissed, fired, relieved)",
    "transfer": "a person moved from one office or region to another",
    "promotion": "a person raised to a higher office or rank",
    "election": "a person elected or nominated to an office or a body",
    "arrest": "a person arrested",
    "sentence": "a person condemned by a court or extrajudicial body",
    "execution": "a person shot or otherwise executed",
    "death": "a person's death by other means (suicide, illness)",
    "release": "a person released from custody",
    "rehabilitation": "a person rehabilitated, usually posthumously",
    "expulsion": "a person expelled from the Party or a body",
    "restoration": "a person restored to Party membership or rights",
    "decision": "a decision, resolution or sanction of a body (Politburo, Plenum, ...)",
    "order": "an order issued (e.g. NKVD operational order No. 00447)",
    "quota": "a quota (limit) of repressions set or raised for a region",
    "meeting": "a meeting, conference, plenum or session held",
    "speech": "a speech, report or declaration made",
    "report": "a written report or complaint sent",
    "publication": "a text, poem, cartoon or poster published",
    "visit": "a person visiting another person or a place",
    "marriage": "two persons married",
    "divorce": "two persons divorced",
    "adoption": "a child adopted",
    "birth": "a person born",
    "rename": "a place or institution named or renamed after a person",
    "testimony": "a person testifying (often under arrest)",
    "deportation": "a group deported",
    "treaty": "a treaty signed",
    "invasion": "an invasion",
    "war": "a war",
    "surrender": "a surrender",
    "revolution": "a revolution",
    "coup": "a coup",
}

#: Roles of participants in events.
ROLES: dict[str, str] = {
    "subject": "the person the event happens to or who does it intransitively",
    "agent": "the person or body that acts (the Politburo that decides, the court that condemns)",
    "object": "the person or thing acted upon when an agent is named",
    "issuer": "the body issuing a document",
    "beneficiary": "the person receiving an award or quota",
    "place": "where the event happened",
    "successor": "who followed in the office",
    "predecessor": "who held the office before",
}

#: Relations between two persons.
RELATION_TYPES: dict[str, str] = {
    "spouse": "married to", "sibling": "brother or sister of", "child": "son or daughter of",
    "adopted": "adopted child of", "lover": "in an intimate relationship with",
    "deputy_of": "deputy of", "subordinate_of": "worked under",
    "bodyguard_of": "bodyguard of", "testified_against": "testified against",
    "succeeded": "succeeded in office", "parent": "mother or father of",
    "relative": "another family relation", "friend": "friend of",
}  # fmt: skip

#: Kinds of event participants: persons, bodies (organisations and collegial organs with
#: offices), places (countries, regions, cities, sites) and groups (peoples, parties,
#: movements, armies and other collectives that are not organisations with offices).
PARTICIPANT_KINDS: dict[str, str] = {
    "person": "a person",
    "body": "an organisation or collegial organ: the Politburo, the NKVD, a troika, a court",
    "place": "a country, region, city or site",
    "group": "a people, nationality, party, movement or army acting or acted upon",
}

#: The closed vocabulary of measures: what a figure counts.
MEASURES: dict[str, str] = {
    "condemned": "people sentenced by any organ (the kind of sentence unsaid)",
    "sentenced_to_death": "people sentenced to death (to the death penalty, to be shot)",
    "sentenced_to_camp": "people sentenced to camps or prison terms",
    "shot": "people the source says were shot / executed (compare with sentenced_to_death)",
    "arrested": "people arrested or detained",
    "prisoners": "people held (in prisons, camps, albums) at some moment - a stock, not a flow",
    "examined": "cases or people whose cases an organ examined / reviewed",
    "expelled": "people expelled from the Party (or another body)",
    "restored": "people restored / reinstated to Party membership",
    "admitted": "people admitted (to the Party, as members or candidates)",
    "rehabilitated": "people rehabilitated",
    "released": "people released / freed",
    "deported": "people deported, resettled or exiled",
    "died": "people who died or were killed (in custody, in camps)",
    "repressed": "people 'repressed' - the source's own umbrella word",
    "quota": "a limit / quota set or granted for arrests or sentences",
    "attended": "people attending a meeting, an audience",
    "elected": "people elected (deputies)",
    "nominated": "nominations received",
    "awarded": "people awarded orders, medals, decorations",
    "members": "members of a body (a membership count)",
    "percent": "a share in percent (what it is a share of in ``what``)",
    "count": "a count whose measure the sentence does not say (fallback)",
}

#: How a source qualifies a figure's number (the words for each are the extractors').
QUALIFIERS: dict[str, str] = {
    "exact": "the number as stated",
    "about": "an estimate (some, about, approximately, or so)",
    "over": "more than the number (over, more than, upwards of)",
    "under": "less than the number (under, fewer than, below)",
    "almost": "just under the number (almost, nearly, close to)",
    "at least": "the number or more (at least, no fewer than, or more)",
    "up to": "the number or fewer (up to, as many as, at most, or less)",
}

#: Where a claim stands in review: extracted or imported claims are proposed until a
#: curator accepts or rejects them (or corrects them, which accepts them).
STATUSES: tuple[str, ...] = ("proposed", "accepted", "rejected")

#: How precisely a date is known.
PRECISIONS: tuple[str, ...] = ("day", "month", "season", "year", "decade")

#: Event types that are decisions of a body (the Politburo's resolutions, the NKVD's
#: orders, quotas granted, appointments and dismissals made): the CLI's ``decisions`` and
#: the web's decisions "at a glance" read the same ones.
DECISION_TYPES: tuple[str, ...] = ("decision", "order", "quota", "appointment", "dismissal")
