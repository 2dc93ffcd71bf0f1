"""Cost arithmetic of a convolutional layer: parameters and multiply-adds (MACs), by formula.

卷积层的代价计算：用公式求参数量和乘加次数（MACs）。

For ``nn.Conv2d(C_in, C_out, (k_h, k_w), groups=g, bias=...)`` producing an
``H_out × W_out`` feature map, every output value is a dot product of length
``(C_in / g) · k_h · k_w``, so for one image

* parameters = ``C_out · (C_in / g) · k_h · k_w`` (+ ``C_out`` biases),
* MACs = ``H_out · W_out · C_out · (C_in / g) · k_h · k_w``.

Bias additions are not counted as MACs, just as ``torch.utils.flop_counter`` does not count
them; it reports 2 FLOPs per multiply-add (see ``cnnref.analysis``, which measures whole
models that way).

The classic use: GoogLeNet's inception (3a) (Szegedy et al. 2015, Table 1) turns a
28×28×192 input into 32 channels with 5×5 kernels only after a 1×1 convolution has reduced
192 channels to 16:

典型用途：GoogLeNet 的 inception (3a)（Szegedy 等 2015，表 1）先用 1×1 卷积把 192 个通道降到 16，
再用 5×5 卷积得到 32 个通道：

>>> from cnnref.cost import conv2d_cost
>>> direct = conv2d_cost(192, 32, kernel_size=5, output_size=28)
>>> reduced = conv2d_cost(192, 16, kernel_size=1, output_size=28) + conv2d_cost(16, 32, kernel_size=5, output_size=28)
>>> direct
ConvCost(parameters=153632, macs=120422400)
>>> reduced
ConvCost(parameters=15920, macs=12443648)
>>> round(direct.macs / reduced.macs, 2)
9.68
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cnnref._args import as_int, check_min, per_dim

__all__ = ["ConvCost", "conv2d_cost"]


@dataclass(frozen=True)
class ConvCost:
    """Parameters and multiply-adds (for one image) of a layer or of several layers added up.

    一层（或几层相加）的参数量与乘加次数（单张图像）。

    >>> from cnnref.cost import ConvCost
    >>> total = ConvCost(parameters=10, macs=100) + ConvCost(parameters=1, macs=5)
    >>> total, total.flops
    (ConvCost(parameters=11, macs=105), 210)
    """

    parameters: int
    macs: int

    @property
    def flops(self) -> int:
        """FLOPs as ``torch.utils.flop_counter`` counts them: 2 per multiply-add."""
        return 2 * self.macs

    def __add__(self, other: ConvCost) -> ConvCost:
        if not isinstance(other, ConvCost):
            return NotImplemented
        return ConvCost(self.parameters + other.parameters, self.macs + other.macs)


def conv2d_cost(
    in_channels: int,
    out_channels: int,
    kernel_size: int | Sequence[int],
    output_size: int | Sequence[int],
    *,
    groups: int = 1,
    bias: bool = True,
) -> ConvCost:
    """Parameters and MACs of ``nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups,
    bias=bias)`` whose output feature map is ``output_size`` (``H_out`` or ``(H_out, W_out)``).

    ``nn.Conv2d`` 的参数量与乘加次数；``output_size`` 是输出特征图的高和宽。

    Args:
        in_channels: as ``nn.Conv2d`` takes it, like ``out_channels``, ``kernel_size``, ``groups``
            and ``bias``.
        output_size: the output feature map, ``H_out`` or ``(H_out, W_out)``.

    Returns:
        The layer's parameters and multiply-adds for one image.

    Raises:
        TypeError: an argument of the wrong type (``bias`` must be a bool).
        ValueError: a size below 1, or ``groups`` that does not divide both channel counts.

    >>> from cnnref.cost import conv2d_cost
    >>> conv2d_cost(3, 64, kernel_size=3, output_size=(32, 32))
    ConvCost(parameters=1792, macs=1769472)
    >>> conv2d_cost(64, 64, kernel_size=3, output_size=56, groups=64, bias=False)   # depthwise
    ConvCost(parameters=576, macs=1806336)
    >>> conv2d_cost(6, 16, kernel_size=5, output_size=10, groups=4)
    Traceback (most recent call last):
    ...
    ValueError: groups=4 must divide both in_channels=6 and out_channels=16
    """
    c_in = check_min("in_channels", as_int("in_channels", in_channels), 1)
    c_out = check_min("out_channels", as_int("out_channels", out_channels), 1)
    g = check_min("groups", as_int("groups", groups), 1)
    if c_in % g or c_out % g:
        raise ValueError(f"groups={g} must divide both in_channels={c_in} and out_channels={c_out}")
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False, got {bias!r}")
    k_h, k_w = per_dim("kernel_size", kernel_size, 2, 1)
    h_out, w_out = per_dim("output_size", output_size, 2, 1)
    weights_per_output = (c_in // g) * k_h * k_w  # length of one dot product
    parameters = c_out * weights_per_output + (c_out if bias else 0)
    macs = h_out * w_out * c_out * weights_per_output
    return ConvCost(parameters, macs)
