"""Extraction speed: the chapter ingested and extracted end to end, and pages/s on 5 MB.

    python benchmarks/extract.py [--runs 5] [--megabytes 5]

Times whole ``imena ingest`` processes (extraction on, then ``--no-extract`` as the
baseline in the same run), medians of several runs.  A "page" is 2,000 characters of
cleaned text, the usual size of a printed book page.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import CHAPTER, big_text

PAGE_CHARS = 2000


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    if not CHAPTER.exists():
        sys.exit(f"needs {CHAPTER}")
    imena = [sys.executable, "-m", "imena.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def run(tag: str, path: Path, *extra: str, runs: int) -> float:
            return statistics.median(
                timed([*imena, "--db", str(work / f"{tag}{n}.db"), "ingest", str(path), *extra])
                for n in range(runs)
            )

        chapter_plain = run("cp", CHAPTER, "--no-extract", runs=args.runs)
        chapter_full = run("cf", CHAPTER, runs=args.runs)
        big = work / "prose.txt"
        big.write_text(
            big_text(CHAPTER.read_text(encoding="utf-8"), int(args.megabytes * 1024 * 1024)),
            encoding="utf-8",
        )
        chars = len(big.read_text(encoding="utf-8"))
        runs = max(1, args.runs // 2)
        big_plain = run("bp", big, "--no-extract", runs=runs)
        big_full = run("bf", big, runs=runs)
    pages = chars / PAGE_CHARS
    print(f"chapter, ingest only:            {chapter_plain * 1000:7.0f} ms")
    print(
        f"chapter, ingest + extraction:    {chapter_full * 1000:7.0f} ms  (target < 2 s; "
        f"{chapter_full / chapter_plain:.1f}x ingest only)"
    )
    print(f"{args.megabytes:.0f} MB ({pages:,.0f} pages), ingest only: {big_plain:7.1f} s")
    print(
        f"{args.megabytes:.0f} MB ({pages:,.0f} pages), with extraction: {big_full:7.1f} s  "
        f"= {pages / big_full:,.0f} pages/s (extraction alone "
        f"{pages / max(big_full - big_plain, 1e-9):,.0f} pages/s)"
    )


if __name__ == "__main__":
    main()
