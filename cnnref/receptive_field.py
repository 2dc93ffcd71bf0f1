"""Receptive field of a stack of 2-D convolution and pooling layers: size, jump and start.

二维卷积层与池化层堆叠后的感受野：大小（size）、跳距（jump）与起点（start）。

Layer by layer, with ``k`` the kernel size, ``s`` the stride, ``p`` the padding before
(top/left) and ``d`` the dilation (the recurrence of Araujo et al., "Computing receptive
fields of convolutional neural networks", Distill 2019):

    size  = size + d * (k - 1) * jump
    start = start - p * jump
    jump  = jump * s

starting from ``size = 1, jump = 1, start = 0`` at the input. Output position ``i`` then
sees input positions ``start + i * jump`` to ``start + i * jump + size - 1``; positions
below 0 or past the input lie in the padding. With dilation, or a stride larger than its
kernel, the field has holes: it is the bounding window of the inputs that matter.

逐层递推（``k`` 卷积核大小，``s`` 步幅，``p`` 前侧（上/左）填充，``d`` 膨胀），从输入处的
``size = 1, jump = 1, start = 0`` 开始。输出位置 ``i`` 看到输入位置 ``start + i * jump`` 到
``start + i * jump + size - 1``；小于 0 或超出输入的位置落在填充里。有膨胀，或者步幅大于
卷积核时，感受野内部有空洞：这里给出的是所有相关输入位置的外接窗口。

>>> from torch import nn
>>> from cnnref.receptive_field import receptive_field
>>> receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU(), nn.Conv2d(1, 1, 3)))
ReceptiveField(size=(5, 5), jump=(1, 1), start=(0, 0))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from torch import nn

from cnnref._args import per_dim
from cnnref.shapes import conv_padding, layer_window

__all__ = ["ReceptiveField", "receptive_field", "POINTWISE_LAYERS"]

POINTWISE_LAYERS: tuple[type[nn.Module], ...] = (
    nn.Identity,
    nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU, nn.Mish,
    nn.Sigmoid, nn.Tanh, nn.Hardtanh, nn.Hardswish, nn.Hardsigmoid, nn.Softplus,
    nn.BatchNorm2d, nn.LocalResponseNorm, nn.Dropout, nn.Dropout2d,
)
"""Layers that leave the receptive field unchanged: each output position depends on the
same position of the input only. ``BatchNorm2d`` counts as such, which is exact in eval
mode (running statistics); in training mode its batch statistics mix all positions, which
receptive-field arithmetic ignores by convention.

不改变感受野的层：每个输出位置只依赖输入的同一位置。"""

Pair = tuple[int, int]


@dataclass(frozen=True)
class ReceptiveField:
    """Receptive field of one output position, per dimension ``(height, width)``.

    - ``size``: how many input rows/columns the field spans;
    - ``jump``: how far apart (in input positions) neighbouring outputs are - the product of the strides;
    - ``start``: the first input row/column seen by output position ``(0, 0)``; negative means padding.

    每个输出位置的感受野，按维度给出 ``(高, 宽)``：``size`` 跨越的输入行/列数；``jump``
    相邻输出在输入上相距多远（各层步幅之积）；``start`` 输出位置 ``(0, 0)`` 看到的第一行/列，
    负数表示位于填充中。

    >>> from cnnref.receptive_field import ReceptiveField
    >>> field = ReceptiveField(size=(5, 5), jump=(2, 2), start=(-1, -1))
    >>> field.window(0, 3)
    (range(-1, 4), range(5, 10))
    """

    size: Pair
    jump: Pair
    start: Pair

    def window(self, row: int, col: int) -> tuple[range, range]:
        """Input rows and columns seen by output position ``(row, col)`` (may reach into the padding).

        输出位置 ``(row, col)`` 看到的输入行与列（可能延伸到填充中）。

        >>> from cnnref.receptive_field import ReceptiveField
        >>> ReceptiveField(size=(3, 3), jump=(1, 1), start=(0, 0)).window(2, 4)
        (range(2, 5), range(4, 7))
        """
        rows, cols = (
            range(start + i * jump, start + i * jump + size)
            for i, start, jump, size in zip((row, col), self.start, self.jump, self.size)
        )
        return rows, cols


LayerSpec = tuple  # (kernel_size, stride=1, padding=0, dilation=1), each an int or a pair


def _geometry(layer: nn.Module | LayerSpec) -> tuple[tuple[int, ...], ...] | None:
    """``(kernel, stride, padding_before, dilation)`` of one layer, or None for a pointwise layer."""
    if isinstance(layer, POINTWISE_LAYERS):
        return None
    window = layer_window(layer)
    if window is not None and window.ndim == 2:  # Conv2d (and LazyConv2d), MaxPool2d, AvgPool2d
        kernel, stride, padding, dilation = window.kernel_size, window.stride, window.padding, window.dilation
    elif isinstance(layer, tuple) and 1 <= len(layer) <= 4:
        kernel, stride, padding, dilation = list(layer) + [1, 0, 1][len(layer) - 1:]
    else:
        allowed = ", ".join(t.__name__ for t in (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, *POINTWISE_LAYERS))
        raise TypeError(
            f"cannot compute the receptive field through {layer!r}; allowed: nested nn.Sequential of "
            f"{allowed}, or tuples (kernel_size, stride, padding, dilation)"
        )
    kernel = per_dim("kernel_size", kernel, 2, 1)
    stride = per_dim("stride", stride, 2, 1)
    dilation = per_dim("dilation", dilation, 2, 1)
    before = tuple(pad_before for pad_before, _ in conv_padding(padding, kernel, stride, dilation))
    return kernel, stride, before, dilation


def _flatten(layers: nn.Module | Iterable) -> list:
    if isinstance(layers, nn.Sequential):
        return [leaf for layer in layers for leaf in _flatten(layer)]
    if isinstance(layers, (nn.Module, tuple)):
        return [layers]
    if isinstance(layers, Iterable) and not isinstance(layers, str):
        return [leaf for layer in layers for leaf in _flatten(layer)]
    raise TypeError(f"layers must be an nn.Module, a layer spec tuple or a list of them, got {layers!r}")


def receptive_field(layers: nn.Module | Iterable[nn.Module | LayerSpec]) -> ReceptiveField:
    """Receptive field of the last layer's output in ``layers``, applied in order.

    ``layers`` is an ``nn.Sequential`` (nested ones too), a single layer, or a list mixing
    modules and tuples ``(kernel_size, stride, padding, dilation)`` whose trailing entries
    may be left out (stride 1, padding 0, dilation 1). Modules: ``Conv2d`` (``padding``
    ``"same"`` counts the top/left half), ``MaxPool2d``, ``AvgPool2d`` and the pointwise
    layers of ``POINTWISE_LAYERS``; anything else raises ``TypeError``. ``ceil_mode``
    changes how many outputs there are, not what each one sees.

    按顺序计算 ``layers`` 最后一层输出的感受野。``layers`` 可以是 ``nn.Sequential``（可嵌套）、
    单个层，或由模块与元组 ``(kernel_size, stride, padding, dilation)`` 组成的列表
    （末尾几项可省略，默认步幅 1、填充 0、膨胀 1）。

    Args:
        layers: the stack, in the order the layers run.

    Returns:
        The receptive field of one output position of the last layer.

    Raises:
        TypeError: a layer that is not one of the kinds above.

    >>> from torch import nn
    >>> from cnnref.receptive_field import receptive_field
    >>> receptive_field([(3,), (3,), (3,)])                     # three 3x3 convolutions
    ReceptiveField(size=(7, 7), jump=(1, 1), start=(0, 0))
    >>> stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.BatchNorm2d(64), nn.ReLU(),
    ...                      nn.MaxPool2d(3, stride=2, padding=1))  # ResNet stem
    >>> field = receptive_field(stem)
    >>> field
    ReceptiveField(size=(11, 11), jump=(4, 4), start=(-5, -5))
    >>> field.window(0, 1)
    (range(-5, 6), range(-1, 10))
    """
    size, jump, start = [1, 1], [1, 1], [0, 0]
    for layer in _flatten(layers):
        geometry = _geometry(layer)
        if geometry is None:
            continue
        for dim, (k, s, p, d) in enumerate(zip(*geometry)):
            size[dim] += d * (k - 1) * jump[dim]
            start[dim] -= p * jump[dim]
            jump[dim] *= s
    return ReceptiveField(size=(size[0], size[1]), jump=(jump[0], jump[1]), start=(start[0], start[1]))
