"""What a box says: the label of a layer or block, read from the module itself, and the rows of
boxes that network and block pictures draw.

方框里写什么：层或块的标签（从模块本身读出），以及网络图与块图所画的一行行方框。
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from torch import nn

from cnnref.analysis import Call
from cnnref.shapes import LayerWindow, layer_window

# Layers drawn as a suffix of the layer before them ("Conv 3×3 + BN + ReLU").
LIGHT_LAYERS: dict[type[nn.Module], str] = {
    nn.ReLU: "ReLU", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.BatchNorm2d: "BN", nn.BatchNorm1d: "BN",
    nn.LocalResponseNorm: "LRN", nn.Dropout: "Dropout", nn.Flatten: "", nn.Identity: "",
}


@dataclass
class Row:
    """One box: the module's (short) name, its label, its kind (the colour) and output shape;
    ``group`` and ``count`` merge a run of identical blocks of one container into one box."""

    name: str
    label: str
    kind: str
    shape: tuple[int, ...]
    group: str = ""
    count: int = 1


def light(module: nn.Module) -> str | None:
    """The suffix of a light layer (``"BN"``, ``"ReLU"``, ``""`` for one drawn as nothing), or None
    for a layer drawn as its own box."""
    for kind, suffix in LIGHT_LAYERS.items():
        if isinstance(module, kind):
            return suffix
    if type(module).__name__.lower().endswith(("relu", "tanh", "sigmoid")):
        return type(module).__name__
    return None


def _one(values: tuple[int, ...]) -> int | tuple[int, ...]:
    """One value where every dimension has the same, else the tuple."""
    return values[0] if len(set(values)) == 1 else values


def _pair(value: object) -> str:
    """``7`` or ``(7, 7)`` → ``7×7``."""
    values = value if isinstance(value, (tuple, list)) else (value, value)
    return "×".join(map(str, values))


def _window_label(module: nn.Module, window: LayerWindow, w: dict[str, str]) -> str:
    """``Conv 3×3, s=2, p=1`` or ``Max pool 3×3, s=2, ceil_mode``."""
    text = f"{w[window.kind]} {_pair(window.kernel_size)}"
    padding = window.padding
    if window.kind == "conv":
        if set(window.stride) != {1}:
            text += f", s={_one(window.stride)}"
        if isinstance(padding, str) or set(padding) != {0}:
            text += f", p={padding if isinstance(padding, str) else _one(padding)}"
        groups = getattr(module, "groups", 1)
        return text + (f", groups={groups}" if groups > 1 else "")
    text += f", s={_one(window.stride)}"
    if not isinstance(padding, str) and set(padding) != {0}:
        text += f", p={_one(padding)}"
    return text + (", ceil_mode" if window.ceil_mode else "")


def describe(module: nn.Module, w: dict[str, str], inner: Sequence[Call] = ()) -> tuple[str, str]:
    """``(label, kind)`` of one layer; kind is conv, pool, fc, block or other. A composite module
    with one conv or linear layer inside (``inner``: its leaf calls) is labelled by that layer and
    the light layers around it ("Conv 1×1 + BN + ReLU")."""
    window = layer_window(module)
    if window is not None:
        return _window_label(module, window, w), "conv" if window.kind == "conv" else "pool"
    if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        word = w["adaptive_avg_pool" if isinstance(module, nn.AdaptiveAvgPool2d) else "adaptive_max_pool"]
        return f"{word} → {_pair(module.output_size)}", "pool"
    if isinstance(module, nn.Linear):
        return f"{w['fc']} {module.in_features:,} → {module.out_features:,}", "fc"
    heavy = [c for c in inner if light(c.module) is None]
    if len(heavy) == 1:
        label, kind = describe(heavy[0].module, w)
        return " + ".join([label, *(s for c in inner if c is not heavy[0] and (s := light(c.module)))]), kind
    text = type(module).__name__ + (f" {_pair(module.kernel_size)}" if hasattr(module, "kernel_size") else "")
    return text, "block" if list(module.children()) else "other"


def leaves(calls: list[Call], name: str) -> list[Call]:
    """The calls of leaf modules (and functional activations) inside module ``name``."""
    return [c for c in calls if c.name.startswith(name + ".") and not list(c.module.children())]


def chain(calls: list[Call], w: dict[str, str]) -> list[Row]:
    """Leaf calls as boxes, light layers merged into the box before them."""
    rows: list[Row] = []
    for call in calls:
        suffix = light(call.module)
        if suffix is not None and rows:
            rows[-1].label += f" + {suffix}" if suffix else ""
            continue
        label, kind = describe(call.module, w)
        rows.append(Row(call.name.rsplit(".", 1)[-1], label, kind, call.output_shape))
    return rows
