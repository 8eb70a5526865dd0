"""PDF sources with a text layer into passages, through the digitized-text cleaner.

pypdf gives the text runs of each page with their positions and font sizes.  From
them we rebuild what the digitized-text conventions express: lines, paragraph breaks
(a vertical gap clearly larger than the line spacing), headings (a larger font),
superscript note numbers (a smaller font) and page breaks; the cleaner then joins
sentences and hyphenated words across pages exactly as for a ``.txt`` scan.
"""

from __future__ import annotations

import io
import itertools
import logging
import statistics
from dataclasses import dataclass

import pypdf
from pypdf.errors import PdfReadError, PyPdfError

from imena.errors import InputError
from imena.sources.model import Document
from imena.sources.text import _PAGE_NUMBER, clean_digitized_text


@dataclass
class _Run:
    text: str
    y: float
    size: float


@dataclass
class _Line:
    y: float
    size: float
    parts: list[_Run]

    def text(self, body_size: float) -> str:
        alone = "".join(r.text for r in self.parts).strip()
        if alone.isdigit() or _PAGE_NUMBER.match(alone):
            # A line holding only a number is a page number, however small its font.
            return f"\n{alone}\n"
        out = []
        for run in self.parts:
            text = run.text.replace("\\", "\\\\").replace("<", "\\<").replace("_", "\\_")
            stripped = text.strip()
            if run.size < 0.85 * body_size and (stripped.isdigit() or stripped == "*"):
                out.append(f"<sup>{stripped}</sup>")
            else:
                out.append(text)
        return "".join(out).strip()


def _page_runs(page: pypdf.PageObject) -> list[_Run]:
    runs: list[_Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[3] * cm[3]) or 1.0
            runs.append(_Run(text.replace("\n", " "), tm[5] * cm[3] + cm[5], size * scale))

    page.extract_text(visitor_text=visit)
    return runs


def _lines(runs: list[_Run]) -> list[_Line]:
    lines: list[_Line] = []
    for run in runs:
        if lines and abs(lines[-1].y - run.y) < 0.6 * max(lines[-1].size, run.size):
            lines[-1].parts.append(run)
            lines[-1].size = max(lines[-1].size, run.size)
            if run.size >= lines[-1].size:
                lines[-1].y = run.y
        else:
            lines.append(_Line(run.y, run.size, [run]))
    return lines


def pdf_to_marked_text(data: bytes, path: str) -> tuple[str, list[int]]:
    """Rebuild digitized-text conventions from a PDF; also the first line of each page."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted; give a decrypted copy", path=path)
        pages = [_lines(_page_runs(page)) for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a readable PDF ({exc})", path=path) from None
    sizes = [line.size for page in pages for line in page]
    if not sizes:
        raise InputError("the PDF has no text layer (scanned images only?)", path=path)
    body = statistics.median(sizes)
    out: list[str] = []
    page_starts: list[int] = []
    for number, lines in enumerate(pages):
        if number:
            out.extend(["", "---", ""])
        page_starts.append(len(out) + 1)
        gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if a.y > b.y]
        spacing = min(gaps) if gaps else body * 1.2
        for index, line in enumerate(lines):
            text = line.text(body)
            if not text:
                continue
            if index and lines[index - 1].y - line.y > 1.4 * spacing:
                out.append("")
            if line.size > 1.15 * body and len(text) < 120:
                out.extend(["", f"## {text}", ""])
            else:
                out.append(text)
    return "\n".join(out), page_starts


def read_pdf(data: bytes, path: str) -> Document:
    """Parse PDF bytes (with a text layer) into a document of passages, pages kept."""
    text, page_starts = pdf_to_marked_text(data, path)
    document = clean_digitized_text(text)
    for passage in document.passages:
        if passage.line is not None:
            passage.page = sum(1 for start in page_starts if start <= passage.line)
    document.format = "pdf"
    return document
