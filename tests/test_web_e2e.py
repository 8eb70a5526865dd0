"""End to end in Debian's Chromium: a reader finds Ezhov and his sources; a curator reviews.

Screenshots of the main pages go to tests/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_web_server import PASSWORD, build_chapter_db, build_sample_db, serving

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium; every test page opens in a new context (no cookies, no cache)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        # Playwright's launch gives Chromium a fresh temporary user data dir of its own.
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


def new_page(browser, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    return context.new_page()


@pytest.fixture(scope="module")
def chapter_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_chapter_db(tmp_path_factory.mktemp("e2e"))
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_sample_db(tmp_path_factory.mktemp("e2e-sample"))
    with serving(db) as base:
        yield base


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_reader_follows_ezhov_to_the_passage(browser, chapter_site: str) -> None:
    page = new_page(browser)
    page.goto(chapter_site + "/")
    shoot(page, "home")
    page.get_by_label("Name, event, figure or source").fill("Yezhov")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Yezhov")
    shoot(page, "search-yezhov")
    persons = page.locator("section[aria-labelledby=r-persons]")
    persons.get_by_role("link", name="Nikolai Ezhov").click()
    page.wait_for_url("**/persons/ezhov-nikolai")
    assert page.locator("h1").inner_text().startswith("Nikolai Ezhov")
    award = (
        page.locator("ol.timeline > li").filter(has_text="17 July 1937").filter(has_text="award")
    )
    assert award.count() == 1
    assert "note 1" in award.inner_text()
    assert "unreviewed" in award.inner_text().lower()
    shoot(page, "person-ezhov")
    award.get_by_role("link", name=re.compile(r"^Apogee.*, ¶ 3$")).click()
    page.wait_for_url("**/sources/jansen-petrov-2002-ch5-apogee#p3")
    passage = page.locator("#p3")
    assert passage.is_visible()
    assert "Lenin order" in passage.inner_text()
    # The passage is the :target, so it is scrolled into view and highlighted.
    assert page.evaluate("document.querySelector(':target').id") == "p3"
    shoot(page, "reader-p3")
    for path, name in (
        ("/chronology", "chronology"),
        ("/figures", "figures"),
        ("/offices", "offices"),
    ):
        response = page.goto(chapter_site + path)
        assert response is not None and response.status == 200, path
        shoot(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(chapter_site + "/persons/ezhov-nikolai")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the person page scrolls sideways on a phone ({width}px)"
    shoot(page, "phone-person-ezhov")
    page.context.close()


def test_keyboard_reaches_search_and_results(browser, chapter_site: str) -> None:
    page = new_page(browser)
    page.goto(chapter_site + "/persons/ezhov-nikolai")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q-top"
    page.keyboard.type("Ежов")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("section[aria-labelledby=r-persons] a", has_text="Nikolai Ezhov").count()
    page.context.close()


def test_curator_accepts_a_claim_and_anonymous_cannot(browser, chapter_site: str) -> None:
    page = new_page(browser)
    page.goto(chapter_site + "/persons/ezhov-nikolai")
    assert page.get_by_role("button", name="Accept").count() == 0
    page.get_by_role("link", name="Curator login").click()
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    shoot(page, "login")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/persons/ezhov-nikolai")
    award = (
        page.locator("ol.timeline > li").filter(has_text="17 July 1937").filter(has_text="award")
    )
    award.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    award = (
        page.locator("ol.timeline > li").filter(has_text="17 July 1937").filter(has_text="award")
    )
    assert "reviewed" in award.inner_text().lower()
    assert "unreviewed" not in award.inner_text().lower()
    review = page.goto(chapter_site + "/review")
    assert review is not None and review.status == 200
    assert page.locator("h1").first.inner_text().strip()
    shoot(page, "review")
    audit = page.goto(chapter_site + "/audit")
    assert audit is not None and audit.status == 200
    assert "alice" in page.locator("table").inner_text()
    shoot(page, "audit")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(chapter_site + "/")
    page.context.close()

    # A visitor with no session: no review controls, and a forged POST is refused.
    visitor = new_page(browser)
    visitor.goto(chapter_site + "/persons/ezhov-nikolai")
    assert visitor.get_by_role("button", name="Accept").count() == 0
    status = visitor.evaluate(
        """async () => {
            const body = new URLSearchParams({action: "reject"});
            const r = await fetch("/review/event/jansen-petrov-2002-ch5-apogee:e1",
                                  {method: "POST", body});
            return r.status;
        }"""
    )
    assert status == 403
    visitor.context.close()


def test_sample_site_in_the_browser(browser, sample_site: str) -> None:
    page = new_page(browser)
    page.goto(sample_site + "/search?q=Jeschow")
    page.locator("section[aria-labelledby=r-persons]").get_by_role("link").first.click()
    page.wait_for_url("**/persons/ezhov-nikolai")
    signed = page.locator("ol.timeline > li").filter(has_text="30 July 1937").first
    assert "note 1" in signed.inner_text()
    signed.get_by_role("link", name=re.compile("¶")).first.click()
    page.wait_for_url("**/sources/mass-operations-outline#p*")
    target = page.evaluate("document.querySelector(':target').id")
    assert "00447" in page.locator(f"#{target}").inner_text()
    shoot(page, "sample-reader")
    page.context.close()


def test_pages_fit_a_phone(browser, chapter_site: str) -> None:
    """At 390 px nothing widens the page: wide tables and charts scroll in their own boxes."""
    page = new_page(browser, width=390, height=844)
    for path in ("/", "/chronology", "/offices", "/sources", "/figures", "/registry",
                 "/persons/ezhov-nikolai", "/search?q=Ezhov"):  # fmt: skip
        response = page.goto(chapter_site + path)
        assert response is not None and response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px screen"
    shoot(page, "search-phone")
    page.context.close()
