"""Padding side by side: what ``padding="same"`` applies, the ``(before, after)`` padding of a
convolution, and the ``F.pad`` tuple from named sides.

按“哪一侧”写出填充：``padding="same"`` 实际施加的填充、卷积每一侧的 ``(前, 后)`` 填充，以及由
命名的四条边得到 ``F.pad`` 的元组。
"""

from __future__ import annotations

from collections.abc import Sequence

from cnnref._args import as_int, per_dim, spatial_size

IntOrTuple = int | Sequence[int]
Padding = int | Sequence[int] | str


def same_padding(kernel_size: IntOrTuple, dilation: IntOrTuple = 1) -> tuple[int, int] | tuple[tuple[int, int], ...]:
    """The padding that ``nn.Conv2d(padding="same")`` applies, side by side.

    PyTorch pads ``dilation * (kernel_size - 1)`` in total per dimension, half before and
    half after; when the total is odd, the extra one goes *after* (right / bottom). An int
    ``kernel_size`` gives one ``(before, after)`` pair; a tuple gives one pair per
    dimension, in dimension order: ``((top, bottom), (left, right))`` for images.

    ``padding="same"`` 时 PyTorch 实际施加的每一侧填充。每个维度共填充
    ``dilation * (kernel_size - 1)``，前后各一半；总数为奇数时，多出的一个加在后面（右侧/下侧）。

    >>> from cnnref.shapes import same_padding
    >>> same_padding(3)
    (1, 1)
    >>> same_padding(4)
    (1, 2)
    >>> same_padding((2, 5), dilation=(1, 2))
    ((0, 1), (4, 4))
    """
    kernel, scalar = spatial_size(kernel_size, "kernel_size")
    dil = per_dim("dilation", dilation, len(kernel), 1)
    pairs = tuple(_same_sides(k, d) for k, d in zip(kernel, dil))
    return pairs[0] if scalar else pairs


def _same_sides(k: int, d: int) -> tuple[int, int]:
    """``(before, after)`` of ``padding="same"`` in one dimension: the odd one goes after."""
    total = d * (k - 1)
    return total // 2, total - total // 2


def conv_padding(
    padding: Padding, kernel_size: IntOrTuple, stride: IntOrTuple = 1, dilation: IntOrTuple = 1
) -> tuple[tuple[int, int], ...]:
    """The ``(before, after)`` padding a convolution applies in each dimension, for ``padding``
    given as an int, a tuple, ``"valid"`` or ``"same"``; ``kernel_size`` decides the number of
    dimensions (an int is one).

    卷积在每个维度上实际施加的 ``(前, 后)`` 填充；``padding`` 可以是整数、元组、``"valid"`` 或 ``"same"``。

    >>> from cnnref.shapes import conv_padding
    >>> conv_padding(1, kernel_size=(3, 3))
    ((1, 1), (1, 1))
    >>> conv_padding("same", kernel_size=(4, 5))
    ((1, 2), (2, 2))
    """
    kernel = kernel_size if isinstance(kernel_size, Sequence) else (kernel_size,)
    ndim = len(kernel)
    kernel = per_dim("kernel_size", kernel, ndim, 1)
    stride = per_dim("stride", stride, ndim, 1)
    dilation = per_dim("dilation", dilation, ndim, 1)
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * ndim
        if padding == "same":
            if any(s != 1 for s in stride):
                raise ValueError(
                    f"padding='same' is not supported for strided convolutions (stride {stride}): "
                    "PyTorch raises this ValueError when the layer is built; use stride 1 or an explicit padding"
                )
            return tuple(_same_sides(k, d) for k, d in zip(kernel, dilation))
        raise ValueError(f"padding must be an int, a tuple of ints, 'same' or 'valid', got {padding!r}")
    return tuple((p, p) for p in per_dim("padding", padding, ndim, 0))


def pad_sides(*, left: int = 0, right: int = 0, top: int = 0, bottom: int = 0) -> tuple[int, int, int, int]:
    """The ``F.pad`` tuple ``(left, right, top, bottom)`` from named sides.

    ``F.pad`` reads its tuple from the *last* dimension backwards: first the width
    (left, right), then the height (top, bottom). Naming the sides avoids the classic
    mistake of reading it as (right, left, bottom, top) or (top, bottom, left, right).
    Negative values crop, as in ``F.pad``.

    按名字给出四条边的填充，返回 ``F.pad`` 需要的元组 ``(left, right, top, bottom)``。
    ``F.pad`` 从*最后一个*维度往前读：先是宽度方向（左、右），再是高度方向（上、下）。

    >>> import torch
    >>> import torch.nn.functional as F
    >>> from cnnref.shapes import pad_sides
    >>> pad_sides(top=1, left=2)
    (2, 0, 1, 0)
    >>> F.pad(torch.ones(1, 1, 2, 2), pad_sides(top=1, left=2))[0, 0]
    tensor([[0., 0., 0., 0.],
            [0., 0., 1., 1.],
            [0., 0., 1., 1.]])
    """
    return (as_int("left", left), as_int("right", right), as_int("top", top), as_int("bottom", bottom))
