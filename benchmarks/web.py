"""Web page speed: person pages (and other main pages) over HTTP, p50 and p95.

    python benchmarks/web.py [--requests 60] [--claims 100000]

Two databases, each served by a real uvicorn server on a loopback port and requested
with httpx: the chapter (../shared, ingested) and a temporary database of ``--claims``
generated claims.  The generated data is invented and labelled: its one source is titled
"SYNTHETIC benchmark data", its persons are called "Synthetic Person N".  The target is a
person page in under 100 ms at p95.  With ../shared/data/stalin-lists, the pages of
Stalin's lists are timed too.  The home page of the same server is the baseline
(the cost of HTTP, a connection and the layout alone), printed as a ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn

from imena import api
from imena.store.db import Store
from imena.web import create_app

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CHAPTER = SHARED / "sources" / "jansen-petrov-2002-ch5-apogee.txt"
STALIN_LISTS = SHARED / "data" / "stalin-lists"
SYNTHETIC_SOURCE = "synthetic-benchmark"
EVENT_TYPES = ("appointment", "dismissal", "transfer", "award", "arrest", "sentence", "decision")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """uvicorn in a thread, on a free port, until ``stop()``."""

    def __init__(self, db: Path):
        self.port = free_port()
        config = uvicorn.Config(
            create_app(db), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join()


def timings(client: httpx.Client, path: str, n: int) -> list[float]:
    client.get(path).raise_for_status()  # warm caches and the connection
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def report(label: str, client: httpx.Client, paths: list[tuple[str, str]], n: int) -> None:
    base = timings(client, "/about", n)
    base_median = statistics.median(base)
    print(f"{label}: baseline /about p50 {base_median:.1f} ms, p95 {p95(base):.1f} ms")
    for name, path in paths:
        values = timings(client, path, n)
        median = statistics.median(values)
        verdict = "ok" if p95(values) < 100 else "OVER 100 ms"
        print(
            f"  {name:<40} p50 {median:7.1f} ms  p95 {p95(values):7.1f} ms  "
            f"({median / base_median:4.1f}× baseline)  {verdict}"
        )


def synthetic_db(path: Path, claims: int, seed: int = 1937) -> dict[str, str]:
    """A database of ``claims`` invented claims, every one citing the SYNTHETIC source."""
    rng = random.Random(seed)
    n_persons = max(claims // 20, 10)
    n_passages = max(claims // 10, 10)
    events = claims * 7 // 10
    terms = claims * 15 // 100
    figures = claims // 10
    relations = claims - events - terms - figures
    with Store(path) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO sources (id, title, kind, sha256, format, size, ingested_at) "
            "VALUES (?, 'SYNTHETIC benchmark data', 'text', ?, 'text', 0, '2024-01-01')",
            (SYNTHETIC_SOURCE, "0" * 64),
        )
        text = "Synthetic sentence for the benchmark; no real person or fact is described here."
        conn.executemany(
            "INSERT INTO passages (id, source_id, seq, kind, text) "
            "VALUES (?, ?, ?, 'paragraph', ?)",
            ((f"{SYNTHETIC_SOURCE}:p{i}", SYNTHETIC_SOURCE, i, text) for i in range(n_passages)),
        )
        conn.executemany(
            "INSERT INTO persons (id, name) VALUES (?, ?)",
            ((f"synthetic-{i}", f"Synthetic Person {i}") for i in range(n_persons)),
        )
        conn.executemany(
            "INSERT INTO names (person_id, form, script, key) VALUES (?, ?, 'Latn', ?)",
            (
                (f"synthetic-{i}", f"Synthetic Person {i}", f"synthetic{i}")
                for i in range(n_persons)
            ),
        )
        conn.executemany(
            "INSERT INTO offices (id, name) VALUES (?, ?)",
            ((f"office-{i}", f"Synthetic office {i}") for i in range(200)),
        )
        conn.execute(
            "INSERT INTO bodies (id, name, kind) VALUES ('politburo', 'Politburo', 'body')"
        )

        # Zipf (s = 1): a few persons are named in very many claims, as Ezhov is in the
        # chapter; the busiest gets about a tenth of all events.
        ranks = list(range(n_persons))
        weights = [1 / (rank + 1) for rank in ranks]

        def person() -> str:
            return f"synthetic-{rng.choices(ranks, weights)[0]}"

        def day() -> str:
            return f"193{rng.randint(5, 9)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

        def cite(kind: str, claim_id: str) -> tuple:
            passage = rng.randrange(n_passages)
            return (
                kind, claim_id, SYNTHETIC_SOURCE, f"{SYNTHETIC_SOURCE}:p{passage}", 0, len(text),
                text, json.dumps([str(rng.randint(1, 90))]),
            )  # fmt: skip

        cites = []
        rows, parts = [], []
        for i in range(events):
            d = day()
            eid = f"{SYNTHETIC_SOURCE}:e{i}"
            rows.append((eid, rng.choice(EVENT_TYPES), d, d, "day", d, "extracted:synthetic"))
            parts.append((eid, "person", person(), "subject"))
            if i % 3 == 0:
                parts.append((eid, "body", "politburo", "agent"))
            cites.append(cite("event", eid))
        conn.executemany(
            "INSERT INTO events (id, type, date_from, date_to, date_precision, date_text, method) "
            "VALUES (?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany("INSERT OR IGNORE INTO participants VALUES (?,?,?,?)", parts)
        conn.executemany(
            "INSERT INTO office_terms (id, person_id, office_id, start_from, start_to, method) "
            "VALUES (?,?,?,?,?, 'extracted:synthetic')",
            [
                (f"{SYNTHETIC_SOURCE}:t{i}", person(), f"office-{rng.randrange(200)}", d, d)
                for i in range(terms)
                for d in (day(),)
            ],
        )
        cites += [cite("office_term", f"{SYNTHETIC_SOURCE}:t{i}") for i in range(terms)]
        conn.executemany(
            "INSERT INTO figures (id, value, measure, what, method) "
            "VALUES (?, ?, 'arrested', 'synthetic', 'extracted:synthetic')",
            [(f"{SYNTHETIC_SOURCE}:f{i}", rng.randint(1, 100_000)) for i in range(figures)],
        )
        cites += [cite("figure", f"{SYNTHETIC_SOURCE}:f{i}") for i in range(figures)]
        conn.executemany(
            "INSERT INTO relations (id, type, from_person, to_person, method) "
            "VALUES (?, 'deputy_of', ?, ?, 'extracted:synthetic')",
            [(f"{SYNTHETIC_SOURCE}:r{i}", person(), person()) for i in range(relations)],
        )
        cites += [cite("relation", f"{SYNTHETIC_SOURCE}:r{i}") for i in range(relations)]
        conn.executemany(
            'INSERT INTO citations (claim_kind, claim_id, source_id, passage_id, start, "end", '
            "quote, notes) VALUES (?,?,?,?,?,?,?,?)",
            cites,
        )
        busiest = conn.execute(
            "SELECT entity_id, count(*) FROM participants WHERE kind = 'person' "
            "GROUP BY entity_id ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
        typical = conn.execute(
            "SELECT entity_id, count(*) FROM participants WHERE kind = 'person' "
            "GROUP BY entity_id HAVING count(*) BETWEEN 5 AND 30 LIMIT 1"
        ).fetchone()
    return {
        "busiest": busiest[0],
        "busiest_events": str(busiest[1]),
        "typical": typical[0],
        "typical_events": str(typical[1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="requests per page")
    parser.add_argument("--claims", type=int, default=100_000, help="generated claims")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if CHAPTER.exists():
            db = Path(tmp) / "chapter.db"
            api.ingest([CHAPTER], db)
            server = Server(db)
            with httpx.Client(base_url=server.base) as client:
                report(
                    "chapter",
                    client,
                    [
                        ("person: Ezhov", "/persons/ezhov-nikolai"),
                        ("source reader: chapter", "/sources/jansen-petrov-2002-ch5-apogee"),
                        ("search: Yezhov", "/search?q=Yezhov"),
                        ("chronology", "/chronology"),
                        ("figures", "/figures"),
                    ],
                    args.requests,
                )
            server.stop()
        else:
            print(f"chapter: skipped ({CHAPTER} is not available)", file=sys.stderr)
        db = Path(tmp) / "synthetic.db"
        start = time.perf_counter()
        who = synthetic_db(db, args.claims)
        events = int(who["busiest_events"])
        print(
            f"\nSYNTHETIC benchmark data: {args.claims:,} generated claims "
            f"(built in {time.perf_counter() - start:.1f} s)"
        )
        server = Server(db)
        with httpx.Client(base_url=server.base) as client:
            report(
                "synthetic",
                client,
                [
                    (
                        f"person: busiest ({who['busiest_events']} events)",
                        f"/persons/{who['busiest']}",
                    ),
                    (
                        f"person: typical ({who['typical_events']} events)",
                        f"/persons/{who['typical']}",
                    ),
                    ("search: Synthetic Person 7", "/search?q=Synthetic+Person+7"),
                    ("chronology (page 1 of many)", "/chronology"),
                    ("chronology (page 300, offset 59,800)", "/chronology?page=300"),
                    (
                        f"chronology of the busiest (page 2 of {events // 200 + 1})",
                        f"/chronology?person={who['busiest']}&page=2",
                    ),
                ],
                args.requests,
            )
        server.stop()
        if (STALIN_LISTS / "lists.csv").exists():
            from imena.lists import import_stalin_lists

            db = Path(tmp) / "lists.db"
            import_stalin_lists(STALIN_LISTS, db)
            server = Server(db)
            with httpx.Client(base_url=server.base) as client:
                report(
                    "\nStalin's lists",
                    client,
                    [
                        ("lists: index with four charts", "/lists"),
                        ("lists: one list (no. 200)", "/lists/200"),
                        ("lists: all regions", "/lists/regions"),
                        ("lists: one region", "/lists/regions/" + quote("Свердловская область")),
                    ],
                    args.requests,
                )
            server.stop()
        else:
            print(f"Stalin's lists: skipped ({STALIN_LISTS} is not available)", file=sys.stderr)


if __name__ == "__main__":
    main()
