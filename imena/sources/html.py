"""HTML sources into passages: headings, paragraphs, block quotes, captions, notes.

Only text is taken from HTML; scripts, styles, forms and embedded objects are dropped,
so hostile markup in a source becomes, at worst, inert text that is escaped wherever
it is shown.  Superscript note numbers (``<sup>12</sup>``, ``<a class="footnote-ref">``)
become footnote markers with offsets; ``<em>``/``<i>`` become emphasis spans.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from imena.errors import InputError
from imena.sources.markup import PassageBuilder
from imena.sources.model import Document, Passage
from imena.sources.text import link_notes

_SKIP = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "form", "button", "input", "select", "textarea", "nav", "head", "canvas", "audio", "video",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "li", "dd", "dt", "td", "th", "pre",
    "address", "center", "header", "footer", "body", "ul", "ol", "dl", "table", "tr",
    "tbody", "thead", "tfoot", "figure", "aside", "blockquote", "figcaption", "caption",
    "details", "summary", "hr",
}  # fmt: skip
_NOTE_CLASS = re.compile(r"\b(?:foot-?notes?|end-?notes?|notes?)\b", re.I)
_LABEL = re.compile(r"^\s*\[?(\d{1,4}|\*{1,3}|[†‡§])\]?\s*$")


class _HtmlReader:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.current: PassageBuilder | None = None
        self.kind_stack: list[str] = []

    def _kind(self) -> str:
        return self.kind_stack[-1] if self.kind_stack else "paragraph"

    def _close(self) -> None:
        if self.current is not None:
            passage = self.current.build()
            if passage.text:
                self.passages.append(passage)
            self.current = None

    def _builder(self) -> PassageBuilder:
        if self.current is None:
            self.current = PassageBuilder(self._kind())
        return self.current

    def _text(self, text: str | None) -> None:
        if text and (self.current is not None or text.strip()):
            self._builder().add_plain(text)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if not tag or tag in _SKIP:
            return
        classes = element.get("class", "") + " " + element.get("role", "")
        kind = None
        if tag in _HEADINGS:
            kind = "heading"
        elif tag in ("figcaption", "caption"):
            kind = "caption"
        elif tag == "blockquote":
            kind = "quote"
        elif tag == "aside" or (
            tag in ("div", "section", "ol", "li", "p") and _NOTE_CLASS.search(classes)
        ):
            kind = "note"
        if tag == "sup" or (tag == "a" and "footnote" in classes.lower()):
            label = _LABEL.match(element.text_content())
            if label:
                self._builder().mark(label.group(1))
                return
        is_block = tag in _BLOCKS or kind is not None
        if is_block:
            self._close()
        if kind:
            self.kind_stack.append(kind)
        if tag == "br" and self.current is not None:
            if self._kind() == "quote":
                self.current.newline()
            else:
                self.current.add_plain(" ")
        emphasis_start = None
        if tag in ("em", "i", "cite") and self.current is not None:
            emphasis_start = self.current.length
        self._text(element.text)
        for child in element:
            self.walk(child)
            self._text(child.tail)
        if emphasis_start is not None and self.current is not None:
            self.current.add_markup(emphasis_start)
        if is_block:
            self._close()
        if kind:
            self.kind_stack.pop()


def label_notes(passages: list[Passage]) -> None:
    """A note that opens with a marker ("<sup>3</sup> See ...") takes it as its label."""
    for passage in passages:
        if passage.kind == "note" and passage.markers and passage.markers[0].offset == 0:
            passage.note_label = passage.markers[0].label
            passage.markers = passage.markers[1:]


def read_html(data: str, path: str) -> Document:
    """Parse decoded HTML text into a document of passages."""
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"not readable as HTML ({exc})", path=path) from None
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    body = root.find("body")
    reader = _HtmlReader()
    reader.walk(body if body is not None else root)
    reader._close()
    label_notes(reader.passages)
    link_notes(reader.passages)
    if not title:
        title = next((p.text for p in reader.passages if p.kind == "heading"), None)
    lang = root.get("lang")
    return Document(passages=reader.passages, format="html", title=title or None, language=lang)
