"""Many readers and several curators at once on one database: errors and page times.

    python benchmarks/web_load.py [--postgres | --db URL] [--seconds 60] [--readers 20]
                                  [--curators 3] [--records 100000]

Builds a database (the bundled sample, the founding chapter when ../shared has it, and
``--records`` synthetic registry records — invented, labelled SYNTHETIC, see
benchmarks/synthetic.py), starts ``imena serve`` on loopback, and for ``--seconds`` runs
``--readers`` threads opening pages (search, persons, chronology, offices, figures,
records) beside ``--curators`` logged-in curators accepting and correcting claims.
Prints every error (a 5xx or a broken connection: the target is zero) and p50/p95 per
kind of page.  With ``--postgres`` the database is on a throwaway loopback PostgreSQL
server (tests/postgres.py); by default it is an SQLite file.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHAPTER = ROOT.parent / "shared" / "sources" / "jansen-petrov-2002-ch5-apogee.txt"
PASSWORD = "a long benchmark password"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(db: str, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "imena.cli", "--db", db, *args],
        check=True, capture_output=True, text=True, input=stdin, env=ENV,
    )  # fmt: skip


def build(db: str, work: Path, records: int, curators: int) -> None:
    from synthetic import write_synthetic

    cli(db, "demo", "--no-serve")
    if CHAPTER.exists():
        cli(db, "ingest", str(CHAPTER))
    if records:
        tsv = work / f"synthetic-{records}.tsv"
        if not tsv.exists():
            write_synthetic(tsv, records)
        cli(db, "registry", "import", str(tsv), "--format", "memorial-tsv")
    for n in range(curators):
        cli(db, "user", "add", f"curator{n}", "--password-stdin", stdin=PASSWORD + "\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def get(self, client: httpx.Client, kind: str, path: str) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response = client.get(path)
        except httpx.HTTPError as exc:
            with self.lock:
                self.errors.append(f"{kind} {path}: {type(exc).__name__}")
            return None
        ms = (time.perf_counter() - start) * 1000
        with self.lock:
            self.times[kind].append(ms)
            if response.status_code >= 500:
                self.errors.append(f"{kind} {path}: {response.status_code}")
        return response


def reader(base: str, tally: Tally, until: float, seed: int, paths: dict[str, list[str]]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            kind = rng.choice(list(paths))
            tally.get(client, kind, rng.choice(paths[kind]))


def curator(base: str, tally: Tally, until: float, n: int) -> None:
    rng = random.Random(1000 + n)
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        client.post("/login", data={"username": f"curator{n}", "password": PASSWORD,
                                    "csrf": token, "next": "/"})  # fmt: skip
        while time.monotonic() < until:
            queue = tally.get(client, "review desk", "/review?kind=event")
            if queue is None:
                continue
            ids = re.findall(r'href="/claims/event/([^"#]+)"', queue.text)
            csrf = re.search(r'name="csrf" value="([^"]+)"', queue.text)
            if not ids or not csrf:
                time.sleep(0.2)
                continue
            claim = rng.choice(ids)
            action = rng.choice(("accept", "reject", "accept"))
            start = time.perf_counter()
            try:
                done = client.post(
                    f"/review/event/{claim}",
                    data={"action": action, "csrf": csrf.group(1), "next": "/review"},
                )
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.errors.append(f"review {claim}: {type(exc).__name__}")
                continue
            with tally.lock:
                tally.times["review action"].append((time.perf_counter() - start) * 1000)
                if done.status_code >= 500:
                    tally.errors.append(f"review {claim}: {done.status_code}")


def page_paths(base: str) -> dict[str, list[str]]:
    """Pages of each kind that exist in this database."""
    home = httpx.get(base + "/", timeout=30).text
    persons = sorted(set(re.findall(r'href="(/persons/[^"]+)"', home)))
    registry = httpx.get(base + "/registry", params={"q": "Иванов"}, timeout=30).text
    records = sorted(set(re.findall(r'href="(/records/\d+)"', registry)))[:50]
    offices = httpx.get(base + "/offices", timeout=30).text
    office_pages = sorted(set(re.findall(r'href="(/offices/[^"]+)"', offices)))[:30]
    return {
        "search": ["/search?q=" + q for q in ("Ezhov", "Ежов", "Frinovskii", "troika",
                                               "Иванов Иван", "Jeschow", "Zakovskii")],
        "person": persons or ["/"],
        "chronology": ["/chronology", "/chronology?from=1937-08&to=1937-09", "/chronology?page=2"],
        "office": office_pages or ["/offices"],
        "figures": ["/figures", "/figures?measure=shot"],
        "record": records or ["/registry"],
        "registry search": ["/registry?q=" + q for q in ("Иванов", "Petrov", "Шмидт Иоганн")],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--db", help="an existing postgresql:// database to build into")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--curators", type=int, default=3)
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = args.db or str(work / "imena.db")
        if args.postgres and not args.db:
            import postgres

            server = postgres.Server()
            db = server.new_database()
        try:
            started = time.perf_counter()
            build(db, work, args.records, args.curators)
            print(f"built the database in {time.perf_counter() - started:.0f} s "
                  f"({'PostgreSQL' if db.startswith('postgresql') else 'SQLite'})")  # fmt: skip
            port = free_port()
            site = subprocess.Popen(
                [sys.executable, "-m", "imena.cli", "--db", db, "serve", "--port", str(port)],
                env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(200):
                    try:
                        httpx.get(base + "/", timeout=2)
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                paths = page_paths(base)
                tally = Tally()
                until = time.monotonic() + args.seconds
                threads = [
                    threading.Thread(target=reader, args=(base, tally, until, n, paths))
                    for n in range(args.readers)
                ] + [
                    threading.Thread(target=curator, args=(base, tally, until, n))
                    for n in range(args.curators)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
            finally:
                site.terminate()
                site.wait(timeout=20)
        finally:
            if server is not None:
                server.stop()
    total = sum(len(v) for v in tally.times.values())
    print(f"{args.readers} readers and {args.curators} curators for {args.seconds:.0f} s: "
          f"{total:,} requests, {len(tally.errors)} errors")  # fmt: skip
    for error in tally.errors[:20]:
        print(f"  ERROR {error}")
    print(f"{'page':<18}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, times in sorted(tally.times.items()):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"{kind:<18}{len(times):>7}{statistics.median(times):9.1f}{p95:9.1f}")


if __name__ == "__main__":
    main()
