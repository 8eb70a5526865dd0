"""Reading the bytes of a text file: encoding detection and refusal of what is not text.

Digitized sources and registries reach us as UTF-8 (with or without BOM), UTF-16, and
the two Russian single-byte encodings still common in archives: CP1251 (Windows) and
KOI8-R (Unix, older mail and FTP archives).  Generic detectors confuse the last two
on short texts, so the choice between single-byte encodings is made here by how
Russian the decoded letters look (letter frequencies), which is what separates them.
"""

from __future__ import annotations

import codecs
import re

from imena.errors import InputError

#: A line longer than this is not a line of a digitized text or a registry row.
MAX_LINE_BYTES = 2_000_000

# The most frequent Russian letters, in order (National Corpus).  A correct decoding
# of Russian text puts most of its Cyrillic letters among these; a wrong single-byte
# decoding (KOI8-R read as CP1251 or vice versa) scatters them into rare letters and
# capitals.
_COMMON_RU = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")
_SINGLE_BYTE = ("cp1251", "koi8_r")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_line_lengths(data: bytes, path: str, limit: int = MAX_LINE_BYTES) -> None:
    """Refuse data holding a line longer than ``limit`` bytes (e.g. a 200 MB single line)."""
    if len(data) <= limit:
        return
    start = 0
    line = 1
    while start < len(data):
        nl = data.find(b"\n", start)
        end = len(data) if nl < 0 else nl
        if end - start > limit:
            raise InputError(
                f"line is {end - start:,} bytes long (the limit is {limit:,}); "
                "this is not a line of text",
                path=path,
                where=f"line {line}",
            )
        if nl < 0:
            break
        start = nl + 1
        line += 1


def _russianness(text: str) -> float:
    letters = [c for c in text if "а" <= c.lower() <= "я" or c in "ёЁ"]
    if not letters:
        return 0.0
    common = sum(1 for c in letters if c in _COMMON_RU)
    return common / len(letters)


def _looks_like_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the zero bytes of ASCII/Cyrillic characters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0)
    odd_zero = sum(1 for b in sample[1::2] if b == 0)
    half = len(sample) / 2
    # Latin text in UTF-16 has a zero in every other byte; Cyrillic has 0x04 there.
    even_04 = sum(1 for b in sample[0::2] if b in (0, 4))
    odd_04 = sum(1 for b in sample[1::2] if b in (0, 4))
    if odd_zero > 0.3 * half and odd_04 > 0.9 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.3 * half and even_04 > 0.9 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)`` or raise InputError.

    Newlines are normalised to ``\\n``.  Binary data (NUL bytes outside UTF-16, or
    many control characters) and bytes that fit no supported encoding are refused with
    the offset and line of the first offending byte.
    """
    if not data:
        raise InputError("empty file: nothing to read", path=path)
    encoding: str | None = None
    body = data
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[3:]
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding = _looks_like_utf16(data)

    if encoding and encoding.startswith("utf-16"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {encoding.upper()}: {exc.reason}",
                path=path,
                where=f"byte {exc.start + len(data) - len(body):,}",
            ) from None
        return _finish(text, path, data), encoding

    nul = body.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary data (a NUL byte at offset {nul:,}); not a text file",
            path=path,
            where=f"line {_line_of(body, nul)}",
        )
    check_line_lengths(body, path)
    try:
        text = body.decode("utf-8")
        return _finish(text, path, data), encoding or "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Valid multi-byte UTF-8 sequences before the bad byte mean a damaged UTF-8 file,
    # not a single-byte one: guessing another encoding would silently garble it.
    head = body[: utf8_error.start]
    if re.search(rb"[\xc2-\xf4][\x80-\xbf]", head):
        raise InputError(
            f"invalid UTF-8 ({utf8_error.reason}, byte 0x{body[utf8_error.start]:02x})",
            path=path,
            where=f"line {_line_of(body, utf8_error.start)}, byte {utf8_error.start:,}",
        )
    best: tuple[float, str, str] | None = None
    for candidate in _SINGLE_BYTE:
        decoded = body.decode(candidate, errors="replace")
        score = _russianness(decoded)
        if best is None or score > best[0]:
            best = (score, candidate, decoded)
    assert best is not None
    score, candidate, decoded = best
    if score < 0.75:
        raise InputError(
            "cannot decode: not UTF-8, UTF-16, CP1251 or KOI8-R text "
            f"(byte 0x{body[utf8_error.start]:02x})",
            path=path,
            where=f"line {_line_of(body, utf8_error.start)}, byte {utf8_error.start:,}",
        )
    return _finish(decoded, path, data), candidate


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _finish(text: str, path: str, data: bytes) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError("binary data (NUL characters); not a text file", path=path)
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > 0.01 * min(len(text), 65536) + 8:
        raise InputError(
            f"binary data ({controls} control characters in the first 64 KiB); not a text file",
            path=path,
        )
    if not text.strip():
        raise InputError("empty file: only white space", path=path)
    return text
