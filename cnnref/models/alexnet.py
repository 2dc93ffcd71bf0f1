"""AlexNet, as torchvision ships it and as the 2012 paper built it.

AlexNet：与 torchvision 兼容的版本，以及 2012 年论文的原版。

torchvision follows the single-tower variant of Krizhevsky's later report ("One weird trick for
parallelizing convolutional neural networks", 2014, https://arxiv.org/abs/1404.5997):
64/192/384/256/256 kernels, no LRN, no two-GPU split, ``AdaptiveAvgPool2d((6, 6))`` and
dropout before the first two linear layers.

The paper's network (Krizhevsky, Sutskever & Hinton, NIPS 2012, Section 3 and Figure 2) has
96/256/384/384/256 kernels, local response normalization after conv1 and conv2, overlapping
3×3/2 max pooling, and was split over two GPUs: conv2, conv4 and conv5 only saw the kernel maps
of their own GPU (``groups=2`` here), while conv3 and the fully connected layers saw both.
torchvision 的 AlexNet 是 2014 年“one weird trick”单塔版本；论文原版有 LRN 和双 GPU 分组。
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import torch
from torch import Tensor, nn

from .._args import check_bool, positive_int, probability
from ._input import InputSpec, Network, holds_no_values
from ._registry import Figure, Paper, register_model, torchvision_figures

PAPER = Paper(
    authors="Krizhevsky, Sutskever & Hinton",
    title="ImageNet classification with deep convolutional neural networks",
    year=2012,
    venue="NIPS 2012",
    url="https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks",
)


class AlexNet(Network):
    """torchvision's AlexNet: same module names and ``state_dict`` keys, so its checkpoints
    load with ``strict=True``. Input ``(N, 3, H, W)`` with H, W >= 63 (224 by design).

    与 torchvision 相同的 AlexNet：模块名与 ``state_dict`` 键一致，可直接加载其权重。

    Examples:
        >>> import torch
        >>> from cnnref.models.alexnet import AlexNet
        >>> AlexNet(num_classes=10).eval()(torch.zeros(1, 3, 63, 63)).shape
        torch.Size([1, 10])
    """

    # 63 is the smallest H, W for which the three 3×3/2 max pools still see a full window.
    input_spec = InputSpec(size=(3, 224, 224), min_size=(63, 63))

    def __init__(self, num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3) -> None:
        super().__init__(in_channels)
        dropout = probability("dropout", dropout)
        self.features = nn.Sequential(
            nn.Conv2d(self.in_channels, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, positive_int("num_classes", num_classes)),
        )

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


# Section 3.3 of the paper: k = 2, n = 5, alpha = 1e-4, beta = 0.75.
LRN_K, LRN_N, LRN_ALPHA, LRN_BETA = 2.0, 5, 1e-4, 0.75


def local_response_norm(
    k: float = LRN_K, n: int = LRN_N, alpha: float = LRN_ALPHA, beta: float = LRN_BETA
) -> nn.LocalResponseNorm:
    """The paper's local response normalization (Section 3.3) as ``nn.LocalResponseNorm``.

    The paper computes ``b_i = a_i / (k + alpha * sum_j a_j**2) ** beta`` over the ``n``
    neighbouring channels; ``nn.LocalResponseNorm`` divides its ``alpha`` by ``size``, so the
    paper's ``alpha`` is passed as ``n * alpha``.
    论文第 3.3 节的局部响应归一化。PyTorch 会把 ``alpha`` 除以 ``size``，所以这里传入 ``n * alpha``。

    Examples:
        >>> from cnnref.models.alexnet import local_response_norm
        >>> lrn = local_response_norm()
        >>> lrn.size, lrn.alpha, lrn.beta, lrn.k
        (5, 0.0005, 0.75, 2.0)
    """
    positive_int("n", n)
    return nn.LocalResponseNorm(size=n, alpha=n * alpha, beta=beta, k=k)


class AlexNetPaper(Network):
    """AlexNet as in the 2012 paper (Section 3.5, Figure 2), with the layer names of the
    paper's layer numbering (conv1 … conv5, fc6 … fc8).

    Input ``(N, 3, 227, 227)``: the paper says 224, but ``(224 - 11) / 4 + 1`` is not an
    integer; 227 gives the 55×55 maps of Figure 2. Without adaptive pooling, fc6 needs pool5 to
    be 6×6, which every H, W from 227 to 258 gives.
    论文版 AlexNet：输入 227×227（论文写的是 224，但 224 算不出 55×55 的特征图）。

    Examples:
        >>> import torch
        >>> from cnnref.models.alexnet import AlexNetPaper
        >>> with torch.device("meta"):
        ...     model = AlexNetPaper().eval()
        ...     model(torch.zeros(1, 3, 227, 227)).shape
        torch.Size([1, 1000])
        >>> model.features.conv2.weight.shape
        torch.Size([256, 48, 5, 5])
    """

    # conv1 (11×11/4) and pool1, pool2, pool5 (3×3/2) must leave exactly 6×6 for fc6:
    # H = 227 gives 55 → 27 → 13 → 6, H = 258 gives 62 → 30 → 14 → 6, H = 259 gives 7.
    input_spec = InputSpec(size=(3, 227, 227), min_size=(227, 227), max_size=(258, 258))

    def __init__(
        self, num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True
    ) -> None:
        super().__init__(in_channels)
        dropout = probability("dropout", dropout)
        self.features = nn.Sequential(OrderedDict([
            ("conv1", nn.Conv2d(self.in_channels, 96, kernel_size=11, stride=4)),
            ("relu1", nn.ReLU(inplace=True)),
            ("norm1", local_response_norm()),
            ("pool1", nn.MaxPool2d(kernel_size=3, stride=2)),
            ("conv2", nn.Conv2d(96, 256, kernel_size=5, padding=2, groups=2)),
            ("relu2", nn.ReLU(inplace=True)),
            ("norm2", local_response_norm()),
            ("pool2", nn.MaxPool2d(kernel_size=3, stride=2)),
            ("conv3", nn.Conv2d(256, 384, kernel_size=3, padding=1)),
            ("relu3", nn.ReLU(inplace=True)),
            ("conv4", nn.Conv2d(384, 384, kernel_size=3, padding=1, groups=2)),
            ("relu4", nn.ReLU(inplace=True)),
            ("conv5", nn.Conv2d(384, 256, kernel_size=3, padding=1, groups=2)),
            ("relu5", nn.ReLU(inplace=True)),
            ("pool5", nn.MaxPool2d(kernel_size=3, stride=2)),
        ]))
        self.classifier = nn.Sequential(OrderedDict([
            ("fc6", nn.Linear(256 * 6 * 6, 4096)),
            ("relu6", nn.ReLU(inplace=True)),
            ("drop6", nn.Dropout(p=dropout)),
            ("fc7", nn.Linear(4096, 4096)),
            ("relu7", nn.ReLU(inplace=True)),
            ("drop7", nn.Dropout(p=dropout)),
            ("fc8", nn.Linear(4096, positive_int("num_classes", num_classes))),
        ]))
        if check_bool("init_weights", init_weights):
            self.init_weights()

    def init_weights(self) -> None:
        """Section 5: weights from N(0, 0.01²); biases 1 in conv2, conv4, conv5, fc6 and fc7
        (to give the ReLUs positive inputs early on), 0 elsewhere.

        论文第 5 节的初始化：权重取自 N(0, 0.01²)；conv2、conv4、conv5、fc6、fc7 的偏置为 1，其余为 0。
        """
        if holds_no_values(self):
            return
        ones = {self.features.conv2, self.features.conv4, self.features.conv5,
                self.classifier.fc6, self.classifier.fc7}
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.normal_(m.weight, mean=0.0, std=0.01)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 1.0 if m in ones else 0.0)

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


@register_model(
    title="AlexNet", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=61_100_840, gmacs=0.714, acc1=56.522, acc5=79.066),
)
def alexnet(**kwargs: Any) -> AlexNet:
    """torchvision-compatible AlexNet (61,100,840 parameters with 1000 classes).

    与 torchvision 兼容的 AlexNet。

    Examples:
        >>> from cnnref.models import alexnet
        >>> sum(p.numel() for p in alexnet().parameters())
        61100840
    """
    return AlexNet(**kwargs)


@register_model(
    title="AlexNet", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 60, "Abstract"),
        # One CNN averages its predictions on 10 crops: 5 patches and their mirror images (Section 4.1).
        Figure("top1_error", 37.5, "Table 1", "ILSVRC-2010 test set, one CNN, 10 crops"),
        Figure("top5_error", 17.0, "Table 1", "ILSVRC-2010 test set, one CNN, 10 crops"),
        Figure("top1_error", 40.7, "Table 2", "ILSVRC-2012 validation set, one CNN, 10 crops"),
        Figure("top5_error", 18.2, "Table 2", "ILSVRC-2012 validation set, one CNN, 10 crops"),
        Figure("top5_error", 15.3, "Table 2",
               "ILSVRC-2012 test set, an ensemble of 7 CNNs, 2 of them pre-trained on ImageNet Fall 2011"),
    ),
)
def alexnet_paper(**kwargs: Any) -> AlexNetPaper:
    """AlexNet as in the 2012 paper (60,965,224 parameters with 1000 classes: the paper's
    "60 million").

    论文版 AlexNet（1000 类时 60,965,224 个参数，即论文所说的“6000 万”）。

    Examples:
        >>> import torch
        >>> from cnnref.models import alexnet_paper
        >>> with torch.device("meta"):
        ...     model = alexnet_paper()
        >>> sum(p.numel() for p in model.parameters())
        60965224
    """
    return AlexNetPaper(**kwargs)
