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
from imena.extract.events import EventMention, SentenceClaims, extract_sentence, find_bodies
from imena.extract.figures import FigureContext, FigureMention, find_figures
from imena.extract.offices import find_offices
from imena.extract.persons import Mention

#: Sentences longer than this are not parsed (the shape rules still read them): a parse of
#: a 100 KB "sentence" is slow and says nothing reliable.
MAX_PARSED_CHARS = 3000
#: Sentences from which parsing is shared among the machine's cores.  The worker processes
#: are forked with the model already loaded, so even a chapter gains.
PARALLEL_FROM = 120


#: Sentences are parsed several to a document: each document crosses the process
#: boundary once, and its fixed costs are paid once, not per sentence.
CHUNK_CHARS = 8000


def _chunks(sentences: list[str]) -> list[tuple[str, list[tuple[int, int]], list[int]]]:
    """Consecutive sentences joined into texts of about ``CHUNK_CHARS``: each text, the
    sentences' spans in it, and their indexes (sentences too long to parse are left out)."""
    out: list[tuple[str, list[tuple[int, int]], list[int]]] = []
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    indexes: list[int] = []
    size = 0
    for index, sentence in enumerate(sentences):
        if len(sentence) > MAX_PARSED_CHARS or not sentence.strip():
            continue
        if size and size + len(sentence) > CHUNK_CHARS:
            out.append(("\n".join(parts), spans, indexes))
            parts, spans, indexes, size = [], [], [], 0
        spans.append((size, size + len(sentence)))
        parts.append(sentence)
        indexes.append(index)
        size += len(sentence) + 1
    if parts:
        out.append(("\n".join(parts), spans, indexes))
    return out


def _with_sentences(pipeline: Any, text: str, spans: list[tuple[int, int]]) -> Any:
    """``text`` tokenised, with our sentence boundaries fixed before the parser runs (so no
    arc crosses them)."""
    doc = pipeline.make_doc(text)
    starts = {start for start, _ in spans}
    for token in doc:
        token.is_sent_start = token.idx in starts or token.i == 0
    return doc


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
        chunks = _chunks(sentences)
        workers = min(os.cpu_count() or 1, 4) if len(sentences) > PARALLEL_FROM else 1
        # Batches small enough that every worker gets several of them.
        batch = max(4, min(64, len(chunks) // (workers * 4) or 1))
        docs = pipeline.pipe(
            (_with_sentences(pipeline, text, starts) for text, starts, _ in chunks),
            batch_size=batch,
            n_process=workers,
            disable=list(nlp.SKIPPED),
        )
        analyses: list[Any] = [None] * len(sentences)
        for doc, (_, starts, indexes) in zip(docs, chunks, strict=True):
            for (start, end), index in zip(starts, indexes, strict=True):
                analyses[index] = doc.char_span(start, end, alignment_mode="expand")
        return analyses, nlp.describe(pipeline)

    def document(self, analyses: Iterable[Any]) -> DocumentTyping:
        docs = {id(a.doc): a.doc for a in analyses if a is not None}
        return DocumentTyping.of(docs.values())

    def entities(self, analysis: Any, document: DocumentTyping) -> SentenceEntities | None:
        return SentenceEntities(analysis, document) if analysis is not None else None

    def find_dates(self, sentence: str, context: DateContext) -> list[DateMention]:
        return find_dates(sentence, context)

    def shape_claims(
        self,
        sentence: str,
        mentions: list[Mention],
        dates: list[DateMention],
        genders: dict[int, str | None],
    ) -> SentenceClaims:
        return extract_sentence(sentence, mentions, dates, find_offices(sentence), genders)

    def figure_context(self) -> FigureContext:
        return FigureContext()

    def find_figures(self, sentence: str, context: FigureContext) -> list[FigureMention]:
        return find_figures(sentence, context)

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
