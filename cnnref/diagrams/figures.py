"""Small figures of layer concepts, each computed by ``torch`` itself: max pooling's two
rounding modes, the sides of ``F.pad``, how a 1×1 convolution mixes channels, and a
convolution's sliding window (stride, dilation) and groups.

层级概念的小图，数值都由 ``torch`` 本身算出：最大池化的两种取整方式、``F.pad`` 的各侧填充，以及
1×1 卷积如何混合通道。
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from cnnref.diagrams.svg import Canvas, text_width
from cnnref.i18n import analysis_text

SEED_EXAMPLE = ((3, 1, 4), (2, 5, 7), (9, 6, 8))
CELL = 34


def _grid(canvas: Canvas, x: float, y: float, values: Sequence[Sequence[float]],
          classes: Sequence[Sequence[str]] | None = None, cell: float = CELL) -> None:
    """A grid of numbered cells, each with its class (colour)."""
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            cls = classes[i][j] if classes else ""
            canvas.rect(x + j * cell, y + i * cell, cell, cell, cls, rx=0)
            canvas.text(x + (j + 0.5) * cell, y + (i + 0.5) * cell + 1, _number(value), "mono", anchor="middle")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def pooling_svg(values: Sequence[Sequence[float]] = SEED_EXAMPLE, kernel_size: int = 2, stride: int = 2, *,
                lang: str = "en") -> str:
    """Max pooling of a small feature map drawn twice, with ``ceil_mode=False`` and ``True``:
    the windows on the input (cut where they run past it), the cells no window covers, and
    the output computed by ``F.max_pool2d``. The default input is the seed note's 3×3 example.

    最大池化的两种取整方式（``ceil_mode=False`` 与 ``True``）：输入上的窗口（超出输入的部分被截掉）、
    没有被任何窗口覆盖的格子，以及由 ``F.max_pool2d`` 算出的输出。默认输入是种子笔记中的 3×3 例子。

    >>> from cnnref.diagrams import pooling_svg
    >>> svg = pooling_svg(lang="en")
    >>> "ceil_mode=True" in svg and "dropped" in svg
    True
    """
    w = analysis_text(lang)
    x = torch.tensor(values, dtype=torch.float32)[None, None]
    height, width = x.shape[-2:]
    canvas = Canvas()
    y0 = 0
    palette = ["conv", "pool", "fc", "block"]
    for ceil in (False, True):
        out = F.max_pool2d(x, kernel_size, stride, ceil_mode=ceil)[0, 0]
        classes = [["" for _ in range(width)] for _ in range(height)]
        covered = [[False] * width for _ in range(height)]
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                for r in range(i * stride, min(i * stride + kernel_size, height)):
                    for c in range(j * stride, min(j * stride + kernel_size, width)):
                        if not covered[r][c]:
                            classes[r][c] = palette[(i * out.shape[1] + j) % len(palette)]
                            covered[r][c] = True
        for r in range(height):
            for c in range(width):
                if not covered[r][c]:
                    classes[r][c] = "pad"
        canvas.text(0, y0 + 10, w["pool_title"].format(k=kernel_size, s=stride, ceil=ceil), "mono")
        gy = y0 + 26
        _grid(canvas, 0, gy, x[0, 0].tolist(), classes)
        ox = width * CELL + 60
        canvas.line([(width * CELL + 12, gy + height * CELL / 2), (ox - 12, gy + height * CELL / 2)], head=True)
        out_classes = [[palette[(i * out.shape[1] + j) % len(palette)] for j in range(out.shape[1])] for i in range(out.shape[0])]
        _grid(canvas, ox, gy, out.tolist(), out_classes)
        canvas.text(ox, gy + out.shape[0] * CELL + 14, f"{w['output']} {tuple(out.shape)}", "small muted")
        if not all(all(row) for row in covered):
            canvas.rect(0, gy + height * CELL + 8, 14, 14, "pad", rx=0)
            canvas.text(20, gy + height * CELL + 16, w["dropped"], "small muted")
        y0 = gy + height * CELL + 40
    return canvas.svg(max(width * CELL + 60 + 2 * CELL + 80, 420), y0 - 10, w["pool_title"].format(
        k=kernel_size, s=stride, ceil="False / True"))


def pad_svg(pad: Sequence[int] = (1, 2, 3, 4), values: Sequence[Sequence[float]] = ((1, 1), (1, 1)), *,
            lang: str = "en") -> str:
    """``F.pad(x, pad)`` on a small feature map: ``pad`` lists the sides of the **last**
    dimension first - ``(left, right, top, bottom)`` - and each padded cell is drawn dashed
    with the side it belongs to.

    ``F.pad(x, pad)``：``pad`` 先写**最后一维**的两侧，即 ``(左, 右, 上, 下)``；填充的格子画成虚线框。

    >>> from cnnref.diagrams import pad_svg
    >>> svg = pad_svg((1, 2, 3, 4), lang="zh")
    >>> "左 1" in svg and "右 2" in svg and "上 3" in svg and "下 4" in svg
    True
    """
    w = analysis_text(lang)
    if len(pad) != 4:
        raise ValueError(f"pad must be (left, right, top, bottom), got {tuple(pad)!r}")
    left, right, top, bottom = pad
    x = torch.tensor(values, dtype=torch.float32)[None, None]
    padded = F.pad(x, tuple(pad))[0, 0]
    height, width = padded.shape
    inner = [[top <= r < height - bottom and left <= c < width - right for c in range(width)] for r in range(height)]
    classes = [["conv" if inner[r][c] else "pad" for c in range(width)] for r in range(height)]
    sides = ", ".join(f"{w[s]} {n}" for s, n in zip(("left", "right", "top", "bottom"), pad))
    canvas = Canvas()
    title = w["pad_title"].format(pad=tuple(pad), sides=sides)
    canvas.text(0, 10, title, "mono")
    gx, gy = 60, 50
    _grid(canvas, gx, gy, padded.tolist(), classes)
    mid_x, mid_y = gx + width * CELL / 2, gy + height * CELL / 2
    canvas.text(gx - 8, mid_y, f"{w['left']} {left}", "small", anchor="end")
    canvas.text(gx + width * CELL + 8, mid_y, f"{w['right']} {right}", "small")
    canvas.text(mid_x, gy - 12, f"{w['top']} {top}", "small", anchor="middle")
    canvas.text(mid_x, gy + height * CELL + 14, f"{w['bottom']} {bottom}", "small", anchor="middle")
    canvas.text(gx + width * CELL + 60, mid_y, f"{w['output']} {tuple(padded.shape)}", "small muted")
    return canvas.svg(max(gx + width * CELL + 180, text_width(title, 12) + 10), gy + height * CELL + 30, title)


def conv1x1_svg(in_channels: int = 3, out_channels: int = 2, *, lang: str = "en") -> str:
    """A 1×1 convolution mixes channels, pixel by pixel: every input channel is connected to
    every output channel by one weight, and the height and width do not change. The weight
    shape is read from ``nn.Conv2d(in_channels, out_channels, kernel_size=1)``.

    1×1 卷积逐像素地混合通道：每个输入通道通过一个权重连到每个输出通道，高和宽不变。
    权重形状取自 ``nn.Conv2d(in_channels, out_channels, kernel_size=1)``。

    >>> from cnnref.diagrams import conv1x1_svg
    >>> "(2, 3, 1, 1)" in conv1x1_svg(3, 2, lang="en")
    True
    """
    w = analysis_text(lang)
    with torch.device("meta"):
        weight_shape = tuple(nn.Conv2d(in_channels, out_channels, kernel_size=1).weight.shape)
    canvas = Canvas()
    title = w["conv1x1_title"].format(c_in=in_channels, c_out=out_channels)
    canvas.text(0, 10, title)
    size, step = 70, 14  # a feature map drawn as a square, channels staggered
    cells = 4
    left_x, right_x, y0 = 10, 330, 60
    span = max(in_channels, out_channels)

    def stack(x0: float, count: int, cls: str) -> list[tuple[float, float]]:
        centres = []
        offset = (span - count) * 36 / 2
        for k in range(count):
            y = y0 + offset + k * 36
            canvas.rect(x0, y, size, 30, cls, rx=2)
            for c in range(1, cells):
                canvas.line([(x0 + c * size / cells, y), (x0 + c * size / cells, y + 30)], cls="edge muted")
            canvas.rect(x0 + size / cells, y, size / cells, 30, "hot", rx=0)
            canvas.text(x0 + size + 8, y + 15, f"c{k + 1}", "mono small")
            centres.append((x0 + size + 30, y + 15))
        return centres

    ins = stack(left_x, in_channels, "conv")
    outs = stack(right_x, out_channels, "fc")
    for xi, yi in ins:
        for xo, yo in outs:
            canvas.line([(xi, yi), (right_x - 4, yo)], cls="edge")
    bottom = y0 + span * 36 + 10
    canvas.text(left_x, y0 - 16, w["in_channels"], "small muted")
    canvas.text(right_x, y0 - 16, w["out_channels"], "small muted")
    canvas.text((left_x + right_x + size) / 2, bottom + 8, w["weight"].format(shape=weight_shape), "mono", anchor="middle")
    canvas.text(0, bottom + 30, w["mix"].format(c_in=in_channels), "small")
    width = max(right_x + size + 60, text_width(w["mix"].format(c_in=in_channels), 11) + 10)
    return canvas.svg(width, bottom + 44, title)


def conv_window_svg(size: int = 7, kernel_size: int = 3, stride: int = 1, dilation: int = 1, *,
                    lang: str = "en") -> str:
    """The sliding window of a convolution on a ``size × size`` input: the taps of the first two
    windows along a row (``stride`` apart, taps ``dilation`` apart) and the output size, read
    from ``F.conv2d`` itself.

    卷积的滑动窗口：在 ``size × size`` 的输入上画出同一行前两个窗口的抽头（窗口相隔 ``stride``，
    抽头相隔 ``dilation``），以及由 ``F.conv2d`` 得到的输出尺寸。

    >>> from cnnref.diagrams import conv_window_svg
    >>> "(3, 3)" in conv_window_svg(7, 3, stride=2, lang="en")
    True
    """
    w = analysis_text(lang)
    out = F.conv2d(torch.zeros(1, 1, size, size), torch.zeros(1, 1, kernel_size, kernel_size),
                   stride=stride, dilation=dilation).shape[-2:]
    classes = [["" for _ in range(size)] for _ in range(size)]
    for window, cls in ((0, "conv"), (1, "fc")):
        for a in range(kernel_size):
            for b in range(kernel_size):
                r, c = a * dilation, window * stride + b * dilation
                classes[r][c] = "hot" if classes[r][c] else cls  # a tap of both windows
    canvas = Canvas()
    title = w["conv_window_title"].format(k=kernel_size, s=stride, d=dilation)
    canvas.text(0, 10, title, "mono")
    values = [[i * size + j for j in range(size)] for i in range(size)]
    _grid(canvas, 0, 26, values, classes, cell=26)
    bottom = 26 + size * 26
    canvas.text(0, bottom + 16, f"{w['output']} {tuple(out)}", "small muted")
    if any("hot" in row for row in classes):
        canvas.rect(120, bottom + 8, 14, 14, "hot", rx=0)
        canvas.text(140, bottom + 16, w["overlap"], "small muted")
    return canvas.svg(max(size * 26 + 10, text_width(title, 12) + 10), bottom + 26, title)


def conv_groups_svg(in_channels: int = 4, out_channels: int = 4, groups: int = 2, *, lang: str = "en") -> str:
    """Which input channels each output channel sees with ``groups``: the weight shape is read
    from ``nn.Conv2d(in_channels, out_channels, 3, groups=groups)``.

    分组卷积中每个输出通道能看到哪些输入通道；权重形状取自 ``nn.Conv2d(..., groups=groups)``。

    >>> from cnnref.diagrams import conv_groups_svg
    >>> "(4, 2, 3, 3)" in conv_groups_svg(4, 4, 2, lang="en")
    True
    """
    w = analysis_text(lang)
    with torch.device("meta"):
        weight_shape = tuple(nn.Conv2d(in_channels, out_channels, 3, groups=groups).weight.shape)
    canvas = Canvas()
    title = w["groups_title"].format(c_in=in_channels, c_out=out_channels, g=groups)
    canvas.text(0, 10, title)
    palette = ["conv", "fc", "pool", "block"]
    left, right, y0, step = 10, 260, 40, 36
    for side, count, x0 in (("in", in_channels, left), ("out", out_channels, right)):
        for k in range(count):
            group = k * groups // count
            canvas.rect(x0, y0 + k * step, 60, 28, palette[group % len(palette)], rx=2)
            canvas.text(x0 + 30, y0 + k * step + 15, f"c{k + 1}", "mono small", anchor="middle")
    for i in range(in_channels):
        for o in range(out_channels):
            if i * groups // in_channels == o * groups // out_channels:
                canvas.line([(left + 64, y0 + i * step + 14), (right - 4, y0 + o * step + 14)], cls="edge")
    bottom = y0 + max(in_channels, out_channels) * step + 6
    canvas.text(left, y0 - 12, w["in_channels"], "small muted")
    canvas.text(right, y0 - 12, w["out_channels"], "small muted")
    canvas.text(left, bottom + 10, w["weight"].format(shape=weight_shape), "mono")
    return canvas.svg(max(right + 80, text_width(title, 12) + 10), bottom + 24, title)


FIGURES: dict[str, Callable[..., str]] = {
    "conv-stride": lambda *, lang: conv_window_svg(7, 3, stride=2, lang=lang),
    "conv-dilation": lambda *, lang: conv_window_svg(7, 3, dilation=2, lang=lang),
    "conv-groups": conv_groups_svg,
    "pooling-ceil-mode": pooling_svg,
    "pad-sides": pad_svg,
    "conv1x1-channels": conv1x1_svg,
}


def figure_svg(name: str, *, lang: str = "en") -> str:
    """A concept figure by name (the names of ``FIGURES``), drawn with its default arguments.

    按名字取一张概念图（``FIGURES`` 中的名字），使用默认参数绘制。

    Raises:
        ValueError: an unknown name.

    >>> from cnnref.diagrams import FIGURES, figure_svg
    >>> sorted(FIGURES)
    ['conv-dilation', 'conv-groups', 'conv-stride', 'conv1x1-channels', 'pad-sides', 'pooling-ceil-mode']
    >>> figure_svg("pad-sides", lang="en").startswith("<svg")
    True
    """
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r}; known figures: {sorted(FIGURES)}")
    return FIGURES[name](lang=lang)
