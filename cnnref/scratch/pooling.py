"""Max pooling and average pooling from scratch: one window at a time, equal to
``F.max_pool2d`` and ``F.avg_pool2d``, forward and backward.

从零实现最大池化与平均池化：一次处理一个窗口，前向与反向（梯度）都与 ``F.max_pool2d``、
``F.avg_pool2d`` 相同。

How PyTorch does it, and so how this module does it:

* ``padding`` is added on **each** side. Max pooling pads with −∞, so padding never wins a
  max: this module takes the maximum over the window's positions inside the input, which is
  the same. Average pooling pads with zeros.
* ``padding`` may be at most half the kernel (``padding <= kernel_size // 2``).
* Output size per dimension: ``floor((n + 2p - d(k - 1) - 1) / s) + 1``, or ``ceil`` with
  ``ceil_mode=True``, where in ceil mode the last window must start inside the input or the
  left padding (otherwise it is dropped). A window that runs past the right padding is cut.
* The gradient of a max goes to **one** position of the window, even when several hold the
  maximum: the first maximum in the window's scan order (row by row, left to right), or the
  last NaN when the window holds NaNs.

PyTorch 的做法（也是本模块的做法）：``padding`` 加在**每一侧**；最大池化用 −∞ 填充（填充值永远
不会成为最大值，本模块只在窗口落在输入内的位置上取最大值，效果相同），平均池化用 0 填充；
``padding`` 不超过卷积核的一半；``ceil_mode=True`` 时输出尺寸向上取整，但最后一个窗口必须从
输入或左侧填充内开始，超出右侧填充的部分被截掉。窗口中有多个并列最大值时，梯度只传给**一个**
位置：按行优先扫描顺序的第一个最大值；窗口中有 NaN 时传给最后一个 NaN。

>>> import torch
>>> import torch.nn.functional as F
>>> from cnnref.scratch.pooling import max_pool2d
>>> x = torch.tensor([[[[3.0, 1, 4], [2, 5, 7], [9, 6, 8]]]])
>>> max_pool2d(x, kernel_size=2, stride=2)
tensor([[[[5.]]]])
>>> max_pool2d(x, kernel_size=2, stride=2, ceil_mode=True)
tensor([[[[5., 7.],
          [9., 8.]]]])
>>> torch.equal(max_pool2d(x, 2, 2, ceil_mode=True), F.max_pool2d(x, 2, 2, ceil_mode=True))
True
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import cast

import torch
from torch import Tensor

from cnnref._args import check_bool, per_dim
from cnnref.scratch._input import as_batch
from cnnref.shapes import pool_output_size

__all__ = ["max_pool2d", "avg_pool2d"]

IntOrPair = int | tuple[int, int]


class _Geometry:
    """The checked arguments of one pooling call, one entry per dimension ``(H, W)``, and
    its output size."""

    def __init__(
        self, x: Tensor, kernel_size: IntOrPair, stride: IntOrPair | None, padding: IntOrPair,
        dilation: IntOrPair, ceil_mode: bool,
    ) -> None:
        # The arithmetic and its errors are cnnref.shapes.pool_output_size's; a tuple size
        # gives a tuple back.
        out = pool_output_size(tuple(x.shape[2:]), kernel_size, stride, padding, dilation, ceil_mode)
        self.out = cast(tuple[int, ...], out)
        self.size = tuple(x.shape[2:])
        self.kernel = per_dim("kernel_size", kernel_size, 2, 1)
        self.stride = self.kernel if stride is None else per_dim("stride", stride, 2, 1)
        self.padding = per_dim("padding", padding, 2, 0)
        self.dilation = per_dim("dilation", dilation, 2, 1)

    def windows(self) -> Iterator[tuple[int, int, slice, slice, int]]:
        """Yield, for every output position ``(i, j)``, its window's rows and columns in the
        input (taps on the padding left out) and the number of its taps inside the padded input."""
        for i in range(self.out[0]):
            rows, height = self._taps(0, i)
            for j in range(self.out[1]):
                cols, width = self._taps(1, j)
                yield i, j, rows, cols, height * width

    def _taps(self, dim: int, index: int) -> tuple[slice, int]:
        """The taps of window ``index`` along ``dim``: a slice of the input, and how many taps
        lie inside the padded input (a ``ceil_mode`` window may run past it)."""
        n, k, s, p, d = self.size[dim], self.kernel[dim], self.stride[dim], self.padding[dim], self.dilation[dim]
        first = index * s - p  # input coordinate of the first tap; negative: on the left padding
        start = first + -(first // d) * d if first < 0 else first  # the first tap at or after 0
        padded = min(k, -(-(n + p - first) // d))
        return slice(start, first + d * (k - 1) + 1, d), padded


def _first_max(taps: Tensor) -> Tensor:
    """Index, along the last dimension, of the tap PyTorch's max pooling takes: it scans the
    window keeping a value only if it is larger than the maximum so far or NaN, so ties go to
    the first maximum and NaNs to the last NaN."""
    nan = taps.isnan()
    last_nan = taps.shape[-1] - 1 - nan.flip(-1).int().argmax(dim=-1)
    return torch.where(nan.any(dim=-1), last_nan, taps.argmax(dim=-1))


def max_pool2d(
    x: Tensor,
    kernel_size: IntOrPair,
    stride: IntOrPair | None = None,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """Max pooling, with the arguments and the result of ``F.max_pool2d``; each channel is
    pooled on its own. The gradient of each output goes to the one input position it was taken
    from, chosen as PyTorch chooses among tied maxima (see the module docstring).

    最大池化；参数与结果同 ``F.max_pool2d``，各通道分别池化。每个输出的梯度只传给它所取自的那个
    输入位置，并列最大值的选取规则与 PyTorch 相同。

    Args:
        x: a floating-point feature map ``(N, C, H, W)`` or ``(C, H, W)``.
        kernel_size: the window, an int or ``(kH, kW)``.
        stride: the step, an int or a pair; ``None`` means ``kernel_size``.
        padding: −∞ added on each side, at most ``kernel_size // 2``.
        dilation: the spacing of the window's taps.
        ceil_mode: round the output size up instead of down.

    Returns:
        The pooled map, batched as ``x`` is, in the dtype of ``x``.

    Raises:
        TypeError: ``x`` is not a floating-point tensor, or an argument has the wrong type.
        ValueError: a bad size, or a configuration PyTorch refuses (the message says why).

    >>> import torch
    >>> from cnnref.scratch.pooling import max_pool2d
    >>> x = torch.tensor([[[[1.0, 2.0], [2.0, 0.0]]]], requires_grad=True)
    >>> max_pool2d(x, kernel_size=2).backward()
    >>> x.grad                       # two tied maxima: the first one in scan order gets it
    tensor([[[[0., 1.],
              [0., 0.]]]])
    >>> max_pool2d(x, kernel_size=3, padding=2)
    Traceback (most recent call last):
    ...
    ValueError: ...padding 2 is more than half of kernel 3: pooling allows at most 3 // 2 = 1 per side, ...
    """
    x, unbatched = as_batch(x)
    geometry = _Geometry(x, kernel_size, stride, padding, dilation, ceil_mode)
    y = x.new_empty(x.shape[0], x.shape[1], *geometry.out)
    for i, j, rows, cols, _ in geometry.windows():
        y[:, :, i, j] = _window_max(x[:, :, rows, cols].flatten(start_dim=2))
    return y[0] if unbatched else y


def _window_max(taps: Tensor) -> Tensor:
    """The maximum over the last dimension, taken from the one tap PyTorch takes."""
    if taps.shape[-1] == 0:
        # Every tap on the padding (possible with dilation): −∞, and no input to send a
        # gradient to (PyTorch's own backward writes out of bounds here). The empty sum is
        # 0 and keeps the output in the autograd graph, as PyTorch's is.
        return taps.sum(dim=-1) - math.inf
    return taps.gather(-1, _first_max(taps).unsqueeze(-1)).squeeze(-1)


def avg_pool2d(
    x: Tensor,
    kernel_size: IntOrPair,
    stride: IntOrPair | None = None,
    padding: IntOrPair = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> Tensor:
    """Average pooling, with the arguments and the result of ``F.avg_pool2d``. Padding is
    zeros. The divisor is the number of window positions inside the padded input
    (``count_include_pad=True``) or inside the input only (``False``).

    平均池化；参数与结果同 ``F.avg_pool2d``，用 0 填充。除数是窗口落在填充后输入内的位置数
    （``count_include_pad=True``），或只算落在原输入内的位置数（``False``）。

    Args:
        x: a floating-point feature map ``(N, C, H, W)`` or ``(C, H, W)``.
        kernel_size: the window, an int or ``(kH, kW)``.
        stride: the step, an int or a pair; ``None`` means ``kernel_size``.
        padding: zeros added on each side, at most ``kernel_size // 2``.
        ceil_mode: round the output size up instead of down.
        count_include_pad: whether the padding counts in the divisor.

    Returns:
        The pooled map, batched as ``x`` is, in the dtype of ``x``.

    Raises:
        TypeError: ``x`` is not a floating-point tensor, or an argument has the wrong type.
        ValueError: a bad size, or a configuration PyTorch refuses (the message says why).

    >>> import torch
    >>> from cnnref.scratch.pooling import avg_pool2d
    >>> x = torch.ones(1, 1, 2, 2)
    >>> avg_pool2d(x, kernel_size=2, padding=1)
    tensor([[[[0.2500, 0.2500],
              [0.2500, 0.2500]]]])
    >>> avg_pool2d(x, kernel_size=2, padding=1, count_include_pad=False)
    tensor([[[[1., 1.],
              [1., 1.]]]])
    """
    check_bool("count_include_pad", count_include_pad)
    x, unbatched = as_batch(x)
    geometry = _Geometry(x, kernel_size, stride, padding, 1, ceil_mode)
    y = x.new_empty(x.shape[0], x.shape[1], *geometry.out)
    for i, j, rows, cols, padded in geometry.windows():
        window = x[:, :, rows, cols]  # the zeros of the padding add nothing to the sum
        y[:, :, i, j] = window.sum(dim=(-2, -1)) / (padded if count_include_pad else window[0, 0].numel())
    return y[0] if unbatched else y
