"""Measure a model: parameters, multiply-adds (MACs), FLOPs and a per-layer table.

Counting convention, stated once and used everywhere: ``torch.utils.flop_counter``
counts the convolutions and matrix products of a forward pass and reports **2 FLOPs per
multiply-add**, so ``macs = flops // 2``. Pooling, activations and batch norm are not
counted. torchvision's model tables call their column "GFLOPS" but list GMACs
(resnet50: 4.089).

A model given by name is built on the ``meta`` device: shapes and counts without memory or
time spent on weights.

模型分析：参数量、乘加次数（MACs）、浮点运算次数（FLOPs）与逐层表。
``torch.utils.flop_counter`` 对每次乘加计 2 个 FLOPs，因此 ``macs = flops // 2``；
池化、激活和批量归一化不计入。按名字给出的模型在 ``meta`` 设备上构建。
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch
import torch.nn.functional as F
import torchinfo
from torch import nn
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_flatten
from torch.utils.flop_counter import FlopCounterMode

from .models import model_info

ModelLike = nn.Module | str


@dataclass(frozen=True)
class Complexity:
    """Parameters and compute of one model at one input size.

    一个模型在给定输入尺寸下的参数量与计算量。
    """

    input_size: tuple[int, ...]
    parameters: int
    trainable_parameters: int
    macs: int

    @property
    def flops(self) -> int:
        """FLOPs as ``torch.utils.flop_counter`` counts them: 2 per multiply-add."""
        return 2 * self.macs


@dataclass(frozen=True)
class LayerRow:
    """One row of a per-layer table (``name`` is the module's qualified name).

    逐层表中的一行（``name`` 是模块的限定名）。
    """

    name: str
    kind: str
    depth: int
    output_shape: tuple[int, ...]
    parameters: int
    macs: int


def _module(model: ModelLike) -> nn.Module:
    """The module itself, or the named model built on the ``meta`` device."""
    if isinstance(model, str):
        with torch.device("meta"):
            return model_info(model).builder()
    if not isinstance(model, nn.Module):
        raise TypeError(f"expected an nn.Module or a model name, got {type(model).__name__}")
    return model


def resolve(model: ModelLike, input_size: tuple[int, ...] | None = None) -> tuple[nn.Module, tuple[int, ...]]:
    """A module and a full ``(N, C, H, W)`` input size; a name is built on ``meta``
    and defaults to its documented input size with a batch of one.

    返回模块与完整的输入尺寸；按名字给出时在 ``meta`` 设备上构建，默认使用文档中的输入尺寸。

    >>> from cnnref.analysis import resolve
    >>> model, size = resolve("alexnet")
    >>> size, next(model.parameters()).device.type
    ((1, 3, 224, 224), 'meta')
    """
    module = _module(model)
    if input_size is None:
        if not isinstance(model, str):
            raise ValueError("input_size is required for a module, e.g. (1, 3, 224, 224)")
        input_size = (1, *model_info(model).input_size)
    return module, tuple(input_size)


def _device(module: nn.Module) -> torch.device:
    tensor = next(module.parameters(), None)
    if tensor is None:
        tensor = next(module.buffers(), None)
    return tensor.device if tensor is not None else torch.device("cpu")


@contextmanager
def _inference(module: nn.Module) -> Iterator[None]:
    """Eval mode and no autograd for the count, the caller's modes restored afterwards."""
    modes = {m: m.training for m in module.modules()}
    module.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        for m, training in modes.items():
            m.training = training


def _flops_by_module(module: nn.Module, input_size: tuple[int, ...]) -> dict[str, int]:
    """FLOPs per qualified module name (``""`` is the whole model)."""
    x = torch.zeros(input_size, device=_device(module))
    with _inference(module), FlopCounterMode(display=False) as counter:
        module(x)
    root = type(module).__name__
    counts = {}
    for key, per_op in counter.get_flop_counts().items():
        if key == root:
            counts[""] = sum(per_op.values())
        elif key.startswith(root + "."):
            counts[key[len(root) + 1 :]] = sum(per_op.values())
    counts.setdefault("", 0)
    return counts


def count_parameters(model: ModelLike) -> tuple[int, int]:
    """``(total, trainable)`` parameter counts.

    返回 ``(总参数量, 可训练参数量)``。

    >>> from cnnref.analysis import count_parameters
    >>> count_parameters("alexnet")
    (61100840, 61100840)
    """
    module = _module(model)
    total = sum(p.numel() for p in module.parameters())
    trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
    return total, trainable


def complexity(model: ModelLike, input_size: tuple[int, ...] | None = None) -> Complexity:
    """Parameters, MACs and FLOPs of ``model`` at ``input_size`` (see the module docstring
    for what is counted).

    计算参数量、MACs 与 FLOPs。

    >>> from cnnref.analysis import complexity
    >>> c = complexity("alexnet")
    >>> c.macs, c.flops
    (714188480, 1428376960)
    """
    module, size = resolve(model, input_size)
    total, trainable = count_parameters(module)
    return Complexity(size, total, trainable, _flops_by_module(module, size)[""] // 2)


class _WeightLayerDepth(TorchFunctionMode):
    """Tags every tensor of a forward pass with the number of convolutions and linear
    layers on the longest path that produced it."""

    WEIGHTED = frozenset({F.conv1d, F.conv2d, F.conv3d, F.conv_transpose2d, F.linear})

    def __init__(self) -> None:
        super().__init__()
        self.depth: dict[int, int] = {}
        self._alive: list[torch.Tensor] = []  # keeps ids unique while the pass runs

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        inputs = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
        depth = max((self.depth.get(id(t), 0) for t in inputs), default=0)
        depth += func in self.WEIGHTED
        for t in tree_flatten(out)[0]:
            if isinstance(t, torch.Tensor):
                self.depth[id(t)] = depth
                self._alive.append(t)
        return out


def weight_layer_depth(model: ModelLike, input_size: tuple[int, ...] | None = None) -> int:
    """Convolution and fully connected layers on the longest input-to-output path (eval
    mode): the depth papers quote, which for branching networks is not the number of layers.

    输入到输出最长路径上的卷积层与全连接层个数（评估模式），即论文所说的“深度”。

    >>> from cnnref.analysis import weight_layer_depth
    >>> weight_layer_depth("alexnet")
    8
    """
    module, size = resolve(model, input_size)
    x = torch.zeros(size, device=_device(module))
    with _inference(module), _WeightLayerDepth() as tracker:
        out = module(x)
    return max(tracker.depth.get(id(t), 0) for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor))


def layer_table(
    model: ModelLike, input_size: tuple[int, ...] | None = None, depth: int = 1
) -> list[LayerRow]:
    """The per-layer table, in execution order, down to ``depth`` levels of nesting.

    Shapes and parameters come from torchinfo; MACs from ``torch.utils.flop_counter``, the
    counter of :func:`complexity`, so the top-level rows add up to its total. A row's
    parameters and MACs include those of the layers nested in it.
    逐层表（按执行顺序）：形状和参数量来自 torchinfo，MACs 来自 ``torch.utils.flop_counter``。

    >>> from cnnref.analysis import layer_table
    >>> row = layer_table("alexnet")[0]
    >>> row.name, row.output_shape
    ('features', (1, 256, 6, 6))
    """
    if not isinstance(depth, int) or depth < 1:
        raise ValueError(f"depth must be an int >= 1, got {depth!r}")
    module, size = resolve(model, input_size)
    names = {id(m): name for name, m in module.named_modules(remove_duplicate=False)}
    flops = _flops_by_module(module, size)
    with _inference(module):
        summary = torchinfo.summary(module, input_size=size, device=_device(module), depth=depth, verbose=0)
    rows = []
    for layer in summary.summary_list:
        if layer.depth == 0 or layer.depth > depth or not layer.executed:
            continue
        name = names[id(layer.module)]
        rows.append(
            LayerRow(
                name=name,
                kind=layer.class_name,
                depth=layer.depth,
                output_shape=tuple(layer.output_size),
                parameters=layer.num_params,
                macs=flops.get(name, 0) // 2,
            )
        )
    return rows


HEADERS = {
    "en": ("Layer", "Type", "Output shape", "Parameters", "MACs", "input", "Total"),
    "zh": ("层", "类型", "输出形状", "参数量", "乘加次数（MACs）", "输入", "合计"),
}


def format_layer_table(
    rows: list[LayerRow], total: Complexity, lang: str = "en", style: str = "markdown"
) -> str:
    """Render rows as a Markdown table (for pages) or aligned text (for the terminal),
    with headers in ``lang`` (``"en"`` or ``"zh"``) and a total row.

    把逐层表渲染为 Markdown 表格或对齐的文本，表头使用 ``lang`` 指定的语言。

    >>> from cnnref.analysis import complexity, format_layer_table, layer_table
    >>> text = format_layer_table(layer_table("alexnet"), complexity("alexnet"), lang="zh")
    >>> text.splitlines()[0]
    '| 层 | 类型 | 输出形状 | 参数量 | 乘加次数（MACs） |'
    """
    if lang not in HEADERS:
        raise ValueError(f"lang must be one of {sorted(HEADERS)}, got {lang!r}")
    if style not in ("markdown", "text"):
        raise ValueError(f"style must be 'markdown' or 'text', got {style!r}")
    layer, kind, shape, params, macs, input_label, total_label = HEADERS[lang]
    indent = "&emsp;" if style == "markdown" else "  "
    body = [(input_label, "", str(total.input_size), "", "")]
    body += [
        (indent * (r.depth - 1) + (f"`{r.name}`" if style == "markdown" else r.name), r.kind, str(r.output_shape), f"{r.parameters:,}", f"{r.macs:,}")
        for r in rows
    ]
    body.append((total_label, "", "", f"{total.parameters:,}", f"{total.macs:,}"))
    header = (layer, kind, shape, params, macs)
    if style == "markdown":
        lines = ["| " + " | ".join(header) + " |", "| --- | --- | --- | ---: | ---: |"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(5)]
    align = [str.ljust, str.ljust, str.ljust, str.rjust, str.rjust]
    return "\n".join(
        "  ".join(align[i](c, widths[i]) for i, c in enumerate(row)).rstrip() for row in [header, *body]
    )
