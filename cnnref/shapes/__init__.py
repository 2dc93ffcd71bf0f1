"""Output-size arithmetic of convolution and pooling, exactly as PyTorch computes it,
and helpers that spell out padding side by side.

卷积与池化的输出尺寸计算（与 PyTorch 完全一致），以及按“哪一侧”写出填充的辅助函数。

One convention holds for every function here: ``size`` (or ``kernel_size`` for
``same_padding``) decides the number of spatial dimensions. An ``int`` is one
dimension and gives an ``int`` back; a tuple such as ``(H, W)`` gives a tuple of the same
length back. Every other argument is an ``int`` (the same value in every dimension, as in
``nn.Conv2d(kernel_size=3)``) or a tuple with one entry per dimension. ``size`` is the
spatial size only - never ``(N, C, H, W)``.

本模块所有函数遵循同一约定：``size``（``same_padding`` 中为 ``kernel_size``）决定空间
维度的个数。整数表示一个维度，返回整数；元组（如 ``(H, W)``）返回同样长度的元组。其余参数
可以是整数（每个维度取同一个值，和 ``nn.Conv2d(kernel_size=3)`` 一样），也可以是每个维度
一项的元组。``size`` 只是空间尺寸，不含 ``N`` 和 ``C``。

>>> from cnnref.shapes import conv_output_size, pool_output_size
>>> conv_output_size(227, kernel_size=11, stride=4)          # AlexNet conv1
55
>>> conv_output_size((224, 224), kernel_size=7, stride=2, padding=3)
(112, 112)
>>> pool_output_size((32, 32), kernel_size=2, stride=2, padding=1)
(17, 17)
"""

from cnnref.shapes.layers import LayerWindow, layer_window
from cnnref.shapes.output_size import (
    avg_pool_output_size,
    conv_output_size,
    conv_transpose_output_size,
    explain_conv_output_size,
    explain_pool_output_size,
    pool_output_size,
)
from cnnref.shapes.padding import conv_padding, pad_sides, same_padding

__all__ = [
    "conv_output_size",
    "conv_transpose_output_size",
    "pool_output_size",
    "avg_pool_output_size",
    "explain_conv_output_size",
    "explain_pool_output_size",
    "same_padding",
    "pad_sides",
    "conv_padding",
    "LayerWindow",
    "layer_window",
]
