"""The English grammar: spaCy's pipeline for syntax and names, our rules for the domain.

``EnglishGrammar`` is what ``extract/grammar.py`` asks of a language: sentences are parsed
in one batch by the spaCy pipeline (``nlp.py``), names are typed over the whole document
(``entities.py``), events are read from the dependency parse (``events.py``); dates are
read by our own date grammar (``extract/dates.py``), which explains every reading.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from imena.extract.dates import DateContext, DateMention, find_dates
from imena.extract.en import nlp
from imena.extract.en.entities import DocumentTyping, SentenceEntities
from imena.extract.en.events import ParsedSentence
from imena.extract.events import EventMention, find_bodies
from imena.extract.persons import Mention

#: Sentences longer than this are not parsed (the shape rules still read them): a parse of
#: a 100 KB "sentence" is slow and says nothing reliable.
MAX_PARSED_CHARS = 3000
#: Sentences from which parsing is shared among the machine's cores.  The worker processes
#: are forked with the model already loaded, so even a chapter gains.
PARALLEL_FROM = 120


class EnglishGrammar:
    """English behind the grammar protocol."""

    language = "en"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def analyse(self, sentences: list[str]) -> tuple[list[Any], str]:
        if not sentences:
            return [], ""
        pipeline = nlp.load(nlp.model_name(self.model))
        nlp.prepare(pipeline)
        todo = [t if len(t) <= MAX_PARSED_CHARS else "" for t in sentences]
        workers = min(os.cpu_count() or 1, 4) if len(todo) > PARALLEL_FROM else 1
        # Batches small enough that every worker gets several of them.
        batch = max(16, min(256, len(todo) // (workers * 4) or 1))
        docs = list(
            pipeline.pipe(todo, batch_size=batch, n_process=workers, disable=list(nlp.SKIPPED))
        )
        analyses = [d[:] if t else None for d, t in zip(docs, todo, strict=True)]
        return analyses, nlp.describe(pipeline)

    def document(self, analyses: Iterable[Any]) -> DocumentTyping:
        return DocumentTyping.of(a.doc for a in analyses if a is not None)

    def entities(self, analysis: Any, document: DocumentTyping) -> SentenceEntities | None:
        return SentenceEntities(analysis, document) if analysis is not None else None

    def find_dates(self, sentence: str, context: DateContext) -> list[DateMention]:
        return find_dates(sentence, context)

    def coreference(
        self,
        analysis: Any,
        sentence: str,
        mentions: list[Mention],
        entities: Any,
        genders: dict[int, str | None],
    ) -> list[Mention]:
        if analysis is None or entities is None:
            return mentions
        return ParsedSentence(analysis, mentions, [], entities, []).cataphora(genders)

    def events(
        self,
        analysis: Any,
        sentence: str,
        mentions: list[Mention],
        dates: list[DateMention],
        entities: Any,
    ) -> tuple[list[EventMention], list[tuple[int, int, str]], int | None]:
        if analysis is None or entities is None:
            return [], [], None
        parse = ParsedSentence(analysis, mentions, dates, entities, find_bodies(sentence))
        found = parse.events()
        refuted = [(s, e, "unreal") for s, e in parse.unreal_spans]
        refuted += [(s, e, "impersonal") for s, e in parse.impersonal_spans]
        return found, refuted, parse.subject_person()
