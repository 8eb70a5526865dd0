"""Clusters of records from scored pairs and curators' decisions, with stable cluster ids.

A cluster's id is made from the identity of its oldest record (the smallest record id):
the sha256 of its registry file and its row there.  Runs over the same records give the
same ids; a new import joining a cluster keeps its id (its records are younger); a
cluster split by a decision keeps the id on the part with the oldest record.

Clusters are not bare connected components: one link between two people's records
(namesakes born the same year, an initial that fits both) would chain them, and a million
records hold enough such links to chain hundreds of people into one cluster.  A link
joins two clusters of more than one record only when at least SUPPORT of the pairs
across them are links too: the records of one person link to each other, mostly all of
them, while a chain hangs on one link.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Pair = tuple[int, int]
#: The share of the pairs across two clusters that must be links for a link to join them.
SUPPORT = 0.5


def ordered(a: int, b: int) -> Pair:
    """A pair with the smaller record id first, as pairs are stored."""
    return (a, b) if a < b else (b, a)


def stable_cluster_id(registry_sha256: str, source_row: int) -> str:
    """``c`` and 16 hex digits of the hash of the oldest record's registry and row."""
    digest = hashlib.sha256(f"{registry_sha256}:{source_row}".encode()).hexdigest()
    return "c" + digest[:16]


@dataclass
class Clustering:
    """Each record's cluster representative (its oldest record) and what was refused."""

    representative: dict[int, int]
    #: Links the model made that a rejection kept apart, and accepted pairs that join
    #: records some rejection wanted apart (the acceptance wins: a person said so).
    refused_links: int
    conflicts: list[Pair]
    #: Links not taken because too few other pairs across the two clusters are links.
    unsupported_links: int = 0

    def sizes(self) -> Counter[int]:
        return Counter(self.representative.values())


class _Components:
    """Union-find over record ids, with records that must never share a component."""

    def __init__(self, records: Iterable[int]):
        self.parent = {record: record for record in records}
        self.apart: dict[int, set[int]] = {}
        #: The records of each component of more than one record, by its root.
        self.members: dict[int, list[int]] = {}

    def find(self, record: int) -> int:
        parent = self.parent
        root = record
        while parent[root] != root:
            root = parent[root]
        while parent[record] != root:
            parent[record], record = root, parent[record]
        return root

    def forbid(self, a: int, b: int) -> None:
        self.apart.setdefault(self.find(a), set()).add(b)
        self.apart.setdefault(self.find(b), set()).add(a)

    def allowed(self, ra: int, rb: int) -> bool:
        for mine, other in ((ra, rb), (rb, ra)):
            for record in self.apart.get(mine, ()):
                if self.find(record) == other:
                    return False
        return True

    def union(self, ra: int, rb: int) -> None:
        # The smaller id is the root, so a component's root is its oldest record.
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        self.members[keep] = self.members.pop(keep, [keep]) + self.members.pop(gone, [gone])
        moved = self.apart.pop(gone, None)
        if moved:
            self.apart.setdefault(keep, set()).update(moved)


def cluster_records(
    records: Iterable[int],
    links: Iterable[tuple[int, int, float]],
    threshold: float,
    accepted: Iterable[Pair] = (),
    rejected: Iterable[Pair] = (),
) -> Clustering:
    """Connected components of the links at or above ``threshold``, under the decisions.

    Accepted pairs are joined first, whatever the model said; then links are taken from
    the most to the least probable, and a link that would put a rejected pair into one
    cluster is refused (so a rejected pair is never joined, directly or through others),
    as is a link between two clusters too few of whose other pairs are links (SUPPORT).
    """
    components = _Components(records)
    conflicts: list[Pair] = []
    rejected = [ordered(*pair) for pair in rejected]
    refused = set(rejected)
    for a, b in rejected:
        if a in components.parent and b in components.parent:
            components.forbid(a, b)
    for a, b in sorted(ordered(*pair) for pair in accepted):
        if a not in components.parent or b not in components.parent:
            continue
        ra, rb = components.find(a), components.find(b)
        if ra == rb:
            continue
        if not components.allowed(ra, rb):
            conflicts.append((a, b))
        components.union(ra, rb)
    refused_links = unsupported = 0
    strong = sorted(
        (link for link in links if link[2] >= threshold), key=lambda link: (-link[2], link[:2])
    )
    linked = {ordered(a, b) for a, b, _ in strong}
    linked.update(ordered(*pair) for pair in accepted)
    members = components.members
    for a, b, _ in strong:
        ra, rb = components.find(a), components.find(b)
        if ra == rb:
            continue
        if ordered(a, b) in refused or not components.allowed(ra, rb):
            refused_links += 1
            continue
        left, right = members.get(ra, (ra,)), members.get(rb, (rb,))
        across = len(left) * len(right)
        if across > 1:
            found = sum(ordered(x, y) in linked for x in left for y in right)
            if found < SUPPORT * across:
                unsupported += 1
                continue
        components.union(ra, rb)
    representative = {record: components.find(record) for record in components.parent}
    return Clustering(representative, refused_links, conflicts, unsupported)


@dataclass(frozen=True)
class PairwiseScores:
    """Pairwise precision and recall of a clustering against known truth."""

    predicted_pairs: int
    true_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairwise_scores(predicted: dict[int, object], truth: dict[int, object]) -> PairwiseScores:
    """Compare two clusterings of the same records (record → cluster) pair by pair."""

    def pairs(counts: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    both = Counter((predicted[record], truth[record]) for record in truth)
    return PairwiseScores(
        predicted_pairs=pairs(Counter(predicted[record] for record in truth).values()),
        true_pairs=pairs(Counter(truth.values()).values()),
        correct_pairs=pairs(both.values()),
    )
