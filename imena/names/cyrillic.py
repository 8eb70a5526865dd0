"""Back to Cyrillic: the dictionary surnames a Latin spelling can stand for (Ezhov → Ежов)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from imena.names.key import word_key
from imena.names.morphology import analyzer

# Latin letter groups and the Cyrillic they can spell, across ALA-LC, BGN/PCGN, popular,
# scholarly, German, French and Polish habits. The search tries every reading and keeps the
# ones the dictionary has, so the table may over-generate.
_READINGS: dict[str, tuple[str, ...]] = {
    "shch": ("щ",), "schtsch": ("щ",), "chtch": ("щ",), "szcz": ("щ",), "shh": ("щ",),
    "tsch": ("ч",), "tch": ("ч",), "sch": ("щ", "ш", "ж", "сч"), "ch": ("ч", "х", "ш"),
    "kh": ("х",), "zh": ("ж",), "sh": ("ш",), "cz": ("ч", "ц"), "sz": ("ш",),
    "ts": ("ц", "тс"), "tz": ("ц",), "tc": ("ц",),
    "ya": ("я", "ья", "ъя"), "ia": ("я", "ия", "ья"), "ja": ("я", "ья", "жа"),
    "yu": ("ю", "ью"), "iu": ("ю", "ию", "ью"), "ju": ("ю", "ью"), "iou": ("ю",),
    "yo": ("ё", "ьо", "йо"), "io": ("ё", "ио", "ьо"), "jo": ("ё", "йо", "жо"),
    "ye": ("е", "ье", "ъе"), "ie": ("е", "ие", "ье"), "je": ("е", "ье", "же"),
    "yi": ("ый", "ий"), "iy": ("ий",), "ii": ("ий",), "ij": ("ий",), "yj": ("ый",),
    "ou": ("у",), "ff": ("в", "фф"), "ss": ("с", "сс"), "x": ("кс", "х"),
    "a": ("а",), "b": ("б",), "v": ("в",), "w": ("в",), "g": ("г",), "d": ("д",),
    "e": ("е", "э", "ё"), "z": ("з", "ц"), "i": ("и", "й", "ы", "ь"), "y": ("ы", "й", "ий"),
    "j": ("й", "ж"), "k": ("к",), "l": ("л", "ль"), "m": ("м",), "n": ("н", "нь"),
    "o": ("о",), "p": ("п",), "r": ("р", "рь"), "s": ("с", "з"), "t": ("т", "ть"),
    "u": ("у",), "f": ("ф",), "h": ("х",), "c": ("ц",), "'": ("ь", "ъ"),
}  # fmt: skip
_LONGEST = max(map(len, _READINGS))
_DIACRITICS = str.maketrans({
    "ž": "zh", "ż": "zh", "š": "sh", "č": "ch", "ŝ": "shch", "ë": "io", "ö": "io", "â": "ia",
    "û": "iu", "ĭ": "i", "ï": "i", "ł": "l", "ʹ": "'", "’": "'", "ʼ": "'", "`": "'", "ʺ": "'",
})  # fmt: skip
# The search stops after this many dictionary look-ups; long rare names stay answerable.
_MAX_STEPS = 60_000


def _normalise(latin: str) -> str:
    text = unicodedata.normalize("NFC", latin.strip().lower()).translate(_DIACRITICS)
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def _spell(latin: str) -> list[str]:
    """Cyrillic words in the dictionary that the Latin spelling can be read as."""
    words = analyzer().dictionary.words
    found: list[str] = []
    steps = 0
    stack: list[tuple[int, str]] = [(0, "")]
    while stack and steps < _MAX_STEPS:
        position, prefix = stack.pop()
        if position == len(latin):
            if prefix and prefix in words:
                found.append(prefix)
            continue
        for size in range(min(_LONGEST, len(latin) - position), 0, -1):
            chunk = latin[position : position + size]
            for cyrillic in _READINGS.get(chunk, ()):
                candidate = prefix + cyrillic
                steps += 1
                if words.has_keys_with_prefix(candidate):
                    stack.append((position + size, candidate))
    return found


def _greedy_spelling(latin: str) -> str:
    """One plain reading for names the dictionary lacks: longest letter group, first reading."""
    out, position = [], 0
    while position < len(latin):
        for size in range(min(_LONGEST, len(latin) - position), 0, -1):
            chunk = latin[position : position + size]
            if chunk in _READINGS:
                out.append(_READINGS[chunk][0])
                position += size
                break
        else:
            position += 1
    return "".join(out)


_FEMININE_ENDINGS = ("ая", "яя", "ова", "ева", "ёва", "ина", "ына")
_MASCULINE_ENDINGS = ("ий", "ый", "ой", "ов", "ев", "ёв", "ин", "ын")


def _gender_by_ending(word: str) -> str | None:
    if word.endswith(_FEMININE_ENDINGS):
        return "femn"
    if word.endswith(_MASCULINE_ENDINGS):
        return "masc"
    return None


def _gender_and_partner(word: str) -> tuple[str | None, str | None, float]:
    """The gender of a surname form, its other-gender form, and how surname-like the word is.

    1.0 for a dictionary surname, 0.95 for an adjective (Подольская), 0.6 for a noun that
    is also a surname (Ягода), 0.0 for anything else.
    """
    parses = analyzer().parse(word)
    for parse in parses:
        tag = parse.tag
        if tag.case != "nomn" or "plur" in tag.grammemes:
            continue
        is_surname = "Surn" in tag.grammemes
        if not is_surname and tag.POS != "ADJF":
            continue
        gender = tag.gender if tag.gender in {"masc", "femn"} else None
        if gender is None:
            continue
        other = "femn" if gender == "masc" else "masc"
        partner = parse.inflect({"nomn", "sing", other})
        return gender, partner.word if partner else None, 1.0 if is_surname else 0.95
    if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in parses):
        return None, None, 0.6
    return None, None, 0.0


@lru_cache(maxsize=20_000)
def cyrillic_candidates(latin: str) -> list[tuple[str, str | None, float]]:
    """Cyrillic surnames a Latin spelling may stand for, as (cyrillic, gender, score), best first.

    Podol'skaia → [("Подольская", "femn", 1.0), ("Подольский", "masc", 0.9)];
    Ezhov → [("Ежов", "masc", 1.0), ("Ежова", "femn", 0.9)]. Readings come from pymorphy3's
    dictionary (surnames, and adjective-like surnames it lists as adjectives); the score is
    the similarity of the romanisation keys (1.0 when equal), lowered a little for
    adjectives, nouns and the other-gender form. A name the dictionary lacks gets one plain
    reading scored at most 0.5.
    """
    text = _normalise(latin)
    if not text or not text.replace("'", "").replace("-", "").isalpha():
        return []
    key = word_key(latin)
    scored: dict[str, tuple[str | None, float]] = {}
    for word in _spell(text):
        gender, partner, surname_like = _gender_and_partner(word)
        if not surname_like:
            continue
        score = JaroWinkler.similarity(key, word_key(word)) * surname_like
        if score > scored.get(word, (None, 0.0))[1]:
            scored[word] = (gender, score)
        if gender and partner and partner not in scored:
            scored[partner] = ("femn" if gender == "masc" else "masc", score * 0.9)
    if not scored:
        # Not in the dictionary (Frinovskii): one plain reading, marked as a guess.
        guess = _greedy_spelling(text)
        if guess:
            scored[guess] = (
                _gender_by_ending(guess),
                0.5 * JaroWinkler.similarity(key, word_key(guess)),
            )
    ranked = sorted(scored.items(), key=lambda item: (-item[1][1], item[0]))
    return [(word.capitalize(), gender, round(score, 3)) for word, (gender, score) in ranked]
