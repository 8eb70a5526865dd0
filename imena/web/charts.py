"""Charts drawn on the server as SVG: timelines, Gantt bars, counts by month, flows of cases.

No JavaScript and no front-end library: the SVG is part of the page, works offline, prints,
and every mark is a link with a text equivalent next to the chart for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from imena.web.dates import MONTHS, day_text

WIDTH = 760
LEFT = 14
RIGHT = 14


@dataclass(frozen=True)
class Bar:
    """One row of a Gantt chart: an office held from ``start`` to ``end`` (None: unknown)."""

    label: str
    start: date | None
    end: date | None
    href: str
    unreviewed: bool = False


@dataclass(frozen=True)
class Mark:
    """One dated item on a timeline; ``end`` differs from ``start`` for imprecise dates."""

    start: date
    end: date
    label: str
    href: str
    group: str = ""
    unreviewed: bool = False


@dataclass(frozen=True)
class Stage:
    """One stage of a flow of cases (arrested → examined → condemned → shot)."""

    label: str
    value: int
    href: str = ""
    note: str = ""


class Axis:
    """Days mapped onto x, padded out to whole months."""

    def __init__(self, lo: date, hi: date, width: int = WIDTH):
        self.lo = lo.replace(day=1)
        nxt = (hi.replace(day=28) + timedelta(days=4)).replace(day=1)
        self.hi = nxt if nxt > self.lo else self.lo + timedelta(days=31)
        self.width = width
        self.span = (self.hi - self.lo).days

    def x(self, d: date) -> float:
        d = min(max(d, self.lo), self.hi)
        return LEFT + (self.width - LEFT - RIGHT) * (d - self.lo).days / self.span

    def ticks(self, y: float, height: float) -> str:
        """Year lines with labels; month ticks when there is room for them."""
        out = []
        months = (self.hi.year - self.lo.year) * 12 + self.hi.month - self.lo.month
        step = 1 if months <= 30 else (3 if months <= 72 else 12)
        year, month = self.lo.year, self.lo.month
        while date(year, month, 1) <= self.hi:
            d = date(year, month, 1)
            x = self.x(d)
            if month == 1 or d == self.lo:
                out.append(
                    f'<line class="tick-year" x1="{x:.1f}" x2="{x:.1f}" y1="{y - 4}" '
                    f'y2="{y + height}"/><text class="axis" x="{x + 3:.1f}" y="{y - 6}">'
                    f"{year}</text>"
                )
            elif (month - 1) % step == 0:
                out.append(
                    f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + height}"/>'
                )
                if step == 1:
                    # Three letters while they fit, initials up to two and a half years.
                    name = MONTHS[month - 1][: 3 if months <= 18 else 1]
                    out.append(
                        f'<text class="axis-minor" x="{x + 2:.1f}" y="{y - 6}">{name}</text>'
                    )
            month += 1
            if month == 13:
                year, month = year + 1, 1
        return "".join(out)


def _svg(height: float, title: str, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def gantt(bars: list[Bar], title: str, until: date | None = None) -> Markup:
    """Offices held as bars on a time axis.

    A term whose end the source does not give is drawn faint and dashed up to ``until``
    (the last date of the page's other items) instead of guessing an end.
    """
    known = [d for b in bars for d in (b.start, b.end) if d]
    if not known:
        return Markup("")
    last = max([*known, *([until] if until else [])])
    if any(b.end is None for b in bars) and last == max(known):
        last = last + timedelta(days=180)
    axis = Axis(min(known), last)
    row = 36
    top = 24
    body = [axis.ticks(top, row * len(bars))]
    for i, bar in enumerate(bars):
        y = top + i * row
        x1 = axis.x(bar.start) if bar.start else LEFT
        x2 = axis.x(bar.end) if bar.end else axis.x(axis.hi)
        cls = "bar"
        if bar.end is None or bar.start is None:
            cls += " open"
        if bar.unreviewed:
            cls += " unreviewed"
        when = (
            f"{day_text(bar.start) if bar.start else 'start not given'} – "
            f"{day_text(bar.end) if bar.end else 'end not given'}"
        )
        body.append(
            f'<a href="{escape(bar.href)}"><title>{escape(bar.label)}: {escape(when)}</title>'
            f'<text class="bar-label" x="{LEFT}" y="{y + 13}">{escape(bar.label)}</text>'
            f'<rect class="{cls}" x="{x1:.1f}" y="{y + 18}" width="{max(x2 - x1, 5):.1f}" '
            f'height="12" rx="3"/></a>'
        )
        if bar.start and bar.end is None:
            body.append(
                f'<rect class="bar" x="{x1:.1f}" y="{y + 18}" width="5" height="12" rx="2"/>'
            )
    return _svg(top + row * len(bars) + 6, title, "".join(body))


def timeline(marks: list[Mark], title: str) -> Markup:
    """Dated items as dots (or short bars for imprecise dates) in lanes that do not overlap."""
    if not marks:
        return Markup("")
    axis = Axis(min(m.start for m in marks), max(m.end for m in marks))
    lanes: list[float] = []
    placed = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        x1, x2 = axis.x(mark.start), axis.x(mark.end)
        for lane, last in enumerate(lanes):
            if x1 > last + 12:
                lanes[lane] = max(x2, x1)
                break
        else:
            lane = len(lanes)
            lanes.append(max(x2, x1))
        placed.append((lane, x1, x2, mark))
    top = 26
    lane_h = 16
    height = top + lane_h * max(len(lanes), 1) + 10
    body = [axis.ticks(top, height - top - 4)]
    for lane, x1, x2, mark in placed:
        y = top + 8 + lane * lane_h
        cls = f"mark {escape(mark.group)}" + (" unreviewed" if mark.unreviewed else "")
        shape = (
            f'<circle class="{cls}" cx="{x1:.1f}" cy="{y}" r="5"/>'
            if x2 - x1 < 6
            else f'<rect class="{cls}" x="{x1:.1f}" y="{y - 5}" width="{x2 - x1:.1f}" '
            f'height="10" rx="5"/>'
        )
        body.append(f'<a href="{escape(mark.href)}"><title>{escape(mark.label)}</title>{shape}</a>')
    return _svg(height, title, "".join(body))


def month_counts(counts: dict[str, int], title: str, href: str = "") -> Markup:
    """Bars of how many items fall in each month ('1937-07' → n), gaps shown as empty months."""
    if not counts:
        return Markup("")
    keys = sorted(counts)
    lo = date(int(keys[0][:4]), int(keys[0][5:7]), 1)
    hi = date(int(keys[-1][:4]), int(keys[-1][5:7]), 1)
    months = []
    d = lo
    while d <= hi:
        months.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    top, chart_h = 18, 120
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    peak = max(counts.values())
    body = []
    for i, month in enumerate(months):
        key = f"{month.year:04d}-{month.month:02d}"
        n = counts.get(key, 0)
        h = chart_h * n / peak if peak else 0
        x = LEFT + i * slot
        label = f"{MONTHS[month.month - 1]} {month.year}: {n}"
        link = f"{href}{key}" if href else f"#m{key}"
        if n:
            body.append(
                f'<a href="{escape(link)}"><title>{escape(label)}</title>'
                f'<rect class="count" x="{x + 1:.1f}" y="{top + chart_h - h:.1f}" '
                f'width="{max(slot - 2, 1):.1f}" height="{h:.1f}"/></a>'
            )
        # Every month named where there is room, else every third (Jan, Apr, Jul, Oct),
        # by its initial when even that is narrow.
        quarter = (month.month - 1) % 3 == 0
        name = MONTHS[month.month - 1]
        shown = (
            name[:3]
            if slot >= 24 or (slot >= 8 and quarter)
            else name[0]
            if (slot >= 3.5 and quarter)
            else ""
        )
        if shown:
            body.append(
                f'<text class="axis" x="{x + slot / 2:.1f}" y="{top + chart_h + 14}" '
                f'text-anchor="middle"><title>{name} {month.year}</title>{shown}</text>'
            )
        if month.month == 1 or i == 0:
            body.append(
                f'<line class="tick-year" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" '
                f'y2="{top + chart_h + 20}"/><text class="axis" x="{x + 2:.1f}" '
                f'y="{top + chart_h + 30}">{month.year}</text>'
            )
    body.append(
        f'<text class="axis" x="{WIDTH - RIGHT}" y="{top - 4}" text-anchor="end">max {peak}</text>'
    )
    return _svg(top + chart_h + 38, title, "".join(body))


def flow(stages: list[Stage], title: str) -> Markup:
    """A flow of cases as bars proportional to the numbers, each stage feeding the next."""
    if not stages:
        return Markup("")
    peak = max(s.value for s in stages) or 1
    row = 46
    body = []
    usable = WIDTH - LEFT - RIGHT - 170
    for i, stage in enumerate(stages):
        y = 10 + i * row
        w = max(usable * stage.value / peak, 3)
        label = f"{stage.value:,} {stage.label}"
        group = (
            f'<text class="bar-label" x="{LEFT}" y="{y + 12}">{escape(label)}</text>'
            f'<rect class="flow" x="{LEFT}" y="{y + 17}" width="{w:.1f}" height="16" rx="2"/>'
        )
        if stage.note:
            x = LEFT + w + 8
            group += f'<text class="axis" x="{x:.1f}" y="{y + 30}">{escape(stage.note)}</text>'
        body.append(f'<a href="{escape(stage.href)}">{group}</a>' if stage.href else group)
        if i + 1 < len(stages):
            body.append(
                f'<path class="flow-arrow" d="M{LEFT + 8} {y + 34} v10 l-4 -4 m4 4 l4 -4"/>'
            )
    return _svg(20 + row * len(stages), title, "".join(body))


@dataclass(frozen=True)
class Stack:
    """One bar split into parts (people per sentence category, for instance).

    ``start`` and ``end`` place it on a time axis (``dated_stacks``); ``lang`` is the
    language of the label when it is not English (a Russian region name is ``"ru"``).
    """

    label: str
    values: tuple[int, ...]
    href: str = ""
    start: date | None = None
    end: date | None = None
    lang: str = ""


def _parts(x: float, y_base: float, width: float, values: tuple[int, ...], scale: float) -> str:
    """Rectangles of one vertical stack, the first part at the bottom."""
    out = []
    y = y_base
    for i, value in enumerate(values):
        h = value * scale
        if h <= 0:
            continue
        y -= h
        out.append(
            f'<rect class="part part-{i}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{h:.1f}"/>'
        )
    return "".join(out)


def _linked(stack: Stack, tooltip: str, shapes: str) -> str:
    title = f"<title>{escape(tooltip)}</title>"
    if stack.href:
        return f'<a href="{escape(stack.href)}">{title}{shapes}</a>'
    return f"<g>{title}{shapes}</g>"


def _tooltip(stack: Stack, names: tuple[str, ...]) -> str:
    parts = ", ".join(f"{names[i]}: {v:,}" for i, v in enumerate(stack.values) if v)
    return f"{stack.label}: {parts or 'none'}"


def dated_stacks(stacks: list[Stack], names: tuple[str, ...], title: str) -> Markup:
    """Stacked bars on a time axis, one per dated item, as tall as its total.

    An item dated only to a month spans the month (drawn faint), so it is not mistaken
    for a decision of its first day.
    """
    dated = [s for s in stacks if s.start]
    if not dated:
        return Markup("")
    axis = Axis(min(s.start for s in dated), max(s.end or s.start for s in dated))  # type: ignore[type-var]
    top, chart_h = 44, 150
    peak = max(sum(s.values) for s in dated) or 1
    scale = chart_h / peak
    body = [axis.ticks(top, chart_h + 4)]
    for s in sorted(dated, key=lambda s: (s.start, -sum(s.values))):  # type: ignore[arg-type,return-value]
        x1 = axis.x(s.start)  # type: ignore[arg-type]
        x2 = axis.x(s.end or s.start)  # type: ignore[arg-type]
        width = max(x2 - x1, 3.0)
        shapes = _parts(x1, top + chart_h, width, s.values, scale)
        if x2 - x1 > 6:
            shapes = f'<g class="imprecise">{shapes}</g>'
        body.append(_linked(s, _tooltip(s, names), shapes))
    body.append(
        f'<line class="baseline" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{top + chart_h}" '
        f'y2="{top + chart_h}"/><text class="axis" x="{WIDTH - RIGHT}" y="14" '
        f'text-anchor="end">highest {peak:,}</text>'
    )
    return _svg(top + chart_h + 8, title, "".join(body))


def month_stacks(stacks: list[Stack], names: tuple[str, ...], title: str) -> Markup:
    """Stacked bars per month (``label`` 'YYYY-MM'), the months between shown empty."""
    counted = sorted((s for s in stacks if sum(s.values)), key=lambda s: s.label)
    if not counted:
        return Markup("")
    by_month = {s.label: s for s in counted}
    lo = date(int(counted[0].label[:4]), int(counted[0].label[5:7]), 1)
    hi = date(int(counted[-1].label[:4]), int(counted[-1].label[5:7]), 1)
    months = []
    d = lo
    while d <= hi:
        months.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    top, chart_h = 18, 140
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    peak = max(sum(s.values) for s in counted)
    body = []
    for i, month in enumerate(months):
        x = LEFT + i * slot
        stack = by_month.get(f"{month.year:04d}-{month.month:02d}")
        if stack is not None:
            named = Stack(f"{MONTHS[month.month - 1]} {month.year}", stack.values, stack.href)
            shapes = _parts(x + 1, top + chart_h, max(slot - 2, 1), stack.values, chart_h / peak)
            body.append(_linked(named, _tooltip(named, names), shapes))
        if month.month == 1 or i == 0:
            # A chart starting in February says so, not just "1937".
            year = f"{MONTHS[month.month - 1][:3]} {month.year}" if month.month > 1 else month.year
            body.append(
                f'<line class="tick-year" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" '
                f'y2="{top + chart_h + 4}"/><text class="axis" x="{x + 2:.1f}" '
                f'y="{top + chart_h + 18}">{year}</text>'
            )
        elif len(months) <= 30:
            body.append(
                f'<text class="axis-minor" x="{x + slot / 2:.1f}" y="{top + chart_h + 14}" '
                f'text-anchor="middle">{MONTHS[month.month - 1][:1]}</text>'
            )
    body.append(
        f'<text class="axis" x="{WIDTH - RIGHT}" y="{top - 4}" text-anchor="end">'
        f"highest {peak:,}</text>"
    )
    return _svg(top + chart_h + 26, title, "".join(body))


def row_stacks(stacks: list[Stack], names: tuple[str, ...], title: str) -> Markup:
    """Horizontal stacked bars, one labelled row each, the total written after the bar."""
    if not stacks:
        return Markup("")
    label_w, row = 230, 22
    usable = WIDTH - LEFT - RIGHT - label_w - 70
    peak = max(sum(s.values) for s in stacks) or 1
    body = []
    for i, s in enumerate(stacks):
        y = 6 + i * row
        lang = f' lang="{escape(s.lang)}"' if s.lang else ""
        label = s.label if len(s.label) <= 32 else s.label[:31] + "…"
        shapes = [
            f'<text class="bar-label" x="{LEFT + label_w - 8}" y="{y + 14}" '
            f'text-anchor="end"{lang}>{escape(label)}</text>'
        ]
        x = LEFT + label_w
        for k, value in enumerate(s.values):
            w = usable * value / peak
            if w <= 0:
                continue
            shapes.append(
                f'<rect class="part part-{k}" x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" '
                f'height="{row - 7}"/>'
            )
            x += w
        shapes.append(f'<text class="axis" x="{x + 6:.1f}" y="{y + 14}">{sum(s.values):,}</text>')
        body.append(_linked(s, _tooltip(s, names), "".join(shapes)))
    return _svg(12 + row * len(stacks), title, "".join(body))
