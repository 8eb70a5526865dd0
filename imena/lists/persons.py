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
import sqlite3
from dataclasses import dataclass

from imena.extract.persons import surname_key
from imena.lists.signers import IDENTITIES, initial, romanise
from imena.names import compatible, parse_name

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


def resolve_signer(conn: sqlite3.Connection, name: SignerName) -> str:
    """The id of the person behind a signer, created if no person of the database agrees."""
    candidates: list[tuple[int, str]] = []
    for row in conn.execute(
        "SELECT DISTINCT p.id, p.name FROM persons p JOIN names n ON n.person_id = p.id "
        "WHERE n.key = ? AND p.merged_into IS NULL ORDER BY p.id",
        (name.key,),
    ):
        forms = [
            r[0] for r in conn.execute("SELECT form FROM names WHERE person_id = ?", (row[0],))
        ]
        if _agrees(name, [row[1], *forms]):
            mentions = conn.execute(
                "SELECT count(*) FROM participants WHERE kind = 'person' AND entity_id = ?",
                (row[0],),
            ).fetchone()[0]
            candidates.append((-mentions, row[0]))
    if candidates:
        person_id = min(candidates)[1]
        conn.execute(
            "UPDATE persons SET cyrillic = ? WHERE id = ? AND cyrillic IS NULL",
            (name.cyrillic, person_id),
        )
    else:
        base = _slug(" ".join(romanise(p) for p in (name.surname, name.first) if p)) or "person"
        person_id, n = base, 2
        while conn.execute("SELECT 1 FROM persons WHERE id = ?", (person_id,)).fetchone():
            person_id, n = f"{base}-{n}", n + 1
        conn.execute(
            "INSERT INTO persons (id, name, cyrillic, gender) VALUES (?, ?, ?, ?)",
            (
                person_id,
                name.display,
                name.cyrillic,
                _GENDERS.get(parse_name(name.cyrillic).gender),
            ),
        )
    for form, script, system in name.forms():
        conn.execute(
            "INSERT OR IGNORE INTO names (person_id, form, script, system, key) "
            "VALUES (?, ?, ?, ?, ?)",
            (person_id, form, script, system, name.key),
        )
    return person_id
