"""Network In Network (Lin, Chen & Yan, ICLR 2014), its CIFAR-10 network.

Network In Network（Lin、Chen 与 Yan，ICLR 2014）：论文中用于 CIFAR-10 的网络。

The paper replaces the linear filter of a convolution by a small multilayer perceptron applied at
every position, the **mlpconv** layer: a convolution followed by two 1×1 convolutions, each with a
ReLU (Section 3.1, Figure 2). Three mlpconv layers are stacked; each but the last is followed by
a max pooling that halves the feature map and by dropout (Section 4.1). The last mlpconv layer
outputs one feature map per class, and **global average pooling** turns each map into one
score: no fully connected layer (Section 3.2).

论文用一个在每个位置上作用的小型多层感知机替代卷积的线性滤波器，即 **mlpconv** 层：一个卷积后接
两个 1×1 卷积，每个都带 ReLU（第 3.1 节、图 2）。网络堆叠三个 mlpconv 层，前两个之后各有一个把
特征图缩小一半的最大池化和丢弃法（第 4.1 节）。最后一个 mlpconv 层为每个类别输出一张特征图，
**全局平均池化**把每张图变成一个分数，没有全连接层（第 3.2 节）。

The paper does not list the channel widths; the defaults are those of the first author's
released CIFAR-10 definition for cuda-convnet (https://github.com/mavenlin/cuda-convnet/tree/master/NIN):
kernels 5, 5, 3 with paddings 2, 2, 1, and 192-160-96, 192-192-192, 192-192-classes channels,
with 3×3 pools of stride 2 that round up, so 32 → 16 → 8. Both pools are max pooling here, as
Section 4.1 says.
论文没有给出通道数；默认值取自第一作者发布的 cuda-convnet 版 CIFAR-10 定义；两个池化都按论文第 4.1 节用最大池化。
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import torch
from torch import Tensor, nn

from .._args import positive_int, probability
from ._input import InputSpec, Network
from ._registry import Figure, Paper, register_model

PAPER = Paper(
    authors="Lin, Chen & Yan",
    title="Network In Network",
    year=2014,
    venue="ICLR 2014",
    url="https://arxiv.org/abs/1312.4400",
)

#: The widths of the eight layers before the class maps: conv, 1×1, 1×1 of the first two
#: mlpconv layers, then the conv and the first 1×1 of the third, whose last 1×1 gives the classes.
CIFAR10_CHANNELS: tuple[int, ...] = (192, 160, 96, 192, 192, 192, 192, 192)


def mlpconv(in_channels: int, channels: Sequence[int], kernel_size: int, padding: int) -> nn.Sequential:
    """One mlpconv layer: a ``kernel_size`` convolution, then two 1×1 convolutions, each followed
    by a ReLU - a three-layer perceptron shared by every position.

    一个 mlpconv 层：一个 ``kernel_size`` 卷积后接两个 1×1 卷积，每个之后都有 ReLU，相当于在每个位置
    共享的三层感知机。

    Examples:
        >>> from cnnref.models.nin import mlpconv
        >>> mlpconv(3, (192, 160, 96), kernel_size=5, padding=2)[2]
        Conv2d(192, 160, kernel_size=(1, 1), stride=(1, 1))
    """
    first, second, third = channels
    return nn.Sequential(OrderedDict([
        ("conv", nn.Conv2d(in_channels, first, kernel_size, padding=padding)),
        ("relu", nn.ReLU(inplace=True)),
        ("cccp1", nn.Conv2d(first, second, kernel_size=1)),
        ("relu1", nn.ReLU(inplace=True)),
        ("cccp2", nn.Conv2d(second, third, kernel_size=1)),
        ("relu2", nn.ReLU(inplace=True)),
    ]))


class NiN(Network):
    """Network In Network for 32×32 images: three mlpconv layers and global average pooling.
    ``channels`` gives the eight widths of ``CIFAR10_CHANNELS`` (smaller ones for a scaled-down
    network). Input ``(N, C, H, W)`` with H, W >= 4.

    Network In Network：三个 mlpconv 层与全局平均池化；``channels`` 是 ``CIFAR10_CHANNELS`` 的八个宽度
    （可以更小，得到缩小版网络）。

    Examples:
        >>> import torch
        >>> from cnnref.models.nin import NiN
        >>> NiN(num_classes=10).eval()(torch.zeros(1, 3, 32, 32)).shape
        torch.Size([1, 10])
    """

    # The two 3×3/2 pools round up and so take 2 rows (a window may run 1 past the edge):
    # 4 → 2 → 1, while 3 → 1 leaves the second pool too few.
    input_spec = InputSpec(size=(3, 32, 32), min_size=(4, 4))

    def __init__(self, num_classes: int = 10, in_channels: int = 3, dropout: float = 0.5,
                 channels: Sequence[int] = CIFAR10_CHANNELS) -> None:
        super().__init__(in_channels)
        num_classes = positive_int("num_classes", num_classes)
        dropout = probability("dropout", dropout)
        if not isinstance(channels, Sequence) or len(channels) != 8:
            raise ValueError(f"channels must be 8 widths (as CIFAR10_CHANNELS), got {channels!r}")
        widths = [positive_int(f"channels[{i}]", c) for i, c in enumerate(channels)]
        self.features = nn.Sequential(OrderedDict([
            ("mlpconv1", mlpconv(self.in_channels, widths[0:3], kernel_size=5, padding=2)),
            ("pool1", nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True)),
            ("drop1", nn.Dropout(dropout)),
            ("mlpconv2", mlpconv(widths[2], widths[3:6], kernel_size=5, padding=2)),
            ("pool2", nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True)),
            ("drop2", nn.Dropout(dropout)),
            ("mlpconv3", mlpconv(widths[5], (*widths[6:8], num_classes), kernel_size=3, padding=1)),
        ]))
        # One score per class map: the average over every position (Section 3.2).
        self.gap = nn.AdaptiveAvgPool2d(1)

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        return torch.flatten(self.gap(self.features(x)), 1)


@register_model(
    title="NiN", paper=PAPER, source="paper",
    figures=(
        Figure("error", 10.41, "Table 1", "CIFAR-10 test set, NIN + Dropout"),
        Figure("error", 8.81, "Table 1", "CIFAR-10 test set, NIN + Dropout + Augmentation"),
    ),
)
def nin_paper(**kwargs: Any) -> NiN:
    """Network In Network as its paper trained it on CIFAR-10 (10 classes, 32×32 input).

    论文在 CIFAR-10 上训练的 Network In Network（10 类，输入 32×32）。

    Examples:
        >>> from cnnref.models import nin_paper
        >>> sum(p.numel() for p in nin_paper().parameters())
        966986
    """
    return NiN(**kwargs)
