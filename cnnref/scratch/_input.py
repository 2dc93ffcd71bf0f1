"""The input check shared by the from-scratch layers.

从零实现的各层共用的输入检查。
"""

from __future__ import annotations

import torch
from torch import Tensor


def as_batch(x: Tensor) -> tuple[Tensor, bool]:
    """Check a floating-point feature map and return it batched, as PyTorch's layers accept
    both ``(N, C, H, W)`` and ``(C, H, W)``.

    检查浮点特征图 ``(N, C, H, W)`` 或 ``(C, H, W)``；返回 4 维形式，以及它原本是否没有批量维。

    Args:
        x: the feature map.

    Returns:
        ``x`` as ``(N, C, H, W)``, and whether it had no batch dimension.

    Raises:
        TypeError: ``x`` is not a tensor, or not floating-point.
        ValueError: ``x`` is not 3-D or 4-D.

    >>> import torch
    >>> from cnnref.scratch._input import as_batch
    >>> x, unbatched = as_batch(torch.zeros(3, 4, 5))
    >>> tuple(x.shape), unbatched
    ((1, 3, 4, 5), True)
    >>> as_batch(torch.zeros(4, 5))
    Traceback (most recent call last):
    ...
    ValueError: expected a feature map (N, C, H, W) or (C, H, W), got a 2-D tensor of shape (4, 5)
    """
    if not isinstance(x, Tensor):
        raise TypeError(f"expected a torch.Tensor, got {type(x).__name__}")
    if x.dim() not in (3, 4):
        raise ValueError(
            f"expected a feature map (N, C, H, W) or (C, H, W), got a {x.dim()}-D tensor of shape {tuple(x.shape)}"
        )
    if not torch.is_floating_point(x):
        raise TypeError(f"expected a floating-point tensor, got dtype {x.dtype}")
    return (x.unsqueeze(0), True) if x.dim() == 3 else (x, False)


def check_bias_and_dtypes(x: Tensor, weight: Tensor, bias: Tensor | None) -> None:
    """A convolution's ``bias`` is ``(C_out,)``, and the input, the weight and the bias share one
    dtype, as ``F.conv2d`` requires.

    卷积的 ``bias`` 形状为 ``(C_out,)``，输入、权重与偏置的 dtype 相同（与 ``F.conv2d`` 的要求一致）。

    Raises:
        ValueError: the bias has another shape.
        TypeError: the dtypes differ.
    """
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError(f"bias must have shape (C_out,) = ({weight.shape[0]},), got {tuple(bias.shape)}")
    for name, tensor in (("weight", weight), ("bias", bias)):
        if tensor is not None and tensor.dtype != x.dtype:
            raise TypeError(
                f"{name} has dtype {tensor.dtype} but the input has {x.dtype}; "
                "input, weight and bias must share one dtype, as F.conv2d requires"
            )
