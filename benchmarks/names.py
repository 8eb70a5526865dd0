"""Benchmark for imena.names: key stability across romanisations, Khabarovsk variants, speed.

Run: ``PYTHONPATH=. python benchmarks/names.py`` from the repository root. Prints
(1) how many pymorphy3 surnames get one key across every schema and how many collide,
(1b) the same on Khabarovsk surnames the name dictionary lacks, with and without its step,
(2) recall and false-positive rates of compare_names on Memorial's Khabarovsk name variants,
(3) name_key throughput.  Sections can be chosen: ``keys unknown khabarovsk speed``.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import iuliia
import pymorphy3

from imena.names import SAME_PERSON_THRESHOLD, name_key
from imena.names import key as key_module
from imena.names.compare import compare_parsed, surname_similarity
from imena.names.evaluate import (
    evaluate_variant_file,
    hard_pairs,
    read_variant_file,
    threshold_scan,
    true_pairs,
    variant_file,
)
from imena.names.key import known_keys, word_key
from imena.names.lexicon import dictionary_names

# iuliia schemas left out of the "one key" figure, with the reason; their agreement is still
# printed. uz romanises Uzbek Cyrillic (ц → s, щ → sh); telegram is a lossy chat spelling
# that writes ч and ц both as c and ш as s, so it cannot be told from с without merging
# the hushing and sibilant classes.
EXCLUDED_SCHEMAS = {"uz": "Uzbek alphabet", "telegram": "lossy chat spelling (ч=ц=c, ш=с=s)"}
# The systems issue 4 names: ALA-LC, BGN/PCGN, the popular (Wikipedia) style, scholarly,
# GOST 7.79 / ISO 9, German, French (press and passports), Polish and Cyrillic.
NAMED_SYSTEMS = (
    "cyrillic", "ala_lc", "ala_lc_alt", "bgn_pcgn", "bgn_pcgn_alt", "wikipedia", "scientific",
    "gost_779", "gost_779_alt", "iso_9_1954", "iso_9_1968", "iso_9_1968_alt", "german",
    "french", "mvd_310_fr", "polish",
)  # fmt: skip
# The spelling traditions reported one by one on top of the iuliia schemas.
TRADITIONS = ("german", "french", "polish")

_HUSHING = set("жчшщ")
_VOWELS = set("аеёиоуыэюя")
_SIGNS = set("ьъ")


def _after_glide_position(word: str, i: int) -> bool:
    """True where е ё ю я carry an audible glide: word start, after a vowel or a sign."""
    return i == 0 or word[i - 1] in _VOWELS or word[i - 1] in _SIGNS


def german(word: str) -> str:
    """Duden-style German transcription (Jeschow, Chruschtschow, Frinowski, Jagoda)."""
    w = word.lower()
    simple = {
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t",
        "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
        "ъ": "", "ь": "", "ы": "y", "э": "e",
    }  # fmt: skip
    out = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch == "е":
            out.append("je" if _after_glide_position(w, i) else "e")
        elif ch == "ё":
            out.append("o" if prev in _HUSHING else "jo")
        elif ch == "ю":
            out.append("ju")
        elif ch == "я":
            out.append("ja")
        elif ch == "и":
            out.append("ji" if prev == "ь" else "i")
        elif ch == "й":
            # -ий and -ый end in a bare vowel in German (Frinowski, Grosny).
            if prev in "иы" and not nxt:
                continue
            out.append("j" if nxt in _VOWELS else "i")
        elif ch == "с":
            out.append("ss" if prev in _VOWELS and nxt in _VOWELS else "s")
        else:
            out.append(simple.get(ch, ch))
    return "".join(out).capitalize()


def french(word: str) -> str:
    """French transcription as in the French press (Iejov, Khrouchtchev, Vassiliev, Belski)."""
    w = word.lower()
    simple = {
        "а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ь": "", "ы": "y",
        "э": "e",
    }  # fmt: skip
    out = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch == "е":
            out.append("ie" if _after_glide_position(w, i) else "e")
        elif ch == "ё":
            out.append("o" if prev in _HUSHING else "io")
        elif ch == "ю":
            out.append("iou")
        elif ch == "я":
            out.append("ia")
        elif ch == "г":
            out.append("gu" if nxt and nxt in "еиыэ" else "g")
        elif ch == "и":
            # -ин is -ine in French (Staline, Boukharine, Raspoutine).
            out.append("ï" if prev and prev in "аоуэ" else "ine" if w[i:] == "ин" else "i")
        elif ch == "н" and prev == "и" and not nxt:
            continue
        elif ch == "й":
            if prev and prev in "иы" and not nxt:
                continue
            out.append("ï" if prev and prev in "аоуэ" else "i")
        elif ch == "с":
            out.append("ss" if prev in _VOWELS and nxt in _VOWELS else "s")
        else:
            out.append(simple.get(ch, ch))
    return "".join(out).capitalize()


def polish(word: str) -> str:
    """Polish transcription (Jeżow, Biełow, Podolskaja, Frinowski)."""
    w = word.lower()
    simple = {
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "к": "k",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ь": "",
        "ы": "y", "э": "e",
    }  # fmt: skip
    hard = _HUSHING | {"ц"}
    out = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch in "еёюя":
            vowel = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[ch]
            if _after_glide_position(w, i):
                out.append("j" + vowel)
            elif prev in hard or prev == "л":
                # Polish l is soft already; after hushing letters there is no softness.
                out.append(vowel)
            else:
                out.append("i" + vowel)
        elif ch == "л":
            out.append("l" if nxt and nxt in "еёиьюя" else "ł")
        elif ch == "и":
            out.append("y" if prev and prev in "жшц" else "i")
        elif ch == "й":
            if prev in "иы" and not nxt:
                continue
            out.append("j")
        else:
            out.append(simple.get(ch, ch))
    return "".join(out).capitalize()


def load_surnames() -> list[str]:
    """Distinct nominative singular surnames (masculine and feminine) from pymorphy3."""
    morph = pymorphy3.MorphAnalyzer()
    found = set()
    for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words():
        if "Surn" in tag and "nomn" in tag and "sing" in tag and ("masc" in tag or "femn" in tag):
            found.add(word.capitalize())
    return sorted(found)


def spellings(surname: str) -> dict[str, str]:
    """The surname in every iuliia schema and in the hand-written transcriptions."""
    forms = {"cyrillic": surname, "german": german(surname), "french": french(surname)}
    forms["polish"] = polish(surname)
    for schema_name, schema in iuliia.schemas.items():
        forms[schema_name] = schema.translate(surname)
    return forms


def key_figures() -> None:
    started = time.perf_counter()
    surnames = load_surnames()
    misses: dict[str, set[str]] = defaultdict(set)
    examples: list[str] = []
    owners: dict[str, list[str]] = defaultdict(list)
    for surname in surnames:
        reference = name_key(surname)
        owners[reference].append(surname)
        for system, form in spellings(surname).items():
            if name_key(form) != reference:
                misses[system].add(surname)
                if system not in EXCLUDED_SCHEMAS and len(examples) < 20:
                    examples.append(f"{surname} {system}: {form} → {name_key(form)} ≠ {reference}")
    n = len(surnames)
    systems = [s for s in spellings("Ежов") if s not in EXCLUDED_SCHEMAS]
    core = [s for s in systems if s not in TRADITIONS]
    core_misses = set().union(*(misses[s] for s in core))
    all_misses = set().union(*(misses[s] for s in systems))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    sharing = sum(len(names) for names in shared.values())

    def pct(count: int) -> str:
        return f"{count} = {100 * count / n:.2f}%"

    named_misses = set().union(*(misses[s] for s in NAMED_SYSTEMS))
    print("== 1. name_key across romanisations ==")
    print(f"surnames (pymorphy3 Surn, nom. sg. masc+fem): {n}")
    print("excluded schemas: " + ", ".join(f"{k} ({v})" for k, v in EXCLUDED_SCHEMAS.items()))
    print(
        f"HEADLINE one key across the {len(core) - 1} iuliia schemas for Russian and Cyrillic:"
        f" {pct(n - len(core_misses))}"
    )
    print(
        f"one key across the {len(NAMED_SYSTEMS)} systems issue 4 names"
        f" ({', '.join(NAMED_SYSTEMS)}): {pct(n - len(named_misses))}"
    )
    for tradition in TRADITIONS:
        together = core_misses | misses[tradition]
        print(f"  ... and also {tradition:10}: {pct(n - len(together))}")
    print(f"one key across all {len(systems)} systems: {pct(n - len(all_misses))}")
    print(f"HEADLINE sharing a key with another surname: {pct(sharing)} ({len(shared)} keys)")
    print("surnames whose spelling in a system gets another key than the Cyrillic:")
    for system, missed in sorted(misses.items(), key=lambda kv: -len(kv[1])):
        flag = " (excluded)" if system in EXCLUDED_SCHEMAS else ""
        print(f"  {system:16} {pct(len(missed))}{flag}")
    print("examples:")
    for line in examples:
        print("  " + line)
    print(f"collisions: {len(shared)} keys shared by {sharing} surnames; first 50:")
    for key, names in sorted(shared.items())[:50]:
        print(f"  {key}: {' / '.join(names)}")
    print(f"[{time.perf_counter() - started:.1f}s]")


def unknown_name_figures() -> None:
    """The key on surnames the name dictionary lacks, where only the rules can decide.

    The figures above are for dictionary surnames, whose ambiguous Latin spellings the
    dictionary settles; Memorial's Khabarovsk surnames that pymorphy3 does not list (many
    East Asian) show what the rules alone reach, with and without the dictionary step.
    """
    print()
    print("== 1b. name_key on surnames the dictionary lacks (Khabarovsk) ==")
    path = variant_file()
    if path is None:
        print("skipped: ../shared/data/memorial/khabarovsk-name-variants.csv not found")
        return
    with path.open(encoding="utf-8") as f:
        words = {row["фамилия"].strip().capitalize() for row in csv.DictReader(f)}
    known = set(dictionary_names())
    unknown = sorted(w for w in words if w.isalpha() and w.lower() not in known)
    systems = [s for s in spellings("Ежов") if s not in EXCLUDED_SCHEMAS]
    core = [s for s in systems if s not in ("german", "french", "polish")]
    for label, use_dictionary in (("with the dictionary step", True), ("rules only", False)):
        core_missed, all_missed = 0, 0
        with _dictionary(use_dictionary):
            for word in unknown:
                reference = name_key(word)
                missed = {s for s, form in spellings(word).items() if name_key(form) != reference}
                core_missed += bool(missed & set(core))
                all_missed += bool(missed & set(systems))
        print(
            f"{len(unknown)} surnames, {label}: one key across the iuliia schemas"
            f" {100 * (1 - core_missed / len(unknown)):.2f}%, and with German, French, Polish"
            f" {100 * (1 - all_missed / len(unknown)):.2f}%"
        )


@contextmanager
def _dictionary(enabled: bool) -> Iterator[None]:
    """Run name_key with or without its dictionary step (the known keys emptied)."""
    name_key.cache_clear()
    word_key.cache_clear()
    saved = key_module.known_keys
    if not enabled:
        key_module.known_keys = lambda: frozenset()  # type: ignore[assignment]
    try:
        yield
    finally:
        key_module.known_keys = saved
        name_key.cache_clear()
        word_key.cache_clear()


def khabarovsk_figures() -> None:
    print()
    print("== 2. compare_names on Memorial's Khabarovsk name variants ==")
    path = variant_file()
    if path is None:
        print("skipped: ../shared/data/memorial/khabarovsk-name-variants.csv not found")
        return
    report = evaluate_variant_file(path, SAME_PERSON_THRESHOLD)
    print(report.summary())
    # The threshold is chosen on half A of the ids (split by checksum) and checked on half B:
    # the scores of the true pairs, random pairs and hard negatives of half A at each
    # candidate threshold.
    print("threshold scan on half A (recall / random FP / hard-negative FP):")
    for line in threshold_scan(path, (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)):
        print("  " + line)
    # What names alone can reach: true pairs whose surname or a given name is another name
    # (aliases, married names, East Asian names recorded in other orders), not a respelling,
    # and the recall on the rest.
    people = read_variant_file(path)
    pairs = true_pairs(people)
    spelling_only = []
    for a, b in pairs:
        comparison = compare_parsed(a, b)
        parts = [comparison.surname, comparison.first_name, comparison.patronymic]
        if all(v is None or v >= 0.85 for v in parts):
            spelling_only.append(comparison.score)
    other = len(pairs) - len(spelling_only)
    passed = sum(score >= SAME_PERSON_THRESHOLD for score in spelling_only)
    print(
        f"true pairs where a part is another name (similarity < 0.85): {other}/{len(pairs)}"
        f" = {100 * other / len(pairs):.1f}%; recall on the other {len(spelling_only)}:"
        f" {100 * passed / len(spelling_only):.1f}%"
    )
    # Pairs with no part in common: every part that both names have is another name
    # (similarity < 0.75), e.g. an alias or a Russian name taken by a Chinese worker.
    unrelated = 0
    for a, b in pairs:
        comparison = compare_parsed(a, b)
        parts = [comparison.surname, comparison.first_name, comparison.patronymic]
        unrelated += all(v is None or v < 0.75 for v in parts)
    print(
        f"true pairs sharing no name part at all: {unrelated}/{len(pairs)} ="
        f" {100 * unrelated / len(pairs):.1f}% (no comparison of names can link them)"
    )
    hard = hard_pairs(people, 20_000)
    identical = sum(
        word_key(a.surname) == word_key(b.surname)
        and a.given == b.given
        and surname_similarity(a.surname, b.surname) == 1.0
        for a, b in hard
    )
    print(
        f"hard negatives with identical names: {identical}/{len(hard)} = "
        f"{100 * identical / len(hard):.2f}%"
    )


def speed_figures() -> None:
    print()
    print("== 3. name_key speed (one core) ==")
    rng = random.Random(1937)
    surnames = _sample_words(rng)
    schemas = [schema for _name, schema in iuliia.schemas.items()]
    forms = [rng.choice(schemas).translate(s) for s in surnames] + surnames
    rng.shuffle(forms)
    cold, warm = [], []
    for _ in range(5):
        name_key.cache_clear()
        _word_key_cache_clear()
        started = time.perf_counter()
        for form in forms:
            name_key(form)
        cold.append(len(forms) / (time.perf_counter() - started))
        started = time.perf_counter()
        for form in forms:
            name_key(form)
        warm.append(len(forms) / (time.perf_counter() - started))
    known_keys.cache_clear()
    started = time.perf_counter()
    known_keys()
    print(f"one-time load of the dictionary's name keys: {time.perf_counter() - started:.2f} s")
    print(f"{len(forms)} distinct forms (surnames in random schemas and Cyrillic)")
    print(f"uncached: {statistics.median(cold):,.0f} keys/s (median of 5)")
    print(f"cached:   {statistics.median(warm):,.0f} keys/s (median of 5)")


def _word_key_cache_clear() -> None:
    word_key.cache_clear()


def _sample_words(rng: random.Random) -> list[str]:
    """Surnames for the speed test: the Khabarovsk file's, or pymorphy3's when it is absent."""
    path = variant_file()
    if path is None:
        return rng.sample(load_surnames(), 5000)
    with path.open(encoding="utf-8") as f:
        return sorted({row["фамилия"] for row in csv.DictReader(f) if row["фамилия"]})


def main() -> None:
    sections = sys.argv[1:] or ["keys", "unknown", "khabarovsk", "speed"]
    if "keys" in sections:
        key_figures()
    if "unknown" in sections:
        unknown_name_figures()
    if "khabarovsk" in sections:
        khabarovsk_figures()
    if "speed" in sections:
        speed_figures()


if __name__ == "__main__":
    main()
