"""Reading registry files row by row: encodings, Memorial's TSV, the Moscow lists' CSV, any CSV."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from imena.errors import InputError
from imena.registry.bio import parse_moscow_bio
from imena.registry.fields import (
    MEMORIAL_COLUMNS,
    NAME_FIELDS,
    RECORD_FIELDS,
    clean_name,
    clean_value,
    normalise,
)
from imena.registry.keys import NameParts, split_full_name
from imena.sources.decode import decode_text

FORMATS = ("memorial-tsv", "moscow-csv", "csv")
#: Pseudo-fields a CSV column can map onto besides RECORD_FIELDS: a whole name to split
#: ("Фамилия Имя Отчество") and a free-text biography in the Moscow lists' style.
CSV_EXTRA_FIELDS = ("full_name", "bio")
# Enough of the file to tell UTF-8 from CP1251 from KOI8-R by letter frequencies.
_HEAD_BYTES = 1 << 20
_VALID_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_VARIANT_SEPARATORS = re.compile(r"\s*[,;/|]\s*")


@dataclass
class Row:
    """One row of a registry: its normalised fields and names, or why it cannot be read."""

    line: int
    text: str
    raw: dict[str, str] | None = None
    fields: dict[str, object] | None = None
    variants: list[NameParts] = field(default_factory=list)
    reject: str | None = None


class RegistryLines:
    """The lines of a registry file, decoded one at a time in the encoding of its head.

    The encoding is chosen once from the first megabyte (UTF-8, UTF-16, CP1251 or
    KOI8-R, by the rules of :func:`imena.sources.decode.decode_text`); a later line that
    does not decode is reported as such (``text`` None) instead of stopping the import.
    """

    def __init__(self, path: Path, handle: BinaryIO):
        self.path = path
        self.handle = handle
        self.bytes_read = 0
        head = handle.read(_HEAD_BYTES)
        handle.seek(0)
        if len(head) == _HEAD_BYTES and b"\n" in head:
            head = head[: head.rindex(b"\n") + 1]  # never cut a character in two
        try:
            _, encoding = decode_text(head, str(path))
        except InputError:
            # Valid multi-byte UTF-8 before a bad byte: a UTF-8 file with damaged rows,
            # which go to the rejects file one by one.
            if not _VALID_UTF8_SEQUENCE.search(head):
                raise
            encoding = "utf-8"
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding

    def __iter__(self) -> Iterator[tuple[int, str | None, bytes]]:
        """(line number, text without its line end or None if undecodable, raw bytes)."""
        if self.encoding.startswith("utf-16"):
            yield from self._utf16()
            return
        encoding = self.encoding
        for number, raw in enumerate(self.handle, start=1):
            self.bytes_read += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                text: str | None = raw.decode(encoding).rstrip("\r\n")
            except UnicodeDecodeError:
                text = None
            yield number, text, raw

    def _utf16(self) -> Iterator[tuple[int, str | None, bytes]]:
        stream = io.TextIOWrapper(self.handle, encoding=self.encoding, newline=None)
        try:
            for number, line in enumerate(stream, start=1):
                raw = line.encode(self.encoding)
                self.bytes_read += len(raw)
                yield number, line.lstrip("\ufeff").rstrip("\n"), raw
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {self.encoding.upper()}: {exc.reason}", path=str(self.path)
            ) from None
        finally:
            stream.detach()


def shown(raw: bytes) -> str:
    """An undecodable line as text for the rejects file: its bytes escaped."""
    return raw.rstrip(b"\r\n").decode("utf-8", errors="backslashreplace")


def rows_of(fmt: str, lines: RegistryLines, mapping: dict[str, str] | None = None) -> Iterator[Row]:
    """The rows of a registry file in one of FORMATS."""
    if fmt == "memorial-tsv":
        return read_memorial_tsv(lines)
    if fmt == "moscow-csv":
        return read_csv(lines, moscow_mapping, mapping_given=None)
    if fmt == "csv":
        return read_csv(lines, csv_mapping, mapping_given=mapping)
    raise InputError(f"unknown registry format {fmt!r} (use one of {', '.join(FORMATS)})")


# -- Memorial's TSV ------------------------------------------------------------------------


def read_memorial_tsv(lines: RegistryLines) -> Iterator[Row]:
    """Memorial's denormalised table: tab-separated, a header row, 'None' for blanks.

    Split on tabs only: double quotes in this export are stray characters of the text
    (``"Красный Октябрь``), never CSV quoting, and reading them as quoting would merge rows.
    """
    iterator = iter(lines)
    header: list[str] | None = None
    for number, text, _ in iterator:
        if text is None:
            raise InputError(
                f"header is not {lines.encoding} text", path=str(lines.path), where=f"line {number}"
            )
        if text.strip():
            header = [_column_name(c) for c in text.split("\t")]
            break
    if header is None:
        raise InputError("no header row", path=str(lines.path))
    columns = [(i, MEMORIAL_COLUMNS.get(name, name)) for i, name in enumerate(header)]
    fields = [(i, name) for i, name in columns if name in RECORD_FIELDS]
    if not any(name in NAME_FIELDS for _, name in fields):
        raise InputError(
            "the header names no surname, name or patronimic column; is this Memorial's "
            "TSV? (header: " + ", ".join(header[:8]) + ")",
            path=str(lines.path),
            where="line 1",
        )
    variant_columns = [
        (i, name)
        for i, name in enumerate(header)
        if name in ("surname_variations", "name_variations")
    ]
    width = len(header)
    for number, text, raw in iterator:
        if text is None:
            yield Row(number, shown(raw), reject=f"undecodable bytes (not {lines.encoding})")
            continue
        if not text.strip():
            continue
        parts = text.split("\t")
        if len(parts) != width:
            yield Row(number, text, reject=f"{len(parts)} fields, the header has {width}")
            continue
        values = normalise({name: parts[i] for i, name in fields})
        variants = _memorial_variants(values, [(name, parts[i]) for i, name in variant_columns])
        yield _named(Row(number, text, dict(zip(header, parts, strict=True)), values, variants))


def _column_name(name: str) -> str:
    return name.strip().strip('"').lstrip("\ufeff").strip().lower()


def _memorial_variants(
    values: dict[str, object], columns: list[tuple[str, str]]
) -> list[NameParts]:
    """Other spellings the table lists (surname_variations, name_variations)."""
    variants = []
    for column, text in columns:
        cleaned = clean_value(text)
        if not cleaned:
            continue
        for spelling in _VARIANT_SEPARATORS.split(cleaned):
            spelling = clean_name(spelling)
            if not spelling:
                continue
            parts = {name: values[name] for name in NAME_FIELDS}
            parts["surname" if column == "surname_variations" else "name"] = spelling
            variants.append(NameParts(**parts))  # type: ignore[arg-type]
    return variants


def _named(row: Row) -> Row:
    """A row whose name is blank in every part cannot be found or linked: reject it."""
    assert row.fields is not None
    if not any(row.fields[name] for name in NAME_FIELDS):
        row.reject = "no name (surname, name and patronymic all blank)"
    return row


# -- CSV (the Moscow lists, and any CSV with a column mapping) ------------------------------


#: How the cells of one CSV row become normalised fields and name variants.
Converter = Callable[[list[str]], tuple[dict[str, object], list[NameParts]]]


def moscow_mapping(header: list[str], path: Path, mapping: dict[str, str] | None) -> Converter:
    """The Moscow shooting lists: ADDRESS, APT, NAME, BIO, COUNT, LINK."""
    upper = [h.strip().upper() for h in header]
    missing = [c for c in ("NAME", "BIO") if c not in upper]
    if missing:
        raise InputError(
            f"no {' or '.join(missing)} column; the Moscow lists have ADDRESS, APT, NAME, BIO, "
            f"COUNT, LINK (header: {', '.join(header[:8])})",
            path=str(path),
            where="line 1",
        )
    return _converter(
        header, {"full_name": header[upper.index("NAME")], "bio": header[upper.index("BIO")]}
    )


def csv_mapping(header: list[str], path: Path, mapping: dict[str, str] | None) -> Converter:
    """Any CSV: ``mapping`` (field → column), else columns named like the fields."""
    if not mapping:
        by_name = {h.strip().lower(): h for h in header}
        mapping = {}
        for column, name in [
            *MEMORIAL_COLUMNS.items(),
            *((f, f) for f in RECORD_FIELDS),
            *((f, f) for f in CSV_EXTRA_FIELDS),
        ]:
            if column in by_name:
                mapping[name] = by_name[column]
        if not mapping:
            raise InputError(
                "no column is named like a record field; give a mapping, e.g. "
                "--map surname=Фамилия,name=Имя,patronymic=Отчество",
                path=str(path),
            )
    unknown = [f for f in mapping if f not in RECORD_FIELDS and f not in CSV_EXTRA_FIELDS]
    if unknown:
        raise InputError(
            f"--map: unknown field {unknown[0]!r} (fields: "
            f"{', '.join((*RECORD_FIELDS, *CSV_EXTRA_FIELDS))})"
        )
    absent = [c for c in mapping.values() if c not in header]
    if absent:
        raise InputError(
            f"--map: no column {absent[0]!r} in the header ({', '.join(header)})",
            path=str(path),
            where="line 1",
        )
    if not any(f in mapping for f in (*NAME_FIELDS, "full_name")):
        raise InputError("--map: map at least one of surname, name, patronymic or full_name")
    return _converter(header, mapping)


def _converter(header: list[str], mapping: dict[str, str]) -> Converter:
    index = {f: header.index(column) for f, column in mapping.items()}
    full_name_at = index.pop("full_name", None)
    bio_at = index.pop("bio", None)

    def convert(cells: list[str]) -> tuple[dict[str, object], list[NameParts]]:
        values: dict[str, str | None] = {f: cells[i] for f, i in index.items()}
        variants: list[NameParts] = []
        if full_name_at is not None:
            primary, variants = split_full_name(cells[full_name_at])
            for part in NAME_FIELDS:
                values.setdefault(part, getattr(primary, part))
        record = normalise(values)
        if bio_at is not None:
            for name, value in bio_fields(cells[bio_at]).items():
                if record.get(name) is None:
                    record[name] = value
        return record, variants

    return convert


def bio_fields(bio: str) -> dict[str, object]:
    """Normalised fields from a BIO of the Moscow lists (see :mod:`imena.registry.bio`)."""
    bio = clean_value(bio) or ""
    if not bio:
        return {}
    parsed = parse_moscow_bio(bio)
    return {
        "birth_year": parsed.birth_year,
        "birth_place": parsed.birth_place,
        "nationality": parsed.nationality,
        "party": parsed.party_status or parsed.party,
        "occupation": parsed.occupation,
        "live_place": parsed.live_place,
        "death_date": parsed.death_date.iso() if parsed.death_date else None,
        "death_place": parsed.death_place,
        # Memorial's name of a known burial site, else the place as the list writes it.
        "burial_place": parsed.burial_site or parsed.burial_place,
        # In these lists a date of death is only ever read from "Расстрелян …".
        "was_executed": 1 if parsed.death_date else None,
    }


def read_csv(
    lines: RegistryLines,
    columns_for: Callable[[list[str], Path, dict[str, str] | None], Converter],
    mapping_given: dict[str, str] | None,
) -> Iterator[Row]:
    """Rows of a CSV with real quoting; a row's line is where it starts in the file."""
    undecodable: set[int] = set()
    # The physical lines the reader has taken since the last row: a quoted field may
    # span several, and the row's line is the first of them.
    physical: list[tuple[int, str]] = []

    def texts() -> Iterator[str]:
        for number, text, raw in lines:
            if text is None:
                undecodable.add(number)
                text = shown(raw)
            physical.append((number, text))
            yield text + "\n"

    source = texts()
    header_line = next(source, None)
    if header_line is None:
        raise InputError("empty file: no header row", path=str(lines.path))
    dialect = _sniff(header_line)
    header = next(csv.reader([header_line], dialect=dialect))
    physical.clear()
    convert = columns_for(header, lines.path, mapping_given)
    width = len(header)
    reader = csv.reader(source, dialect=dialect)
    line = 2
    try:
        for cells in reader:
            line = physical[0][0]
            text = "\n".join(t for _, t in physical)
            numbers = [n for n, _ in physical]
            physical.clear()
            if not cells or not any(c.strip() for c in cells):
                continue
            if undecodable.intersection(numbers):
                yield Row(line, text, reject=f"undecodable bytes (not {lines.encoding})")
                continue
            if len(cells) != width:
                yield Row(line, text, reject=f"{len(cells)} fields, the header has {width}")
                continue
            values, variants = convert(cells)
            yield _named(Row(line, text, dict(zip(header, cells, strict=True)), values, variants))
    except csv.Error as exc:
        where = physical[0][0] if physical else line
        raise InputError(
            f"not readable as CSV ({exc})", path=str(lines.path), where=f"line {where}"
        ) from None


def _sniff(header_line: str) -> type[csv.Dialect] | csv.Dialect:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    delimiter = max(counts, key=lambda d: counts[d])

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect
