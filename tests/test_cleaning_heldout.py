"""The cleaner on held-out-style texts: other chapters, theses, articles, a memoir.

The founding chapter shows one book's page furniture.  These texts (invented prose,
written for these tests) show the same kinds of furniture in the variations other
digitizations have: page numbers and running heads at page breaks, captions with
other credits, numbered foot-of-page notes and endnotes, notes of two paragraphs,
block quotations and verse cut by a page, Markdown italics across a page, Russian
text, CRLF, tabs, non-breaking spaces and a BOM.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from imena.sources.markup import is_finished
from imena.sources.model import Document, Passage
from imena.sources.read import read_source
from imena.sources.sentences import split_sentences
from imena.sources.text import clean_digitized_text

# A thesis chapter: plain-text headings, an epigraph, page numbers and running heads,
# numbered foot-of-page notes after a rule, a cut after "No." and after initials,
# figure captions in a row, a page break between two full paragraphs.
THESIS = """\ufeffCHAPTER 3

THE POLISH OPERATION

*Every Pole is a potential spy.*
— attributed to a provincial NKVD chief, 1937

In the summer of 1937 the leadership of the NKVD prepared a second mass operation, \
aimed not at a social class but at a nationality.<sup>1</sup> The draft was written in \
the Main Directorate of State Security, discussed with the Politburo,<sup>2</sup> and \
sent to the provinces on 11 August as order No.

---

1 On the drafting see the introduction to this thesis, pp. 12–14.
2 RGASPI, f. 17, op. 162, d. 21, l. 145.

124


THE POLISH OPERATION

00485, together with a closed letter of some thirty pages on the alleged Polish \
Military Organisation.<sup>3</sup> Within a week the provincial chiefs reported their \
first arrests.

The order was read aloud to the operational staff of every province. In Leningrad \
the chief, L. M.

---

3 The letter is reproduced in the appendix.

125


NATIONAL OPERATIONS, 1937–1938

Zakovskii, addressed his officers in person and promised that the lists would be \
long.<sup>4</sup>

Figure 3. Order No. 00485, first page. (Photo: RGAKFD)

Fig. 4: The Leningrad NKVD building on Liteinyi Prospekt. (Courtesy of Memorial, Moscow)

Unlike the kulak operation, the Polish operation had no quotas; the provinces sent \
albums of names for approval in the center.<sup>5</sup> Each album page held a short \
summary of the case.

---

4 Memoirs of a Leningrad investigator, quoted in chapter 1.
5 On the albums see chapter 4.

126


THE POLISH OPERATION

The albums were reviewed by the dvoika, that is, by the People's Commissar and the \
Procurator. In practice the work was done by department chiefs, and Ezhov signed \
what they handed him.
"""

THESIS_PASSAGES = [
    ("heading", "CHAPTER 3", "CHAPTER 3"),
    ("heading", "THE POLISH OPERATION", "THE POLISH OPERATION"),
    ("quote", "Every Pole is a potential spy.\n— attributed", "chief, 1937"),
    ("paragraph", "In the summer of 1937", "reported their first arrests."),
    ("note", "On the drafting see", "pp. 12–14."),
    ("note", "RGASPI, f. 17", "l. 145."),
    ("paragraph", "The order was read aloud", "the lists would be long."),
    ("note", "The letter is reproduced", "appendix."),
    ("caption", "Figure 3. Order No. 00485", "(Photo: RGAKFD)"),
    ("caption", "Fig. 4: The Leningrad NKVD", "(Courtesy of Memorial, Moscow)"),
    ("paragraph", "Unlike the kulak operation", "a short summary of the case."),
    ("note", "Memoirs of a Leningrad", "chapter 1."),
    ("note", "On the albums see", "chapter 4."),
    ("paragraph", "The albums were reviewed", "what they handed him."),
]

# A journal article in Markdown: running heads with page numbers on one line, a cut
# sentence continued by a proper name, real and broken hyphens at page ends, an em
# dash at a page end, italics across a page, an endnotes section.
ARTICLE = """# The Special Troikas of 1938

## Kirill Volkov

In September 1938 the Politburo created, for a few weeks only, the Special Troikas \
that were to clear the backlog of the national operations.<sup>1</sup> The decision \
was drafted by Ezhov himself, who on 17 September handed orders to

The Special Troikas 17

Frinovskii, Redens and the other regional chiefs in a single telegram.<sup>2</sup> \
Each troika was to examine the albums returned from Moscow, and the files of those \
labelled Trotskiist-

18 Kirill Volkov

Bukharinist conspirators were no exception. Zakov-

The Special Troikas 19

skii's successor in Leningrad boasted of his speed. The work was described as \
self-criticism in action by some and as a scandal by others; the word self-

18 Kirill Volkov

criticism recurs in the minutes of every provincial meeting.<sup>3</sup>

Local officials knew what the troikas meant. One of them wrote in his diary that \
"the troika works day and night”—

The Special Troikas 19

and that nobody dared to question its verdicts. The newspaper *Leningradskaia

18 Kirill Volkov

pravda* printed nothing about them.<sup>4</sup>

During the two months of their work the Special Troikas examined more than \
105,000 cases.<sup>5</sup>

## Notes

1. Politburo decision of 15 September 1938.
2. Telegram of 17 September 1938; see Jansen and Petrov, *Stalin's Loyal \
Executioner*, ch. 5.
3. Minutes of the Leningrad meeting, 1938.
4. The diary is kept in a private archive.

It was published in part in 1991.
5. GARF, f. 9401, op. 1, d. 4157, l. 202.
"""

ARTICLE_PASSAGES = [
    ("heading", "The Special Troikas of 1938", "1938"),
    ("heading", "Kirill Volkov", "Kirill Volkov"),
    ("paragraph", "In September 1938", "every provincial meeting."),
    ("paragraph", "Local officials knew", "printed nothing about them."),
    ("paragraph", "During the two months", "more than 105,000 cases."),
    ("heading", "Notes", "Notes"),
    ("note", "Politburo decision", "1938."),
    ("note", "Telegram of 17 September 1938", "ch. 5."),
    ("note", "Minutes of the Leningrad meeting", "1938."),
    ("note", "The diary is kept in a private archive.\nIt was published", "in 1991."),
    ("note", "GARF, f. 9401", "l. 202."),
]

# A chapter on Butovo: a block quotation cut by a page and a starred note of two
# paragraphs, verse in a Markdown block quotation cut by a page, photos in a row,
# a running head with the page number after it.
BUTOVO = """# 7

## Butovo

The firing range at Butovo was taken over by the Moscow NKVD in August 1937. A \
former driver recalled the first nights there:

We drove out after midnight, always with the lights off, and the commandant told \
us that whoever spoke about the place would join the people we carried. I kept \
silent for fifty years, because I believed\\*



Butovo 213

\\*The interview was recorded in 1993 by volunteers of the Memorial Society.

Its full text is held in the Society's archive in Moscow.

that he meant it.<sup>12</sup>

Between August 1937 and October 1938, 20,761 people were shot at Butovo.<sup>13</sup> \
Among them were priests, workers, and officials of the NKVD itself. A prisoner's \
poem, written on a scrap of cigarette paper, survives:

> They take us out at night, in silence,\x20\x20
> Past birches white as bone;\x20\x20
> The lorries never bring back

Butovo 214

> A single man to his own.<sup>14</sup>

Photo 5. The Butovo firing range in the 1990s. (Photo: Memorial)

Photo 6. Lists of names at the memorial wall. (© Memorial, Moscow)

Photo 7. A commemoration on the site, 2007.

The site was handed to the Orthodox Church in 1995.
"""

BUTOVO_PASSAGES = [
    ("heading", "7", "7"),
    ("heading", "Butovo", "Butovo"),
    ("paragraph", "The firing range at Butovo", "the first nights there:"),
    ("quote", "We drove out after midnight", "I believed that he meant it."),
    ("note", "The interview was recorded in 1993", "Society's archive in Moscow."),
    ("paragraph", "Between August 1937", "survives:"),
    ("quote", "They take us out at night, in silence,\nPast birches", "A single man to his own."),
    ("caption", "Photo 5. The Butovo firing range", "(Photo: Memorial)"),
    ("caption", "Photo 6. Lists of names", "(© Memorial, Moscow)"),
    ("caption", "Photo 7. A commemoration", "2007."),
    ("paragraph", "The site was handed", "in 1995."),
]

# A Russian article: numbered notes as <sup>N</sup> at the start of a block, a page
# number between dashes, a running head, a word hyphenated across the page, «quotes»,
# Russian abbreviations and initials, a caption with a Russian credit.
RUSSIAN = """# Тройки НКВД в 1937–1938 гг.

Оперативный приказ № 00447 был подписан Н. И. Ежовым 30 июля 1937 г. и утвержден \
Политбюро на следующий день.<sup>1</sup> Он определял «лимиты», т. е. число \
подлежащих аресту по каждой области, и состав троек: начальник УНКВД, секретарь \
обкома и прокурор.<sup>2</sup> Председателем тройки обычно был ст. майор ГБ или \
майор ГБ, например Г. Ф. Горбач и др. Решения троек не подлежали обжало-

<sup>1</sup>Приказ опубликован: Труд. 1992. 4 июня.
<sup>2</sup>Об этом см.: Петров Н. В., Янсен М. Сталинский питомец. М., 2008.

— 12 —


Тройки НКВД

ванию, а приговоры приводились в исполнение в течение нескольких дней.

Рис. 2. Протокол заседания тройки УНКВД по Московской области. (Фото: ГА РФ)

Всего к ноябрю 1938 г. тройки осудили более 767 тыс. человек.<sup>3</sup>

<sup>3</sup>ГА РФ. Ф. 9401. Оп. 1. Д. 4157. Л. 201–205.
"""

RUSSIAN_PASSAGES = [
    ("heading", "Тройки НКВД в 1937–1938 гг.", "гг."),
    ("paragraph", "Оперативный приказ № 00447", "в течение нескольких дней."),
    ("note", "Приказ опубликован", "4 июня."),
    ("note", "Об этом см.:", "М., 2008."),
    ("caption", "Рис. 2. Протокол", "(Фото: ГА РФ)"),
    ("paragraph", "Всего к ноябрю 1938 г.", "767 тыс. человек."),
    ("note", "ГА РФ. Ф. 9401", "Л. 201–205."),
]

# A memoir excerpt exported one paragraph per line, indented with tabs, with
# non-breaking spaces and trailing spaces, and a page number and a running head.
MEMOIR = """MEMOIRS OF A SURVIVOR

\tMy father was arrested on the night of 3 November 1937.\u00a0Two men in leather \
coats came with the house manager as a witness.\u00a0\u00a0
\tMy mother asked where they were taking him. “You will be told,” one of them said, \
and that was all.\x20\x20
\tFor months she stood in the queues at the prison on Matrosskaia Tishina, and every \
time the clerk at the window said that there was no such prisoner on his lists.

57

MEMOIRS OF A SURVIVOR

\tOnly in 1956 did we learn that he had been shot on 20 January 1938, two months after \
his arrest.
"""

MEMOIR_PASSAGES = [
    ("heading", "MEMOIRS OF A SURVIVOR", "MEMOIRS OF A SURVIVOR"),
    ("paragraph", "My father was arrested on the night of 3 November 1937. Two men", "witness."),
    ("paragraph", "My mother asked where", "and that was all."),
    ("paragraph", "For months she stood", "no such prisoner on his lists."),
    ("paragraph", "Only in 1956 did we learn", "two months after his arrest."),
]

# A hard-wrapped chapter (lines of ~70 characters, words hyphenated at line ends),
# with a plain "NOTES" heading, notes of two lines, and a section break.
WRAPPED = """Chapter 6: The End of the Mass Operations

On 17 November 1938 the Politburo ended the mass operations. The
decision, signed by Stalin and Molotov, abolished the troikas and
forbade mass arrests and deportations.<sup>1</sup> It blamed the NKVD
for "serious shortcomings and distortions" in the inves-
tigation of cases, which had allowed enemies to work inside the organs.

* * *

A week later Ezhov asked to be relieved. "Who is to blame?" he asked
in his letter, and answered that it was he himself.<sup>2</sup>

NOTES

1. Decision of 17 November 1938, "On arrests, procurator's
supervision and the conduct of investigation."
2. Letter of 23 November 1938.
"""

WRAPPED_PASSAGES = [
    ("heading", "Chapter 6: The End of the Mass Operations", "Operations"),
    ("paragraph", "On 17 November 1938", "inside the organs."),
    ("paragraph", "A week later Ezhov asked", "it was he himself."),
    ("heading", "NOTES", "NOTES"),
    ("note", "Decision of 17 November 1938", 'the conduct of investigation."'),
    ("note", "Letter of 23 November 1938.", "1938."),
]

# Another chapter of a book in the founding chapter's conventions, with its running
# heads: the book's title beside a page number, "Fall 125", "126 Chapter 6"; a caption
# whose credit is on its own line; hard-wrapped prose carrying trailing spaces; a
# paragraph ending with its marker at the page end.
FALL = """# 6

## Fall

In the summer of 1938 Ezhov's position weakened. On 22 August the Politburo appointed \
Lavrentii Beria his first deputy, a choice that, as Frinovskii later testified, had \
not been Ezhov's.<sup>1</sup> Beria came to Moscow with a group of Georgian Chekists, \
among them V. N. Merkulov, B. Z. Kobulov and

124

STALIN'S LOYAL EXECUTIONER

S. A. Goglidze, and began to review the cases of the central apparatus.<sup>2</sup> \
Ezhov, for his part, kept drinking.\\*


Ezhov and Beria on the Mausoleum, November 1938.
(RGAKFD)

\\*According to his bodyguard, he drank every night.

Fall 125

The deputies' meetings with the People's Commissar became rarer. On 19 November
the Politburo discussed a denunciation of Ezhov written by the Ivanovo NKVD\x20\x20
chief, V. P. Zhuravlev, who had been warned of his own coming arrest by\x20\x20
Ezhov himself.<sup>3</sup> Ezhov wrote his resignation the same week.<sup>4</sup>

---

126 Chapter 6

Stalin accepted it on 25 November. Beria became People's Commissar, and Ezhov kept \
only the Commissariat of Water Transport.<sup>5</sup>
"""

FALL_PASSAGES = [
    ("heading", "6", "6"),
    ("heading", "Fall", "Fall"),
    ("paragraph", "In the summer of 1938", "kept drinking."),
    ("caption", "Ezhov and Beria on the Mausoleum", "(RGAKFD)"),
    ("note", "According to his bodyguard", "every night."),
    ("paragraph", "The deputies' meetings", "the same week."),
    ("paragraph", "Stalin accepted it", "Water Transport."),
]

# An OCR export: superscript digits as markers and as note numbers, a page number
# between dashes, and a page that runs on after "et al.".
OCR = """THE GREAT TERROR IN THE PROVINCES

The Sverdlovsk troika met almost daily in the autumn of 1937.¹ Its chairman, \
D. M. Dmitriev, signed the protocols with the provincial secretary, the procurator, \
et al.

and the sentences were carried out within days.²

¹ GASO, f. 1, op. 2, d. 3.
² Ibid., l. 4.

— 37 —

In January 1938 Dmitriev was transferred to Moscow.
"""

OCR_PASSAGES = [
    ("heading", "THE GREAT TERROR IN THE PROVINCES", "PROVINCES"),
    (
        "paragraph",
        "The Sverdlovsk troika",
        "et al. and the sentences were carried out within days.",
    ),
    ("note", "GASO, f. 1", "d. 3."),
    ("note", "Ibid., l. 4.", "l. 4."),
    ("paragraph", "In January 1938", "to Moscow."),
]

# Two chapters of a plain-text book: chapter headings after body text, a title line
# under each, an epigraph as a Markdown quotation, wrapped prose with a line starting
# with a dash, the chapter title as a running head with its page number.
BOOK = """CHAPTER 1

BEFORE THE STORM

The first months of 1937 were spent on preparation. The February–March Plenum gave
the signal, and the regional NKVD chiefs began to compile lists of former kulaks.

CHAPTER 2

THE KULAK OPERATION

> The enemy must be destroyed to the last man.
> — from a speech at an operational meeting, 1937

Order No. 00447 was signed on 30 July 1937 and launched the largest of the mass
operations, one that would claim some 390,000 lives within sixteen
months.<sup>1</sup> Its targets were listed in the order itself: former kulaks,
criminals, and "other anti-Soviet elements".


THE KULAK OPERATION 41


The troikas set up under the order met in every province. In Omsk the troika sat
for up to sixteen hours a day
— so its secretary later testified — and examined hundreds of cases at a sitting.

1 On the number of victims see the introduction.
"""

BOOK_PASSAGES = [
    ("heading", "CHAPTER 1", "CHAPTER 1"),
    ("heading", "BEFORE THE STORM", "BEFORE THE STORM"),
    ("paragraph", "The first months of 1937", "lists of former kulaks."),
    ("heading", "CHAPTER 2", "CHAPTER 2"),
    ("heading", "THE KULAK OPERATION", "THE KULAK OPERATION"),
    ("quote", "The enemy must be destroyed to the last man.\n— from a speech", "1937"),
    ("paragraph", "Order No. 00447 was signed", '"other anti-Soviet elements".'),
    ("paragraph", "The troikas set up", "hundreds of cases at a sitting."),
    ("note", "On the number of victims", "introduction."),
]

CASES = {
    "thesis": (THESIS, THESIS_PASSAGES),
    "article": (ARTICLE, ARTICLE_PASSAGES),
    "butovo": (BUTOVO, BUTOVO_PASSAGES),
    "russian": (RUSSIAN, RUSSIAN_PASSAGES),
    "memoir": (MEMOIR, MEMOIR_PASSAGES),
    "wrapped": (WRAPPED, WRAPPED_PASSAGES),
    "fall": (FALL, FALL_PASSAGES),
    "ocr": (OCR, OCR_PASSAGES),
    "book": (BOOK, BOOK_PASSAGES),
}


def _summary(passages: list[Passage]) -> str:
    return "\n".join(
        f"{n:2} {p.kind:9} {p.text[:60]!r} … {p.text[-30:]!r}" for n, p in enumerate(passages)
    )


def _check(document: Document, expected: list[tuple[str, str, str]]) -> None:
    got = document.passages
    shown = _summary(got)
    assert len(got) == len(expected), shown
    for n, (passage, (kind, start, end)) in enumerate(zip(got, expected, strict=True)):
        assert passage.kind == kind, f"passage {n}\n{shown}"
        assert passage.text.startswith(start), f"passage {n}: {passage.text!r}"
        assert passage.text.endswith(end), f"passage {n}: {passage.text!r}"
    for n, passage in enumerate(got):
        # No furniture, markup or unjoined page-break residue survives.
        for residue in ("<sup>", "\\*", "---", "  ", "\t", "\u00a0", "\r", "\ufeff", "*"):
            assert residue not in passage.text, f"{residue!r} in passage {n}"
        for marker in passage.markers:
            assert 0 < marker.offset <= len(passage.text)
        # Every note explains a marker with its label in an earlier passage.
        if passage.kind == "note":
            assert passage.note_for is not None and passage.note_for < n, f"note {n} unlinked"
            target = got[passage.note_for]
            assert passage.note_label in [m.label for m in target.markers]


@pytest.mark.parametrize("case", sorted(CASES))
def test_heldout_passages(case: str) -> None:
    text, expected = CASES[case]
    _check(clean_digitized_text(text), expected)


@pytest.mark.parametrize("case", sorted(CASES))
def test_heldout_through_ingest_with_crlf(case: str, tmp_path: Path) -> None:
    """The same texts as Windows files (CRLF) read from disk give the same passages."""
    text, expected = CASES[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    _check(read_source(path).document, expected)
    assert clean_digitized_text(text.replace("\n", "\r\n")).passages == (
        clean_digitized_text(text).passages
    )


def _passage(document: Document, phrase: str) -> Passage:
    hits = [p for p in document.passages if phrase in p.text]
    assert len(hits) == 1, f"{phrase!r} in {len(hits)} passages\n{_summary(document.passages)}"
    return hits[0]


def test_thesis_details() -> None:
    document = clean_digitized_text(THESIS)
    first = _passage(document, "In the summer of 1937")
    assert "as order No. 00485, together with a closed letter" in first.text
    assert [m.label for m in first.markers] == ["1", "2", "3"]
    assert "Leningrad the chief, L. M. Zakovskii, addressed" in document.passages[6].text
    body = " ".join(p.text for p in document.passages if p.kind == "paragraph")
    for furniture in ("124", "125", "126", "NATIONAL OPERATIONS", "POLISH OPERATION"):
        assert furniture not in body
    notes = [p for p in document.passages if p.kind == "note"]
    assert [n.note_label for n in notes] == ["1", "2", "3", "4", "5"]
    assert [document.passages[n.note_for].text[:12] for n in notes] == [
        "In the summe",
        "In the summe",
        "In the summe",
        "The order wa",
        "Unlike the k",
    ]


def test_article_details() -> None:
    document = clean_digitized_text(ARTICLE)
    first = document.passages[2]
    assert "handed orders to Frinovskii, Redens and the other" in first.text
    assert "labelled Trotskiist-Bukharinist conspirators" in first.text
    assert "Zakovskii's successor" in first.text
    assert "the word self-criticism recurs" in first.text
    assert "The Special Troikas" not in first.text and "Kirill" not in first.text
    second = document.passages[3]
    assert "day and night”—and that nobody dared" in second.text
    assert "newspaper Leningradskaia pravda printed" in second.text
    italic = [second.text[m.start : m.end] for m in second.markup]
    assert italic == ["Leningradskaia pravda"]
    note2 = document.passages[7]
    assert [note2.text[m.start : m.end] for m in note2.markup] == ["Stalin's Loyal Executioner"]
    assert [n.note_label for n in document.passages if n.kind == "note"] == list("12345")


def test_butovo_details() -> None:
    document = clean_digitized_text(BUTOVO)
    quote = document.passages[3]
    assert [m.label for m in quote.markers] == ["*", "12"]
    assert document.passages[4].note_for == 3
    poem = document.passages[6]
    assert poem.text.splitlines() == [
        "They take us out at night, in silence,",
        "Past birches white as bone;",
        "The lorries never bring back",
        "A single man to his own.",
    ]
    assert [m.label for m in poem.markers] == ["14"]
    assert "Butovo 21" not in " ".join(p.text for p in document.passages)


def test_russian_details() -> None:
    document = clean_digitized_text(RUSSIAN)
    body = document.passages[1]
    assert "не подлежали обжалованию, а приговоры" in body.text
    assert "12" not in body.text and "Тройки НКВД" not in body.text
    spans = [body.text[s.start : s.end] for s in split_sentences(body.text)]
    assert spans == [
        "Оперативный приказ № 00447 был подписан Н. И. Ежовым 30 июля 1937 г. и утвержден "
        "Политбюро на следующий день.",
        "Он определял «лимиты», т. е. число подлежащих аресту по каждой области, и состав "
        "троек: начальник УНКВД, секретарь обкома и прокурор.",
        "Председателем тройки обычно был ст. майор ГБ или майор ГБ, например Г. Ф. Горбач и др.",
        "Решения троек не подлежали обжалованию, а приговоры приводились в исполнение в "
        "течение нескольких дней.",
    ]


def test_memoir_details() -> None:
    document = clean_digitized_text(MEMOIR)
    assert "57" not in " ".join(p.text for p in document.passages)


def test_fall_details() -> None:
    document = clean_digitized_text(FALL)
    first = document.passages[2]
    assert "B. Z. Kobulov and S. A. Goglidze, and began" in first.text
    assert [m.label for m in first.markers] == ["1", "2", "*"]
    assert document.passages[4].note_for == 2
    wrapped = document.passages[5]
    assert "\n" not in wrapped.text and "NKVD chief, V. P. Zhuravlev" in wrapped.text
    joined = " ".join(p.text for p in document.passages)
    for furniture in ("124", "EXECUTIONER", "Fall 125", "126", "Chapter 6"):
        assert furniture not in joined


def test_ocr_superscripts() -> None:
    document = clean_digitized_text(OCR)
    body = document.passages[1]
    assert [m.label for m in body.markers] == ["1", "2"]
    assert "¹" not in body.text and "²" not in body.text
    assert [p.note_for for p in document.passages if p.kind == "note"] == [1, 1]


def test_book_details() -> None:
    document = clean_digitized_text(BOOK)
    assert "hours a day — so its secretary" in document.passages[7].text
    assert "41" not in " ".join(p.text for p in document.passages)
    assert document.passages[8].note_for == 6
    assert document.title == "BEFORE THE STORM"


def test_wrapped_details() -> None:
    document = clean_digitized_text(WRAPPED)
    body = document.passages[1]
    assert "in the investigation of cases" in body.text
    assert "The\ndecision" not in body.text and "The decision, signed" in body.text
    later = document.passages[2]
    spans = [later.text[s.start : s.end] for s in split_sentences(later.text)]
    assert spans == [
        "A week later Ezhov asked to be relieved.",
        '"Who is to blame?" he asked in his letter, and answered that it was he himself.',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Under order No. 00447 the troikas sat. Dr. Ivanov, cf. ch. 2, disagreed.",
            ["Under order No. 00447 the troikas sat.", "Dr. Ivanov, cf. ch. 2, disagreed."],
        ),
        (
            "See Jansen et al., pp. 12–14. The figure is disputed. It is, i.e. was, high.",
            ["See Jansen et al., pp. 12–14.", "The figure is disputed.", "It is, i.e. was, high."],
        ),
        (
            "The order was signed by N. I. Ezhov. L. M. Zakovskii read it aloud.",
            ["The order was signed by N. I. Ezhov.", "L. M. Zakovskii read it aloud."],
        ),
        (
            "He called them ‘enemies’.” Then he left. “Who is guilty?” asked Ezhov.",
            ["He called them ‘enemies’.”", "Then he left.", "“Who is guilty?” asked Ezhov."],
        ),
        (
            "He said: “We will purge . . . the whole apparatus.” Nobody answered.",
            ["He said: “We will purge . . . the whole apparatus.”", "Nobody answered."],
        ),
        (
            "Ежов был арестован 10 апреля 1939 г. и расстрелян в 1940 г. Его жена умерла раньше.",
            [
                "Ежов был арестован 10 апреля 1939 г. и расстрелян в 1940 г.",
                "Его жена умерла раньше.",
            ],
        ),
        (
            "Арестовывали кулаков, уголовников и т. д. Затем начались национальные операции.",
            [
                "Арестовывали кулаков, уголовников и т. д.",
                "Затем начались национальные операции.",
            ],
        ),
        (
            "Тройку возглавлял ст. майор ГБ Л. М. Заковский, т. е. начальник УНКВД. Так было.",
            [
                "Тройку возглавлял ст. майор ГБ Л. М. Заковский, т. е. начальник УНКВД.",
                "Так было.",
            ],
        ),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "finished"),
    [
        ("as order No.", False),
        ("the chief, L. M.", False),
        ("see pp.", False),
        ("were shot.<sup>12</sup>", True),
        ("were shot.¹²", True),
        ("he said.”", True),
        ("день и ночь”—", False),
        ("Trotskiist-", False),
    ],
)
def test_is_finished(text: str, finished: bool) -> None:
    from imena.sources.markup import parse_inline

    assert is_finished(parse_inline(text)[0]) is finished


def test_lists_and_captions_with_years() -> None:
    """A Markdown list is not starred notes; a caption ending in a year is not a head."""
    document = clean_digitized_text(
        "The order named:\n\n* former kulaks;\n* criminals, and\n  others.\n\n"
        "Then the work began. In 1937 the chief was\n\n\n\nEzhov at his desk, 1937\n\n\n\n"
        "his deputy Frinovskii."
    )
    assert [(p.kind, p.text) for p in document.passages] == [
        ("paragraph", "The order named:"),
        ("paragraph", "former kulaks;\ncriminals, and others."),
        ("paragraph", "Then the work began. In 1937 the chief was his deputy Frinovskii."),
        ("caption", "Ezhov at his desk, 1937"),
    ]
