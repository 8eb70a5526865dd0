"""Figures in English prose: phrase kinds, non-figures, measures, scope, part-whole, the chapter."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from imena.extract.figures import (
    QUALIFIER_PHRASES,
    SCOPE_KEYS,
    FigureContext,
    FigureMention,
    find_figures,
)
from imena.model import MEASURES

CHAPTER = Path(__file__).resolve().parent.parent.parent / "shared" / "sources" / (
    "jansen-petrov-2002-ch5-apogee.txt"
)


def _only(sentence: str) -> FigureMention:
    figures = find_figures(sentence)
    assert len(figures) == 1, [(sentence[f.start : f.end], f.value) for f in figures]
    return figures[0]


# --------------------------------------------------------------------------------------------
# Number phrases: value, value_max, qualifier, and the span of the phrase
# --------------------------------------------------------------------------------------------

PHRASES = [
    # sentence, phrase as spanned, value, value_max, qualifier
    ("The NKVD arrested 75,000 people.", "75,000", 75_000, None, "exact"),
    ("Some 600,000 people had been condemned.", "Some 600,000", 600_000, None, "about"),
    ("They condemned approximately 1,500 people.", "approximately 1,500", 1_500, None, "about"),
    ("Around 4,000 were arrested.", "Around 4,000", 4_000, None, "about"),
    ("Roughly 300 were released.", "Roughly 300", 300, None, "about"),
    ("Over 100,000 people were arrested.", "Over 100,000", 100_000, None, "over"),
    ("More than 72,000 were shot.", "More than 72,000", 72_000, None, "over"),
    ("In excess of 5,000 were deported.", "In excess of 5,000", 5_000, None, "over"),
    ("Fewer than 500 were rehabilitated.", "Fewer than 500", 500, None, "under"),
    ("Less than 200 were released.", "Less than 200", 200, None, "under"),
    ("Almost 108,000 cases were examined.", "Almost 108,000", 108_000, None, "almost"),
    ("Nearly 700 were arrested.", "Nearly 700", 700, None, "almost"),
    ("Close to 9,000 were deported.", "Close to 9,000", 9_000, None, "almost"),
    ("At least 20,000 Germans were deported.", "At least 20,000", 20_000, None, "at least"),
    ("No less than 65,000 appeals were filed.", "No less than 65,000", 65_000, None, "at least"),
    ("Up to 40,000 Finns were deported.", "Up to 40,000", 40_000, None, "up to"),
    ("As many as 3,000 were shot.", "As many as 3,000", 3_000, None, "up to"),
    ("5,000 or more died in the camps.", "5,000 or more", 5_000, None, "at least"),
    ("30,000-odd prisoners remained.", "30,000-odd", 30_000, None, "about"),
    ("He handed over 30 prisoners to the guards.", "30", 30, None, "exact"),
    # spelled out
    ("Sixty-two NKVD executives were elected.", "Sixty-two", 62, None, "exact"),
    ("Thirty-two of their colleagues were elected.", "Thirty-two", 32, None, "exact"),
    ("Eight members had been expelled.", "Eight", 8, None, "exact"),
    ("Orders went to some 120 other NKVD executives.", "some 120", 120, None, "about"),
    ("Two hundred and fifty officers were arrested.", "Two hundred and fifty", 250, None,
     "exact"),
    ("Three thousand five hundred were shot.", "Three thousand five hundred", 3_500, None,
     "exact"),
    ("A dozen generals were arrested.", "A dozen", 12, None, "about"),
    ("A hundred delegates attended.", "A hundred", 100, None, "exact"),
    ("Half a million peasants were deported.", "Half a million", 500_000, None, "exact"),
    # scales
    ("About 1.5 million people were arrested.", "About 1.5 million", 1_500_000, None, "about"),
    ("The Party had 2 million members.", "2 million", 2_000_000, None, "exact"),
    # ranges
    ("They cited numbers from 30,000 to 40,000.", "from 30,000 to 40,000", 30_000, 40_000,
     "exact"),
    ("Between 680,000 and 750,000 people were shot.", "Between 680,000 and 750,000", 680_000,
     750_000, "exact"),
    ("Some 30,000–40,000 were arrested.", "Some 30,000–40,000", 30_000, 40_000, "about"),
    ("Roughly 30 to 40 thousand were released.", "Roughly 30 to 40 thousand", 30_000, 40_000,
     "about"),
    ("Some 10,000 to 12,000 were released.", "Some 10,000 to 12,000", 10_000, 12_000, "about"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "value_max", "qualifier"), PHRASES)
def test_number_phrases(sentence: str, span: str, value: int, value_max: int | None,
                        qualifier: str) -> None:
    fig = _only(sentence)
    assert sentence[fig.start : fig.end] == span
    assert (fig.value, fig.value_max, fig.qualifier) == (value, value_max, qualifier)
    assert fig.rule  # every figure says which rule made it


# --------------------------------------------------------------------------------------------
# Numbers that count nothing
# --------------------------------------------------------------------------------------------

NOT_FIGURES = [
    ("In 1938 the terror went on.", "year"),
    ("His bodyguard in 1937–38 testified.", "year range"),
    ("They met often in 1931–33.", "year range"),
    ("During the 1930s she lived in Moscow.", "decade"),
    ("On 17 July 1937 the order came.", "date"),
    ("On July 17, 1937 the order came.", "date, month first"),
    ("From 11 to 20 January 1938 a Plenum was held.", "date range"),
    ("Between 11 and 19 February he visited Stalin.", "date range"),
    ("The first session (12–19 January) was short.", "date range"),
    ("It followed order No. 00447 and the Polish order.", "order number"),
    ("Orders Nos. 00485 and 00439 were signed.", "order numbers"),
    ("Under Article 58-10 he was tried.", "article"),
    ("GARF, f. 9401, op. 1, d. 4157, ll. 201–205.", "archival reference"),
    ("See pp. 45–47 and p. 12.", "pages"),
    ("Ibid., 45.", "page citation"),
    ("Khlevniuk (1996: 123) disagrees.", "author-date page"),
    ("The 8th Department and the 17th Congress met.", "ordinals"),
    ("The twentieth anniversary was celebrated.", "ordinal word"),
    ("Two weeks later he was arrested.", "duration"),
    ("Ten days later he was shot.", "duration"),
    ("Three days before the elections he spoke.", "duration"),
    ("It took two months and half a year.", "durations"),
    ("During the first seven months of 1938 little changed.", "duration"),
    ("He got ten years in the camps.", "sentence length"),
    ("A fifteen-year-old daughter was left alone.", "age"),
    ("He was arrested at the age of 45.", "age"),
    ("2. All bonds of interior loans are annulled.", "paragraph number"),
    ("(5) The Municipal Duma shall meet on Monday.", "list item"),
    ('"Nothing here," Shalayev, 30, told the radio.', "age after a name"),
    ("She was 17, a trained scientist.", "age after a pronoun"),
    ("Moscow, January 7, 1918, 12 noon.", "clock time"),
    ("At six or seven in the morning they left.", "time of day"),
    ("He came at 3 a.m. without warning.", "time of day"),
    ("The fine was 500 rubles and $200.", "money"),
    ("The camp lay 30 km away.", "distance"),
    ("Three times as many were shot.", "multiplier"),
    ("Two-thirds of them were Poles.", "fraction"),
    ("One of them returned; one can infer nothing.", "one"),
    ("The two men drank; the three of them left.", "anaphora"),
    ("One in five survived.", "ratio"),
    ("The troikas had condemned them all.74 The next year was calmer.", "footnote digit"),
    ("Hundreds of schools and several thousand dollars were involved.", "no number given"),
    ("Politburo protocol No. 51, decision P51/144.", "protocol numbers"),
]


@pytest.mark.parametrize(("sentence", "why"), NOT_FIGURES)
def test_not_figures(sentence: str, why: str) -> None:
    found = find_figures(sentence)
    assert found == [], (why, [(sentence[f.start : f.end], f.rule) for f in found])


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "what"),
    [
        ("About 40 percent were peasants.", 40, "about", "percent"),
        ("Some 70% of the kulaks were shot.", 70, "about", "percent of the kulaks"),
        ("In all 12 per cent of the delegates were spared.", 12, "exact",
         "percent of the delegates"),
    ],
)
def test_percentages_are_shares(sentence: str, value: int, qualifier: str, what: str) -> None:
    (share,) = find_figures(sentence)
    assert (share.value, share.measure, share.what) == (value, "percent", what)
    assert share.qualifier == qualifier


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("More than 320 000 people were arrested.", 320_000),
        ("Of these, 1, 108 persons were arrested.", 1_108),
        ("About 3.3 million people were deported.", 3_300_000),
        ("A quarter of a million people were shot.", 250_000),
        ("Twenty thousand officers were arrested.", 20_000),
        ("In 1937 300 people were shot.", 300),
    ],
)
def test_number_forms_of_real_texts(sentence: str, value: int) -> None:
    assert [f.value for f in find_figures(sentence)] == [value]


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------

MEASURE_CASES = [
    ("Some 600,000 people had been condemned.", "condemned"),
    ("The Military Collegium convicted 36,000 people.", "condemned"),
    ("The troikas sentenced 386,798 people to death.", "sentenced_to_death"),
    ("More than 72,000 were condemned to the death penalty.", "sentenced_to_death"),
    ("The courts passed 5,000 death sentences.", "sentenced_to_death"),
    ("The troikas sentenced 380,599 people to the camps.", "sentenced_to_camp"),
    ("In 1937 some 353,000 were shot.", "shot"),
    ("Between 680,000 and 750,000 people were executed.", "shot"),
    ("The NKVD arrested about 1.5 million people.", "arrested"),
    ("The number of arrests fell to 630,000.", "arrested"),
    ("The troikas examined the cases of 120,000 people arrested in the German operation.",
     "examined"),
    ("Some 100,000 Party members had been expelled.", "expelled"),
    ("Some 77,000 people were restored to Party membership.", "restored"),
    ("Only some 32,000 members had been admitted.", "admitted"),
    ("Fewer than 500 were rehabilitated before 1956.", "rehabilitated"),
    ("More than 20,000 prisoners were released in 1939.", "released"),
    ("At least 20,000 Germans were deported from the Volga.", "deported"),
    ("Some 4,000 prisoners died in the camps.", "died"),
    ("The Politburo approved additional limits of 48,000 for the Ukraine.", "quota"),
    ("The Politburo permitted him to arrest an extra 30,000 people.", "quota"),
    ("The order set a quota of 75,950 people to be shot.", "quota"),
    ("He addressed a meeting attended by 75,000.", "attended"),
    ("Sixty-two other NKVD executives were elected to the Supreme Soviet.", "elected"),
    ("He received 40 nominations.", "nominated"),
    ("Kalinin handed orders to some 120 other NKVD executives.", "awarded"),
    ("Over 1,000 NKVD officers were awarded orders and medals.", "awarded"),
    ("Some 300 prisoners were held in the albums.", "prisoners"),
    ("In 1936 the Party had 2 million members.", "members"),
    ("The chiefs cited numbers of persons repressed, 40,000 in all.", "repressed"),
    # No cue: a wrong measure is worse than count.
    ("She had six children with him.", "count"),
    ("Postyshev had disbanded thirty district committees.", "count"),
    ("No less than 65,000 appeals had not yet been examined.", "count"),
    ("After arrest, 40 witnesses testified against him.", "count"),
]


@pytest.mark.parametrize(("sentence", "measure"), MEASURE_CASES)
def test_measures(sentence: str, measure: str) -> None:
    fig = _only(sentence)
    assert fig.measure == measure, fig.rule
    assert fig.measure in MEASURES


def test_relative_clause_describes_not_counts() -> None:
    fig = _only("The troikas examined the files of almost 9,000 people who had been arrested.")
    assert fig.measure == "examined"
    assert fig.what == "people arrested"


def test_first_of_coordinated_cues() -> None:
    a, b = find_figures("Eight members and sixteen candidates had been expelled and arrested.")
    assert (a.measure, b.measure) == ("expelled", "expelled")
    (c,) = find_figures("The plenum voted for the expulsion and arrest of ten other members.")
    assert c.measure == "expelled"


def test_quota_with_planned_categories() -> None:
    a, b = find_figures("Order No. 00447 set a quota of 75,950 people to be shot and 186,500 "
                        "to be sent to camps.")
    assert (a.value, a.measure, b.value, b.measure) == (75_950, "quota", 186_500, "quota")
    assert a.scope["operation"] == b.scope["operation"] == "kulak"


def test_sentence_complements_split_death_and_camp() -> None:
    a, b = find_figures("The troikas sentenced 386,798 people to death and 380,599 to the camps.")
    assert (a.measure, b.measure) == ("sentenced_to_death", "sentenced_to_camp")
    assert a.scope["body"] == b.scope["body"] == "troikas"


# --------------------------------------------------------------------------------------------
# What, scope, lists
# --------------------------------------------------------------------------------------------


def test_what_is_the_counted_noun_phrase() -> None:
    assert _only("Orders went to some 120 other NKVD executives: Berman, Redens.").what == (
        "other NKVD executives")
    assert _only("Thirty-two of their colleagues were elected.").what == "their colleagues"
    assert _only("Some 2,000 delegates attended the congress.").what == "delegates"
    assert _only("They cited numbers of people arrested from 30,000 to 40,000.").what == (
        "people arrested")


def test_list_of_region_number_pairs() -> None:
    sentence = ("The chief for Western Siberia gave a figure of 51,000 people arrested, "
                "Orlov of Sverdlovsk province—41,000, Belov of Belorussia—61,000, "
                "Sokolov of the Far East—71,000, Volkov of Moscow province—52,000.")
    found = [(f.value, f.measure, f.scope["region"]) for f in find_figures(sentence)]
    assert found == [
        (51_000, "arrested", "Western Siberia"),
        (41_000, "arrested", "Sverdlovsk province"),
        (61_000, "arrested", "Belorussia"),
        (71_000, "arrested", "Far East"),
        (52_000, "arrested", "Moscow province"),
    ]


def test_parenthesised_pairs_bind_their_own_region_and_date() -> None:
    sentence = ("Later, extra quotas were given to the Ukraine "
                "(25,000 on 3 March) and the Far East (12,000 on 4 August).")
    a, b = find_figures(sentence)
    assert (a.measure, a.scope["region"], a.scope["period"]) == (
        "quota", "Ukraine", "on 3 March")
    assert (b.measure, b.scope["region"], b.scope["period"]) == (
        "quota", "Far East", "on 4 August")


@pytest.mark.parametrize(("sentence", "key", "label"), [
    ("Under order No. 00447 some 500,000 people were condemned by then.",
     "operation", "kulak"),
    ("In the kulak operation 386,798 were shot.", "operation", "kulak"),
    ("In the national operations 247,157 were shot.", "operation", "national"),
    ("In the Polish operation 139,835 people were condemned.", "operation", "polish"),
    ("Order No. 00485 led to 143,810 arrests.", "operation", "polish"),
    ("The Harbin operation netted 30,992 arrests.", "operation", "harbin"),
    ("Vinnitsa reported 7,200 arrests in the German and Polish operations.", "operation", None),
    ("The Special Troikas examined the cases of 108,000 people.", "body", "Special Troikas"),
    ("The central dvoika examined 20,000 albums.", "body", "dvoika"),
    ("The Politburo approved limits of 48,000.", "body", "Politburo"),
    ("In Tula province, 5,000 were condemned.", "region", "Tula province"),
    ("The Ukrainian NKVD chiefs cited 40,000 arrests.", "region", "Ukraine"),
    ("At least 20,000 Germans were deported from Kazakhstan.", "region", "Kazakhstan"),
    ("In Moscow 5,000 files were examined.", "region", None),
    ("Over 21,000 Poles were shot.", "nationality", "Poles"),
    ("Some 3,000 Polish citizens were arrested.", "nationality", "Poles"),
    ("During 1937 some 100,000 Party members had been expelled.", "period", "During 1937"),
    ("Some 77,000 were restored during 1938.", "period", "during 1938"),
    ("During the first seven months of 1938, some 37,000 were expelled.",
     "period", "During the first seven months of 1938"),
    ("Between 680,000 and 750,000 people were executed in 1937 and 1938.",
     "period", "in 1937 and 1938"),
])
def test_scope(sentence: str, key: str, label: str | None) -> None:
    fig = _only(sentence)
    assert set(fig.scope) == set(SCOPE_KEYS)
    assert fig.scope[key] == label, fig.scope


def test_coordinated_figures_share_qualifier_and_period() -> None:
    a, b = find_figures("Whereas during 1937 only some 12,000 members and 14,000 candidates "
                        "were admitted, in 1938 there were more.")
    assert (a.qualifier, b.qualifier) == ("about", "about")
    assert (a.measure, b.measure) == ("admitted", "admitted")
    assert a.scope["period"] == b.scope["period"] == "during 1937"
    a, b = find_figures("Some 77,000 people were restored, compared with 46,000 during 1937.")
    assert (a.qualifier, b.qualifier) == ("about", "exact")  # no coordination: no distribution
    assert b.measure == "restored"


# --------------------------------------------------------------------------------------------
# Context: part and whole across sentences, "these numbers ... respectively"
# --------------------------------------------------------------------------------------------


def test_part_whole_chain_across_sentences() -> None:
    ctx = FigureContext()
    (whole,) = find_figures("In two months the Special Troikas examined the cases of almost "
                            "90,000 people who had been arrested in the national operations.", ctx)
    condemned, death, poles, germans = find_figures(
        "Over 80,000 of them were condemned, including more than 50,000 to the death penalty; "
        "among them were over 11,000 Poles and over 9,000 Germans.", ctx)
    assert (whole.measure, whole.qualifier, whole.part_of) == ("examined", "almost", None)
    assert (condemned.measure, condemned.part_of) == ("condemned", 90_000)
    assert (death.measure, death.part_of) == ("sentenced_to_death", 80_000)
    # "among them": the nearest preceding group, the sentenced to death (documented choice).
    for part, nationality in ((poles, "Poles"), (germans, "Germans")):
        assert part.part_of == 50_000 and part.whole is death
        assert part.measure == "sentenced_to_death"
        assert part.scope["nationality"] == nationality
    for fig in (condemned, death, poles, germans):
        assert fig.scope["body"] == "Special Troikas"
        assert fig.scope["operation"] == "national"
    # Parts never exceed their wholes.
    for fig in (condemned, death, poles, germans):
        assert fig.whole is not None and fig.value <= fig.whole.value


def test_of_whom_and_including_in_one_sentence() -> None:
    a, b = find_figures("In the Polish operation 139,835 people were condemned, of whom "
                        "111,091 were shot.")
    assert (a.measure, b.measure, b.part_of) == ("condemned", "shot", 139_835)
    assert b.scope["operation"] == "polish"
    a, b = find_figures("The Military Collegium convicted 36,000 people, including 25,000 who "
                        "were sentenced to death.")
    assert (b.measure, b.part_of, b.scope["body"]) == ("sentenced_to_death", 36_000,
                                                       "Military Collegium")
    a, b = find_figures("Some 2,000 delegates attended, and nearly 700 of them were arrested.")
    assert (a.measure, b.measure, b.part_of) == ("attended", "arrested", 2_000)


def test_these_numbers_respectively() -> None:
    ctx = FigureContext()
    find_figures("In 1937 some 12,000 members and 14,000 candidates had been admitted.", ctx)
    a, b = find_figures("In 1938 these numbers were approximately 150,000 and 430,000, "
                        "respectively.", ctx)
    assert (a.measure, a.what, a.qualifier) == ("admitted", "members", "about")
    assert (b.measure, b.what, b.qualifier) == ("admitted", "candidates", "about")
    assert a.scope["period"] == "In 1938"


def test_context_does_not_leak_scope_by_topic() -> None:
    ctx = FigureContext()
    find_figures("Ezhov urged that the national operations be stepped up.", ctx)
    fig = _only("He led a purge in a republic, and the Politburo allowed its chief "
                "to arrest another 20,000 people.")
    again = find_figures("He led a purge in a republic, and the Politburo allowed its chief "
                         "to arrest another 20,000 people.", ctx)[0]
    assert fig.scope == again.scope
    assert again.scope["operation"] is None and again.part_of is None
    ctx.reset()
    assert ctx.figures == [] and ctx.last_group == []


def test_vocabularies_are_closed() -> None:
    assert "count" in MEASURES
    assert set(QUALIFIER_PHRASES) == {"about", "over", "under", "almost", "at least", "up to"}


def test_fast_on_long_prose() -> None:
    paragraph = (
        "In the first half of 1938, some 30,000 people were expelled from the Party. "
        "On 17 July 1937 the order No. 00447 was issued; ten days later the troikas met. "
        "The Special Troikas reviewed the files of almost 100,000 people who were arrested. "
        "Nothing in this sentence has a number, as most sentences in a long book do not. "
    )
    # Number-dense on purpose (3 sentences in 4 have numbers); real prose is far sparser.
    sentences = [s + "." for s in paragraph.split(". ") if s] * 400  # ~0.13 MB
    start = time.perf_counter()
    found = sum(len(find_figures(s)) for s in sentences)
    assert found == 800
    assert time.perf_counter() - start < 1.5


# --------------------------------------------------------------------------------------------
# The chapter: every figure it gives
# --------------------------------------------------------------------------------------------

# (anchor: a short phrase of the sentence, value, value_max, qualifier, measure, scope, part_of)
ChapterFigure = tuple[str, int, int | None, str, str, dict[str, str], int | None]
CHAPTER_FIGURES: list[ChapterFigure] = [
    ("orders to some 120", 120, None, "about", "awarded", {}, None),
    ("attended by 75,000", 75_000, None, "exact", "attended",
     {"region": "Gor'kii", "period": "on 9 December"}, None),
    ("sixty-two other", 62, None, "exact", "elected", {"body": "Supreme Soviet"}, None),
    ("thirty-two of their", 32, None, "exact", "elected", {"body": "Nationalities Soviet"}, None),
    ("had six children", 6, None, "exact", "count", {}, None),
    ("eight Central Committee", 8, None, "exact", "expelled", {}, None),
    ("sixteen candidates", 16, None, "exact", "expelled", {}, None),
    ("ten other members", 10, None, "exact", "expelled", {}, None),
    ("some 100,000 Party members", 100_000, None, "about", "expelled",
     {"period": "during 1937"}, None),
    ("no less than 65,000", 65_000, None, "at least", "count", {}, None),
    ("thirty district committees", 30, None, "exact", "count", {}, None),
    ("some 37,000 people", 37_000, None, "about", "expelled",
     {"period": "During the first seven months of 1938"}, None),
    ("some 77,000 people", 77_000, None, "about", "restored", {"period": "during 1938"}, None),
    ("compared with 46,000", 46_000, None, "exact", "restored", {"period": "during 1937"}, None),
    ("some 32,000 members", 32_000, None, "about", "admitted", {"period": "during 1937"}, None),
    ("34,000 candidates", 34_000, None, "about", "admitted", {"period": "during 1937"}, None),
    ("approximately 148,000", 148_000, None, "about", "admitted", {"period": "in 1938"}, None),
    ("and 437,000", 437_000, None, "about", "admitted", {"period": "in 1938"}, None),
    ("55,000 people arrested", 55_000, None, "exact", "arrested",
     {"region": "Western Siberia"}, None),
    ("Sverdlovsk province—40,000", 40_000, None, "exact", "arrested",
     {"region": "Sverdlovsk province"}, None),
    ("Belorussia—60,000", 60_000, None, "exact", "arrested", {"region": "Belorussia"}, None),
    ("Orenburg—40,000", 40_000, None, "exact", "arrested", {"region": "Orenburg"}, None),
    ("Far East—70,000", 70_000, None, "exact", "arrested", {"region": "Far East"}, None),
    ("Moscow province—50,000", 50_000, None, "exact", "arrested",
     {"region": "Moscow province"}, None),
    ("from 30,000 to 40,000", 30_000, 40_000, "exact", "arrested", {"region": "Ukraine"}, None),
    ("some 600,000 people", 600_000, None, "about", "condemned",
     {"operation": "kulak", "period": "On 1 February 1938"}, None),
    ("(30,000 on 17 February)", 30_000, None, "exact", "quota",
     {"operation": "kulak", "region": "Ukraine", "period": "on 17 February"}, None),
    ("(20,000 on 31 July)", 20_000, None, "exact", "quota",
     {"operation": "kulak", "region": "Far East", "period": "on 31 July"}, None),
    ("an extra 30,000", 30_000, None, "exact", "quota",
     {"body": "Politburo", "region": "Ukraine"}, None),
    ("more than 10,000 prisoners", 10_000, None, "over", "prisoners",
     {"operation": "national"}, None),
    ("more than 100,000 people", 100_000, None, "over", "arrested",
     {"operation": "national"}, None),
    ("almost 108,000", 108_000, None, "almost", "examined",
     {"operation": "national", "body": "Special Troikas"}, None),
    ("Over 105,000 of them", 105_000, None, "over", "condemned",
     {"operation": "national", "body": "Special Troikas"}, 108_000),
    ("more than 72,000", 72_000, None, "over", "sentenced_to_death",
     {"operation": "national", "body": "Special Troikas"}, 105_000),
    ("over 21,000 Poles", 21_000, None, "over", "sentenced_to_death",
     {"operation": "national", "body": "Special Troikas", "nationality": "Poles"}, 72_000),
    ("over 15,000 Germans", 15_000, None, "over", "sentenced_to_death",
     {"operation": "national", "body": "Special Troikas", "nationality": "Germans"}, 72_000),
]
# Block quotations are walked too: the regional NKVD chiefs' numbers ("Berman of
# Belorussia—60,000") stand in a quoted testimony, and a figure a source quotes is a figure.
WALKED_KINDS = ("paragraph", "note", "quote")


def test_chapter_figures() -> None:
    if not CHAPTER.exists():
        pytest.skip(f"{CHAPTER} is not available")
    from imena.sources.read import read_source
    from imena.sources.sentences import split_sentences

    start = time.perf_counter()
    document = read_source(CHAPTER).document
    found: list[tuple[str, FigureMention]] = []
    for passage in document.passages:
        if passage.kind not in WALKED_KINDS:
            continue
        context = FigureContext()  # one per paragraph
        for span in split_sentences(passage.text):
            sentence = passage.text[span.start : span.end]
            found.extend((sentence, f) for f in find_figures(sentence, context))
    elapsed = time.perf_counter() - start

    matched: set[int] = set()
    missed: list[str] = []
    value_ok = measure_ok = scope_ok = part_ok = 0
    problems: list[str] = []
    for anchor, value, value_max, qualifier, measure, scope, part_of in CHAPTER_FIGURES:
        hit = next((k for k, (sentence, fig) in enumerate(found) if k not in matched
                    and anchor in sentence and fig.value == value), None)
        if hit is None:
            missed.append(f"{anchor!r} {value}")
            continue
        matched.add(hit)
        fig = found[hit][1]
        if (fig.value_max, fig.qualifier) == (value_max, qualifier):
            value_ok += 1
        else:
            problems.append(f"{anchor!r}: {fig.value_max} {fig.qualifier!r}")
        if fig.measure == measure:
            measure_ok += 1
        else:
            problems.append(f"{anchor!r}: measure {fig.measure!r} ({fig.rule})")
        wrong = {k: fig.scope.get(k) for k, v in scope.items() if fig.scope.get(k) != v}
        if wrong:
            problems.append(f"{anchor!r}: scope {wrong}")
        else:
            scope_ok += 1
        if fig.part_of == part_of:
            part_ok += 1
        else:
            problems.append(f"{anchor!r}: part_of {fig.part_of}")
    spurious = [f"{s[f.start : f.end]!r} ({f.rule})" for k, (s, f) in enumerate(found)
                if k not in matched]
    expected = len(CHAPTER_FIGURES)
    print(f"\nchapter figures: expected {expected}, found {len(found)}, "
          f"correct value+qualifier {value_ok}, correct measure {measure_ok}, "
          f"correct scope {scope_ok}, correct part_of {part_ok}, missed {len(missed)}, "
          f"spurious {len(spurious)}, {elapsed:.2f}s")
    for line in missed:
        print("  missed:", line)
    for line in spurious:
        print("  spurious:", line)
    for line in problems:
        print("  wrong:", line)
    assert value_ok >= 0.95 * expected, (missed, problems)
    assert len(found) and (len(found) - len(spurious)) / len(found) >= 0.90, spurious
    assert measure_ok >= 0.90 * expected, problems
    assert scope_ok >= 0.90 * expected and part_ok >= 0.95 * expected, problems
