"""The bundled reference data (imena/data/reference/) loaded into a database; citations resolved."""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources
from typing import Any

from imena.extract.offices import office_id
from imena.extract.pipeline import governing_notes
from imena.identity import person_for_name
from imena.machinery.vocabulary import reference_file
from imena.store import machinery as stored
from imena.store.claims import citations as stored_citations
from imena.store.db import Store
from imena.store.machinery import Connection, DocumentRow, OperationRow, ReferenceSource
from imena.store.writer import CitationRow, ClaimWriter, EventRow, FigureRow, OfficeTermRow

REFERENCE_SOURCE = "imena-reference"
METHOD = "curated:imena-reference"
FILES = ("works", "bodies", "operations", "offices", "terms", "decisions", "figures")


def reference_sha256() -> str:
    """One hash over every file of the reference data: a new version is loaded again."""
    digest = hashlib.sha256()
    folder = resources.files("imena") / "data" / "reference"
    for name in FILES:
        digest.update((folder / f"{name}.json").read_bytes())
    return digest.hexdigest()


def works() -> dict[str, dict[str, Any]]:
    return {w["id"]: w for w in reference_file("works")["works"]}


def is_loaded(store: Store) -> bool:
    return stored.reference_loaded(store, reference_sha256())


def ensure_reference(store: Store) -> None:
    """Load the reference data unless this version is already in the database.

    The machinery's questions need the curated facts (the chapter does not say in one
    sentence that Uspenskii became Ukrainian commissar); like a migration, they come with
    the code and are loaded once.
    """
    if not is_loaded(store):
        load_reference(store)


def load_reference(store: Store) -> dict[str, int]:
    """Write the reference data into ``store`` in one transaction (replacing an older version)."""
    sha = reference_sha256()
    counts: dict[str, int] = {}
    with store.transaction() as conn:
        # An older version goes first: its curated claims, their citations, the source row.
        stored.clear_reference(conn, REFERENCE_SOURCE, METHOD)
        stored.add_reference_source(
            conn,
            ReferenceSource(
                id=REFERENCE_SOURCE,
                title="imena reference data: bodies, offices, operations, terms, decisions",
                authors="imena contributors",
                language="en",
                rights="CC0",
                sha256=sha,
                ingested_at=_now(),
            ),
        )
        counts["bodies"] = _bodies(conn)
        counts["operations"] = _operations(conn)
        counts["offices"] = _offices(conn)
        counts["office_terms"] = _terms(conn)
        counts["events"] = _decisions(conn)
        counts["figures"] = _figures(conn)
        stored.record_reference_load(conn, sha, sha[:12], _now())
    return counts


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def locator(cite: dict[str, Any]) -> str:
    """'Jansen and Petrov ... ch. 5, note 74': a citation a reader can follow without imena."""
    work = works()[cite["work"]]
    notes = cite.get("notes") or []
    where = ", ".join(f"note {n}" if n != "*" else "starred note" for n in notes)
    return f"{work['cite']}{', ' + where if where else ''}"


def _cite(
    conn: Connection, kind: str, claim_id: str, cites: list[dict[str, Any]] | dict[str, Any]
) -> None:
    writer = ClaimWriter(conn)
    for cite in cites if isinstance(cites, list) else [cites]:
        writer.cite(
            CitationRow(
                claim_kind=kind,
                claim_id=claim_id,
                source_id=REFERENCE_SOURCE,
                notes=[n for n in cite.get("notes") or []],
                locator=locator(cite),
                match={"work": cite["work"], "match": cite.get("match") or []},
            )
        )


def _bodies(conn: Connection) -> int:
    items = reference_file("bodies")["bodies"]
    for body in items:
        stored.put_body(conn, body["id"], body["name"], body["kind"], body["description"])
        _cite(conn, "body", body["id"], body["cite"])
    # Parents after every body exists (the foreign key needs them).
    for body in items:
        if body.get("parent"):
            stored.set_body_parent(conn, body["id"], body["parent"])
    return len(items)


def _operations(conn: Connection) -> int:
    data = reference_file("operations")
    for op in data["operations"]:
        stored.put_operation(
            conn,
            OperationRow(
                id=op["id"],
                name=op["name"],
                order=op["order"],
                launched=op["launched"],
                ended=op["ended"],
                target=op["target"],
                description=op["description"],
                order_date=op["order_date"],
            ),
        )
        _cite(conn, "operation", op["id"], op["cite"])
    for cat in data["categories"]:
        stored.add_category(conn, cat["id"], cat["name"], cat["operation"], cat["meaning"])
        _cite(conn, "category", cat["id"], cat["cite"])
    return len(data["operations"])


def _offices(conn: Connection) -> int:
    from imena.machinery.offices import alias_key

    data = reference_file("offices")
    writer = ClaimWriter(conn)
    for office in data["offices"]:
        oid = writer.ensure_office(office_id(office["name"]), office["name"])
        stored.set_office_details(
            conn, oid, office.get("body"), office.get("region"), office["kind"]
        )
        for phrase in [office["name"], *office.get("aliases", [])]:
            stored.add_office_alias(conn, alias_key(phrase), oid, phrase)
        if office.get("alias_cite"):
            _cite(conn, "office", oid, office["alias_cite"])
    return len(data["offices"])


def _terms(conn: Connection) -> int:
    n = 0
    for k, term in enumerate(reference_file("terms")["terms"], start=1):
        pid = person_for_name(conn, term["person"])
        oid = office_id(term["office"])
        ClaimWriter(conn).ensure_office(oid, term["office"])
        for j, ev in enumerate(term["evidence"], start=1):
            tid = f"{REFERENCE_SOURCE}:t{k}.{j}"
            start_from = start_to = end_from = end_to = None
            start_text = end_text = None
            kind = ev["kind"]
            if kind == "start":
                start_from, start_to, start_text = ev["from"], ev["to"], ev.get("text")
            elif kind == "end":
                end_from, end_to, end_text = ev["from"], ev["to"], ev.get("text")
            elif kind == "held":  # held on every day from..to
                start_to, end_from = ev["from"], ev["to"]
                start_text = end_text = ev.get("text")
            else:  # held_within: on some day between from and to
                start_to, end_from = ev["to"], ev["from"]
                start_text = end_text = ev.get("text")
            ClaimWriter(conn).add_office_term(
                OfficeTermRow(
                    id=tid,
                    person_id=pid,
                    office_id=oid,
                    method=METHOD,
                    rule=f"{kind}:curated",
                    status="accepted",
                    start_from=start_from,
                    start_to=start_to,
                    start_text=start_text,
                    end_from=end_from,
                    end_to=end_to,
                    end_text=end_text,
                )
            )
            _cite(conn, "office_term", tid, ev["cite"])
            n += 1
    return n


def _decisions(conn: Connection) -> int:
    items = reference_file("decisions")["decisions"]
    for item in items:
        eid = f"{REFERENCE_SOURCE}:{item['id']}"
        doc = item.get("document")
        doc_id = None
        if doc:
            doc_id = f"order-{doc['number']}"
            stored.put_document(
                conn,
                DocumentRow(
                    id=doc_id,
                    kind=doc["kind"],
                    number=doc["number"],
                    date_from=item["date"],
                    date_to=item["date"],
                    date_precision="day",
                    date_text=item["date"],
                    issuer=item["body"],
                    title=item["detail"],
                ),
            )
        participants = [("body", body, "agent") for body in [item["body"], *item.get("bodies", [])]]
        if item.get("person"):
            participants.append(("person", person_for_name(conn, item["person"]), "subject"))
        ClaimWriter(conn).add_event(
            EventRow(
                id=eid,
                type=item["type"],
                method=METHOD,
                rule="curated",
                status="accepted",
                date_from=item["date"],
                date_to=item["date"],
                date_precision="day",
                date_text=item["date"],
                office_id=office_id(item["office"]) if item.get("office") else None,
                operation_id=item.get("operation"),
                document_id=doc_id,
                detail=item["detail"],
            ),
            participants,
        )
        _cite(conn, "event", eid, item["cite"])
    return len(items)


def _figures(conn: Connection) -> int:
    items = reference_file("figures")["figures"]
    for item in items:
        fid = f"{REFERENCE_SOURCE}:{item['id']}"
        scope = item["scope"]
        period = item.get("period") or {}
        ClaimWriter(conn).add_figure(
            FigureRow(
                id=fid,
                value=item["value"],
                measure=item["measure"],
                method=METHOD,
                rule="curated",
                status="accepted",
                value_max=item.get("value_max"),
                qualifier=item["qualifier"],
                what=item["what"],
                scope_operation=scope.get("operation"),
                scope_body=scope.get("body"),
                scope_region=scope.get("region"),
                scope_nationality=scope.get("nationality"),
                period_from=period.get("from"),
                period_to=period.get("to"),
                period_text=period.get("text"),
            )
        )
        _cite(conn, "figure", fid, item["cite"])
    return len(items)


# -- citations: stored rows to CLI.md citation objects, resolved in the user's copy -------------

_SENTENCES: dict[tuple[str, str], list[tuple[str, int, int, str, list[str]]]] = {}


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")


def _held_sentences(store: Store, source_id: str) -> list[tuple[str, int, int, str, list[str]]]:
    key = (store.path, source_id)
    if key not in _SENTENCES:
        markers = store.markers_by_passage(source_id)
        _SENTENCES[key] = [
            (
                passage,
                start,
                end,
                text[start:end],
                governing_notes(markers.get(passage, []), start, end),
            )
            for passage, text, start, end in stored.sentences_with_text(store, source_id)
        ]
    return _SENTENCES[key]


def _held_source(store: Store, work: dict[str, Any]) -> str | None:
    for sha in work.get("sha256", []):
        row = store.source_by_sha(sha)
        if row:
            return row["id"]
    for sid in work.get("source_ids", []):
        if store.source(sid) is not None:
            return sid
    return None


def resolve(store: Store, citation: dict[str, Any], match: dict[str, Any] | None) -> dict[str, Any]:
    """A reference citation with, when the user holds the work, the exact sentence it rests on."""
    if not match:
        return citation
    work = works().get(match["work"])
    words = [_normalise(w) for w in match.get("match") or []]
    source_id = _held_source(store, work) if work and words else None
    if source_id is None:
        return citation
    labels = set(citation.get("notes") or [])
    best: tuple[int, tuple[str, int, int, str, list[str]]] | None = None
    for sentence in _held_sentences(store, source_id):
        text = _normalise(sentence[3])
        if all(w in text for w in words):
            score = len(labels & set(sentence[4]))
            if best is None or score > best[0]:
                best = (score, sentence)
    if best is None:
        return citation
    passage, start, end, quote, notes = best[1]
    return {
        **citation,
        "source": source_id,
        "passage": passage,
        "start": start,
        "end": end,
        "quote": quote,
        "notes": notes or citation.get("notes") or [],
        "via": REFERENCE_SOURCE,
    }


def citations(store: Store, kind: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Citations of claims of one kind, reference citations resolved to sentences where held."""
    out: dict[str, list[dict[str, Any]]] = {}
    for claim_id, items in stored_citations(store, kind, ids, with_match=True).items():
        out[claim_id] = [resolve(store, item, item.pop("match", None)) for item in items]
    return out
