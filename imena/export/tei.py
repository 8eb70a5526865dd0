"""TEI P5 export: the cleaned text with its notes, and the claims as stand-off markup.

Each source becomes one ``<TEI>`` element (several sources: a ``<teiCorpus>``).  The
body keeps the passages in reading order (``<head>``, ``<p>``, ``<quote>``/``<lg>``,
``<figure><head>`` for captions, ``<note>`` for notes) with ``xml:id`` equal to the
passage's number, and each footnote marker as an ``<anchor type="noteref" n="74"/>``
at its offset.  Persons, events, office terms, figures and relations go into
``<standOff>``, each pointing at the passage span it rests on (``#p42`` with the
character range in ``@cRef``), so a TEI tool can follow every claim to its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from imena.store import claims
from imena.store.db import Store

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: Any) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            element.set(XML_ID if key == "xml_id" else key.rstrip("_"), str(value))
    if text is not None:
        element.text = text
    return element


def _local_id(passage_id: str) -> str:
    return passage_id.rsplit(":", 1)[-1]


def _text_with_anchors(element: etree._Element, text: str, markers: list[dict[str, Any]]) -> None:
    """Text with an ``<anchor>`` at each marker offset (lxml text/tail bookkeeping)."""
    last = 0
    previous: etree._Element | None = None
    for marker in sorted(markers, key=lambda m: m["offset"]):
        chunk = text[last : marker["offset"]]
        if previous is None:
            element.text = (element.text or "") + chunk
        else:
            previous.tail = (previous.tail or "") + chunk
        previous = _el(element, "anchor", type="noteref", n=marker["label"])
        last = marker["offset"]
    rest = text[last:]
    if previous is None:
        element.text = (element.text or "") + rest
    else:
        previous.tail = (previous.tail or "") + rest


def _body(store: Store, source_id: str, body: etree._Element) -> None:
    markers = store.markers_by_passage(source_id)
    for row in store.passages(source_id):
        pid = _local_id(row["id"])
        kind = row["kind"]
        marks = markers.get(row["id"], [])
        if kind == "heading":
            target = _el(body, "head", xml_id=pid)
        elif kind == "caption":
            target = _el(_el(body, "figure"), "head", xml_id=pid)
        elif kind == "note":
            target = _el(
                body,
                "note",
                xml_id=pid,
                n=row["note_label"],
                target=f"#{_local_id(row['note_for'])}" if row["note_for"] else None,
            )
        elif kind == "quote" and "\n" in row["text"]:
            lg = _el(_el(body, "quote", xml_id=pid), "lg")
            offset = 0
            for line in row["text"].split("\n"):
                end = offset + len(line)
                # A marker at a line's end belongs to that line ("...batyr.<sup>16</sup>").
                inside = [
                    dict(m, offset=m["offset"] - offset)
                    for m in marks
                    if offset <= m["offset"] <= end
                ]
                _text_with_anchors(_el(lg, "l"), line, inside)
                offset = end + 1
            continue
        elif kind == "quote":
            target = _el(_el(body, "quote", xml_id=pid), "p")
        else:
            target = _el(body, "p", xml_id=pid)
        _text_with_anchors(target, row["text"], marks)
        if row["page"] is not None:
            target.set("n", f"page {row['page']}")


def _ptr(parent: etree._Element, citations: list[dict[str, Any]]) -> None:
    for cite in citations:
        if cite["passage"] is None:  # a locator in a work (reference data): no text to point at
            continue
        _el(
            parent,
            "ptr",
            target=f"#{_local_id(cite['passage'])}",
            cRef=f"{cite['start']}-{cite['end']}",
            n=" ".join(cite["notes"]) or None,
        )


def _when(date: dict[str, Any] | None) -> dict[str, Any]:
    if not date or not date.get("from"):
        return {}
    if date["from"] == date.get("to"):
        return {"when": date["from"]}
    return {"from": date["from"], "to": date.get("to")}


def _standoff(store: Store, source_id: str, root: etree._Element) -> None:
    found = claims.claims_of_source(store, source_id)
    standoff = _el(root, "standOff")
    ids = {p["id"] for e in found["event"] for p in e["participants"] if p["kind"] == "person"}
    ids |= {t["person"]["id"] for t in found["office_term"]}
    people = _el(standoff, "listPerson")
    for person in claims.persons(store):
        if person["id"] not in ids:
            continue
        element = _el(people, "person", xml_id=f"person-{person['id']}")
        for form in person["names"]:
            _el(element, "persName", form)
    events = _el(standoff, "listEvent")
    for event in found["event"]:
        element = _el(
            events,
            "event",
            xml_id=event["id"].replace(":", "-"),
            type=event["type"],
            **_when(event["date"]),
            ana=event["status"],
            resp=event["method"],
        )
        desc = _el(element, "desc", event["detail"])
        for p in event["participants"]:
            ref = f"#person-{p['id']}" if p["kind"] == "person" else None
            # TEI's names by kind: persons, organisations (bodies, and groups such as
            # peoples and parties), places.
            tag = {"person": "persName", "place": "placeName"}.get(p["kind"], "orgName")
            _el(desc, tag, p["name"], ref=ref, role=p["role"])
        _ptr(element, event["citations"])
    for term in found["office_term"]:
        element = _el(
            events,
            "event",
            xml_id=term["id"].replace(":", "-"),
            type="office_term",
            ana=term["status"],
            resp=term["method"],
        )
        desc = _el(element, "desc")
        _el(desc, "persName", term["person"]["name"], ref=f"#person-{term['person']['id']}")
        _el(desc, "roleName", term["office"])
        _ptr(element, term["citations"])
    if found["figure"]:
        figures = _el(standoff, "listAnnotation", type="figures")
        for figure in found["figure"]:
            element = _el(
                figures,
                "note",
                xml_id=figure["id"].replace(":", "-"),
                type="figure",
                ana=figure["status"],
                resp=figure["method"],
            )
            _el(
                element,
                "measure",
                figure["what"],
                quantity=figure["value"],
                max=figure["value_max"],
                unit=figure["measure"],
                type=figure["qualifier"],
            )
            _ptr(element, figure["citations"])
    if found["relation"]:
        relations = _el(standoff, "listRelation")
        for rel in found["relation"]:
            element = _el(
                relations,
                "relation",
                name=rel["type"],
                active=f"#person-{rel['from']['id']}",
                passive=f"#person-{rel['to']['id']}",
                ana=rel["status"],
            )
            _ptr(element, rel["citations"])


def _document(store: Store, row: Any) -> etree._Element:
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    if row["language"]:
        tei.set("{http://www.w3.org/XML/1998/namespace}lang", row["language"])
    header = _el(tei, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", row["title"])
    for author in (row["authors"] or "").split(";"):
        if author.strip():
            _el(title_stmt, "author", author.strip())
    publication = _el(file_desc, "publicationStmt")
    _el(
        publication,
        "p",
        "Exported by imena; text and claims as stored, claims unreviewed unless marked accepted.",
    )
    source_desc = _el(file_desc, "sourceDesc")
    bibl = _el(source_desc, "bibl", row["title"])
    if row["year"]:
        _el(bibl, "date", str(row["year"]), when=str(row["year"]))
    _el(bibl, "idno", row["sha256"], type="sha256")
    _el(bibl, "idno", row["id"], type="imena")
    body = _el(_el(tei, "text"), "body")
    _body(store, row["id"], body)
    _standoff(store, row["id"], tei)
    return tei


def iter_tei(store: Store, *, source: str | None = None) -> Iterator[str]:
    """Yield the TEI document (a ``teiCorpus`` for several sources) as text."""
    rows = [store.source(source)] if source else store.sources()
    documents = [_document(store, row) for row in rows if row is not None]
    if len(documents) == 1:
        root = documents[0]
    else:
        root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})
        file_desc = _el(_el(root, "teiHeader"), "fileDesc")
        _el(_el(file_desc, "titleStmt"), "title", "imena export")
        _el(_el(file_desc, "publicationStmt"), "p", "Exported by imena.")
        _el(_el(file_desc, "sourceDesc"), "p", f"{len(documents)} sources.")
        root.extend(documents)
    yield etree.tostring(root, encoding="unicode", pretty_print=True).rstrip("\n")
