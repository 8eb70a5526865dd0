"""Cleaning a digitized book (plain text or Markdown) into passages in reading order.

The conventions are those of scanned-and-corrected book text, as in the founding
chapter: page breaks are ``---`` lines or runs of blank lines; a sentence cut by a
page break continues on the next page, possibly after a figure caption, a poster's
text or a starred note printed at the foot of the page; words are hyphenated across
the break; footnote markers are ``<sup>74</sup>``; starred notes are marked
``<sup>\\*</sup>`` or ``\\*``; verse keeps its line breaks (Markdown hard breaks).

Other digitizations show the same furniture in other shapes, and the cleaner reads
them too: page numbers alone on a line ("124", "— 12 —"), running heads at page tops
("THE POLISH OPERATION", "Apogee 125", "126 Chapter 5"), numbered notes at the foot of
a page ("12 GARF, f. 9401…" or ``<sup>12</sup>GARF…``) or in an endnotes section
("## Notes", "1. …"), Markdown block quotations (``>``), plain-text headings
("CHAPTER 3"), epigraphs with their attribution ("— Stalin"), one paragraph per line
with indents, CRLF line ends and a byte-order mark.

The cleaner works in two passes.  First the text is cut into *blocks* (runs of
non-blank lines) and each block is classified on its own shape and its neighbours:
page break, heading, note, verse, page furniture (page numbers, running heads) or
prose.  Then the blocks are read in order with one *open* passage: prose that
continues an unfinished sentence is joined to it, whatever page furniture, captions or
notes stand between them; those are set aside and emitted after the passage they
interrupted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from imena.sources.markup import PassageBuilder, is_finished, parse_inline
from imena.sources.model import Document, Passage

# Page breaks, and section breaks ("* * *", "***", "⁂"), which end nothing a page break
# does not: a sentence never runs across a section break, so both read the same.
_PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|_{3,}|\f+|(?:\*\s*){3,}|⁂)\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# A note starts with its marker: <sup>*</sup>, \*, a bare star not closed as emphasis,
# a dagger, or a numbered superscript (foot-of-page footnotes).
_NOTE_START = re.compile(
    r"^\s*(?:<sup>\s*(?P<sup>\\\*|\*{1,3}|[†‡§]|\d{1,4})\s*</sup>|(?P<esc>\\\*)|(?P<star>\*)(?!\*))"
)
# A numbered note in plain text: "12 GARF…", "12. GARF…", "12) GARF…", "¹² GARF…".
_ENDNOTE = re.compile(
    r"^\s*(?:<sup>\s*(?P<sup>\d{1,4})\s*</sup>|(?P<num>\d{1,4})[.)]?\s|(?P<usup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))"
)
_NOTES_HEADING = re.compile(r"^(?:notes|endnotes|footnotes|примечания|сноски)$", re.I)
_ELLIPSIS_LINE = re.compile(r"^\s*(?:\.\s*){3,}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—]?\s*$", re.I)
# A running head printed with its page number: "Apogee 125", "126 Chapter 5".  Years
# ("Ezhov at his desk, 1937") are not page numbers: at most three digits, no comma.
_NUMBERED_HEAD = re.compile(r"^\s*(?:\d{1,3}\s+\D.*|.*[^\d,\s]\s+\d{1,3})\s*$")
# Markers in the raw text, to know which numbered notes a page can hold.
_SUP_MARKER = re.compile(r"<sup>\s*(\d{1,4})\s*</sup>")
_SUPERSCRIPT_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A chapter or part title set as a plain line: "CHAPTER 3", "Chapter 6: The End…".
_CHAPTER_LINE = re.compile(
    r"^(?:chapter|part|book|section|appendix|глава|часть|раздел|приложение)\s+"
    r"[\w.]{1,12}(?:\s*[:.—–-]\s*\S.{0,100})?$",
    re.I,
)
# A figure's credit line ends a caption: "(Memorial collection)", "(Collection N. Petrov)",
# "(Photo: RGAKFD)", "(Courtesy of Memorial, Moscow)", "(© Memorial)", "(Фото: ГА РФ)".
_CREDIT = re.compile(
    r"\((?:[^()]{0,80}(?:\b(?:collection|archives?|museum|courtesy|photo(?:graph)?|source|"
    r"library|private|author|credit|фото|архив|собрани[ея]|коллекци[яи]|музе[йя]|источник)|©)"
    r"[^()]{0,80}|[A-ZА-Я]{3,}[^()]{0,40})\)\s*\.?\s*$",
    re.I,
)
# A caption's label: "Figure 3.", "Fig. 2:", "Photo 5", "Рис. 2.".  Away from a page
# break the number must be followed by punctuation, so that "Figure 3 shows…" stays prose.
_FIGURE_LABEL = re.compile(
    r"^[\s*_]*(?:fig(?:ure)?\.?|plate|illustration|photo|map|рис\.?|фото|илл\.?|карта)\s*"
    r"\d+[a-z]?(?P<punct>\s*[.:—–])?",
    re.I,
)
# An epigraph's or a quotation's attribution: "— Stalin, 1937", "-- N. I. Ezhov".
_ATTRIBUTION = re.compile(r"^\s*(?:[—―]|–|--)\s*\S.{0,100}$")
_HYPHENATED = re.compile(r"(\w+)-(\w+)")
_MARKER_AT_END = re.compile(r"(?:<sup>[^<]{1,8}</sup>|\\\*)\s*$")
_QUOTE_PREFIX = re.compile(r"^\s*>\s?")
# A Markdown list item: "* former kulaks;", "- criminals", "• sectarians".
_BULLET = re.compile(r"^\s*[*•-]\s+(?=\S)")
_MAX_CAPTION = 500
# Hard-wrapped lines are rarely longer than this; a longer line ending a sentence is a
# whole paragraph (text exported one paragraph per line).
_WRAP_WIDTH = 100
# Running heads and verse lines are short.
_MAX_HEAD = 70
_MAX_VERSE_LINE = 80
_MEAN_VERSE_LINE = 60


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


def _line_finished(line: str) -> bool:
    """Does a raw line end a sentence, once its markers and emphasis are out?"""
    if "<" in line or "*" in line or "\\" in line or "_" in line:
        line = parse_inline(line)[0]
    return is_finished(line)


def _indent(line: str) -> int:
    """Width of a line's indentation, a tab counting as four spaces."""
    width = 0
    for char in line:
        if char == "\t":
            width += 4
        elif char in " \u00a0":
            width += 1
        else:
            break
    return width


def _starts_paragraph(previous: str, line: str) -> bool:
    """Does ``line`` start a new paragraph inside a run of non-blank lines?

    Only after a line that ends a sentence, and only on a sign that lines are not
    hard-wrapped text: a tab or a deeper indent (first-line indents), or a previous
    line too long to be a wrapped one.  A short line with a hard break (verse) never
    ends a paragraph here.
    """
    previous = _QUOTE_PREFIX.sub("", previous)
    line = _QUOTE_PREFIX.sub("", line)
    body = previous.strip()
    if not (
        line.startswith("\t") or _indent(line) > _indent(previous) + 1 or len(body) > _WRAP_WIDTH
    ):
        return False
    if previous.endswith("  ") and len(body) <= _MAX_VERSE_LINE:
        return False
    return bool(body) and _line_finished(body) and not _PAGE_BREAK.match(line)


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
        # A line holding only ">" separates the paragraphs of a Markdown quotation.
        if (not line.strip() and "\f" not in line) or line.strip() == ">":
            flush()
            pending_gap += 1
            continue
        alone = bool(_PAGE_BREAK.match(line) or _HEADING.match(line))
        if alone or (current and _starts_paragraph(current[-1], line)):
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
    if not body:
        return True
    capital = sum(1 for line in body if line.strip().lstrip("\"'“‘«*_")[:1].isupper())
    lengths = [len(line.strip()) for line in body]
    # Markdown hard breaks (two trailing spaces) keep the lines of verse.  Prose lines
    # that merely carry trailing spaces are filled to the wrap width and often run on
    # with a lower-case start; verse lines are shorter and start with capitals.
    hard = sum(1 for line in lines[:-1] if line.endswith("  "))
    if hard >= max(1, (len(lines) - 1) // 2):
        return sum(lengths) <= _MEAN_VERSE_LINE * len(body) and capital >= 0.6 * len(body)
    return len(body) >= 3 and max(lengths) <= _MEAN_VERSE_LINE and capital >= 0.8 * len(body)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _title_case(text: str) -> bool:
    """Capitals, or every word of four letters or more capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    return _is_all_caps(text) or (bool(words) and all(w[0].isupper() for w in words))


def _head_key(text: str) -> str:
    """A running head without its page number, case and punctuation."""
    return " ".join(re.sub(r"[\d\W_]+", " ", text).lower().split())


def _note_label(match: re.Match[str]) -> str:
    usup = match.group("usup")
    return match.group("sup") or match.group("num") or usup.translate(_FROM_SUPERSCRIPT)


def _raw_markers(block: Block) -> set[str]:
    raw = block.raw
    labels = set(_SUP_MARKER.findall(raw)) if "<sup>" in raw else set()
    labels.update(sup.translate(_FROM_SUPERSCRIPT) for sup in _SUPERSCRIPT_MARKER.findall(raw))
    return labels


class _Classifier:
    """The first pass: what each block is, from its shape and its neighbours."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        singles = [b for b in blocks if len(b.lines) == 1 and len(b.first) <= _MAX_HEAD]
        # Running heads repeat at page tops: count one-line blocks by their words.
        self.heads = Counter(_head_key(b.first) for b in singles)
        self.heading_keys = {
            _head_key(m.group(2)) for b in singles if (m := _HEADING.match(b.first))
        }
        self.heading_keys.discard("")
        self.pending: set[str] = set()  # marker labels met and not yet explained by a note
        self.in_notes = False
        self.seen_body = False
        self.titles: set[str] = set()  # plain-line headings met, lower-cased
        self.out: list[Block] = []

    def run(self) -> list[Block]:
        for index, block in enumerate(self.blocks):
            self._classify(index, block)
            if block.kind in ("note", "note_more"):
                self._split_notes(block)
            else:
                self.out.append(block)
            if block.kind in ("prose", "verse"):
                self.seen_body = True
                self.pending |= _raw_markers(block)
        return self.out

    def _previous(self) -> Block | None:
        return self.out[-1] if self.out else None

    def _at_break(self, index: int, block: Block) -> bool:
        """Does the block stand at a page break (after or before one)?"""
        previous = self._previous()
        if block.gap >= 2 or previous is None:
            return True
        if previous.kind in ("pagebreak", "furniture", "note"):
            return True
        if index + 1 < len(self.blocks):
            after = self.blocks[index + 1]
            return after.gap >= 2 or bool(
                _PAGE_BREAK.match(after.lines[0])
                or (len(after.lines) == 1 and _PAGE_NUMBER.match(after.lines[0]))
            )
        return True

    def _next_to_page_number(self, index: int) -> bool:
        neighbours = [self.blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(self.blocks)]
        return any(len(b.lines) == 1 and _PAGE_NUMBER.match(b.lines[0]) for b in neighbours)

    def _is_running_head(self, index: int, block: Block) -> bool:
        first = block.first
        if len(block.lines) != 1 or len(first) > _MAX_HEAD or _line_finished(first):
            return False
        if not self.seen_body:
            return False  # a chapter's opening lines are its title, not a running head
        key = _head_key(first)
        count = self.heads[key] if key else 0
        numbered = bool(_NUMBERED_HEAD.match(first))
        if count >= 3 or (count >= 2 and (numbered or self._at_break(index, block))):
            return True
        if numbered and self._at_break(index, block):
            return True  # "126 Chapter 6": a short unfinished line with a page number
        # Printed once in a short text: a head gives itself away by its page number or
        # by standing beside one, or by repeating a heading at a page break.
        if key and key in self.heading_keys and (numbered or self._at_break(index, block)):
            return True
        return self._next_to_page_number(index) and not _has_caption_label(first)

    def _classify(self, index: int, block: Block) -> None:
        first = block.lines[0]
        heading = _HEADING.match(first)
        if _PAGE_BREAK.match(first):
            block.kind = "pagebreak"
            return
        if heading:
            block.kind = "heading"
            block.level = len(heading.group(1))
            block.lines = [heading.group(2)]
            self.in_notes = bool(_NOTES_HEADING.match(heading.group(2).strip()))
            return
        if all(_QUOTE_PREFIX.match(line) for line in block.lines):
            block.lines = [_QUOTE_PREFIX.sub("", line) for line in block.lines]
            block.extra["quoted"] = "yes"
            first = block.lines[0]
        stripped = first.strip()
        one_line = len(block.lines) == 1
        if one_line and _PAGE_NUMBER.match(first):
            block.kind = "furniture"
            return
        if one_line and _NOTES_HEADING.match(stripped.strip("*_:. ")):
            block.kind = "heading"
            block.lines = [stripped.strip("*_: ")]
            self.in_notes = True
            return
        if one_line and self._chapter_heading(stripped):
            self.in_notes = False
            self._heading(block, stripped)
            return
        if sum(1 for line in block.lines if _BULLET.match(line)) >= 2 and _BULLET.match(first):
            # A list, not starred notes ("* text"): one item per line, bullets out.
            block.kind = "prose"
            block.extra["list"] = "yes"
            items: list[str] = []
            for line in block.lines:
                if _BULLET.match(line) or not items:
                    items.append(_BULLET.sub("", line))
                else:
                    items[-1] += " " + line.strip()
            block.lines = items
            return
        if self.in_notes:
            if self._is_running_head(index, block):
                block.kind = "furniture"
            elif (m := _ENDNOTE.match(first)) is not None:
                self._note(block, _note_label(m), m.end())
            else:
                block.kind = "note_more"  # a further paragraph of the note before it
            return
        if self._numbered_note(index, block):
            return
        note = _NOTE_START.match(first)
        if (
            note
            and not (note.group("sup") or "").isdigit()
            and not (note.group("star") and re.match(r"^\s*\*[^*\s][^*]*\*", first))
        ):
            self._note(block, note.group("sup") or "*", note.end())
            return
        if self._is_running_head(index, block):
            block.kind = "furniture"
            return
        if one_line and self._title_line(stripped):
            self._heading(block, stripped)
            return
        block.kind = "verse" if _is_verse(block) else "prose"

    def _heading(self, block: Block, line: str) -> None:
        block.kind = "heading"
        block.level = 1
        block.lines = [line]
        self.titles.add(" ".join(line.lower().split()))
        self.heading_keys.add(_head_key(line))

    def _chapter_heading(self, line: str) -> bool:
        """ "CHAPTER 3", "Chapter 6: The End…" set as a plain line, the first time only.

        A book may repeat "Chapter 6" as a running head on its pages; those come after
        the chapter's own heading and are furniture.
        """
        if len(line) > 120 or line.endswith((",", ";")) or not _CHAPTER_LINE.match(line):
            return False
        return " ".join(line.lower().split()) not in self.titles

    def _title_line(self, line: str) -> bool:
        """A title set as a plain line, in capitals or title case, first or under a heading.

        "THE POLISH OPERATION" under "CHAPTER 3"; "Stalin's Loyal Executioner" as the first
        line.  A short line of ordinary prose ("In 1937 the chief was") is not a title.
        """
        if len(line) > _MAX_HEAD or _line_finished(line) or _ATTRIBUTION.match(line):
            return False
        if _has_caption_label(line) or not _title_case(line):
            return False
        after_heading = bool(self.out) and self.out[-1].kind == "heading"
        if not self.seen_body:
            return _is_all_caps(line) or not self.out or after_heading
        return after_heading and _is_all_caps(line)

    def _numbered_note(self, index: int, block: Block) -> bool:
        """A foot-of-page note numbered like a marker met before and not yet explained.

        ``<sup>12</sup>Text`` anywhere, "12 Text" or "¹² Text" only at a page break: a paragraph may
        well begin with a number, but not with the number of a pending note there.
        """
        m = _ENDNOTE.match(block.lines[0])
        if m is None:
            return False
        label = _note_label(m)
        if label not in self.pending:
            return False
        if not m.group("sup") and not self._at_break(index, block):
            return False
        self._note(block, label, m.end())
        return True

    def _note(self, block: Block, label: str | None, end: int) -> None:
        block.kind = "note"
        block.label = "*" if label and "*" in label else label
        block.lines = [block.lines[0][end:], *block.lines[1:]]
        if label in self.pending:
            self.pending.discard(label)

    def _split_notes(self, block: Block) -> None:
        """Foot-of-page notes printed one per line, without blank lines between them."""
        current = block
        self.out.append(current)
        lines = current.lines
        current.lines = [lines[0]]
        for offset, line in enumerate(lines[1:], start=1):
            m = _ENDNOTE.match(line)
            label = _note_label(m) if m else None
            if m and (label in self.pending or self.in_notes):
                current = Block([line], block.line + offset, 0)
                self._note(current, label, m.end())
                self.out.append(current)
            else:
                current.lines.append(line)


def classify_blocks(blocks: list[Block]) -> None:
    """Give each block the kind its own shape and its neighbours show.

    Blocks holding several foot-of-page notes are split, one block per note, in place.
    """
    blocks[:] = _Classifier(blocks).run()


def _has_caption_label(raw: str) -> bool:
    """A figure label or a credit: a caption, whatever its case or place."""
    return bool(_FIGURE_LABEL.match(raw) or _CREDIT.search(raw))


def _caption_like(block: Block, near_break: bool = True) -> bool:
    """A caption by its shape: a figure label, or near a page break a credit or capitals."""
    raw = block.raw.strip()
    if len(raw) > _MAX_CAPTION:
        return False
    label = _FIGURE_LABEL.match(raw)
    if label and (near_break or label.group("punct")):
        return True
    return bool(near_break and (_CREDIT.search(raw) or _is_all_caps(raw)))


def _signed(lines: list[str]) -> bool:
    """Text whose last line is an attribution ("— Stalin"), not a wrapped line that
    happens to start with a dash: the line before it ends a sentence."""
    return (
        len(lines) > 1 and bool(_ATTRIBUTION.match(lines[-1])) and _line_finished(lines[-2].strip())
    )


def _starts_lower(block: Block) -> bool:
    text = block.first.lstrip("\"'“‘«([*_")
    return bool(text) and text[0].islower()


def _ends_hyphen_or_dash(text: str) -> bool:
    """A word hyphenated at a page end, or a dash: only the word's rest can follow."""
    tail = text.rstrip()
    return tail.endswith(("—", "–")) or (
        tail.endswith("-") and len(tail) >= 2 and tail[-2].isalpha()
    )


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
        # After a heading, before its first paragraph: where epigraphs stand.
        self.front = True
        # The last note, still open to a further paragraph, and the kind of the last
        # block read that was not page furniture.
        self.note: tuple[PassageBuilder, Passage] | None = None
        self.previous = ""

    def run(self) -> list[Passage]:
        for index, block in enumerate(self.blocks):
            if block.gap >= 2:
                self.zone = True
            handler = getattr(self, f"_on_{block.kind}")
            handler(index, block)
            if block.kind not in ("pagebreak", "furniture"):
                self.previous = block.kind
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
        self.front = True

    def _on_note(self, index: int, block: Block) -> None:
        builder = PassageBuilder("note", block.line)
        self._add_lines(builder, block.lines)
        builder.note_label = block.label
        passage = builder.build()
        if passage.text:
            self._side(passage)
            self.note = (builder, passage)

    def _on_note_more(self, index: int, block: Block) -> None:
        if self.note is None:
            self._on_prose(index, block)
            return
        self._extend_note(block)

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
        open_text = self.open.text if self.open is not None else ""
        unfinished = self.open is not None and not is_finished(open_text)
        if self.open is not None and self.open_verse:
            if (unfinished or _starts_lower(block)) and all(
                len(line.strip()) <= _MAX_VERSE_LINE for line in block.lines
            ):
                # Verse cut by a page: the next lines are more of the poem.
                self._on_verse(index, block)
                return
            if self._attribution(block):
                self._attribute(block.first)
                return
        elif self.open is not None and not block.extra.get("list"):
            if unfinished:
                if (
                    _starts_lower(block)
                    or (_ends_hyphen_or_dash(open_text) and not _caption_like(block))
                    or not self._interrupts(index, block)
                ):
                    self._continue(block)
                    return
                if (
                    self.previous in ("note", "note_more")
                    and self.note is not None
                    and not _caption_like(block)
                ):
                    # Between a note and the text it interrupts: the note's next paragraph.
                    self._extend_note(block)
                    return
                self._side(self._caption(block))
                return
            if _starts_lower(block) and self.previous in ("prose", "note", "note_more"):
                # A page never starts a paragraph in lower case: the period before the
                # break ended an abbreviation ("et al.") and the sentence runs on.
                self._continue(block)
                return
            if self.open.kind == "quote" and self._attribution(block):
                self._attribute(block.first)
                return
        if _caption_like(block, self.zone):
            self._side(self._caption(block))
            return
        self._close()
        self._flush_deferred()
        listed = bool(block.extra.get("list"))
        epigraph = not listed and self.front and self._epigraph(index, block)
        quote = epigraph or (not listed and self._is_block_quote(block))
        self.open = PassageBuilder("quote" if quote else "paragraph", block.line)
        self.open_verse = False
        lines = block.lines
        self.zone = False
        if epigraph and _signed(lines):
            self._add_lines(self.open, lines[:-1])
            self._attribute(lines[-1])
        elif listed:
            self.open.add(lines[0])
            for item in lines[1:]:
                self.open.add(item, "\n")
        else:
            self._add_lines(self.open, lines)
        if not quote:
            self.front = False

    # -- helpers ----------------------------------------------------------------------
    def _interrupts(self, index: int, block: Block) -> bool:
        """Does this block stand between a cut sentence and its continuation?"""
        if _caption_like(block):
            return True
        if _ends_hyphen_or_dash(block.lines[-1]):
            return False  # its own continuation follows: it is text, not a caption
        for later in self.blocks[index + 1 :]:
            if later.kind in ("pagebreak", "furniture", "note", "note_more"):
                continue
            if later.kind == "prose" and _caption_like(later):
                continue
            return later.kind == "prose" and _starts_lower(later)
        return False

    def _attribute(self, line: str) -> None:
        """An attribution on its own line ends the quotation it signs."""
        assert self.open is not None
        self.open.add(line.strip(), "\n")
        self._close()

    def _attribution(self, block: Block) -> bool:
        return len(block.lines) == 1 and bool(_ATTRIBUTION.match(block.first))

    def _epigraph(self, index: int, block: Block) -> bool:
        """Before a chapter's first paragraph, text signed with a dash is an epigraph."""
        if block.extra.get("quoted"):
            return True
        if _signed(block.lines):
            return True
        later = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        return later is not None and later.kind == "prose" and self._attribution(later)

    def _is_block_quote(self, block: Block) -> bool:
        if block.extra.get("quoted"):
            return True
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

    def _extend_note(self, block: Block) -> None:
        """A note's further paragraph: rebuild the note and put it where it stood."""
        assert self.note is not None
        builder, old = self.note
        builder.add(block.lines[0].strip(), "\n")
        for line in block.lines[1:]:
            self._join(builder, line)
        new = builder.build()
        for queue in (self.deferred, self.passages):
            for n in range(len(queue) - 1, -1, -1):
                if queue[n] is old:
                    queue[n] = new
                    self.note = (builder, new)
                    return

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
            # "night”—and": a dash set close keeps close; one set off by spaces stays so.
            spaced = tail[:-1].endswith((" ", "\u00a0"))
            builder.rstrip()
            builder.add(raw, " " if spaced else "")
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


def _normalise(text: str) -> str:
    """A byte-order mark and CR/CRLF line ends out; line numbers stay those of the file."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def clean_digitized_text(text: str) -> Document:
    """Turn a digitized book text (``.txt``/``.md``) into a document of passages."""
    text = _normalise(text)
    blocks = split_blocks(text)
    classify_blocks(blocks)
    vocabulary = {f"{a}-{b}".lower() for a, b in _HYPHENATED.findall(text)}
    passages = _Reader(blocks, vocabulary).run()
    link_notes(passages)
    title = next(
        (
            p.text
            for p in passages
            if p.kind == "heading"
            and not re.fullmatch(r"[\dIVXLC.\s]+", p.text)
            and not re.fullmatch(r"(?i)(?:chapter|part|глава|часть)\s+[\w.]{1,12}", p.text)
        ),
        None,
    )
    return Document(passages=passages, format="text", title=title)
