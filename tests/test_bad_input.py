"""Bad input gets one clear line, exit code 2, and leaves the database byte for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import digest

SAMPLE = Path(__file__).resolve().parent.parent / "imena" / "data" / "sample"


def _make(tmp_path: Path, case: str) -> tuple[Path, str]:
    """Create the bad file for ``case``; return it and a word the message must contain."""
    if case == "missing":
        return tmp_path / "nowhere.txt", "no such file"
    if case == "directory":
        folder = tmp_path / "folder.txt"
        folder.mkdir()
        return folder, "directory"
    path = tmp_path / {
        "unsupported": "chapter.docx",
        "pdf": "broken.pdf",
        "tei": "bad.xml",
        "html_binary": "page.html",
    }.get(case, f"{case}.txt")
    if case == "empty":
        path.write_bytes(b"")
        return path, "empty"
    if case == "blank":
        path.write_bytes(b"\n \n\t\n")
        return path, "empty"
    if case == "binary":
        path.write_bytes(bytes(range(256)) * 64)
        return path, "binary"
    if case == "html_binary":
        path.write_bytes(b"<html>\x00\x01\x02" + bytes(range(256)) * 8)
        return path, "binary"
    if case == "unsupported":
        path.write_bytes(b"PK\x03\x04" + bytes(100))
        return path, "unsupported format"
    if case == "undecodable":
        # Valid UTF-8 Cyrillic, then a stray byte: a damaged file, not another encoding.
        path.write_bytes("Ежов был назначен.\n".encode() * 20 + b"\xff\xfe broken\n")
        return path, "invalid UTF-8"
    if case == "not_text":
        path.write_bytes(bytes([0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87]) * 200)
        return path, "cannot decode"
    if case == "huge_line":
        with path.open("wb") as fh:
            chunk = b"a" * (1 << 20)
            for _ in range(200):
                fh.write(chunk)
        return path, "line 1"
    if case == "pdf":
        path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer")
        return path, "PDF"
    if case == "tei":
        path.write_text(
            '<?xml version="1.0"?><TEI><text><body><p>unclosed</body></TEI>', encoding="utf-8"
        )
        return path, "line 1"
    raise AssertionError(case)


CASES = [
    "missing",
    "directory",
    "empty",
    "blank",
    "binary",
    "html_binary",
    "unsupported",
    "undecodable",
    "not_text",
    "huge_line",
    "pdf",
    "tei",
]


@pytest.fixture
def populated(imena):
    result = imena("ingest", str(SAMPLE / "mass-operations-outline.md"))
    assert result.returncode == 0, result.stderr
    return imena


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_one_line_exit_2_and_database_untouched(populated, tmp_path: Path, case: str):
    bad, word = _make(tmp_path, case)
    before = digest(populated.db)
    result = populated("ingest", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("imena: error: ")
    assert str(bad) in lines[0]
    assert word.lower() in lines[0].lower()
    assert "Traceback" not in result.stderr
    assert digest(populated.db) == before


def test_one_bad_file_among_good_ones_writes_nothing(imena, tmp_path: Path):
    bad, _ = _make(tmp_path, "binary")
    result = imena("ingest", str(SAMPLE / "mass-operations-outline.md"), str(bad))
    assert result.returncode == 2
    assert not imena.db.exists(), "no database is created by a failed ingest"


def test_no_database_for_export(imena):
    result = imena("export")
    assert result.returncode == 2
    assert result.stderr.startswith("imena: error: ") and str(imena.db) in result.stderr
    assert not imena.db.exists()


def test_usage_errors_are_one_line(imena):
    result = imena("export", "--format", "docx")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("imena: error: ")
