"""The signers of Stalin's lists as persons: one person per official, across scripts and sources.

A signer is matched to a person already in the database (from the chapter, say) when a
name of that person has the signer's surname key (``names.key``, the key of
:func:`imena.extract.persons.surname_key`) and every name of that person agrees with the
signer's name (:func:`imena.names.compatible`: "Ежов Николай Иванович" agrees with
"Nikolai Ezhov" and "Ezhov", not with "Ivan Ezhov").  Otherwise a person is created,
with ``cyrillic`` set.  Either way the person gets the names the lists give (the surname
as signed) and those of the identification (:data:`imena.lists.signers.IDENTITIES`):
the full Cyrillic name and its ALA-LC romanisations with initials ("V. E. Tsesarskii")
and with the first name ("Vladimir Tsesarskii"), so that the chapter's extraction finds
the same person when it is ingested after the lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from imena.extract.persons import surname_key
from imena.lists.signers import IDENTITIES, initial, romanise
from imena.names import compatible, parse_name
from imena.store import lists as db_lists

# imena.names genders -> the persons.gender values the extraction writes.
_GENDERS = {"masc": "m", "femn": "f"}


@dataclass(frozen=True)
class SignerName:
    """A signer's name: the surname as signed and, where identified, given names."""

    surname: str
    first: str = ""
    patronymic: str = ""

    @classmethod
    def of(cls, surname: str) -> SignerName:
        first, patronymic = IDENTITIES.get(surname, ("", ""))
        return cls(surname, first, patronymic)

    @property
    def key(self) -> str:
        return surname_key(self.surname)

    @property
    def cyrillic(self) -> str:
        """Russian order, as reference works print it: "Цесарский Владимир Ефимович"."""
        return " ".join(p for p in (self.surname, self.first, self.patronymic) if p)

    @property
    def display(self) -> str:
        """The name as English scholarship prints it: "V. E. Tsesarskii", or the surname."""
        initials = " ".join(initial(p) for p in (self.first, self.patronymic) if p)
        return f"{initials} {romanise(self.surname)}".strip()

    def forms(self) -> list[tuple[str, str, str]]:
        """(form, script, system) of every name the person gets from the lists."""
        out = [(self.surname, "Cyrl", "cyrillic")]
        if self.first:
            out.append((self.cyrillic, "Cyrl", "cyrillic"))
            out.append((self.display, "Latn", "ala-lc"))
            out.append((f"{romanise(self.first)} {romanise(self.surname)}", "Latn", "ala-lc"))
        return out


def _agrees(name: SignerName, texts: list[str]) -> bool:
    mine = parse_name(name.cyrillic)
    for text in texts:
        theirs = parse_name(text)
        # A form without our surname ("Ivan" for Ezhov's brother) is read as "Ivan Ezhov".
        if theirs.surname_key != mine.surname_key:
            theirs = parse_name(f"{text} {romanise(name.surname)}")
            if theirs.surname_key != mine.surname_key:
                continue
        if not compatible(mine, theirs):
            return False
    return True


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def resolve_signer(conn: Any, name: SignerName) -> str:
    """The id of the person behind a signer, created if no person of the database agrees.

    ``conn`` is the connection of the import's transaction; what is read and written goes
    through :mod:`imena.store.lists`, the choice of the person is made here.
    """
    candidates: list[tuple[int, str]] = []
    for person_id, person_name in db_lists.persons_with_key(conn, name.key):
        if _agrees(name, [person_name, *db_lists.name_forms(conn, person_id)]):
            candidates.append((-db_lists.person_mentions(conn, person_id), person_id))
    if candidates:
        person_id = min(candidates)[1]
        db_lists.set_cyrillic_if_missing(conn, person_id, name.cyrillic)
    else:
        base = _slug(" ".join(romanise(p) for p in (name.surname, name.first) if p)) or "person"
        person_id, n = base, 2
        while db_lists.person_exists(conn, person_id):
            person_id, n = f"{base}-{n}", n + 1
        db_lists.add_person(
            conn,
            person_id,
            name.display,
            name.cyrillic,
            _GENDERS.get(parse_name(name.cyrillic).gender),
        )
    db_lists.add_names(conn, person_id, name.forms(), name.key)
    return person_id
