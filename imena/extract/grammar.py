"""The seam between the extraction pipeline and one language's grammar.

``collect`` (``extract/pipeline.py``) reads a source passage by passage and asks the
grammar of each passage's language for what it needs: an analysis of every sentence (read
in one batch, so a statistical pipeline runs efficiently), the typed names of a sentence,
and the events its syntax states.  Dates, figures, offices and the shape rules are
reached through the same object (persons of a document are resolved by the shared
``extract/persons.py``, fed the grammar's typed names), so a language is added by writing
its package
(``extract/en/`` today; ``extract/ru/`` next) and naming it in ``GRAMMARS`` — nothing
else changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from imena.extract.dates import DateContext, DateMention
from imena.extract.events import EventMention, SentenceClaims
from imena.extract.persons import EntityTyping, Mention


class Grammar(Protocol):
    """What the pipeline asks of one language."""

    #: ISO 639-1 code of the language.
    language: str

    def analyse(self, sentences: list[str]) -> tuple[list[Any], str]:
        """An analysis per sentence (None where it was not analysed), and the method name
        of the statistical pipeline used ("" when none)."""
        ...

    def document(self, analyses: Iterable[Any]) -> Any:
        """What the whole document says about its names (read before any sentence)."""
        ...

    def entities(self, analysis: Any, document: Any) -> EntityTyping | None:
        """The typed names of one analysed sentence."""
        ...

    def find_dates(self, sentence: str, context: DateContext) -> list[DateMention]: ...

    def shape_claims(
        self,
        sentence: str,
        mentions: list[Mention],
        dates: list[DateMention],
        genders: dict[int, str | None],
    ) -> SentenceClaims:
        """Events, office terms and relations the language's shape rules read."""
        ...

    def figure_context(self) -> Any:
        """A new paragraph's running state for figures."""
        ...

    def find_figures(self, sentence: str, context: Any) -> list[Any]:
        """The figures of one sentence."""
        ...

    def coreference(
        self,
        analysis: Any,
        sentence: str,
        mentions: list[Mention],
        entities: EntityTyping | None,
        genders: dict[int, str | None],
    ) -> list[Mention]:
        """The mentions with pronouns re-bound where the syntax says otherwise."""
        ...

    def events(
        self,
        analysis: Any,
        sentence: str,
        mentions: list[Mention],
        dates: list[DateMention],
        entities: EntityTyping,
    ) -> tuple[list[EventMention], list[tuple[int, int, str]], int | None]:
        """Events the syntax states; spans of triggers it refutes for the shape rules
        (``unreal``: negated, modal, planned; ``impersonal``: what happened to a common
        noun, "people were shot"); the person who is the main clause's subject (the next
        pronoun's likely referent)."""
        ...


def _english(model: str | None) -> Grammar:
    from imena.extract.en import EnglishGrammar

    return EnglishGrammar(model)


#: Grammars by language code, each made with the statistical model asked for (None: the
#: language's default), built on first use (a model loads only then).
GRAMMARS: dict[str, Callable[[str | None], Grammar]] = {"en": _english}

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def passage_language(text: str, declared: str | None = None) -> str:
    """The language of a passage: its script decides (a Russian quotation inside an
    English book is Russian), else what the source declares, else English."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic > latin:
        return "ru"
    if declared and declared[:2].lower() in GRAMMARS and latin:
        return declared[:2].lower()
    return "en"


def grammar_for(language: str, model: str | None = None) -> Grammar | None:
    """The grammar of ``language``, or None when imena has none for it yet."""
    make = GRAMMARS.get(language)
    return make(model) if make is not None else None
