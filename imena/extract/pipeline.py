"""Extraction over a stored source: passages in, cited claims out, written in one transaction.

Passages are read in order with one running date context and one set of document
persons; notes are read with a copy of the date context (a note's dates must not move
the running year of the text), quotations and captions are not read for claims (a
poem's "he" is not an event).  Each claim cites its sentence: the passage, the span,
the exact text, and the footnote labels that govern it (markers inside the sentence
and the next numbered marker after it in the paragraph).
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from imena.extract.dates import DateContext, DateValue, find_dates
from imena.extract.events import EventMention
from imena.extract.grammar import grammar_for, passage_language
from imena.extract.offices import office_id
from imena.extract.persons import DocumentPersons, Person
from imena.extract.vocabulary import KIN_RELATIONS
from imena.identity import person_for_mention
from imena.store.db import Store
from imena.store.writer import (
    CitationRow,
    ClaimWriter,
    EventRow,
    FigureRow,
    OfficeTermRow,
    RelationRow,
)

EXTRACTOR_VERSION = "0.3"
_BIBLIOGRAPHIC = re.compile(
    r"\((?:[^()]*:\s*)?[^()]*\b(?:1[89]|20)\d\d\)|\bIbid\b|\bop\. cit\b|\b(?:pp?|ch|chs|vol|"
    r"ed|eds|trans)\.\s|\b(?:f|op|d|l|ll)\.\s*\d+|^\s*See\b|\bUniversity Press\b"
)
METHOD = f"extracted:imena-{EXTRACTOR_VERSION}"


@dataclass
class Citation:
    source: str
    passage: str
    start: int
    end: int
    quote: str
    notes: list[str]
    page: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "notes": self.notes,
        }


@dataclass
class Collected:
    events: list[tuple[EventMention, Citation]] = field(default_factory=list)
    terms: list[tuple[Any, Citation]] = field(default_factory=list)
    relations: list[tuple[str, int, int, str, Citation]] = field(default_factory=list)
    figures: list[tuple[Any, Citation]] = field(default_factory=list)
    #: The statistical pipeline the claims were read with (``spacy-en_core_web_sm-3.8.0``).
    pipeline: str = ""


def governing_notes(markers: list[dict[str, Any]], start: int, end: int) -> list[str]:
    """Labels inside the sentence, then the next numbered marker at or after its end."""
    labels = [m["label"] for m in markers if start < m["offset"] < end]
    nxt = next((m["label"] for m in markers if m["offset"] >= end and m["label"] != "*"), None)
    if nxt is not None and nxt not in labels:
        labels.append(nxt)
    starred_at_end = [m["label"] for m in markers if m["offset"] == end and m["label"] == "*"]
    return labels + [s for s in starred_at_end if s not in labels]


#: The longest stretch of text read as one unit.  A "sentence" longer than this (a text
#: with no full stops, a list of thousands of names) is read clause by clause, each
#: clause cited on its own, so that every stage stays linear in the length of the text.
MAX_READ_CHARS = 2000


def reading_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence [start, end) of ``text``, cut at clause or word breaks if too long."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_READ_CHARS:
        limit = start + MAX_READ_CHARS
        cut = max(text.rfind(mark, start + MAX_READ_CHARS // 2, limit) for mark in ";,")
        if cut < 0:
            cut = text.rfind(" ", start + 1, limit)
        cut = cut + 1 if cut > start else limit
        spans.append((start, cut))
        while cut < end and text[cut].isspace():
            cut += 1
        start = cut
    if end > start:
        spans.append((start, end))
    return spans


def collect(
    store: Store, source_id: str, model: str | None = None
) -> tuple[DocumentPersons, Collected]:
    """Read a stored source and collect its claims (nothing is written).

    Each passage is read by the grammar of its language (``extract/grammar.py``); a
    passage in a language imena has no grammar for yet gives no claims.
    """
    persons = DocumentPersons()
    dates = DateContext()
    out = Collected()
    markers = store.markers_by_passage(source_id)
    declared = store.source_language(source_id)
    rows = [
        row
        for row in store.passages(source_id)
        if row["kind"] in ("paragraph", "note")
        # A note that cites literature ("Jansen and Petrov, Stalin's Loyal Executioner
        # (Stanford: ..., 2002)") names authors and titles, not actors of the history.
        and not (row["kind"] == "note" and _BIBLIOGRAPHIC.search(row["text"]))
    ]
    sentence_rows = store.sentence_rows(source_id)
    texts_by_id = {row["id"]: row["text"] for row in rows}
    by_passage: dict[str, list[tuple[int, int]]] = {}
    for row in sentence_rows:
        if row[0] in texts_by_id:
            by_passage.setdefault(row[0], []).extend(
                reading_spans(texts_by_id[row[0]], row[1], row[2])
            )
    languages = {row["id"]: passage_language(row["text"], declared) for row in rows}
    grammars = {lang: grammar_for(lang, model) for lang in set(languages.values())}
    # Every sentence of a language is analysed in one batch, and the document's names are
    # typed over all of them before any sentence is read.
    analyses: dict[tuple[str, int], Any] = {}
    documents: dict[str, Any] = {}
    pipelines = []
    for lang, grammar in grammars.items():
        if grammar is None:
            continue
        spans = [
            (row["id"], start, end)
            for row in rows
            if languages[row["id"]] == lang
            for start, end in by_passage.get(row["id"], [])
        ]
        found, pipeline = grammar.analyse([texts_by_id[pid][s:e] for pid, s, e in spans])
        analyses.update(zip(((pid, s) for pid, s, _ in spans), found, strict=True))
        documents[lang] = grammar.document(found)
        if pipeline:
            pipelines.append(pipeline)
    out.pipeline = "+".join(pipelines)
    for row in rows:
        grammar = grammars[languages[row["id"]]]
        if grammar is None:
            continue
        document = documents[grammar.language]
        context = copy.deepcopy(dates) if row["kind"] == "note" else dates
        persons.new_paragraph()
        running: DateValue | None = None  # the paragraph's last date, for undated sentences
        fig_context = grammar.figure_context()
        text = row["text"]
        passage_markers = markers.get(row["id"], [])
        for start, end in by_passage.get(row["id"], []):
            sentence = text[start:end]
            analysis = analyses.get((row["id"], start))
            citation = Citation(
                source_id,
                row["id"],
                start,
                end,
                sentence,
                governing_notes(passage_markers, start, end),
                row["page"],
            )
            date_mentions = grammar.find_dates(sentence, context)
            entities = grammar.entities(analysis, document)
            mentions = persons.mentions(sentence, entities)
            gender = {p.index: p.gender for p in persons.persons}
            mentions = grammar.coreference(analysis, sentence, mentions, entities, gender)
            claims = grammar.shape_claims(sentence, mentions, date_mentions, gender)
            parsed, unreal, subject = (
                grammar.events(analysis, sentence, mentions, date_mentions, entities)
                if entities is not None
                else ([], [], None)
            )
            # A rule's trigger the parse reads as negated, modal or planned is no event, and
            # one whose patient is a common noun is no event of a person named nearby.
            events = _refute(list(claims.events), unreal)
            events = merge_events(events, parsed)
            # Centering: a sentence that refers to someone by a pronoun keeps the focus it
            # had (the person finder's own rule); otherwise the parse's subject takes it.
            if subject is not None and not any(
                m.rule == "pronoun" and m.text.lower() in ("he", "him", "she", "her")
                for m in mentions
            ):
                persons.set_focus(subject)
            if not date_mentions and running is not None:
                for event in events:
                    if event.date is None:
                        event.date = paragraph_year(running)
            dated = [m.value for m in date_mentions if m.value and m.value.start and m.value.end]
            if dated:
                running = dated[-1]
            out.events.extend((e, citation) for e in events)
            out.terms.extend((t, citation) for t in claims.terms)
            for r in claims.relations:
                out.relations.append((r.type, r.source, r.target, r.rule, citation))
            for kin, owner, named in persons.kinship:
                relation = KIN_RELATIONS.get(kin)
                if relation:
                    out.relations.append((relation, named, owner, f"kinship-{kin}", citation))
            for figure in grammar.find_figures(sentence, fig_context):
                out.figures.append((figure, citation))
    return persons, out


def paragraph_year(last: DateValue) -> DateValue | None:
    """The year of a paragraph's last date, for an event told with no date of its own.

    Narrative goes on in the time it has set ("In 1924 he led the repression ... For
    this, Beria was appointed head of ..."): the event is dated to that year only — a day
    or month would claim more than the text says — and the anchor says where it came from.
    """
    if last.start is None or last.end is None or last.start.year != last.end.year:
        return None
    year = last.start.year
    return DateValue(
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        "year",
        "",
        f"{last.span()} ← {last.text!r} [the paragraph's last date]",
    )


def _refute(events: list[EventMention], spans: list[tuple[int, int, str]]) -> list[EventMention]:
    """The shape rules' events less what the parse refutes at their trigger word.

    ``unreal`` (negated, modal, planned): no event.  ``impersonal`` (what happened was
    done to a common noun: "up to 10,000 people were executed"): no person named nearby
    is the one it happened to; the event stays if a body or place still takes part.
    """
    out: list[EventMention] = []
    for event in events:
        lo, hi = event.trigger or (event.start, event.end)
        hits = {why for start, end, why in spans if start < hi and lo < end}
        if "unreal" in hits:
            continue
        if "impersonal" in hits:
            event.participants = [
                p
                for p in event.participants
                if not (p.kind == "person" and p.role in ("subject", "object"))
            ]
            if not event.participants:
                continue
        out.append(event)
    return out


def _join_persons(rule: EventMention, event: EventMention, group: list[EventMention]) -> None:
    """Coordinated participants the rule missed ("Bukharin and Rykov were arrested")."""
    known = {(q.kind, str(q.ref)) for r in group for q in r.participants}
    for p in event.participants:
        if p.kind == "person" and (p.kind, str(p.ref)) not in known:
            rule.participants.append(p)


def merge_events(rules: list[EventMention], parsed: list[EventMention]) -> list[EventMention]:
    """The shape rules' events, and the parse's events that say something they do not.

    A parsed event is the rule's event when both read the same trigger word as the same
    type (or the parse's type was decided by the noun the verb governs: "became a member"
    is an election): the rule's reading, which knows offices and successions, is kept, and
    takes the parse's type, its date where the syntax attaches one to that clause and the
    persons the parse found coordinated with its own.  A parsed event of another trigger
    repeats a rule's event only when both have the same type, a shared participant and no
    different date.
    """
    merged = list(rules)
    for event in parsed:
        mine = {(p.kind, str(p.ref)) for p in event.participants}
        same_word = [
            r
            for r in merged
            if r.trigger is not None
            and r.trigger[0] < event.end
            and event.start < r.trigger[1]
            and (r.type == event.type or event.refined)
        ]
        if same_word:
            for rule in same_word:
                # The noun the parse read decides the type ("became a member": election).
                rule.type = event.type
                if event.date is not None and (rule.date is None or event.own_date):
                    rule.date = event.date
            _join_persons(same_word[0], event, same_word)
            continue
        same = [
            r
            for r in merged
            if r.type == event.type
            and mine & {(p.kind, str(p.ref)) for p in r.participants}
            and (r.date is None or event.date is None or r.date == event.date)
        ]
        if not same:
            merged.append(event)
            continue
        if event.date is not None and all(r.date is None for r in same):
            for r in same:
                r.date = event.date
        _join_persons(same[0], event, same)
    return sorted(merged, key=lambda e: e.start)


def _date_fields(value: DateValue | None) -> tuple[Any, Any, Any, Any, Any]:
    if value is None:
        return None, None, None, None, None
    return (
        value.start.isoformat() if value.start else None,
        value.end.isoformat() if value.end else None,
        value.precision,
        value.text,
        value.anchor,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def _person_ids(conn: Any, persons: list[Person]) -> dict[int, str]:
    """Persons of the document to database persons (decided in :mod:`imena.identity`)."""
    return {person.index: person_for_mention(conn, person) for person in persons}


def _cite(writer: ClaimWriter, kind: str, claim_id: str, citation: Citation) -> None:
    writer.cite(
        CitationRow(
            claim_kind=kind,
            claim_id=claim_id,
            source_id=citation.source,
            passage_id=citation.passage,
            start=citation.start,
            end=citation.end,
            quote=citation.quote,
            notes=list(citation.notes),
            page=citation.page,
        )
    )


def write_claims(
    store: Store, conn: Any, source_id: str, model: str | None = None
) -> dict[str, int]:
    """Extract the claims of a stored source and write them in the caller's transaction."""
    persons, found = collect(store, source_id, model)
    writer = ClaimWriter(conn)
    # The method names the grammar's version and the statistical pipeline it read with.
    method = f"{METHOD}+{found.pipeline}" if found.pipeline else METHOD
    ids = _person_ids(conn, persons.persons)
    counts = {"persons": len(ids), "events": 0, "office_terms": 0, "relations": 0, "figures": 0}
    for n, (event, citation) in enumerate(found.events, start=1):
        eid = f"{source_id}:e{n}"
        date_from, date_to, precision, text, anchor = _date_fields(event.date)
        participants = []
        for p in event.participants:
            ref = ids[int(p.ref)] if p.kind == "person" else str(p.ref)
            if p.kind == "body":
                ref = writer.ensure_body(_slug(ref), ref)
            participants.append((p.kind, ref, p.role))
        writer.add_event(
            EventRow(
                id=eid,
                type=event.type,
                method=method,
                rule=event.rule,
                date_from=date_from,
                date_to=date_to,
                date_precision=precision,
                date_text=text,
                date_anchor=anchor,
                office_id=(
                    writer.ensure_office(office_id(event.office), event.office)
                    if event.office
                    else None
                ),
                detail=event.detail,
            ),
            participants,
        )
        _cite(writer, "event", eid, citation)
        counts["events"] += 1
    for n, (term, citation) in enumerate(found.terms, start=1):
        tid = f"{source_id}:t{n}"
        start = _date_fields(term.start)
        end = _date_fields(term.end)
        # A "held on" date bounds the term: it started no later and ended no earlier.
        if term.kind == "held":
            start_from, start_to, end_from, end_to = None, start[1], end[0], None
        elif term.kind == "span":
            start_from, start_to, end_from, end_to = start[0], start[0], end[1], end[1]
        else:
            start_from, start_to, end_from, end_to = start[0], start[1], end[0], end[1]
        writer.add_office_term(
            OfficeTermRow(
                id=tid,
                person_id=ids[term.person],
                office_id=writer.ensure_office(office_id(term.office), term.office),
                method=method,
                rule=f"{term.kind}:{term.rule}",
                start_from=start_from,
                start_to=start_to,
                start_text=start[3],
                end_from=end_from,
                end_to=end_to,
                end_text=end[3],
            )
        )
        _cite(writer, "office_term", tid, citation)
        counts["office_terms"] += 1
    seen: set[tuple[str, str, str]] = set()
    for n, (rtype, a, b, rule, citation) in enumerate(found.relations, start=1):
        key = (rtype, ids[a], ids[b])
        if key in seen or ids[a] == ids[b]:
            continue
        seen.add(key)
        rid = f"{source_id}:r{n}"
        writer.add_relation(
            RelationRow(
                id=rid, type=rtype, from_person=ids[a], to_person=ids[b], method=method, rule=rule
            )
        )
        _cite(writer, "relation", rid, citation)
        counts["relations"] += 1
    # Figure ids by object, for part-of links; years stated in each passage by offset,
    # the running year for a bare date like "on 17 February" (events first, then each
    # figure's own period as it is resolved) — both built once, not per figure.
    number_of = {id(f): k for k, (f, _) in enumerate(found.figures, start=1)}
    years: dict[str, list[tuple[int, int]]] = {}
    for event, event_citation in found.events:
        value = event.date
        if value and value.start and value.end and value.start.year == value.end.year:
            bisect.insort(
                years.setdefault(event_citation.passage, []),
                (event_citation.start, value.start.year),
            )
    for n, (figure, citation) in enumerate(found.figures, start=1):
        fid = f"{source_id}:f{n}"
        scope = getattr(figure, "scope", {}) or {}
        # The whole this figure is part of ("72,000 to death" of "105,000 condemned") is an
        # earlier figure of the same source: link it by its id.
        whole = getattr(figure, "whole", None)
        part_of = f"{source_id}:f{number_of[id(whole)]}" if id(whole) in number_of else None
        period_text = scope.get("period")
        period: DateValue | None = None
        if period_text:
            year_context = DateContext()
            known = years.get(citation.passage, [])
            before = bisect.bisect_right(known, (citation.start, 10_000))
            if before:
                year_context.update(year=known[before - 1][1])
            dated = [d.value for d in find_dates(period_text, year_context) if d.value]
            if dated and dated[0].start:
                period = dated[0]
                if period.end and period.start.year == period.end.year:
                    bisect.insort(
                        years.setdefault(citation.passage, []), (citation.start, period.start.year)
                    )
        writer.add_figure(
            FigureRow(
                id=fid,
                value=figure.value,
                measure=figure.measure,
                method=method,
                rule=figure.rule,
                value_max=figure.value_max,
                qualifier=figure.qualifier,
                what=figure.what,
                scope_operation=scope.get("operation"),
                scope_body=scope.get("body"),
                scope_region=scope.get("region"),
                scope_nationality=scope.get("nationality"),
                period_from=period.start.isoformat() if period and period.start else None,
                period_to=period.end.isoformat() if period and period.end else None,
                period_text=period_text,
                date_text=period_text,
                part_of=part_of,
            )
        )
        _cite(writer, "figure", fid, citation)
        counts["figures"] += 1
    return counts
