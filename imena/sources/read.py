"""Reading one source file of any supported format into a document, or refusing it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from imena.errors import InputError
from imena.sources.decode import check_line_lengths, decode_text
from imena.sources.html import read_html
from imena.sources.model import Document
from imena.sources.pdf import read_pdf
from imena.sources.tei import read_tei
from imena.sources.text import clean_digitized_text

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "tei", ".tei": "tei",
    ".pdf": "pdf",
}  # fmt: skip
#: Larger files are not digitized texts; refusing them early keeps memory bounded.
MAX_SOURCE_BYTES = 512 * 1024 * 1024


@dataclass
class SourceFile:
    """The bytes of a source, their digest, and the document read from them."""

    path: str
    data: bytes
    sha256: str
    document: Document


def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") or b"<tei" in head:
        return "tei" if b"<tei" in data[:8192].lower() else None
    return None


def detect_format(path: str, data: bytes) -> str:
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix) or _sniff(data)
    if fmt is None:
        shown = suffix or "(no extension)"
        raise InputError(
            f"unsupported format {shown}; imena ingest reads .txt, .md, .html, .xml (TEI) and .pdf",
            path=path,
        )
    if fmt == "pdf" and not data.lstrip()[:5] == b"%PDF-":
        raise InputError("not a PDF (no %PDF- header)", path=path)
    return fmt


def read_source(path: str | os.PathLike[str]) -> SourceFile:
    """Read, decode and clean one source file; InputError says what is wrong and where."""
    name = str(path)
    p = Path(name)
    if not p.exists():
        raise InputError("no such file", path=name)
    if p.is_dir():
        raise InputError("is a directory, not a file", path=name)
    size = p.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise InputError(
            f"file is {size:,} bytes; the limit for a source is {MAX_SOURCE_BYTES:,}", path=name
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", path=name) from None
    if not data:
        raise InputError("empty file: nothing to read", path=name)
    fmt = detect_format(name, data)
    if fmt == "pdf":
        document = read_pdf(data, name)
        encoding = None
    elif fmt == "tei":
        check_line_lengths(data, name)
        document = read_tei(data, name)
        encoding = "xml"
    else:
        text, encoding = decode_text(data, name)
        document = read_html(text, name) if fmt == "html" else clean_digitized_text(text)
    document.encoding = encoding
    if not any(p.text.strip() for p in document.passages):
        raise InputError("no text found in the file", path=name)
    return SourceFile(name, data, hashlib.sha256(data).hexdigest(), document)
