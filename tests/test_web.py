"""The web application over HTTP: pages a reader opens, and review that only curators can do."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape as html_unescape
from pathlib import Path

import httpx
import pytest

from imena.store.db import Store
from tests.conftest import SHARED
from tests.test_web_server import PASSWORD, build_chapter_db, build_sample_db, cli, serving

SOURCE = "jansen-petrov-2002-ch5-apogee"
MOSCOW = SHARED / "data" / "memorial" / "moscow-shot-lists-by-address.csv"


@pytest.fixture(scope="module")
def chapter(tmp_path_factory: pytest.TempPathFactory, make_db) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("web")
    db = build_chapter_db(folder, make_db(folder))
    if MOSCOW.exists():
        run = cli("registry", "import", str(MOSCOW), "--format", "moscow-csv", db=db)
        assert run.returncode == 0, run.stderr
    with serving(db) as base:
        yield base, db


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, make_db) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("web-sample")
    db = build_sample_db(folder, make_db(folder))
    with serving(db) as base:
        yield base, db


def login(base: str) -> httpx.Client:
    """A client with a curator's session, logged in through the real form."""
    client = httpx.Client(base_url=base)
    form = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    done = client.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf": token, "next": "/"}
    )
    assert done.status_code == 303, done.text
    return client


def csrf_of(client: httpx.Client, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def claims_snapshot(db: Path) -> list[tuple]:
    """The claims and the audit trail as rows (file digests move when SQLite checkpoints)."""
    with Store(str(db)) as store:
        conn = store.conn
        return [
            *map(tuple, conn.execute("SELECT * FROM events ORDER BY id")),
            *map(tuple, conn.execute("SELECT * FROM audit ORDER BY id")),
            *map(
                tuple,
                conn.execute(
                    "SELECT * FROM participants ORDER BY event_id, kind, entity_id, role"
                ),
            ),
        ]


def status_of(db: Path, claim_id: str) -> str:
    with Store(str(db)) as store:
        conn = store.conn
        return conn.execute("SELECT status FROM events WHERE id = ?", (claim_id,)).fetchone()[0]


def award_id(db: Path) -> str:
    with Store(str(db)) as store:
        conn = store.conn
        return conn.execute(
            "SELECT id FROM events WHERE type = 'award' AND date_from = '1937-07-17'"
        ).fetchone()[0]


def test_search_in_any_spelling_finds_ezhov(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    for spelling in ("Yezhov", "Ezhov", "Ежов", "Jeschow", "N. I. Ezhov"):
        page = httpx.get(base + "/search", params={"q": spelling})
        assert page.status_code == 200
        persons = page.text.split('id="r-persons"')[1].split("</section>")[0]
        assert 'href="/persons/ezhov-nikolai"' in persons, spelling
    grouped = httpx.get(base + "/search", params={"q": "Special Troikas"}).text
    assert 'id="r-figures"' in grouped and "108,000" in grouped
    assert 'id="r-sources"' in grouped and f"/sources/{SOURCE}#p" in grouped


def test_search_finds_registry_records(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    if not MOSCOW.exists():
        pytest.skip(f"{MOSCOW} is not available")
    page = httpx.get(base + "/search", params={"q": "Kuzmin Vasilii"}).text
    records = page.split('id="r-records"')[1].split("</section>")[0]
    assert "Кузьмин" in records
    record_id = re.search(r'href="/records/(\d+)"', records).group(1)
    record = httpx.get(f"{base}/records/{record_id}")
    assert record.status_code == 200 and "Кузьмин" in record.text


def test_person_page_cites_every_item(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    page = httpx.get(base + "/persons/ezhov-nikolai")
    assert page.status_code == 200
    html = page.text
    award = next(item for item in html.split('<li class="event') if ">17 July 1937</time>" in item)
    assert '<span class="type">award</span>' in award
    assert "note 1" in award
    assert f'href="/sources/{SOURCE}#p3"' in award
    assert "unreviewed" in award
    assert 'class="chart"' in html  # the timeline and the Gantt bars are drawn
    assert "Secretary of the Central Committee" in html and "February 1935" in html
    assert "Relations" in html and "Evgeniia" in html


def test_reader_shows_passages_notes_and_links(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    html = httpx.get(f"{base}/sources/{SOURCE}").text
    p3 = html.split('id="p3"')[1].split("</p>")[0]
    assert '<a class="hl person" href="/persons/ezhov-nikolai"' in p3
    assert 'class="hl date"' in p3 and "17 July 1937" in p3
    assert '<sup class="fn"' in p3 and ">1</sup>" in p3
    assert '<aside class="passage note" id="p5"' in html
    assert '<figure class="passage caption"' in html
    assert '<a href="#p5" aria-label="note *">*</a>' in html  # the starred note is linked


def test_source_text_is_escaped(tmp_path: Path, make_db) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "On 17 July 1937 Nikolai Ezhov was awarded the Lenin order <script>alert(1)</script> "
        "and <img src=x onerror=alert(2)> was shown.\n",
        encoding="utf-8",
    )
    db = make_db(tmp_path)
    assert cli("ingest", str(hostile), db=db).returncode == 0
    with serving(db) as base:
        sources = httpx.get(base + "/sources").text
        source_id = re.search(r'href="/sources/([^"]+)"', sources).group(1)
        html = httpx.get(f"{base}/sources/{source_id}").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert" not in html and "<img src=x" not in html
        person = httpx.get(base + "/persons/ezhov-nikolai").text
        assert "<script>alert" not in person and "&lt;script&gt;" in person
        found = httpx.get(base + "/search", params={"q": "<script>"}).text
        assert "<script>alert" not in found
        headers = httpx.get(base + "/").headers
        assert "script-src 'self'" in headers["content-security-policy"]


def test_anonymous_visitors_cannot_review(chapter: tuple[str, Path]) -> None:
    base, db = chapter
    claim = award_id(db)
    before = claims_snapshot(db)
    page = httpx.get(f"{base}/persons/ezhov-nikolai").text
    assert 'value="accept"' not in page
    refused = httpx.post(f"{base}/review/event/{claim}", data={"action": "accept"})
    assert refused.status_code == 403
    assert httpx.get(f"{base}/review", follow_redirects=False).status_code == 303
    assert httpx.get(f"{base}/audit", follow_redirects=False).status_code == 303
    assert status_of(db, claim) == "proposed"
    assert claims_snapshot(db) == before


def test_login_needs_the_right_password_and_token(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    client = httpx.Client(base_url=base)
    token = csrf_of(client, "/login")
    wrong = client.post("/login", data={"username": "alice", "password": "nope", "csrf": token})
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    no_token = httpx.post(base + "/login", data={"username": "alice", "password": PASSWORD})
    assert no_token.status_code == 403
    token = csrf_of(client, "/login")
    away = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "csrf": token, "next": "//evil.example/"},
    )
    assert away.status_code == 303 and away.headers["location"] == "/"
    assert "httponly" in away.headers["set-cookie"].lower()
    assert "samesite=lax" in away.headers["set-cookie"].lower()


def test_curator_accepts_with_csrf_and_audit(chapter: tuple[str, Path]) -> None:
    base, db = chapter
    claim = award_id(db)
    client = login(base)
    forged = client.post(f"/review/event/{claim}", data={"action": "accept", "csrf": "forged"})
    assert forged.status_code == 403
    cross = client.post(
        f"/review/event/{claim}",
        data={"action": "accept", "csrf": csrf_of(client, "/")},
        headers={"Origin": "http://evil.example"},
    )
    assert cross.status_code == 403
    assert status_of(db, claim) == "proposed"
    done = client.post(
        f"/review/event/{claim}", data={"action": "accept", "csrf": csrf_of(client, "/")}
    )
    assert done.status_code == 303
    assert status_of(db, claim) == "accepted"
    with Store(str(db)) as store:
        conn = store.conn
        user, action, before, after = conn.execute(
            'SELECT "user", action, before, after FROM audit WHERE claim_id = ? ORDER BY id DESC',
            (claim,),
        ).fetchone()
    assert (user, action) == ("alice", "accept")
    assert json.loads(before)["status"] == "proposed"
    assert json.loads(after)["status"] == "accepted"
    page = httpx.get(f"{base}/claims/event/{claim}").text
    assert "alice" in page and "reviewed" in page


def test_curator_corrects_and_bad_corrections_change_nothing(chapter: tuple[str, Path]) -> None:
    base, db = chapter
    with Store(str(db)) as store:
        conn = store.conn
        claim, old_type = conn.execute(
            "SELECT id, type FROM events WHERE type = 'speech' ORDER BY id LIMIT 1"
        ).fetchone()
    client = login(base)
    before = claims_snapshot(db)
    bad = client.post(
        f"/review/event/{claim}",
        data={"action": "correct", "csrf": csrf_of(client, "/"), "date_from": "17 July 1937"},
    )
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    unknown = client.post(
        f"/review/event/{claim}",
        data={"action": "correct", "csrf": csrf_of(client, "/"), "type": "purge-plan"},
    )
    assert unknown.status_code == 400
    assert claims_snapshot(db) == before
    fixed = client.post(
        f"/review/event/{claim}",
        data={
            "action": "correct",
            "csrf": csrf_of(client, "/"),
            "type": "report",
            "date_from": "1937-12-09",
            "date_to": "1937-12-09",
            "date_precision": "day",
        },
    )
    assert fixed.status_code == 303
    with Store(str(db)) as store:
        conn = store.conn
        row = conn.execute(
            "SELECT type, date_from, status, method FROM events WHERE id = ?", (claim,)
        ).fetchone()
        audit = conn.execute(
            "SELECT before, after FROM audit WHERE claim_id = ? AND action = 'correct'", (claim,)
        ).fetchone()
    assert tuple(row) == ("report", "1937-12-09", "accepted", "curated:alice")
    assert json.loads(audit[0])["type"] == old_type
    assert json.loads(audit[1])["type"] == "report"
    trail = client.get("/audit").text
    assert claim in trail and "report" in trail


def test_chronology_filters_and_decisions(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    page = httpx.get(base + "/chronology").text
    decisions = page.split('id="h-decisions"')[1].split("</section>")[0]
    assert "Politburo" in decisions
    assert "Events by month" in page and "<svg" in page
    awards = httpx.get(base + "/chronology", params={"type": "award"}).text
    assert "17 July 1937" in awards and '<span class="type">arrest</span>' not in awards
    period = httpx.get(base + "/chronology", params={"from": "1938-01", "to": "1938-03"}).text
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', period.split('id="h-all"')[1])
    assert dates and all("1937-12-01" <= d <= "1938-03-31" for d in dates)
    bad = httpx.get(base + "/chronology", params={"from": "last spring"})
    assert bad.status_code == 400 and "YYYY-MM" in bad.text


def test_offices_and_figures_pages(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    offices = httpx.get(base + "/offices").text
    office = re.search(r'href="(/offices/[^"]*sverdlovsk[^"]*)"', offices).group(1)
    page = httpx.get(base + office).text
    assert "Holders over time" in page and 'class="chart"' in page
    figures = httpx.get(base + "/figures").text
    flows = figures.split('id="h-flows"')[1].split("</section>")[0]
    assert "Special Troikas" in flows
    assert "108,000 examined" in flows and "72,000 sentenced to death" in flows
    quotas = httpx.get(base + "/figures", params={"measure": "quota"}).text
    assert "30,000" in quotas and "20,000" in quotas and "108,000" not in quotas


def test_sample_site_works_without_shared(sample: tuple[str, Path]) -> None:
    base, _ = sample
    home = httpx.get(base + "/").text
    assert "Ezhov" in home
    person = httpx.get(base + "/persons/ezhov-nikolai").text
    assert "30 July 1937" in person and "note 1" in person
    source = re.search(r'href="(/sources/mass-operations[^"#]*)#p(\d+)"', person)
    reader = httpx.get(base + source.group(1)).text
    assert f'id="p{source.group(2)}"' in reader
    for path in ("/chronology", "/offices", "/figures", "/sources", "/registry", "/about"):
        assert httpx.get(base + path).status_code == 200, path
    assert httpx.get(base + "/persons/nobody").status_code == 404
    # Without Stalin's lists imported, their page says how to import them.
    lists = httpx.get(base + "/lists")
    assert lists.status_code == 200 and "imena lists import" in lists.text
    assert httpx.get(base + "/lists/1").status_code == 404


def test_figures_from_two_sources_that_disagree_are_marked(tmp_path: Path, make_db) -> None:
    one = tmp_path / "one.txt"
    other = tmp_path / "other.txt"
    sentence = (
        "In their two months of work the Special Troikas examined almost {} cases."
    )
    one.write_text("One account\n\n" + sentence.format("108,000") + "\n", encoding="utf-8")
    other.write_text("Another account\n\n" + sentence.format("110,000") + "\n", encoding="utf-8")
    db = make_db(tmp_path)
    assert cli("ingest", str(one), str(other), db=db).returncode == 0
    with serving(db) as base:
        page = httpx.get(base + "/figures", params={"measure": "examined"}).text
    scope = page.split('<div class="scope differ">')[1].split("</div>")[0]
    assert "values differ" in scope
    assert "108,000" in scope and "110,000" in scope
    assert "/sources/one#p" in scope and "/sources/other#p" in scope


def test_review_desk_opens_for_a_curator(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    client = login(base)
    for path in ("/review", "/review?kind=figure", "/review?kind=event&status=accepted&page=2"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Review" in page.text
    assert client.get("/review?kind=nonsense").status_code == 400


@pytest.mark.parametrize("q", ["a", "Ж", "1", "%", "_", "'", "  x  ", "\\"])
def test_one_character_searches_answer_a_page(chapter: tuple[str, Path], q: str) -> None:
    base, _ = chapter
    page = httpx.get(f"{base}/search", params={"q": q})
    assert page.status_code == 200
    assert "<html" in page.text.lower()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/records/abc", 404),
        ("/chronology?page=abc", 400),
        ("/review?page=abc", 400),
        ("/figures?page=-x", 400),
    ],
)
def test_bad_parameters_answer_a_page_not_json(
    chapter: tuple[str, Path], path: str, status: int
) -> None:
    base, _ = chapter
    page = httpx.get(f"{base}{path}")
    assert page.status_code in (status, 200), (path, page.status_code)
    assert page.status_code < 500
    assert page.headers["content-type"].startswith("text/html"), path
    assert "<html" in page.text.lower()


def test_compression_favicon_and_head(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    page = httpx.get(f"{base}/persons/ezhov-nikolai", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200
    assert page.headers.get("content-encoding") == "gzip"
    icon = httpx.get(f"{base}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")
    for path in ("/", "/persons/ezhov-nikolai", "/search?q=Ezhov"):
        head = httpx.head(f"{base}{path}")
        assert head.status_code == 200, path
        assert head.content == b""
    assert httpx.head(f"{base}/records/999999999").status_code == 404


def test_every_date_in_the_reader_leads_to_its_event(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    reader = httpx.get(f"{base}/sources/{SOURCE}")
    assert reader.status_code == 200
    links = set(re.findall(r'href="(/chronology[^"#]*#[^"]+)"', reader.text))
    assert len(links) > 20
    for link in sorted(links):
        path, anchor = html_unescape(link).split("#")
        page = httpx.get(base + path)
        assert page.status_code == 200, link
        assert f'id="{anchor}"' in page.text, f"{link} lands nowhere"
    for link in set(re.findall(r'href="(/claims/event/[^"]+)"', reader.text)):
        assert httpx.get(base + html_unescape(link)).status_code == 200, link


def test_a_reversed_period_says_so(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    page = httpx.get(f"{base}/chronology", params={"from": "1938", "to": "1937"})
    assert page.status_code == 400
    assert "before it begins" in page.text


def test_the_month_chart_names_its_months(chapter: tuple[str, Path]) -> None:
    base, _ = chapter
    page = httpx.get(f"{base}/chronology")
    assert page.status_code == 200
    chart = page.text.split('id="h-months"')[1].split("</figure>")[0]
    named = r"<title>(January|April|July|October) 1937</title>(J|A|O|Jan|Apr|Jul|Oct)<"
    assert re.search(named, chart)


def test_curator_corrects_who_took_part_and_the_office(chapter: tuple[str, Path]) -> None:
    """Extraction put the wrong person in an event: a curator fixes roles, removes and adds
    participants and sets the office; the audit keeps who took part before and after."""
    base, db = chapter
    with Store(str(db)) as store:
        claim, person = store.conn.execute(
            "SELECT e.id, pa.entity_id FROM events e JOIN participants pa ON pa.event_id = e.id "
            "WHERE e.type = 'arrest' AND pa.kind = 'person' AND e.status = 'proposed' "
            "ORDER BY e.id LIMIT 1"
        ).fetchone()
        (office_name,) = store.conn.execute(
            "SELECT name FROM offices ORDER BY id LIMIT 1"
        ).fetchone()
        (frinovskii,) = store.conn.execute(
            "SELECT person_id FROM names WHERE form = 'Frinovskii' ORDER BY id LIMIT 1"
        ).fetchone()
    client = login(base)
    page = client.get(f"/claims/event/{claim}")
    assert page.status_code == 200 and 'name="new-entity"' in page.text
    rows = re.findall(r'name="part-(\d+)-role"', page.text)
    assert rows
    before = claims_snapshot(db)
    nobody = client.post(
        f"/review/event/{claim}",
        data={"action": "correct", "csrf": csrf_of(client, "/"), "type": "arrest",
              "new-kind": "person", "new-entity": "Nobodyovich Nonexistentov"},
    )  # fmt: skip
    assert nobody.status_code == 400 and "no person named" in nobody.text
    assert claims_snapshot(db) == before
    data = {"action": "correct", "csrf": csrf_of(client, "/"), "type": "arrest",
            "office_id": office_name, "new-kind": "person", "new-entity": "Frinovskii",
            "new-role": "agent"}  # fmt: skip
    for n in rows:
        data[f"part-{n}-remove"] = "1"
    fixed = client.post(f"/review/event/{claim}", data=data)
    assert fixed.status_code == 303, fixed.text
    with Store(str(db)) as store:
        parts = [tuple(r) for r in store.conn.execute(
            "SELECT kind, entity_id, role FROM participants WHERE event_id = ?", (claim,)
        )]  # fmt: skip
        office_id, method = store.conn.execute(
            "SELECT office_id, method FROM events WHERE id = ?", (claim,)
        ).fetchone()
        trail = store.conn.execute(
            "SELECT before, after FROM audit WHERE claim_id = ? ORDER BY id DESC", (claim,)
        ).fetchone()
    assert parts == [("person", frinovskii, "agent")]
    assert office_id is not None and method == "curated:alice"
    assert [person, "subject"] in [[p[1], p[2]] for p in json.loads(trail[0])["participants"]]
    assert json.loads(trail[1])["participants"] == [["person", frinovskii, "agent"]]
    shown = client.get(f"/claims/event/{claim}").text
    assert "Frinovskii" in shown


def test_reference_claims_say_where_they_come_from(sample: tuple[str, Path]) -> None:
    """A fact of the bundled reference data is not shown as reviewed by a curator here."""
    base, db = sample
    with Store(str(db)) as store:
        (claim,) = store.conn.execute(
            "SELECT id FROM office_terms WHERE method = 'curated:imena-reference' ORDER BY id"
        ).fetchone()
    page = httpx.get(f"{base}/claims/office_term/{claim}")
    assert page.status_code == 200
    assert '<span class="badge accepted"' in page.text and ">reference</span>" in page.text
    assert ">reviewed</span>" not in page.text
    assert "curated reference data" in page.text
