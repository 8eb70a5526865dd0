"""Sentence boundaries with character offsets, robust to initials and abbreviations.

Historical prose is dense with periods that end nothing: initials ("P. F. Bulakh",
"Ia. A. Deich" — romanised Russian initials are often two letters), "order No. 00447",
"et al.", "i.e.", Russian "г.", "т. е.", "ст. майор".  A period ends a sentence only
when what follows looks like a new sentence and what precedes it is not one of these.

Abbreviations come in three sorts, because they behave differently before a capital:

* *prefixes* ("No.", "Dr.", "cf.", "pp.", "ст.", "т. е.") always lead into more of the
  same sentence ("No. 00447", "Dr. Ivanov");
* *closers* ("etc.", "и т. д.", "и др.") end a list, and a capital after them starts a
  new sentence far more often than a name continues the old one;
* the *ambiguous* rest ("et al.", Russian "г." after a year, "ibid.") ends a sentence
  only when the next word is one that is capitalised only at a sentence start ("The",
  "He", "В", "Его"), not a name: "в 1937 г. Ежов подписал" is one sentence, "в 1940 г.
  Его жена" two.

``ends_unfinished`` gives the cleaner the same knowledge at a page end: "order No." or
"the chief, L. M." cut by a page break is not a finished sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-cased, without their final period.
_PREFIXES = frozenset(
    """
    no nos nr vol vols p pp ch chap fig figs cf e.g i.e viz vs dr mr mrs ms st gen col
    lt capt maj sgt prof rev ca c approx art arts para sec op ff
    т тт им ул с см стр рис напр проф акад нач зам отд ст мл тов ср гр
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_CLOSERS = frozenset({"etc"})
_AMBIGUOUS = frozenset(
    """
    al ibid jr sr ed eds trans dept univ jan feb mar apr jun jul aug sep sept oct nov dec
    г гг в вв д п др пр обл губ р-н кв корп тыс млн млрд руб чел коп
    """.split()  # noqa: SIM905
)
# Russian two-part abbreviations, by the text just before their last period.
_RU_PREFIX_PAIR = re.compile(r"(?:^|[\s(])т\.\s?[екн]$")  # т. е., т. к., т. н.
_RU_CLOSER_PAIR = re.compile(r"(?:^|[\s(])(?:т\.\s?[дп]|и\s(?:др|пр))$")  # и т. д., и др.
# Words capitalised only when they start a sentence (not names): after an ambiguous
# abbreviation they show that a new sentence has begun.
_SENTENCE_OPENERS = frozenset(
    """
    the a an he she it they we i you his her its their our this that these those there
    then thus but and or yet so however in on at by for from to of with under after
    before during since although though while when as only not no some many most all
    such each both one what who which why how if later soon
    в во на по с со к ко о об от до за из у при для без через после перед он она оно
    они его ее её их это этот эта эти тот та те так там тогда затем однако но и а же
    кроме всего все всё как когда если хотя поэтому только уже еще ещё не ни мы я вы
    """.split()  # noqa: SIM905
)
# Two-letter romanised initials (ALA-LC and others): Ia., Iu., Zh., Kh., Ts., Ch., Sh.
_DIGRAPH_INITIAL = re.compile(r"^(?:[A-Z][a-z]|Shch|[А-ЯЁ][а-яё])$")
_SHORT_WORDS = frozenset({"he", "it", "us", "we", "me", "so", "go", "do", "to", "он", "мы"})
_CANDIDATE = re.compile(r"(?:\.{3}|…|[.!?])(?:\s?\.)*[\"'”’»)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[]*(?P<c>\S)")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*(?P<w>\w+)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of its passage's text."""

    start: int
    end: int


def _abbreviation(text: str, period: int) -> str | None:
    """What the word ending at ``text[period] == "."`` is, if it is not an ordinary word.

    Returns ``"prefix"`` (initials included), ``"closer"``, ``"ambiguous"`` or None.
    """
    head = text[max(0, period - 40) : period]
    if _RU_PREFIX_PAIR.search(head):
        return "prefix"
    if _RU_CLOSER_PAIR.search(head):
        return "closer"
    before = _WORD_BEFORE.search(head)
    word = before.group(1).rstrip(".") if before else ""
    bare = word.split(".")[-1] if "." in word and len(word) > 3 else word
    if len(bare) == 1 and bare.isupper():
        return "prefix"  # an initial: "P. F. Bulakh"
    lowered = word.lower()
    for candidate in (lowered, lowered.rstrip(".")):
        if candidate in _PREFIXES:
            return "prefix"
        if candidate in _CLOSERS:
            return "closer"
        if candidate in _AMBIGUOUS:
            return "ambiguous"
    if _DIGRAPH_INITIAL.match(bare) and bare.lower() not in _SHORT_WORDS:
        # "Ia. A. Deich": a two-letter capitalised token is an initial unless it is an
        # ordinary short word ("He.", "It." are rare at a sentence end, but words).
        return "prefix"
    return None


def ends_unfinished(text: str) -> bool:
    """Does ``text`` end with an abbreviation or initial that needs what follows?

    "as order No." and "the chief, L. M." are cut sentences; "shot in 1938 г." and
    "et al." may end a sentence, so they do not count.
    """
    stripped = text.rstrip()
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    return _abbreviation(stripped, len(stripped) - 1) == "prefix"


def _ends_sentence(text: str, mstart: int, end: int, mark: str) -> bool:
    nxt = _NEXT_START.match(text, end)
    if not nxt:
        return True
    first = nxt.group("c")
    if first.islower():
        return False
    if mark != ".":
        # "!", "?", an ellipsis, or a closing quote after the period (quoted speech that
        # ends: "No." he said) end the sentence before anything not lower-case.
        return True
    kind = _abbreviation(text, mstart)
    if kind == "prefix":
        return False
    if kind == "closer":
        return first.isupper()
    if kind == "ambiguous":
        word = _NEXT_WORD.match(text, end)
        return bool(word) and word.group("w").lower() in _SENTENCE_OPENERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split a passage's text into sentences; spans cover the text without gaps' spaces."""
    spans: list[Sentence] = []
    start = 0
    length = len(text)
    while start < length and text[start].isspace():
        start += 1
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end <= start:
            continue
        if _ends_sentence(text, match.start(), end, match.group(0)):
            spans.append(Sentence(start, end))
            start = end
            while start < length and text[start].isspace():
                start += 1
    tail = text[start:].rstrip()
    if tail:
        spans.append(Sentence(start, start + len(tail)))
    return spans
