"""Stalin's lists on the web: the collection, a list, a region, over HTTP and in Chromium.

The database is built by the real command (`imena lists import ../shared/data/stalin-lists`)
on each backend (``make_db``); the tests skip when Memorial's data is not there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from imena import lists
from imena.store.db import Store
from tests.conftest import SHARED, Database
from tests.test_web_e2e import browser, new_page, shoot  # noqa: F401 (the browser fixture)
from tests.test_web_server import cli, serving

LISTS = SHARED / "data" / "stalin-lists"
SVERDLOVSK = "Свердловская область"


@dataclass
class _Target:
    """A database as ``cli`` and ``serving`` take it: ``--db`` and a folder to run in."""

    db: Database
    parent: Path

    def __str__(self) -> str:
        return str(self.db)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, make_db) -> Iterator[tuple[str, Database]]:
    if not (LISTS / "lists.csv").exists():
        pytest.skip(f"{LISTS} is not available")
    folder = tmp_path_factory.mktemp("web-lists")
    db = make_db(folder)
    target = _Target(db, folder)
    run = cli("lists", "import", str(LISTS), db=target)  # type: ignore[arg-type]
    assert run.returncode == 0, run.stderr
    with serving(target) as base:  # type: ignore[arg-type]
        yield base, db


def text_of(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded, spaces folded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_list_page_cites_dates_and_links_its_people(site: tuple[str, Database]) -> None:
    base, _ = site
    page = httpx.get(base + "/lists/200")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "РГАСПИ. Ф. 17. Оп. 171. Д. 418. Л. 131–139" in text
    assert '<h1 lang="ru">Список лиц - Тульская область</h1>' in page.text
    assert "12 September 1938" in text
    assert "от 12 сентября 1938 года" in text
    # The submitter and the signers are persons of the model, one page each.
    assert 'href="/persons/shapiro-isaak"' in page.text
    assert "chief of the NKVD First Special Department" in text
    for signer in ("stalin-iosif", "molotov-viacheslav", "zhdanov-andrei"):
        assert f'href="/persons/{signer}"' in page.text
    assert '<span lang="ru">Сталин,Молотов,Жданов</span>' in page.text
    # The one section, with its counts per category and a link to its region.
    section = page.text.split('id="h-sections"')[1]
    assert f'href="/lists/regions/{quote("Тульская область", safe="")}"' in section
    assert re.search(r'<td class="n">126</td><td class="n">43</td><td class="n">—</td>', section)
    assert "/claims/event/" in page.text


def test_a_list_whose_dates_disagree_shows_both(site: tuple[str, Database]) -> None:
    base, _ = site
    text = text_of(httpx.get(base + "/lists/123").text)
    assert "December 1937" in text
    assert "22 November 1937" in text  # Memorial's dating, kept beside the text's
    assert "dates differ" in text
    assert "differs from the list" in text  # its sections are dated 22 November


def test_a_region_page_has_its_sections_and_totals(site: tuple[str, Database]) -> None:
    base, db = site
    page = httpx.get(base + "/lists/regions/" + quote(SVERDLOVSK, safe=""))
    assert page.status_code == 200
    with Store(str(db), create=False) as store:
        expected = lists.region_detail(store, SVERDLOVSK)
    text = text_of(page.text)
    assert f'<h1 lang="ru">{SVERDLOVSK}</h1>' in page.text
    assert "Sverdlovsk" in text
    for k, name in (("1", "shooting"), ("2", "camp")):
        assert f"{expected['categories'][k]:,} people in category {k} ({name})" in text
    links = re.findall(r'href="/lists/(\d+)"', page.text.split('id="h-sections"')[1])
    assert sorted(map(int, links)) == sorted(s["list_id"] for s in expected["sections_list"])
    assert "<svg" in page.text  # people per month
    index = httpx.get(base + "/lists/regions")
    assert f'href="/lists/regions/{quote(SVERDLOVSK, safe="")}"' in index.text


def test_the_index_gives_totals_timeline_and_signatures(site: tuple[str, Database]) -> None:
    base, db = site
    page = httpx.get(base + "/lists")
    assert page.status_code == 200
    with Store(str(db), create=False) as store:
        totals = lists.totals(store)
        members = lists.members(store)
        days = lists.timeline(store)
    text = text_of(page.text)
    for k in ("1", "2", "3"):
        assert f"{totals['categories'][k]:,} people in category {k}" in text
    assert page.text.count('<svg class="chart"') == 4  # decisions, months, signers, regions
    # Every decision day is a row, every list of it a link.
    assert page.text.count('<tr id="d-') == len(days)
    for day in days:
        for list_id in day["lists"]:
            assert f'href="/lists/{list_id}"' in page.text
    molotov = next(m for m in members if m["person"]["id"] == "molotov-viacheslav")
    row = page.text.split('<tr><td><a href="/persons/molotov-viacheslav"')[1].split("</tr>")[0]
    assert f'<td class="n">{molotov["lists"]}</td>' in row
    menu = page.text.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert '<a href="/lists" aria-current="page">Stalin&#39;s lists</a>' in menu


def test_unknown_lists_and_regions_are_404_and_escaped(site: tuple[str, Database]) -> None:
    base, _ = site
    assert httpx.get(base + "/lists/99999").status_code == 404
    assert httpx.get(base + "/lists/not-a-number").status_code == 404
    page = httpx.get(base + "/lists/regions/" + quote("<b>nowhere</b>", safe=""))
    assert page.status_code == 404
    assert "<b>nowhere</b>" not in page.text
    assert "&lt;b&gt;nowhere&lt;/b&gt;" in page.text


def test_lists_in_chromium(browser, site: tuple[str, Database]) -> None:  # noqa: F811
    base, _ = site
    page = new_page(browser)
    page.goto(base + "/lists")
    shoot(page, "lists")
    chart = page.locator("#h-days ~ figure svg")
    assert chart.bounding_box()["width"] > 600
    # A bar of the decisions chart leads to that day's row, and the row to its list.
    page.locator("#h-days ~ figure svg a").first.click()
    target = page.evaluate("document.querySelector(':target').id")
    assert target.startswith("d-1937-")
    page.locator(f"#{target} td.ids a").first.click()
    page.wait_for_url("**/lists/*")
    assert page.locator("h1").get_attribute("lang") == "ru"
    page.context.close()
    phone = new_page(browser, width=390, height=844)
    for path in ("/lists", "/lists/200", "/lists/regions"):
        response = phone.goto(base + path)
        assert response is not None and response.status == 200, path
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px screen"
    phone.context.close()


def test_citations_of_the_lists_lead_to_the_lists(site: tuple[str, Database]) -> None:
    """A claim resting on a list cites it by its page here, never an empty source page."""
    base, _ = site
    person = httpx.get(base + "/persons/shapiro-isaak")
    assert person.status_code == 200
    assert re.search(r'href="/lists/\d+">Stalin(&#39;|\')s lists, list \d+</a>', person.text)
    assert 'href="/sources/memorial-stalin-lists"' not in person.text
    target = re.search(r'href="(/lists/\d+)"', person.text).group(1)
    assert httpx.get(base + target).status_code == 200
