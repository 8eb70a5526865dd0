"""Deduplication benchmark: time, peak memory and pairwise accuracy of `registry dedupe`.

1. synthetic: N invented records (benchmarks/synthetic.py, every one labelled SYNTHETIC;
   a person has 1–4 records, ``truth_id`` says which; the noise between two records of
   one person is synthetic.TRUTH_MODEL) imported with the CLI, then
   ``imena registry dedupe`` timed as a subprocess (wall time, peak RSS of the process
   tree via getrusage), and pairwise precision, recall and F1 of the clusters against
   the truth; at the default threshold and at others, from the scored pairs kept.
2. khabarovsk: every row of ../shared/data/memorial/khabarovsk-name-variants.csv as a
   record (primary names and archival variants alike; truth = the Book's ``id``).  The
   file gives names only — no birth years, places or dates — so the model decides by
   names alone.  Precision is given against the ids as they are, and against the ids
   joined where the file itself lists one written name under two ids (the Book's own
   duplicates: a variant of one id that is exactly another id's name).

    python benchmarks/dedupe.py [--rows 1000000] [--work DIR] [--engine duckdb|spark]
                                [--skip-synthetic] [--skip-khabarovsk] [--runs 1] [--phases]

With ``--work DIR`` the synthetic file and imported database are kept and reused.
``--phases`` runs the synthetic dedupe once more in this process and prints how long
each phase took (read, load, train, block, score, cluster, write): where to look first.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KHABAROVSK = ROOT.parent / "shared" / "data" / "memorial" / "khabarovsk-name-variants.csv"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic  # noqa: E402

from imena.registry.clusters import cluster_records, pairwise_scores  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)


def imena(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imena.cli", *args],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


def timed_dedupe(db: Path, engine: str) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (GB) of one ``registry dedupe`` subprocess, and its summary."""
    start = time.perf_counter()
    done = imena("--db", str(db), "registry", "dedupe", "--engine", engine)
    seconds = time.perf_counter() - start
    # ru_maxrss of waited-for children: the largest of them (kilobytes on Linux).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    return seconds, peak, done.stdout.strip()


def scores_table(db: Path, truth: dict[int, object], extra: dict[int, object] | None) -> None:
    with sqlite3.connect(db) as conn:
        links = conn.execute("SELECT record_a, record_b, probability FROM dedupe_pairs").fetchall()
        threshold = conn.execute(
            "SELECT threshold FROM dedupe_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
        stored = dict(conn.execute("SELECT id, cluster_id FROM records").fetchall())
    header = f"{'threshold':>10}{'precision':>11}{'recall':>8}{'F1':>8}"
    if extra is not None:
        header += f"{'precision (Book duplicates joined)':>36}"
    print(header)
    for value in sorted({*THRESHOLDS, threshold}):
        if value == threshold:
            predicted: dict[int, object] = stored  # the clusters the run wrote
        else:
            predicted = dict(cluster_records(truth, links, value).representative)
        s = pairwise_scores(predicted, truth)
        line = f"{value:>10.2f}{s.precision:>11.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
        if extra is not None:
            line += f"{pairwise_scores(predicted, extra).precision:>36.4f}"
        print(line + ("   ← default" if value == threshold else ""))


def synthetic(rows: int, work: Path, engine: str, runs: int, phases: bool) -> None:
    tsv = work / f"synthetic-{rows}.tsv"
    db = work / f"synthetic-{rows}.db"
    if not tsv.exists():
        write_synthetic(tsv, rows)
    if not db.exists():
        imena("--db", str(db), "registry", "import", str(tsv))
    times, peaks = [], []
    for _ in range(runs):
        seconds, peak, summary = timed_dedupe(db, engine)
        times.append(seconds)
        peaks.append(peak)
    print(f"synthetic {rows:,} records, {engine}: median {statistics.median(times):.1f} s "
          f"over {runs} run(s) ({', '.join(f'{t:.1f}' for t in times)}), "
          f"peak memory {max(peaks):.2f} GB")  # fmt: skip
    print(f"  {summary}")
    if phases:
        print_phases(db, engine)
    with sqlite3.connect(db) as conn:
        truth = {rid: json.loads(raw)["truth_id"] for rid, raw in conn.execute(
            "SELECT id, raw FROM records")}  # fmt: skip
    scores_table(db, truth, None)


def print_phases(db: Path, engine: str) -> None:
    """One more dedupe, in this process, for the seconds of each phase (DedupeResult.phases)."""
    from imena.registry.dedupe import dedupe

    result = dedupe(db, engine=engine)
    parts = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.phases.items())
    print(f"  phases (s, one run in process, {result.seconds:.1f} s): {parts}")


def khabarovsk(work: Path, engine: str) -> None:
    if not KHABAROVSK.exists():
        print(f"khabarovsk: {KHABAROVSK} is not available; skipped")
        return
    with KHABAROVSK.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # A mapped CSV the importer reads, with the Book's id kept in the raw row as truth.
    path = work / "khabarovsk-records.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["surname", "name", "patronymic", "book_id"])
        for row in rows:
            writer.writerow([row["фамилия"], row["имя"], row["отчество"], row["id"]])
    db = work / "khabarovsk.db"
    db.unlink(missing_ok=True)
    imena("--db", str(db), "registry", "import", str(path), "--format", "csv",
          "--map", "surname=surname,name=name,patronymic=patronymic")  # fmt: skip
    seconds, _, summary = timed_dedupe(db, engine)
    with sqlite3.connect(db) as conn:
        truth = {rid: json.loads(raw)["book_id"] for rid, raw in conn.execute(
            "SELECT id, raw FROM records")}  # fmt: skip
    print(f"\nkhabarovsk: {len(truth):,} records (names only), {engine}, {seconds:.1f} s")
    print(f"  {summary}")
    scores_table(db, truth, book_duplicates_joined(rows, truth))


def book_duplicates_joined(
    rows: list[dict[str, str]], truth: dict[int, object]
) -> dict[int, object]:
    """The truth with ids joined where one written name is a variant under two ids."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    names: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        names[(row["фамилия"], row["имя"], row["отчество"])].add((row["id"], row["основное"]))
    for found in names.values():
        ids = sorted({book_id for book_id, _ in found})
        if len(ids) > 1 and any(primary == "False" for _, primary in found):
            for other in ids[1:]:
                parent[find(other)] = find(ids[0])
    return {record: find(str(book_id)) for record, book_id in truth.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", help="keep (and reuse) the synthetic file and database here")
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--runs", type=int, default=1, help="timed dedupe runs (median)")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--skip-khabarovsk", action="store_true")
    parser.add_argument("--phases", action="store_true", help="time each phase (one more run)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="imena-dedupe-bench-"))
    try:
        work = Path(args.work) if args.work else tmp
        work.mkdir(parents=True, exist_ok=True)
        if not args.skip_synthetic:
            synthetic(args.rows, work, args.engine, args.runs, args.phases)
        if not args.skip_khabarovsk:
            khabarovsk(tmp, args.engine)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
