"""Max pooling and average pooling from scratch: one window at a time, equal to
``F.max_pool2d`` and ``F.avg_pool2d``.

从零实现最大池化与平均池化：一次处理一个窗口，结果与 ``F.max_pool2d``、``F.avg_pool2d`` 相同。

How PyTorch does it, and so how this module does it:

* ``padding`` is added on **each** side. Max pooling pads with −∞ (so padding never wins a
  max); average pooling pads with zeros.
* ``padding`` may be at most half the kernel (``padding <= kernel_size // 2``).
* Output size per dimension: ``floor((n + 2p - d(k - 1) - 1) / s) + 1``, or ``ceil`` with
  ``ceil_mode=True``, where in ceil mode the last window must start inside the input or the
  left padding (otherwise it is dropped). A window that runs past the right padding is cut.

PyTorch 的做法（也是本模块的做法）：``padding`` 加在**每一侧**；最大池化用 −∞ 填充（填充值永远
不会成为最大值），平均池化用 0 填充；``padding`` 不超过卷积核的一半；``ceil_mode=True`` 时输出尺寸
向上取整，但最后一个窗口必须从输入或左侧填充内开始，超出右侧填充的部分被截掉。

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

from collections.abc import Iterator

import torch
import torch.nn.functional as F
from torch import Tensor

from cnnref.scratch._input import as_batch
from cnnref._args import per_dim
from cnnref.shapes import pool_output_size

__all__ = ["max_pool2d", "avg_pool2d"]

IntOrPair = int | tuple[int, int]


def _geometry(
    x: Tensor,
    kernel_size: IntOrPair,
    stride: IntOrPair | None,
    padding: IntOrPair,
    dilation: IntOrPair,
    ceil_mode: bool,
) -> tuple[Tensor, bool, tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Check every argument; return ``x`` as 4-D, whether it was unbatched, and the pairs
    kernel, stride, padding, dilation and output size. The arithmetic and its errors are
    :func:`cnnref.shapes.pool_output_size`."""
    x, unbatched = as_batch(x)
    out = pool_output_size(tuple(x.shape[2:]), kernel_size, stride, padding, dilation, ceil_mode)
    kernel = per_dim("kernel_size", kernel_size, 2, 1)
    step = kernel if stride is None else per_dim("stride", stride, 2, 1)
    pad = per_dim("padding", padding, 2, 0)
    dil = per_dim("dilation", dilation, 2, 1)
    return x, unbatched, kernel, step, pad, dil, out


def _windows(
    out: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int], dilation: tuple[int, int]
) -> Iterator[tuple[int, int, slice, slice]]:
    """For every output position ``(i, j)``: the rows and columns of its window in the
    *padded* input. Python slicing cuts a window that runs past the end."""
    for i in range(out[0]):
        for j in range(out[1]):
            top, left = i * stride[0], j * stride[1]
            rows = slice(top, top + dilation[0] * (kernel[0] - 1) + 1, dilation[0])
            cols = slice(left, left + dilation[1] * (kernel[1] - 1) + 1, dilation[1])
            yield i, j, rows, cols


def max_pool2d(
    x: Tensor,
    kernel_size: IntOrPair,
    stride: IntOrPair | None = None,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
    ceil_mode: bool = False,
) -> Tensor:
    """Max pooling over ``(N, C, H, W)`` or ``(C, H, W)``; same arguments and result as
    ``F.max_pool2d`` (``stride`` defaults to ``kernel_size``). Each channel is pooled on its own.

    最大池化；参数与结果同 ``F.max_pool2d``（``stride`` 默认等于 ``kernel_size``），各通道分别池化。

    >>> import torch
    >>> from cnnref.scratch.pooling import max_pool2d
    >>> x = -torch.ones(1, 1, 2, 2)
    >>> max_pool2d(x, kernel_size=2, stride=2, padding=1)
    tensor([[[[-1., -1.],
              [-1., -1.]]]])
    >>> max_pool2d(x, kernel_size=3, padding=2)
    Traceback (most recent call last):
    ...
    ValueError: dimension 0: padding 2 is more than half of kernel 3: pooling allows at most 3 // 2 = 1 per side, ...
    """
    x, unbatched, kernel, stride_, pad, dil, out = _geometry(x, kernel_size, stride, padding, dilation, ceil_mode)
    # −∞ on each side: a padded position can never be the maximum of a window.
    padded = F.pad(x, (pad[1], pad[1], pad[0], pad[0]), value=float("-inf"))
    y = x.new_empty(x.shape[0], x.shape[1], *out)
    for i, j, rows, cols in _windows(out, kernel, stride_, dil):
        y[:, :, i, j] = padded[:, :, rows, cols].amax(dim=(-2, -1))
    return y[0] if unbatched else y


def avg_pool2d(
    x: Tensor,
    kernel_size: IntOrPair,
    stride: IntOrPair | None = None,
    padding: IntOrPair = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> Tensor:
    """Average pooling over ``(N, C, H, W)`` or ``(C, H, W)``; same arguments and result as
    ``F.avg_pool2d``. Padding is zeros. The divisor is the number of window positions inside
    the padded input (``count_include_pad=True``) or inside the input only (``False``).

    平均池化；参数与结果同 ``F.avg_pool2d``，用 0 填充。除数是窗口落在填充后输入内的位置数
    （``count_include_pad=True``），或只算落在原输入内的位置数（``False``）。

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
    if not isinstance(count_include_pad, bool):
        raise TypeError(f"count_include_pad must be True or False, got {count_include_pad!r}")
    x, unbatched, kernel, stride_, pad, dil, out = _geometry(x, kernel_size, stride, padding, 1, ceil_mode)
    sides = (pad[1], pad[1], pad[0], pad[0])
    padded = F.pad(x, sides, value=0.0)
    # 1 where the input is, 0 on the padding: counts the real positions of a window.
    inside = F.pad(torch.ones(x.shape[2:], dtype=x.dtype, device=x.device), sides, value=0.0)
    y = x.new_empty(x.shape[0], x.shape[1], *out)
    for i, j, rows, cols in _windows(out, kernel, stride_, dil):
        window = padded[:, :, rows, cols]
        divisor = window.shape[-2] * window.shape[-1] if count_include_pad else inside[rows, cols].sum()
        y[:, :, i, j] = window.sum(dim=(-2, -1)) / divisor
    return y[0] if unbatched else y
