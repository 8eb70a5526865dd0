"""Extraction quality on texts by other authors: recall and precision per text, against gold.

    python benchmarks/extract_quality.py [--corpus DIR ...] [--show-misses] [--show-extra]

Each text ``NAME.txt`` of a corpus folder has ``NAME.gold.json`` beside it, annotated by
reading before the extractor ever ran on it (see ``tests/corpus/README.md``): dated
events (type, who, ISO date prefix, quote), figures (value, what, quote), persons and
names that are not persons.  Folders: ``tests/corpus/en`` (texts whose licence lets us
commit them) and every folder in ``$IMENA_CORPUS`` (``:``-separated; texts we may only
read).  Printed per text:

- events: gold dated events found (same type, the date starting with the gold date, the
  participant named) / gold; extracted dated events that match a gold event / extracted
  dated events ("matched precision": a lower bound — an unmatched event may still be
  right, which ``--show-extra`` lists for counting by hand);
- figures: gold figures found (same value) / gold, and matched precision likewise;
- persons: extracted persons that the annotation lists as not persons (countries,
  peoples, movements, organisations).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imena.api import export_jsonl, ingest  # noqa: E402


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("’", "'")


def _names(event: dict) -> list[str]:
    return [_fold(p["name"] or "") for p in event["participants"]]


def _who_matches(who: str, event: dict) -> bool:
    words = _fold(who).replace("the ", "").split()
    if not words:
        return False
    last = words[-1]
    return any(last in name or (name and name in _fold(who)) for name in _names(event))


def event_matches(gold: dict, event: dict) -> bool:
    date = (event["date"] or {}).get("from") or ""
    return (
        event["type"] == gold["type"]
        and bool(date)
        and date.startswith(gold["date"])
        and _who_matches(gold["who"], event)
    )


def figure_matches(gold: dict, figure: dict) -> bool:
    return figure["value"] == gold["value"] and (
        gold.get("value_max") is None or figure.get("value_max") == gold["value_max"]
    )


def evaluate(text: Path, gold: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "eval.db"
        list(ingest([text], db))
        objects = [json.loads(line) for line in export_jsonl(db)]
    events = [o for o in objects if o["kind"] == "event" and (o["date"] or {}).get("from")]
    figures = [o for o in objects if o["kind"] == "figure"]
    persons = [o for o in objects if o["kind"] == "person"]
    gold_events = gold.get("events", [])
    gold_figures = gold.get("figures", [])
    found = [g for g in gold_events if any(event_matches(g, e) for e in events)]
    right = [e for e in events if any(event_matches(g, e) for g in gold_events)]
    fig_found = [g for g in gold_figures if any(figure_matches(g, f) for f in figures)]
    fig_right = [f for f in figures if any(figure_matches(g, f) for g in gold_figures)]
    not_persons = {_fold(n) for n in gold.get("non_persons", [])}
    wrong_persons = [
        p["name"]
        for p in persons
        if _fold(p["name"]) in not_persons
        or any(_fold(form) in not_persons for form in p.get("names", []))
    ]
    return {
        "events": (len(found), len(gold_events), len(right), len(events)),
        "figures": (len(fig_found), len(gold_figures), len(fig_right), len(figures)),
        "persons": (len(persons), wrong_persons),
        "missed": [g for g in gold_events if g not in found],
        "extra": [e for e in events if e not in right],
        "missed_figures": [g for g in gold_figures if g not in fig_found],
        "extra_figures": [f for f in figures if f not in fig_right],
    }


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else f"{a}/0"


def corpus_folders(extra: list[str]) -> list[Path]:
    folders = [ROOT / "tests" / "corpus" / "en", *map(Path, extra)]
    folders += [Path(p) for p in os.environ.get("IMENA_CORPUS", "").split(":") if p]
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-extra", action="store_true")
    args = parser.parse_args()
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    seen: set[str] = set()
    for folder in corpus_folders(args.corpus):
        for gold_path in sorted(folder.glob("*.gold.json")):
            text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
            if not text.exists() or text.stem in seen:
                continue  # a text in two folders is measured once
            seen.add(text.stem)
            result = evaluate(text, json.loads(gold_path.read_text(encoding="utf-8")))
            ef, eg, er, en = result["events"]
            ff, fg, fr, fn = result["figures"]
            count, wrong = result["persons"]
            for i, v in enumerate((ef, eg, er, en, ff, fg, fr, fn)):
                totals[i] += v
            print(f"{text.stem}")
            print(f"  dated events  recall {_ratio(ef, eg)}   matched precision {_ratio(er, en)}")
            print(f"  figures       recall {_ratio(ff, fg)}   matched precision {_ratio(fr, fn)}")
            print(f"  persons       {count}, of them not persons by the annotation: {wrong}")
            if args.show_misses:
                for g in result["missed"]:
                    print(f"    missed {g['type']} {g['who']} {g['date']}: {g['quote'][:90]}")
                for g in result["missed_figures"]:
                    print(f"    missed figure {g['value']} {g['what']}: {g['quote'][:80]}")
            if args.show_extra:
                for e in result["extra"]:
                    who = ", ".join(p["name"] or "?" for p in e["participants"])
                    quote = e["citations"][0]["quote"][:90] if e["citations"] else ""
                    print(f"    extra {e['type']} [{who}] {e['date']['from']}: {quote}")
                for f in result["extra_figures"]:
                    quote = f["citations"][0]["quote"][:80] if f["citations"] else ""
                    print(f"    extra figure {f['value']} {f['what']}: {quote}")
    ef, eg, er, en, ff, fg, fr, fn = totals
    print("all texts")
    print(f"  dated events  recall {_ratio(ef, eg)}   matched precision {_ratio(er, en)}")
    print(f"  figures       recall {_ratio(ff, fg)}   matched precision {_ratio(fr, fn)}")


if __name__ == "__main__":
    main()
