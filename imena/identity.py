"""Who a name is: the one place that decides which person a query, a mention or a signer means.

``imena.names`` says how spellings compare (pure functions of strings); ``imena.store``
reads and writes the rows; this module makes the decisions between them:

- :func:`find_persons`: the persons a reader means by a query in any script or spelling
  (Ежов, Ezhov, Yezhov, "N. I. Ezhov", "с Ежовым"), best first — for the CLI, the API and
  the web alike;
- :func:`person_for_mention`: the database person a person found in a text is (same
  surname key and compatible first names or initials), created when there is none;
- :func:`person_for_name`: the same for a curated name of the reference data
  ("D. M. Dmitriev");
- :func:`person_for_signer`: the same for a signer of Stalin's lists ("Цесарский"), whose
  every known name must agree with the person's (:func:`imena.names.compatible`).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from imena.names import compatible, name_key, normalise_case, parse_name
from imena.store import persons as person_rows
from imena.store.db import Store

#: Russian prepositions that stand before a name in a query (с Ежовым, к Ягоде).
RUSSIAN_PREPOSITIONS = frozenset(
    [
        "с",
        "со",
        "к",
        "ко",
        "в",
        "во",
        "у",
        "о",
        "об",
        "обо",
        "от",
        "до",
        "по",
        "за",
        "на",
        "из",
        "и",
        "при",
        "про",
        "над",
        "под",
        "для",
        "без",
    ]
)


def _query_words(query: str) -> tuple[list[str], list[str]]:
    """(words that may be names, every token) of a query."""
    tokens = [t for t in re.split(r"[\s,]+", query.strip()) if t]
    # Initials (N., Ia.) and Russian prepositions match no one by themselves.
    words = [
        t
        for t in tokens
        if len(t.rstrip(".")) > 1
        and not (t.endswith(".") and len(t) <= 4)
        and t.lower() not in RUSSIAN_PREPOSITIONS
    ]
    return words, tokens


def _keys(word: str) -> set[str]:
    """Name keys of a word: its own, and those of its nominatives (Ежовым → Ежов)."""
    keys = {name_key(word)}
    keys.update(name_key(r.nominative) for r in normalise_case(word) if r.nominative)
    return {k for k in keys if k}


def find_persons(store: Store, query: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Persons behind any spelling of ``query``, best first, as the JSON objects of CLI.md.

    A person scores one for each word of the query that is one of their names (in any
    romanisation or case), plus one for each other token found in their forms (first
    names, initials); ties go to the person named in more claims.  A word of four letters
    or more that is nobody's name also finds names it begins (names typed in part).
    """
    words, tokens = _query_words(query)
    scored: dict[str, float] = {}
    for word in words:
        found: set[str] = set()
        keys = _keys(word)
        for key in keys:
            found.update(person_rows.ids_with_key(store, key))
        if not found:
            for key in keys:
                if len(key) >= 4:
                    found.update(person_rows.ids_with_key_prefix(store, key))
        for pid in found:
            scored[pid] = scored.get(pid, 0) + 1
    if not scored:
        return []
    ids = sorted(scored)
    rows = person_rows.rows(store, ids)
    forms = person_rows.forms(store, ids)
    mentions = person_rows.mentions(store, ids)
    others = [t.rstrip(".").lower() for t in tokens]

    def score(pid: str) -> tuple[float, int, str]:
        text = " ".join(forms.get(pid, [])).lower()
        bonus = sum(1 for t in others if t and t in text)
        return (-(scored[pid] + bonus), -mentions.get(pid, 0), pid)

    ranked = sorted((pid for pid in ids if pid in rows), key=score)
    if limit is not None:
        ranked = ranked[:limit]
    return [
        {
            "kind": "person",
            "id": pid,
            "name": rows[pid]["name"],
            "names": forms.get(pid, []),
            "cyrillic": rows[pid]["cyrillic"],
            "gender": rows[pid]["gender"],
            "events": mentions.get(pid, 0),
        }
        for pid in ranked
    ]


class Mention(Protocol):
    """A person as a text names them (imena.extract.persons.Person)."""

    index: int
    name: str
    surname: str | None
    first: str | None
    initials: str | None
    gender: str | None
    forms: list[str]


def person_for_mention(conn: Any, person: Mention) -> str:
    """The database person a person found in a text is, created (with its forms) if new.

    Same surname key, and a first name contained in one of the person's forms, or
    initials beginning one, or no first name or initials at all.  Runs inside the
    ingest's transaction (``conn``).
    """
    key = name_key(person.surname or person.first or "?")
    existing = None
    for pid, known in person_rows.candidates_with_key(conn, key):
        if (
            any(person.first and person.first in form for form in known)
            or (not person.first and not person.initials)
            or any(person.initials and form.startswith(person.initials) for form in known)
        ):
            existing = pid
            break
    if existing is None:
        base = _slug(" ".join(x for x in (person.surname, person.first) if x)) or "person"
        existing, n = base, 2
        while person_rows.id_taken(conn, existing):
            existing, n = f"{base}-{n}", n + 1
        person_rows.add_person(conn, existing, person.name, person.gender)
    for form in person.forms:
        script = "Cyrl" if re.search("[А-Яа-яЁё]", form) else "Latn"
        system = "ala-lc" if script == "Latn" else "cyrillic"
        person_rows.add_name(conn, existing, form, script, system, key)
    return existing


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def person_for_name(conn: Any, name: str) -> str:
    """The database person of a curated name ("D. M. Dmitriev"): same surname key and
    compatible forms (initials or first name), else a new person (with the name and the
    surname as its forms)."""
    words = name.split()
    surname, given = words[-1], words[:-1]
    key = name_key(surname)
    pid = same_person(surname, given, person_rows.candidates_with_key(conn, key))
    if pid is not None:
        person_rows.add_name(conn, pid, name, "Latn", "ala-lc", key)
        return pid
    base = re.sub(r"[^a-z0-9]+", "-", " ".join([surname, *given]).lower()).strip("-")
    pid, n = base, 2
    while person_rows.id_taken(conn, pid):
        pid, n = f"{base}-{n}", n + 1
    person_rows.add_person(conn, pid, name)
    person_rows.add_name(conn, pid, name, "Latn", "ala-lc", key)
    person_rows.add_name(conn, pid, surname, "Latn", "ala-lc", key)
    return pid


def same_person(
    surname: str, given: list[str], candidates: list[tuple[str, list[str]]]
) -> str | None:
    """The first candidate (id, name forms) a curated name with these given names or
    initials is: a person known only by the surname is the same person; a different first
    name is not."""
    for pid, forms in candidates:
        if (
            not given
            or any(all(g in form for g in given) for form in forms)
            or all(form == surname for form in forms)
        ):
            return pid
    return None


class Signer(Protocol):
    """A signer of an archival list (imena.lists.persons.SignerName)."""

    surname: str
    key: str
    cyrillic: str
    display: str
    latin_surname: str
    latin_name: str

    def forms(self) -> list[tuple[str, str, str]]: ...


#: imena.names genders -> the persons.gender values the extraction writes.
_GENDERS = {"masc": "m", "femn": "f"}


def _agrees(name: Signer, texts: list[str]) -> bool:
    mine = parse_name(name.cyrillic)
    for text in texts:
        theirs = parse_name(text)
        # A form without our surname ("Ivan" for Ezhov's brother) is read as "Ivan Ezhov".
        if theirs.surname_key != mine.surname_key:
            theirs = parse_name(f"{text} {name.latin_surname}")
            if theirs.surname_key != mine.surname_key:
                continue
        if not compatible(mine, theirs):
            return False
    return True


def person_for_signer(conn: Any, name: Signer) -> str:
    """The person behind a signer: of the persons with the signer's surname key whose every
    name agrees with the signer's, the one named in most events; else a new person (with
    ``cyrillic`` set).  Either way the person gets the signer's forms."""
    candidates: list[tuple[int, str]] = []
    for person_id, person_name in person_rows.named_with_key(conn, name.key):
        if _agrees(name, [person_name, *person_rows.forms_of(conn, person_id)]):
            candidates.append((-person_rows.event_count(conn, person_id), person_id))
    if candidates:
        person_id = min(candidates)[1]
        person_rows.set_cyrillic_if_missing(conn, person_id, name.cyrillic)
    else:
        base = _slug(name.latin_name) or "person"
        person_id, n = base, 2
        while person_rows.id_taken(conn, person_id):
            person_id, n = f"{base}-{n}", n + 1
        gender = _GENDERS.get(parse_name(name.cyrillic).gender)
        person_rows.add_person(conn, person_id, name.display, gender, name.cyrillic)
    for form, script, system in name.forms():
        person_rows.add_name(conn, person_id, form, script, system, name.key)
    return person_id
