"""Import of Memorial's "Stalin's lists" (lists.csv, sublists.csv, lstmaker.csv) as cited claims.

Each archival document becomes a row of ``documents`` (and of ``stalin_lists``) with its
archival citation: a citation whose ``locator`` is the archive reference ("РГАСПИ.
Ф. 17. Оп. 171. Д. 409. Л. 5–29") and whose passage and span are empty.  Each real list
(``reallist`` = 1) also becomes a ``decision`` event of the Politburo on the list's date,
with the Politburo as ``issuer``, each member whose signature the collection records as
``signer`` and the NKVD official(s) who submitted it as ``submitter``; each signature of
an official is evidence that he held his post that day (an office term ``held:``, citing
the list), and his first and last signatures in one office bound a span he held it.
Each section becomes figures: the people it lists per sentence category, with region and
date as scope.  Cover notes and inventories (``reallist`` = 0) are documents only.

Everything is written in one transaction; importing the same three files again changes
nothing, and bad input changes nothing and names the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from imena.errors import InputError
from imena.extract.offices import office_id
from imena.lists.dates import ListDate, list_date
from imena.lists.persons import SignerName, resolve_signer
from imena.lists.reconcile import record_conflicts
from imena.lists.regions import english_region, normalise_region
from imena.lists.signers import OFFICE_PHRASES, OFFICES, POLITBURO_COLUMNS, parse_signatures
from imena.store import lists as db_lists
from imena.store.db import Store, default_db_path
from imena.store.lists import DocumentRow, ListRow, ListsSourceRow, SectionRow, SignatureRow
from imena.store.writer import CitationRow, ClaimWriter, EventRow, FigureRow, OfficeTermRow

REGISTRY = "memorial-stalin-lists"
METHOD = f"imported:{REGISTRY}"
FILES = ("lists.csv", "sublists.csv", "lstmaker.csv")

# The columns each file must have (more are allowed).
_REQUIRED: dict[str, tuple[str, ...]] = {
    "lists.csv": (
        "listid", "fond", "opis", "ed_hr", "delonum", "deloname", "tom", "datetext", "adate",
        "listnum", "listtitle", "page1", "page2", "listmaker", "reallist", "politsigns",
        *POLITBURO_COLUMNS,
    ),
    "sublists.csv": (
        "sublistid", "alistid", "sublistnum", "sublisttitle", "datetext", "adate",
        "kat1count", "kat2count", "kat3count", "podp_fin",
    ),
    "lstmaker.csv": ("listmakerid", "listmakerfull"),
}  # fmt: skip

# Archives by fond, as the collection's fonds are kept: fond 17 (the Central
# Committee's Politburo papers) at RGASPI, fond 3 (the Politburo's own archive) at the
# Archive of the President of the Russian Federation.
_ARCHIVES = {"17": "РГАСПИ", "3": "АП РФ"}

#: Sentence categories of the lists: 1 shooting, 2 and 3 terms of imprisonment in camps
#: (by the lists' own headings, 2: ten years, 3: five to eight years).  Figure measures
#: are ``listed_category_N``: people a list submitted for sentencing in category N.
CATEGORIES: dict[int, str] = {
    1: "people listed for sentencing in category 1 (shooting)",
    2: "people listed for sentencing in category 2 (camp)",
    3: "people listed for sentencing in category 3 (camp)",
}


@dataclass
class ImportResult:
    """What an import did: ``imported`` as a new source, or ``unchanged``."""

    path: str
    source_id: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = ", ".join(f"{n:,} {what}" for what, n in self.counts.items())
        return f"{self.path}: {self.status} as {self.source_id}" + (f" — {parts}" if parts else "")


@dataclass
class _Files:
    lists: list[tuple[int, dict[str, str]]]
    sections: list[tuple[int, dict[str, str]]]
    makers: dict[str, str]
    sha256: str
    size: int


def _read_csv(path: Path, data: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None
    if not text.strip():
        raise InputError("empty file", path=str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [c for c in _REQUIRED[path.name] if c not in header]
        if missing:
            raise InputError(f"line 1: missing columns {', '.join(missing)}", path=str(path))
        rows = []
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise InputError(
                    f"line {reader.line_num}: {len(header)} columns expected", path=str(path)
                )
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num}: {exc}", path=str(path)) from None
    return rows


def read_files(directory: str | os.PathLike[str]) -> _Files:
    """Read and check the three files before anything is written."""
    folder = Path(directory)
    if not folder.exists():
        raise InputError("no such directory", path=str(folder))
    if not folder.is_dir():
        raise InputError(
            f"not a directory (expected one holding {', '.join(FILES)})", path=str(folder)
        )
    digest = hashlib.sha256()
    size = 0
    parsed: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for name in FILES:
        path = folder / name
        if not path.is_file():
            raise InputError(f"missing {name}", path=str(folder))
        data = path.read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
        size += len(data)
        parsed[name] = _read_csv(path, data)
    for name, column in (("lists.csv", "listid"), ("sublists.csv", "sublistid")):
        seen: set[int] = set()
        for line, row in parsed[name]:
            number = _int(row[column], folder / name, line, column)
            if number is None or number in seen:
                raise InputError(
                    f"line {line}: {column} missing or repeated", path=str(folder / name)
                )
            seen.add(number)
    makers = {row["listmakerid"].strip(): row["listmakerfull"] for _, row in parsed["lstmaker.csv"]}
    list_ids = {int(row["listid"]) for _, row in parsed["lists.csv"]}
    for line, row in parsed["sublists.csv"]:
        if _int(row["alistid"], folder / "sublists.csv", line, "alistid") not in list_ids:
            raise InputError(
                f"line {line}: alistid {row['alistid']!r} is no listid of lists.csv",
                path=str(folder / "sublists.csv"),
            )
        for column in ("kat1count", "kat2count", "kat3count"):
            _int(row[column], folder / "sublists.csv", line, column)
    for line, row in parsed["lists.csv"]:
        if row["listmaker"].strip() not in makers and row["listmaker"].strip() not in ("", "0"):
            raise InputError(
                f"line {line}: listmaker {row['listmaker']!r} is not in lstmaker.csv",
                path=str(folder / "lists.csv"),
            )
    return _Files(parsed["lists.csv"], parsed["sublists.csv"], makers, digest.hexdigest(), size)


def _int(raw: str | None, path: Path, line: int, column: str) -> int | None:
    text = (raw or "").strip()
    if not text or text.upper() == "NULL":
        return None
    try:
        return int(text)
    except ValueError:
        raise InputError(
            f"line {line}: {column} {text!r} is not a number", path=str(path)
        ) from None


def _text(raw: str | None) -> str | None:
    text = (raw or "").strip()
    return None if not text or text.upper() == "NULL" else text


def locator(row: dict[str, str]) -> tuple[str, str]:
    """The archive and the archival reference of a document: ("РГАСПИ", "РГАСПИ. Ф. 17. ...")."""
    fond = _text(row["fond"]) or "?"
    archive = _ARCHIVES.get(fond, "archive")
    parts = [
        archive,
        f"Ф. {fond}",
        f"Оп. {_text(row['opis']) or '?'}",
        f"Д. {_text(row['ed_hr']) or '?'}",
    ]
    first, last = _text(row["page1"]), _text(row["page2"])
    try:
        lo, hi = int(first or 0), int(last or 0)
    except ValueError:
        lo = hi = 0
    if lo > 0:
        parts.append(f"Л. {lo}" if hi <= lo else f"Л. {lo}–{hi}")
    else:
        parts.append("Л. без номера")
    return archive, ". ".join(parts)


def _document_kind(row: dict[str, str]) -> str:
    """``list`` for a real list; else ``inventory`` (опись) or ``note`` (a cover note)."""
    if row["reallist"].strip() == "1":
        return "list"
    return "inventory" if "опись" in (row["listtitle"] or "").lower() else "note"


class _Writer:
    """The rows of one import, written in the caller's transaction."""

    def __init__(self, conn: Any, source_id: str):
        self.conn = conn
        self.claims = ClaimWriter(conn)
        self.source_id = source_id
        self.persons: dict[str, str] = {}
        self.counts: dict[str, int] = defaultdict(int)
        # (person, office) -> [(date, list_id, locator, quote)] for the span terms.
        self.held: dict[tuple[str, str], list[tuple[ListDate, int, str, str]]] = defaultdict(list)

    def person(self, surname: str) -> str:
        if surname not in self.persons:
            self.persons[surname] = resolve_signer(self.conn, SignerName.of(surname))
        return self.persons[surname]

    def cite(
        self, kind: str, claim_id: str, where: str, quote: str | None, page: int | None
    ) -> None:
        self.claims.cite(
            CitationRow(
                claim_kind=kind,
                claim_id=claim_id,
                source_id=self.source_id,
                quote=quote,
                page=page,
                locator=where,
            )
        )

    def office(self, name: str) -> str:
        body = "nkvd-of-the-ussr" if "NKVD" in name or "Internal" in name else None
        return self.claims.ensure_office(office_id(name), name, body)

    def phrase(self, phrase: str, office: str) -> None:
        db_lists.add_office_phrase(self.conn, phrase, office)


def import_stalin_lists(
    directory: str | os.PathLike[str],
    db: str | os.PathLike[str] | None = None,
    *,
    store: Store | None = None,
) -> ImportResult:
    """Import the collection from a directory holding lists.csv, sublists.csv and lstmaker.csv."""
    files = read_files(directory)
    own = store is None
    store = store or Store(db or default_db_path())
    try:
        existing = store.source_by_sha(files.sha256)
        if existing is not None:
            counts = db_lists.import_counts(store, existing["id"])
            return ImportResult(str(directory), existing["id"], "unchanged", counts)
        with store.transaction() as conn:
            source_id = _new_source_id(conn)
            db_lists.add_source(
                conn,
                ListsSourceRow(
                    id=source_id,
                    title="Сталинские списки (Stalin's lists): lists of people submitted by the "
                    "NKVD to the Politburo, 1937–1950",
                    authors="Memorial (stalin.memo.ru)",
                    rights="© Memorial",
                    sha256=files.sha256,
                    filename=str(directory),
                    size=files.size,
                    ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            _write(conn, source_id, files)
            record_conflicts(conn)
        counts = db_lists.import_counts(store, source_id)
        return ImportResult(str(directory), source_id, "imported", counts)
    finally:
        if own:
            store.close()


def _new_source_id(conn: Any) -> str:
    candidate, n = REGISTRY, 2
    while db_lists.source_exists(conn, candidate):
        candidate, n = f"{REGISTRY}-{n}", n + 1
    return candidate


def _write(conn: Any, source_id: str, files: _Files) -> None:
    writer = _Writer(conn, source_id)
    writer.claims.ensure_body("politburo", "Politburo")
    writer.claims.ensure_body("nkvd-of-the-ussr", "NKVD of the USSR")
    for key, name in OFFICES.items():
        oid = writer.office(name)
        for phrase in OFFICE_PHRASES.get(key, ()):
            writer.phrase(phrase, oid)
    sections_by_list: dict[int, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, row in files.sections:
        sections_by_list[int(row["alistid"])].append((line, row))
    for _, row in sorted(files.lists, key=lambda item: int(item[1]["listid"])):
        _write_list(writer, row, files.makers, sections_by_list.get(int(row["listid"]), []))
    _write_spans(writer)


def _write_list(
    writer: _Writer,
    row: dict[str, str],
    makers: dict[str, str],
    sections: list[tuple[int, dict[str, str]]],
) -> None:
    conn, sid = writer.conn, writer.source_id
    list_id = int(row["listid"])
    is_list = row["reallist"].strip() == "1"
    date = list_date(row["datetext"], row["adate"])
    archive, where = locator(row)
    start, end = date.iso()
    volume, number = _text(row["tom"]), _text(row["listnum"])
    title = _text(row["listtitle"])
    page = _text(row["page1"])
    first_page = int(page) if page and page.lstrip("-").isdigit() and int(page) > 0 else None
    document_id = f"{sid}:list-{list_id}"
    db_lists.add_document(
        conn,
        DocumentRow(
            id=document_id,
            kind=_document_kind(row),
            number=f"{volume}/{number}" if volume and number else number,
            date_from=start,
            date_to=end,
            date_precision=date.precision,
            date_text=date.text,
            issuer="nkvd-of-the-ussr" if is_list else None,
            title=title,
        ),
    )
    writer.cite("document", document_id, where, title, first_page)
    maker_text = _text(makers.get(row["listmaker"].strip(), ""))
    totals = {k: 0 for k in CATEGORIES}
    for _, section in sections:
        for k in CATEGORIES:
            totals[k] += int(section[f"kat{k}count"] or 0)
    event_id = f"{sid}:list-{list_id}:decision" if is_list else None
    db_lists.add_list(
        conn,
        ListRow(
            source_id=sid, list_id=list_id, document_id=document_id, is_list=int(is_list),
            volume=_maybe_int(volume), number=_maybe_int(number), archive=archive,
            fond=_text(row["fond"]), opis=_text(row["opis"]), delo=_text(row["ed_hr"]),
            delo_number=_text(row["delonum"]), delo_title=_text(row["deloname"]),
            page_first=_maybe_int(_text(row["page1"])),
            page_last=_maybe_int(_text(row["page2"])), locator=where, title=title,
            date_text=date.text, adate=date.adate, date_from=start, date_to=end,
            date_precision=date.precision, date_basis=date.basis, date_flag=date.flag,
            submitter_text=maker_text, resolution=_text(row["politsigns"]),
            remark=_text(row.get("prim")),
        ),
    )  # fmt: skip
    writer.counts["documents"] += 1
    if is_list and event_id:
        _write_decision(writer, row, list_id, event_id, document_id, date, where, first_page,
                        maker_text, totals)  # fmt: skip
    for _, section in sections:
        _write_section(writer, section, list_id, date, where, first_page)


def _maybe_int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _write_decision(
    writer: _Writer,
    row: dict[str, str],
    list_id: int,
    event_id: str,
    document_id: str,
    date: ListDate,
    where: str,
    page: int | None,
    maker_text: str | None,
    totals: dict[int, int],
) -> None:
    conn, sid = writer.conn, writer.source_id
    start, end = date.iso()
    counts = ", ".join(f"category {k}: {n:,}" for k, n in totals.items() if n)
    detail = (
        f"Politburo approval of an NKVD list of people for sentencing "
        f"({_text(row['tom'])}/{_text(row['listnum'])}: «{_text(row['listtitle']) or ''}»)"
        + (f"; {counts}" if counts else "")
    )
    if date.flag == "adate-disagrees":
        detail += f"; dated «{date.text}» in the document, {date.adate} by Memorial"
    writer.claims.add_event(
        EventRow(
            id=event_id,
            type="decision",
            method=METHOD,
            rule="stalin-lists:decision",
            date_from=start,
            date_to=end,
            date_precision=date.precision,
            date_text=date.text,
            document_id=document_id,
            detail=detail,
        ),
        [("body", "politburo", "issuer")],
    )
    db_lists.set_list_event(conn, sid, list_id, event_id)
    resolution = _text(row["politsigns"])
    for column, surname in POLITBURO_COLUMNS.items():
        if row[column].strip() != "1":
            continue
        person = writer.person(surname)
        writer.claims.add_participant(event_id, "person", person, "signer")
        db_lists.add_signature(
            conn, SignatureRow(sid, list_id, person, "signer", as_written=surname, status="signed")
        )
        writer.counts["signatures"] += 1
    quote = f"{_text(row['listtitle']) or ''} — {date.text or date.adate or ''}"
    if resolution:
        quote += f" — {resolution}"
    writer.cite("event", event_id, where, quote, page)
    signatures = parse_signatures(maker_text)
    for signature in signatures:
        # One official's part of a string several signed, or the whole string with its
        # remark ("- нет подписи") when he signed alone.
        as_written = maker_text if len(signatures) == 1 and maker_text else signature.as_written
        person = writer.person(signature.surname)
        writer.claims.add_participant(event_id, "person", person, "submitter")
        offices = [writer.office(post.office) for post in signature.posts]
        for post, oid in zip(signature.posts, offices, strict=True):
            writer.phrase(post.text, oid)
        db_lists.add_signature(
            conn,
            SignatureRow(
                sid, list_id, person, "submitter", as_written=as_written,
                status=signature.status, post_text=signature.post_text, office_ids=offices,
                rank_text=signature.rank_text, rank=signature.rank,
            ),
            once=True,
        )  # fmt: skip
        if date.start is None:
            continue
        for post, oid in zip(signature.posts, offices, strict=True):
            term_id = f"{sid}:list-{list_id}:{person}:{oid}"
            rule = "held:stalin-lists-signature"
            if post.acting:
                rule += "-acting"
            if signature.status != "signed":
                rule += f"-{signature.status}"
            writer.claims.add_office_term(
                OfficeTermRow(
                    id=term_id,
                    person_id=person,
                    office_id=oid,
                    method=METHOD,
                    rule=rule,
                    start_to=end,
                    start_text=date.text or start,
                    end_from=start,
                    end_text=date.text or start,
                )
            )
            writer.cite("office_term", term_id, where, as_written, page)
            writer.held[(person, oid)].append((date, list_id, where, as_written))


def _write_section(
    writer: _Writer,
    row: dict[str, str],
    list_id: int,
    list_dated: ListDate,
    where: str,
    page: int | None,
) -> None:
    conn, sid = writer.conn, writer.source_id
    section_id = int(row["sublistid"])
    own = list_date(row["datetext"], row["adate"])
    if own.start is None:
        date = ListDate(
            list_dated.start, list_dated.end, list_dated.precision, list_dated.text,
            list_dated.adate, "list" if list_dated.start else "none",
        )  # fmt: skip
    else:
        flag = own.flag
        lo, hi = list_dated.start, list_dated.end
        if lo and hi and own.start and own.end and (own.end < lo or own.start > hi):
            flag = "list-disagrees"
        date = ListDate(own.start, own.end, own.precision, own.text, own.adate, own.basis, flag)
    title = _text(row["sublisttitle"])
    region = normalise_region(title)
    region_en = english_region(region)
    counts = {k: int(row[f"kat{k}count"] or 0) for k in CATEGORIES}
    start, end = date.iso()
    db_lists.add_section(
        conn,
        SectionRow(
            source_id=sid, section_id=section_id, list_id=list_id,
            number=_maybe_int(_text(row["sublistnum"])), title=title, region=region,
            region_en=region_en, date_text=date.text, date_from=start, date_to=end,
            date_precision=date.precision, date_flag=date.flag, category_1=counts[1],
            category_2=counts[2], category_3=counts[3], signer_text=_text(row["podp_fin"]),
            resolution_text=_text(row.get("podp_pb")), classification=_text(row.get("grif")),
        ),
    )  # fmt: skip
    section_where = f"{where}, раздел {_text(row['sublistnum']) or '?'} «{title or '—'}»"
    quote = f"{title or '—'}: " + ", ".join(f"{k} кат. — {n}" for k, n in counts.items())
    for k, value in counts.items():
        if value <= 0:
            continue
        figure_id = f"{sid}:section-{section_id}:category-{k}"
        writer.claims.add_figure(
            FigureRow(
                id=figure_id,
                value=value,
                measure=f"listed_category_{k}",
                method=METHOD,
                rule="stalin-lists:section",
                qualifier="exact",
                what=CATEGORIES[k],
                scope_region=region_en or region,
                period_from=start,
                period_to=end,
                date_from=start,
                date_to=end,
                date_precision=date.precision,
                date_text=date.text,
            )
        )
        writer.cite("figure", figure_id, section_where, quote, page)


def _write_spans(writer: _Writer) -> None:
    """One term per person and office: held at least from the first to the last signature."""
    sid = writer.source_id
    for (person, oid), evidence in sorted(writer.held.items()):
        dated = sorted(evidence, key=lambda item: (item[0].start, item[1]))
        first, last = dated[0], max(dated, key=lambda item: (item[0].end, item[1]))
        if first[0].end is None or last[0].start is None or first[0].end >= last[0].start:
            continue
        term_id = f"{sid}:span:{person}:{oid}"
        writer.claims.add_office_term(
            OfficeTermRow(
                id=term_id,
                person_id=person,
                office_id=oid,
                method=METHOD,
                rule="held:stalin-lists-span",
                start_to=first[0].end.isoformat(),
                start_text=first[0].text or first[0].end.isoformat(),
                end_from=last[0].start.isoformat(),
                end_text=last[0].text or last[0].start.isoformat(),
            )
        )
        for _, _, where, quote in (first, last):
            writer.cite("office_term", term_id, where, quote, None)
