"""Figures on the chapter: the Special Troikas flow, part-whole checks, a planted contradiction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imena.api import ingest
from tests.conftest import CHAPTER, needs_shared
from tests.test_machinery import cli

PLANTED = (
    "The Special Troikas in 1938\n\nDuring the two months of their activity, the Special Troikas "
    "examined the cases of almost 120,000 people who had been arrested in the national "
    "operations. Over 110,000 of them were condemned.\n"
)


@pytest.fixture(scope="module")
def chapter_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    needs_shared(CHAPTER)
    db = tmp_path_factory.mktemp("figures") / "imena.db"
    ingest([CHAPTER], db)
    return db


def figures(db: Path, *args: str) -> list[dict]:
    run = cli(db, "figures", "--json", *args)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_figure_has_a_measure_and_a_scope(chapter_db: Path) -> None:
    found = figures(chapter_db)
    assert len(found) >= 29
    for fig in found:
        assert fig["measure"]
        assert set(fig["scope"]) == {"operation", "body", "region", "nationality", "period"}
    troikas = [f for f in found if f["scope"]["body"] == "Special Troikas"]
    assert sorted(f["value"] for f in troikas) == [15000, 21000, 72000, 105000, 108000]
    assert all(f["scope"]["operation"] == "national" for f in troikas)
    assert {f["scope"]["nationality"] for f in troikas} == {None, "Poles", "Germans"}


def test_special_troikas_form_one_consistent_flow(chapter_db: Path) -> None:
    run = cli(chapter_db, "flow", "--body", "special troikas", "--json")
    flow = json.loads(run.stdout)
    stages = [
        (s["stage"], s["figures"][0]["value"], s["figures"][0]["qualifier"]) for s in flow["stages"]
    ]
    assert stages == [
        ("examined", 108000, "almost"),
        ("condemned", 105000, "over"),
        ("sentenced_to_death", 72000, "over"),
    ]
    parts = {p["scope"]["nationality"]: p["value"] for s in flow["stages"] for p in s["parts"]}
    assert parts == {"Poles": 21000, "Germans": 15000}
    assert flow["consistent"] and flow["violates"] == []
    assert {"source": "examined", "target": "condemned", "value": 105000} in flow["links"]
    assert all(s["figures"][0]["citations"][0]["notes"] == ["79"] for s in flow["stages"])


def test_a_planted_contradiction_is_reported(chapter_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "planted.db"
    db.write_bytes(chapter_db.read_bytes())
    planted = tmp_path / "planted.txt"
    planted.write_text(PLANTED, encoding="utf-8")
    assert cli(db, "ingest", str(planted)).returncode == 0
    examined = {f["value"]: f for f in figures(db, "--measure", "examined")}
    assert examined[108000]["conflicts_with"] == [examined[120000]["id"]]
    assert examined[120000]["conflicts_with"] == [examined[108000]["id"]]
    condemned = {f["value"]: f for f in figures(db, "--measure", "condemned")}
    # "over 110,000 condemned" cannot fit within "almost 108,000 examined" of the same scope.
    assert any("exceeds almost 108,000 examined" in v for v in condemned[110000]["violates"])
    assert condemned[105000]["violates"] == []
    text = cli(db, "figures", "--measure", "examined").stdout
    assert "CONFLICT" in text


def test_quotas_stand_beside_the_counts(chapter_db: Path) -> None:
    quotas = figures(chapter_db, "--measure", "quota")
    ukraine = [q for q in quotas if q["scope"]["region"] == "Ukraine"]
    assert ukraine and all(q["scope"]["period"]["from"] == "1938-02-17" for q in ukraine)
    assert all("counts_beside" not in q or isinstance(q["counts_beside"], list) for q in quotas)
