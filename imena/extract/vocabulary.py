"""The closed vocabularies of claims (MODEL.md), each term documented where it is defined."""

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

#: Kinship words of the prose and the relation (from the named person's side) they give.
KIN_RELATIONS: dict[str, str] = {
    "wife": "spouse", "husband": "spouse", "brother": "sibling", "sister": "sibling",
    "son": "child", "daughter": "child", "mother": "parent", "father": "parent",
    "nephew": "relative", "niece": "relative", "lover": "lover", "bodyguard": "bodyguard_of",
    "deputy": "deputy_of", "chief": "subordinate_of", "successor": "succeeded",
    "friend": "friend",
}  # fmt: skip
