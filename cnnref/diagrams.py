"""Pictures for the site, drawn at build time from the real code: the diagram of a network
(every stage with its output shape), the branches of an inception module or a residual
block, and small figures of layer concepts. Nothing is hand-drawn, so no picture can drift
from the code.

网站用图，在构建时由真实代码绘制：网络结构图（每一步及其输出形状）、inception 模块或残差块
的分支，以及层级概念的小图。没有手绘的图，所以图不会与代码脱节。

Every function returns an SVG string whose labels are in ``lang`` (``"zh"`` or ``"en"``).
Text uses ``currentColor`` and the boxes translucent tints, so the same picture reads well on
a light and on a dark page. Shapes come from one forward pass on the ``meta`` device (no
memory, no time spent on weights); the figure values come from ``torch`` itself.

每个函数都返回 SVG 字符串，标签使用 ``lang`` 指定的语言（``"zh"`` 或 ``"en"``）。文字用
``currentColor``，方框用半透明色块，因此浅色与深色页面上都清晰。形状来自在 ``meta`` 设备上的
一次前向计算；图中的数值由 ``torch`` 本身算出。

>>> from cnnref.diagrams import network_svg
>>> svg = network_svg("alexnet", lang="en")
>>> svg.startswith("<svg") and "256 × 6 × 6" in svg
True
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn
from torch.overrides import TorchFunctionMode

from cnnref.analysis import ModelLike, resolve

__all__ = [
    "LANGUAGES", "Call", "trace", "network_svg", "block_svg",
    "pooling_svg", "pad_svg", "conv1x1_svg", "FIGURES", "figure_svg",
]

LANGUAGES = ("zh", "en")

WORDS = {
    "en": {
        "input": "Input", "output": "Output", "conv": "Conv", "max_pool": "Max pool",
        "avg_pool": "Avg pool", "adaptive_avg_pool": "Adaptive avg pool", "fc": "FC",
        "blocks": "{n} × {kind}", "branches": "branches {channels}", "concat": "Concatenate channels",
        "add": "Add", "identity": "Identity mapping", "shortcut": "Shortcut", "main_path": "Main path",
        "layer": "Layer", "what": "What it does", "shape": "Output (C × H × W)",
        "network_title": "{name}: every stage and its output shape",
        "block_title": "{name}, {block}: its branches and their output shapes",
        "dropped": "in no window: dropped", "window": "window", "pad_title": "F.pad(x, {pad}): {sides}",
        "left": "left", "right": "right", "top": "top", "bottom": "bottom",
        "pool_title": "max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})",
        "conv1x1_title": "1×1 convolution: {c_in} channels in, {c_out} out",
        "weight": "weight {shape}", "mix": "each output channel = weighted sum of the {c_in} input channels at the same pixel",
        "in_channels": "input channels", "out_channels": "output channels",
    },
    "zh": {
        "input": "输入", "output": "输出", "conv": "卷积", "max_pool": "最大池化",
        "avg_pool": "平均池化", "adaptive_avg_pool": "自适应平均池化", "fc": "全连接",
        "blocks": "{n} 个 {kind}", "branches": "分支 {channels}", "concat": "按通道拼接",
        "add": "相加", "identity": "恒等映射", "shortcut": "捷径连接", "main_path": "主路径",
        "layer": "层", "what": "作用", "shape": "输出 (C × H × W)",
        "network_title": "{name}：每一步及其输出形状",
        "block_title": "{name} 的 {block}：各分支及其输出形状",
        "dropped": "不在任何窗口中：被丢弃", "window": "窗口", "pad_title": "F.pad(x, {pad})：{sides}",
        "left": "左", "right": "右", "top": "上", "bottom": "下",
        "pool_title": "max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})",
        "conv1x1_title": "1×1 卷积：输入 {c_in} 个通道，输出 {c_out} 个通道",
        "weight": "权重 {shape}", "mix": "每个输出通道 = 同一像素上 {c_in} 个输入通道的加权和",
        "in_channels": "输入通道", "out_channels": "输出通道",
    },
}

# Layers drawn as a suffix of the layer before them ("Conv 3×3 + BN + ReLU").
LIGHT_LAYERS: dict[type[nn.Module], str] = {
    nn.ReLU: "ReLU", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.BatchNorm2d: "BN", nn.BatchNorm1d: "BN",
    nn.LocalResponseNorm: "LRN", nn.Dropout: "Dropout", nn.Flatten: "", nn.Identity: "",
}
CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


def _words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"lang must be one of {list(LANGUAGES)}, got {lang!r}")
    return WORDS[lang]


# --------------------------------------------------------------------------- the trace


@dataclass
class Call:
    """One call of a module during the traced forward pass.

    前向计算中对某个模块的一次调用：名字、模块、输入与输出形状。
    """

    name: str
    module: nn.Module
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...] = ()
    order: int = 0


def _shape(value) -> tuple[int, ...]:
    while isinstance(value, (tuple, list)) and value:
        value = value[0]
    return tuple(value.shape) if isinstance(value, torch.Tensor) else ()


# Stand-in modules for activations called as functions (only their type is used).
_RELU, _TANH, _SIGMOID, _DROPOUT, _LRN = nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Dropout(), nn.LocalResponseNorm(5)
FUNCTIONAL_LAYERS: dict[Callable, nn.Module] = {
    F.relu: _RELU, F.relu_: _RELU, torch.relu: _RELU, torch.relu_: _RELU,
    torch.tanh: _TANH, F.tanh: _TANH, torch.sigmoid: _SIGMOID, F.sigmoid: _SIGMOID,
    F.dropout: _DROPOUT, F.local_response_norm: _LRN,
}


class _FunctionalLayers(TorchFunctionMode):
    """Records activations called as functions (``F.relu(self.bn(x))``) in a module's own
    ``forward``, so that they appear in the trace like ``nn.ReLU`` modules do."""

    def __init__(self, record: Callable[[nn.Module, tuple[int, ...]], None]) -> None:
        super().__init__()
        self.record = record

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if func in FUNCTIONAL_LAYERS:
            self.record(FUNCTIONAL_LAYERS[func], _shape(out))
        return out


def trace(model: ModelLike, input_size: tuple[int, ...] | None = None) -> list[Call]:
    """Every module call of one forward pass (eval mode, no autograd), in the order the calls
    start; a module called twice appears twice. Activations that a ``forward`` calls as
    functions (``F.relu``) appear as calls named ``<module>.F.relu``. A name is built on the
    ``meta`` device.

    一次前向计算（评估模式）中每个模块的调用，按开始的先后排列；被调用两次的模块出现两次。
    ``forward`` 里以函数形式调用的激活（``F.relu``）记为名为 ``<模块>.F.relu`` 的调用。

    >>> from cnnref.diagrams import trace
    >>> calls = trace("alexnet")
    >>> calls[0].name, calls[0].output_shape
    ('features', (1, 256, 6, 6))
    >>> [c.name for c in trace("googlenet")][:3]
    ['conv1', 'conv1.conv', 'conv1.bn']
    >>> [c.name for c in trace("googlenet")][3]
    'conv1.F.relu'
    """
    module, size = resolve(model, input_size)
    names = {id(m): name for name, m in module.named_modules()}
    calls: list[Call] = []
    running: list[nn.Module] = [module]
    open_calls: dict[int, list[Call]] = {}

    def before(mod, args):
        call = Call(names[id(mod)], mod, _shape(args), order=len(calls))
        calls.append(call)
        open_calls.setdefault(id(mod), []).append(call)
        running.append(mod)

    def after(mod, args, output):
        open_calls[id(mod)].pop().output_shape = _shape(output)
        running.pop()

    def functional(layer: nn.Module, shape: tuple[int, ...]) -> None:
        owner = running[-1]
        if owner is module or list(owner.children()):  # not the inside of a leaf module
            prefix = names[id(owner)]
            name = f"{prefix}.F.{type(layer).__name__.lower()}" if prefix else f"F.{type(layer).__name__.lower()}"
            calls.append(Call(name, layer, shape, shape, order=len(calls)))

    handles = []
    for mod in module.modules():
        if mod is not module:
            handles += [mod.register_forward_pre_hook(before), mod.register_forward_hook(after)]
    parameter = next(module.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    training = {m: m.training for m in module.modules()}
    try:
        module.eval()
        with torch.no_grad(), _FunctionalLayers(functional):
            module(torch.zeros(size, device=device))
    finally:
        for handle in handles:
            handle.remove()
        for m, mode in training.items():
            m.training = mode
    return calls


# --------------------------------------------------------------------------- labels


def _pair(value) -> tuple[int, int]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _kernel(value) -> str:
    h, w = _pair(value)
    return f"{h}×{w}"


def _light(module: nn.Module) -> str | None:
    """The suffix of a light layer, or None for a layer drawn as its own box."""
    for kind, suffix in LIGHT_LAYERS.items():
        if isinstance(module, kind):
            return suffix
    if type(module).__name__.lower().endswith(("relu", "tanh", "sigmoid")):
        return type(module).__name__
    return None


def _describe(module: nn.Module, w: dict[str, str], inner: Sequence[Call] = ()) -> tuple[str, str]:
    """``(label, kind)`` of one layer; kind is conv, pool, fc, block or other. A composite
    module with one conv or linear layer inside (``inner``: its leaf calls) is labelled by that
    layer and the light layers around it ("Conv 1×1 + BN + ReLU")."""
    if isinstance(module, nn.Conv2d):
        text = f"{w['conv']} {_kernel(module.kernel_size)}"
        stride, padding = _pair(module.stride), module.padding
        if stride != (1, 1):
            text += f", s={stride[0] if stride[0] == stride[1] else stride}"
        if isinstance(padding, str) or _pair(padding) != (0, 0):
            padding = padding if isinstance(padding, str) else _pair(padding)
            text += f", p={padding[0] if not isinstance(padding, str) and padding[0] == padding[1] else padding}"
        if module.groups > 1:
            text += f", groups={module.groups}"
        return text, "conv"
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        word = w["max_pool"] if isinstance(module, nn.MaxPool2d) else w["avg_pool"]
        text = f"{word} {_kernel(module.kernel_size)}, s={_pair(module.stride)[0]}"
        if _pair(module.padding) != (0, 0):
            text += f", p={_pair(module.padding)[0]}"
        return text + (", ceil_mode" if module.ceil_mode else ""), "pool"
    if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        return f"{w['adaptive_avg_pool']} → {_kernel(module.output_size)}", "pool"
    if isinstance(module, nn.Linear):
        return f"{w['fc']} {module.in_features:,} → {module.out_features:,}", "fc"
    heavy = [c for c in inner if _light(c.module) is None]
    if len(heavy) == 1:
        label, kind = _describe(heavy[0].module, w)
        return " + ".join([label, *(_light(c.module) for c in inner if c is not heavy[0] and _light(c.module))]), kind
    text = type(module).__name__
    if hasattr(module, "kernel_size"):
        text += f" {_kernel(module.kernel_size)}"
    return text, "block" if list(module.children()) else "other"


def _dims(shape: Sequence[int]) -> str:
    return " × ".join(str(n) for n in shape[1:])


# --------------------------------------------------------------------------- drawing

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


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width in pixels: wide (CJK) characters take a full em, others 0.6 em.

    >>> from cnnref.diagrams import text_width
    >>> text_width("ab", 10), text_width("池化", 10)
    (12.0, 20.0)
    """
    return float(sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in text))


@dataclass
class _Canvas:
    parts: list[str] = field(default_factory=list)

    def rect(self, x, y, w, h, cls="box", rx=4) -> None:
        self.parts.append(f'<rect class="box {cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}"/>')

    def text(self, x, y, text, cls="", anchor="start") -> None:
        self.parts.append(
            f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle">{html.escape(str(text))}</text>'
        )

    def line(self, points, cls="edge", head=False) -> None:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline class="{cls}" points="{path}"/>')
        if head:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self.arrowhead(x1, y1, "down" if y1 > y0 else "up" if y1 < y0 else "right" if x1 > x0 else "left")

    def arrowhead(self, x, y, direction="down") -> None:
        tip = {"down": ((x - 4, y - 6), (x + 4, y - 6)), "up": ((x - 4, y + 6), (x + 4, y + 6)),
               "right": ((x - 6, y - 4), (x - 6, y + 4)), "left": ((x + 6, y - 4), (x + 6, y + 4))}[direction]
        (ax, ay), (bx, by) = tip
        self.parts.append(f'<polygon class="head" points="{x:.1f},{y:.1f} {ax:.1f},{ay:.1f} {bx:.1f},{by:.1f}"/>')

    def svg(self, width: float, height: float, title: str) -> str:
        return (
            f'<svg class="cnnref-svg" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" style="max-width:100%;height:auto">'
            f"<title>{html.escape(title)}</title>{STYLE}{''.join(self.parts)}</svg>"
        )


# --------------------------------------------------------------------------- networks


@dataclass
class _Row:
    name: str
    label: str
    kind: str
    shape: tuple[int, ...]
    group: str = ""  # the container of a run of identical blocks
    count: int = 1


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


def _leaves(calls: list[Call], name: str) -> list[Call]:
    """The calls of leaf modules (and functional activations) inside module ``name``."""
    return [c for c in calls if c.name.startswith(name + ".") and not list(c.module.children())]


def _network_rows(calls: list[Call], units: dict[int, str], w: dict[str, str]) -> list[_Row]:
    rows: list[_Row] = []
    children: dict[str, list[Call]] = {}
    for call in calls:
        parent = call.name.rpartition(".")[0]
        children.setdefault(parent, []).append(call)
    for call in (c for c in calls if id(c.module) in units or c.name.startswith("F.")):
        suffix = _light(call.module)
        if suffix is not None:
            if rows:
                if suffix:
                    rows[-1].label += f" + {suffix}"
                rows[-1].shape = call.output_shape or rows[-1].shape
            continue
        label, kind = _describe(call.module, w, _leaves(calls, call.name))
        branches = [c for c in children.get(call.name, []) if c.name.rsplit(".", 1)[-1].startswith("branch")]
        if branches:
            label = f"{type(call.module).__name__}: " + w["branches"].format(
                channels=" + ".join(str(c.output_shape[1]) for c in branches))
        previous = rows[-1] if rows else None
        group, kind_name = units[id(call.module)], type(call.module).__name__
        if kind == "block" and group and previous is not None and previous.group == group:
            previous.count += 1
            previous.name, previous.shape = group, call.output_shape
            previous.label = w["blocks"].format(n=previous.count, kind=kind_name)
            continue
        rows.append(_Row(call.name, label, kind, call.output_shape, group if kind == "block" else ""))
    return rows


def network_svg(model: ModelLike, input_size: tuple[int, ...] | None = None, *, lang: str = "en",
                title: str | None = None) -> str:
    """The network as a column of boxes, one per layer or block in the order they run, each
    with its module name and output shape; light layers (ReLU, BN, LRN, dropout) are written
    after the layer they follow, and runs of identical blocks (ResNet's ``layer1``…) are one box.

    网络结构图：按执行顺序每层（或每个块）一个方框，写出模块名与输出形状；ReLU、BN、LRN、
    丢弃法等写在前一层后面，ResNet 的 ``layer1`` 等同类块的连续序列合成一个方框。

    >>> from cnnref.diagrams import network_svg
    >>> svg = network_svg("resnet50", lang="zh")
    >>> "3 个 Bottleneck" in svg and "2048 × 7 × 7" in svg
    True
    """
    w = _words(lang)
    module, size = resolve(model, input_size)
    calls = trace(module, size)
    rows = [_Row("", w["input"], "io", size)] + _network_rows(calls, _units(module), w)
    name_w = max(text_width(r.name, 12) for r in rows) + 24
    label_w = max(text_width(r.label) for r in rows) + 24
    shape_w = max([text_width(_dims(r.shape)) for r in rows] + [text_width(w["shape"], 11)]) + 16
    width, row_h, gap, top = name_w + label_w + shape_w, 26, 12, 22
    canvas = _Canvas()
    canvas.text(10, 10, w["layer"], "small muted")
    canvas.text(name_w, 10, w["what"], "small muted")
    canvas.text(width - 10, 10, w["shape"], "small muted", anchor="end")
    for i, row in enumerate(rows):
        y = top + i * (row_h + gap)
        canvas.rect(0.5, y, width - 1, row_h, row.kind)
        canvas.text(10, y + row_h / 2, row.name, "mono muted")
        canvas.text(name_w, y + row_h / 2, row.label)
        canvas.text(width - 10, y + row_h / 2, _dims(row.shape), "mono", anchor="end")
        if i:
            canvas.line([(name_w - 12, y - gap), (name_w - 12, y)], head=True)
    height = top + len(rows) * (row_h + gap) - gap + 1
    name = model if isinstance(model, str) else type(model).__name__
    return canvas.svg(width, height, title or w["network_title"].format(name=name))


# --------------------------------------------------------------------------- blocks


def _chain(calls: list[Call], w: dict[str, str]) -> list[_Row]:
    """Leaf calls as boxes, light layers merged into the box before them."""
    rows: list[_Row] = []
    for call in calls:
        suffix = _light(call.module)
        if suffix is not None and rows:
            rows[-1].label += f" + {suffix}" if suffix else ""
            continue
        label, kind = _describe(call.module, w)
        rows.append(_Row(call.name.rsplit(".", 1)[-1], label, kind, call.output_shape))
    return rows


def _box_column(canvas: _Canvas, rows: list[_Row], x: float, y: float, col_w: float) -> float:
    """Two-line boxes (label, shape) with arrows between them; returns the bottom y."""
    box_h, gap = 40, 16
    for i, row in enumerate(rows):
        if i:
            canvas.line([(x + col_w / 2, y - gap), (x + col_w / 2, y)], head=True)
        canvas.rect(x, y, col_w, box_h, row.kind)
        canvas.text(x + col_w / 2, y + 13, row.label, anchor="middle")
        canvas.text(x + col_w / 2, y + 29, _dims(row.shape), "mono muted", anchor="middle")
        y += box_h + gap
    return y - gap


def block_svg(model: ModelLike, block: str, input_size: tuple[int, ...] | None = None, *,
              lang: str = "en", title: str | None = None) -> str:
    """One block of a network drawn as its branches: the four branches of an inception
    module joined by a channel concatenation, or the main path and the shortcut (a projection,
    or the identity mapping) of a residual block joined by an addition and the final ReLU.
    ``block`` is the module's qualified name (``"inception3a"``, ``"layer2.0"``).

    把网络中的一个块画成分支：inception 模块的四个分支按通道拼接；残差块的主路径与捷径连接
    （投影或恒等映射）相加后再经过 ReLU。``block`` 是模块的限定名。

    >>> from cnnref.diagrams import block_svg
    >>> svg = block_svg("resnet50", "layer2.0", lang="en")
    >>> "Shortcut" in svg and "512 × 28 × 28" in svg
    True
    """
    w = _words(lang)
    module, size = resolve(model, input_size)
    calls = trace(module, size)
    target = next((c for c in calls if c.name == block), None)
    if target is None:
        names = [c.name for c in calls if isinstance(c.module, nn.Module) and list(c.module.children())]
        raise ValueError(f"no module named {block!r} runs in this model; blocks that run: {names[:12]}…")
    inside = _leaves(calls, block)
    kids = dict(target.module.named_children())
    branch_names = [n for n in kids if n.startswith("branch")]
    canvas = _Canvas()
    in_h, top = 30, 0
    if branch_names:
        columns = [_chain([c for c in inside if c.name.startswith(f"{block}.{b}.") or c.name == f"{block}.{b}"], w)
                   for b in branch_names]
        col_ws = [max(140, max(max(text_width(r.label), text_width(_dims(r.shape))) for r in col) + 24) for col in columns]
        width = sum(col_ws) + 16 * (len(col_ws) - 1)
        xs = [sum(col_ws[:i]) + 16 * i for i in range(len(col_ws))]
        _io_box(canvas, 0, top, width, in_h, f"{block} · {w['input']}", target.input_shape)
        bottoms = []
        for name, col, x, cw in zip(branch_names, columns, xs, col_ws):
            canvas.line([(width / 2, top + in_h), (width / 2, top + in_h + 10), (x + cw / 2, top + in_h + 10),
                         (x + cw / 2, top + in_h + 40)], head=True)
            canvas.text(x + cw / 2 + 5, top + in_h + 24, name, "mono small muted")
            bottoms.append(_box_column(canvas, col, x, top + in_h + 40, cw))
        join = max(bottoms) + 30
        for x, cw, bottom in zip(xs, col_ws, bottoms):
            canvas.line([(x + cw / 2, bottom), (x + cw / 2, join - 10), (width / 2, join - 10), (width / 2, join)], head=True)
        _io_box(canvas, 0, join, width, in_h, w["concat"], target.output_shape, cls="block")
        height = join + in_h + 1
    else:
        shortcut_name = next((n for n in ("downsample", "shortcut") if n in kids), None)
        main = [c for c in inside if not (shortcut_name and c.name.startswith(f"{block}.{shortcut_name}"))]
        final = main.pop() if main and _light(main[-1].module) else None  # the activation after the addition
        main_rows = _chain(main, w)
        short_calls = [c for c in inside if shortcut_name and c.name.startswith(f"{block}.{shortcut_name}")]
        short_rows = _chain(short_calls, w) if short_calls else []
        main_w = max(170, max(max(text_width(r.label), text_width(_dims(r.shape))) for r in main_rows) + 24)
        short_w = max([150, text_width(w["shortcut"], 11) * 2 + 24]
                      + [max(text_width(r.label), text_width(_dims(r.shape))) + 24 for r in short_rows])
        width = main_w + 40 + short_w
        _io_box(canvas, 0, top, width, in_h, f"{block} · {w['input']}", target.input_shape)
        start = top + in_h + 40
        canvas.text(main_w / 2 + 6, start - 16, w["main_path"], "small muted")
        canvas.text(main_w + 40 + short_w / 2 + 6, start - 16, w["shortcut"], "small muted")
        canvas.line([(main_w / 2, top + in_h), (main_w / 2, start)], head=True)
        bottom = _box_column(canvas, main_rows, 0, start, main_w)
        sx = main_w + 40 + short_w / 2
        add_y = bottom + 34
        if short_rows:
            canvas.line([(sx, top + in_h), (sx, start)], head=True)
            short_bottom = _box_column(canvas, short_rows, main_w + 40, start, short_w)
            canvas.line([(sx, short_bottom), (sx, add_y), (main_w / 2 + 12, add_y)], head=True)
        else:
            canvas.line([(sx, top + in_h), (sx, add_y), (main_w / 2 + 12, add_y)], cls="edge dashed", head=True)
            canvas.text(sx - 6, (start + add_y) / 2, w["identity"], "small", anchor="end")
        canvas.line([(main_w / 2, bottom), (main_w / 2, add_y - 12)], head=True)
        canvas.parts.append(f'<circle class="box block" cx="{main_w / 2:.1f}" cy="{add_y:.1f}" r="12"/>')
        canvas.text(main_w / 2, add_y + 1, "+", anchor="middle")
        canvas.text(main_w / 2 + 20, add_y - 12, w["add"], "small muted")
        out_y = add_y + 40
        canvas.line([(main_w / 2, add_y + 12), (main_w / 2, out_y)], head=True)
        label = w["output"] + (f" (+ {_light(final.module)})" if final is not None else "")
        _io_box(canvas, 0, out_y, width, in_h, label, target.output_shape, cls="block")
        height = out_y + in_h + 1
    name = model if isinstance(model, str) else type(model).__name__
    return canvas.svg(width + 1, height, title or w["block_title"].format(name=name, block=block))


def _io_box(canvas: _Canvas, x, y, width, h, label, shape, cls="io") -> None:
    canvas.rect(x + 0.5, y + 0.5, width - 1, h, cls)
    canvas.text(x + 12, y + h / 2, label)
    canvas.text(x + width - 12, y + h / 2, _dims(shape), "mono", anchor="end")


# --------------------------------------------------------------------------- concept figures

SEED_EXAMPLE = ((3, 1, 4), (2, 5, 7), (9, 6, 8))
CELL = 34


def _grid(canvas: _Canvas, x, y, values, classes=None, cell=CELL) -> None:
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
    w = _words(lang)
    x = torch.tensor(values, dtype=torch.float32)[None, None]
    height, width = x.shape[-2:]
    canvas = _Canvas()
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
    w = _words(lang)
    if len(pad) != 4:
        raise ValueError(f"pad must be (left, right, top, bottom), got {tuple(pad)!r}")
    left, right, top, bottom = pad
    x = torch.tensor(values, dtype=torch.float32)[None, None]
    padded = F.pad(x, tuple(pad))[0, 0]
    height, width = padded.shape
    inner = [[top <= r < height - bottom and left <= c < width - right for c in range(width)] for r in range(height)]
    classes = [["conv" if inner[r][c] else "pad" for c in range(width)] for r in range(height)]
    sides = ", ".join(f"{w[s]} {n}" for s, n in zip(("left", "right", "top", "bottom"), pad))
    canvas = _Canvas()
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
    w = _words(lang)
    with torch.device("meta"):
        weight_shape = tuple(nn.Conv2d(in_channels, out_channels, kernel_size=1).weight.shape)
    canvas = _Canvas()
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


FIGURES: dict[str, Callable[..., str]] = {
    "pooling-ceil-mode": pooling_svg,
    "pad-sides": pad_svg,
    "conv1x1-channels": conv1x1_svg,
}


def figure_svg(name: str, *, lang: str = "en") -> str:
    """A concept figure by name (the names of :data:`FIGURES`).

    >>> from cnnref.diagrams import FIGURES, figure_svg
    >>> sorted(FIGURES)
    ['conv1x1-channels', 'pad-sides', 'pooling-ceil-mode']
    >>> figure_svg("pad-sides", lang="en").startswith("<svg")
    True
    """
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r}; known figures: {sorted(FIGURES)}")
    return FIGURES[name](lang=lang)
