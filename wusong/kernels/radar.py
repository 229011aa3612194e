"""Charts as inline SVG, drawn on the server: a radar of several axes, a history line and
a horizontal bar count. Pure Python (no Django), deterministic output (coordinates to one
decimal), so the same string goes into a page or a PDF and tests can compare it.

Every function returns a complete `<svg>` element with a `<title>` and a text fallback
(`<desc>`), so a screen reader or a PDF text extractor still reads the numbers. Text is
XML-escaped; colours come from CSS classes with inline defaults, so the chart renders
the same with no stylesheet at all (a PDF) and can be themed in a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

Number = int | float | Decimal

PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910")


class ChartError(ValueError):
    """The data cannot be drawn as asked (too few axes, a value off the scale…)."""


@dataclass(frozen=True)
class Series:
    """One polygon on the radar: a label for the legend and one value per axis (None:
    not assessed, drawn at the centre and named in the description)."""

    label: str
    values: Sequence[Number | None]
    dashed: bool = False
    colour: str | None = None


def _f(x: float) -> str:
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _attr(text: str) -> str:
    return escape(str(text), {'"': "&quot;"})


def _fmt(value: Number | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return f"{value:g}"


def _check(value: Number | None, scale_max: Number, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        raise ChartError(f"{what} is not a finite number")
    if value < 0 or value > scale_max:
        raise ChartError(f"{what} = {value} is outside 0–{scale_max}")
    return float(value)


def radar_svg(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    scale_max: Number = 100,
    rings: int = 5,
    size: int = 360,
    label_room: int = 48,
    title: str = "",
) -> str:
    """A radar (spider) chart: one spoke per axis, starting at the top and going clockwise;
    each series a closed polygon, the first solid and filled, later ones outlined (dashed
    if asked). Values run from 0 at the centre to `scale_max` at the rim. The plot is
    `size` square, with `label_room` more on each side for the labels of side spokes."""
    if len(axes) < 3:
        raise ChartError("a radar needs at least three axes")
    if scale_max <= 0:
        raise ChartError("scale_max must be positive")
    if rings < 1:
        raise ChartError("rings must be at least one")
    checked = []
    for s in series:
        if len(s.values) != len(axes):
            raise ChartError(f"series {s.label!r} has {len(s.values)} values for {len(axes)} axes")
        checked.append(
            [_check(v, scale_max, f"{s.label!r} on {axes[i]!r}") for i, v in enumerate(s.values)]
        )

    legend_h = 22 * len(series)
    width, height = size + 2 * label_room, size + legend_h
    cx, cy = width / 2, size / 2
    radius = size / 2 - 58
    n = len(axes)
    top = float(scale_max)

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title or 'Radar')}</title>",
    ]
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{a} {_fmt(v)}" for a, v in zip(axes, s.values, strict=True))
        for s in series
    )
    out.append(f"<desc>{escape(desc)}</desc>")
    for r in range(1, rings + 1):
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, r / rings) for i in range(n)))
        out.append(
            f'<polygon class="grid" points="{pts}" fill="none" stroke="#c8ccd2" stroke-width="1"/>'
        )
    for i, label in enumerate(axes):
        x, y = point(i, 1)
        out.append(
            f'<line class="spoke" x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" '
            f'stroke="#c8ccd2" stroke-width="1"/>'
        )
        lx, ly = point(i, 1 + 30 / radius)
        anchor = "middle" if abs(lx - cx) < 1 else ("start" if lx > cx else "end")
        out.append(
            f'<text class="axis" x="{_f(lx)}" y="{_f(ly + 4)}" text-anchor="{anchor}" '
            f'fill="#333">{escape(label)}</text>'
        )
    for r in range(1, rings + 1):
        _x, y = point(0, r / rings)
        out.append(
            f'<text class="tick" x="{_f(cx + 3)}" y="{_f(y - 2)}" fill="#888" font-size="9">'
            f"{_fmt((Decimal(str(scale_max)) * r / rings).quantize(Decimal('0.1')))}</text>"
        )
    for k, (s, values) in enumerate(zip(series, checked, strict=True)):
        colour = s.colour or PALETTE[k % len(PALETTE)]
        pts = " ".join(
            f"{_f(x)},{_f(y)}"
            for x, y in (point(i, (v or 0.0) / top) for i, v in enumerate(values))
        )
        fill = f'fill="{colour}" fill-opacity="0.18"' if k == 0 else 'fill="none"'
        dash = ' stroke-dasharray="5 4"' if s.dashed else ""
        out.append(
            f'<polygon class="series series-{k}" points="{pts}" {fill} stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
        )
        for i, v in enumerate(values):
            if v is None:
                continue
            x, y = point(i, v / top)
            out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{colour}"/>')
        ly = size + 22 * k + 6
        out.append(
            f'<line x1="20" y1="{_f(ly)}" x2="44" y2="{_f(ly)}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            f'<text class="legend" x="50" y="{_f(ly + 4)}" fill="#333">{escape(s.label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _spaced_labels(labels: Sequence[str], plot_w: float, char_w: float = 6.0) -> set[int]:
    """Which of the x-axis labels fit without overlapping: every k-th one from the first,
    and the last, which keeps its place over a neighbour too close to it."""
    n = len(labels)
    if n <= 1:
        return set(range(n))
    need = max(len(label) for label in labels) * char_w + 6
    step = max(1, math.ceil(need / (plot_w / (n - 1))))
    shown = set(range(0, n, step))
    if n - 1 not in shown:
        shown.discard(max(shown))  # too close to the last
        shown.add(n - 1)
    return shown


def history_svg(
    points: Sequence[tuple[str, Number | None]],
    *,
    scale_max: Number = 100,
    threshold: Number | None = None,
    width: int = 320,
    height: int = 120,
    title: str = "",
) -> str:
    """A line of one measure over time: `points` are (label, value) oldest first; a None
    value breaks the line. A dashed horizontal line marks `threshold` when given."""
    if scale_max <= 0:
        raise ChartError("scale_max must be positive")
    values = [_check(v, scale_max, f"value at {label!r}") for label, v in points]
    if threshold is not None:
        _check(threshold, scale_max, "threshold")
    left, right, top_pad, bottom = 30, 22, 10, 24
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = float(scale_max)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w / 2 if len(points) == 1 else plot_w * i / (len(points) - 1))
        return x, top_pad + plot_h * (1 - v / top)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart history" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="10">',
        f"<title>{escape(title or 'History')}</title>",
        "<desc>" + escape(", ".join(f"{label} {_fmt(v)}" for label, v in points)) + "</desc>",
        f'<line x1="{left}" y1="{_f(top_pad + plot_h)}" x2="{width - right}" '
        f'y2="{_f(top_pad + plot_h)}" stroke="#c8ccd2"/>',
        f'<text x="{left - 4}" y="{_f(top_pad + 4)}" text-anchor="end" fill="#888">'
        f"{_fmt(scale_max)}</text>",
        f'<text x="{left - 4}" y="{_f(top_pad + plot_h)}" text-anchor="end" fill="#888">0</text>',
    ]
    if threshold is not None:
        _x, y = xy(0, float(threshold))
        out.append(
            f'<line class="threshold" x1="{left}" y1="{_f(y)}" x2="{width - right}" y2="{_f(y)}" '
            f'stroke="#c0392b" stroke-dasharray="4 3"/>'
        )
    run: list[str] = []
    runs: list[list[str]] = []
    for i, v in enumerate(values):
        if v is None:
            if run:
                runs.append(run)
            run = []
            continue
        x, y = xy(i, v)
        run.append(f"{_f(x)},{_f(y)}")
    if run:
        runs.append(run)
    for r in runs:
        if len(r) > 1:
            out.append(
                f'<polyline points="{" ".join(r)}" fill="none" stroke="{PALETTE[0]}" '
                f'stroke-width="2"/>'
            )
    shown = _spaced_labels([label for label, _v in points], plot_w)
    for i, ((label, raw), v) in enumerate(zip(points, values, strict=True)):
        x, _y = xy(i, 0)
        if i in shown:
            out.append(
                f'<text x="{_f(x)}" y="{height - 6}" text-anchor="middle" fill="#555">'
                f"{escape(label)}</text>"
            )
        if v is not None:
            x, y = xy(i, v)
            out.append(
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{PALETTE[0]}">'
                f"<title>{escape(label)}: {escape(_fmt(raw))}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


def bars_svg(
    items: Sequence[tuple[str, int]], *, width: int = 360, bar_height: int = 22, title: str = ""
) -> str:
    """Horizontal bars of counts, in the order given, each labelled with its count."""
    if any(count < 0 for _label, count in items):
        raise ChartError("counts cannot be negative")
    biggest = max((c for _l, c in items), default=0) or 1
    label_w, pad = 110, 4
    height = max(bar_height, bar_height * len(items)) + pad * 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title or 'Counts')}</title>",
        "<desc>" + escape(", ".join(f"{label} {count}" for label, count in items)) + "</desc>",
    ]
    span = width - label_w - 40
    for i, (label, count) in enumerate(items):
        y = pad + i * bar_height
        w = span * count / biggest
        out.append(
            f'<text x="{label_w - 6}" y="{_f(y + bar_height * 0.65)}" text-anchor="end" '
            f'fill="#333">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{_f(y + 3)}" width="{_f(w)}" height="{bar_height - 6}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{_f(label_w + w + 4)}" y="{_f(y + bar_height * 0.65)}" fill="#333">'
            f"{count}</text>"
        )
    out.append("</svg>")
    return "".join(out)
