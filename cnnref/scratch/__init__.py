"""Layers written from scratch, for reading: every one equals its PyTorch counterpart, in the
forward pass and in the gradients. They take floating-point tensors only.

从零写成、用来阅读的层：每一个的前向结果与梯度都与 PyTorch 中对应的实现相同；只接受浮点张量。

* ``cnnref.scratch.conv2d`` - 2-D convolution: padding modes, stride, dilation, groups.
* ``cnnref.scratch.conv1x1`` - 1×1 convolution (loop and vectorised), RGBA → grey.
* ``cnnref.scratch.pooling`` - max pooling and average pooling.

>>> import torch
>>> import torch.nn.functional as F
>>> from cnnref.scratch import conv1x1_einsum, max_pool2d
>>> x = torch.randn(1, 3, 6, 6)
>>> torch.equal(max_pool2d(x, 2), F.max_pool2d(x, 2))
True
"""

from cnnref.scratch.conv1x1 import GREY_WEIGHTS, conv1x1_einsum, conv1x1_loop, grey_by_formula, rgba_to_grey_conv
from cnnref.scratch.conv2d import PADDING_MODES, conv2d
from cnnref.scratch.pooling import avg_pool2d, max_pool2d

__all__ = [
    "GREY_WEIGHTS",
    "PADDING_MODES",
    "avg_pool2d",
    "conv1x1_einsum",
    "conv1x1_loop",
    "conv2d",
    "grey_by_formula",
    "max_pool2d",
    "rgba_to_grey_conv",
]
