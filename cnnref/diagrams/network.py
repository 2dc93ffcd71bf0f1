"""The picture of a whole network: one box per layer or block, in the order they run.

整个网络的结构图：按执行顺序，每层（或每个块）一个方框。
"""

from __future__ import annotations

from torch import nn

from cnnref.analysis import Call, ModelLike, resolve, trace
from cnnref.diagrams.labels import Row, describe, leaves, light
from cnnref.diagrams.svg import Canvas, dims, text_width
from cnnref.i18n import analysis_text

CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


def _units(root: nn.Module) -> dict[int, str]:
    """The modules drawn as one box each (containers are opened), by id → parent container."""
    units: dict[int, str] = {}

    def walk(module: nn.Module, parent: str) -> None:
        for name, child in module.named_children():
            path = f"{parent}.{name}" if parent else name
            if isinstance(child, CONTAINERS):
                walk(child, path)
            else:
                units[id(child)] = parent
    walk(root, "")
    return units


def _label(call: Call, calls: list[Call], children: dict[str, list[Call]], w: dict[str, str]) -> tuple[str, str]:
    """The label and kind of one unit's box; an inception module lists its branches' channels."""
    label, kind = describe(call.module, w, leaves(calls, call.name))
    branches = [c for c in children.get(call.name, []) if c.name.rsplit(".", 1)[-1].startswith("branch")]
    if branches:
        label = f"{type(call.module).__name__}: " + w["branches"].format(
            channels=" + ".join(str(c.output_shape[1]) for c in branches))
    return label, kind


def _network_rows(calls: list[Call], units: dict[int, str], w: dict[str, str]) -> list[Row]:
    """One box per unit call; light layers join the box before them and a run of identical blocks
    of one container (ResNet's ``layer1``) becomes one box."""
    rows: list[Row] = []
    children: dict[str, list[Call]] = {}
    for call in calls:
        children.setdefault(call.name.rpartition(".")[0], []).append(call)
    for call in (c for c in calls if id(c.module) in units or c.name.startswith("F.")):
        suffix = light(call.module)
        if suffix is not None:
            if rows:
                rows[-1].label += f" + {suffix}" if suffix else ""
                rows[-1].shape = call.output_shape or rows[-1].shape
            continue
        label, kind = _label(call, calls, children, w)
        previous = rows[-1] if rows else None
        group = units[id(call.module)]
        if kind == "block" and group and previous is not None and previous.group == group:
            previous.count += 1
            previous.name, previous.shape = group, call.output_shape
            previous.label = w["blocks"].format(n=previous.count, kind=type(call.module).__name__)
            continue
        rows.append(Row(call.name, label, kind, call.output_shape, group if kind == "block" else ""))
    return rows


def network_svg(model: ModelLike, input_size: object = None, *, lang: str = "en", title: str | None = None) -> str:
    """The network as a column of boxes, one per layer or block in the order they run, each with
    its module name and output shape; light layers (ReLU, BN, LRN, dropout) are written after the
    layer they follow, and runs of identical blocks (ResNet's ``layer1``…) are one box.

    网络结构图：按执行顺序每层（或每个块）一个方框，写出模块名与输出形状；ReLU、BN、LRN、丢弃法等
    写在前一层后面，ResNet 的 ``layer1`` 等同类块的连续序列合成一个方框。

    Args:
        model: an ``nn.Module`` or a registry name (built on the ``meta`` device).
        input_size: the full input size, batch first (see ``cnnref.analysis.resolve``).
        lang: the language of the labels.
        title: the picture's title; by default one naming the model.

    Returns:
        The SVG.

    >>> from cnnref.diagrams import network_svg
    >>> svg = network_svg("resnet50", lang="zh")
    >>> "3 个 Bottleneck" in svg and "2048 × 7 × 7" in svg
    True
    """
    w = analysis_text(lang)
    module, size = resolve(model, input_size)
    rows = [Row("", w["input"], "io", size)] + _network_rows(trace(module, size), _units(module), w)
    name_w = max(text_width(r.name, 12) for r in rows) + 24
    label_w = max(text_width(r.label) for r in rows) + 24
    shape_w = max([text_width(dims(r.shape)) for r in rows] + [text_width(w["shape"], 11)]) + 16
    width, row_h, gap, top = name_w + label_w + shape_w, 26, 12, 22
    canvas = Canvas()
    canvas.text(10, 10, w["layer"], "small muted")
    canvas.text(name_w, 10, w["what"], "small muted")
    canvas.text(width - 10, 10, w["shape"], "small muted", anchor="end")
    for i, row in enumerate(rows):
        y = top + i * (row_h + gap)
        canvas.rect(0.5, y, width - 1, row_h, row.kind)
        canvas.text(10, y + row_h / 2, row.name, "mono muted")
        canvas.text(name_w, y + row_h / 2, row.label)
        canvas.text(width - 10, y + row_h / 2, dims(row.shape), "mono", anchor="end")
        if i:
            canvas.line([(name_w - 12, y - gap), (name_w - 12, y)], head=True)
    height = top + len(rows) * (row_h + gap) - gap + 1
    name = model if isinstance(model, str) else type(model).__name__
    return canvas.svg(width, height, title or w["network_title"].format(name=name))
