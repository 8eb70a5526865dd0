"""TEI XML sources into passages: ``head``, ``p``, ``note``, ``quote``/``lg``, ``figure/head``.

The parser never resolves entities, loads DTDs or touches the network (XXE and
"billion laughs" files are refused, not expanded).  ``<pb n="…"/>`` sets the page of
what follows; a ``<note>`` inside a paragraph leaves a marker where it stood (its
``n``, or a running number) and becomes a note passage after that paragraph;
``<lb break="no"/>`` joins a word split across lines.
"""

from __future__ import annotations

from lxml import etree

from imena.errors import InputError
from imena.sources.markup import PassageBuilder
from imena.sources.model import Document, Passage
from imena.sources.text import link_notes

_SKIP = {"teiHeader", "fw", "del", "sic", "orig", "abbr", "figDesc", "graphic", "facsimile"}
_EMPHASIS_RENDS = ("italic", "i", "italics", "emph")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class _TeiReader:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.page: int | None = None
        self.note_count = 0

    def _emit(self, builder: PassageBuilder, notes: list[Passage] | None = None) -> None:
        passage = builder.build()
        if passage.text:
            self.passages.append(passage)
        self.passages.extend(notes or [])

    def _page_from(self, element: etree._Element) -> None:
        n = element.get("n", "")
        self.page = int(n) if n.isdigit() else (self.page + 1 if self.page else None)

    def inline(
        self, element: etree._Element, builder: PassageBuilder, notes: list[Passage]
    ) -> None:
        """Text and inline children of ``element`` into ``builder``; notes set aside."""
        builder.add_plain(element.text or "")
        for child in element:
            name = _local(child)
            if name == "note":
                self.note_count += 1
                label = child.get("n") or str(self.note_count)
                builder.mark(label)
                note = PassageBuilder("note", page=self.page)
                self.inline(child, note, notes)
                built = note.build()
                built.note_label = label
                notes.append(built)
            elif name == "pb":
                self._page_from(child)
            elif name == "lb":
                if child.get("break") == "no":
                    builder.rstrip()
                else:
                    if builder.kind == "quote":
                        builder.newline()
                    else:
                        builder.add_plain(" ")
            elif name == "l":
                builder.newline()
                self.inline(child, builder, notes)
            elif name in _SKIP or not name:
                pass
            elif (name == "hi" and child.get("rend", "").lower() in _EMPHASIS_RENDS) or name in (
                "emph",
                "foreign",
                "title",
                "term",
            ):
                start = builder.length
                self.inline(child, builder, notes)
                builder.add_markup(start)
            else:
                self.inline(child, builder, notes)
            builder.add_plain(child.tail or "")

    def block(self, element: etree._Element, kind: str) -> None:
        builder = PassageBuilder(kind, page=self.page)
        notes: list[Passage] = []
        self.inline(element, builder, notes)
        self._emit(builder, notes)

    def walk(self, element: etree._Element, in_figure: bool = False) -> None:
        for child in element:
            name = _local(child)
            if name in _SKIP or not name:
                continue
            if name == "pb":
                self._page_from(child)
            elif name == "head":
                self.block(child, "caption" if in_figure else "heading")
            elif name == "p":
                self.block(child, "caption" if in_figure else "paragraph")
            elif name in ("lg", "quote", "cit", "epigraph"):
                if name == "quote" and any(_local(c) in ("p", "lg") for c in child):
                    for part in child:
                        if _local(part) in ("p", "lg"):
                            self.block(part, "quote")
                elif name in ("cit", "epigraph"):
                    self.walk(child)
                else:
                    self.block(child, "quote")
            elif name == "note":
                builder = PassageBuilder("note", page=self.page)
                notes: list[Passage] = []
                self.inline(child, builder, notes)
                passage = builder.build()
                passage.note_label = child.get("n")
                if passage.text:
                    self.passages.append(passage)
                self.passages.extend(notes)
            elif name == "figure":
                self.walk(child, in_figure=True)
            else:
                self.walk(child, in_figure)


def read_tei(data: bytes, path: str) -> Document:
    """Parse TEI XML bytes into a document of passages."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(
            f"not well-formed XML ({exc.msg})", path=path, where=f"line {line}" if line else None
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError(
            "XML with an internal DTD is refused (entities are not expanded)", path=path
        )
    ns = {"t": root.nsmap.get(None) or ""}
    prefix = "t:" if ns["t"] else ""
    nsmap = ns if ns["t"] else None
    title_el = root.find(f".//{prefix}teiHeader//{prefix}titleStmt/{prefix}title", nsmap)
    author_el = root.findall(f".//{prefix}teiHeader//{prefix}titleStmt/{prefix}author", nsmap)
    date_el = root.find(f".//{prefix}teiHeader//{prefix}publicationStmt/{prefix}date", nsmap)
    body = root.find(f".//{prefix}text", nsmap)
    if _local(root) != "TEI" and body is None:
        raise InputError(f"XML but not TEI (root element <{_local(root)}>)", path=path)
    reader = _TeiReader()
    reader.walk(body if body is not None else root)
    link_notes(reader.passages)
    year = None
    if date_el is not None:
        when = (date_el.get("when") or date_el.text or "").strip()[:4]
        year = int(when) if when.isdigit() else None
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return Document(
        passages=reader.passages,
        format="tei",
        title=(title_el.text or "").strip() if title_el is not None and title_el.text else None,
        authors="; ".join((a.text or "").strip() for a in author_el if a.text) or None,
        year=year,
        language=language,
    )
