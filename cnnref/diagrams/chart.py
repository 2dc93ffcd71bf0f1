"""A line chart of a few series against one x column: the training curves of the architecture
pages and the measurements of the ResNet page, drawn from numbers the page's code printed.

折线图：若干数列对同一横轴列，用于架构页的训练曲线和 ResNet 页的测量结果，数据来自页面代码的输出。

>>> from cnnref.diagrams.chart import line_chart
>>> svg = line_chart("epoch", [1, 2, 3], {"loss": [0.9, 0.5, 0.4]})
>>> svg.startswith("<svg") and "loss" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from cnnref.diagrams.svg import Canvas, text_width

WIDTH, HEIGHT = 560.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 16.0, 16.0, 64.0
#: One stroke style per series, in order (colours from the diagrams' palette, dashes for print).
STROKES = ("stroke:#5c6bc0", "stroke:#ef5350;stroke-dasharray:6 3", "stroke:#26a69a;stroke-dasharray:2 3",
           "stroke:#ffa726;stroke-dasharray:8 3 2 3")


def _ticks(low: float, high: float, log: bool) -> list[float]:
    """Round values spanning ``[low, high]``: powers of ten on a log axis, 1-2-5 steps otherwise."""
    if log:
        return [10.0 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]
    if high == low:
        return [low]
    raw = (high - low) / 4
    step = min((m * 10 ** math.floor(math.log10(raw)) for m in (1, 2, 5, 10)), key=lambda s: abs(s - raw))
    first = math.floor(low / step) * step
    return [round(first + i * step, 12) for i in range(int(math.ceil((high - first) / step)) + 1)]


def _label(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.0e}"


def line_chart(x_label: str, x: Sequence[float], series: Mapping[str, Sequence[float]], *,
               log: bool = False, title: str = "") -> str:
    """Draw ``series`` (name → y values, one per ``x``) as lines with markers, a legend below.

    Args:
        x_label: the x axis's name.
        x: the x values, increasing.
        series: up to four named series, each as long as ``x``.
        log: a logarithmic y axis (every y must be positive).
        title: the SVG's accessible title (default: the series' names).

    Returns:
        The SVG.

    Raises:
        ValueError: no or too many series, lengths that differ from ``x``, or a y that is not
            positive on a log axis.
    """
    if not 1 <= len(series) <= len(STROKES):
        raise ValueError(f"a chart draws 1 to {len(STROKES)} series, got {len(series)}")
    if len(x) < 2 or any(len(ys) != len(x) for ys in series.values()):
        raise ValueError(f"each series needs one value per x ({len(x)} x values, at least 2)")
    values = [y for ys in series.values() for y in ys]
    if log and min(values) <= 0:
        raise ValueError("a log axis needs positive values")
    ticks = _ticks(min(values), max(values), log)
    scale = math.log10 if log else float
    low, high = scale(ticks[0]), scale(ticks[-1]) if len(ticks) > 1 else scale(ticks[0]) + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def point(xv: float, yv: float) -> tuple[float, float]:
        px = LEFT + (xv - x[0]) / (x[-1] - x[0]) * plot_w
        return px, TOP + plot_h - (scale(yv) - low) / (high - low) * plot_h

    canvas = Canvas()
    canvas.line([(LEFT, TOP), (LEFT, TOP + plot_h), (LEFT + plot_w, TOP + plot_h)])
    for tick in ticks:
        _, py = point(x[0], tick)
        canvas.line([(LEFT, py), (LEFT + plot_w, py)], cls="edge dashed muted")
        canvas.text(LEFT - 6, py, _label(tick), cls="small", anchor="end")
    for xv in x:
        px, _ = point(xv, ticks[0])
        canvas.text(px, TOP + plot_h + 12, _label(xv), cls="small", anchor="middle")
    canvas.text(LEFT + plot_w / 2, TOP + plot_h + 30, x_label, cls="mono", anchor="middle")
    legend_x = LEFT
    for (name, ys), stroke in zip(series.items(), STROKES):
        points = [point(xv, yv) for xv, yv in zip(x, ys)]
        canvas.parts.append(f'<polyline class="edge" style="{stroke};stroke-width:2" points="'
                            + " ".join(f"{px:.1f},{py:.1f}" for px, py in points) + '"/>')
        for px, py in points:
            canvas.circle(px, py, 2.5)
        canvas.parts.append(f'<line class="edge" style="{stroke};stroke-width:2" x1="{legend_x:.1f}" '
                            f'y1="{HEIGHT - 12:.1f}" x2="{legend_x + 24:.1f}" y2="{HEIGHT - 12:.1f}"/>')
        canvas.text(legend_x + 30, HEIGHT - 12, name, cls="mono")
        legend_x += 46 + text_width(name, 12)
    return canvas.svg(WIDTH, HEIGHT, title or ", ".join(series))
