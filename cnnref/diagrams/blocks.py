"""The picture of one block: an inception module's branches joined by a concatenation, or a
residual block's main path and shortcut joined by an addition.

一个块的图：inception 模块的各分支按通道拼接，或残差块的主路径与捷径连接相加。
"""

from __future__ import annotations

from cnnref.analysis import Call, ModelLike, resolve, trace
from cnnref.diagrams.labels import Row, chain, leaves, light
from cnnref.diagrams.svg import Canvas, Point, dims, text_width
from cnnref.i18n import analysis_text

IO_H = 30  # height of the input and output bars


def _io_box(canvas: Canvas, y: float, width: float, label: str, shape: tuple[int, ...], cls: str = "io") -> None:
    """A full-width bar with a label on the left and a shape on the right."""
    canvas.rect(0.5, y + 0.5, width - 1, IO_H, cls)
    canvas.text(12, y + IO_H / 2, label)
    canvas.text(width - 12, y + IO_H / 2, dims(shape), "mono", anchor="end")


def _box_column(canvas: Canvas, rows: list[Row], x: float, y: float, col_w: float) -> float:
    """Two-line boxes (label, shape) with arrows between them; returns the bottom y."""
    box_h, gap = 40, 16
    for i, row in enumerate(rows):
        if i:
            canvas.line([(x + col_w / 2, y - gap), (x + col_w / 2, y)], head=True)
        canvas.rect(x, y, col_w, box_h, row.kind)
        canvas.text(x + col_w / 2, y + 13, row.label, anchor="middle")
        canvas.text(x + col_w / 2, y + 29, dims(row.shape), "mono muted", anchor="middle")
        y += box_h + gap
    return y - gap


def _column_width(rows: list[Row], minimum: float) -> float:
    return max([minimum] + [max(text_width(r.label), text_width(dims(r.shape))) + 24 for r in rows])


def _draw_inception(canvas: Canvas, target: Call, inside: list[Call], branches: list[str], w: dict[str, str]) -> Point:
    """Draw an inception module: its branches side by side, from the input bar to a channel
    concatenation. Returns the picture's ``(width, height)``.

    画出 inception 模块：各分支并排，从输入到按通道拼接。"""
    block = target.name
    columns = [chain([c for c in inside if c.name.startswith(f"{block}.{b}.") or c.name == f"{block}.{b}"], w)
               for b in branches]
    col_ws = [_column_width(col, 140) for col in columns]
    width = sum(col_ws) + 16 * (len(col_ws) - 1)
    xs = [sum(col_ws[:i]) + 16 * i for i in range(len(col_ws))]
    _io_box(canvas, 0, width, f"{block} · {w['input']}", target.input_shape)
    bottoms = []
    for name, col, x, cw in zip(branches, columns, xs, col_ws):
        canvas.line([(width / 2, IO_H), (width / 2, IO_H + 10), (x + cw / 2, IO_H + 10), (x + cw / 2, IO_H + 40)],
                    head=True)
        canvas.text(x + cw / 2 + 5, IO_H + 24, name, "mono small muted")
        bottoms.append(_box_column(canvas, col, x, IO_H + 40, cw))
    join = max(bottoms) + 30
    for x, cw, bottom in zip(xs, col_ws, bottoms):
        canvas.line([(x + cw / 2, bottom), (x + cw / 2, join - 10), (width / 2, join - 10), (width / 2, join)], head=True)
    _io_box(canvas, join, width, w["concat"], target.output_shape, cls="block")
    return width, join + IO_H + 1


def _draw_residual(canvas: Canvas, target: Call, inside: list[Call], shortcut: str | None, w: dict[str, str]) -> Point:
    """Draw a residual block: the main path on the left, the shortcut (a projection, or the
    identity mapping drawn dashed) on the right, their addition and the activation after it.
    Returns the picture's ``(width, height)``.

    画出残差块：左边主路径，右边捷径连接（投影，或虚线表示的恒等映射），相加后再经过激活。"""
    prefix = f"{target.name}.{shortcut}" if shortcut else None
    main = [c for c in inside if not (prefix and c.name.startswith(prefix))]
    final = main.pop() if main and light(main[-1].module) else None  # the activation after the addition
    main_rows = chain(main, w)
    short_rows = chain([c for c in inside if prefix and c.name.startswith(prefix)], w)
    main_w = _column_width(main_rows, 170)
    short_w = _column_width(short_rows, max(150, text_width(w["shortcut"], 11) * 2 + 24))
    width, sx, start = main_w + 40 + short_w, main_w + 40 + short_w / 2, IO_H + 40
    _io_box(canvas, 0, width, f"{target.name} · {w['input']}", target.input_shape)
    canvas.text(main_w / 2 + 6, start - 16, w["main_path"], "small muted")
    canvas.text(sx + 6, start - 16, w["shortcut"], "small muted")
    canvas.line([(main_w / 2, IO_H), (main_w / 2, start)], head=True)
    bottom = _box_column(canvas, main_rows, 0, start, main_w)
    add_y = bottom + 34
    if short_rows:
        canvas.line([(sx, IO_H), (sx, start)], head=True)
        short_bottom = _box_column(canvas, short_rows, main_w + 40, start, short_w)
        canvas.line([(sx, short_bottom), (sx, add_y), (main_w / 2 + 12, add_y)], head=True)
    else:
        canvas.line([(sx, IO_H), (sx, add_y), (main_w / 2 + 12, add_y)], cls="edge dashed", head=True)
        canvas.text(sx - 6, (start + add_y) / 2, w["identity"], "small", anchor="end")
    canvas.line([(main_w / 2, bottom), (main_w / 2, add_y - 12)], head=True)
    canvas.circle(main_w / 2, add_y, 12)
    canvas.text(main_w / 2, add_y + 1, "+", anchor="middle")
    canvas.text(main_w / 2 + 20, add_y - 12, w["add"], "small muted")
    out_y = add_y + 40
    canvas.line([(main_w / 2, add_y + 12), (main_w / 2, out_y)], head=True)
    label = w["output"] + (f" (+ {light(final.module)})" if final is not None else "")
    _io_box(canvas, out_y, width, label, target.output_shape, cls="block")
    return width, out_y + IO_H + 1


def block_svg(model: ModelLike, block: str, input_size: object = None, *, lang: str = "en",
              title: str | None = None) -> str:
    """One block of a network drawn as its branches: the branches of an inception module
    (children named ``branch…``) joined by a channel concatenation, or else the main path and
    the shortcut (a child named ``downsample`` or ``shortcut``, or the identity mapping) of a
    residual block joined by an addition and the final activation.

    把网络中的一个块画成分支：inception 模块的各分支按通道拼接；残差块的主路径与捷径连接
    （投影或恒等映射）相加后再经过激活。

    Args:
        model: an ``nn.Module`` or a registry name (built on the ``meta`` device).
        block: the block's qualified module name (``"inception3a"``, ``"layer2.0"``).
        input_size: the full input size, batch first (see ``cnnref.analysis.resolve``).
        lang: the language of the labels.
        title: the picture's title; by default one naming the model and the block.

    Returns:
        The SVG.

    Raises:
        ValueError: no module named ``block`` runs in the model.

    >>> from cnnref.diagrams import block_svg
    >>> svg = block_svg("resnet50", "layer2.0", lang="en")
    >>> "Shortcut" in svg and "512 × 28 × 28" in svg
    True
    """
    w = analysis_text(lang)
    module, size = resolve(model, input_size)
    calls = trace(module, size)
    target = next((c for c in calls if c.name == block), None)
    if target is None:
        names = [c.name for c in calls if list(c.module.children())]
        raise ValueError(f"no module named {block!r} runs in this model; blocks that run: {names[:12]}…")
    kids = dict(target.module.named_children())
    branches = [n for n in kids if n.startswith("branch")]
    canvas = Canvas()
    if branches:
        width, height = _draw_inception(canvas, target, leaves(calls, block), branches, w)
    else:
        shortcut = next((n for n in ("downsample", "shortcut") if n in kids), None)
        width, height = _draw_residual(canvas, target, leaves(calls, block), shortcut, w)
    name = model if isinstance(model, str) else type(model).__name__
    return canvas.svg(width + 1, height, title or w["block_title"].format(name=name, block=block))
