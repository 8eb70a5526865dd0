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

from dataclasses import dataclass
from typing import Any

from imena.identity import person_for_signer
from imena.lists.signers import IDENTITIES, initial, romanise
from imena.names import name_key


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
        return name_key(self.surname)

    @property
    def latin_surname(self) -> str:
        return romanise(self.surname)

    @property
    def latin_name(self) -> str:
        """Surname and first name romanised, for a new person's id ("tsesarskii vladimir")."""
        return " ".join(romanise(p) for p in (self.surname, self.first) if p)

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


def resolve_signer(conn: Any, name: SignerName) -> str:
    """The id of the person behind a signer (decided in :func:`imena.identity.person_for_signer`),
    created if no person of the database agrees; ``conn`` is the import's transaction."""
    return person_for_signer(conn, name)
