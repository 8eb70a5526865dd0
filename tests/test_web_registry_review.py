"""The registry's review queue on the web: anyone reads the pairs, only a curator decides.

The registry is a small CSV of invented people (surnames made from words like "пример"
and "образец", places such as "г. Тестоград"), imported and deduplicated by the real CLI;
most are listed twice, once with a clerk's slip, and a few have a namesake.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from imena.registry.review import decisions, review_queue
from imena.store.db import Store
from imena.web.app import create_app
from imena.web.registry_review import PAGE_SIZE
from tests.conftest import ROOT, Database
from tests.test_web_server import PASSWORD, cli, serving

SURNAMES = (
    "Примеров", "Образцов", "Пробнов", "Вымыслов", "Выдумкин", "Макетов", "Эскизов",
    "Черновиков", "Набросков", "Опытов", "Проектов", "Заготовкин", "Условнов", "Шаблонов",
    "Тестов", "Образчиков", "Прообразов", "Чертёжников",
)  # fmt: skip
NAMES = ("Иван", "Пётр", "Семён", "Андрей", "Фёдор", "Григорий", "Николай", "Павел", "Тимофей")
PATRONYMICS = ("Иванович", "Петрович", "Семёнович", "Андреевич", "Фёдорович", "Ильич", "Лукич")
PLACES = ("Условная губ.", "Пробная губ.", "г. Тестоград", "с. Примерное", "д. Выдуманка")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
#: Every pair the model scores goes to the queue, so that it holds linked and apart pairs.
BAND = ("0.000001", "1.0")


def write_registry(path: Path) -> None:
    """Invented people: twelve listed twice (a slip in the second list), six with a namesake."""
    rows = []
    for i, surname in enumerate(SURNAMES):
        name, patronymic = NAMES[i % len(NAMES)], PATRONYMICS[i % len(PATRONYMICS)]
        year, place = 1880 + (i * 7) % 40, PLACES[i % len(PLACES)]
        arrest = f"1937-{1 + i % 12:02d}-{10 + i % 18:02d}"
        rows.append([surname, name, patronymic, year, place, "русский", arrest])
        if i < 12:
            # One vowel changed in the surname, except once (the model needs a few names
            # written alike to estimate how often two records are one person); the given
            # name as an initial, a year off by one, no place, the arrest to the month.
            slip = surname if i == 11 else surname[:-2] + "а" + surname[-1]
            given = name if i % 4 else name[0] + "."
            rows.append([slip, given, patronymic, year + (i % 3 == 0),
                         place if i % 2 else "", "русский", arrest[:7]])  # fmt: skip
        else:
            # A namesake: another father, born two years later somewhere else.
            other = HOSTILE if i == 12 else PLACES[(i + 2) % len(PLACES)]
            rows.append([surname, name, PATRONYMICS[(i + 3) % len(PATRONYMICS)], year + 2,
                         other, "", ""])  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["surname", "name", "patronymic", "birth_year", "birth_place",
                         "nationality", "arrest_date"])  # fmt: skip
        writer.writerows(rows)


@pytest.fixture(scope="module")
def deduped(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    """The invented registry imported and deduplicated by the CLI, one curator ``alice``."""
    folder = tmp_path_factory.mktemp("registry-review")
    source = folder / "invented.csv"
    write_registry(source)
    db = make_db(folder)
    for args, stdin in (
        (("registry", "import", str(source), "--format", "csv"), None),
        (("registry", "dedupe", "--review-band", *BAND), None),
        (("user", "add", "alice", "--password-stdin"), PASSWORD + "\n"),
    ):
        run = cli(*args, db=db, stdin=stdin, cwd=folder)  # type: ignore[arg-type]
        assert run.returncode == 0, run.stderr
    return db


@pytest.fixture
def db(deduped: Database, tmp_path: Path) -> Database:
    """A copy of the deduplicated database for one test to change."""
    return deduped.copy(tmp_path)


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as anonymous:
        yield anonymous


def log_in(client: TestClient) -> None:
    """Log in as ``alice`` through the real form."""
    token = csrf_of(client, "/login")
    done = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "csrf": token, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text


def csrf_of(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no form token on {path}"
    return found.group(1)


def queue(db: Database) -> dict:
    """The queue as the CLI sees it (``imena registry review --json``)."""
    return review_queue(db, limit=1000)


def clusters(db: Database, *records: int) -> list[str]:
    with Store(db, create=False) as store:
        return [
            store.conn.execute("SELECT cluster_id FROM records WHERE id = ?", (r,)).fetchone()[0]
            for r in records
        ]


def ids(item: dict) -> tuple[int, int]:
    return item["a"]["record_id"], item["b"]["record_id"]


PAIR = re.compile(r'<article class="pair" id="pair-(\d+)-(\d+)"')


def pairs_on(html: str) -> list[tuple[int, int]]:
    """The pairs a page shows, in order."""
    return [(int(a), int(b)) for a, b in PAIR.findall(html)]


def test_anyone_reads_the_queue_page_by_page(client: TestClient, db: Database) -> None:
    expected = queue(db)
    assert expected["total"] > PAGE_SIZE
    assert any(p["linked"] for p in expected["pairs"])
    assert any(not p["linked"] for p in expected["pairs"])
    first = client.get("/registry/review")
    assert first.status_code == 200
    html = first.text
    assert "Records that may be one person" in html
    assert f"<strong>{expected['total']}</strong> pairs wait" in html
    assert 'value="accept"' not in html and 'name="csrf"' not in html
    assert "Curator login" in html and "logging in" in html
    # The most uncertain pair first, both records side by side with the model's reading.
    top = expected["pairs"][0]
    assert pairs_on(html)[0] == ids(top)
    for record in (top["a"], top["b"]):
        assert f'href="/records/{record["record_id"]}"' in html
        assert record["surname"] in html and f"line {record['source_row']}" in html
        assert record["cluster_id"] in html
    assert f"match probability {top['probability'] * 100:.1f}%" in html
    assert "How the model compared them" in html and "As written in the registries" in html
    assert re.search(r'<span class="agree same">agree</span>', html)
    assert "Page 1 of 2" in html
    second = client.get("/registry/review", params={"page": 2}).text
    assert "Page 2 of 2" in second
    shown = pairs_on(html) + pairs_on(second)
    assert len(shown) == expected["total"] == len(set(shown))
    assert shown == [ids(p) for p in expected["pairs"]]
    # The registry search and a record in the queue lead here.
    registry = client.get("/registry").text
    assert f'<a href="/registry/review">{expected["total"]} pairs of records' in registry
    a = top["a"]["record_id"]
    record = client.get(f"/records/{a}").text
    assert f'href="/registry/review?record={a}"' in record
    only = client.get("/registry/review", params={"record": a}).text
    assert ids(top) in pairs_on(only)
    assert all(a in pair for pair in pairs_on(only))


def test_hostile_text_in_a_record_is_escaped(client: TestClient, db: Database) -> None:
    with Store(db, create=False) as store:
        record = store.conn.execute(
            "SELECT id FROM records WHERE birth_place LIKE '%<script>%'"
        ).fetchone()[0]
    html = client.get("/registry/review", params={"record": record}).text
    assert pairs_on(html), "the namesakes' pair is in the queue"
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'onerror="' not in html and "onerror=alert(1)&gt;" in html


def test_anonymous_and_forged_decisions_are_refused(client: TestClient, db: Database) -> None:
    before = queue(db)
    a, b = ids(before["pairs"][0])
    clusters_before = clusters(db, a, b)
    anonymous = client.post(
        f"/registry/review/{a}/{b}", data={"decision": "accept"}, follow_redirects=False
    )
    assert anonymous.status_code == 403 and "Log in as a curator" in anonymous.text
    log_in(client)
    page = client.get("/registry/review").text
    assert 'value="accept"' in page and "Same person" in page and "Different people" in page
    forged = client.post(
        f"/registry/review/{a}/{b}",
        data={"decision": "accept", "csrf": "forged"},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    missing = client.post(
        f"/registry/review/{a}/{b}", data={"decision": "accept"}, follow_redirects=False
    )
    assert missing.status_code == 403
    elsewhere = client.post(
        f"/registry/review/{a}/{b}",
        data={"decision": "accept", "csrf": csrf_of(client, "/registry/review")},
        headers={"Origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert elsewhere.status_code == 403
    unknown = client.post(
        f"/registry/review/{a}/{b}",
        data={"decision": "merge", "csrf": csrf_of(client, "/registry/review")},
        follow_redirects=False,
    )
    assert unknown.status_code == 400 and "unknown decision" in unknown.text
    assert str(db) not in unknown.text
    assert decisions(db)["total"] == 0
    assert queue(db)["total"] == before["total"]
    assert clusters(db, a, b) == clusters_before


def test_curator_accepts_a_pair_and_it_leaves_the_queue(client: TestClient, db: Database) -> None:
    before = queue(db)
    apart = next(p for p in before["pairs"] if not p["linked"])
    a, b = ids(apart)
    log_in(client)
    done = client.post(
        f"/registry/review/{a}/{b}",
        data={"decision": "accept", "csrf": csrf_of(client, "/registry/review"), "page": "1"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/registry/review?page=1&decided={a}-{b}#decided"
    page = client.get(done.headers["location"]).text
    assert re.search(rf"record {a}</a> and <a[^>]*>record {b}</a>\s*are one person", page)
    assert (a, b) not in pairs_on(page)
    # The CLI's view: the pair has left the queue, the decision is kept with its curator,
    # and the two records are one cluster now.
    after = queue(db)
    assert after["total"] == before["total"] - 1
    assert (a, b) not in [ids(p) for p in after["pairs"]]
    kept = decisions(db)["decisions"]
    assert [(ids(d), d["decision"], d["curator"]) for d in kept] == [((a, b), "accept", "alice")]
    assert kept[0]["linked"]
    first, second = clusters(db, a, b)
    assert first == second
    assert "Latest decisions" in page and "same person" in page


def test_curator_rejects_a_pair_and_the_records_stay_apart(
    client: TestClient, db: Database
) -> None:
    before = queue(db)
    linked = next(p for p in before["pairs"] if p["linked"])
    a, b = ids(linked)
    assert len(set(clusters(db, a, b))) == 1
    log_in(client)
    done = client.post(
        f"/registry/review/{b}/{a}",
        data={
            "decision": "reject",
            "csrf": csrf_of(client, "/registry/review"),
            "note": "<b>different fathers</b>",
            "page": "2",
        },
    )
    assert done.status_code == 200 and "are different people" in done.text
    assert "&lt;b&gt;different fathers&lt;/b&gt;" in done.text
    after = queue(db)
    assert after["total"] == before["total"] - 1
    assert (a, b) not in [ids(p) for p in after["pairs"]]
    kept = decisions(db)["decisions"]
    assert [(ids(d), d["decision"], d["curator"], d["note"]) for d in kept] == [
        ((a, b), "reject", "alice", "<b>different fathers</b>")
    ]
    first, second = clusters(db, a, b)
    assert first != second
    # A decision can be changed from the list of decisions; the latest one holds.
    changed = client.post(
        f"/registry/review/{a}/{b}",
        data={"decision": "accept", "csrf": csrf_of(client, "/registry/review")},
    )
    assert changed.status_code == 200 and "are one person" in changed.text
    assert [d["decision"] for d in decisions(db)["decisions"]] == ["accept"]
    assert len(set(clusters(db, a, b))) == 1


class _Served(str):
    """A database target as ``serving`` takes it: the server runs in ``parent``."""

    parent: Path


def test_curator_accepts_a_pair_in_chromium(deduped: Database, tmp_path: Path) -> None:
    """A curator logs in, accepts the first pair, and sees it leave the queue."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.test_web_e2e import ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    db = deduped.copy(tmp_path)
    served = _Served(db)
    served.parent = tmp_path
    shots = ROOT / "tests" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with serving(served) as base, sync_api.sync_playwright() as p:  # type: ignore[arg-type]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(base + "/registry")
        page.get_by_role("link", name=re.compile("pairs of records that may be one person")).click()
        page.wait_for_url("**/registry/review")
        assert page.get_by_role("button", name="Same person").count() == 0
        page.screenshot(path=str(shots / "registry-review.png"), full_page=False)
        page.get_by_role("link", name="Curator login").click()
        page.get_by_label("User name").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/registry/review")
        first = page.locator("article.pair").first
        pair_id = first.get_attribute("id")
        assert pair_id
        first.get_by_label("Note").fill("same dates of arrest")
        # Linking two records asks first; cancelling records nothing.
        questions: list[str] = []
        page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
        first.get_by_role("button", name="Same person").click()
        assert questions and "as one person?" in questions[0]
        assert page.locator(f"#{pair_id}").count() == 1
        page.once("dialog", lambda d: d.accept())
        first.get_by_role("button", name="Same person").click()
        page.wait_for_url("**decided=*")
        notice = page.locator("#decided")
        assert "are one person" in notice.inner_text()
        assert page.locator(f"#{pair_id}").count() == 0
        decided = page.locator("table.decisions tbody tr").first
        assert "same person" in decided.inner_text() and "alice" in decided.inner_text()
        trail = page.goto(base + "/audit")
        assert trail is not None and trail.status == 200
        row = page.locator("#h-pairs ~ table tbody tr").first
        assert "one person" in row.inner_text() and "same dates of arrest" in row.inner_text()
        page.go_back()
        page.screenshot(path=str(shots / "registry-review-decided.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the review queue scrolls sideways on a phone ({width}px)"
        page.screenshot(path=str(shots / "phone-registry-review.png"), full_page=False)
        browser.close()
    a, b = (int(n) for n in pair_id.split("-")[1:])
    assert (a, b) not in [ids(p) for p in queue(db)["pairs"]]
    assert decisions(db)["decisions"][0]["note"] == "same dates of arrest"
