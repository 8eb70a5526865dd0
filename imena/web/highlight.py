"""A passage as safe HTML: emphasis restored, footnote markers shown, entities linked.

Every piece of source text goes through ``markupsafe.escape``; only the tags written here
are ever emitted, so a source containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

#: Inline styles of ``passages.markup`` and the tags that show them.
STYLE_TAGS = {"emphasis": "em", "strong": "strong"}


@dataclass(frozen=True)
class Span:
    """An entity met in the text: a person, a date or a figure, linked to its page."""

    start: int
    end: int
    href: str
    kind: str  # person | date | figure: also the CSS class that colours it
    title: str = ""


def choose_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Non-overlapping spans, earliest first, the longer one winning at the same start."""
    chosen: list[Span] = []
    end = 0
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= end and 0 <= span.start < span.end <= length:
            chosen.append(span)
            end = span.end
    return chosen


def render_passage(
    text: str,
    *,
    markup: Iterable[tuple[int, int, str]] = (),
    markers: Iterable[dict] = (),
    spans: Iterable[Span] = (),
    note_anchor: dict[str, str] | None = None,
) -> Markup:
    """The passage's text as HTML with styles, footnote markers and entity links."""
    styles = [(s, e, STYLE_TAGS[k]) for s, e, k in markup if k in STYLE_TAGS and s < e]
    marks: dict[int, list[dict]] = defaultdict(list)
    for marker in markers:
        marks[min(max(marker["offset"], 0), len(text))].append(marker)
    chosen = choose_spans(spans, len(text))
    cuts = {0, len(text)} | set(marks)
    for s, e, _ in styles:
        cuts |= {s, e}
    for span in chosen:
        cuts |= {span.start, span.end}
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    anchors = note_anchor or {}

    def plain(lo: int, hi: int) -> list[str]:
        out: list[str] = []
        for a, b in pairwise(ordered):
            if a < lo or b > hi:
                continue
            if a in marks and a != len(text):
                out.extend(_marker(m, anchors) for m in marks.pop(a))
            piece = str(escape(text[a:b]))
            for s, e, tag in styles:
                if s <= a and b <= e:
                    piece = f"<{tag}>{piece}</{tag}>"
            out.append(piece)
        return out

    html: list[str] = []
    pos = 0
    for span in chosen:
        html.extend(plain(pos, span.start))
        title = f' title="{escape(span.title)}"' if span.title else ""
        html.append(f'<a class="hl {span.kind}" href="{escape(span.href)}"{title}>')
        html.extend(plain(span.start, span.end))
        html.append("</a>")
        pos = span.end
    html.extend(plain(pos, len(text)))
    for offset in sorted(marks):
        html.extend(_marker(m, anchors) for m in marks[offset])
    return Markup("".join(html))


def _marker(marker: dict, anchors: dict[str, str]) -> str:
    label = escape(marker["label"])
    note = marker.get("note")
    if note and note in anchors:
        return (
            f'<sup class="fn"><a href="#{escape(anchors[note])}" '
            f'aria-label="note {label}">{label}</a></sup>'
        )
    return f'<sup class="fn" title="note {label}">{label}</sup>'


def word_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for many name forms, longest first, matching whole words only."""
    unique = sorted({f for f in forms if len(f) > 1}, key=len, reverse=True)
    if not unique:
        return None
    # Books mix straight and curly apostrophes (Bel'skii, Bel’skii): either matches either.
    alternatives = "|".join(re.sub(r"['’]", "['’]", re.escape(f)) for f in unique)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def number_forms(value: int) -> list[str]:
    """How a figure's value may be written: '108,000', '108 000', '108000'."""
    plain = str(value)
    grouped = f"{value:,}"
    return list(
        dict.fromkeys([grouped, grouped.replace(",", " "), grouped.replace(",", "."), plain])
    )
