"""2-D convolution from scratch, written as the textbook's steps, equal to ``F.conv2d`` (and to
``nn.Conv2d`` with its ``padding_mode``), forward and backward.

从零实现二维卷积，按教科书的步骤书写；前向与反向都与 ``F.conv2d``（以及带 ``padding_mode`` 的
``nn.Conv2d``）相同。

The steps, in the order this module takes them:

1. **Pad** the input on each side, with zeros or by ``padding_mode``: ``"reflect"`` (mirror
   without repeating the edge), ``"replicate"`` (repeat the edge), ``"circular"`` (wrap around).
2. **Slide** a window of ``kH × kW`` taps over the padded input, ``stride`` positions at a time;
   the taps are ``dilation`` apart.
3. At each position, multiply the window with the kernel **as it is** (no flip: PyTorch computes
   a cross-correlation) and **sum over the input channels** of the kernel's group, then add the
   bias. With ``groups = g`` the channels are split into ``g`` groups, and each output channel
   sees only the ``C_in / g`` input channels of its group: the weight is
   ``(C_out, C_in / g, kH, kW)``.

步骤：1. 按 ``padding_mode`` 在每一侧填充（0、镜像 ``reflect``、复制边缘 ``replicate``、循环
``circular``）；2. 让 ``kH × kW`` 的窗口在填充后的输入上每次移动 ``stride``，窗口内的抽头相隔
``dilation``；3. 在每个位置上，把窗口与**不翻转**的卷积核逐元素相乘（PyTorch 计算的是互相关），
**对该组的输入通道求和**，再加偏置。``groups = g`` 时通道分成 ``g`` 组，每个输出通道只看本组的
``C_in / g`` 个输入通道，因此权重形状是 ``(C_out, C_in / g, kH, kW)``。

>>> import torch
>>> import torch.nn.functional as F
>>> from cnnref.scratch.conv2d import conv2d
>>> x = torch.arange(16.0).view(1, 1, 4, 4)
>>> kernel = torch.tensor([[[[1.0, 0.0], [0.0, -1.0]]]])
>>> conv2d(x, kernel)
tensor([[[[-5., -5., -5.],
          [-5., -5., -5.],
          [-5., -5., -5.]]]])
>>> torch.equal(conv2d(x, kernel, stride=2, padding=1), F.conv2d(x, kernel, stride=2, padding=1))
True
"""

from __future__ import annotations

from typing import cast

import torch
from torch import Tensor

from cnnref._args import as_int, check_min, counted, per_dim
from cnnref.scratch._input import as_batch, check_bias_and_dtypes
from cnnref.shapes import conv_output_size, conv_padding

__all__ = ["PADDING_MODES", "conv2d"]

IntOrPair = int | tuple[int, int]

#: The padding modes of ``nn.Conv2d``. ``nn.Conv2d`` 的填充方式。
PADDING_MODES: tuple[str, ...] = ("zeros", "reflect", "replicate", "circular")


def _check_tensors(x: Tensor, weight: Tensor, bias: Tensor | None, groups: int) -> tuple[Tensor, bool]:
    """Check input, weight, bias and groups as ``F.conv2d`` does; return ``x`` batched."""
    x, unbatched = as_batch(x)
    for name, tensor in (("weight", weight), ("bias", bias)):
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(tensor).__name__}")
    if weight.dim() != 4:
        raise ValueError(f"weight must have shape (C_out, C_in / groups, kH, kW), got {tuple(weight.shape)}")
    c_out, c_in = weight.shape[0], x.shape[1]
    if c_in % groups or c_out % groups:
        raise ValueError(
            f"groups={groups} must divide both the input channels ({c_in}) and the output channels ({c_out})"
        )
    if weight.shape[1] != c_in // groups:
        raise ValueError(
            f"weight expects {counted(weight.shape[1], 'input channel')} per group, "
            f"the input has {c_in} in {counted(groups, 'group')} = {c_in // groups} per group"
        )
    check_bias_and_dtypes(x, weight, bias)
    return x, unbatched


def _pad_index(n: int, before: int, after: int, mode: str) -> Tensor:
    """Step 1 in one dimension of size ``n``: for each position of the padded input, the index
    of the input element it copies; ``n`` (one past the end) stands for a zero."""
    positions = torch.arange(-before, n + after)
    if mode == "zeros":
        return torch.where((positions >= 0) & (positions < n), positions, n)
    if mode == "replicate":
        return positions.clamp(0, n - 1)
    if mode == "circular":
        if max(before, after) > n:
            raise ValueError(f"circular padding {max(before, after)} wraps around more than once an input of size {n}")
        return positions % n
    if max(before, after) >= n:  # reflect: mirror around the edge, the edge itself not repeated
        raise ValueError(f"reflect padding {max(before, after)} must be less than the input size {n}")
    return torch.where(positions < 0, -positions, torch.where(positions >= n, 2 * (n - 1) - positions, positions))


def _pad(x: Tensor, sides: tuple[tuple[int, int], ...], mode: str) -> Tensor:
    """Step 1: the input padded on each side of H and W by ``mode``."""
    # One zero appended to H and W: the index n of _pad_index reads it.
    padded = torch.cat([x, x.new_zeros(*x.shape[:3], 1)], dim=3)
    padded = torch.cat([padded, padded.new_zeros(*x.shape[:2], 1, padded.shape[3])], dim=2)
    rows = _pad_index(x.shape[2], *sides[0], mode)
    cols = _pad_index(x.shape[3], *sides[1], mode)
    return padded[:, :, rows][:, :, :, cols]


def conv2d(x: Tensor, weight: Tensor, bias: Tensor | None = None, stride: IntOrPair = 1,
           padding: IntOrPair | str = 0, dilation: IntOrPair = 1, groups: int = 1,
           padding_mode: str = "zeros") -> Tensor:
    """2-D convolution (a cross-correlation), one output position at a time, with the arguments of
    ``F.conv2d`` plus ``padding_mode`` of ``nn.Conv2d``. Slow on purpose: for reading.

    二维卷积（互相关），逐个输出位置计算；参数同 ``F.conv2d``，另加 ``padding_mode``。故意写得慢：用来读。

    Args:
        x: a floating-point input ``(N, C_in, H, W)`` or ``(C_in, H, W)``.
        weight: ``(C_out, C_in / groups, kH, kW)`` in the dtype of ``x``.
        bias: ``(C_out,)`` in the dtype of ``x``, or ``None``.
        stride: the step of the window, an int or ``(sH, sW)``.
        padding: added on each side: an int, a pair, ``"valid"`` or ``"same"`` (stride 1 only).
        dilation: the spacing of the kernel's taps.
        groups: how many groups the channels are split into; divides ``C_in`` and ``C_out``.
        padding_mode: one of ``PADDING_MODES``.

    Returns:
        ``(N, C_out, H_out, W_out)`` (or without ``N``), in the dtype of ``x``.

    Raises:
        TypeError: a non-tensor, a non-floating input, mixed dtypes, or an argument of the wrong type.
        ValueError: shapes that do not fit, a bad size, or a padding the mode cannot give.

    >>> import torch
    >>> from torch import nn
    >>> from cnnref.scratch.conv2d import conv2d
    >>> layer = nn.Conv2d(4, 6, 3, padding=2, dilation=2, groups=2, padding_mode="reflect")
    >>> x = torch.randn(2, 4, 5, 5)
    >>> torch.testing.assert_close(conv2d(x, layer.weight, layer.bias, 1, 2, 2, 2, "reflect"), layer(x))
    >>> conv2d(x, layer.weight, groups=3)
    Traceback (most recent call last):
    ...
    ValueError: groups=3 must divide both the input channels (4) and the output channels (6)
    """
    groups = check_min("groups", as_int("groups", groups), 1)
    if padding_mode not in PADDING_MODES:
        raise ValueError(f"padding_mode must be one of {', '.join(map(repr, PADDING_MODES))}; got {padding_mode!r}")
    x, unbatched = _check_tensors(x, weight, bias, groups)
    kernel = cast(tuple[int, int], tuple(weight.shape[2:]))
    strides, dilations = per_dim("stride", stride, 2, 1), per_dim("dilation", dilation, 2, 1)
    sides = conv_padding(padding, kernel, strides, dilations)
    # The output size and its errors are cnnref.shapes'; 'same' becomes its explicit sides.
    out = cast(tuple[int, int], conv_output_size(tuple(x.shape[2:]), kernel, strides, padding, dilations))
    padded = _pad(x, sides, padding_mode)
    y = _slide(padded, weight, groups, strides, dilations, out)
    if bias is not None:
        y = y + bias.view(1, -1, 1, 1)
    return y[0] if unbatched else y


def _slide(padded: Tensor, weight: Tensor, groups: int, strides: tuple[int, ...], dilations: tuple[int, ...],
           out: tuple[int, int]) -> Tensor:
    """Steps 2 and 3: at every output position, the window times the kernel, summed over the
    channels of each group and the taps."""
    n, c_in = padded.shape[:2]
    c_out, _, k_h, k_w = weight.shape
    # (groups, C_out / groups, C_in / groups, kH, kW): output channel o of group g sees only
    # the input channels of group g.
    kernels = weight.reshape(groups, c_out // groups, c_in // groups, k_h, k_w)
    rows = []
    for i in range(out[0]):
        top = i * strides[0]
        columns = []
        for j in range(out[1]):
            left = j * strides[1]
            window = padded[:, :, top:top + dilations[0] * (k_h - 1) + 1:dilations[0],
                            left:left + dilations[1] * (k_w - 1) + 1:dilations[1]]
            window = window.reshape(n, groups, c_in // groups, k_h, k_w)
            # No flip: the kernel's tap (a, b) multiplies the window's tap (a, b).
            columns.append(torch.einsum("ngchw,gochw->ngo", window, kernels).reshape(n, c_out))
        rows.append(torch.stack(columns, dim=-1))
    return torch.stack(rows, dim=-2)
