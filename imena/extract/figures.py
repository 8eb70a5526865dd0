"""Figures in English historical prose: counts with a qualifier, a measure, a scope and a whole."""

# How it works (rule based, precompiled regexes, one pass per sentence):
#
# 1. *Number phrases*: ``_PHRASE`` finds an optional qualifier ("some", "more than"), a number
#    (digits with thousands separators, "1.5 million", words such as "sixty-two", "a dozen") or a
#    range ("from 30,000 to 40,000", "between 680,000 and 750,000", "30,000–40,000", "30 to 40
#    thousand"), and an optional post-qualifier ("or more", "-odd").
# 2. *Rejection*: numbers that do not count anything are dropped, each by a named test (see
#    ``_rejection``): years and decades, dates ("17 July", "from 11 to 20 January"), order,
#    article, page and archival numbers ("No. 00447", "f. 17, op. 162"), ordinals ("8th"),
#    durations and ages ("two weeks", "ten days", "a fifteen-year-old" - they measure time, not
#    people), times of day ("at six or seven in the morning"), percentages, money and units,
#    "one" (a pronoun or article far more often than a count), small spelled numbers after a
#    determiner ("the two men": anaphora to people already named, not a figure the source gives),
#    footnote digits glued to a word or punctuation, and page numbers of citations in notes.
# 3. *Measure*: the nearest cue in the same clause wins (clauses end at ";", "but", "whereas",
#    "while", "although").  Cues are verbs and nouns listed in ``MEASURE_CUES``; distance counts
#    words between the cue and the number phrase.  A cue in a relative clause after the number
#    ("people who had been arrested") is penalised, so the main verb ("examined the cases of")
#    wins; negated cues ("had not yet been examined") and time phrases ("after arrest") are not
#    cues.  When the nearest thing behind a number is another figure of the same clause, the
#    number is parallel to it ("Dmitriev of Sverdlovsk province—40,000, Berman of
#    Belorussia—60,000"; "over 21,000 Poles and over 15,000 Germans") and shares its measure.
#    Of two coordinated cues ("expelled and arrested", "the expulsion and arrest of") the first
#    named wins.  A sentencing verb followed by "to death" is ``sentenced_to_death``; "to be shot"
#    under a quota cue is a quota.  No cue: the counted noun may say it ("prisoners", "members"),
#    else ``count`` - a wrong measure is worse than ``count``.
# 4. *Scope*: operation, body, region, nationality and period are looked up around the number:
#    first in its own stretch of the clause (between the neighbouring figures), then in the
#    clause, then (operation and body only) in the sentence.  Region and period take the nearest
#    mention, counted in content words (articles and prepositions are free), so "Sverdlovsk
#    province—40,000" binds the province before the dash and "(20,000 on 31 July)" the date
#    after the number.  Scope crosses sentences only through part-whole links and "these
#    numbers" (step 5), never by topic: a paragraph on the national operations may give, in
#    its next sentence, the Politburo's extra 30,000 arrests for the Ukraine, which belong to
#    the kulak operation.
# 5. *Part and whole*: "of them", "of whom", "among them", "including" make a figure a part of the
#    nearest preceding figure (same sentence first, else the paragraph's last figure, kept by
#    ``FigureContext``).  A part without its own measure takes the whole's; any scope key the part
#    lacks comes from the whole.  Coordinated parts share the whole.  "these numbers ...
#    respectively" takes measure and ``what`` from the previous group of figures, in order.
#
# Choices (documented because they are choices, not facts):
# - "among them ..." after a sentence naming two groups (a number condemned, then a smaller
#   number of those sentenced to death): the nearest antecedent rule makes the new group part
#   of the second, the death sentences.  That is the grammatical reading (the last plural
#   group named); a historian may read "them" as the first group.  ``rule`` says
#   "part:among_them" so a reviewer can see where the link came from.
# - "were shot" / "executed" / "executions" give ``shot``; "sentenced (condemned) to death", "to
#   the death penalty", "to be shot", "death sentences" give ``sentenced_to_death``.  Reconcile
#   the two side by side: NKVD statistics of "shot" in 1937-38 are counts of death sentences.
# - Ages and durations are never figures; "a dozen" is 12 with qualifier ``about``; "hundreds",
#   "thousands", "several thousand" are not figures (no number is given).
# - A qualifier before the first member of a coordination distributes over the bare second
#   member: "some 32,000 members and 34,000 candidates" gives ``about`` to both; "some 77,000
#   ..., compared with 46,000" does not (no coordination).
# - Bare "Moscow" is not a region (it is the centre where things were decided); "Moscow
#   province" is.  Names that are also surnames (Kalinin, Kirov, Ordzhonikidze, Kuibyshev,
#   Molotov) are regions only before "province", "krai", "NKVD" and the like.

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "BODIES",
    "MEASURE_CUES",
    "NATIONALITIES",
    "NUMBER_WORDS",
    "OPERATIONS",
    "QUALIFIER_PHRASES",
    "SCOPE_KEYS",
    "FigureContext",
    "FigureMention",
    "find_figures",
]

# --------------------------------------------------------------------------------------------
# Vocabularies (the one place where words are listed)
# --------------------------------------------------------------------------------------------

#: Qualifier (imena.model.QUALIFIERS) → English phrases that put it before a number.
#: ``exact`` is the default (no phrase).
QUALIFIER_PHRASES: dict[str, tuple[str, ...]] = {
    "about": ("some", "about", "approximately", "around", "roughly", "circa", "ca.", "c.",
              "an estimated", "estimated at", "on the order of", "in the region of",
              "something like", "approx."),
    "over": ("over", "more than", "in excess of", "upwards of", "above", "just over",
             "well over", "slightly more than", "a little over", "a little more than",
             "well above", "over and above"),
    "under": ("under", "fewer than", "less than", "below", "well under", "well below"),
    "almost": ("almost", "nearly", "close to", "just under", "not quite", "just short of",
               "very nearly", "just below"),
    "at least": ("at least", "no fewer than", "no less than", "not less than",
                 "not fewer than", "a minimum of", "at the very least"),
    "up to": ("up to", "as many as", "no more than", "not more than", "at most",
              "a maximum of"),
}  # fmt: skip
#: Phrases after a number that qualify it ("30,000 or more").
POST_QUALIFIERS: dict[str, str] = {
    "or more": "at least", "or so": "about", "odd": "about", "or fewer": "up to",
    "or less": "up to", "+": "at least",
}  # fmt: skip
#: Verbs before "over"/"under"/"up to" that make them particles, not qualifiers
#: ("handed over 30 prisoners", "added up to 5,000").
_PARTICLE_VERBS = (
    "handed|handing|hand|turned|turning|took|taken|taking|passed|passing|won|presided|went|"
    "gone|carried|brought|signed|made|gave|given|added|adds|adding|amounted|amounting|amounts|"
    "came|comes|sum|summed|ran|runs|ruled|fought|argued|looked|watched|kept|keep|held"
)

_PARTICLE_BEFORE = re.compile(rf"\b(?:{_PARTICLE_VERBS})\s+(?:[\w'’]+\s+)?$", re.I)

#: Spelled-out numbers.  Scales multiply; "dozen" is 12 (approximate, see the choices above).
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip
_FRACTIONS = {"quarter": 0.25, "third": 1 / 3}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Measure cues: (measure, regex, priority).  Higher priority wins a tie in distance.
MEASURE_CUES: tuple[tuple[str, str, int], ...] = (
    ("quota", r"(?:permit(?:s|ted|ting)?|allow(?:s|ed|ing)?|authori[sz](?:es|ed|ing|e)|"
              r"sanction(?:s|ed|ing)?|approv(?:es|ed|ing|e)|order(?:s|ed|ing)?)\s+(?:[\w'’]+\s+)"
              r"{0,4}?to\s+(?:arrest|shoot|execute|repress|condemn|sentence|deport)", 5),
    ("quota", r"(?:additional\s+|extra\s+|new\s+)?(?:quotas?|limits?|lim[iy]ts|ceilings?)\b", 3),
    ("sentenced_to_death", r"(?:sentenced|condemned|convicted)\s+(?:[\w'’]+\s+){0,4}?to\s+"
                           r"(?:death|be\s+shot|be\s+executed|the\s+death\s+penalty|"
                           r"the\s+highest\s+measure|capital\s+punishment|execution)\b", 4),
    ("sentenced_to_death", r"to\s+(?:the\s+)?(?:death\s+penalty|death|be\s+shot|be\s+executed|"
                           r"highest\s+measure(?:\s+of\s+punishment)?|capital\s+punishment|"
                           r"execution|shooting)\b", 4),
    ("sentenced_to_death", r"death\s+sentences?|sentences?\s+of\s+death|capital\s+sentences?", 4),
    ("sentenced_to_camp", r"to\s+(?:the\s+)?(?:(?:corrective[- ]|forced[- ])?labou?r\s+)?"
                          r"camps?\b|to\s+(?:terms\s+of\s+)?imprisonment|to\s+prison(?:\s+terms)?"
                          r"|to\s+(?:the\s+)?Gulag", 4),
    ("shot", r"\b(?:shot|shootings?|executions?|executed(?!\s+(?:the|an?|their|his|its|this|"
             r"these|all|our|your|my)\b))", 2),
    ("condemned", r"\b(?:condemned|convicted|sentenced|convictions?|verdicts?|sentences)\b", 2),
    ("arrested", r"\b(?:arrest(?:ed|s|ing)?|detained|detentions?|taken\s+into\s+custody|"
                 r"apprehended)\b", 2),
    ("examined", r"\b(?:(?:examined|reviewed|processed|considered|heard)(?:\s+(?:the\s+)?"
                 r"(?:cases|files|albums)(?:\s+of)?)?|examination\s+of\s+(?:the\s+)?"
                 r"(?:cases|files|albums)(?:\s+of)?)\b", 2),
    ("expelled", r"\b(?:expel(?:led|ling|s)?|expulsions?|excluded\s+from\s+the\s+party|"
                 r"purged\s+from\s+the\s+party)\b", 2),
    ("restored", r"\b(?:restored|reinstated|readmitted|reinstatements?)\b", 2),
    ("admitted", r"\b(?:admitted|admissions?|joined\s+the\s+party|accepted\s+into)\b", 2),
    ("rehabilitated", r"\brehabilitat(?:ed|ions?)\b", 2),
    ("released", r"\b(?:released|freed|set\s+free|releases)\b", 2),
    ("deported", r"\b(?:deport(?:ed|ations?|ees)|resettled|exiled|banished)\b", 2),
    ("died", r"\b(?:died|perished|deaths|killed|lost\s+their\s+lives)\b", 2),
    ("repressed", r"\b(?:repressed|repressions?|victims\s+of\s+(?:the\s+)?(?:terror|repressions?|"
                  r"purges?))\b", 1),
    ("attended", r"\b(?:attended(?:\s+by)?|attendance\s+of|audience\s+of|crowd\s+of)\b", 2),
    ("elected", r"\b(?:elected|re-elected)\b", 2),
    ("nominated", r"\b(?:nominated|nominations?|nominees)\b", 2),
    ("awarded", r"\b(?:awarded|decorated|decorations|medals?|honou?red\s+with|"
                r"orders?\s+to(?=\s+(?:some|about|over|more|almost|nearly|around|"
                r"approximately|\d|[a-z]+ty\b|[a-z]+teen\b|two|three|four|five|six|seven|eight|"
                r"nine|ten|eleven|twelve|a\s+dozen|a\s+hundred))|(?:Lenin|Red\s+Banner|"
                r"Red\s+Star)\s+orders?)", 2),
)  # fmt: skip
#: Counted nouns that name the measure when no cue does.
_NOUN_MEASURES: dict[str, str] = {
    "prisoners": "prisoners", "inmates": "prisoners", "detainees": "prisoners",
    "members": "members", "deputies": "elected", "delegates": "attended",
    "victims": "repressed", "deportees": "deported", "arrestees": "arrested",
}  # fmt: skip

#: Operations: (label, regex).  Order numbers name them as well as words do.
OPERATIONS: tuple[tuple[str, str], ...] = (
    ("kulak", r"\b(?:anti-)?kulaks?\b|\b00447\b"),
    ("national", r"\bnational[”\"’']?\s+(?:operations?|contingents?|lines?|orders?)\b"),
    ("polish", r"\bPolish\s+(?:operation|line|order)s?\b|\b00485\b"),
    ("german", r"\bGerman\s+(?:operation|line|order)s?\b|\b00439\b"),
    ("harbin", r"\bHarbin(?:ite)?s?\s+(?:operation|line|order)s?\b|\b00593\b"),
    ("wives", r"\b00486\b|\bwives\s+of\s+(?:traitors|enemies)\b"),
    *(
        (name.lower(), rf"\b{name}\s+(?:operation|line)s?\b")
        for name in ("Latvian", "Finnish", "Estonian", "Lithuanian", "Romanian", "Greek",
                     "Iranian", "Afghan", "Chinese", "Korean", "Bulgarian", "Macedonian")
    ),
)  # fmt: skip

#: Bodies (collegial organs) that examine, sentence, decide, or are elected to: (label, regex).
BODIES: tuple[tuple[str, str], ...] = (
    ("Special Troikas", r"\bspecial\s+troikas?\b"),
    ("dvoika", r"\b(?:central\s+)?dvoikas?\b"),
    ("troikas", r"\btroikas?\b"),
    ("TsIK", r"\bCentral\s+Executive\s+Committee\b|\bTsIK\b"),
    ("Central Committee", r"\bCentral\s+Committee\b"),
    ("Politburo", r"\bPolitburo\b"),
    ("Military Collegium", r"\bMilitary\s+Collegium\b"),
    ("OSO", r"\bOSO\b|\bSpecial\s+(?:Board|Council)\b"),
    ("Nationalities Soviet", r"\bNationalities\s+Soviet\b|\bSoviet\s+of\s+Nationalities\b"),
    ("Supreme Soviet", r"\bSupreme\s+Soviet\b"),
    ("Sovnarkom", r"\bSovnarkom\b|\bCouncil\s+of\s+People[’']s\s+Commissars\b"),
)

#: Regions as named in 1937-38 (label → spellings).  "X province/oblast/krai/republic" is found
#: by a general pattern; names that are also surnames are listed in ``_REGION_IF_FOLLOWED``.
_REGION_NAMES: dict[str, tuple[str, ...]] = {
    "Ukraine": ("the Ukraine", "Ukraine", "Ukrainian SSR", "Ukrainian"),
    "Belorussia": ("Belorussia", "Byelorussia", "Belarus", "Belorussian", "Byelorussian"),
    "Far East": ("the Far East", "Far East", "Far Eastern krai", "Far Eastern", "Far-Eastern"),
    "Western Siberia": ("Western Siberia", "West Siberia", "West Siberian", "Western Siberian"),
    "Eastern Siberia": ("Eastern Siberia", "East Siberia", "East Siberian", "Eastern Siberian"),
    "Northern Caucasus": ("the Northern Caucasus", "Northern Caucasus", "North Caucasus"),
    "Urals": ("the Urals", "Urals"),
    "Kazakhstan": ("Kazakhstan", "Kazakh SSR"),
    "Gor'kii": ("Gor'kii", "Gor’kii", "Gorkii", "Gorky", "Gorki"),
    "Iaroslavl'": ("Iaroslavl'", "Iaroslavl’", "Yaroslavl"),
    "Khar'kov": ("Khar'kov", "Khar’kov", "Kharkov", "Kharkiv"),
    "Krasnoiarsk": ("Krasnoiarsk", "Krasnoyarsk"),
    "Cheliabinsk": ("Cheliabinsk", "Chelyabinsk"),
    "Azov-Black Sea": ("Azov-Black Sea",),
    **{
        name: (name,)
        for name in (
            "Uzbekistan", "Turkmenistan", "Turkmenia", "Tajikistan", "Kirgizia", "Kyrgyzstan",
            "Georgia", "Armenia", "Azerbaijan", "Karelia", "Crimea", "Bashkiria", "Tataria",
            "Dagestan", "Leningrad", "Sverdlovsk", "Orenburg", "Saratov", "Stalingrad",
            "Rostov", "Krasnodar", "Voronezh", "Kursk", "Orel", "Tula", "Smolensk", "Ivanovo",
            "Novosibirsk", "Omsk", "Irkutsk", "Chita", "Khabarovsk", "Vladivostok", "Altai",
            "Kiev", "Odessa", "Dnepropetrovsk", "Donetsk", "Vinnitsa", "Zhitomir", "Chernigov",
            "Poltava", "Minsk", "Vologda", "Arkhangel'sk", "Murmansk", "Tomsk", "Perm",
        )
    },
}  # fmt: skip
_REGION_IF_FOLLOWED = ("Kalinin", "Kirov", "Molotov", "Ordzhonikidze", "Kuibyshev", "Moscow",
                       "Zhdanov", "Chkalov", "Voroshilov", "Stalino")
_REGION_KINDS = r"province|oblast|krai|territory|republic|ASSR|SSR|region"

#: Nationalities counted ("21,000 Poles"), plural noun → label; adjectives before a people-noun.
NATIONALITIES: dict[str, str] = {
    "Poles": "Poles", "Germans": "Germans", "Latvians": "Latvians", "Finns": "Finns",
    "Estonians": "Estonians", "Lithuanians": "Lithuanians", "Romanians": "Romanians",
    "Greeks": "Greeks", "Koreans": "Koreans", "Chinese": "Chinese", "Iranians": "Iranians",
    "Persians": "Iranians", "Afghans": "Afghans", "Harbinites": "Harbinites",
    "Bulgarians": "Bulgarians", "Macedonians": "Macedonians", "Jews": "Jews",
    "Ukrainians": "Ukrainians", "Russians": "Russians", "Belorussians": "Belorussians",
    "Kazakhs": "Kazakhs", "Japanese": "Japanese", "Hungarians": "Hungarians", "Czechs": "Czechs",
}  # fmt: skip
_NATIONALITY_ADJ: dict[str, str] = {
    "Polish": "Poles", "German": "Germans", "Latvian": "Latvians", "Finnish": "Finns",
    "Estonian": "Estonians", "Lithuanian": "Lithuanians", "Romanian": "Romanians",
    "Greek": "Greeks", "Korean": "Koreans", "Iranian": "Iranians", "Afghan": "Afghans",
    "Bulgarian": "Bulgarians", "Jewish": "Jews", "Japanese": "Japanese",
}  # fmt: skip

SCOPE_KEYS: tuple[str, ...] = ("operation", "body", "region", "nationality", "period")

# --------------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------------


@dataclass
class FigureMention:
    """One figure in a sentence: the number phrase's span, its value and what it counts."""

    start: int
    end: int
    value: int
    value_max: int | None
    qualifier: str
    measure: str
    what: str
    scope: dict[str, str | None]
    rule: str
    #: The value of the whole this figure is a part of (72,000 ⊂ 105,000), and the whole itself.
    part_of: int | None = None
    whole: FigureMention | None = field(default=None, repr=False, compare=False)


@dataclass
class FigureContext:
    """Running state across the sentences of one paragraph (make a new one per paragraph).

    - ``figures``: the paragraph's figures so far (wholes for "of them", "among them"; a part
      takes the scope of its whole, so the scope of "the Special Troikas examined ... in the
      national operations" reaches "among them were over 21,000 Poles").
    - ``last_group``: the figures of the last sentence that had any ("these numbers").
    """

    figures: list[FigureMention] = field(default_factory=list)
    last_group: list[FigureMention] = field(default_factory=list)

    def reset(self) -> None:
        """Start a new paragraph."""
        self.figures.clear()
        self.last_group = []


# --------------------------------------------------------------------------------------------
# Number phrases
# --------------------------------------------------------------------------------------------

_UNIT_W = "one|two|three|four|five|six|seven|eight|nine"
_SMALL_W = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_UNIT_W})\b)?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_UNIT_W})\b"
)
_SCALE_W = r"(?:hundred|thousand|million|billion)s?\b"
_WORDNUM = (
    rf"(?:(?:a|an|one)\s+(?:{_SCALE_W}|dozen\b)|half\s+a\s+(?:million|billion|dozen)\b"
    rf"|(?:a|one)\s+(?:quarter|third)\s+of\s+a\s+(?:million|billion)\b"
    rf"|{_SMALL_W})"
    rf"(?:(?:\s+|-){_SCALE_W}|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+(?:and\s+)?{_SMALL_W})*"
)
# Thousands are grouped by commas, thin or plain spaces ("320 000"), and in typescripts
# and OCR by a comma and a space ("1, 108 persons", one group, a noun following).
_DIGNUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.])"
    r"|\d{1,3},\s\d{3}(?=\s+[a-z])|\d+)(?:\.\d+)?"
    rf"(?:\s+{_SCALE_W}(?:\s+{_SCALE_W})?)?"
)
_NUM = rf"(?:{_DIGNUM}|\b{_WORDNUM})"
_QUAL_ALTS = sorted(
    ((p, q) for q, phrases in QUALIFIER_PHRASES.items() for p in phrases), key=lambda x: -len(x[0])
)
_QUAL_LOOKUP = {p.lower(): q for p, q in _QUAL_ALTS}
_QUAL = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _QUAL_ALTS)
_PHRASE = re.compile(
    rf"""(?<![\w$£€])
    (?:(?P<qual>{_QUAL})\s+)?
    (?:(?P<rng>from|between)\s+(?P<a>{_NUM})\s*(?:to|and|–|-)\s*(?P<b>{_NUM})
      |(?P<n>{_NUM})(?:\s*[–-]\s*(?P<nb>{_NUM})|\s+to\s+(?P<nt>{_NUM}))?)
    (?P<post>\s*(?:or\s+more|or\s+so|or\s+fewer|or\s+less|-odd|\+))?""",
    re.I | re.X,
)
# Where a number may start: the full phrase regex runs only in a short window before each hit
# (long enough for the longest qualifier, "a little more than", or "between"), which keeps the
# scan linear and fast on long prose without numbers.
def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie: the engine then tests one first letter
    instead of every word at every position (about 3x faster on long prose)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_ANCHOR = re.compile(
    r"\d+|\b(?:"
    + _trie(w for w, v in NUMBER_WORDS.items() if v < 100)
    + r"|(?:a|an|one|half\s+a)\s+(?:hundred|thousand|million|billion|dozen)"
    + r"|(?:a|one)\s+(?:quarter|third)\s+of)\b",
    re.I,
)
_LOOKBACK = 30
_WORD_TOKEN = re.compile(r"[a-z]+")


def _parse_number(text: str) -> tuple[float, bool] | None:
    """Value of a number string and whether it carried a scale word; None if it is not one."""
    t = text.lower().strip()
    if t[:1].isdigit():
        m = re.match(
            r"((?:\d{1,3}(?:(?:,\s?|[\u00a0\u202f\u2009 ])\d{3})+|\d+)(?:[.,]\d+)?)\s*(.*)", t
        )
        assert m is not None
        digits = re.sub(r"[,\s\u00a0\u202f\u2009]", "", m.group(1))
        try:
            value = float(digits)
        except ValueError:
            return None
        scaled = False
        for word in m.group(2).split():
            value *= _SCALES[word.removesuffix("s")]
            scaled = True
        return value, scaled
    total, current, half, scaled = 0.0, 0.0, False, False
    t = re.sub(r"\b(quarter|third)\s+of\s+an?\b", r"\1", t)  # "a quarter of a million"
    for word in _WORD_TOKEN.findall(t):
        if word == "and":
            continue
        if word == "half":
            half = True
        elif word in ("a", "an"):
            current += 1
        elif word in _FRACTIONS:
            current = (current or 1) * _FRACTIONS[word]
        elif word == "hundred":
            current = (current or 1) * 100
            scaled = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word.removesuffix("s") in _SCALES:
            total += (current or 1) * _SCALES[word.removesuffix("s")]
            current, scaled = 0.0, True
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    value = total + current
    return (value / 2 if half else value), scaled


def _scale_of(text: str) -> int:
    words = [w for w in _WORD_TOKEN.findall(text.lower()) if w in _SCALES]
    out = 1
    for w in words:
        out *= _SCALES[w]
    return out


# --------------------------------------------------------------------------------------------
# Rejection: numbers that count nothing
# --------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_DATE_AFTER = re.compile(rf"\s*(?:(?:–|-|to|and|or)\s*\d{{1,2}}\s+)?{_MONTH}")
_DATE_BEFORE = re.compile(rf"{_MONTH}\s*(?:the\s+)?$")
_LITE_NUM = rf"(?:\d[\d,.]*|{_SMALL_W})"
_TIME_AFTER = re.compile(
    rf"\s*(?:(?:or|to|–|-)\s*{_LITE_NUM}\s*)?(?:in\s+the\s+(?:morning|evening|afternoon)|at\s+night"
    r"|o['’]clock|[ap]\.\s?m\.|[ap]m\b|:\d\d|noon\b|midnight\b)",
    re.I,
)
_DURATION_AFTER = re.compile(
    rf"(?:\s*(?:or|to|–|-)\s*{_LITE_NUM})?[\s-]+(?:(?:more|full|long|whole|additional|further|"
    r"consecutive|successive|entire|short|calendar|working|solid|odd)\s+)?(?:seconds?|minutes?|"
    r"hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))\b",
    re.I,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|percentage\b|times\b|-?fold\b|rubles?\b|roubles?\b|"
    r"kopecks?\b|dollars?\b|pounds?\b|marks?\b|francs?\b|km\b|kilomet(?:er|re)s?\b|miles?\b|"
    r"met(?:er|re)s?\b|versts?\b|tons?\b|tonnes?\b|kg\b|kilograms?\b|grams?\b|hectares?\b|"
    r"acres?\b|degrees?\b|poods?\b|lit(?:er|re)s?\b|square\b|cubic\b|votes?\b)",
    re.I,
)
_AGE_AFTER_NAME = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
_AGE_AFTER_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ww]ho)\s+(?:was|is)\s+$")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s*cent\b)", re.I)
_SHARE_OF = re.compile(r"\s?(?:%|percent|per\s*cent)\s+(?P<of>of\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+?)"
                       r"(?=\s+(?:were|was|had|have|are|is|who|in|on|by|from)\b|[,.;)]|$)", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages\s+of|at\s+age)\s*$", re.I)
_REF_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Nr|Number|Order|Orders|Directive|Decree|Resolution|Article|Articles|Art|"
    r"Paragraph|Paragraphs|Para|Point|Points|Item|Page|Pages|p|pp|Vol|Vols|Volume|Ch|Chap|"
    r"Chapter|Note|Notes|n|nn|Fig|Figure|Table|Appendix|Doc|Document|f|op|d|l|ll|fond|opis['’]?|"
    r"delo|list|listy|sheet|folio|Protocol|Department|Section|Division|Directorate|Regiment|"
    r"Brigade|Battalion|Corps|Army|Camp|Cell|Room|Building|House|Street|Plant|Factory|School|"
    r"Route|Line|Platform|Block|Category|Categories)\.?|№|#|§)"
    r"\s*(?P<more>(?:\d[\d,./\-–]*\s*(?:,|and|&|or)\s*)*)$",
    re.I,
)
_PEOPLE_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|prisoners|members|candidates|officers|Chekists|"
    r"executives|deputies|delegates|victims|cases|peasants|workers|kulaks)\b",
    re.I,
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|all|both|its|their|his|her|our|my|your|whose|those)\s+$", re.I
)
_PAGE_CITE = re.compile(r"\s*(?:[–-]\s*\d+\s*)?(?:[.;]|$)")
_GLUED_LEFT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:)]”’/-–")


def _is_year(s: str) -> bool:
    return bool(re.fullmatch(r"1\d{3}|20\d{2}", s.strip()))


def _rejection(text: str, m: re.Match[str], value: float, num_start: int, end: int,
               words: bool) -> str | None:
    """Why the number phrase ``m`` counts nothing, or None when it is a figure."""
    first = m.group("a") or m.group("n")
    second = m.group("b") or m.group("nb") or m.group("nt")
    before = text[max(0, m.start() - 60) : m.start()]
    after = text[end : end + 60]
    if value != int(value):
        return "not an integer"
    if value <= 1:
        return "one"  # "one of", "one can", "a": not a count worth reconciling
    if re.match(r"0\d", first):
        return "order number"  # 00447, 00485: NKVD order numbers keep their leading zeros
    is_year = _is_year(first) or (second is not None and _is_year(second))
    if is_year and not m.group("qual") and not _PEOPLE_NOUN_AFTER.match(after):
        return "year"
    if not m.group("qual") and not words and text[num_start - 1 : num_start] in _GLUED_LEFT:
        return "glued to a word or punctuation (footnote, year range, article)"
    nxt = after[:2]
    if before.strip() in ("", "(") and re.match(r"[.)](?:\s|$)|$", after):
        return "list item or paragraph number"  # "2. All bonds ...", "(5) The Duma ..."
    if _AGE_AFTER_NAME.search(before) and re.match(r"\s*,", after):
        return "age"  # "Shalayev, 30, told ..."
    if _AGE_AFTER_PRONOUN.search(before) and re.match(r"\s*(?:,|when\b|at\s+the\s+time)", after):
        return "age"  # "She was 17, a trained scientist"
    if _PERCENT_AFTER.match(after):
        return None  # a share: measured as "percent"
    if nxt[:1].isalnum() or re.match(r"[-–][A-Za-z]", nxt) or nxt[:1] in "%/":
        return "glued to the next word (ordinal, decade, compound adjective)"
    ref = _REF_BEFORE.search(before)
    # "pp. 45, 47 and 52": a list goes on with bare numbers, never with "some 600,000".
    if ref and (not ref.group("more") or (not m.group("qual") and re.fullmatch(r"\d+", first))):
        return "reference number"
    small_day = value <= 31 and (second is None or (_parse_number(second) or (99, 0))[0] <= 31)
    if small_day and (_DATE_AFTER.match(after) or _DATE_BEFORE.search(before)):
        return "date"
    if _TIME_AFTER.match(after):
        return "time of day"
    if _DURATION_AFTER.match(after):
        return "duration"
    if _UNIT_AFTER.match(after) or before.rstrip()[-1:] in ("$", "£", "€"):
        return "unit"
    if _AGE_BEFORE.search(before):
        return "age"
    if re.search(r"\b(?:one|1)\s+(?:in|out\s+of)\s+$", before, re.I):
        return "ratio"  # "one in five survived"
    if re.search(r"\b\d{4}[a-z]?:\s*$", before):
        return "page number"  # author-date citation "(1997: 45)"
    if words and value <= 12 and not m.group("qual") and _DETERMINER_BEFORE.search(before):
        return "anaphora"  # "the two men", "all ten": people already named
    if (not words and not m.group("qual") and value < 2000 and re.fullmatch(r"\d+", first)
            and before.rstrip().endswith(",") and _PAGE_CITE.match(after)):
        return "page number"
    return None


# --------------------------------------------------------------------------------------------
# Clauses, cues and scope mentions
# --------------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r";|\b(?:but|whereas|while|although|though)\b", re.I)
_WORDS = re.compile(r"[\w'’]+")
_FREE_WORDS = frozenset(
    [
        "the", "a", "an", "in", "of", "for", "from", "on", "at", "to", "by",
    ]
)
_CUES = tuple((measure, re.compile(pattern, re.I), prio) for measure, pattern, prio in MEASURE_CUES)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|without)\b|n['’]t\b", re.I)
_TIME_CUE_BEFORE = re.compile(
    r"\b(?:after|under|since|upon|before|until|following|during)\s+(?:(?:his|her|their|its|the)\s+)?$",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:who|which|that|whom)\b", re.I)
_COORD_GAP = re.compile(r"^[\s,]*(?:[\w'’-]+\s+){0,3}?(?:and|or|,)\s*$|^\s*,?\s*$", re.I)
_TO_DEATH_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+to\s+(?:the\s+)?(?:death|death\s+penalty|be\s+shot|"
    r"highest\s+measure|capital\s+punishment)\b",
    re.I,
)
_TO_CAMP_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+to\s+(?:the\s+)?(?:(?:labou?r\s+)?camps?|imprisonment|prison)\b", re.I
)
_PART_BEFORE = re.compile(
    r"(?:\b(?:among|of|from)\s+(?:them|these|those|whom|which)\b|\bincluding\b|"
    r"\bof\s+(?:this|that)\s+(?:number|total)\b)[\s,:]*(?:were|was|there\s+were)?[\s,:]*$",
    re.I,
)
_PART_AFTER = re.compile(r"\s+(?:of|among)\s+(?:them|these|those|whom|which)\b", re.I)
_THESE_NUMBERS = re.compile(
    r"\b(?:these|those|the\s+corresponding)\s+(?:numbers|figures)\b|\brespectively\b", re.I
)
_NUMBERS_OF = re.compile(
    r"\b(?:numbers?|totals?|figures?)\s+of\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s*$", re.I
)

# Verbs that follow "the number of arrests" and end the counted thing ("fell to 630,000").
_NUMBER_VERBS = frozenset(
    [
        "fell", "rose", "reached", "totalled", "totaled", "amounted", "stood", "came", "grew",
        "dropped", "declined", "increased", "decreased", "exceeded", "to", "at", "was", "were",
        "is", "are",
    ]
)
_OPERATION_ADJ = (
    "Polish|German|Latvian|Finnish|Estonian|Lithuanian|Romanian|Greek|Iranian|Afghan|Chinese|"
    "Korean|Bulgarian|Macedonian|Harbin|kulak|national"
)
_TWO_OPERATIONS = re.compile(
    rf"\b(?:{_OPERATION_ADJ})(?:\s*,\s*(?:the\s+)?(?:{_OPERATION_ADJ}))*\s*,?\s+(?:and|or)\s+"
    rf"(?:the\s+)?(?:{_OPERATION_ADJ})\s+(?:operations|lines)\b",
    re.I,
)
_OPERATION_RE = [(label, re.compile(p, re.I)) for label, p in OPERATIONS]
_BODY_RE = re.compile("|".join(f"(?P<b{i}>{p})" for i, (_, p) in enumerate(BODIES)), re.I)
_REGION_GENERIC = re.compile(
    rf"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?P<kind>{_REGION_KINDS})\b"
)
# Capitalised words that start a sentence or a title, not a place name ("In Tula province").
_NOT_A_NAME = frozenset(
    [
        "The", "This", "That", "Each", "Every", "In", "On", "At", "From", "For", "By", "To",
        "Of", "During", "And", "With", "After", "Before", "Since", "Autonomous", "Soviet",
        "Our", "Their", "His", "Her", "Its", "Whole", "Entire",
    ]
)
_REGION_LOOKUP = {
    form.lower().removeprefix("the "): label
    for label, forms in _REGION_NAMES.items()
    for form in forms
}
_REGION_NAMED = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(f).replace(r"\ ", r"\s+")
        for f in sorted((f for fs in _REGION_NAMES.values() for f in fs), key=len, reverse=True)
    )
    + r")(?![\w'’])"
    + r"|\b(?:"
    + "|".join(_REGION_IF_FOLLOWED)
    + r")(?=\s+(?:NKVD|UNKVD|Party\s+(?:chief|committee|secretary)))"
)
_PERIOD_CORE = (
    rf"(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|\b{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
    rf"|(?:(?i:early|mid|late|mid-)\s*)?\b{_MONTH}(?:\s*[–-]\s*{_MONTH})?\s+\d{{4}}"
    rf"|(?i:spring|summer|autumn|fall|winter)\s+of\s+\d{{4}}"
    r"|\b\d{3}0s\b|\b\d{4}(?:\s*[–-]\s*\d{2,4})?(?![\w])"
    rf"|\b{_MONTH}(?!\s*\d))"
)
# Month names are matched case-sensitively ("May" the month, not "may" the verb).
_PERIOD = re.compile(
    rf"(?:\b(?i:during|in|on|since|from|by|until|till|after|before|between|throughout|through|"
    rf"as\s+of|over|within)\s+(?:the\s+)?(?:(?i:first|last|second|early|late|mid|course|rest|"
    rf"end|beginning|start|half|same|whole|months?|of)\s+){{0,4}})?{_PERIOD_CORE}"
    rf"(?:\s+(?i:to|until|and|–)\s+{_PERIOD_CORE})?"
    rf"|\b(?i:during|in|over|throughout|within)\s+the\s+(?i:(?:first|last|past|next|following)\s+)?"
    rf"(?:\w+\s+)?(?i:days|weeks|months|years)"
    rf"(?:\s+of\s+(?:(?:their|its|the|this|that)\s+\w+|\d{{4}}))?"
    rf"|\b(?i:during|in|over)\s+the\s+same\s+(?i:period|year|month|time)\b"
)
_PERIOD_DATE_WORD = re.compile(rf"\d|{_MONTH}|\b(?i:days|weeks|months|years|same)\b")
_WHAT_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*|[^\w\s]")
_AUX = frozenset(
    [
        "was", "were", "had", "has", "have", "been", "be", "is", "are", "did", "do", "does",
        "would", "could", "should", "will", "may", "might", "must", "shall", "being",
    ]
)
_WHAT_STOP = _AUX | frozenset(
    [
        "who", "which", "that", "whom", "whose", "during", "since", "until", "before", "after",
        "when", "while", "whereas", "although", "because", "than", "compared", "including",
        "among", "to", "by", "on", "as", "respectively", "each", "per", "against",
        "afterwards", "later", "earlier", "altogether", "overall", "alone",
    ]
)
_TRAILING = frozenset(
    [
        "of", "in", "to", "and", "or", "with", "the", "a", "an", "for", "from", "by", "on",
        "at", "as",
    ]
)
_PARTICIPLE = re.compile(r"[a-z]+ed$|shot|sent|held|taken|given|seen|known|found|put|brought|"
                         r"caught|condemned|exiled")


@dataclass
class _Cand:
    """A number phrase being turned into a figure."""

    start: int
    end: int
    value: int
    value_max: int | None
    qualifier: str
    phrase_rule: str
    words: bool


@dataclass
class _Mention:
    start: int
    end: int
    label: str


def _count_words(text: str, free: bool = False) -> int:
    words = _WORDS.findall(text)
    if free:
        return sum(1 for w in words if w.lower() not in _FREE_WORDS)
    return len(words)


def _candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    pos = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < pos:
            continue
        window_end = anchor.end() + 200
        m = _PHRASE.search(text, max(pos, anchor.start() - _LOOKBACK), window_end)
        while m is not None and m.end() <= anchor.start():  # a phrase wholly before the anchor
            m = _PHRASE.search(text, m.end(), window_end)
        if m is None or m.start() > anchor.start():
            continue
        pos = m.end()
        qual_text = m.group("qual")
        qualifier = "exact"
        start = m.start()
        if qual_text:
            q = _QUAL_LOOKUP.get(re.sub(r"\s+", " ", qual_text.lower()), "exact")
            word = qual_text.split()[0].lower()
            if word in ("over", "under", "up", "above", "below") and _PARTICLE_BEFORE.search(
                text[max(0, start - 40) : start]
            ):
                q = "exact"
                start = m.start("a") if m.group("a") else m.start("n")
            qualifier = q
        first, second = (m.group("a"), m.group("b")) if m.group("rng") else (
            m.group("n"), m.group("nb") or m.group("nt"))
        num_start = m.start("a") if m.group("rng") else m.start("n")
        p1 = _parse_number(first)
        p2 = _parse_number(second) if second else None
        if p1 is None:
            continue
        v1, v2 = p1[0], p2[0] if p2 else None
        if p2 is not None and not p1[1] and p2[1]:
            scale = _scale_of(second)  # "30 to 40 thousand": the scale belongs to both
            if v1 * scale <= v2:
                v1 *= scale
        end = m.end()
        rule = "range_" + m.group("rng").lower() if m.group("rng") else "number"
        words = not first[:1].isdigit()
        if v2 is not None and not m.group("rng") and (v2 <= v1 or _is_year(first)):
            # "58-10", "1937–38" or a decrease: not a range; rescan from the second number
            end = m.end("n")
            pos = end
            v2 = None
            second = None
        elif v2 is not None and not m.group("rng"):
            rule = "range_dash" if m.group("nb") else "range_to"
        post = m.group("post")
        if post and second is None and m.group("nt") is None and end == m.end():
            key = post.strip().lower().lstrip("-")
            key = re.sub(r"\s+", " ", key)
            if key in POST_QUALIFIERS and qualifier == "exact":
                qualifier = POST_QUALIFIERS[key]
        if words and "dozen" in first.lower() and qualifier == "exact":
            qualifier = "about"
        if words:
            rule = "words" if rule == "number" else rule
        why = _rejection(text, m, v1, num_start, end, words)
        if why is not None:
            continue
        if v2 is not None and (v2 != int(v2) or v2 <= v1):
            v2 = None
        out.append(_Cand(start, end, int(v1),
                         int(v2) if v2 is not None else None, qualifier,
                         rule + ("+" + qualifier.replace(" ", "_") if qualifier != "exact" else ""),
                         words))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return spans[-1]


def _mentions(text: str) -> dict[str, list[_Mention]]:
    out: dict[str, list[_Mention]] = {k: [] for k in ("operation", "body", "region", "period")}
    # "the German and Polish operations" names two operations: no single one is the scope.
    both = [(m.start(), m.end()) for m in _TWO_OPERATIONS.finditer(text)]
    for label, rx in _OPERATION_RE:
        out["operation"].extend(_Mention(m.start(), m.end(), label) for m in rx.finditer(text)
                                if not any(s <= m.start() < e for s, e in both))
    for m in _BODY_RE.finditer(text):
        idx = int(m.lastgroup[1:]) if m.lastgroup else 0
        out["body"].append(_Mention(m.start(), m.end(), BODIES[idx][0]))
    taken: list[tuple[int, int]] = []
    for m in _REGION_GENERIC.finditer(text):
        words = m.group("name").split()
        while words and words[0] in _NOT_A_NAME:
            words.pop(0)
        if not words or words[-1] in _NOT_A_NAME:
            continue
        name = " ".join(words)
        kind = m.group("kind").lower()
        kind = {"oblast": "province", "region": "province"}.get(kind, kind)
        kind = m.group("kind") if kind in ("assr", "ssr") else kind
        out["region"].append(_Mention(m.end() - len(m.group(0)) + m.group(0).index(words[0]),
                                      m.end(), f"{name} {kind}"))
        taken.append((m.start(), m.end()))
    for m in _REGION_NAMED.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        form = re.sub(r"\s+", " ", m.group(0)).lower().removeprefix("the ")
        out["region"].append(_Mention(m.start(), m.end(), _REGION_LOOKUP.get(form, m.group(0))))
    out["region"].sort(key=lambda x: x.start)
    for m in _PERIOD.finditer(text):
        if _PERIOD_DATE_WORD.search(m.group(0)):
            out["period"].append(_Mention(m.start(), m.end(), m.group(0)))
    return out


def _nearest(mentions: list[_Mention], lo: int, start: int, end: int, hi: int, free: bool,
             text: str, near_after: bool = False, claimed: frozenset[int] = frozenset()
             ) -> tuple[_Mention, int] | None:
    """The mention between lo and hi nearest to [start, end) and its side (0 before, 1 after).

    Distance is in (content) words.  With ``near_after`` a mention after the number counts only
    when it is close and not behind a comma: "20,000 in Belorussia", "(20,000 on 31 July)",
    "people were executed in 1937" bind, "34,000 candidates had been admitted, in 1938" does
    not.  ``claimed`` mentions were taken by the previous figure from its after side.
    """
    best: tuple[int, int, _Mention] | None = None
    for mention in mentions:
        if mention.end <= start and mention.start >= lo:
            if mention.start in claimed:
                continue
            d, side = _count_words(text[mention.end : start], free), 0
        elif mention.start >= end and mention.end <= hi:
            gap = text[end : mention.start]
            d, side = _count_words(gap, free), 1
            if near_after and d > 2 and (d > 6 or re.search(r"[,;:—–()]", gap)):
                continue
        else:
            continue
        if best is None or (d, side) < best[:2]:
            best = (d, side, mention)
    return (best[2], best[1]) if best else None


def _what(text: str, end: int, limit: int) -> tuple[str, str | None]:
    """The counted thing after a number ("other NKVD executives") and a partitive marker."""
    tail = text[end:limit]
    partitive = None
    m = _PART_AFTER.match(tail)
    if m:
        return "", "of_them"
    m = re.match(r"\s+of\s+(?=(?:the|their|his|its|our|these|those)\s)", tail, re.I)
    if m:
        tail = tail[m.end() :]
        partitive = "of"
    words: list[str] = []
    tokens = list(_WHAT_TOKEN.finditer(tail))
    i = 0
    while i < len(tokens) and len(words) < 8:
        tok = tokens[i].group(0)
        low = tok.lower()
        if not (tok[0].isalpha() or tok[0] in "'’"):
            break
        if low in ("who", "that", "which"):
            if not words:
                break  # "25,000 who were sentenced": no counted noun to describe
            j = i + 1
            while j < len(tokens) and tokens[j].group(0).lower() in _AUX:
                j += 1
            if j < len(tokens) and j > i and _PARTICIPLE.fullmatch(tokens[j].group(0).lower()):
                i = j  # "people who had been arrested in ..." → "people arrested in ..."
                continue
            break
        if low in _WHAT_STOP:
            break
        if not words and (low.endswith("ed") or low in ("more", "died", "others", "fled")):
            break  # no counted noun: "30,000-odd remained", "172,000 more followed"
        if not words and low in _FREE_WORDS:
            break  # "a limit of 3,000 for the first category": a modifier, not the thing
        if low.endswith("ed") and i + 1 < len(tokens) and tokens[i + 1].group(0).lower() in (
            "the", "a", "an", "their", "his", "her", "its", "this", "these", "those"
        ):
            break  # a finite verb with its object: "2,000 delegates attended the congress"
        if low in ("and", "or") and i + 1 < len(tokens):
            nxt = tokens[i + 1].group(0)
            if (nxt.lower() in _AUX or nxt[:1].isdigit() or nxt.lower() in _QUAL_LOOKUP
                    or nxt.lower().split("-")[0] in NUMBER_WORDS or nxt.lower() in _WHAT_STOP
                    or nxt.lower() in ("over", "more", "some", "the", "almost", "nearly")):
                break
        words.append(tok)
        i += 1
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return " ".join(words), partitive


def _head_noun(what: str) -> str:
    """The head of "prisoners in the albums presented": the last word before a preposition."""
    words = what.split()
    for k, word in enumerate(words):
        if word.lower() in _FREE_WORDS or word.lower() in ("with", "who", "whom"):
            return words[k - 1].lower() if k else ""
    return words[-1].lower() if words else ""


def _nationality(what: str) -> str | None:
    for word in _WORDS.findall(what):
        if word in NATIONALITIES:
            return NATIONALITIES[word]
    m = re.search(r"\b([A-Z][a-z]+)\s+(?:citizens|nationals|subjects|origin|émigrés|emigres|"
                  r"refugees|deserters|spies)\b", what)
    if m and m.group(1) in _NATIONALITY_ADJ:
        return _NATIONALITY_ADJ[m.group(1)]
    return None


@dataclass
class _Cue:
    start: int
    end: int
    measure: str
    prio: int
    text: str


def _cues(text: str) -> list[_Cue]:
    out: list[_Cue] = []
    for measure, rx, prio in _CUES:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if _TIME_CUE_BEFORE.search(before):
                continue  # "after arrest", "since their arrest": a time, not a count
            out.append(_Cue(m.start(), m.end(), measure, prio, m.group(0)))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


# --------------------------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------------------------


def find_figures(sentence: str, context: FigureContext | None = None) -> list[FigureMention]:
    """Every number in ``sentence`` that counts something, with its measure and scope.

    ``context`` (one per paragraph) carries the paragraph's figures so that "Over 105,000 of
    them were condemned" finds its whole (and, through it, its scope) in the previous sentence.
    Offsets are those of the number phrase, qualifier and range included, in ``sentence``.
    """
    cands = _candidates(sentence)
    if not cands:
        return []
    clauses = _clauses(sentence)
    cues = _cues(sentence)
    mentions = _mentions(sentence)
    figures: list[FigureMention] = []
    claims: dict[str, set[int]] = {}
    for i, cand in enumerate(cands):
        figure = _figure(sentence, i, cand, cands, figures, clauses, cues, mentions, context,
                         claims)
        if _PERCENT_AFTER.match(sentence, cand.end):
            share = _SHARE_OF.match(sentence, cand.end)
            figure.measure = "percent"
            figure.what = f"percent {share.group('of')}" if share else "percent"
            figure.rule += "+percent"
        figures.append(figure)
    _respectively(sentence, figures, context)
    if context is not None and figures:
        context.figures.extend(figures)
        context.last_group = figures
    return figures


def _coordinated(text: str, prev: _Cand, cand: _Cand) -> bool:
    return bool(_COORD_GAP.match(text[prev.end : cand.start]))


def _figure(text: str, i: int, cand: _Cand, cands: list[_Cand], done: list[FigureMention],
            clauses: list[tuple[int, int]], cues: list[_Cue],
            mentions: dict[str, list[_Mention]], context: FigureContext | None,
            claims: dict[str, set[int]]) -> FigureMention:
    c_start, c_end = _clause_of(clauses, cand.start)
    prev_i = i - 1 if i > 0 and cands[i - 1].end > c_start else None
    next_start = cands[i + 1].start if i + 1 < len(cands) else len(text)
    seg_lo = cands[i - 1].end if i > 0 else 0
    seg_lo = max(seg_lo, c_start)
    seg_hi = min(next_start, c_end)
    rules = [cand.phrase_rule]

    # Qualifier distribution over a coordination: "some 32,000 members and 34,000 candidates".
    qualifier = cand.qualifier
    if (qualifier == "exact" and prev_i is not None and done[prev_i].qualifier != "exact"
            and _coordinated(text, cands[prev_i], cand)
            and re.search(r"\band\s*$", text[cands[prev_i].end : cand.start])):
        qualifier = done[prev_i].qualifier
        rules.append("qualifier:distributed")

    # What is counted.
    what, partitive = _what(text, cand.end, seg_hi if seg_hi > cand.end else c_end)
    before_text = text[seg_lo : cand.start]
    part_marker = "of_them" if partitive == "of_them" else None
    pm = _PART_BEFORE.search(before_text)
    if pm and not part_marker:
        word = pm.group(0).split()[0].lower()
        part_marker = {"including": "including", "among": "among_them"}.get(word, "of_them")

    # Measure from cues.
    measure, measure_rule = _measure(text, i, cand, cands, done, c_start, c_end, cues,
                                     part_marker is not None)
    if measure == "count":
        head = _head_noun(what)
        if head in _NOUN_MEASURES:
            measure = _NOUN_MEASURES[head]
            measure_rule = f"noun:{head}"
    rules.append(f"measure={measure_rule}")

    # Scope.
    scope: dict[str, str | None] = dict.fromkeys(SCOPE_KEYS)
    for key in ("region", "period"):
        taken = frozenset(claims.get(key, ()))
        found = _nearest(mentions[key], seg_lo, cand.start, cand.end, seg_hi, True, text,
                         near_after=True, claimed=taken)
        if found is None and prev_i is not None and _coordinated(text, cands[prev_i], cand):
            scope[key] = done[prev_i].scope[key]
            continue
        if found is None:
            found = _nearest(mentions[key], c_start, cand.start, cand.end, cand.start, True, text,
                             claimed=taken)
        if found is not None and found[1] == 1:
            claims.setdefault(key, set()).add(found[0].start)
        scope[key] = found[0].label if found else None
    for key in ("operation", "body"):
        found = _nearest(mentions[key], c_start, cand.start, cand.end, c_end, False, text)
        if found is None:
            found = _nearest(mentions[key], 0, cand.start, cand.end, len(text), False, text)
        scope[key] = found[0].label if found else None
    scope["nationality"] = _nationality(what)

    # Part and whole.
    whole: FigureMention | None = None
    if part_marker:
        if prev_i is not None or i > 0:
            whole = done[i - 1]
        elif context is not None and context.figures:
            whole = context.figures[-1]
    elif prev_i is not None and done[prev_i].whole is not None and _coordinated(
        text, cands[prev_i], cand
    ):
        whole = done[prev_i].whole
        part_marker = "coordinated"
    if whole is not None:
        rules.append(f"part:{part_marker}")
        if measure == "count":
            measure = whole.measure
            rules.append("measure<-whole")
        for key in SCOPE_KEYS:
            if scope[key] is None and whole.scope.get(key):
                scope[key] = whole.scope[key]
        if not what:
            what = whole.what

    # Fallbacks for an empty "what": "numbers of people arrested from 30,000 to 40,000", or the
    # figure it is parallel to / compared with.
    if not what:
        nm = _NUMBERS_OF.search(text[c_start : cand.start].rstrip())
        if nm:
            kept = []
            for word in nm.group(1).split():
                if word.lower() in _AUX or word.lower() in _NUMBER_VERBS:
                    break
                kept.append(word)
            what = " ".join(kept)
        else:
            for prev in reversed(done):
                if prev.start >= c_start and prev.measure == measure and prev.what:
                    what = prev.what
                    rules.append(f"what<-{prev.value}")
                    break

    return FigureMention(
        start=cand.start, end=cand.end, value=cand.value, value_max=cand.value_max,
        qualifier=qualifier, measure=measure, what=what, scope=scope, rule="; ".join(rules),
        part_of=whole.value if whole is not None else None, whole=whole,
    )


def _measure(text: str, i: int, cand: _Cand, cands: list[_Cand], done: list[FigureMention],
             c_start: int, c_end: int, cues: list[_Cue], is_part: bool) -> tuple[str, str]:
    """The measure of candidate ``i`` and the rule that chose it.

    A part ("nearly 700 of them were later arrested", "including 25,000 who were sentenced to
    death") is the subject of what follows it: its forward cues are not penalised as relative
    clauses, cues behind it (which describe the whole) are, and it is never parallel to the
    figure before it (that is its whole).
    """
    best: tuple[int, int, str, str, _Cue | None] | None = None  # (score, -prio, measure, rule)
    # Forward cues: until the clause ends; another figure may be crossed only when the two are
    # coordinated ("32,000 members and 34,000 candidates had been admitted").
    limit = c_end
    for j in range(i + 1, len(cands)):
        if cands[j].start >= c_end:
            break
        if not _coordinated(text, cands[j - 1], cands[j]):
            limit = cands[j].start
            break
    for cue in cues:
        if cue.start >= cand.end and cue.end <= limit:
            gap = text[cand.end : cue.start]
            d = _count_words(gap)
            if d > 10 or _NEGATION.search(gap):
                continue
            if is_part:
                score = d - (2 if _PART_AFTER.match(gap) else 0)
            elif _RELATIVE.search(gap):
                score = d + 6  # "people who had been arrested": describes them, is not the count
            elif gap.strip() and not any(w.lower() in _AUX for w in _WORDS.findall(gap)):
                score = d + 3  # reduced relative: "120,000 people arrested in ..." after "examined"
            else:
                score = d
            key = (score, -cue.prio, cue.measure, f"cue_after:{cue.text.lower()}", cue)
        elif cue.end <= cand.start and cue.start >= c_start:
            gap = text[cue.end : cand.start]
            d = _count_words(gap)
            neg = text[max(c_start, cue.start - 25) : cue.start]
            if d > 16 or _NEGATION.search(neg.split(",")[-1]):
                continue
            key = (d + (4 if is_part else 0), -cue.prio, cue.measure,
                   f"cue_before:{cue.text.lower()}", cue)
        else:
            continue
        if best is None or key[:2] < best[:2]:
            best = key
    # Parallel: the nearest thing behind the number is another figure of the clause.
    if i > 0 and cands[i - 1].end > c_start and not is_part:
        gap = text[cands[i - 1].end : cand.start]
        d = _count_words(gap)
        behind = best is None or best[3].startswith("cue_after") or best[4] is None or (
            best[4].end <= cands[i - 1].start)
        if d <= 8 and behind and (best is None or d <= best[0]):
            prev = done[i - 1]
            return prev.measure, f"parallel:{prev.value}"
    if best is None:
        return "count", "none"
    measure, rule, cue = best[2], best[3], best[4]
    assert cue is not None
    # Of two coordinated cues the first named wins ("the expulsion and arrest of").
    for other in cues:
        if other is not cue and other.end <= cue.start and re.fullmatch(
            r"\s+and\s+", text[other.end : cue.start]
        ) and other.measure != measure and other.start >= c_start:
            measure, rule = other.measure, f"{rule}+first_of:{other.text.lower()}"
            break
    # Sentencing verb with its complement after the number: "sentenced 386,798 people to death".
    if measure == "condemned":
        tail = text[cand.end : c_end]
        if _TO_DEATH_AFTER.match(tail):
            measure, rule = "sentenced_to_death", rule + "+to_death"
        elif _TO_CAMP_AFTER.match(tail):
            measure, rule = "sentenced_to_camp", rule + "+to_camp"
    # "a quota of 75,950 people to be shot and 186,500 to be sent to camps": planned numbers.
    if measure in ("sentenced_to_death", "sentenced_to_camp", "arrested", "shot") and any(
        c.measure == "quota" and c_start <= c.start < cand.start
        and _count_words(text[c.end : cand.start]) <= 16 for c in cues
    ) and re.match(r"[\w\s]{0,20}\bto\s+be\b", text[cand.end : c_end]):
        measure, rule = "quota", rule + "+under_quota"
    return measure, rule


def _respectively(text: str, figures: list[FigureMention], context: FigureContext | None) -> None:
    """"these numbers were 148,000 and 437,000, respectively": take the earlier group's order."""
    m = _THESE_NUMBERS.search(text) if figures else None
    if m is None:
        return
    if m.group(0).lower() == "respectively":
        head: list[FigureMention] = []
        tail = figures
    else:
        head = [f for f in figures if f.end <= m.start()]
        tail = [f for f in figures if f.start >= m.end()]
    if head and len(head) == len(tail):
        group = head
    elif context is not None and len(context.last_group) == len(tail):
        group = context.last_group
    else:
        return
    for fig, src in zip(tail, group, strict=True):
        if fig.measure == "count":
            fig.measure = src.measure
        if not fig.what or "what<-" in fig.rule:
            fig.what = src.what
        for key in ("operation", "body", "region", "nationality"):
            if fig.scope.get(key) is None and src.scope.get(key):
                fig.scope[key] = src.scope[key]
        fig.rule += f"; respectively:{src.value}"
