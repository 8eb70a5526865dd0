"""HTML, PDF and TEI sources, and text in the encodings archives use, through ``ingest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imena.sources.read import read_source

RUSSIAN = (
    "# Приказ\n\n"
    "Народный комиссар внутренних дел Н. И. Ежов подписал оперативный приказ N 00447 "
    "30 июля 1937 г.<sup>1</sup> Операция началась 5 августа.\n\n"
    "Тройки рассматривали дела в областях.\n"
)


def passages(path: Path):
    return read_source(path).document.passages


def test_html_source(tmp_path: Path, imena):
    page = tmp_path / "article.html"
    page.write_text(
        """<!doctype html><html lang="en"><head><title>The dvoika</title>
        <script>alert('x')</script><style>p{color:red}</style></head><body>
        <nav>Home | About</nav>
        <h1>The dvoika</h1>
        <p>Albums were approved by the <em>dvoika</em>, i.e. Ezhov and
           Vyshinskii.<sup>1</sup> Tsesarskii surveyed them.</p>
        <blockquote><p>The whole business was entrusted to Tsesarskii.</p></blockquote>
        <figure><img src="x.png"><figcaption>An album page. (Memorial collection)</figcaption>
        </figure>
        <p>A source may contain &lt;script&gt;alert(1)&lt;/script&gt; as text.</p>
        <aside class="footnote"><sup>1</sup> Jansen and Petrov, ch. 5.</aside>
        <p onclick="steal()">Hostile <iframe src="evil"></iframe>attributes are dropped.</p>
        </body></html>""",
        encoding="utf-8",
    )
    got = passages(page)
    kinds = [(p.kind, p.text) for p in got]
    assert kinds[0] == ("heading", "The dvoika")
    assert kinds[1] == (
        "paragraph",
        "Albums were approved by the dvoika, i.e. Ezhov and Vyshinskii. Tsesarskii surveyed them.",
    )
    assert got[1].markers[0].label == "1"
    assert got[1].text[: got[1].markers[0].offset].endswith("Vyshinskii.")
    assert got[1].text[got[1].markup[0].start : got[1].markup[0].end] == "dvoika"
    assert ("quote", "The whole business was entrusted to Tsesarskii.") in kinds
    assert ("caption", "An album page. (Memorial collection)") in kinds
    assert ("paragraph", "A source may contain <script>alert(1)</script> as text.") in kinds
    note = next(p for p in got if p.kind == "note")
    assert note.text == "Jansen and Petrov, ch. 5." and note.note_label == "1"
    assert note.note_for == 1
    joined = " ".join(p.text for p in got)
    assert "alert('x')" not in joined and "color:red" not in joined and "Home | About" not in joined
    result = imena("ingest", str(page))
    assert result.returncode == 0, result.stderr
    source = json.loads(imena("export").stdout.splitlines()[0])
    assert source["title"] == "The dvoika" and source["format"] == "html"


def _pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.multi_cell(0, 10, "Apogee")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    pdf.write(6, "In July 1937 Ezhov received the Order of Lenin.")
    pdf.char_vpos = "SUP"
    pdf.write(6, "1")
    pdf.char_vpos = "LINE"
    pdf.write(6, " Kalinin presented it to him ten days later.")
    pdf.ln(14)
    pdf.write(
        6,
        "Ia. A. Deich lost his post in Rostov at the end of January. In mid-April L. M. Zakov-",
    )
    pdf.set_font("Helvetica", size=9)
    pdf.text(100, 285, "124")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.write(6, "skii lost his post as well, and he was arrested a fortnight after.")
    pdf.output(str(path))


def test_pdf_with_text_layer(tmp_path: Path, imena):
    pytest.importorskip("fpdf")
    path = tmp_path / "chapter.pdf"
    _pdf(path)
    got = passages(path)
    assert [(p.kind, p.page) for p in got] == [("heading", 1), ("paragraph", 1), ("paragraph", 1)]
    assert got[1].text == (
        "In July 1937 Ezhov received the Order of Lenin. "
        "Kalinin presented it to him ten days later."
    )
    assert [m.label for m in got[1].markers] == ["1"]
    # The sentence runs on across the page break; the page number is furniture.
    assert got[2].text.endswith(
        "L. M. Zakovskii lost his post as well, and he was arrested a fortnight after."
    )
    assert "124" not in got[2].text
    assert imena("ingest", str(path)).returncode == 0


TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc>
    <titleStmt><title>Special Troikas</title><author>A. Historian</author></titleStmt>
    <publicationStmt><date when="2024"/></publicationStmt>
    <sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div>
    <head>The Special Troikas</head>
    <pb n="12"/>
    <p>On 15 September 1938 the Politburo created the <hi rend="italic">Special Troikas</hi>.<note
      n="7">Decision of 15 September 1938.</note> They examined the cases of almost 108,000
      people, and the execu<lb break="no"/>tions followed.</p>
    <figure><head>The decision of 15 September 1938. (Archive photo)</head></figure>
    <quote><p>The albums are to be returned to the regions.</p></quote>
    <lg><l>The river runs beneath the ice,</l><l>And waits for spring to come.</l></lg>
    <pb n="13"/>
    <p>On 15 November a halt was called.</p>
  </div></body></text>
</TEI>
"""


def test_tei_source(tmp_path: Path, imena):
    path = tmp_path / "troikas.xml"
    path.write_text(TEI, encoding="utf-8")
    document = read_source(path).document
    got = document.passages
    assert (document.title, document.authors, document.year) == (
        "Special Troikas",
        "A. Historian",
        2024,
    )
    kinds = [p.kind for p in got]
    assert kinds == ["heading", "paragraph", "note", "caption", "quote", "quote", "paragraph"]
    para = got[1]
    assert para.text == (
        "On 15 September 1938 the Politburo created the Special Troikas. They examined the "
        "cases of almost 108,000 people, and the executions followed."
    )
    assert para.page == 12 and got[-1].page == 13
    assert [m.label for m in para.markers] == ["7"]
    assert para.text[: para.markers[0].offset].endswith("Special Troikas.")
    assert got[2].text == "Decision of 15 September 1938." and got[2].note_for == 1
    assert got[5].text == "The river runs beneath the ice,\nAnd waits for spring to come."
    assert imena("ingest", str(path)).returncode == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_text_encodings(tmp_path: Path, encoding: str):
    path = tmp_path / f"prikaz-{encoding}.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    source = read_source(path)
    got = source.document.passages
    assert got[0].text == "Приказ"
    assert got[1].text.startswith("Народный комиссар внутренних дел Н. И. Ежов подписал")
    assert [m.label for m in got[1].markers] == ["1"]
    assert source.document.encoding.replace("_", "-").startswith(
        {
            "utf-8": "utf-8",
            "utf-8-sig": "utf-8-sig",
            "utf-16": "utf-16",
            "cp1251": "cp1251",
            "koi8_r": "koi8-r",
        }[encoding]
    )


def test_tei_entities_are_never_expanded(tmp_path: Path, imena):
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>',
        encoding="utf-8",
    )
    result = imena("ingest", str(path))
    assert result.returncode == 2
    assert "root:" not in result.stdout + result.stderr
