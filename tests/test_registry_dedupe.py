"""Registry deduplication: Splink on DuckDB (and Spark), stable cluster ids, the review queue.

The records come from the synthetic generator of the benchmarks (invented people, each
record labelled SYNTHETIC, with a truth id) and from Memorial's Khabarovsk name variants
in ../shared (read there, skipped when absent).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from imena.registry.clusters import cluster_records, pairwise_scores, stable_cluster_id
from imena.registry.keys import NameKeys, current_key_function
from imena.registry.linkage import (
    LINKAGE_COLUMNS,
    LINKAGE_SCHEMA,
    deletions,
    linkage_rows,
    linkage_table,
    neighbours,
)
from imena.store.db import Store
from tests.conftest import ROOT, SHARED, Database, digest, needs_shared

KHABAROVSK = SHARED / "data" / "memorial" / "khabarovsk-name-variants.csv"


def _synthetic_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic_tsv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,500 synthetic records (about 2,000 invented people) as Memorial's TSV."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.tsv"
    _synthetic_module().write_synthetic(path, 2500, seed=38)
    return path


@pytest.fixture(scope="module")
def deduped(synthetic_tsv: Path, tmp_path_factory: pytest.TempPathFactory, make_db) -> Database:
    """A database of the synthetic records, imported and deduplicated once by the CLI."""
    db = make_db(tmp_path_factory.mktemp("deduped"))
    for args in (("registry", "import", str(synthetic_tsv)), ("registry", "dedupe")):
        subprocess.run([sys.executable, "-m", "imena.cli", "--db", str(db), *args],
                       check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    return db


@pytest.fixture
def imena_deduped(imena, deduped: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The ``imena`` fixture on a copy of the deduplicated database."""
    copy = deduped.copy(tmp_path)

    def run(*args: str, **options):  # type: ignore[no-untyped-def]
        options.setdefault("db_path", copy)
        return imena(*args, **options)

    run.db = copy  # type: ignore[attr-defined]
    return run


def _export(imena) -> list[dict]:  # type: ignore[no-untyped-def]
    out = imena("registry", "export", "--format", "jsonl", check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def _truth(records: list[dict]) -> dict[int, object]:
    return {r["record_id"]: r["raw"]["truth_id"] for r in records}


def test_dedupe_links_synthetic_duplicates(imena_deduped) -> None:  # type: ignore[no-untyped-def]
    imena = imena_deduped
    records = _export(imena)
    assert len(records) == 2500
    assert all(r["cluster_id"] and r["cluster_id"].startswith("c") for r in records)
    predicted = {r["record_id"]: r["cluster_id"] for r in records}
    scores = pairwise_scores(predicted, _truth(records))
    # Measured: precision 0.994, recall 0.943 (733 true pairs).
    assert scores.true_pairs > 650
    assert scores.precision >= 0.98, scores
    assert scores.recall >= 0.92, scores
    # The CSV export carries the same cluster ids (CLI.md: record_id, cluster_id, ...).
    rows = list(csv.DictReader(imena("registry", "export", check=True).stdout.splitlines()))
    assert {int(r["record_id"]): r["cluster_id"] for r in rows} == predicted


def test_cluster_ids_stable_across_runs_and_imports(
    imena, synthetic_tsv: Path, tmp_path: Path
) -> None:
    imena("registry", "import", str(synthetic_tsv), check=True)
    imena("registry", "dedupe", check=True)
    first = {r["record_id"]: r["cluster_id"] for r in _export(imena)}
    # The same records again: the same clusters, the same ids.
    run = imena("registry", "dedupe", check=True)
    assert "2,500 records →" in run.stdout and "pairs to review" in run.stdout
    assert {r["record_id"]: r["cluster_id"] for r in _export(imena)} == first
    # A second registry: the first one's rows again, in another order (another book
    # listing the same people).  Each new record joins the cluster of its original,
    # whose id is kept because the original is older.
    lines = synthetic_tsv.read_text(encoding="utf-8").splitlines(keepends=True)
    second = tmp_path / "another-book.tsv"
    second.write_text(lines[0] + "".join(reversed(lines[1:301])), encoding="utf-8")
    imena("registry", "import", str(second), check=True)
    imena("registry", "dedupe", check=True)
    after = _export(imena)
    old = {r["record_id"]: r["cluster_id"] for r in after if r["registry"] == "synthetic"}
    kept = sum(old[record] == cluster for record, cluster in first.items())
    assert kept >= 0.99 * len(first)
    originals = {r["source_row"]: r["cluster_id"] for r in after if r["registry"] == "synthetic"}
    copies = [r for r in after if r["registry"] == "another-book"]
    assert len(copies) == 300
    # Row n+1 of the copy (reversed) is row 302 - n of the original file: same person.
    joined = sum(originals[302 - r["source_row"] + 1] == r["cluster_id"] for r in copies)
    assert joined >= 0.97 * len(copies)


def test_review_queue_and_decisions_kept(imena_deduped) -> None:  # type: ignore[no-untyped-def]
    imena = imena_deduped
    queue = json.loads(imena("registry", "review", "--json", "--limit", "50", check=True).stdout)
    assert queue["total"] >= 2 and queue["pairs"]
    band = (queue["run"]["review_low"], queue["run"]["review_high"])
    for item in queue["pairs"]:
        assert band[0] <= item["probability"] < band[1]
        assert item["a"]["record_id"] < item["b"]["record_id"]
    text = imena("registry", "review", "--limit", "2", check=True).stdout
    first = queue["pairs"][0]
    assert str(first["a"]["record_id"]) in text and first["a"]["surname"] in text
    assert "pairs to review" in text

    linked = next(p for p in queue["pairs"] if p["linked"])
    apart = next(p for p in queue["pairs"] if not p["linked"])
    a1, b1 = linked["a"]["record_id"], linked["b"]["record_id"]
    a2, b2 = apart["a"]["record_id"], apart["b"]["record_id"]
    done = imena("registry", "review", "--reject", str(a1), str(b1), "--curator", "tester",
                 "--note", "different fathers", check=True)  # fmt: skip
    assert "rejected" in done.stdout
    imena("registry", "review", "--accept", str(b2), str(a2), "--curator", "tester", check=True)

    def clusters() -> dict[int, str]:
        return {r["record_id"]: r["cluster_id"] for r in _export(imena)}

    for rerun in (True, False):  # at once, and again after a new run of the model
        now = clusters()
        assert now[a1] != now[b1]
        assert now[a2] == now[b2]
        if rerun:
            imena("registry", "dedupe", check=True)
    pending = json.loads(
        imena("registry", "review", "--json", "--limit", "1000", check=True).stdout
    )
    decided = {(a1, b1), (a2, b2)}
    assert not decided & {(p["a"]["record_id"], p["b"]["record_id"]) for p in pending["pairs"]}
    assert pending["total"] == queue["total"] - 2
    with Store(str(imena.db), create=False) as store:
        stored = store.conn.execute(
            "SELECT record_a, record_b, decision, curator, note, decided_at FROM dedupe_decisions "
            "ORDER BY decision"
        ).fetchall()
    assert [(s[0], s[1], s[2], s[3], s[4]) for s in stored] == [
        (a2, b2, "accept", "tester", None),
        (a1, b1, "reject", "tester", "different fathers"),
    ]
    assert all(s[5][:4].isdigit() for s in stored)


def test_rejected_pair_never_joined_through_others() -> None:
    links = [(1, 2, 0.99), (2, 3, 0.95), (3, 4, 0.9), (2, 4, 0.85), (5, 6, 0.3)]
    plain = cluster_records(range(1, 8), links, 0.5).representative
    assert plain[4] == plain[1] == 1 and plain[5] != plain[6]
    decided = cluster_records(range(1, 8), links, 0.5, accepted=[(6, 5)], rejected=[(4, 1)])
    rep = decided.representative
    assert rep[1] == rep[2] == rep[3] and rep[4] != rep[1]  # the weakest links gave way
    assert rep[5] == rep[6] == 5 and rep[7] == 7
    assert decided.refused_links == 2
    assert stable_cluster_id("ab" * 32, 7) == stable_cluster_id("ab" * 32, 7)
    # A chain of single links does not grow: 4 links to 3 alone of {1, 2, 3}.
    chain = cluster_records(range(1, 6), [(1, 2, 0.99), (2, 3, 0.9), (3, 4, 0.8)], 0.5)
    assert chain.representative[3] == chain.representative[1] == 1
    assert chain.representative[4] == 4
    assert chain.unsupported_links == 1
    assert stable_cluster_id("ab" * 32, 7) != stable_cluster_id("ab" * 32, 8)


def test_near_surnames_one_slip_apart() -> None:
    """Blocking's neighbours: the Book's own variants are near, short names are not."""
    written = ["Аверкиев", "Аверкеев", "Айзенштейн", "Азенштейн", "Ли", "Лю", "Петров", None]
    records = [(i, surname, "Иван", None, 1900, None, None, None, None)
               for i, surname in enumerate(written, start=1)]  # fmt: skip
    keys = NameKeys(current_key_function()[1])
    rows = {row[0]: dict(zip(LINKAGE_COLUMNS, row, strict=True))
            for row in linkage_rows(records, keys)}  # fmt: skip

    def near(a: int, b: int) -> bool:
        return rows[b]["surname"] in rows[a]["surname_near"]

    assert near(1, 2) and near(2, 1) and near(3, 4) and near(4, 3)
    assert not near(5, 6) and not near(1, 7) and near(7, 7)
    assert rows[8]["surname_near"] is None
    # Symmetric, as blocking needs, and the same relation as sharing a deletion.
    found = neighbours(["ivanov", "ivanova", "ivnov", "ivanvo", "petrov", "li", "lia", "lib"])
    for key, others in found.items():
        for other in others:
            assert key in found[other]
            assert set(deletions(key)) & set(deletions(other))
    assert found["li"] == ["li"] and found["lia"] == ["lia"]
    assert found["ivanov"] == ["ivanov", "ivanova", "ivanvo", "ivnov"]
    # The engines' table holds what the rows hold.
    table = linkage_table(records, keys)
    assert table.schema == LINKAGE_SCHEMA
    assert table.to_pylist() == [rows[i] for i in sorted(rows)]


@pytest.mark.parametrize(
    "args, message",
    [
        (("registry", "dedupe", "--threshold", "1.5"), "probability must be in"),
        (("registry", "dedupe", "--threshold", "0"), "probability must be in"),
        (("registry", "dedupe", "--review-band", "0.9", "0.2"), "low end is above"),
        (("registry", "review", "--accept", "1", "99999"), "no record 99999"),
        (("registry", "review", "--reject", "5", "5"), "two different records"),
        (("registry", "review", "--accept", "1", "2", "--reject", "1", "2"), "not both"),
    ],
)
def test_bad_input_leaves_database_untouched(
    imena, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    _import_few(imena, tmp_path)
    before = digest(imena.db)
    result = imena(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("imena: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(imena.db) == before


def _import_few(imena, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Three records, two of them one person (Лисицын / Лисицин)."""
    source = tmp_path / "few.csv"
    source.write_text(
        "surname,name,patronymic,birth_year\n"
        "Лисицын,Иван,Алексеевич,1901\nЛисицин,Иван,Алексеевич,1901\nОрлов,Петр,,1890\n",
        encoding="utf-8",
    )
    columns = "surname=surname,name=name,patronymic=patronymic,birth_year=birth_year"
    imena("registry", "import", str(source), "--format", "csv", "--map", columns, check=True)


@pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark is not installed")
@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in Java is a shell script")
def test_spark_that_does_not_start_is_one_line(
    imena, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Java that fails at once (no JVM is started: quick): one line, exit 2, db untouched."""
    java = tmp_path / "broken-jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(
        "#!/bin/sh\necho 'Error: Could not create the Java Virtual Machine.' >&2\nexit 1\n"
    )
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(java.parent.parent))
    _import_few(imena, tmp_path)
    before = digest(imena.db)
    result = imena("registry", "dedupe", "--engine", "spark")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("imena: error: Spark did not start:"), result.stderr
    assert "Could not create the Java Virtual Machine" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert digest(imena.db) == before


def test_dedupe_without_records_is_an_error(imena, tmp_path: Path) -> None:
    result = imena("registry", "dedupe")
    said = "no imena database here" if imena.db.is_postgres else "no database here"
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert not imena.db.exists()


def _khabarovsk_records(path: Path, step: int) -> None:
    """Every ``step``-th person with variants and every (10 × step)-th without, as a CSV.

    The file is ordered by name (the Chinese names of the Book come first): a stride
    keeps the mix of the whole file.
    """
    with needs_shared(KHABAROVSK).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    sizes = Counter(r["id"] for r in rows)
    with_variants = [i for i in dict.fromkeys(r["id"] for r in rows) if sizes[i] > 1]
    alone = [i for i in dict.fromkeys(r["id"] for r in rows) if sizes[i] == 1]
    chosen = set(with_variants[::step]) | set(alone[:: 10 * step])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["surname", "name", "patronymic", "book_id"])
        for r in rows:
            if r["id"] in chosen:
                writer.writerow([r["фамилия"], r["имя"], r["отчество"], r["id"]])


def test_khabarovsk_variants_found(imena, tmp_path: Path) -> None:
    """Names only (the file has no years or places): most spellings of a person link.

    The issue's target (recall 0.9 at precision 0.95) is not met by names alone; these
    bounds guard what the model does now (see benchmarks/dedupe.py for the full file).
    """
    source = tmp_path / "khabarovsk.csv"
    _khabarovsk_records(source, 3)
    imena("registry", "import", str(source), "--format", "csv", "--map",
          "surname=surname,name=name,patronymic=patronymic", check=True)  # fmt: skip
    imena("registry", "dedupe", check=True)
    records = _export(imena)
    truth = {r["record_id"]: r["raw"]["book_id"] for r in records}
    scores = pairwise_scores({r["record_id"]: r["cluster_id"] for r in records}, truth)
    assert scores.true_pairs > 450
    assert scores.recall >= 0.3, scores
    assert scores.precision >= 0.85, scores


def _spark_ready() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java is not installed"
    return None


@pytest.mark.skipif(_spark_ready() is not None, reason=str(_spark_ready()))
@pytest.mark.sqlite_only("Spark is a linkage engine: the same records reach it from either store")
def test_spark_runs_the_same_model(imena, tmp_path: Path) -> None:
    path = tmp_path / "small.tsv"
    _synthetic_module().write_synthetic(path, 600, seed=41)
    imena("registry", "import", str(path), check=True)
    imena("registry", "dedupe", check=True)
    duck = {r["record_id"]: r["cluster_id"] for r in _export(imena)}
    run = imena("registry", "dedupe", "--engine", "spark", check=True)
    assert "spark" in run.stdout
    records = _export(imena)
    spark = {r["record_id"]: r["cluster_id"] for r in records}
    # One model on two engines: (nearly) the same clusters, with the same stable ids.
    agreement = pairwise_scores(spark, duck)
    assert agreement.f1 >= 0.95, agreement
    assert sum(spark[r] == duck[r] for r in duck) >= 0.97 * len(duck)
    assert pairwise_scores(spark, _truth(records)).precision >= 0.95


def test_small_registry_without_certain_pairs_dedupes(imena, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Invented records: no two agree on name, patronymic and year, so the prior cannot be
    # estimated from certain pairs; the run must still finish (it used to stop on log2(0)).
    path = tmp_path / "small.csv"
    path.write_text(
        "surname,name,patronymic,birth_year\n"
        "Примеров,Пётр,Ильич,1901\nЗадачин,Иван,Сидорович,1890\n"
        "Задачин,Иван,Сидорович,1891\nОбразцова,Анна,Семёновна,1900\n",
        encoding="utf-8",
    )
    imena("registry", "import", str(path), "--format", "csv",
          "--map", "surname=surname,name=name,patronymic=patronymic,birth_year=birth_year",
          check=True)  # fmt: skip
    run = imena("registry", "dedupe")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("4 records → ")
    queue = json.loads(imena("registry", "review", "--json", check=True).stdout)
    assert queue["run"]["engine"] == "duckdb"
