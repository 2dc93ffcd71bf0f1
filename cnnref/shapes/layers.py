"""The sliding window of a PyTorch layer (kernel, stride, padding, dilation, rounding), read once
for every tool that walks a model: the receptive field, the diagrams, the input-size arithmetic.

PyTorch layers store these as an int or a tuple, and pooling stores no dilation when it has none;
``layer_window`` returns them one entry per spatial dimension. This module never imports torch: a
torch layer can only exist once torch has been imported, so it looks torch up in ``sys.modules``
(the ``cnnref shape`` command starts without torch).

PyTorch 层的滑动窗口（卷积核、步幅、填充、膨胀、取整方式），供所有遍历模型的工具共用：感受野、
结构图、输入尺寸的推算。每个空间维度一项。本模块不导入 torch。
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

from cnnref._args import check_bool, per_dim, spatial_size
from cnnref.shapes.output_size import avg_pool_output_size, conv_output_size, pool_output_size
from cnnref.shapes.padding import conv_padding

WindowKind = Literal["conv", "max_pool", "avg_pool"]


@dataclass(frozen=True)
class LayerWindow:
    """The window of one convolution or pooling layer, one entry per spatial dimension.

    ``padding`` is per side, as PyTorch stores it, or the word ``"same"`` or ``"valid"`` of a
    convolution; ``padding_sides`` resolves the words. Average pooling has no dilation: 1.

    一个卷积层或池化层的窗口，每个空间维度一项。``padding`` 是每一侧的数量（与 PyTorch 相同），
    或卷积的 ``"same"``、``"valid"``。

    >>> from cnnref.shapes import LayerWindow
    >>> window = LayerWindow("max_pool", kernel_size=(3, 3), stride=(2, 2), padding=(0, 0),
    ...                      dilation=(1, 1), ceil_mode=True)
    >>> window.output_size(56)
    (28, 28)
    """

    kind: WindowKind
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...] | str
    dilation: tuple[int, ...]
    ceil_mode: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("conv", "max_pool", "avg_pool"):
            raise ValueError(f"kind must be 'conv', 'max_pool' or 'avg_pool', got {self.kind!r}")
        if isinstance(self.padding, str) and self.kind != "conv":
            raise ValueError(f"padding {self.padding!r} is a convolution's; pooling takes ints, one per side")

    @property
    def ndim(self) -> int:
        """The number of spatial dimensions."""
        return len(self.kernel_size)

    def padding_sides(self) -> tuple[tuple[int, int], ...]:
        """``(before, after)`` padding per dimension, ``"same"`` and ``"valid"`` resolved.

        每个维度的 ``(前, 后)`` 填充。

        >>> from cnnref.shapes import LayerWindow
        >>> LayerWindow("conv", (4, 3), (1, 1), "same", (1, 1)).padding_sides()
        ((1, 2), (1, 1))
        """
        return conv_padding(self.padding, self.kernel_size, self.stride, self.dilation)

    def output_size(self, size: int | tuple[int, ...]) -> tuple[int, ...]:
        """The spatial output size for a spatial input ``size`` (an int: the same in every
        dimension), by the arithmetic of ``conv_output_size`` and ``pool_output_size``.

        按本模块的公式求输出的空间尺寸；``size`` 为整数时表示每个维度都取这个值。

        Args:
            size: ``(H, W)`` for a 2-d layer, or one int for every dimension.

        Returns:
            The output size, one entry per dimension.

        Raises:
            ValueError: where PyTorch would fail (the window does not fit).
        """
        sizes = spatial_size((size,) * self.ndim if isinstance(size, int) else size)[0]
        if self.kind == "conv":
            return _as_tuple(conv_output_size(sizes, self.kernel_size, self.stride, self.padding, self.dilation))
        padding = tuple(before for before, _ in self.padding_sides())  # pooling pads both sides alike
        if self.kind == "max_pool":
            out = pool_output_size(sizes, self.kernel_size, self.stride, padding, self.dilation, self.ceil_mode)
        else:
            out = avg_pool_output_size(sizes, self.kernel_size, self.stride, padding, self.ceil_mode)
        return _as_tuple(out)


def _as_tuple(size: int | tuple[int, ...]) -> tuple[int, ...]:
    """The shape functions give a tuple back for a tuple size; this says so to the type checker."""
    return size if isinstance(size, tuple) else (size,)


def _classes() -> dict[type, tuple[WindowKind, int]] | None:
    """The torch layer classes with a window, their kind and number of dimensions; None without torch."""
    nn = getattr(sys.modules.get("torch"), "nn", None)
    if nn is None:
        return None
    return {
        nn.Conv1d: ("conv", 1), nn.Conv2d: ("conv", 2), nn.Conv3d: ("conv", 3),
        nn.MaxPool1d: ("max_pool", 1), nn.MaxPool2d: ("max_pool", 2), nn.MaxPool3d: ("max_pool", 3),
        nn.AvgPool1d: ("avg_pool", 1), nn.AvgPool2d: ("avg_pool", 2), nn.AvgPool3d: ("avg_pool", 3),
    }


def layer_window(layer: object) -> LayerWindow | None:
    """The window of a convolution (``nn.Conv1d/2d/3d`` and their lazy forms) or a max or average
    pooling layer (``nn.MaxPool1d/2d/3d``, ``nn.AvgPool1d/2d/3d``); None for any other layer
    (activations, normalization, adaptive pooling, transposed convolutions, containers).

    卷积层或最大/平均池化层的窗口；其他层（激活、归一化、自适应池化、转置卷积、容器）返回 None。

    >>> from torch import nn
    >>> from cnnref.shapes import layer_window
    >>> layer_window(nn.MaxPool2d(3, stride=2, ceil_mode=True))
    LayerWindow(kind='max_pool', kernel_size=(3, 3), stride=(2, 2), padding=(0, 0), dilation=(1, 1), ceil_mode=True)
    >>> layer_window(nn.Conv2d(3, 64, 7, stride=2, padding=3)).output_size(224)
    (112, 112)
    >>> layer_window(nn.ReLU()) is None
    True
    """
    classes = _classes() or {}
    found = next(((kind, ndim) for cls, (kind, ndim) in classes.items() if isinstance(layer, cls)), None)
    if found is None:
        return None
    kind, ndim = found
    padding = getattr(layer, "padding")
    return LayerWindow(
        kind=kind,
        kernel_size=per_dim("kernel_size", getattr(layer, "kernel_size"), ndim, 1),
        stride=per_dim("stride", getattr(layer, "stride"), ndim, 1),
        padding=padding if isinstance(padding, str) else per_dim("padding", padding, ndim, 0),
        dilation=per_dim("dilation", getattr(layer, "dilation", 1), ndim, 1),
        ceil_mode=check_bool("ceil_mode", getattr(layer, "ceil_mode", False)),
    )
