"""Extraction stays near-linear on hostile shapes: one endless sentence of names or pronouns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from imena.api import ingest

SHAPES = {
    "surnames": "Ezhov ",
    "initials": "Ia. A. ",
    "pronouns": "Ezhov said he ",
    "dates": "on 1 May 1938 ",
    "figures": "1,000 people were shot and ",
}


def _seconds(tmp: Path, name: str, text: str) -> float:
    source = tmp / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    ingest([source], tmp / f"{name}.db")
    return time.perf_counter() - start


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_the_input_at_most_about_doubles_the_time(tmp_path: Path, shape: str) -> None:
    unit = SHAPES[shape]
    _seconds(tmp_path, "warm", "Ezhov was arrested on 10 April 1939.")  # loads the model
    small = _seconds(tmp_path, "small", unit * (6_000 // len(unit)))
    large = _seconds(tmp_path, "large", unit * (24_000 // len(unit)))
    # Four times the text: linear work takes about four times as long, quadratic sixteen.
    assert large < 8 * small + 1.0, (shape, small, large)
