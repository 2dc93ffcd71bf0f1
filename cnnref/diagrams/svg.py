"""SVG primitives and the style sheet every picture of the site shares.

Text uses ``currentColor`` and the boxes translucent tints, so the same picture reads well on a
light and on a dark page; no colour is set on an element.

所有图共用的 SVG 基本元素与样式表：文字用 ``currentColor``，方框用半透明色块，浅色与深色页面上
都清晰。
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from cnnref.tables import display_width

STYLE = """<style>
.cnnref-svg{font-family:var(--md-text-font-family,system-ui,sans-serif);font-size:13px}
.cnnref-svg text{fill:currentColor}
.cnnref-svg .mono{font-family:var(--md-code-font-family,ui-monospace,monospace);font-size:12px}
.cnnref-svg .muted{opacity:.7}
.cnnref-svg .small{font-size:11px}
.cnnref-svg .box{stroke:currentColor;stroke-opacity:.45;fill:currentColor;fill-opacity:.05}
.cnnref-svg .conv{fill:#5c6bc0;fill-opacity:.25}
.cnnref-svg .pool{fill:#26a69a;fill-opacity:.25}
.cnnref-svg .fc{fill:#ffa726;fill-opacity:.28}
.cnnref-svg .block{fill:#ab47bc;fill-opacity:.22}
.cnnref-svg .hot{fill:#ef5350;fill-opacity:.30}
.cnnref-svg .pad{fill:currentColor;fill-opacity:.10;stroke-dasharray:3 2}
.cnnref-svg .edge{stroke:currentColor;stroke-opacity:.6;fill:none;stroke-width:1.2}
.cnnref-svg .dashed{stroke-dasharray:5 3}
.cnnref-svg .head{fill:currentColor;fill-opacity:.6}
</style>"""

FONT = 13

Point = tuple[float, float]


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width in pixels: a wide (CJK) character takes a full em, any other 0.6 em.

    估计文字宽度（像素）：宽字符（中日韩）占一个字号宽，其他字符占 0.6 个。

    >>> from cnnref.diagrams import text_width
    >>> text_width("ab", 10), text_width("池化", 10)
    (12.0, 20.0)
    """
    return float(sum(size if display_width(ch) == 2 else 0.6 * size for ch in text))


def dims(shape: Sequence[int]) -> str:
    """A shape without its batch, as the pictures write it: ``(1, 64, 56, 56)`` → ``64 × 56 × 56``."""
    return " × ".join(str(n) for n in shape[1:])


@dataclass
class Canvas:
    """The elements of one picture, drawn in order; ``svg`` wraps them with the style sheet.

    一张图的元素（按绘制顺序）；``svg`` 加上样式表后输出。
    """

    parts: list[str] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, cls: str = "box", rx: float = 4) -> None:
        self.parts.append(f'<rect class="box {cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}"/>')

    def text(self, x: float, y: float, text: object, cls: str = "", anchor: str = "start") -> None:
        self.parts.append(
            f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle">'
            f"{html.escape(str(text))}</text>"
        )

    def line(self, points: Sequence[Point], cls: str = "edge", head: bool = False) -> None:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline class="{cls}" points="{path}"/>')
        if head:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self.arrowhead(x1, y1, "down" if y1 > y0 else "up" if y1 < y0 else "right" if x1 > x0 else "left")

    def arrowhead(self, x: float, y: float, direction: str = "down") -> None:
        tip = {"down": ((x - 4, y - 6), (x + 4, y - 6)), "up": ((x - 4, y + 6), (x + 4, y + 6)),
               "right": ((x - 6, y - 4), (x - 6, y + 4)), "left": ((x + 6, y - 4), (x + 6, y + 4))}[direction]
        (ax, ay), (bx, by) = tip
        self.parts.append(f'<polygon class="head" points="{x:.1f},{y:.1f} {ax:.1f},{ay:.1f} {bx:.1f},{by:.1f}"/>')

    def circle(self, x: float, y: float, r: float, cls: str = "block") -> None:
        self.parts.append(f'<circle class="box {cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>')

    def svg(self, width: float, height: float, title: str) -> str:
        return (
            f'<svg class="cnnref-svg" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" style="max-width:100%;height:auto">'
            f"<title>{html.escape(title)}</title>{STYLE}{''.join(self.parts)}</svg>"
        )
