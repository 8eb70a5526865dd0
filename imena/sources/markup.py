"""Inline markup of digitized text: footnote markers and emphasis out, offsets kept.

A passage is built piece by piece (lines, then blocks continued across page breaks);
``PassageBuilder`` strips ``<sup>74</sup>``, ``<sup>\\*</sup>``, ``\\*`` and Markdown
emphasis (``*en famille*``) from each piece and records where they stood in the clean
text, so a later claim can say "note 74" and a reader can show the italics again.
Superscript digits ("shot.¹²", as OCR and some exports give them) are note markers too.

Emphasis may open in one piece and close in a later one (italics running across a
line or a page break): the builder keeps it open until its closing delimiter comes,
and gives the delimiter back as text if none ever does.
"""

from __future__ import annotations

import re

from imena.sources.model import Marker, Markup, Passage
from imena.sources.sentences import ends_unfinished

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")

_PLAIN = r"[^<\\*_ \t\u00a0⁰¹²³⁴⁵⁶⁷⁸⁹]+"
_TOKEN = re.compile(
    r"<sup>\s*(?P<sup>.*?)\s*</sup>"  # a footnote marker as HTML
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!|~<>])"  # a Markdown escape
    r"|(?P<stars>\*{1,3}|_{1,3})"  # emphasis delimiters
    r"|(?P<usup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})"  # a footnote marker as superscript digits
    r"|(?P<sp>[ \t\u00a0]+)"
    # Plain words with the single spaces between them, as one token: far fewer tokens.
    rf"|(?P<text>{_PLAIN}(?: {_PLAIN})*|[<\\*_])",
    re.S,
)
# Characters a superscript footnote label may hold: digits, letters a-z, * and daggers.
_LABEL = re.compile(r"^(?:\d{1,4}|[a-z]|\*{1,3}|[†‡§¶]{1,3})$")
_WORDCHAR = re.compile(r"\w")
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")

#: What ends a sentence or a verse line: a piece ending with one of these is finished.
TERMINAL = ".!?:;…"
_CLOSERS = "\"'”’»)]*" + _SUPERSCRIPT_DIGITS


def parse_inline(raw: str) -> tuple[str, list[Marker], list[Markup]]:
    """Strip markers, escapes and emphasis from ``raw``; offsets refer to the result."""
    text, markers, markup, _ = _parse(raw, None)
    return text, markers, markup


def _parse(
    raw: str, carry: list[tuple[str, int]] | None
) -> tuple[str, list[Marker], list[Markup], list[tuple[str, int]]]:
    """``parse_inline`` with emphasis that may run on from earlier pieces.

    ``carry`` holds the emphasis still open before ``raw`` as ``(delimiter, start)``,
    starts relative to the text of ``raw`` (so zero or negative).  With a carry (the
    builder's case) a delimiter that opens and does not close in ``raw`` stays open and
    is returned, since the next line or page may close it; without one (a lone string)
    it is kept as text, as nothing later can close it.
    """
    out: list[str] = []
    length = 0
    markers: list[Marker] = []
    markup: list[Markup] = []
    open_emph: list[tuple[str, int]] = list(carry or [])
    tokens = list(_TOKEN.finditer(raw))
    last_delimiter = _last_delimiters(tokens)
    for i, tok in enumerate(tokens):
        kind = tok.lastgroup
        value = tok.group(kind) if kind else ""
        if kind == "sup":
            label = value.replace("\\*", "*").strip()
            if _LABEL.match(label):
                markers.append(Marker(length, label))
                continue
            value = label  # superscript that is not a note label: keep its text
        elif kind == "usup":
            markers.append(Marker(length, value.translate(_FROM_SUPERSCRIPT)))
            continue
        elif kind == "esc":
            if value == "*":
                # In our digitization conventions an escaped star is a starred-note marker.
                markers.append(Marker(length, "*"))
                continue
        elif kind == "stars":
            prev = raw[tok.start() - 1] if tok.start() > 0 else " "
            nxt = raw[tok.end()] if tok.end() < len(raw) else " "
            if open_emph and open_emph[-1][0] == value and not prev.isspace():
                _, start = open_emph.pop()
                markup.append(Markup(start, length, "strong" if len(value) > 1 else "emphasis"))
                continue
            # "_" inside a word (snake_case) is not emphasis; "*" may open mid-word.
            opens = not nxt.isspace() and (value[0] == "*" or not _WORDCHAR.match(prev))
            if opens and (carry is not None or last_delimiter.get(value, -1) > i):
                open_emph.append((value, length))
                continue
        elif kind == "sp":
            if out and out[-1].endswith(" "):
                continue  # a removed marker between two spaces leaves one space
            value = " "
        out.append(value)
        length += len(value)
    markup.sort(key=lambda m: (m.start, m.end))
    return "".join(out), markers, markup, open_emph


def _last_delimiters(tokens: list[re.Match[str]]) -> dict[str, int]:
    """Index of the last token of each emphasis delimiter: does one close later?"""
    last: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.lastgroup == "stars":
            last[tok.group("stars")] = i
    return last


def is_finished(text: str) -> bool:
    """True when ``text`` ends a sentence (so a page break after it is a paragraph end)."""
    bare = text.rstrip().rstrip(_SUPERSCRIPT_DIGITS).rstrip()
    stripped = bare.rstrip(_CLOSERS).rstrip()
    if not stripped:
        return True
    if stripped[-1] not in TERMINAL:
        return False
    # "order No." or "the chief, L. M." cut by a page end needs what follows; a closing
    # quote after the period ("he said “No.”") ends quoted speech whatever the word.
    return stripped != bare or not ends_unfinished(stripped)


class PassageBuilder:
    """Accumulates clean text for one passage, shifting offsets as pieces are joined."""

    def __init__(self, kind: str, line: int | None = None, page: int | None = None):
        self.kind = kind
        self.line = line
        self.page = page
        self.parts: list[str] = []
        self.length = 0
        self.markers: list[Marker] = []
        self.markup: list[Markup] = []
        self.note_label: str | None = None
        #: Emphasis opened and not yet closed, as (delimiter, offset in the text).
        self.pending: list[tuple[str, int]] = []

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def tail(self, n: int = 40) -> str:
        return self.text[-n:]

    def add(self, raw: str, sep: str = "") -> None:
        """Append ``raw`` (with inline markup) after ``sep``."""
        if self.length == 0:
            sep = ""
        base = self.length + len(sep)
        carry = [(delimiter, start - base) for delimiter, start in self.pending]
        text, markers, markup, pending = _parse(raw, carry)
        if self.length == 0:
            stripped = text.lstrip()
            shift = len(text) - len(stripped)
            text = stripped
            markers = [Marker(max(0, m.offset - shift), m.label) for m in markers]
            markup = [
                Markup(max(0, m.start - shift), max(0, m.end - shift), m.kind) for m in markup
            ]
            pending = [(delimiter, max(0, start - shift)) for delimiter, start in pending]
        self.pending = [(delimiter, base + start) for delimiter, start in pending]
        self.parts.append(sep + text)
        self.length = base + len(text)
        self.markers.extend(Marker(base + m.offset, m.label) for m in markers)
        self.markup.extend(Markup(base + m.start, base + m.end, m.kind) for m in markup)

    def add_plain(self, text: str) -> None:
        """Append text as it is (from a parsed HTML/TEI tree: no markup to interpret).

        White space is collapsed as a browser would, across the pieces appended.
        """
        text = _SPACES.sub(" ", text)
        if not text:
            return
        current = self.text
        if (not current or current.endswith((" ", "\n"))) and text.startswith(" "):
            text = text[1:]
        if not text:
            return
        self.parts.append(text)
        self.length += len(text)

    def newline(self) -> None:
        """A line break that is part of the text (verse lines)."""
        self.rstrip()
        if self.length:
            self.parts.append("\n")
            self.length += 1

    def mark(self, label: str) -> None:
        """A footnote marker at the current end of the text."""
        self.markers.append(Marker(self.length, label))

    def add_markup(self, start: int, kind: str = "emphasis") -> None:
        """Close a span of markup opened when the text was ``start`` long."""
        if self.length > start:
            self.markup.append(Markup(start, self.length, kind))

    def drop_trailing_hyphen(self) -> None:
        """Remove the hyphen that ends the text (a word split across a line or page)."""
        text = self.text
        assert text.endswith("-")
        self.parts = [text[:-1]]
        self.length -= 1
        self.markers = [Marker(min(m.offset, self.length), m.label) for m in self.markers]

    def rstrip(self) -> None:
        text = self.text
        stripped = text.rstrip()
        if len(stripped) != len(text):
            self.parts = [stripped]
            self.length = len(stripped)
            self.markers = [Marker(min(m.offset, self.length), m.label) for m in self.markers]
            self.markup = [
                Markup(min(m.start, self.length), min(m.end, self.length), m.kind)
                for m in self.markup
            ]

    def _restore_pending(self) -> None:
        """Emphasis that never closed was a literal delimiter: put it back as text."""
        for delimiter, at in sorted(self.pending, key=lambda p: p[1], reverse=True):
            text = self.text
            at = min(at, len(text))
            self.parts = [text[:at] + delimiter + text[at:]]
            self.length += len(delimiter)
            size = len(delimiter)
            self.markers = [
                Marker(m.offset + size * (m.offset > at), m.label) for m in self.markers
            ]
            self.markup = [
                Markup(m.start + size * (m.start >= at), m.end + size * (m.end > at), m.kind)
                for m in self.markup
            ]
        self.pending = []

    def build(self) -> Passage:
        self._restore_pending()
        self.rstrip()
        text = self.text
        stripped = text.lstrip()
        if len(stripped) != len(text):
            shift = len(text) - len(stripped)
            self.parts = [stripped]
            self.length = len(stripped)
            self.markers = [Marker(max(0, m.offset - shift), m.label) for m in self.markers]
            self.markup = [
                Markup(max(0, m.start - shift), max(0, m.end - shift), m.kind) for m in self.markup
            ]
        return Passage(
            kind=self.kind,
            text=self.text,
            markers=list(self.markers),
            markup=list(self.markup),
            page=self.page,
            line=self.line,
            note_label=self.note_label,
        )
