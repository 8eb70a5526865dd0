"""Benchmark: `who` and `figures` on the chapter plus 100,000 generated claims (under 100 ms?).

Run: python benchmarks/queries.py [--claims 100000] [--runs 7]

Builds a database with the chapter (../shared, skipped if absent) and the bundled reference
data, times the questions (median of --runs, in process, after one warm-up), then adds
--claims SYNTHETIC claims (office terms, events and figures of invented offices and persons,
every one labelled "synthetic benchmark" - they are never real people) and times them again.
Prints medians in milliseconds and the ratio to the chapter-only run of the same process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from imena.api import ingest
from imena.machinery import reconcile_figures, who
from imena.machinery.figures import FigureFilter
from imena.machinery.reference import ensure_reference
from imena.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT.parent / "shared" / "sources" / "jansen-petrov-2002-ch5-apogee.txt"
SYNTHETIC = "synthetic:benchmark"

QUESTIONS: dict[str, Callable[[Store], object]] = {
    "who Sverdlovsk 1938-03-01": lambda s: who(s, "NKVD chief of Sverdlovsk", "1938-03-01").as_json(
        s
    ),
    "who 'the Sverdlovsk chief'": lambda s: who(s, "the Sverdlovsk chief", "1938-03-01").as_json(s),
    "who Ukrainian commissar": lambda s: who(
        s, "Ukrainian Interior People's Commissar", "1938-02-15"
    ).as_json(s),
    "figures --measure examined": lambda s: reconcile_figures(s, FigureFilter(measure="examined")),
    "figures --body 'Special Troikas'": lambda s: reconcile_figures(
        s, FigureFilter(body="Special Troikas")
    ),
    "figures --operation kulak": lambda s: reconcile_figures(s, FigureFilter(operation="kulak")),
    "figures --measure examined --body ST": lambda s: reconcile_figures(
        s, FigureFilter(measure="examined", body="Special Troikas")
    ),
    # Checked against figures outside the filter: the examined of the same scopes, the same
    # figures without the region.
    "figures --measure condemned": lambda s: reconcile_figures(
        s, FigureFilter(measure="condemned")
    ),
    "figures region=Synthetic 7 (API only)": lambda s: reconcile_figures(
        s, FigureFilter(region="Synthetic region 7")
    ),
}


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def add_synthetic(store: Store, n: int, seed: int = 1937) -> None:
    """n synthetic claims: 40% office terms, 30% events, 30% figures, each with a citation."""
    rng = random.Random(seed)
    measures = ["arrested", "condemned", "examined", "sentenced_to_death", "quota", "expelled"]
    # Scopes as a database of many sources has them: mostly other operations and bodies
    # (invented labels), one figure in 50 in each of the chapter's.
    ops = [f"synthetic operation {k}" for k in range(200)]
    bodies = [f"synthetic body {k}" for k in range(200)]
    real_ops = ["kulak", "national", "polish", "german", None]
    real_bodies = ["troikas", "Special Troikas", "Politburo", None]
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO sources (id, title, kind, sha256, format, size, ingested_at) "
            "VALUES (?, 'synthetic benchmark claims (invented, not real people)', 'synthetic', "
            "'synthetic', 'none', 0, '1970-01-01')",
            (SYNTHETIC,),
        )
        for k in range(2000):
            conn.execute(
                "INSERT INTO persons (id, name) VALUES (?, ?)",
                (f"synthetic-{k}", f"Synthetic Person {k} (benchmark)"),
            )
        for k in range(500):
            conn.execute(
                "INSERT INTO offices (id, name) VALUES (?, ?)",
                (f"synthetic-office-{k}", f"synthetic benchmark office {k}"),
            )
        for i in range(n):
            kind = i % 10
            if kind < 4:
                cid, ck = f"{SYNTHETIC}:t{i}", "office_term"
                day = f"1937-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                conn.execute(
                    "INSERT INTO office_terms (id, person_id, office_id, start_from, start_to, "
                    "status, method, rule) VALUES (?,?,?,?,?, 'proposed', ?, 'start:synthetic')",
                    (cid, f"synthetic-{rng.randrange(2000)}",
                     f"synthetic-office-{rng.randrange(500)}", day, day, SYNTHETIC),
                )  # fmt: skip
            elif kind < 7:
                cid, ck = f"{SYNTHETIC}:e{i}", "event"
                day = f"1938-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                conn.execute(
                    "INSERT INTO events (id, type, date_from, date_to, date_precision, status, "
                    "method, rule) VALUES (?,?,?,?, 'day', 'proposed', ?, 'synthetic')",
                    (cid, rng.choice(["arrest", "decision", "appointment"]), day, day, SYNTHETIC),
                )
                conn.execute(
                    "INSERT INTO participants (event_id, kind, entity_id, role) VALUES "
                    "(?, 'person', ?, 'subject')",
                    (cid, f"synthetic-{rng.randrange(2000)}"),
                )
            else:
                cid, ck = f"{SYNTHETIC}:f{i}", "figure"
                conn.execute(
                    "INSERT INTO figures (id, value, qualifier, measure, what, scope_operation, "
                    "scope_body, scope_region, status, method, rule) "
                    "VALUES (?,?, 'exact', ?, 'synthetic benchmark count', ?, ?, ?, 'proposed', ?, "
                    "'synthetic')",
                    (cid, rng.randint(2, 200_000), rng.choice(measures),
                     rng.choice(real_ops if i % 50 == 7 else ops),
                     rng.choice(real_bodies if i % 50 == 7 else bodies),
                     f"Synthetic region {rng.randrange(60)}", SYNTHETIC),
                )  # fmt: skip
            conn.execute(
                "INSERT INTO citations (claim_kind, claim_id, source_id, quote, notes) "
                "VALUES (?, ?, ?, 'synthetic benchmark citation', '[]')",
                (ck, cid, SYNTHETIC),
            )


def cli_ms(db: Path, args: list[str], runs: int) -> float:
    def run() -> None:
        subprocess.run([sys.executable, "-m", "imena.cli", "--db", str(db), *args],
                       check=True, capture_output=True)  # fmt: skip

    return median_ms(run, max(3, runs // 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        if CHAPTER.exists():
            ingest([CHAPTER], db)
        else:
            print(f"note: {CHAPTER} absent; timing without the chapter")
        with Store(db) as store:
            ensure_reference(store)
            baseline = {
                name: median_ms(lambda q=q: q(store), args.runs) for name, q in QUESTIONS.items()
            }
            t0 = time.perf_counter()
            add_synthetic(store, args.claims)
            print(f"added {args.claims:,} synthetic claims in {time.perf_counter() - t0:.1f} s")
            loaded = {
                name: median_ms(lambda q=q: q(store), args.runs) for name, q in QUESTIONS.items()
            }
            sizes = {name: len(q(store)) for name, q in QUESTIONS.items()}  # type: ignore[arg-type]
        print(f"{'question (in process, median)':<36} {'chapter':>9} {'+claims':>9} {'ratio':>6}")
        for name in QUESTIONS:
            ratio = loaded[name] / baseline[name] if baseline[name] else float("nan")
            flag = "" if loaded[name] < 100 else "  OVER 100 ms"
            print(
                f"{name:<36} {baseline[name]:>7.1f}ms {loaded[name]:>7.1f}ms {ratio:>6.1f}x"
                f" {sizes[name]:>6} answers{flag}"
            )
        for label, cli_args in (
            (
                "imena who (whole command)",
                ["who", "--office", "the Sverdlovsk chief", "--on", "1938-03-01"],
            ),
            ("imena figures --measure examined", ["figures", "--measure", "examined", "--json"]),
        ):
            print(f"{label:<36} {cli_ms(db, cli_args, args.runs):>7.1f}ms (process start included)")


if __name__ == "__main__":
    main()
