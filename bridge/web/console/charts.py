"""Small line charts as inline SVG, rendered on the server (no charting library to ship)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

PALETTE = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2")


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k at or above value (an axis top that reads well)."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def line_chart(title: str, days: Sequence[date], series: dict[str, Sequence[float | None]], *, unit: str = "",
               y_max: float | None = None, width: int = 560, height: int = 180) -> str:
    """One line per series over the days; gaps where a value is None. Returns an <svg> element."""
    left, right, top, bottom = 44, 10, 22, 28
    values = [v for line in series.values() for v in line if v is not None]
    top_value = y_max if y_max is not None else nice_ceiling(max(values) if values else 1.0)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (len(days) - 1) if len(days) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * min(v, top_value) / top_value

    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="{left}" y="14" class="chart-title">{escape(title)}</text>']
    for step in range(5):
        value = top_value * step / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" class="grid"/>')
        label = f"{value:.0f}" if top_value >= 10 else f"{value:.1f}" if top_value >= 1 else f"{value:.2f}"
        parts.append(f'<text x="{left - 4}" y="{y(value) + 4:.1f}" text-anchor="end" class="axis">'
                     f'{label}{escape(unit)}</text>')
    if days:
        for i in sorted({0, len(days) // 2, len(days) - 1}):
            parts.append(f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle" class="axis">'
                         f'{days[i]:%m-%d}</text>')
    for n, (name, line) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        segment: list[str] = []
        segments = []
        for i, v in enumerate(line):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(i):.1f},{y(v):.1f}")
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) == 1:
                cx, cy = points[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
            else:
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
        parts.append(f'<text x="{width - right - 4}" y="{top + 12 + 14 * n}" text-anchor="end" fill="{colour}" '
                     f'class="legend">{escape(name)}</text>')
    if not values:
        parts.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" class="axis">'
                     'no data yet</text>')
    parts.append("</svg>")
    return "".join(parts)
