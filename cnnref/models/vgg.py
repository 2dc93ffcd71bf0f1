"""VGG: the configurations of Simonyan & Zisserman (ICLR 2015), paper-faithful and as
torchvision ships them.

VGG：Simonyan 与 Zisserman（ICLR 2015）论文中的各个配置，既有论文原版，也有与 torchvision 兼容的版本。

One table, :data:`CONFIGS`, holds the paper's Table 1 in the paper's own notation, and one
function, :func:`make_layers`, turns a column of it into layers. torchvision's ``vgg11``,
``vgg13``, ``vgg16`` and ``vgg19`` are the paper's configurations A, B, D and E; it adds
``AdaptiveAvgPool2d((7, 7))`` (any input from 32×32 up) and batch-norm variants (``_bn``), which
are not in the paper. The paper's network takes a fixed 224×224 crop: 7×7×512 reach the first
fully connected layer directly.
torchvision 的 vgg11/13/16/19 就是论文的配置 A、B、D、E；自适应平均池化和批量归一化版本是它新增的。
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from ._input import check_input
from ._registry import register_model
from .alexnet import local_response_norm

# Table 1 of the paper, one entry per layer, in its notation: "conv3-64" is a 3×3 convolution
# with 64 kernels (stride 1, padding 1) followed by ReLU, "conv1-256" a 1×1 convolution
# (padding 0) followed by ReLU, "maxpool" a 2×2 max pooling with stride 2, "LRN" local response
# normalisation with AlexNet's constants (Section 2.1). Every column ends in
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


def make_layers(config: str, batch_norm: bool = False, in_channels: int = 3) -> nn.Sequential:
    """The convolutional part of a configuration of Table 1, as one ``nn.Sequential`` whose
    indices are torchvision's (``features.0.weight`` …), with ``BatchNorm2d`` after each
    convolution when ``batch_norm`` (torchvision's ``_bn`` models).

    把表 1 的一列变成卷积部分；``batch_norm`` 为真时在每个卷积后加批量归一化（torchvision 的 ``_bn`` 版本）。

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
    channels = in_channels
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


class VGG(nn.Module):
    """torchvision's VGG: ``features``, ``avgpool = AdaptiveAvgPool2d((7, 7))`` and
    ``classifier``, with the same ``state_dict`` keys, so torchvision checkpoints load with
    ``strict=True``. Input ``(N, 3, H, W)`` with H, W >= 32 (224 by design): five 2×2/2 max
    poolings need 2**5 = 32 pixels; the adaptive pooling takes any larger size to 7×7.

    与 torchvision 相同的 VGG；输入的高和宽至少为 32（设计尺寸 224）。

    >>> import torch
    >>> from cnnref.models.vgg import VGG, make_layers
    >>> with torch.device("meta"):
    ...     model = VGG(make_layers("A"), num_classes=10).eval()
    ...     model(torch.zeros(1, 3, 32, 32)).shape
    torch.Size([1, 10])
    """

    min_size: tuple[int, int] = (32, 32)
    max_size: tuple[int, int] | None = None

    def __init__(
        self,
        features: nn.Sequential,
        num_classes: int = 1000,
        init_weights: bool = True,
        dropout: float = 0.5,
        *,
        name: str = "VGG",
    ) -> None:
        super().__init__()
        first_conv = next(m for m in features.modules() if isinstance(m, nn.Conv2d))
        self.in_channels = first_conv.in_channels
        self.name = name
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        # FC-4096, FC-4096, FC-1000 with dropout 0.5 after the first two (paper, Section 3.1).
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )
        if init_weights:
            self.init_weights()

    def init_weights(self) -> None:
        """torchvision's initialisation: He (fan-out) for convolutions, N(0, 0.01²) for the
        linear layers, zero biases, batch norm at scale 1 and shift 0.

        torchvision 的初始化：卷积用 He（fan-out），全连接层用 N(0, 0.01²)，偏置为 0。
        """
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, mean=0.0, std=0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x: Tensor) -> Tensor:
        check_input(x, model=self.name, in_channels=self.in_channels, min_size=self.min_size, max_size=self.max_size)
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


class VGGPaper(VGG):
    """VGG as in the paper: no adaptive pooling, so the fixed 224×224 training crop
    (Section 2.1) gives the 7×7×512 that the first fully connected layer takes. Any H, W from
    224 to 255 gives 7×7 after the five poolings (``H // 32 == 7``); nothing else runs.

    论文版 VGG：没有自适应池化，固定的 224×224 输入经过五次池化正好得到 7×7×512。

    >>> import torch
    >>> from cnnref.models.vgg import VGGPaper, make_layers
    >>> with torch.device("meta"):
    ...     model = VGGPaper(make_layers("D"), name="vgg_d").eval()
    >>> model.avgpool
    Identity()
    >>> model(torch.zeros(1, 3, 256, 256, device="meta"))
    Traceback (most recent call last):
    ...
    ValueError: vgg_d expects 3 input channels and inputs between 224×224 and 255×255; got shape (1, 3, 256, 256)
    """

    min_size = (224, 224)
    max_size = (255, 255)

    def __init__(self, features: nn.Sequential, num_classes: int = 1000, init_weights: bool = True,
                 dropout: float = 0.5, *, name: str = "VGG (paper)") -> None:
        super().__init__(features, num_classes, init_weights, dropout, name=name)
        self.avgpool = nn.Identity()  # the paper has no pooling here: the fixed input already gives 7×7


# --------------------------------------------------------------------------- torchvision-compatible


def _vgg(name: str, config: str, batch_norm: bool, num_classes: int, dropout: float,
         in_channels: int, init_weights: bool) -> VGG:
    return VGG(make_layers(config, batch_norm, in_channels), num_classes, init_weights, dropout, name=name)


@register_model("vgg11", input_size=(3, 224, 224))
def vgg11(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg11``: configuration A (132,863,336 parameters); 224×224 input.

    与 torchvision 兼容的 vgg11，即配置 A；输入 224×224。

    >>> import torch
    >>> from cnnref.models import vgg11
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg11().parameters())
    132863336
    """
    return _vgg("vgg11", "A", False, num_classes, dropout, in_channels, init_weights)


@register_model("vgg11_bn", input_size=(3, 224, 224))
def vgg11_bn(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg11_bn``: configuration A with batch norm (132,868,840 parameters).

    与 torchvision 兼容的 vgg11_bn：配置 A 加批量归一化。

    >>> import torch
    >>> from cnnref.models import vgg11_bn
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg11_bn().parameters())
    132868840
    """
    return _vgg("vgg11_bn", "A", True, num_classes, dropout, in_channels, init_weights)


@register_model("vgg13", input_size=(3, 224, 224))
def vgg13(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg13``: configuration B (133,047,848 parameters); 224×224 input.

    与 torchvision 兼容的 vgg13，即配置 B；输入 224×224。

    >>> import torch
    >>> from cnnref.models import vgg13
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg13().parameters())
    133047848
    """
    return _vgg("vgg13", "B", False, num_classes, dropout, in_channels, init_weights)


@register_model("vgg13_bn", input_size=(3, 224, 224))
def vgg13_bn(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg13_bn``: configuration B with batch norm (133,053,736 parameters).

    与 torchvision 兼容的 vgg13_bn：配置 B 加批量归一化。

    >>> import torch
    >>> from cnnref.models import vgg13_bn
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg13_bn().parameters())
    133053736
    """
    return _vgg("vgg13_bn", "B", True, num_classes, dropout, in_channels, init_weights)


@register_model("vgg16", input_size=(3, 224, 224))
def vgg16(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg16``: configuration D (138,357,544 parameters); 224×224 input.

    与 torchvision 兼容的 vgg16，即配置 D；输入 224×224。

    >>> import torch
    >>> from cnnref.models import vgg16
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg16().parameters())
    138357544
    """
    return _vgg("vgg16", "D", False, num_classes, dropout, in_channels, init_weights)


@register_model("vgg16_bn", input_size=(3, 224, 224))
def vgg16_bn(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg16_bn``: configuration D with batch norm (138,365,992 parameters).

    与 torchvision 兼容的 vgg16_bn：配置 D 加批量归一化。

    >>> import torch
    >>> from cnnref.models import vgg16_bn
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg16_bn().parameters())
    138365992
    """
    return _vgg("vgg16_bn", "D", True, num_classes, dropout, in_channels, init_weights)


@register_model("vgg19", input_size=(3, 224, 224))
def vgg19(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg19``: configuration E (143,667,240 parameters); 224×224 input.

    与 torchvision 兼容的 vgg19，即配置 E；输入 224×224。

    >>> import torch
    >>> from cnnref.models import vgg19
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg19().parameters())
    143667240
    """
    return _vgg("vgg19", "E", False, num_classes, dropout, in_channels, init_weights)


@register_model("vgg19_bn", input_size=(3, 224, 224))
def vgg19_bn(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGG:
    """torchvision's ``vgg19_bn``: configuration E with batch norm (143,678,248 parameters).

    与 torchvision 兼容的 vgg19_bn：配置 E 加批量归一化。

    >>> import torch
    >>> from cnnref.models import vgg19_bn
    >>> with torch.device("meta"):
    ...     sum(p.numel() for p in vgg19_bn().parameters())
    143678248
    """
    return _vgg("vgg19_bn", "E", True, num_classes, dropout, in_channels, init_weights)


# --------------------------------------------------------------------------- the paper's Table 1


def vgg_paper(
    config: str, num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True
) -> VGGPaper:
    """Configuration ``config`` of the paper's Table 1 ("A", "A-LRN", "B", "C", "D" or "E"):
    fixed 224×224 input, 7×7×512 → 4096 → 4096 → ``num_classes``.

    论文表 1 中的配置 ``config``：固定 224×224 输入，7×7×512 → 4096 → 4096 → 类别数。

    >>> import torch
    >>> from cnnref.models import vgg_paper
    >>> with torch.device("meta"):
    ...     model = vgg_paper("C")
    >>> round(sum(p.numel() for p in model.parameters()) / 1e6)
    134
    >>> vgg_paper("VGG16")
    Traceback (most recent call last):
    ...
    ValueError: unknown VGG config 'VGG16'; allowed: A, A-LRN, B, C, D, E (the paper's Table 1)
    """
    name = "vgg_" + _check_config(config).lower().replace("-", "_")
    return VGGPaper(make_layers(config, False, in_channels), num_classes, init_weights, dropout, name=name)


@register_model("vgg_a", input_size=(3, 224, 224))
def vgg_a(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration A (11 weight layers); fixed 224×224 input.

    论文的配置 A（11 个权重层）。

    >>> import torch
    >>> from cnnref.models import vgg_a
    >>> with torch.device("meta"):
    ...     vgg_a().name
    'vgg_a'
    """
    return vgg_paper("A", num_classes, dropout, in_channels, init_weights)


@register_model("vgg_a_lrn", input_size=(3, 224, 224))
def vgg_a_lrn(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration A-LRN: A with local response normalisation after the first
    convolution; fixed 224×224 input.

    论文的配置 A-LRN：在第一个卷积层之后加局部响应归一化。

    >>> import torch
    >>> from cnnref.models import vgg_a_lrn
    >>> with torch.device("meta"):
    ...     vgg_a_lrn().features[2]
    LocalResponseNorm(5, alpha=0.0005, beta=0.75, k=2.0)
    """
    return vgg_paper("A-LRN", num_classes, dropout, in_channels, init_weights)


@register_model("vgg_b", input_size=(3, 224, 224))
def vgg_b(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration B (13 weight layers); fixed 224×224 input.

    论文的配置 B（13 个权重层）。

    >>> import torch
    >>> from cnnref.models import vgg_b
    >>> with torch.device("meta"):
    ...     vgg_b().name
    'vgg_b'
    """
    return vgg_paper("B", num_classes, dropout, in_channels, init_weights)


@register_model("vgg_c", input_size=(3, 224, 224))
def vgg_c(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration C (16 weight layers, 1×1 convolutions last in blocks 3–5);
    fixed 224×224 input.

    论文的配置 C（16 个权重层，第 3–5 段的最后一个卷积是 1×1 卷积）。

    >>> import torch
    >>> from cnnref.models import vgg_c
    >>> with torch.device("meta"):
    ...     vgg_c().features[14].kernel_size
    (1, 1)
    """
    return vgg_paper("C", num_classes, dropout, in_channels, init_weights)


@register_model("vgg_d", input_size=(3, 224, 224))
def vgg_d(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration D (16 weight layers, "VGG-16"); fixed 224×224 input.

    论文的配置 D（16 个权重层，即“VGG-16”）。

    >>> import torch
    >>> from cnnref.models import vgg_d
    >>> with torch.device("meta"):
    ...     vgg_d().name
    'vgg_d'
    """
    return vgg_paper("D", num_classes, dropout, in_channels, init_weights)


@register_model("vgg_e", input_size=(3, 224, 224))
def vgg_e(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True) -> VGGPaper:
    """The paper's configuration E (19 weight layers, "VGG-19"); fixed 224×224 input.

    论文的配置 E（19 个权重层，即“VGG-19”）。

    >>> import torch
    >>> from cnnref.models import vgg_e
    >>> with torch.device("meta"):
    ...     vgg_e().name
    'vgg_e'
    """
    return vgg_paper("E", num_classes, dropout, in_channels, init_weights)
