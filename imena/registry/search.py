"""Finding records by name in any script or romanisation, ranked, filtered and counted by facet.

How a query is answered
-----------------------
1. The query is cut into words and initials ("Ежов Н. И.", "N. I. Ezhov", "Yezhov Nikolai").
   Which word is the surname is not guessed: the first and the last full word (lists write
   "Surname Name Patronymic", other texts "Name Patronymic Surname") are each tried as the
   surname, the other words (in the order written) as name and patronymic.  A wrong
   reading finds nothing compatible and drops out.
2. Surname keys: the query surname's key, plus keys in ``surname_keys`` that share its
   first letters or the first consonants of its skeleton (so и/е and о/а swaps are found)
   and are close by rapidfuzz's ratio.
3. The distinct (surname, name, patronymic) key combinations under those surname keys come
   from the covering index of ``record_names``; each is scored against the query.  An
   initial matches any name it begins; a part missing from a record is unknown, not a
   conflict; a different name or patronymic is a conflict and the combination is dropped.
4. Ranking comes in tiers: every part the query gives matches its key exactly (0.9–1.0),
   then the surname exactly with initials/missing/near parts (0.6–0.9), then a fuzzy
   surname (0.3–0.6).  Within a tier, closeness orders, and with ``born`` each year of
   difference (up to ±2) lowers the score.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from imena.errors import InputError
from imena.registry.bio import NATIONALITIES
from imena.registry.keys import (
    INITIAL_MARK,
    KeyFunction,
    current_key_function,
    is_initial,
    part_key,
    skeleton,
)
from imena.store import registry as registry_db
from imena.store.db import Store, default_db_path

PathLike = str | os.PathLike[str]

BORN_TOLERANCE = 2
#: rapidfuzz ratio (0–100) from which a surname key counts as a spelling of the query's.
SURNAME_CUTOFF = 80
SHORT_SURNAME_CUTOFF = 75
GIVEN_CUTOFF = 85
#: How many fuzzy surname keys, at most, are followed up (the closest ones).
FUZZY_KEYS = 40
_TIER_BASE = (0.3, 0.6, 0.9)
_TIER_WIDTH = (0.3, 0.3, 0.1)
TIER_NAMES = ("fuzzy", "surname", "exact")

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʹ-])*\.?")
_PATRONYMIC = re.compile(
    r"(?:[ое]вич|[ое]вна|ична|ьич|[oe]vich|[oe]vitch|[oe]witsch|[oe]vna|ichna)$", re.IGNORECASE
)
_RESULT_COLUMNS = (
    "record_id", "cluster_id", "registry", "source_row", "surname", "name", "patronymic",
    "birth_year", "birth_place", "nationality", "occupation", "death_date", "death_place",
    "burial_place", "memory_book",
)  # fmt: skip


@dataclass(frozen=True)
class QueryPart:
    """One given part of the query (name or patronymic): its key, and whether an initial."""

    key: str
    initial: bool


@dataclass(frozen=True)
class Reading:
    """One way to read the query: which word is the surname, which are name and patronymic."""

    surname_key: str
    name: QueryPart | None
    patronymic: QueryPart | None


@dataclass
class SearchResult:
    """The records found (best first, at most ``limit``), how many in all, and facet counts."""

    query: str
    total: int
    hits: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "results": self.hits,
            "facets": self.facets,
        }


def search_records(
    query: str,
    db: PathLike | None = None,
    *,
    limit: int = 20,
    born: int | None = None,
    died: int | None = None,
    place: str | None = None,
    nationality: str | None = None,
    book: str | None = None,
    store: Store | None = None,
) -> SearchResult:
    """Records whose name matches ``query``, ranked, with filters and facets (module doc)."""
    if limit < 1:
        raise InputError("--limit must be at least 1")
    own = store is None
    store = store or Store(db or default_db_path(), create=False)
    try:
        scheme, key = current_key_function()
        _check_scheme(store, scheme)
        readings = read_query(query, key)
        combos, surnames = _scored_combinations(store, readings)
        rows = _filtered_hits(store, combos, surnames, born, died, place, nationality, book)
        scored = []
        for record_id, score, birth_year, *_ in rows:
            if born is not None and birth_year is not None:
                score = _born_adjusted(score, abs(birth_year - born))
            scored.append((score, record_id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        top = scored[:limit]
        return SearchResult(
            query=query,
            total=len(rows),
            hits=_records(store, top),
            facets=_facets(rows),
        )
    finally:
        if own:
            store.close()


def read_query(query: str, key: KeyFunction) -> list[Reading]:
    """Every reading of the query worth trying (see the module doc, step 1)."""
    words = _WORD.findall(query)
    if not words:
        raise InputError(f"no name in the query {query!r}")
    full = [i for i, w in enumerate(words) if not is_initial(w)]
    if not full:
        raise InputError(f"the query {query!r} has initials but no surname")
    # Lists write "Surname Name Patronymic", other texts "Name [Patronymic] Surname": the
    # surname is the first or the last word, and not a word shaped like a patronymic
    # unless nothing else can be (Шостакович is a surname too).
    ends = list(dict.fromkeys((full[0], full[-1])))
    plain = [at for at in ends if not _PATRONYMIC.search(words[at])]
    readings: list[Reading] = []
    for at in plain or ends:
        surname_key = part_key(words[at], key)
        if not surname_key:
            continue
        given = [w for i, w in enumerate(words) if i != at]
        name_words, patronymic_words = given[:1], given[1:]
        # "Ежов Иванович": a lone given word ending like a patronymic is one.
        if len(given) == 1 and not is_initial(given[0]) and _PATRONYMIC.search(given[0]):
            name_words, patronymic_words = [], given
        readings.append(
            Reading(surname_key, _query_part(name_words, key), _query_part(patronymic_words, key))
        )
    if not readings:
        raise InputError(f"no name in the query {query!r}")
    return list(dict.fromkeys(readings))


def _query_part(words: list[str], key: KeyFunction) -> QueryPart | None:
    if not words:
        return None
    if is_initial(words[0]):
        return QueryPart(part_key(words[0], key), True)
    part = part_key(" ".join(words), key)
    return QueryPart(part, False) if part else None


def _check_scheme(store: Store, scheme: str) -> None:
    schemes = registry_db.key_schemes(store)
    stale = [s for s in schemes if s != scheme]
    if stale:
        raise InputError(
            f"the registry name keys were made by {stale[0]}, this imena makes {scheme}; "
            "run `imena registry rekey` first",
            path=store.path,
        )


def _surname_candidates(store: Store, surname_key: str) -> dict[str, float]:
    """Surname keys to follow up, each with its similarity to the query's (exact = 1.0)."""
    consonants = skeleton(surname_key)[:3]
    keys = registry_db.surname_keys_beginning(store, surname_key[:3])
    if consonants:
        keys += registry_db.surname_keys_by_skeleton(store, consonants)
    found = {surname_key: 1.0}
    # One changed letter in a four-letter key (Ежов/Ежев) is a ratio of 75.
    cutoff = SURNAME_CUTOFF if len(surname_key) > 4 else SHORT_SURNAME_CUTOFF
    for candidate, ratio, _ in process.extract(
        surname_key, set(keys), scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_KEYS
    ):
        found.setdefault(candidate, ratio / 100)
    return found


@lru_cache(maxsize=100_000)
def _given_score(query: QueryPart, record_key: str) -> float | None:
    """How well a record's name (or patronymic) key fits the query's; None is a conflict."""
    if not record_key:
        return 0.6  # not written in the record: unknown, not different
    record_initial = record_key.endswith(INITIAL_MARK)
    if query.initial:
        wanted = query.key.rstrip(INITIAL_MARK)
        if record_initial:
            return 0.8 if record_key == query.key else None
        return 0.8 if record_key.startswith(wanted) else None
    if record_initial:
        return 0.8 if query.key.startswith(record_key[:-1]) else None
    if record_key == query.key:
        return 1.0
    ratio = fuzz.ratio(query.key, record_key)
    return 0.9 * ratio / 100 if ratio >= GIVEN_CUTOFF else None


def score_combination(
    reading: Reading, surname_sim: float, name_key: str, patronymic_key: str
) -> float | None:
    """The score of one key combination for one reading (module doc, step 4), or None."""
    parts = []
    for query, record_key in ((reading.name, name_key), (reading.patronymic, patronymic_key)):
        if query is None:
            continue
        score = _given_score(query, record_key)
        if score is None:
            return None
        parts.append(score)
    tier = 0 if surname_sim < 1.0 else (2 if all(p == 1.0 for p in parts) else 1)
    within = (surname_sim + sum(parts)) / (1 + len(parts))
    return _TIER_BASE[tier] + _TIER_WIDTH[tier] * within


def _born_adjusted(score: float, years: int) -> float:
    """Lower a score within its tier by the distance between birth years."""
    tier = 2 if score >= _TIER_BASE[2] else (1 if score >= _TIER_BASE[1] else 0)
    within = (score - _TIER_BASE[tier]) / _TIER_WIDTH[tier]
    return _TIER_BASE[tier] + _TIER_WIDTH[tier] * within * (1 - 0.1 * years)


def _given_candidates(store: Store, part: QueryPart) -> list[str]:
    """The name keys (from ``given_keys``) that can match a full given part of the query."""
    near = registry_db.given_keys_beginning(store, part.key[:2])
    initials = [part.key[:n] + INITIAL_MARK for n in range(1, min(len(part.key), 4) + 1)]
    return ["", part.key, *initials, *(k for k in near if _given_score(part, k) is not None)]


def _scored_combinations(
    store: Store, readings: list[Reading]
) -> tuple[dict[tuple[str, str, str], float], dict[str, float]]:
    """Scores of the matching key combinations, and of whole surnames when the query is
    a surname alone (every name under such a surname matches equally)."""
    combos: dict[tuple[str, str, str], float] = {}
    surnames: dict[str, float] = {}
    for reading in readings:
        candidates = _surname_candidates(store, reading.surname_key)
        if reading.name is None and reading.patronymic is None:
            for surname_key, similarity in candidates.items():
                score = score_combination(reading, similarity, "", "")
                if score is not None and score > surnames.get(surname_key, 0.0):
                    surnames[surname_key] = score
            continue
        # A full name has few spellings to look up; an initial begins too many of them
        # (И. → every name in и), so its combinations are read and scored instead.
        given = [
            None if part is None or part.initial else _given_candidates(store, part)
            for part in (reading.name, reading.patronymic)
        ]
        for surname_key, name_key, patronymic_key in registry_db.name_combinations(
            store, list(candidates), *given
        ):
            score = score_combination(reading, candidates[surname_key], name_key, patronymic_key)
            combo = (surname_key, name_key, patronymic_key)
            if score is not None and score > combos.get(combo, 0.0):
                combos[combo] = score
    return combos, surnames


def _filtered_hits(
    store: Store,
    combos: dict[tuple[str, str, str], float],
    surnames: dict[str, float],
    born: int | None,
    died: int | None,
    place: str | None,
    nationality: str | None,
    book: str | None,
) -> list[tuple[Any, ...]]:
    """(record_id, score, birth_year, death_date, nationality, memory_book) of every match."""
    if not combos and not surnames:
        return []
    rows = registry_db.matching_records(
        store,
        combos,
        surnames,
        born=None if born is None else (born - BORN_TOLERANCE, born + BORN_TOLERANCE),
        died=None if died is None else f"{died:04d}",
        places=bool(place),
    )
    # Places, nationality and book are compared here, not in SQL: SQL's case folding
    # (LIKE, lower) is ASCII-only in SQLite, and Cyrillic needs Python's casefold.
    wanted = normalise_nationality(nationality) if nationality else None
    kept = []
    for row in rows:
        if place and not any(_contains(text, place) for text in row[6:10]):
            continue
        if nationality and normalise_nationality(row[4]) != wanted:
            continue
        if book and not _contains(row[5], book):
            continue
        kept.append(row[:6])
    return kept


@lru_cache(maxsize=10_000)
def normalise_nationality(text: str | None) -> str | None:
    """ "латышка", "Латыш", "латыш." → "латыш": a nationality word in its masculine form."""
    if not text:
        return None
    word = text.casefold().strip(" .")
    return NATIONALITIES.get(word, word)


def _contains(text: str | None, wanted: str) -> bool:
    # SQLite's LIKE folds ASCII only; Cyrillic places need Python's casefold.
    return bool(text) and wanted.casefold() in text.casefold()


def _records(store: Store, top: list[tuple[float, int]]) -> list[dict[str, Any]]:
    if not top:
        return []
    by_id = registry_db.search_hits(store, [record_id for _, record_id in top])
    hits = []
    for score, record_id in top:
        hit = {column: by_id[record_id][column] for column in _RESULT_COLUMNS}
        hit["score"] = round(score, 4)
        hit["match"] = _tier_name(score)
        hits.append(hit)
    return hits


def _tier_name(score: float) -> str:
    return TIER_NAMES[2 if score >= _TIER_BASE[2] else (1 if score >= _TIER_BASE[1] else 0)]


def _facets(rows: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Counts over every match (not only the shown ones): decade of birth, year of death,
    nationality, book.  Decades and years in order; nationality and book by count."""
    decades: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    nations: Counter[str] = Counter()
    books: Counter[str] = Counter()
    for _, _, birth_year, death_date, nation, book in rows:
        decades[f"{birth_year // 10 * 10}s" if birth_year else "unknown"] += 1
        deaths[death_date[:4] if death_date else "unknown"] += 1
        nations[normalise_nationality(nation) or "unknown"] += 1
        books[book or "unknown"] += 1

    def ordered(counter: Counter[str]) -> list[dict[str, Any]]:
        return [{"value": v, "count": n} for v, n in sorted(counter.items(), key=_unknown_last)]

    def by_count(counter: Counter[str]) -> list[dict[str, Any]]:
        return [{"value": v, "count": n} for v, n in counter.most_common(20)]

    return {
        "birth_decade": ordered(decades),
        "death_year": ordered(deaths),
        "nationality": by_count(nations),
        "book": by_count(books),
    }


def _unknown_last(item: tuple[str, int]) -> tuple[bool, str]:
    return item[0] == "unknown", item[0]
