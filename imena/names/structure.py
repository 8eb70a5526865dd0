"""Personal names as structures: surname, first name, patronymic, initials, gender, script."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from imena.names.key import name_tokens, word_key
from imena.names.morphology import normalise_case

_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
# One initial: a capital and up to three lower-case letters, then a full stop. Ia., Yu., Zh.,
# Shch. are one Cyrillic letter each (Я, Ю, Ж, Щ).
_INITIAL = re.compile(r"([A-ZА-ЯЁ][a-zа-яё]{0,3})\.")
_INITIALS_ONLY = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]{0,3}\.\s*)+$")
# Latin spellings of one Cyrillic letter that an initial may use.
_LATIN_LETTER_SPELLINGS = {
    "ia", "ya", "ja", "iu", "yu", "ju", "io", "yo", "jo", "ie", "ye", "je", "zh", "kh",
    "ts", "tz", "ch", "sh", "sch", "shch", "tch", "tsch",
}  # fmt: skip

_PATRONYMIC_CYRILLIC = re.compile(r"(?:[ое]в(?:ич|на)|ич(?:на)?|инична|[ое]вн[аы])$")
_PATRONYMIC_LATIN = re.compile(
    r"(?:[oe]vich|[oe]witsch|[oe]wicz|[oe]vitch|ich|itch|itsch|[oe]vna|[oe]wna|ichna|inichna)$"
)
# In "Iakov Deich" the second word ends like a patronymic (-ich) but is a surname: with two
# words only the unmistakable patronymic endings count.
_LONG_PATRONYMIC = re.compile(
    r"(?:[ое]вич|[ое]вна|ична|[oe]vich|[oe]vitch|[oe]witsch|[oe]wicz|[oe]vna|[oe]wna|ichna)$"
)
_FEMININE_PATRONYMIC = re.compile(r"(?:вна|чна|vna|wna|chna)$")
# Surname endings that say the bearer is a woman: -ова -ева -ина -ая -ская (Latin forms too).
_FEMININE_SURNAME = re.compile(
    r"(?:[оеё]ва|[иы]на|ая|яя|ova|eva|owa|ewa|ina|yna|aia|aya|aja|aïa)$", re.IGNORECASE
)
_MASCULINE_SURNAME = re.compile(
    r"(?:[оеё]в|[иы]н|ий|ый|ой|ov|ev|ow|ew|off|in|yn|ii|iy|ij|y|yi|yj|ski|sky)$", re.IGNORECASE
)


@dataclass(frozen=True)
class PersonName:
    """A parsed personal name. Missing parts are empty strings; initials are kept as written.

    ``initials`` holds the initials of the first name and the patronymic, in that order,
    when the text gives only initials ("N. I. Ezhov" → ("N", "I")).
    """

    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    initials: tuple[str, ...] = field(default=())
    gender: str | None = None  # "masc", "femn" or None
    script: str = "Latn"  # "Latn" or "Cyrl"

    @property
    def given(self) -> tuple[str, str]:
        """First name and patronymic, each in full or as its initial with a full stop ("N.")."""
        initials = [f"{i}." for i in self.initials] + ["", ""]
        return (self.first_name or initials[0], self.patronymic or initials[1])

    @property
    def surname_key(self) -> str:
        return word_key(self.surname)

    def display(self) -> str:
        given = [self.first_name or "", self.patronymic or ""]
        if not self.first_name and self.initials:
            given = [f"{initial}." for initial in self.initials]
        return " ".join(part for part in [*given, self.surname] if part)


def _is_patronymic(token: str) -> bool:
    lowered = token.lower()
    if len(lowered) < 5:
        return False
    if _CYRILLIC.search(token):
        return bool(_PATRONYMIC_CYRILLIC.search(lowered))
    return bool(_PATRONYMIC_LATIN.search(lowered))


def _is_initial_token(token: str) -> bool:
    """True for "N.", "Ia.", "Shch.": a capital plus at most one Cyrillic letter's spelling."""
    match = _INITIAL.fullmatch(token)
    if match is None:
        return False
    letters = match.group(1).lower()
    return len(letters) == 1 or (
        _CYRILLIC.search(letters) is None and (letters in _LATIN_LETTER_SPELLINGS)
    )


def _split_initials(text: str) -> list[str]:
    return [m.group(1) for m in _INITIAL.finditer(text)]


def _is_known_first_name(token: str) -> bool:
    """Whether a Cyrillic token reads as a first name before any other reading."""
    if not _CYRILLIC.search(token):
        return False
    readings = normalise_case(token)
    return any(r.kind == "first_name" for r in readings) and not any(
        r.kind == "surname" and r.score > 0.5 for r in readings
    )


def _gender(surname: str, first_name: str, patronymic: str) -> str | None:
    if patronymic:
        return "femn" if _FEMININE_PATRONYMIC.search(patronymic.lower()) else "masc"
    if first_name and _CYRILLIC.search(first_name):
        for reading in normalise_case(first_name):
            if reading.kind == "first_name" and reading.gender:
                return reading.gender
    last = surname.split("-")[-1]
    if _FEMININE_SURNAME.search(last):
        return "femn"
    if _MASCULINE_SURNAME.search(last):
        return "masc"
    return None


def person_name(surname: str, first_name: str = "", patronymic: str = "") -> PersonName:
    """A PersonName from separate fields, as registries give them; gender and script inferred."""
    surname, first_name, patronymic = surname.strip(), first_name.strip(), patronymic.strip()
    text = f"{surname}{first_name}{patronymic}"
    return PersonName(
        surname=surname,
        first_name=first_name,
        patronymic=patronymic,
        gender=_gender(surname, first_name, patronymic),
        script="Cyrl" if _CYRILLIC.search(text) else "Latn",
    )


@lru_cache(maxsize=50_000)
def parse_name(text: str) -> PersonName:
    """Parse a personal name in any usual order.

    Handles "Ежов Николай Иванович" (registry order), "Николай Иванович Ежов", "N. I. Ezhov",
    "Ia. A. Deich" (Ia. is one initial, Я), "Ezhov, N.I.", "Ezhov N. I." and double surnames
    ("Браун-Домбровский"). With two full words and no other clue the last is taken as the
    surname ("Nikolai Ezhov"), except in Cyrillic when the first is not a first name and the
    second is (Ежов Николай).
    """
    text = " ".join(text.split())
    script = "Cyrl" if _CYRILLIC.search(text) else "Latn"
    if "," in text:
        head, _, tail = text.partition(",")
        surname = " ".join(name_tokens(head))
        rest = tail.strip()
        if _INITIALS_ONLY.match(rest):
            initials = tuple(_split_initials(rest))
            return PersonName(
                surname=surname,
                initials=initials,
                gender=_gender(surname, "", ""),
                script=script,
            )
        words = name_tokens(rest)
        first = words[0] if words else ""
        patronymic = words[1] if len(words) > 1 else ""
        return PersonName(
            surname, first, patronymic, (), _gender(surname, first, patronymic), script
        )

    raw_tokens = text.split(" ")
    initials: list[str] = []
    words: list[str] = []
    initials_before_words = False
    for token in raw_tokens:
        if _INITIALS_ONLY.match(token) and all(
            _is_initial_token(f"{i}.") for i in _split_initials(token)
        ):
            if not words:
                initials_before_words = True
            initials.extend(_split_initials(token))
        else:
            words.extend(name_tokens(token))

    if initials:
        surname = " ".join(words)
        if not initials_before_words and len(words) > 1:
            surname = words[0]
        return PersonName(
            surname=surname,
            initials=tuple(initials),
            gender=_gender(surname, "", ""),
            script=script,
        )

    surname = first = patronymic = ""
    if len(words) == 1:
        surname = words[0]
    elif len(words) >= 3:
        if _is_patronymic(words[-1]) and not _is_patronymic(words[1]):
            surname, first, patronymic = words[0], words[1], words[-1]
        elif _is_patronymic(words[1]):
            first, patronymic, surname = words[0], words[1], " ".join(words[2:])
        elif _is_patronymic(words[2]):
            surname, first, patronymic = words[0], words[1], words[2]
        else:
            first, surname = " ".join(words[:-1]), words[-1]
    elif len(words) == 2:
        a, b = words
        if _LONG_PATRONYMIC.search(b.lower()):
            first, patronymic = a, b
        elif _is_known_first_name(b) and not _is_known_first_name(a):
            surname, first = a, b
        else:
            first, surname = a, b
    return PersonName(surname, first, patronymic, (), _gender(surname, first, patronymic), script)


def _looks_like_initial(text: str) -> bool:
    # Initials reach here with their full stop ("N.", "Ia."); a bare single letter is one too.
    # Two-letter given names (Дэ, Ли in East Asian names) are names, not initials.
    return text.endswith(".") or len(text) == 1


def settled_agreement(a: str, b: str) -> tuple[bool, float | None]:
    """The cases every comparison of given names settles the same way, as ``(settled, value)``.

    A missing name gives None; one name however spelled (equal keys) 1.0; an initial agrees
    fully with any name whose key starts with the initial's key (N. ~ Nikolai, Ia. ~ Iakov,
    Я. ~ Iakov) and not at all otherwise.  ``(False, None)`` leaves the rest to the caller.
    """
    if not a or not b:
        return True, None
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return True, None
    if ka == kb:
        return True, 1.0
    if _looks_like_initial(a) or _looks_like_initial(b):
        short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
        return True, 1.0 if long.startswith(short) else 0.0
    return False, None


def given_name_agreement(a: str, b: str) -> float | None:
    """How well two first names (or patronymics, or their initials) agree, 0..1.

    The settled cases as ``settled_agreement`` says; two full names agree by the
    Jaro-Winkler similarity of their keys.
    """
    settled, value = settled_agreement(a, b)
    if settled:
        return value
    return JaroWinkler.similarity(word_key(a), word_key(b))


def compatible(a: PersonName | str, b: PersonName | str) -> bool:
    """Whether two names can belong to one person.

    N. I. Ezhov ~ Nikolai Ivanovich Ezhov ~ Ежов Николай Иванович; not ~ Ivan Ezhov (first
    names differ), not ~ Ezhova (a woman). Surnames must have one key; known first names and
    patronymics (or their initials) must agree; genders, when both known, must match.
    """
    a = parse_name(a) if isinstance(a, str) else a
    b = parse_name(b) if isinstance(b, str) else b
    if not a.surname or not b.surname or a.surname_key != b.surname_key:
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    for x, y in zip(a.given, b.given, strict=True):
        agreement = given_name_agreement(x, y)
        if agreement is not None and agreement < 0.9:
            return False
    return True
