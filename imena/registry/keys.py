"""Search keys for the names in registry records: the injected name key, initials, splitting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

KeyFunction = Callable[[str], str]

# An initial is one letter, or up to four letters closed by a full stop ("Н.", "Ia.",
# "Shch.", "Ал."): its key ends with INITIAL_MARK so that it is compared as a prefix.
INITIAL_MARK = "."
_INITIAL = re.compile(r"^(?:[^\W\d_]|[^\W\d_]{1,4}\.)$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_KEY = re.compile(r"[^a-z\- ]")

# -- FALLBACK KEY --------------------------------------------------------------------------
# Used only until imena.names exports ``name_key`` (being written in parallel). It is
# deliberately simple: Cyrillic romanised by iuliia's Wikipedia scheme, case folded,
# diacritics and soft signs dropped, and the few folds that make the common English
# romanisations meet (Ежов = Yezhov = Ezhov, Хрущёв = Khrushchev = Khrushchyov).
FALLBACK_SCHEME = "fallback-iuliia-1"
_FALLBACK_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("['’ʹʼ`]"), ""),
    (re.compile("kh"), "h"),
    (re.compile("[jy]"), "i"),
    # ё is yo/io in some systems and e in ALA-LC and passports; a glide before e is
    # written by Wikipedia/BGN (Yezhov, Dmitriyev) and not by ALA-LC (Ezhov, Dmitriev).
    (re.compile("i+[oe]"), "e"),
    (re.compile("i+"), "i"),
)


@lru_cache(maxsize=500_000)
def fallback_name_key(text: str) -> str:
    """FALLBACK name key (casefold + iuliia transliteration); see the note above."""
    words = []
    for word in text.split():
        if _CYRILLIC.search(word):
            word = _wikipedia().translate(word)
        word = unicodedata.normalize("NFKD", word.casefold())
        word = "".join(ch for ch in word if not unicodedata.combining(ch))
        for pattern, replacement in _FALLBACK_FOLDS:
            word = pattern.sub(replacement, word)
        word = _NON_KEY.sub("", word).strip("-")
        if word:
            words.append(word)
    return " ".join(words)


@lru_cache(maxsize=1)
def _wikipedia():  # type: ignore[no-untyped-def]
    import iuliia

    return iuliia.WIKIPEDIA


# -- END OF FALLBACK KEY -------------------------------------------------------------------


def current_key_function() -> tuple[str, KeyFunction]:
    """The name key in force and its scheme id: imena.names when it exists, else the fallback.

    Imported lazily so that the registry works before (and without) the names stage; the
    scheme id is stored with every registry, because keys made by one function cannot be
    searched with another (``rekey`` rebuilds them).
    """
    try:
        from imena.names import name_key  # type: ignore[attr-defined]
    except ImportError:
        return FALLBACK_SCHEME, fallback_name_key
    import imena.names

    return f"names-{getattr(imena.names, 'KEY_VERSION', '1')}", name_key


def is_initial(token: str) -> bool:
    """ "Н.", "N", "Ia.", "Ал." are initials; "Ли" and "Ян" are names."""
    return bool(_INITIAL.match(token))


def part_key(text: str | None, key: KeyFunction) -> str:
    """The key of one part of a name (surname, name or patronymic); '' when missing.

    A part written as initials keeps each initial's key with the INITIAL_MARK ("Н." →
    "n."), so that it matches any full name beginning with that key.
    """
    if not text:
        return ""
    tokens = text.replace('"', " ").split()
    if tokens and is_initial(tokens[0]):
        return key(tokens[0].rstrip(".")) + INITIAL_MARK
    return key(" ".join(tokens))


def skeleton(surname_key: str) -> str:
    """The consonants of a key: archival vowel swaps (и/е, о/а) leave it unchanged."""
    return re.sub(r"[aeiouy\- ]", "", surname_key)


class NameParts(NamedTuple):
    """A name divided into surname, given name and patronymic, each as written or None."""

    surname: str | None
    name: str | None
    patronymic: str | None


_TOKEN_WITH_VARIANT = re.compile(r"(?P<word>[^\s()]+)(?:\s*\((?P<variant>[^()]*)\))?")


def split_full_name(text: str) -> tuple[NameParts, list[NameParts]]:
    """Split "Лисицын (Лисицин) Иван Алексеевич" into the name and its written variants.

    Lists write surname, name, patronymic in that order; a word in parentheses is another
    spelling (or an alias) of the word before it, and becomes a variant of the whole name.
    """
    words: list[str] = []
    variants: list[tuple[int, str]] = []
    for match in _TOKEN_WITH_VARIANT.finditer(text.replace('"', " ")):
        words.append(match["word"])
        if match["variant"] and match["variant"].strip():
            variants.append((len(words) - 1, match["variant"].strip()))
    primary = _parts(words)
    alternatives = []
    for index, variant in variants:
        changed = list(words)
        changed[index] = variant
        alternatives.append(_parts(changed))
    return primary, alternatives


def _parts(words: list[str]) -> NameParts:
    return NameParts(
        surname=words[0] if words else None,
        name=words[1] if len(words) > 1 else None,
        patronymic=" ".join(words[2:]) or None,
    )


class NameKeys:
    """Keys of name parts, each made once: a few thousand names make most of a registry."""

    def __init__(self, key: KeyFunction):
        self.key = key
        self._cache: dict[str | None, str] = {}

    def part(self, text: str | None) -> str:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = part_key(text, self.key)
        return found

    def forms(self, names: list[NameParts]) -> set[tuple[str, str, str]]:
        """The distinct (surname, name, patronymic) keys of a record's spellings."""
        part = self.part
        return {(part(n.surname), part(n.name), part(n.patronymic)) for n in names}
