"""Ingest throughput: the chapter, and 5 MB of text in the same conventions, end to end.

Times the whole ``imena ingest`` process (interpreter start, imports, cleaning,
sentences, one SQLite transaction), median of several runs, beside a baseline run in
the same process (``python -c pass``) so numbers from a busy machine stay comparable.

    python benchmarks/ingest.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT.parent / "shared" / "sources" / "jansen-petrov-2002-ch5-apogee.txt"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def median_of(runs: int, make_cmd) -> float:
    return statistics.median(timed(make_cmd(n)) for n in range(runs))


def big_text(chapter: str, target_bytes: int) -> str:
    """Copies of the chapter as successive chapters of one book, ~target_bytes long."""
    parts = []
    size = 0
    n = 1
    while size < target_bytes:
        copy = chapter.replace("# 5", f"# {n}", 1)
        parts.append(copy)
        size += len(copy.encode("utf-8"))
        n += 1
    return "\n\n---\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CHAPTER.exists():
        sys.exit(f"needs {CHAPTER}")
    imena = [sys.executable, "-m", "imena.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        baseline = median_of(args.runs, lambda n: [sys.executable, "-c", "pass"])
        chapter = median_of(
            args.runs, lambda n: [*imena, "--db", str(work / f"c{n}.db"), "ingest", str(CHAPTER)]
        )
        big = work / "five-megabytes.txt"
        big.write_text(big_text(CHAPTER.read_text(encoding="utf-8"), 5 * 1024 * 1024),
                       encoding="utf-8")
        mb = big.stat().st_size / 1024 / 1024
        large = median_of(
            max(1, args.runs // 2),
            lambda n: [*imena, "--db", str(work / f"b{n}.db"), "ingest", str(big)],
        )
    print(f"baseline (python -c pass):        {baseline * 1000:8.0f} ms")
    print(f"chapter, whole imena ingest:      {chapter * 1000:8.0f} ms  "
          f"({chapter / baseline:.1f}x baseline; target < 1 s)")
    print(f"{mb:.1f} MB of chapters, whole ingest: {large:8.2f} s   "
          f"({mb / large:.2f} MB/s; target < 20 s)")


if __name__ == "__main__":
    main()
