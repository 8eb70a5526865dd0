"""Measure a name comparer on a registry's known spelling variants (Memorial's lists)."""

from __future__ import annotations

import csv
import random
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from imena.names.compare import compare_parsed
from imena.names.key import word_key
from imena.names.structure import PersonName, person_name

# The shared data directory sits next to the repository: ../shared/data from its root.
_SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
KHABAROVSK_VARIANTS = _SHARED_DATA / "memorial" / "khabarovsk-name-variants.csv"

Scorer = Callable[[PersonName, PersonName], float]


def variant_file() -> Path | None:
    """Memorial's Khabarovsk name-variant list, when ../shared/data is present."""
    return KHABAROVSK_VARIANTS if KHABAROVSK_VARIANTS.is_file() else None


@dataclass(frozen=True)
class VariantPerson:
    """One person of a variant list: the main spelling and its archival variants."""

    id: str
    main: PersonName
    variants: tuple[PersonName, ...]


def read_variant_file(path: Path) -> list[VariantPerson]:
    """Read a Memorial variant list (columns имя, отчество, фамилия, основное, id)."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows[row["id"]].append(row)
    people = []
    for person_id, group in rows.items():
        mains = [r for r in group if r["основное"] == "True"]
        if not mains:
            continue
        main = mains[0]
        people.append(
            VariantPerson(
                person_id,
                _name(main),
                tuple(_name(r) for r in group if r is not main and r["основное"] != "True"),
            )
        )
    return people


def _name(row: dict[str, str]) -> PersonName:
    return person_name(row["фамилия"], row["имя"], row["отчество"])


def _score(a: PersonName, b: PersonName) -> float:
    return compare_parsed(a, b).score


@dataclass(frozen=True)
class Rate:
    passed: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.passed / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.percent:.2f}% ({self.passed}/{self.total})"


def _rate(pairs: Iterable[tuple[PersonName, PersonName]], scorer: Scorer, threshold: float) -> Rate:
    scores = [scorer(a, b) for a, b in pairs]
    return Rate(sum(s >= threshold for s in scores), len(scores))


def true_pairs(people: list[VariantPerson]) -> list[tuple[PersonName, PersonName]]:
    """The main spelling against each variant of the same person."""
    return [(p.main, v) for p in people for v in p.variants]


def random_pairs(
    people: list[VariantPerson], count: int, seed: int = 1937
) -> list[tuple[PersonName, PersonName]]:
    """Main spellings of two different persons, drawn at random."""
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < count:
        a, b = rng.sample(people, 2)
        pairs.append((a.main, b.main))
    return pairs


def hard_pairs(
    people: list[VariantPerson], count: int, seed: int = 1938
) -> list[tuple[PersonName, PersonName]]:
    """Different persons with the same surname key, or surnames one edit apart on the key."""
    by_key: dict[str, list[VariantPerson]] = defaultdict(list)
    for person in people:
        by_key[word_key(person.main.surname)].append(person)
    by_stem: dict[str, list[str]] = defaultdict(list)
    for key in by_key:
        # Keys one letter apart share a "deletion neighbour" (Аверкиев / Аверкеев).
        for i in range(len(key)):
            by_stem[key[:i] + key[i + 1 :]].append(key)
    similar_groups = [sorted(set(keys)) for keys in by_stem.values() if len(set(keys)) > 1]
    rng = random.Random(seed)
    candidates: list[tuple[PersonName, PersonName]] = []
    for group in by_key.values():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                candidates.append((group[i].main, group[j].main))
    for keys in similar_groups:
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                candidates.append(
                    (rng.choice(by_key[keys[i]]).main, rng.choice(by_key[keys[j]]).main)
                )
    rng.shuffle(candidates)
    return candidates[:count]


@dataclass(frozen=True)
class VariantReport:
    threshold: float
    recall: dict[str, Rate]
    random_fpr: dict[str, Rate]
    hard_fpr: dict[str, Rate]

    def summary(self) -> str:
        lines = [f"threshold (SAME_PERSON_THRESHOLD): {self.threshold}"]
        for label in self.recall:
            lines.append(
                f"{label:>12}: recall on true variant pairs {self.recall[label]}; "
                f"false positives on random pairs {self.random_fpr[label]}, "
                f"on hard negatives {self.hard_fpr[label]}"
            )
        return "\n".join(lines)


def evaluate_variant_file(
    path: Path, threshold: float, scorer: Scorer = _score, negatives: int = 20_000
) -> VariantReport:
    """Recall and false-positive rates on a variant list: all ids, and two halves of the ids.

    The halves are fixed by a checksum of the id, so a threshold chosen on one half can be
    checked on the other.
    """
    people = read_variant_file(path)
    splits = {
        "all ids": people,
        "half A": [p for p in people if zlib.crc32(p.id.encode()) % 2 == 0],
        "half B": [p for p in people if zlib.crc32(p.id.encode()) % 2 == 1],
    }
    recall, random_fpr, hard_fpr = {}, {}, {}
    for label, group in splits.items():
        share = max(1, negatives * len(group) // len(people))
        recall[label] = _rate(true_pairs(group), scorer, threshold)
        random_fpr[label] = _rate(random_pairs(group, share), scorer, threshold)
        hard_fpr[label] = _rate(hard_pairs(group, share), scorer, threshold)
    return VariantReport(threshold, recall, random_fpr, hard_fpr)


def threshold_scan(
    path: Path,
    thresholds: Iterable[float],
    scorer: Scorer = _score,
    negatives: int = 10_000,
    half: int = 0,
) -> list[str]:
    """Recall and false-positive rates at several thresholds on one half of the ids (0: half
    A, 1: half B), one line per threshold, for choosing the threshold on half A."""
    people = [p for p in read_variant_file(path) if zlib.crc32(p.id.encode()) % 2 == half]
    true = [scorer(a, b) for a, b in true_pairs(people)]
    random_ = [scorer(a, b) for a, b in random_pairs(people, negatives)]
    hard = [scorer(a, b) for a, b in hard_pairs(people, negatives)]
    lines = []
    for t in thresholds:
        rates = [Rate(sum(s >= t for s in scores), len(scores)) for scores in (true, random_, hard)]
        lines.append(f"{t:.2f}: recall {rates[0]}, random {rates[1]}, hard {rates[2]}")
    return lines
