"""Figures on the chapter: the Special Troikas flow, part-whole checks, a planted contradiction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imena.api import ingest
from tests.conftest import CHAPTER, Database, needs_shared
from tests.test_machinery import cli

PLANTED = (
    "The Special Troikas in 1938\n\nIn their two months of work the Special Troikas "
    "examined the cases of almost 120,000 people arrested in the national "
    "operations. Over 110,000 of them were condemned.\n"
)


@pytest.fixture(scope="module")
def chapter_db(tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    needs_shared(CHAPTER)
    db = make_db(tmp_path_factory.mktemp("figures"))
    ingest([CHAPTER], str(db))
    return db


def figures(db: Database, *args: str) -> list[dict]:
    run = cli(db, "figures", "--json", *args)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_figure_has_a_measure_and_a_scope(chapter_db: Database) -> None:
    found = figures(chapter_db)
    assert len(found) >= 29
    for fig in found:
        assert fig["measure"]
        assert set(fig["scope"]) == {"operation", "body", "region", "nationality", "period"}
    troikas = [f for f in found if f["scope"]["body"] == "Special Troikas"]
    assert sorted(f["value"] for f in troikas) == [15000, 21000, 72000, 105000, 108000]
    assert all(f["scope"]["operation"] == "national" for f in troikas)
    assert {f["scope"]["nationality"] for f in troikas} == {None, "Poles", "Germans"}


def test_special_troikas_form_one_consistent_flow(chapter_db: Database) -> None:
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


def test_a_planted_contradiction_is_reported(chapter_db: Database, tmp_path: Path) -> None:
    db = chapter_db.copy(tmp_path)
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


def test_quotas_stand_beside_the_counts(chapter_db: Database) -> None:
    quotas = figures(chapter_db, "--measure", "quota")
    ukraine = [q for q in quotas if q["scope"]["region"] == "Ukraine"]
    assert ukraine and all(q["scope"]["period"]["from"] == "1938-02-17" for q in ukraine)
    assert all("counts_beside" not in q or isinstance(q["counts_beside"], list) for q in quotas)


# -- The reconciliation against the pairwise definition (no chapter needed) -------------------

_SCOPE_KEYS = ("operation", "body", "region", "nationality")


def _planted_figures(db: Database) -> None:
    """Large groups of one measure and scope with many values, dated and undated periods,
    qualifiers, wholes and wider scopes, part_of links, quotas, a rejected figure, and a
    figure with two citations: every case of the checks, many times over."""
    import random

    from imena.store.db import Store

    rng = random.Random(38)
    measures = ["examined", "condemned", "sentenced_to_death", "quota", "arrested"]
    periods = [(None, None), (None, None), ("1938-01-01", "1938-03-31"), ("1938-04-01", None),
               ("1938-02-01", "1938-09-30"), (None, "1938-11-15")]  # fmt: skip
    quals = ["exact", "exact", "about", "almost", "over", "up to", "at least"]
    operations, bodies = ["kulak"] * 4 + ["national"], ["troika"] * 4 + [None]
    with Store(str(db)) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO sources (id, title, kind, sha256, format, size, ingested_at) "
            "VALUES ('t', 'test figures', 'synthetic', 't', 'none', 0, '1970-01-01')"
        )
        ids = []
        for i in range(600):
            fid = f"t:{rng.randrange(10**6):06d}:{i}"
            p_from, p_to = rng.choice(periods)
            conn.execute(
                "INSERT INTO figures (id, value, value_max, qualifier, measure, what, "
                "scope_operation, scope_body, scope_region, scope_nationality, period_from, "
                "period_to, status, method, part_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (fid, rng.choice([1000, 2000, 5000, 9000, 9500, 20000, rng.randrange(50_000)]),
                 rng.choice([None, None, None, 12000]), rng.choice(quals), rng.choice(measures),
                 "test figure", rng.choice(operations), rng.choice(bodies),
                 rng.choice([None, "Omsk", "omsk", "Kiev"]), rng.choice([None] * 4 + ["Poles"]),
                 p_from, p_to, "rejected" if i % 97 == 0 else "proposed", "test",
                 rng.choice(ids) if ids and rng.random() < 0.2 else None),
            )  # fmt: skip
            ids.append(fid)
            for _ in range(2 if i % 50 == 0 else 1):
                conn.execute(
                    "INSERT INTO citations (claim_kind, claim_id, source_id, quote, notes) "
                    "VALUES ('figure', ?, 't', ?, '[\"1\"]')",
                    (fid, f"quote {rng.random()}"),
                )


def _pairwise(figures: list[dict]) -> dict[str, dict]:
    """conflicts_with, compatible_with, violates and counts_beside by the definitions in
    imena.machinery.figures, comparing every pair (the unfiltered answer, all figures)."""
    from imena.machinery.figures import _bounds, _periods_overlap, _show
    from imena.machinery.vocabulary import MEASURE_WITHIN

    def key(f: dict) -> tuple:
        return (f["measure"], *(f["scope"][k] for k in _SCOPE_KEYS))

    def exceeds(part: dict, whole: dict, why: str) -> list[str]:
        if _bounds(part)[0] <= _bounds(whole)[1]:
            return []
        return [f"{_show(part)} {part['measure']} exceeds {_show(whole)} {whole['measure']} "
                f"({why}, {whole['id']})"]  # fmt: skip

    by_id = {f["id"]: f for f in figures}
    out = {}
    for f in figures:
        conflicts = [
            o["id"] for o in figures
            if key(o) == key(f) and (o["value"], o["value_max"]) != (f["value"], f["value_max"])
            and _periods_overlap(f, o)
        ]  # fmt: skip
        lo, hi = _bounds(f)
        compatible = [
            c for c in conflicts if lo <= _bounds(by_id[c])[1] and _bounds(by_id[c])[0] <= hi
        ]
        violates = (
            exceeds(f, by_id[f["part_of"]], "of which it is a part")
            if f["part_of"] in by_id
            else []
        )
        scope = tuple(f["scope"][k] for k in _SCOPE_KEYS)
        for part_m, whole_m in MEASURE_WITHIN:
            if f["measure"] == part_m:
                for o in figures:
                    if key(o) == (whole_m, *scope) and _periods_overlap(f, o):
                        violates += exceeds(f, o, f"{whole_m} of the same scope")
        for k in ("nationality", "region"):
            if f["scope"][k] is not None:
                wider = (f["measure"], *(None if s == k else f["scope"][s] for s in _SCOPE_KEYS))
                for o in figures:
                    if key(o) == wider and _periods_overlap(f, o):
                        violates += exceeds(f, o, f"the same figure without {k}")
        out[f["id"]] = {"conflicts_with": conflicts, "compatible_with": compatible,
                        "violates": violates}  # fmt: skip
        if f["measure"] == "quota" and f["scope"]["region"] is not None:
            op = f["scope"]["operation"]
            out[f["id"]]["counts_beside"] = [
                o["id"] for o in figures
                if o["measure"] in ("arrested", "condemned", "sentenced_to_death", "shot",
                                    "sentenced_to_camp")
                and o["scope"]["region"] == f["scope"]["region"]
                and (op is None or o["scope"]["operation"] in (None, op))
            ]  # fmt: skip
    return out


def test_reconciliation_agrees_with_the_pairwise_definition(tmp_path: Path, make_db) -> None:
    from imena.machinery.figures import FigureFilter, reconcile_figures
    from imena.store.db import Store

    db = make_db(tmp_path)
    _planted_figures(db)
    with Store(str(db)) as store:
        everything = reconcile_figures(store)
        expected = _pairwise(everything)
        assert [f["id"] for f in everything] == sorted(f["id"] for f in everything)
        assert max(len(f["conflicts_with"]) for f in everything) > 15
        assert sum(bool(f["violates"]) for f in everything) > 50
        assert sum(bool(f.get("counts_beside")) for f in everything) > 10
        for fig in everything:
            for field in ("conflicts_with", "compatible_with", "violates", "counts_beside"):
                assert fig.get(field) == expected[fig["id"]].get(field), (fig["id"], field)
        two = [f for f in everything if len(f["citations"]) == 2]
        assert two and all(f["citations"][0]["quote"] < "quote 2" for f in two)
        quotes = {
            (r["claim_id"], r["quote"])
            for r in store.query("SELECT claim_id, quote FROM citations ORDER BY id")
        }
        assert all((f["id"], c["quote"]) in quotes for f in two for c in f["citations"])
        # A filtered answer says of each figure what the whole answer says of it.
        whole = {f["id"]: f for f in everything}
        for flt in (
            FigureFilter(measure="condemned"),
            FigureFilter(measure="sentenced_to_death"),
            FigureFilter(measure="Examined"),
            FigureFilter(region="omsk"),
            FigureFilter(measure="condemned", region="Kiev"),
            FigureFilter(operation="kulak", body="troika"),
        ):
            found = reconcile_figures(store, flt)
            assert found, flt
            for fig in found:
                for field in ("conflicts_with", "compatible_with", "violates"):
                    assert fig[field] == whole[fig["id"]][field], (flt, fig["id"], field)
