"""1×1 convolution from scratch: a loop that follows the textbook's four steps, a
vectorised version, and the RGBA → grey example.

从零实现 1×1 卷积：按教科书四个计算步骤写的循环版、向量化版，以及 RGBA → 灰度的例子。

Layout. Tensors use PyTorch's layout: input ``(N, C_in, H, W)`` (or ``(C_in, H, W)``),
weight ``(C_out, C_in, 1, 1)`` exactly as ``nn.Conv2d(C_in, C_out, kernel_size=1).weight``,
bias ``(C_out,)``, output ``(N, C_out, H, W)``. Textbooks often draw one feature map as
``[H, W, C]`` (channels last); the loop version switches to that view inside, so its body
reads like the textbook, and switches back at the end.

布局：张量采用 PyTorch 的布局，输入 ``(N, C_in, H, W)``（或 ``(C_in, H, W)``），权重
``(C_out, C_in, 1, 1)``（即 ``nn.Conv2d(..., kernel_size=1).weight``），偏置 ``(C_out,)``，
输出 ``(N, C_out, H, W)``。教科书常把一张特征图画成 ``[H, W, C]``（通道在最后）；循环版在内部
切换到这个视角，因此循环体读起来和教科书一致，最后再换回来。

>>> import torch
>>> from torch import nn
>>> from cnnref.scratch.conv1x1 import conv1x1_loop
>>> conv = nn.Conv2d(3, 2, kernel_size=1)
>>> x = torch.randn(1, 3, 4, 4)
>>> torch.testing.assert_close(conv1x1_loop(x, conv.weight, conv.bias), conv(x))
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from cnnref._args import counted
from cnnref.scratch._input import as_batch, check_bias_and_dtypes

__all__ = ["GREY_WEIGHTS", "conv1x1_loop", "conv1x1_einsum", "rgba_to_grey_conv", "grey_by_formula"]

#: ITU-R BT.601 luma weights for R, G, B, and 0 for the alpha channel A.
#: ITU-R BT.601 的亮度权重（R、G、B），透明通道 A 的权重为 0。
GREY_WEIGHTS: tuple[float, float, float, float] = (0.299, 0.587, 0.114, 0.0)


def _check(x: Tensor, weight: Tensor, bias: Tensor | None) -> tuple[Tensor, bool]:
    """Validate the three arguments of a 1×1 convolution as ``F.conv2d`` does.

    Args:
        x: the input, ``(N, C_in, H, W)`` or ``(C_in, H, W)``.
        weight: ``(C_out, C_in, 1, 1)``.
        bias: ``(C_out,)`` or ``None``.

    Returns:
        ``x`` as ``(N, C_in, H, W)``, and whether it had no batch dimension.

    Raises:
        TypeError: a non-tensor, a non-floating input, or a weight or bias whose dtype is not
            the input's (``F.conv2d`` refuses mixed dtypes too).
        ValueError: a shape that does not fit.
    """
    x, unbatched = as_batch(x)
    for name, tensor in (("weight", weight), ("bias", bias)):
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(tensor).__name__}")
    if weight.dim() != 4 or tuple(weight.shape[2:]) != (1, 1):
        raise ValueError(f"weight must have shape (C_out, C_in, 1, 1), got {tuple(weight.shape)}")
    if weight.shape[1] != x.shape[1]:
        raise ValueError(
            f"weight expects C_in={counted(weight.shape[1], 'input channel')}, the input has {x.shape[1]}"
        )
    check_bias_and_dtypes(x, weight, bias)
    return x, unbatched


def conv1x1_loop(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """1×1 convolution written as the four textbook steps, one output value at a time.

    1×1 卷积，按教科书的四个步骤逐个计算输出值：

    1. create an all-zero output feature map ``[H, W, C_out]``; 创建形状为 ``[H, W, C_out]`` 的全零输出；
    2. take each kernel (``C_in`` numbers) in turn; 依次取每个卷积核（``C_in`` 个数）；
    3. at each position, multiply the kernel with the ``C_in`` input values there and sum;
       在每个位置上，把卷积核与该位置的 ``C_in`` 个输入值逐个相乘再求和；
    4. repeat 2-3 until all kernels are done. 重复 2–3，直到所有卷积核都处理完。

    Slow on purpose: for reading, not for training. 故意写得慢：用来读，不用来训练。

    Args:
        x: a floating-point input ``(N, C_in, H, W)`` or ``(C_in, H, W)``.
        weight: ``(C_out, C_in, 1, 1)``, as ``nn.Conv2d(C_in, C_out, 1).weight``, in the dtype of ``x``.
        bias: ``(C_out,)`` in the dtype of ``x``, or ``None``.

    Returns:
        ``(N, C_out, H, W)`` (or ``(C_out, H, W)``), equal to ``F.conv2d(x, weight, bias)``.

    Raises:
        TypeError: a non-tensor, a non-floating input, or mixed dtypes (as ``F.conv2d``).
        ValueError: shapes that do not fit together.

    >>> import torch
    >>> from cnnref.scratch.conv1x1 import conv1x1_loop
    >>> x = torch.tensor([[[[1.0]], [[2.0]], [[3.0]]]])
    >>> weight = torch.tensor([[[[1.0]], [[1.0]], [[1.0]]], [[[0.5]], [[0.0]], [[-1.0]]]])
    >>> y = conv1x1_loop(x, weight, bias=torch.tensor([0.0, 10.0]))
    >>> y.shape
    torch.Size([1, 2, 1, 1])
    >>> y.flatten()
    tensor([6.0000, 7.5000])
    """
    x, unbatched = _check(x, weight, bias)
    y = torch.stack([_textbook_steps(sample, weight, bias) for sample in x])
    return y[0] if unbatched else y


def _textbook_steps(sample: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:
    """The four steps of ``conv1x1_loop`` on one sample ``(C_in, H, W)``."""
    feature_map = sample.permute(1, 2, 0)  # the textbook's view: [H, W, C_in]
    height, width, _ = feature_map.shape
    c_out = weight.shape[0]
    # Step 1: an all-zero output feature map [H, W, C_out].
    out = torch.zeros(height, width, c_out, dtype=sample.dtype, device=sample.device)
    # Step 2 (and step 4: the loop ends when every kernel has been used).
    for k in range(c_out):
        kernel = weight[k, :, 0, 0]  # one 1×1 kernel = C_in numbers
        # Step 3: at every position, elementwise product over the channels, then sum.
        for i in range(height):
            for j in range(width):
                out[i, j, k] = (feature_map[i, j, :] * kernel).sum()
                if bias is not None:
                    out[i, j, k] += bias[k]
    return out.permute(2, 0, 1)  # back to PyTorch's (C_out, H, W)


def conv1x1_einsum(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """1×1 convolution as one matrix product over the channel axis: at every pixel,
    ``y[:, h, w] = W @ x[:, h, w] + b`` with ``W`` the ``(C_out, C_in)`` matrix.

    把 1×1 卷积写成沿通道维的一次矩阵乘法：在每个像素上 ``y[:, h, w] = W @ x[:, h, w] + b``，
    其中 ``W`` 是 ``(C_out, C_in)`` 矩阵。

    Args, result and errors: those of ``conv1x1_loop``. 参数、返回值与错误同 ``conv1x1_loop``。

    >>> import torch
    >>> from torch import nn
    >>> from cnnref.scratch.conv1x1 import conv1x1_einsum
    >>> conv = nn.Conv2d(8, 4, kernel_size=1)
    >>> x = torch.randn(2, 8, 5, 5)
    >>> conv1x1_einsum(x, conv.weight, conv.bias).shape
    torch.Size([2, 4, 5, 5])
    >>> torch.testing.assert_close(conv1x1_einsum(x, conv.weight, conv.bias), conv(x))
    """
    x, unbatched = _check(x, weight, bias)
    y = torch.einsum("oc,nchw->nohw", weight[:, :, 0, 0], x)
    if bias is not None:
        y = y + bias.view(1, -1, 1, 1)
    return y[0] if unbatched else y


def rgba_to_grey_conv() -> nn.Conv2d:
    """The textbook's intuitive example as a layer: 4 channels (RGBA) → 1 channel (grey),
    a 1×1 convolution with weights ``GREY_WEIGHTS``, no bias, no activation, frozen.

    教科书里的直观例子做成一层：4 通道（RGBA）→ 1 通道（灰度），权重为 ``GREY_WEIGHTS``
    的 1×1 卷积，无偏置、无激活函数，参数冻结。

    Returns:
        The ``nn.Conv2d(4, 1, kernel_size=1, bias=False)`` layer, float32, ``requires_grad`` off.

    >>> import torch
    >>> from cnnref.scratch.conv1x1 import rgba_to_grey_conv
    >>> to_grey = rgba_to_grey_conv()
    >>> pixel = torch.tensor([1.0, 0.5, 0.0, 0.8]).view(1, 4, 1, 1)
    >>> round(to_grey(pixel).item(), 4)
    0.5925
    """
    conv = nn.Conv2d(in_channels=4, out_channels=1, kernel_size=1, bias=False)
    with torch.no_grad():
        conv.weight.copy_(torch.tensor(GREY_WEIGHTS).view(1, 4, 1, 1))
    return conv.requires_grad_(False)


def grey_by_formula(rgba: Tensor) -> Tensor:
    """The per-pixel formula ``grey = 0.299 R + 0.587 G + 0.114 B`` (A is ignored), for
    ``(N, 4, H, W)`` or ``(4, H, W)`` input; keeps a channel axis of size 1.

    逐像素公式 ``grey = 0.299 R + 0.587 G + 0.114 B``（忽略 A），保留大小为 1 的通道维。

    Args:
        rgba: a floating-point image ``(N, 4, H, W)`` or ``(4, H, W)``.

    Returns:
        ``(N, 1, H, W)`` (or ``(1, H, W)``) in the dtype of ``rgba``.

    Raises:
        TypeError: not a floating-point tensor.
        ValueError: not a feature map, or not 4 channels.

    >>> import torch
    >>> from cnnref.scratch.conv1x1 import grey_by_formula, rgba_to_grey_conv
    >>> rgba = torch.rand(2, 4, 3, 3)
    >>> torch.testing.assert_close(rgba_to_grey_conv()(rgba), grey_by_formula(rgba))
    """
    x, unbatched = as_batch(rgba)
    if x.shape[1] != 4:
        raise ValueError(f"expected 4 channels (R, G, B, A), got {x.shape[1]}")
    red, green, blue, _alpha = x.unbind(dim=1)
    grey = (0.299 * red + 0.587 * green + 0.114 * blue).unsqueeze(1)
    return grey[0] if unbatched else grey
