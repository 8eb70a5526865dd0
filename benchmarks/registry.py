"""Registry benchmark: generate synthetic records, import them with the CLI, time name searches.

1. writes N synthetic rows as Memorial's TSV (benchmarks/synthetic.py; every record is
   labelled SYNTHETIC and invented);
2. times ``imena registry import`` end to end (a subprocess: interpreter, decoding,
   parsing, keys, one SQLite transaction) and prints rows/s;
3. times ``search_records`` in one process over queries drawn from the imported records in
   several forms (Cyrillic full name, surname + initials, romanised, misspelt surname,
   with --born, surname only), beside a baseline in the same process: the bare indexed
   lookup of the surname key, so numbers from a busy machine stay comparable.

    python benchmarks/registry.py [--rows 1000000] [--queries 200] [--work DIR]

With ``--work DIR`` the synthetic file and database are kept there and reused when present
(the 3-million run: ``--rows 3000000 --work /tmp/reg3m``).  With ``--postgres`` the
records go into a PostgreSQL database on a throwaway loopback server (tests/postgres.py)
instead of an SQLite file; ``--db URL`` uses a server of your own.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Generator, write_synthetic  # noqa: E402

from imena.registry import search_records  # noqa: E402
from imena.registry.keys import current_key_function, part_key  # noqa: E402
from imena.store.db import Store  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def queries(store: Store, count: int, seed: int) -> dict[str, list[tuple[str, dict[str, int]]]]:
    """Queries of each kind, built from records drawn at random (so popular names recur)."""
    rng = random.Random(seed)
    noise = Generator(seed)
    top = store.conn.execute("SELECT max(id) FROM records").fetchone()[0]
    kinds: dict[str, list[tuple[str, dict[str, int]]]] = {
        k: [] for k in ("full", "initials", "romanised", "misspelt", "born", "surname only")
    }
    while min(len(v) for v in kinds.values()) < count:
        row = store.conn.execute(
            "SELECT surname, name, patronymic, birth_year FROM records WHERE id = ?",
            (rng.randint(1, top),),
        ).fetchone()
        surname, name, patronymic, born = row
        if not (surname and name and patronymic and born) or not surname.isalpha():
            continue
        if len(name) < 3 or len(patronymic) < 3 or not "А" <= surname[0] <= "я":
            continue  # keep the Cyrillic full names; the forms are made from them below
        kinds["full"].append((f"{surname} {name} {patronymic}", {}))
        kinds["initials"].append((f"{surname} {name[0]}. {patronymic[0]}.", {}))
        kinds["romanised"].append(
            (f"{noise.romanised(name)} {noise.romanised(surname)}", {})
        )
        kinds["misspelt"].append((f"{noise.noisy(surname)} {name}", {}))
        kinds["born"].append((f"{surname} {name}", {"born": born + rng.choice((-1, 0, 1))}))
        kinds["surname only"].append((surname, {}))
    return {k: v[:count] for k, v in kinds.items()}


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--work", help="keep (and reuse) the file and database here")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server")
    parser.add_argument("--db", help="this database (a postgresql:// URL) instead")
    args = parser.parse_args()
    server = None
    if args.postgres and not args.db:
        sys.path.insert(0, str(ROOT / "tests"))
        import postgres

        server = postgres.Server()
        args.db = server.new_database()
    try:
        run_benchmark(args)
    finally:
        if server is not None:
            server.stop()


def run_benchmark(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        tsv = work / f"synthetic-{args.rows}.tsv"
        db = args.db or str(work / f"synthetic-{args.rows}.db")
        fresh = not Path(db).exists() if not args.db else True
        if not tsv.exists():
            stats = write_synthetic(tsv, args.rows)
            print(f"generate  {args.rows:>10,} rows  {stats['write_s']:7.1f} s  "
                  f"{stats['rows_per_s']:>9,.0f} rows/s")  # fmt: skip
        if fresh:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "imena.cli", "--db", str(db), "registry", "import",
                 str(tsv), "--format", "memorial-tsv"],
                check=True, capture_output=True, cwd=ROOT,
            )  # fmt: skip
            seconds = time.perf_counter() - start
            size = f"  ({Path(db).stat().st_size / 1e9:.2f} GB)" if not args.db else ""
            print(f"import    {args.rows:>10,} rows  {seconds:7.1f} s  "
                  f"{args.rows / seconds:>9,.0f} rows/s{size}")
        with Store(db, create=False) as store:
            _, key = current_key_function()
            drawn = queries(store, args.queries, seed=38)
            for text, options in drawn["full"][:20]:  # warm the page cache and the imports
                search_records(text, store=store, **options)  # type: ignore[arg-type]
            baseline = [
                timed(lambda t=text: store.conn.execute(
                    "SELECT count(*) FROM record_names WHERE surname_key = ?",
                    (part_key(t.split()[0], key),),
                ).fetchone())
                for text, _ in drawn["full"]
            ]  # fmt: skip
            print(f"\nsearch over {args.rows:,} records, {args.queries} queries of each kind "
                  f"(ms; baseline = bare surname-key lookup, p50 {statistics.median(baseline):.2f}"
                  f" ms)")  # fmt: skip
            print(f"{'kind':<14}{'p50':>8}{'p95':>8}{'max':>8}{'p95/baseline':>14}  hits p50")
            name_queries: list[float] = []
            base95 = percentile(baseline, 0.95)
            for kind, items in drawn.items():
                times, totals = [], []
                for text, options in items:
                    result = None

                    def run(text: str = text, options: dict[str, int] = options) -> None:
                        nonlocal result
                        result = search_records(text, store=store, limit=20, **options)  # type: ignore[arg-type]

                    times.append(timed(run))
                    totals.append(result.total if result else 0)
                if kind != "surname only":
                    name_queries += times
                print(f"{kind:<14}{statistics.median(times):8.1f}{percentile(times, 0.95):8.1f}"
                      f"{max(times):8.1f}{percentile(times, 0.95) / base95:14.0f}"
                      f"  {statistics.median(totals):>8,.0f}")  # fmt: skip
            print(f"{'name queries':<14}{statistics.median(name_queries):8.1f}"
                  f"{percentile(name_queries, 0.95):8.1f}{max(name_queries):8.1f}")


if __name__ == "__main__":
    main()
