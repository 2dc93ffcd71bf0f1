"""Input checks shared by every model: a clear error instead of a cryptic matmul message.

所有模型共用的输入检查：给出清楚的错误信息，而不是难懂的矩阵乘法报错。
"""

from __future__ import annotations

from torch import Tensor


def check_input(
    x: Tensor,
    *,
    model: str,
    in_channels: int,
    min_size: tuple[int, int],
    max_size: tuple[int, int] | None = None,
) -> None:
    """Raise ``ValueError`` unless ``x`` is an ``(N, C, H, W)`` batch the model can take.

    ``min_size``/``max_size`` bound ``(H, W)``; models that need one exact size pass it as both.
    检查输入是否为模型可接受的 ``(N, C, H, W)`` 批量，否则抛出 ``ValueError``。

    >>> import torch
    >>> from cnnref.models._input import check_input
    >>> check_input(torch.zeros(1, 1, 8, 8), model="demo", in_channels=3, min_size=(8, 8))
    Traceback (most recent call last):
    ...
    ValueError: demo expects 3 input channels and inputs of at least 8×8; got shape (1, 1, 8, 8)
    """
    min_h, min_w = min_size
    if max_size == min_size:
        size_rule = f"inputs of exactly {min_h}×{min_w}"
    elif max_size is not None:
        size_rule = f"inputs between {min_h}×{min_w} and {max_size[0]}×{max_size[1]}"
    else:
        size_rule = f"inputs of at least {min_h}×{min_w}"
    rule = f"{model} expects {in_channels} input channels and {size_rule}"
    if x.dim() != 4:
        raise ValueError(f"{rule}, as a 4-D batch (N, C, H, W); got shape {tuple(x.shape)}")
    _, c, h, w = x.shape
    too_small = h < min_h or w < min_w
    too_big = max_size is not None and (h > max_size[0] or w > max_size[1])
    if c != in_channels or too_small or too_big:
        raise ValueError(f"{rule}; got shape {tuple(x.shape)}")
