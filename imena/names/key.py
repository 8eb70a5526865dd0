"""A romanisation-insensitive key for Russian personal names: Ежов, Ezhov, Jeschow → one key.

How the key is made
-------------------
1. Cyrillic is romanised with one canonical scheme (ALA-LC without diacritics), so a Cyrillic
   form and its Latin forms meet on the Latin side and go through the same folding.
2. Letters with diacritics are spelled out as the digraphs the English systems use
   (ž → zh, č → ch, ŝ → shch, â → ia, ë → io, ĭ → i, ł → l ...); the ALA-LC tie bar and other
   combining marks are dropped; soft/hard signs (' ’ ʹ ʺ ` ...) are dropped.
3. The word is checked for the marks of a German, Polish or French spelling, because some
   Latin letter groups mean different Cyrillic letters in different traditions:
   ``ch`` is ч in English, ш in French and х in German/Polish; ``j`` is a glide (й, я, ю) in
   German, Polish and scholarly systems but ж in French; ``z`` is з in English but ц in
   German; German ``sch`` is ж or ш and German ``s`` is з or с. German/Polish are recognised
   by ``w`` (в), ``sch``, ``tz``, ``zk``, ``sz``, ``ł``, ``ż``; French by ``ou`` (у), ``tch``
   (ч), ``ï``, ``-ine``, or a ``j`` beside the English ``ia``, ``iu``, ``-ii``.
4. Ordered rewrite rules (``_RULES`` below, each with the reason it exists) fold every spelling
   into a phonetic skeleton over a small alphabet:

   ====  =====================================  ==========================================
   key   Cyrillic                               why the letters share one symbol
   ====  =====================================  ==========================================
   x     ш ч щ                                  French ``ch`` is ш while English ``ch`` is
                                                ч, and a French word often shows no other
                                                mark (Chabanov)
   j     ж                                      zh, ž, ż, French j, German sch (see 5.)
   s     с                                      s, French/German ss
   z     з                                      z, German s (see 5.)
   c     ц                                      ts, c, tc, cz, German z
   h     х                                      kh, x, h, German/Polish ch
   i     и ы й, glides of я ю е ё               iso_9_1968_alt writes и and ы both y;
                                                y/j/i/ĭ/ï all write й somewhere
   e     е э ё                                  ALA-LC and passports write ё as e
   v     в                                      German/Polish w, old -off
   ====  =====================================  ==========================================

   A glide before ``e`` is dropped (Yezhov, Jeschow, Iejov → Ezhov; Solov'ev, Solovyev →
   Solovev), ``io`` is ё and becomes ``e`` (Fyodorov, Fjodorow, Fëdorov → Fedorov), a doubled
   s is made single (French Vassiliev, German Wassiljew); other double letters stay
   (Анненков is not Аненков).
5. Cyrillic is keyed by the rules alone. A Latin word whose reading is not the key of a name
   in pymorphy3's dictionary (:mod:`imena.names.lexicon`) is read again the other ways its
   letters allow (``_ALTERNATIVES``): French j = ж, German ch = х, ISO 9 sh = с + х, German
   s = з, German sch = ж, German/Polish o after ж ш ч for ё; the first reading that is a
   known name wins (Najaev → Нажаев, Jeschow → Ежов, Abalichin → Абалихин). A name the
   dictionary lacks keeps its first reading, and a word with no mark of a tradition is never
   re-read by Polish soft l (Lapin stays Лапин).

Internally the rules write X (ш щ), C (ч), Z (ж), S (з), Q (ц) and H (х) so that a later rule
cannot re-read a letter group an earlier one produced; ч keeps its own symbol until the end
so that тч and сч can be folded (Nikitchuk / Nikittschuk, Beschetkov / Bestchetkov), then
joins x.

What it costs, measured by ``benchmarks/names.py`` on pymorphy3's 14,928 surnames: 1.7% of
surnames share a key with another (Чашкин/Шашкин, Алимов/Алымов, Албетков/Альбетков); the
key finds candidates, :mod:`imena.names.compare` decides. A spelling the key cannot place is
one whose tradition neither its letters nor the dictionary settle: German Scharow (Шаров and
Жаров are both names), French Rojkov read as the scholarly Ройков, ISO 9 Bashanov.

Multi-token input
-----------------
``name_key`` splits the text into tokens (whitespace, commas, full stops; hyphens are kept
inside double surnames) and returns the keys of the tokens joined by single spaces, in the
order written. An initial is a token like any other: ``N. I. Ezhov`` → ``"n i ejov"``,
``Ia. A. Deich`` → ``"ia a deix"``, ``Ezhov, N.I.`` → ``"ejov n i"``. Use
:func:`imena.names.structure.parse_name` when the roles of the tokens matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from imena.names.lexicon import dictionary_names

# Canonical romanisation of Cyrillic (ALA-LC without diacritics). Ukrainian and Belarusian
# letters are included because regional lists contain them.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip
_CYRILLIC_TABLE = str.maketrans(
    {**_CYRILLIC_TO_LATIN, **{k.upper(): v for k, v in _CYRILLIC_TO_LATIN.items()}}
)

# Letters with diacritics spelled the way the English systems spell them, so that one set of
# digraph rules serves every system. Soft and hard signs in all their typographic forms vanish:
# Bel'skii, Bel’skii, Belʹskiĭ and Belsky differ only in them.
_LATIN_TABLE = str.maketrans({
    "ž": "zh", "ż": "zh", "ź": "z", "š": "sh", "ś": "s", "č": "ch", "ć": "ch", "ĉ": "ch",
    "ŝ": "shch", "ĥ": "kh", "ĝ": "g", "â": "ia", "ä": "ia", "û": "iu", "ü": "iu", "ê": "ie",
    "ë": "io", "ö": "io", "ĭ": "i", "ǐ": "i", "ï": "i", "ì": "i", "í": "i", "î": "i", "ȳ": "y",
    "ŭ": "u", "ł": "l", "ß": "ss", "ñ": "n", "ń": "n", "è": "e", "é": "e", "ė": "e", "ē": "e",
    "’": "'", "‘": "'", "ʹ": "'", "ʺ": "'", "ʼ": "'", "`": "'", "´": "'", "″": "'", '"': "'",
    "”": "'", "“": "'", "ʻ": "'", "·": "",
})  # fmt: skip

_VOWELS = "aeiouy"
_CONSONANTS = "bcdfghklmnpqrstvwxz"

# Rewrites for spellings recognised as German: sch is ж/ш, tsch is ч, ch is х, z is ц, w is в,
# j is the glide. They write the class symbols (X for ж ш щ, C for ч, H for х) directly so
# the shared digraph rules below cannot re-read them.
_GERMAN = [
    (re.compile("schtsch"), "X"),
    (re.compile("tsch"), "C"),
    (re.compile("sch"), "X"),
    (re.compile("ch"), "H"),
    (re.compile("z"), "Q"),
    (re.compile("w"), "v"),
    (re.compile("j"), "y"),
    # German writes с between vowels as ss, so a single s there is з (Kasakow, Kusnezow);
    # before b, d, g a Russian sibilant is з (Gnesdilow, Brysgunow), and ds is дз.
    (re.compile("(?<=[aeiouy])s(?=[aeiouy])|(?<!s)s(?=[bdg])"), "S"),
]
# German sch is ж as often as ш and initial s is з as often as с (Jeschow, Sacharow): the
# other readings, tried against the name dictionary when the first is not a known name.
_GERMAN_ZH = [(re.compile("(?<!t)sch"), "Z"), *_GERMAN]
_GERMAN_Z = [*_GERMAN, (re.compile("(?<![sS])s(?![sS])"), "S")]
_GERMAN_ZH_Z = [(re.compile("(?<!t)sch"), "Z"), *_GERMAN_Z]
# Polish: sz and szcz are ш and щ, ż is ж, cz is ч, ch is х, c is ц, w is в, j the glide.
_POLISH = [
    (re.compile("szcz|sz"), "X"),
    (re.compile("zh"), "Z"),
    (re.compile("cz"), "C"),
    (re.compile("ch"), "H"),
    (re.compile("c"), "Q"),
    (re.compile("w"), "v"),
    (re.compile("j"), "y"),
]
# French: ch is ш, tch is ч, chtch is щ, j is ж, ou is у.
_FRENCH = [
    (re.compile("chtch"), "X"),
    (re.compile("j"), "Z"),
    # x is кс in French (Alexeev, Axenov), х in the scholarly systems.
    (re.compile("x"), "ks"),
    (re.compile("tch"), "C"),
    (re.compile("ch"), "X"),
]
_HUSHING_O = (re.compile("(?<=[XCZ])o"), "e")
_TRADITION_RULES = {
    "": [],
    "german": _GERMAN,
    "german-zh": _GERMAN_ZH,
    "german-z": _GERMAN_Z,
    "german-zh-z": _GERMAN_ZH_Z,
    "polish": _POLISH,
    "french": _FRENCH,
    # German and Polish write ё after ж ш ч щ as o (Tołmaczow, Gorbatschow); Russian has
    # both чё and чо there, so this reading is only tried against the dictionary.
    "german-o": [*_GERMAN, _HUSHING_O],
    # German z for ц (Zessarski) in a word without w or sch.
    "german-z-ts": [(re.compile("z"), "Q")],
    # j as the glide of German, Polish and the scholarly systems (Jermolin, Jeskina).
    "glide": [(re.compile("j"), "y")],
    "german-ch": [(re.compile("(?<![st])ch"), "H")],
    # German's single s for з (Kusnezow, Sacharow) in a word without w or sch.
    "german-s": [(re.compile("(?<![st])ch"), "H"), (re.compile("(?<![sS])s(?![sSh])"), "S")],
    "polish-o": [*_POLISH, _HUSHING_O],
    # ISO 9 and the scholarly systems write х as h, so their sh, zh, kh are с+х, з+х, к+х
    # (Mashadov, Ishakov, Bekhėm).
    "iso": [(re.compile("(?<=[szk])h"), "H")],
}
# What a word must contain for a reading to differ from the plain one (a cheap test that
# spares the rules a pass: most words have none of these letters).
_READING_NEEDS = {
    "french": re.compile("j|ch|x"),
    "german-ch": re.compile("(?<![st])ch"),
    "iso": re.compile("[szk]h"),
    "german-s": re.compile("s|ch"),
    "glide": re.compile("j"),
    "german-z-ts": re.compile("z"),
    "german-zh": re.compile("sch"),
    "german-zh-z": re.compile("sch"),
    "german-o": re.compile("(?:sch|tsch)o"),
    "polish-o": re.compile("(?:sz|cz|ż|rz)o"),
}
# The readings tried, in order, when the first reading of a Latin word is not a known name.
_ALTERNATIVES = {
    # A word with no mark of its tradition is re-read only where its letters are ambiguous
    # between traditions (j, ch, x; ISO's h), never by Polish soft l or German s: an
    # English-spelled name the dictionary lacks (Lapin, Lonin) must keep its plain reading.
    "": ("french", "german-ch", "iso", "german-s", "glide", "german-z-ts"),
    "german": ("german-zh", "german-z", "german-zh-z", "german-o", "polish", "polish-o", ""),
    "polish": ("polish-o", "", "german"),
    "french": ("",),
}

# Shared rules, in order. Each line says why it exists.
_RULES: list[tuple[re.Pattern[str], str]] = [
    # GOST 16876-71 (ASCII) writes й as jj and э as eh (Ehjjnshtejjn, Dehvis); a lone h
    # after e before a consonant is not х there (kh is), and ISO 9's eh + consonant is rare.
    (re.compile("jj"), "y"),
    (re.compile(f"^eh(?=[{_CONSONANTS.replace('h', '')}])"), "e"),
    # j after a soft or hard sign is the glide everywhere (D'jakonov, Solov'jov).
    (re.compile("(?<=')j"), "y"),
    # Otherwise a j that is not German or Polish (those were rewritten above) is the glide in
    # scholarly/ISO spellings (Jagoda, Majakovskij, Bel'skij, Rjabov) but ж in French ones
    # (Ejov, Jilin). Scholarly systems write initial and post-vocalic е as plain e and й
    # before a vowel is rare, so before e, i, o at the start of a word or between vowels j
    # is taken as ж; elsewhere as the glide, which is far more common (vowel + я/ю alone
    # is 15 times as frequent as vowel + жа/жу in pymorphy3's surnames).
    (re.compile(f"(?<=[{_VOWELS}])j(?=[eio])"), "Z"),
    # An initial je is ж too: the scholarly systems write initial е as e, and German and
    # Polish words (Jeschow, Jeżow) were rewritten above.
    (re.compile("^j(?=[ie])"), "Z"),
    # After a consonant (no sign) j before e or i is French: the glide of е is written only
    # after a sign (Solov'jev), and German and Polish words were rewritten above.
    (re.compile(f"(?<=[{_CONSONANTS}])j(?=[ei])"), "Z"),
    # French dj is дж (English dzh, German dsch, Polish dż come out as d + ж too); the
    # scholarly dj is дя, дю, дё (Djumin), but дье and дьи keep their sign (Dʹjev).
    (re.compile("dj(?=[ei])"), "dZ"),
    # At the start of a word before a consonant j can only be the French ж (Jdanov).
    (re.compile(f"^j(?=[{_CONSONANTS}])"), "Z"),
    (re.compile("j"), "y"),
    (re.compile("'"), ""),
    # GOST 7.79-B writes ц as cz before a, o, u and consonants (Czaryov) and never before
    # e, i, y, where cz can only be the Polish ч of a word not recognised as Polish.
    # GOST 7.79-B writes ц as cz before a, o, u, consonants and the glide y (Czyurupa);
    # Polish writes ч as cz everywhere, and ч is much the commoner letter, so cz is ч unless
    # the word carries GOST 7.79-B's marks (` for ь ъ ы э, shh for щ; see _tradition).
    (re.compile("cz(?=y[aeou])"), "c"),
    (re.compile("cz(?=[eiy])"), "C"),
    (re.compile("cz"), "c"),
    # Latin x is х in scientific and GOST 7.79-B/7.0.34 spellings (Xruščёv, Muxin) and кс in
    # popular ones (Maxim, Alexandrov); the transliteration systems win, being the majority.
    (re.compile("x"), "H"),
    # ou is the French у (Joukov, Iouriev); Russian оу is rare.
    (re.compile("oou"), "ou"),
    (re.compile("ou"), "u"),
    # gu before a front vowel is the French way of keeping г hard (Guéorgui).
    (re.compile("gu(?=[eiy])"), "g"),
    # French writes -ин as -ine (Lénine, Elkine); Russian surnames do not end in -ине.
    (re.compile("ine$"), "in"),
    # Old French/German -off/-eff for -ов/-ев (Smirnoff).
    (re.compile("(?<=[oe])ff(?=$|a$)"), "v"),
    # щ: shch (ALA-LC, BGN), shh (GOST 7.0.34), sch (Moscow metro, Yandex); сч is
    # pronounced щ and written sch by ALA-LC, so it joins it.
    (re.compile("shch|shh|sch"), "X"),
    # ж ш share a class because German writes both as sch; щ joins them (shch, šč, ŝ).
    (re.compile("zh"), "Z"),
    (re.compile("sh"), "X"),
    # ч: ch in the English systems (the French ch was rewritten above).
    (re.compile("ch"), "C"),
    # х: kh everywhere, lone h in ISO 9 / scientific.
    (re.compile("kh|h"), "H"),
    # тч and сч are pronounced ч and щ; German ttsch / French stch keep the t or s.
    (re.compile("t(?=C)"), ""),
    (re.compile("sC|XC"), "X"),
    # The sibilant class: с з ц (ts, tc in GOST R 52535, tz, c in ISO/Polish, z, s).
    (re.compile("ts|tc|tz|c"), "Q"),
    (re.compile("z"), "S"),
    (re.compile("w"), "v"),
    # и ы й and the glides of я ю е ё are i, y, j or nothing in one system or another.
    # ы keeps its own letter between consonants, where every system writes y and и is i
    # (Алымов / Алимов, Белынский / Белинский); after ж ш щ ч ц Polish writes и as y too,
    # and elsewhere y is й or a glide in BGN and the popular style.
    (re.compile("y"), "i"),
    # ё is io, yo, jo after consonants and at the start; ALA-LC and passports write e.
    (re.compile("i+o"), "e"),
    # A glide before e is written in BGN (Yezhov), German (Jeschow), French (Iejov) but not
    # in ALA-LC (Ezhov); ье and ие lose it too (Solov'ev / Solovyev, Dmitriev / Dmitriyev).
    (re.compile("i+e"), "e"),
    # French and German write intervocalic с as ss (Vassiliev, Wassiljew). Other double
    # letters are kept: every system writes Анненков with nn, and Аненков is another name.
    (re.compile("s+"), "s"),
    (re.compile("Z+"), "Z"),
    (re.compile("i+"), "i"),
    (re.compile("X+"), "X"),
]

_FINAL_TABLE = str.maketrans({"X": "x", "C": "x", "H": "h", "Y": "y", "Z": "j", "Q": "c", "S": "z"})
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NON_LETTER = re.compile(r"[^a-zXCHYZQS-]")
# Polish l (not ł) before a, o, u is ля, лё, лю: Polish needs no glide letter after it.
_POLISH_SOFT_L = re.compile("l(?=[aou])")


# sz is Polish ш, but tsz is ALA-LC's цз (T͡szin).
_POLISH_SZ = re.compile("(?<![t\u0361])sz")
# German writes цк as zk (Belizki); GOST 7.79-B's czk is not German.
_GERMAN_ZK = re.compile("(?<!c)zk")
_GOST_B_MARKS = re.compile("[`'x]|shh|y[aeou]|czz")
# Where cz is much more often the Polish ч than the GOST 7.79-B ц: -czuk, -czk- (not
# -czkij, GOST 7.79-B's -цкий).
_POLISH_CZ = re.compile("cz(?:k(?!ij)|uk$)")
# Polish marks softness with i after a consonant (Biełow, Piotr); German writes j or nothing.
_POLISH_SOFTENING = re.compile(f"[{_CONSONANTS}]i[aeou]")


# French writes -ин as -ine (Staline) and е after a vowel as ie (Pokhojaiev), where the
# English systems write e or ye and the scholarly ones je.
_FRENCH_MARKS = re.compile("ine$|[aeou]ie")
_FRENCH_J = re.compile("ia|iu|ii$|yi$")


def _tradition(text: str) -> str:
    """Which spelling tradition a lower-case Latin word looks like: german, polish, french, ''.

    ``w`` is в only in German and Polish; ``sch`` is ж/ш in German but щ in Moscow-metro and
    Yandex spellings, which also write ``v``, ``kh`` or ``zh``.
    """
    if "ł" in text or "ż" in text or _POLISH_SZ.search(text):
        return "polish"
    if "w" in text and ("cz" in text or _POLISH_SOFTENING.search(text)):
        return "polish"
    # cz is ч in Polish and ц in GOST 7.79-B, which marks ь ъ ы э with ` and writes щ shh,
    # х x and the glides y; a word with Polish-looking cz and none of those is Polish.
    if _POLISH_CZ.search(text) and not _GOST_B_MARKS.search(text):
        return "polish"
    if ("w" in text or "sch" in text or "tz" in text or _GERMAN_ZK.search(text)) and not (
        "v" in text or "kh" in text or "zh" in text
    ):
        return "german"
    if "ou" in text or "tch" in text or "ï" in text or _FRENCH_MARKS.search(text):
        return "french"
    # j is ж only in French; the scholarly systems that write j for the glides write я ю
    # as ja ju and -ий as -ij, so j beside an English-looking ia, iu or -ii is French
    # (Kolodiajnyi, Jalkovskii).
    if "j" in text and text.isascii() and _FRENCH_J.search(text):
        return "french"
    return ""


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The key of one word (no spaces). Empty when the word has no letters.

    Cyrillic is keyed by the rules alone. A Latin word is read in the tradition its letters
    show; when that reading is not the key of a name in the dictionary but another
    tradition's reading is, the other one is taken (Najaev is French Нажаев, not Наяев;
    Abalichin is German Абалихин). Unknown names keep the first reading.
    """
    text = word.lower()
    if not text.isascii():
        # iuliia and PDF text may carry decomposed letters (z + combining caron).
        text = unicodedata.normalize("NFC", text)
        if _HAS_CYRILLIC.search(text):
            return _rule_key(text.translate(_CYRILLIC_TABLE), "")
    tradition = _tradition(text)
    key = _rule_key(text, tradition)
    if len(key) < 3:
        return key
    known = known_keys()
    if key in known:
        return key
    for other in _ALTERNATIVES[tradition]:
        needs = _READING_NEEDS.get(other)
        if needs is not None and not needs.search(text):
            continue  # this reading would change nothing in this word
        candidate = _rule_key(text, other)
        if candidate in known:
            return candidate
    return key


def _rule_key(text: str, tradition: str) -> str:
    """The key of a lower-case Latin word read in one spelling tradition."""
    if tradition == "polish":
        text = _POLISH_SOFT_L.sub("li", text)
    text = text.translate(_LATIN_TABLE)
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    for pattern, replacement, needs in _GUARDED_TRADITION_RULES[tradition]:
        if needs is None or needs in text:
            text = pattern.sub(replacement, text)
    for pattern, replacement, needs in _GUARDED_RULES:
        if needs is None or needs in text:
            text = pattern.sub(replacement, text)
    return _NON_LETTER.sub("", text).translate(_FINAL_TABLE).strip("-")


_LOOKAROUND = re.compile(r"\(\?<?[=!][^()]*\)")
_LITERAL = re.compile(r"[A-Za-z'\-]+")


def _needs(pattern: str) -> str | None:
    """A literal a text must contain for ``pattern`` to match, or None when there is none.

    A substring test is far cheaper than a regular-expression search that finds nothing, and
    most rules find nothing in most words; this keeps ``name_key`` fast.
    """
    core = _LOOKAROUND.sub("", pattern).replace("^", "").replace("$", "")
    if _LITERAL.fullmatch(core):
        return core
    if len(core) == 2 and core[1] == "+" and core[0].isalpha():
        return core[0]
    return None


def _guarded(
    rules: list[tuple[re.Pattern[str], str]],
) -> list[tuple[re.Pattern[str], str, str | None]]:
    return [(pattern, replacement, _needs(pattern.pattern)) for pattern, replacement in rules]


_GUARDED_RULES = _guarded(_RULES)
_GUARDED_TRADITION_RULES = {name: _guarded(rules) for name, rules in _TRADITION_RULES.items()}


@cache
def known_keys() -> frozenset[str]:
    """The keys of the names in the dictionary (:mod:`imena.names.lexicon`)."""
    return frozenset(_rule_key(name.translate(_CYRILLIC_TABLE), "") for name in dictionary_names())


_TOKEN = re.compile(r"[^\s,.;:()\[\]/]+")


def name_tokens(text: str) -> list[str]:
    """Split a name into tokens: words, hyphenated double surnames and initials."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The romanisation-insensitive key of a name: token keys joined by spaces, in order.

    >>> name_key("Yezhov") == name_key("Ежов") == name_key("Jeschow") == name_key("Ežov")
    True
    >>> name_key("N. I. Ezhov")
    'n i ejov'
    """
    return " ".join(key for key in map(word_key, name_tokens(text)) if key)
