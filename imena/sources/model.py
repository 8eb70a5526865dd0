"""The shapes a cleaned document takes before it is stored: passages, markers, markup."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Kinds of passage, as in MODEL.md.  ``paragraph`` is body text in reading order;
#: ``heading`` a chapter or section title; ``caption`` a figure/photo caption or the
#: text printed on a poster; ``note`` a footnote or starred note; ``quote`` a block
#: quotation or verse.
PASSAGE_KINDS = ("paragraph", "heading", "caption", "note", "quote")


@dataclass(frozen=True)
class Marker:
    """A footnote marker removed from the text: ``label`` stood at ``offset``."""

    offset: int
    label: str


@dataclass(frozen=True)
class Markup:
    """An inline style removed from the text (``emphasis``), kept as a span."""

    start: int
    end: int
    kind: str = "emphasis"


@dataclass
class Passage:
    """One unit of cleaned text in reading order."""

    kind: str
    text: str
    markers: list[Marker] = field(default_factory=list)
    markup: list[Markup] = field(default_factory=list)
    page: int | None = None
    line: int | None = None
    #: For a note: the label of the marker it explains (``*``, ``74``) and the index,
    #: in the document's passage list, of the passage holding that marker.
    note_label: str | None = None
    note_for: int | None = None


@dataclass
class Document:
    """A source file turned into passages, with what was learnt while reading it."""

    passages: list[Passage]
    format: str
    encoding: str | None = None
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    language: str | None = None
