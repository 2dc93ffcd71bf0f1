"""Output sizes of convolution, transposed convolution and pooling by PyTorch's arithmetic, and
that arithmetic written out.

卷积、转置卷积与池化的输出尺寸（按 PyTorch 的算法），以及写出的计算过程。
"""

from __future__ import annotations

from cnnref._args import check_bool, per_dim, spatial_size
from cnnref.shapes.padding import IntOrTuple, Padding, conv_padding


def _shaped_like(values: tuple[int, ...], scalar: bool) -> int | tuple[int, ...]:
    return values[0] if scalar else values


# --------------------------------------------------------------------------- the one formula


def _window_arithmetic(
    n: int, k: int, s: int, pad_before: int, pad_after: int, d: int, ceil_mode: bool, where: str
) -> tuple[int, str]:
    """How many windows of ``k`` taps spaced ``d`` apart, moved by ``s``, fit into ``n`` padded by
    ``pad_before`` and ``pad_after`` - PyTorch's ``pooling_output_shape_pad_lr``, which convolution
    also follows (always with ``ceil_mode=False``) - and that arithmetic written out."""
    extent = d * (k - 1) + 1
    room = n + pad_before + pad_after - extent
    rounding = "ceil" if ceil_mode else "floor"
    out = (-(-room // s) if ceil_mode else room // s) + 1
    text = f"{rounding}(({n} + {pad_before + pad_after} - {extent}) / {s}) + 1 = {out}"
    # PyTorch, ceil mode: the last window must start inside the input or the left padding.
    if ceil_mode and (out - 1) * s >= n + pad_before:
        out -= 1
        text += f"; the last window would start in the right padding, so it is dropped: {out}"
    if out < 1:
        padding = f"{pad_before}" if pad_before == pad_after else f"{pad_before}+{pad_after}"
        kernel = f"kernel {k}" if d == 1 else f"kernel {k}, dilation {d} (extent {extent})"
        raise ValueError(
            f"{where}input {n}, {kernel}, stride {s}, padding {padding} → {text}: "
            f"output would be {out}, it must be at least 1 "
            f"(the padded input {n + pad_before + pad_after} is shorter than the window {extent})"
        )
    return out, text


def _dimension_labels(ndim: int) -> tuple[str, ...]:
    """What a spatial dimension is called: ``size`` alone, ``H`` and ``W``, ``D``, ``H`` and ``W``."""
    labels = {1: ("size",), 2: ("H", "W"), 3: ("D", "H", "W")}.get(ndim)
    return labels or tuple(f"dim {i}" for i in range(ndim))


def _where(i: int, ndim: int) -> str:
    return f"{_dimension_labels(ndim)[i]}: " if ndim > 1 else ""

def conv_output_size(
    size: IntOrTuple,
    kernel_size: IntOrTuple,
    stride: IntOrTuple = 1,
    padding: Padding = 0,
    dilation: IntOrTuple = 1,
) -> int | tuple[int, ...]:
    r"""Spatial output size of ``nn.Conv1d/2d/3d`` (``padding`` per side, as in PyTorch).

    卷积层（``nn.Conv1d/2d/3d``）输出的空间尺寸；``padding`` 与 PyTorch 一样是每一侧的数量。

    $$\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$$

    ``padding`` may also be ``"valid"`` (no padding) or ``"same"`` (output size = input
    size, stride 1 only - see ``same_padding``). Raises ``ValueError`` exactly where
    PyTorch raises: when the padded input is shorter than the kernel's extent
    ``d(k-1)+1``, or for ``"same"`` with a stride other than 1.

    Args:
        size: the spatial input size, an int (one dimension) or a tuple such as ``(H, W)``.
        kernel_size: an int or one per dimension, as the layer takes it; so are the others.

    Returns:
        The spatial output size, an int for an int ``size``, else a tuple of the same length.

    Raises:
        TypeError: an argument that is not an int (or a tuple of ints).
        ValueError: a size below 1, a wrong number of entries, or where PyTorch raises.

    >>> from cnnref.shapes import conv_output_size
    >>> conv_output_size(32, kernel_size=3, padding=1)
    32
    >>> conv_output_size((32, 32), kernel_size=5)              # LeNet-5 C1
    (28, 28)
    >>> conv_output_size((32, 20), kernel_size=(3, 5), stride=(2, 1), padding="valid", dilation=2)
    (14, 12)
    >>> conv_output_size((7, 8), kernel_size=4, padding="same")
    (7, 8)
    >>> conv_output_size(5, kernel_size=7)
    Traceback (most recent call last):
        ...
    ValueError: input 5, kernel 7, stride 1, padding 0 → floor((5 + 0 - 7) / 1) + 1 = -1: output would be -1, ...
    """
    steps, scalar = _conv_steps(size, kernel_size, stride, padding, dilation)
    return _shaped_like(tuple(out for out, _ in steps), scalar)


def _conv_steps(
    size: IntOrTuple, kernel_size: IntOrTuple, stride: IntOrTuple, padding: Padding, dilation: IntOrTuple
) -> tuple[list[tuple[int, str]], bool]:
    """Per dimension ``(output, arithmetic)`` of a convolution, and whether ``size`` was an int."""
    sizes, scalar = spatial_size(size)
    ndim = len(sizes)
    kernel = per_dim("kernel_size", kernel_size, ndim, 1)
    strides = per_dim("stride", stride, ndim, 1)
    dilations = per_dim("dilation", dilation, ndim, 1)
    pads = conv_padding(padding, kernel, strides, dilations)
    steps = [
        _window_arithmetic(n, k, s, before, after, d, False, _where(i, ndim))
        for i, (n, k, s, (before, after), d) in enumerate(zip(sizes, kernel, strides, pads, dilations))
    ]
    return steps, scalar


def conv_transpose_output_size(
    size: IntOrTuple,
    kernel_size: IntOrTuple,
    stride: IntOrTuple = 1,
    padding: IntOrTuple = 0,
    output_padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
) -> int | tuple[int, ...]:
    """Spatial output size of ``nn.ConvTranspose1d/2d/3d``: ``(n - 1)s - 2p + d(k - 1) + output_padding + 1``.

    转置卷积（``nn.ConvTranspose1d/2d/3d``）输出的空间尺寸。``output_padding`` 必须小于
    ``stride`` 或 ``dilation`` 中的一个，结果至少为 1，否则与 PyTorch 一样报错。

    Raises:
        ValueError: an ``output_padding`` too large, or an output below 1 (as PyTorch).

    >>> from cnnref.shapes import conv_output_size, conv_transpose_output_size
    >>> conv_transpose_output_size(16, kernel_size=4, stride=2, padding=1)   # undoes a 4/2/1 conv
    32
    >>> conv_output_size(32, kernel_size=4, stride=2, padding=1)
    16
    >>> conv_transpose_output_size((7, 7), kernel_size=3, stride=2, padding=1, output_padding=1)
    (14, 14)
    """
    sizes, scalar = spatial_size(size)
    ndim = len(sizes)
    kernel = per_dim("kernel_size", kernel_size, ndim, 1)
    strides = per_dim("stride", stride, ndim, 1)
    pads = per_dim("padding", padding, ndim, 0)
    extra = per_dim("output_padding", output_padding, ndim, 0)
    dilations = per_dim("dilation", dilation, ndim, 1)
    out = []
    for i, (n, k, s, p, op, d) in enumerate(zip(sizes, kernel, strides, pads, extra, dilations)):
        where = _where(i, ndim)
        if op >= s and op >= d:
            raise ValueError(
                f"{where}output_padding {op} must be smaller than the stride {s} or the dilation {d}"
            )
        o = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
        if o < 1:
            raise ValueError(
                f"{where}input {n}, kernel {k}, stride {s}, padding {p}, output_padding {op}, dilation {d} → "
                f"({n} - 1)·{s} - 2·{p} + {d}·({k} - 1) + {op} + 1 = {o}: output would be {o}, it must be at least 1"
            )
        out.append(o)
    return _shaped_like(tuple(out), scalar)


# --------------------------------------------------------------------------- pooling


def pool_output_size(
    size: IntOrTuple,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
) -> int | tuple[int, ...]:
    r"""Spatial output size of ``nn.MaxPool1d/2d/3d`` (``stride`` defaults to ``kernel_size``).

    最大池化层（``nn.MaxPool1d/2d/3d``）输出的空间尺寸；``stride`` 默认等于 ``kernel_size``。

    Floor by default, ceil with ``ceil_mode=True``; in ceil mode PyTorch drops the last
    window when it would start in the right padding (it must start inside the input or
    the left padding). ``padding`` may be at most ``kernel_size // 2`` per side - PyTorch
    reports that only when the layer runs, this function raises ``ValueError`` up front.
    Average pooling uses the same arithmetic without dilation: ``avg_pool_output_size``.

    默认向下取整，``ceil_mode=True`` 时向上取整；向上取整时，如果最后一个窗口会从右侧填充里
    开始，PyTorch 就丢掉它（窗口必须从输入或左侧填充内开始）。每一侧的 ``padding`` 最多为
    ``kernel_size // 2``：PyTorch 要到层运行时才报错，本函数提前抛出 ``ValueError``。

    Args:
        size: the spatial input size, an int (one dimension) or a tuple such as ``(H, W)``.
        kernel_size: an int or one per dimension, as the layer takes it; so are the others.
        stride: None for the kernel size, as in PyTorch.
        ceil_mode: round the number of windows up instead of down.

    Returns:
        The spatial output size, an int for an int ``size``, else a tuple of the same length.

    Raises:
        ValueError: a padding above half the kernel, or where PyTorch raises.

    >>> from cnnref.shapes import pool_output_size
    >>> pool_output_size(224, kernel_size=2)
    112
    >>> pool_output_size(3, kernel_size=2, ceil_mode=True)
    2
    >>> pool_output_size(5, kernel_size=2, stride=2, padding=1, ceil_mode=True)   # last window dropped
    3
    >>> pool_output_size((55, 55), kernel_size=3, stride=2)                        # AlexNet pool1
    (27, 27)
    >>> pool_output_size(8, kernel_size=3, padding=2)
    Traceback (most recent call last):
        ...
    ValueError: padding 2 is more than half of kernel 3: pooling allows at most 3 // 2 = 1 per side, ...
    """
    steps, scalar = _pool_steps(size, kernel_size, stride, padding, dilation, ceil_mode)
    return _shaped_like(tuple(out for out, _ in steps), scalar)


def _pool_steps(
    size: IntOrTuple, kernel_size: IntOrTuple, stride: IntOrTuple | None, padding: IntOrTuple,
    dilation: IntOrTuple, ceil_mode: bool,
) -> tuple[list[tuple[int, str]], bool]:
    """Per dimension ``(output, arithmetic)`` of a pooling layer, and whether ``size`` was an int."""
    sizes, scalar = spatial_size(size)
    ndim = len(sizes)
    kernel = per_dim("kernel_size", kernel_size, ndim, 1)
    strides = kernel if stride is None else per_dim("stride", stride, ndim, 1)
    pads = per_dim("padding", padding, ndim, 0)
    dilations = per_dim("dilation", dilation, ndim, 1)
    ceil = check_bool("ceil_mode", ceil_mode)
    steps = []
    for i, (n, k, s, p, d) in enumerate(zip(sizes, kernel, strides, pads, dilations)):
        where = _where(i, ndim)
        if p > k // 2:
            raise ValueError(
                f"{where}padding {p} is more than half of kernel {k}: pooling allows at most "
                f"{k} // 2 = {k // 2} per side, so that every window holds an input value "
                "(PyTorch raises this only when the layer runs)"
            )
        steps.append(_window_arithmetic(n, k, s, p, p, d, ceil, where))
    return steps, scalar


def avg_pool_output_size(
    size: IntOrTuple,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
) -> int | tuple[int, ...]:
    """Spatial output size of ``nn.AvgPool1d/2d/3d``: ``pool_output_size`` with
    ``dilation=1``, because average pooling has no dilation argument. ``count_include_pad``
    and ``divisor_override`` change the values, never the size.

    平均池化层（``nn.AvgPool1d/2d/3d``）输出的空间尺寸：即 ``dilation=1`` 的
    ``pool_output_size``，因为平均池化没有 ``dilation`` 参数。``count_include_pad`` 与
    ``divisor_override`` 只改变数值，不改变尺寸。

    >>> from cnnref.shapes import avg_pool_output_size
    >>> avg_pool_output_size((7, 7), kernel_size=7)             # GoogLeNet's final 7x7 average pooling
    (1, 1)
    >>> avg_pool_output_size(6, kernel_size=3, stride=2, padding=1, ceil_mode=True)
    4
    """
    return pool_output_size(size, kernel_size, stride, padding, dilation=1, ceil_mode=ceil_mode)


# --------------------------------------------------------------------------- explanations


def _explain(steps: list[tuple[int, str]]) -> str:
    labels = _dimension_labels(len(steps))
    return "\n".join(f"{label}: {text}" for label, (_, text) in zip(labels, steps))


def explain_conv_output_size(
    size: IntOrTuple, kernel_size: IntOrTuple, stride: IntOrTuple = 1,
    padding: Padding = 0, dilation: IntOrTuple = 1,
) -> str:
    """``conv_output_size`` with its arithmetic written out, one line per dimension
    (the middle term is the total padding, the last the kernel's extent ``d(k-1)+1``).

    写出 ``conv_output_size`` 的计算过程，每个维度一行。

    >>> from cnnref.shapes import explain_conv_output_size
    >>> print(explain_conv_output_size((227, 227), kernel_size=11, stride=4))
    H: floor((227 + 0 - 11) / 4) + 1 = 55
    W: floor((227 + 0 - 11) / 4) + 1 = 55
    """
    return _explain(_conv_steps(size, kernel_size, stride, padding, dilation)[0])


def explain_pool_output_size(
    size: IntOrTuple, kernel_size: IntOrTuple, stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0, dilation: IntOrTuple = 1, ceil_mode: bool = False,
) -> str:
    """``pool_output_size`` with its arithmetic written out, one line per dimension.

    写出 ``pool_output_size`` 的计算过程，每个维度一行。

    >>> from cnnref.shapes import explain_pool_output_size
    >>> print(explain_pool_output_size(5, kernel_size=2, padding=1, ceil_mode=True))
    size: ceil((5 + 2 - 2) / 2) + 1 = 4; the last window would start in the right padding, so it is dropped: 3
    """
    return _explain(_pool_steps(size, kernel_size, stride, padding, dilation, ceil_mode)[0])

