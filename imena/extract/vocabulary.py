"""The words of English prose that name events, posts and relations, for the extractors.

The closed vocabularies these words map onto (event types, roles, relations, participant
kinds) are declared once, in :mod:`imena.model`, and re-exported here for the extractors.
"""

from __future__ import annotations

from imena.model import EVENT_TYPES, PARTICIPANT_KINDS, RELATION_TYPES, ROLES

__all__ = ["EVENT_TYPES", "PARTICIPANT_KINDS", "RELATION_TYPES", "ROLES"]

#: Kinship words of the prose and the relation (from the named person's side) they give.
KIN_RELATIONS: dict[str, str] = {
    "wife": "spouse", "husband": "spouse", "brother": "sibling", "sister": "sibling",
    "son": "child", "daughter": "child", "mother": "parent", "father": "parent",
    "nephew": "relative", "niece": "relative", "lover": "lover", "bodyguard": "bodyguard_of",
    "deputy": "deputy_of", "chief": "subordinate_of", "successor": "succeeded",
    "friend": "friend",
}  # fmt: skip

#: English words that name events, by lemma, for the parse-based grammar
#: (``extract/en/events.py``).  A verb's lemma gives the event type; where one verb names
#: several types, the object noun decides (``OBJECT_TYPES``).  Each trigger is declared
#: here once.
VERB_TRIGGERS: dict[str, str] = {
    "award": "award", "decorate": "award",
    "appoint": "appointment", "name": "appointment", "install": "appointment",
    "dismiss": "dismissal", "fire": "dismissal", "remove": "dismissal", "relieve": "dismissal",
    "oust": "dismissal", "sack": "dismissal", "depose": "dismissal", "strip": "dismissal",
    "transfer": "transfer", "promote": "promotion",
    "elect": "election", "re-elect": "election", "reelect": "election", "nominate": "election",
    "arrest": "arrest", "detain": "arrest", "apprehend": "arrest",
    "sentence": "sentence", "condemn": "sentence", "convict": "sentence",
    "execute": "execution", "shoot": "execution", "hang": "execution",
    "die": "death", "kill": "death", "murder": "death", "assassinate": "death",
    "perish": "death",
    "release": "release", "free": "release", "rehabilitate": "rehabilitation",
    "exonerate": "rehabilitation", "expel": "expulsion", "reinstate": "restoration",
    "decide": "decision", "resolve": "decision", "approve": "decision",
    "sanction": "decision", "abolish": "decision", "suspend": "decision", "ban": "decision",
    "authorize": "decision", "authorise": "decision", "decree": "decision",
    "ratify": "decision", "adopt": "decision",
    "order": "order", "sign": "order", "issue": "order",
    "convene": "meeting", "meet": "meeting", "hold": "meeting", "open": "meeting",
    "speak": "speech", "address": "speech", "declare": "speech", "announce": "speech",
    "proclaim": "speech", "deliver": "speech",
    "report": "report", "complain": "report", "write": "report",
    "publish": "publication", "print": "publication",
    "visit": "visit", "marry": "marriage", "divorce": "divorce", "bear": "birth",
    "rename": "rename", "testify": "testimony", "confess": "testimony",
    "deport": "deportation", "exile": "deportation", "banish": "deportation",
    "resettle": "deportation", "evict": "deportation",
    "conclude": "treaty", "invade": "invasion", "attack": "invasion", "occupy": "invasion",
    "surrender": "surrender", "capitulate": "surrender", "overthrow": "coup",
    "become": "appointment", "succeed": "appointment", "replace": "appointment",
    "lose": "dismissal", "assume": "appointment", "take": "appointment",
    "resign": "dismissal", "send": "report", "capture": "invasion", "seize": "invasion",
}  # fmt: skip

#: Nouns that name events ("his arrest", "the invasion of Poland", "the pact").
NOUN_TRIGGERS: dict[str, str] = {
    "arrest": "arrest", "execution": "execution", "death": "death", "murder": "death",
    "assassination": "death", "suicide": "death", "appointment": "appointment",
    "dismissal": "dismissal", "removal": "dismissal", "election": "election",
    "release": "release", "rehabilitation": "rehabilitation", "expulsion": "expulsion",
    "deportation": "deportation", "invasion": "invasion", "surrender": "surrender",
    "capitulation": "surrender", "revolution": "revolution", "coup": "coup",
    "putsch": "coup", "treaty": "treaty", "pact": "treaty", "armistice": "treaty",
    "visit": "visit", "speech": "speech", "marriage": "marriage", "birth": "birth",
    "trial": "sentence", "war": "war", "plenum": "meeting", "congress": "meeting",
    "conference": "meeting",
}  # fmt: skip

#: Verbs whose object noun decides the event type ("signed the pact" is a treaty, "signed
#: the order" an order; "declared war" a war; "adopted a resolution" a decision, "adopted
#: a daughter" an adoption).  A verb listed here names no event with another object.
OBJECT_TYPES: dict[str, dict[str, str]] = {
    "sign": {"treaty": "treaty", "pact": "treaty", "agreement": "treaty", "protocol": "treaty",
             "armistice": "treaty", "order": "order", "decree": "order", "directive": "order",
             "resolution": "decision", "law": "decision"},
    "conclude": {"treaty": "treaty", "pact": "treaty", "agreement": "treaty",
                 "armistice": "treaty"},
    "issue": {"order": "order", "decree": "order", "directive": "order",
              "resolution": "decision", "instruction": "order"},
    "declare": {"war": "war"},
    "adopt": {"resolution": "decision", "decision": "decision", "decree": "decision",
              "law": "decision", "constitution": "decision", "daughter": "adoption",
              "son": "adoption", "child": "adoption", "girl": "adoption", "boy": "adoption",
              "orphan": "adoption"},
    "hold": {"meeting": "meeting", "conference": "meeting", "plenum": "meeting",
             "congress": "meeting", "session": "meeting", "election": "election",
             "elections": "election", "trial": "sentence"},
    "open": {"conference": "meeting", "congress": "meeting", "plenum": "meeting",
             "session": "meeting", "meeting": "meeting"},
    "deliver": {"speech": "speech", "report": "speech", "address": "speech",
                "lecture": "speech"},
    "write": {"letter": "report", "report": "report", "memorandum": "report",
              "note": "report"},
    "send": {"letter": "report", "report": "report", "memorandum": "report", "note": "report",
             "telegram": "report", "proposal": "report", "complaint": "report"},
    # "became head of the OGPU" is an appointment, "became a member" an election; what
    # one becomes is the predicate noun.
    "become": {"head": "appointment", "chief": "appointment", "commissar": "appointment",
               "deputy": "appointment", "secretary": "appointment", "chairman": "appointment",
               "director": "appointment", "commander": "appointment", "minister": "appointment",
               "premier": "appointment", "president": "appointment", "leader": "appointment",
               "procurator": "appointment", "prosecutor": "appointment",
               "chancellor": "appointment", "member": "election", "candidate": "election"},
}  # fmt: skip

#: Verbs whose preposition decides the event when no object does ("wrote to Stalin" is
#: a report, as "wrote a letter" is).
PREP_TYPES: dict[str, dict[str, str]] = {
    "write": {"to": "report"},
    "send": {"to": "report"},
}

#: What one loses or takes that makes it an event: a post, not a battle or a temper.
_POSTS = ("position", "post", "job", "office", "seat", "editorship", "membership",
          "chairmanship", "leadership", "command", "presidency", "premiership")
OBJECT_TYPES["lose"] = dict.fromkeys(_POSTS, "dismissal")
OBJECT_TYPES["assume"] = dict.fromkeys(_POSTS, "appointment")
OBJECT_TYPES["take"] = {"office": "appointment", "command": "appointment"}

#: Verbs of succession: the subject follows the object in an office ("Beria succeeded
#: Ezhov"; passive: "Merkulov was replaced by Abakumov").  The one followed is dismissed.
SUCCESSION_VERBS = frozenset({"succeed", "replace"})

#: Event types whose participant acts alone: the grammatical subject is the one the event
#: is about ("Ezhov spoke", "Kirov died"), not an agent acting on someone else.
INTRANSITIVE_TYPES = frozenset(
    {"death", "speech", "report", "testimony", "visit", "marriage", "divorce", "surrender",
     "meeting", "publication", "birth"}
)  # fmt: skip
