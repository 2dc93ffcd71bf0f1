"""VGG: the configurations of Simonyan & Zisserman (ICLR 2015), paper-faithful and as
torchvision ships them.

VGG：Simonyan 与 Zisserman（ICLR 2015）论文中的各个配置，既有论文原版，也有与 torchvision 兼容的版本。

One table, ``CONFIGS``, holds the paper's Table 1 in the paper's own notation, and one
function, ``make_layers``, turns a column of it into layers. torchvision's ``vgg11``,
``vgg13``, ``vgg16`` and ``vgg19`` are the paper's configurations A, B, D and E; it adds
``AdaptiveAvgPool2d((7, 7))`` (any input from 32×32 up) and batch-norm variants (``_bn``), which
are not in the paper. The paper's network takes a fixed 224×224 crop: 7×7×512 reach the first
fully connected layer directly.
torchvision 的 vgg11/13/16/19 就是论文的配置 A、B、D、E；自适应平均池化和批量归一化版本是它新增的。
"""

from __future__ import annotations

from typing import Any, Self

import torch
from torch import Tensor, nn

from .._args import check_bool, positive_int, probability
from ._input import InputSpec, Network, holds_no_values
from ._registry import Figure, Paper, register_model, torchvision_figures
from .alexnet import local_response_norm

PAPER = Paper(
    authors="Simonyan & Zisserman",
    title="Very deep convolutional networks for large-scale image recognition",
    year=2015,
    venue="ICLR 2015",
    url="https://arxiv.org/abs/1409.1556",
)

# Table 1 of the paper, one entry per layer, in its notation: "conv3-64" is a 3×3 convolution
# with 64 kernels (stride 1, padding 1) followed by ReLU, "conv1-256" a 1×1 convolution
# (padding 0) followed by ReLU, "maxpool" a 2×2 max pooling with stride 2, "LRN" local response
# normalization with AlexNet's constants (Section 2.1). Every column ends in
# FC-4096, FC-4096, FC-1000 (see VGG.classifier).
CONFIGS: dict[str, list[str]] = {
    "A": ["conv3-64", "maxpool",
          "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "maxpool"],
    "A-LRN": ["conv3-64", "LRN", "maxpool",
              "conv3-128", "maxpool",
              "conv3-256", "conv3-256", "maxpool",
              "conv3-512", "conv3-512", "maxpool",
              "conv3-512", "conv3-512", "maxpool"],
    "B": ["conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "maxpool"],
    "C": ["conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv1-256", "maxpool",
          "conv3-512", "conv3-512", "conv1-512", "maxpool",
          "conv3-512", "conv3-512", "conv1-512", "maxpool"],
    "D": ["conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "maxpool"],
    "E": ["conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "conv3-512", "maxpool"],
}

# The number of weight layers each configuration is named after (Table 1's header).
WEIGHT_LAYERS = {"A": 11, "A-LRN": 11, "B": 13, "C": 16, "D": 16, "E": 19}


def _check_config(config: object) -> str:
    if not isinstance(config, str):
        raise TypeError(f"config must be a str, one of {', '.join(CONFIGS)}; got {type(config).__name__}")
    if config not in CONFIGS:
        raise ValueError(f"unknown VGG config {config!r}; allowed: {', '.join(CONFIGS)} (the paper's Table 1)")
    return config


def make_layers(config: str, *, batch_norm: bool = False, in_channels: int = 3) -> nn.Sequential:
    """The convolutional part of a configuration of Table 1, as one ``nn.Sequential`` whose
    indices are torchvision's (``features.0.weight`` …), with ``BatchNorm2d`` after each
    convolution when ``batch_norm`` (torchvision's ``_bn`` models).

    把表 1 的一列变成卷积部分；``batch_norm`` 为真时在每个卷积后加批量归一化（torchvision 的 ``_bn`` 版本）。

    Examples:
        >>> from cnnref.models.vgg import make_layers
        >>> layers = make_layers("C")
        >>> layers[14], layers[15]
        (Conv2d(256, 256, kernel_size=(1, 1), stride=(1, 1)), ReLU(inplace=True))
        >>> make_layers("F")
        Traceback (most recent call last):
        ...
        ValueError: unknown VGG config 'F'; allowed: A, A-LRN, B, C, D, E (the paper's Table 1)
    """
    layers: list[nn.Module] = []
    channels = positive_int("in_channels", in_channels)
    for entry in CONFIGS[_check_config(config)]:
        if entry == "maxpool":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        elif entry == "LRN":
            layers.append(local_response_norm())
        else:  # "conv{k}-{c}"
            kernel, out_channels = (int(n) for n in entry.removeprefix("conv").split("-"))
            layers.append(nn.Conv2d(channels, out_channels, kernel_size=kernel, padding=kernel // 2))
            if batch_norm:
                layers.append(nn.BatchNorm2d(out_channels))
            layers.append(nn.ReLU(inplace=True))
            channels = out_channels
    return nn.Sequential(*layers)


class VGG(Network):
    """torchvision's VGG: ``features``, ``avgpool = AdaptiveAvgPool2d((7, 7))`` and
    ``classifier``, with the same ``state_dict`` keys, so torchvision checkpoints load with
    ``strict=True``. Input ``(N, 3, H, W)`` with H, W >= 32 (224 by design).

    与 torchvision 相同的 VGG；输入的高和宽至少为 32（设计尺寸 224）。

    Examples:
        >>> import torch
        >>> from cnnref.models.vgg import VGG
        >>> with torch.device("meta"):
        ...     model = VGG.from_config("A", num_classes=10).eval()
        ...     model(torch.zeros(1, 3, 32, 32)).shape
        torch.Size([1, 10])
    """

    # Five 2×2/2 max poolings need 2**5 = 32 pixels; the adaptive pooling takes any larger size to 7×7.
    input_spec = InputSpec(size=(3, 224, 224), min_size=(32, 32))

    def __init__(
        self, features: nn.Sequential, num_classes: int = 1000, init_weights: bool = True, dropout: float = 0.5
    ) -> None:
        first_conv = next(m for m in features.modules() if isinstance(m, nn.Conv2d))
        super().__init__(first_conv.in_channels)
        dropout = probability("dropout", dropout)
        self.features = features
        self.avgpool: nn.Module = nn.AdaptiveAvgPool2d((7, 7))
        # FC-4096, FC-4096, FC-1000 with dropout 0.5 after the first two (paper, Section 3.1).
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, positive_int("num_classes", num_classes)),
        )
        if check_bool("init_weights", init_weights):
            self.init_weights()

    @classmethod
    def from_config(cls, config: str, **kwargs: Any) -> Self:
        """The network of one configuration of Table 1; ``batch_norm`` and ``in_channels`` go to
        ``make_layers``, every other keyword to the class.

        由表 1 的一个配置构建网络；``batch_norm`` 与 ``in_channels`` 传给 ``make_layers``，其余传给类。

        Examples:
            >>> import torch
            >>> from cnnref.models.vgg import VGG
            >>> with torch.device("meta"):
            ...     model = VGG.from_config("D", batch_norm=True, in_channels=1)
            >>> model.in_channels, type(model.features[1]).__name__
            (1, 'BatchNorm2d')
        """
        layer_options = {key: kwargs.pop(key) for key in ("batch_norm", "in_channels") if key in kwargs}
        return cls(make_layers(config, **layer_options), **kwargs)

    def init_weights(self) -> None:
        """torchvision's initialisation: He (fan-out) for convolutions, N(0, 0.01²) for the
        linear layers, zero biases, batch norm at scale 1 and shift 0.

        torchvision 的初始化：卷积用 He（fan-out），全连接层用 N(0, 0.01²)，偏置为 0。
        """
        if holds_no_values(self):
            return
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, mean=0.0, std=0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


class VGGPaper(VGG):
    """VGG as in the paper: no adaptive pooling, so the fixed 224×224 training crop
    (Section 2.1) gives the 7×7×512 that the first fully connected layer takes.

    论文版 VGG：没有自适应池化，固定的 224×224 输入经过五次池化正好得到 7×7×512。

    Examples:
        >>> import torch
        >>> from cnnref.models import get_model
        >>> with torch.device("meta"):
        ...     model = get_model("vgg_d_paper").eval()
        >>> model.avgpool
        Identity()
        >>> model(torch.zeros(1, 3, 256, 256, device="meta"))
        Traceback (most recent call last):
        ...
        ValueError: vgg_d_paper expects 3 input channels and inputs between 224×224 and 255×255; got shape (1, 3, 256, 256)
    """

    # Any H, W from 224 to 255 gives 7×7 after the five poolings (H // 32 == 7); nothing else runs.
    input_spec = InputSpec(size=(3, 224, 224), min_size=(224, 224), max_size=(255, 255))

    def __init__(
        self, features: nn.Sequential, num_classes: int = 1000, init_weights: bool = True, dropout: float = 0.5
    ) -> None:
        super().__init__(features, num_classes, init_weights, dropout)
        self.avgpool = nn.Identity()  # the paper has no pooling here: the fixed input already gives 7×7


# --------------------------------------------------------------------------- torchvision-compatible


@register_model(
    title="VGG-11", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=132_863_336, gmacs=7.609, acc1=69.02, acc5=88.628),
)
def vgg11(**kwargs: Any) -> VGG:
    """torchvision's ``vgg11``: configuration A (132,863,336 parameters).

    与 torchvision 兼容的 vgg11：配置 A。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg11
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg11().parameters())
        132863336
    """
    return VGG.from_config("A", **kwargs)


@register_model(
    title="VGG-11-BN", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=132_868_840, gmacs=7.609, acc1=70.37, acc5=89.81),
)
def vgg11_bn(**kwargs: Any) -> VGG:
    """torchvision's ``vgg11_bn``: configuration A with batch norm (132,868,840 parameters).

    与 torchvision 兼容的 vgg11_bn：配置 A 加批量归一化。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg11_bn
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg11_bn().parameters())
        132868840
    """
    return VGG.from_config("A", batch_norm=True, **kwargs)


@register_model(
    title="VGG-13", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=133_047_848, gmacs=11.308, acc1=69.928, acc5=89.246),
)
def vgg13(**kwargs: Any) -> VGG:
    """torchvision's ``vgg13``: configuration B (133,047,848 parameters).

    与 torchvision 兼容的 vgg13：配置 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg13
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg13().parameters())
        133047848
    """
    return VGG.from_config("B", **kwargs)


@register_model(
    title="VGG-13-BN", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=133_053_736, gmacs=11.308, acc1=71.586, acc5=90.374),
)
def vgg13_bn(**kwargs: Any) -> VGG:
    """torchvision's ``vgg13_bn``: configuration B with batch norm (133,053,736 parameters).

    与 torchvision 兼容的 vgg13_bn：配置 B 加批量归一化。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg13_bn
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg13_bn().parameters())
        133053736
    """
    return VGG.from_config("B", batch_norm=True, **kwargs)


@register_model(
    title="VGG-16", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=138_357_544, gmacs=15.47, acc1=71.592, acc5=90.382),
)
def vgg16(**kwargs: Any) -> VGG:
    """torchvision's ``vgg16``: configuration D (138,357,544 parameters).

    与 torchvision 兼容的 vgg16：配置 D。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg16
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg16().parameters())
        138357544
    """
    return VGG.from_config("D", **kwargs)


@register_model(
    title="VGG-16-BN", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=138_365_992, gmacs=15.47, acc1=73.36, acc5=91.516),
)
def vgg16_bn(**kwargs: Any) -> VGG:
    """torchvision's ``vgg16_bn``: configuration D with batch norm (138,365,992 parameters).

    与 torchvision 兼容的 vgg16_bn：配置 D 加批量归一化。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg16_bn
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg16_bn().parameters())
        138365992
    """
    return VGG.from_config("D", batch_norm=True, **kwargs)


@register_model(
    title="VGG-19", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=143_667_240, gmacs=19.632, acc1=72.376, acc5=90.876),
)
def vgg19(**kwargs: Any) -> VGG:
    """torchvision's ``vgg19``: configuration E (143,667,240 parameters).

    与 torchvision 兼容的 vgg19：配置 E。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg19
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg19().parameters())
        143667240
    """
    return VGG.from_config("E", **kwargs)


@register_model(
    title="VGG-19-BN", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=143_678_248, gmacs=19.632, acc1=74.218, acc5=91.842),
)
def vgg19_bn(**kwargs: Any) -> VGG:
    """torchvision's ``vgg19_bn``: configuration E with batch norm (143,678,248 parameters).

    与 torchvision 兼容的 vgg19_bn：配置 E 加批量归一化。

    Examples:
        >>> import torch
        >>> from cnnref.models import vgg19_bn
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in vgg19_bn().parameters())
        143678248
    """
    return VGG.from_config("E", batch_norm=True, **kwargs)


# --------------------------------------------------------------------------- the paper's Table 1


@register_model(
    title="VGG configuration A", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 133, "Table 2"),
    ),
)
def vgg_a_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration A (11 weight layers).

    论文的配置 A（11 个权重层）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_a_paper
        >>> with torch.device("meta"):
        ...     len([m for m in vgg_a_paper().modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
        11
    """
    return VGGPaper.from_config("A", **kwargs)


@register_model(
    title="VGG configuration A-LRN", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 133, "Table 2"),
    ),
)
def vgg_a_lrn_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration A-LRN (A with local response normalization after the first convolution).

    论文的配置 A-LRN（在第一个卷积层之后加局部响应归一化）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_a_lrn_paper
        >>> with torch.device("meta"):
        ...     vgg_a_lrn_paper().features[2]
        LocalResponseNorm(5, alpha=0.0005, beta=0.75, k=2.0)
    """
    return VGGPaper.from_config("A-LRN", **kwargs)


@register_model(
    title="VGG configuration B", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 133, "Table 2"),
    ),
)
def vgg_b_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration B (13 weight layers).

    论文的配置 B（13 个权重层）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_b_paper
        >>> with torch.device("meta"):
        ...     len([m for m in vgg_b_paper().modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
        13
    """
    return VGGPaper.from_config("B", **kwargs)


@register_model(
    title="VGG configuration C", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 134, "Table 2"),
    ),
)
def vgg_c_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration C (16 weight layers, 1×1 convolutions last in blocks 3–5).

    论文的配置 C（16 个权重层，第 3–5 段的最后一个卷积是 1×1 卷积）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_c_paper
        >>> with torch.device("meta"):
        ...     vgg_c_paper().features[14].kernel_size
        (1, 1)
    """
    return VGGPaper.from_config("C", **kwargs)


@register_model(
    title="VGG configuration D", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 138, "Table 2"),
        Figure("top1_error", 24.8, "Table 4", "ILSVRC-2012 validation set, one network, dense evaluation at 3 scales"),
        Figure("top5_error", 7.5, "Table 4", "ILSVRC-2012 validation set, one network, dense evaluation at 3 scales"),
        Figure("top5_error", 7.3, "Table 7", "ILSVRC-2014 test set, the submitted ensemble of 7 networks"),
        Figure("top5_error", 6.8, "Table 7", "ILSVRC-2014 test set, an ensemble of 2 networks (D and E)"),
    ),
)
def vgg_d_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration D (16 weight layers, "VGG-16").

    论文的配置 D（16 个权重层，即“VGG-16”）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_d_paper
        >>> with torch.device("meta"):
        ...     len([m for m in vgg_d_paper().modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
        16
    """
    return VGGPaper.from_config("D", **kwargs)


@register_model(
    title="VGG configuration E", paper=PAPER, source="paper",
    figures=(
        Figure("params_millions", 144, "Table 2"),
        Figure("top5_error", 7.0, "Table 7", "ILSVRC-2014 test set, one network (E), multi-crop & dense evaluation"),
    ),
)
def vgg_e_paper(**kwargs: Any) -> VGGPaper:
    """The paper's configuration E (19 weight layers, "VGG-19").

    论文的配置 E（19 个权重层，即“VGG-19”）。

    Examples:
        >>> import torch
        >>> from torch import nn
        >>> from cnnref.models import vgg_e_paper
        >>> with torch.device("meta"):
        ...     len([m for m in vgg_e_paper().modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
        19
    """
    return VGGPaper.from_config("E", **kwargs)
