"""Cleaning a digitized book (plain text or Markdown) into passages in reading order.

The conventions are those of scanned-and-corrected book text, as in the founding
chapter: page breaks are ``---`` lines or runs of blank lines; a sentence cut by a
page break continues on the next page, possibly after a figure caption, a poster's
text or a starred note printed at the foot of the page; words are hyphenated across
the break; footnote markers are ``<sup>74</sup>``; starred notes are marked
``<sup>\\*</sup>`` or ``\\*``; verse keeps its line breaks (Markdown hard breaks).

The cleaner works in two passes.  First the text is cut into *blocks* (runs of
non-blank lines) and each block is classified on its own shape: page break, heading,
note, verse, page furniture (page numbers, running heads) or prose.  Then the blocks
are read in order with one *open* passage: prose that continues an unfinished
sentence is joined to it, whatever page furniture, captions or notes stand between
them; those are set aside and emitted after the passage they interrupted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from imena.sources.markup import PassageBuilder, is_finished
from imena.sources.model import Document, Passage

_PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|_{3,}|\f+)\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# A note starts with its marker: <sup>*</sup>, \*, a bare star not closed as emphasis,
# a dagger, or a numbered superscript (foot-of-page footnotes).
_NOTE_START = re.compile(
    r"^\s*(?:<sup>\s*(?P<sup>\\\*|\*{1,3}|[†‡§]|\d{1,4})\s*</sup>|(?P<esc>\\\*)|(?P<star>\*)(?!\*))"
)
_ENDNOTE = re.compile(r"^\s*(?:<sup>\s*(?P<sup>\d{1,4})\s*</sup>|(?P<num>\d{1,4})[.)]?\s)")
_NOTES_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|примечания|сноски)$", re.I)
_ELLIPSIS_LINE = re.compile(r"^\s*(?:\.\s*){3,}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—]?\s*$", re.I)
# A figure's credit line ends a caption: "(Memorial collection)", "(Collection N. Petrov)".
_CREDIT = re.compile(
    r"\((?:[^()]{0,80}\b(?:collection|archives?|museum|courtesy|photo(?:graph)?|source|library|"
    r"private|author)\b[^()]{0,80}|[A-ZА-Я]{3,}[^()]{0,40})\)\s*\.?\s*$",
    re.I,
)
_FIGURE_LABEL = re.compile(r"^\s*(?:fig(?:ure)?\.?|plate|illustration|photo|рис\.?)\s*\d", re.I)
_HYPHENATED = re.compile(r"(\w+)-(\w+)")
_MARKER_AT_END = re.compile(r"(?:<sup>[^<]{1,8}</sup>|\\\*)\s*$")
_MAX_CAPTION = 500


@dataclass
class Block:
    """A run of non-blank lines with its place in the file."""

    lines: list[str]
    line: int
    gap: int
    kind: str = "prose"
    level: int = 0
    label: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].strip()


def split_blocks(text: str) -> list[Block]:
    """Cut text into blocks of non-blank lines; page-break and heading lines stand alone."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    gap = 0
    pending_gap = 0

    def flush() -> None:
        nonlocal current, gap
        if current:
            blocks.append(Block(current, start, gap))
            current = []
            gap = 0

    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() and "\f" not in line:
            flush()
            pending_gap += 1
            continue
        alone = bool(_PAGE_BREAK.match(line) or _HEADING.match(line))
        if alone:
            flush()
        if not current:
            start = number
            gap = pending_gap
            pending_gap = 0
        current.append(line)
        if alone:
            flush()
    flush()
    return blocks


def _is_verse(block: Block) -> bool:
    lines = block.lines
    if all(_ELLIPSIS_LINE.match(line) for line in lines):
        return True
    if len(lines) < 2:
        return False
    body = [line for line in lines if not _ELLIPSIS_LINE.match(line)]
    # Markdown hard breaks (two trailing spaces) keep the lines of verse.
    hard = sum(1 for line in lines[:-1] if line.endswith("  "))
    if hard >= max(1, (len(lines) - 1) // 2):
        return True
    short = all(len(line.strip()) <= 60 for line in body)
    capital = sum(1 for line in body if line.strip()[:1].isupper())
    return len(body) >= 3 and short and capital >= 0.8 * len(body)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def classify_blocks(blocks: list[Block]) -> None:
    """Give each block the kind its own shape shows."""
    # Running heads repeat at page tops: short one-line blocks seen three times or more
    # (page numbers stripped) are furniture, not text.
    heads = Counter(
        re.sub(r"\d+", "", b.first).strip().lower()
        for b in blocks
        if len(b.lines) == 1 and len(b.first) <= 60
    )
    in_notes = False
    for block in blocks:
        first = block.lines[0]
        heading = _HEADING.match(first)
        note = _NOTE_START.match(first)
        if _PAGE_BREAK.match(first):
            block.kind = "pagebreak"
        elif heading:
            block.kind = "heading"
            block.level = len(heading.group(1))
            block.lines = [heading.group(2)]
            in_notes = bool(_NOTES_HEADING.match(heading.group(2).strip()))
        elif in_notes and _ENDNOTE.match(first):
            m = _ENDNOTE.match(first)
            assert m
            block.kind = "note"
            block.label = m.group("sup") or m.group("num")
            block.lines = [first[m.end() :], *block.lines[1:]]
        elif note and not (note.group("star") and re.match(r"^\s*\*[^*\s][^*]*\*", first)):
            block.kind = "note"
            label = note.group("sup") or "*"
            block.label = "*" if "*" in label else label
            block.lines = [first[note.end() :], *block.lines[1:]]
        elif (len(block.lines) == 1 and _PAGE_NUMBER.match(first)) or (
            len(block.lines) == 1
            and len(first.strip()) <= 60
            and heads[re.sub(r"\d+", "", first.strip()).strip().lower()] >= 3
            and not is_finished(first)
        ):
            block.kind = "furniture"
        elif _is_verse(block):
            block.kind = "verse"
        else:
            block.kind = "prose"


def _caption_like(block: Block) -> bool:
    raw = block.raw.strip()
    if len(raw) > _MAX_CAPTION:
        return False
    return bool(_CREDIT.search(raw) or _FIGURE_LABEL.match(raw) or _is_all_caps(raw))


def _starts_lower(block: Block) -> bool:
    text = block.first.lstrip("\"'“‘«([")
    return bool(text) and text[0].islower()


class _Reader:
    """The second pass: blocks in order into passages, joining across page breaks."""

    def __init__(self, blocks: list[Block], vocabulary: set[str]):
        self.blocks = blocks
        self.vocabulary = vocabulary
        self.passages: list[Passage] = []
        self.open: PassageBuilder | None = None
        self.open_verse = False
        self.deferred: list[Passage] = []
        self.last_body: Passage | None = None
        self.zone = False

    def run(self) -> list[Passage]:
        for index, block in enumerate(self.blocks):
            if block.gap >= 2:
                self.zone = True
            handler = getattr(self, f"_on_{block.kind}")
            handler(index, block)
        self._close()
        self._flush_deferred()
        return self.passages

    # -- handlers, one per block kind -------------------------------------------------
    def _on_pagebreak(self, index: int, block: Block) -> None:
        self.zone = True

    def _on_furniture(self, index: int, block: Block) -> None:
        self.zone = True

    def _on_heading(self, index: int, block: Block) -> None:
        self._close()
        self._flush_deferred()
        builder = PassageBuilder("heading", block.line)
        builder.add(block.lines[0].strip())
        self._emit(builder.build())
        self.zone = False

    def _on_note(self, index: int, block: Block) -> None:
        builder = PassageBuilder("note", block.line)
        self._add_lines(builder, block.lines)
        builder.note_label = block.label
        passage = builder.build()
        if passage.text:
            self._side(passage)

    def _on_verse(self, index: int, block: Block) -> None:
        if self.open is not None and self.open_verse:
            self.open.add(block.lines[0].strip(), "\n")
        else:
            self._close()
            self._flush_deferred()
            self.open = PassageBuilder("quote", block.line)
            self.open_verse = True
            self.open.add(block.lines[0].strip())
        for line in block.lines[1:]:
            self.open.add(line.strip(), "\n")
        self.zone = False

    def _on_prose(self, index: int, block: Block) -> None:
        unfinished = self.open is not None and not is_finished(self.open.text)
        if unfinished and not self.open_verse:
            if _starts_lower(block) or not self._interrupts(index, block):
                self._continue(block)
                return
            self._side(self._caption(block))
            return
        if self.zone and _caption_like(block):
            self._side(self._caption(block))
            return
        self._close()
        self._flush_deferred()
        kind = "quote" if self._is_block_quote(block) else "paragraph"
        self.open = PassageBuilder(kind, block.line)
        self.open_verse = False
        self._add_lines(self.open, block.lines)
        self.zone = False

    # -- helpers ----------------------------------------------------------------------
    def _interrupts(self, index: int, block: Block) -> bool:
        """Does this block stand between a cut sentence and its continuation?"""
        if _caption_like(block):
            return True
        for later in self.blocks[index + 1 :]:
            if later.kind in ("pagebreak", "furniture", "note"):
                continue
            if later.kind == "prose" and _caption_like(later):
                continue
            return later.kind == "prose" and _starts_lower(later)
        return False

    def _is_block_quote(self, block: Block) -> bool:
        last = self.last_body
        if last is None:
            return False
        if last.text.rstrip().endswith(":") and last.kind == "paragraph":
            return True
        # A quotation of several paragraphs runs on until the note that sources it.
        return (
            last.kind == "quote"
            and "\n" not in last.text
            and not (last.markers and last.markers[-1].offset >= len(last.text))
            and bool(_MARKER_AT_END.search(block.lines[-1]))
        )

    def _caption(self, block: Block) -> Passage:
        builder = PassageBuilder("caption", block.line)
        self._add_lines(builder, block.lines)
        return builder.build()

    def _continue(self, block: Block) -> None:
        assert self.open is not None
        self._join(self.open, block.lines[0])
        for line in block.lines[1:]:
            self._join(self.open, line)
        self.zone = False

    def _add_lines(self, builder: PassageBuilder, lines: list[str]) -> None:
        builder.add(lines[0].strip())
        for line in lines[1:]:
            self._join(builder, line)

    def _join(self, builder: PassageBuilder, raw: str) -> None:
        """Append a line or a block, mending a word hyphenated across the break."""
        raw = raw.strip()
        tail = builder.text.rstrip()
        if tail.endswith("-") and len(tail) >= 2 and tail[-2].isalpha():
            builder.rstrip()
            left = re.search(r"(\w+)-$", tail)
            right = re.match(r"[\"'“‘«(]?(\w+)", raw)
            if left and right and raw[:1].islower():
                compound = f"{left.group(1)}-{right.group(1)}".lower()
                if compound not in self.vocabulary:
                    builder.drop_trailing_hyphen()
            builder.add(raw)
            return
        if tail.endswith(("—", "–")):
            builder.rstrip()
            builder.add(raw)
            return
        builder.add(raw, " ")

    def _side(self, passage: Passage) -> None:
        """Captions and notes: after the passage they interrupt, or now if none is open."""
        if self.open is not None and not is_finished(self.open.text):
            self.deferred.append(passage)
        else:
            self._close()
            self.passages.append(passage)

    def _close(self) -> None:
        if self.open is not None:
            passage = self.open.build()
            if passage.text:
                self._emit(passage)
            self.open = None
            self.open_verse = False
        self._flush_deferred()

    def _flush_deferred(self) -> None:
        if self.open is None or is_finished(self.open.text):
            self.passages.extend(self.deferred)
            self.deferred = []

    def _emit(self, passage: Passage) -> None:
        self.passages.append(passage)
        if passage.kind in ("paragraph", "quote"):
            self.last_body = passage


def link_notes(passages: list[Passage]) -> None:
    """Point each note at the nearest earlier marker with its label not yet explained."""
    taken: set[tuple[int, int]] = set()
    for index, passage in enumerate(passages):
        if passage.kind != "note" or passage.note_label is None:
            continue
        for back in range(index - 1, -1, -1):
            candidate = passages[back]
            if candidate.kind == "note":
                continue
            hit = next(
                (
                    n
                    for n, marker in enumerate(candidate.markers)
                    if marker.label == passage.note_label and (back, n) not in taken
                ),
                None,
            )
            if hit is not None:
                taken.add((back, hit))
                passage.note_for = back
                break


def clean_digitized_text(text: str) -> Document:
    """Turn a digitized book text (``.txt``/``.md``) into a document of passages."""
    blocks = split_blocks(text)
    classify_blocks(blocks)
    vocabulary = {f"{a}-{b}".lower() for a, b in _HYPHENATED.findall(text)}
    passages = _Reader(blocks, vocabulary).run()
    link_notes(passages)
    title = next(
        (
            p.text
            for p in passages
            if p.kind == "heading" and not re.fullmatch(r"[\dIVXLC.\s]+", p.text)
        ),
        None,
    )
    return Document(passages=passages, format="text", title=title)
