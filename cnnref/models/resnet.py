"""ResNet: the ImageNet networks (ResNet-18 … ResNet-152) as torchvision ships them and as the
paper built them, and the CIFAR-10 networks of the paper's section 4.2 (ResNet-20 … ResNet-110).

ResNet：ImageNet 网络（ResNet-18 至 ResNet-152）的 torchvision 版与论文版，以及论文 4.2 节的
CIFAR-10 网络（ResNet-20 至 ResNet-110）。

He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition" (2015,
arXiv:1512.03385). A residual block computes ``relu(F(x) + shortcut(x))``; ``layer1`` …
``layer4`` are the paper's stages conv2_x … conv5_x (Table 1). Two choices are arguments:

* ``variant``: ``"v1.5"`` (torchvision, the default) puts a ``Bottleneck``'s stride on
  its 3×3 convolution, ``"v1"`` (the paper) on its first 1×1 convolution. Same parameters,
  different compute. ``BasicBlock`` strides its first 3×3 convolution in both. The ``_paper``
  models are ``"v1"``.
* ``shortcut``: the paper's options (section 3.3): ``"A"`` zero-padding identity shortcuts,
  parameter-free (``ZeroPadShortcut``); ``"B"`` projections only where the shape
  changes (torchvision); ``"C"`` projections on every block.

两个可选项：``variant`` 决定瓶颈块的步幅放在 3×3 卷积（``"v1.5"``，torchvision）还是第一个
1×1 卷积（``"v1"``，论文）；``shortcut`` 对应论文 3.3 节的捷径选项 A/B/C。

Examples:
    >>> import torch
    >>> from cnnref.models import resnet20_paper
    >>> resnet20_paper().eval()(torch.zeros(1, 3, 32, 32)).shape
    torch.Size([1, 10])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .._args import check_bool, positive_int
from ._input import InputSpec, Network, holds_no_values
from ._registry import Figure, Paper, register_model, torchvision_figures

PAPER = Paper(
    authors="He, Zhang, Ren & Sun",
    title="Deep residual learning for image recognition",
    year=2016,
    venue="CVPR 2016",
    url="https://arxiv.org/abs/1512.03385",
)

__all__ = [
    "VARIANTS", "SHORTCUTS",
    "conv3x3", "conv1x1", "ZeroPadShortcut", "BasicBlock", "Bottleneck", "make_layer", "init_weights",
    "ResNet", "CifarResNet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnet18_paper", "resnet34_paper", "resnet50_paper", "resnet101_paper", "resnet152_paper",
    "resnet20_paper", "resnet32_paper", "resnet44_paper", "resnet56_paper", "resnet110_paper",
]

VARIANTS = ("v1", "v1.5")
SHORTCUTS = ("A", "B", "C")

NormLayer = Callable[[int], nn.Module]


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """``value`` if it is one of ``allowed``, else a ``ValueError`` that lists them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def conv3x3(in_planes: int, out_planes: int, stride: int = 1, groups: int = 1, dilation: int = 1) -> nn.Conv2d:
    """3×3 convolution, padding ``dilation`` (keeps the size at stride 1), no bias (batch norm follows).

    3×3 卷积：填充等于 ``dilation``（步幅为 1 时尺寸不变），无偏置（后接批量归一化）。

    >>> import torch
    >>> from cnnref.models.resnet import conv3x3
    >>> conv3x3(16, 32, stride=2)(torch.zeros(1, 16, 32, 32)).shape
    torch.Size([1, 32, 16, 16])
    """
    return nn.Conv2d(
        in_planes, out_planes, kernel_size=3, stride=stride, padding=dilation,
        groups=groups, bias=False, dilation=dilation,
    )


def conv1x1(in_planes: int, out_planes: int, stride: int = 1) -> nn.Conv2d:
    """1×1 convolution without bias.

    无偏置的 1×1 卷积。

    >>> from cnnref.models.resnet import conv1x1
    >>> conv1x1(64, 256).weight.shape
    torch.Size([256, 64, 1, 1])
    """
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class ZeroPadShortcut(nn.Module):
    """The paper's option A shortcut: identity, subsampled by ``stride`` (every ``stride``-th
    row and column) and zero-padded with the extra channels. It has no parameters.

    论文的选项 A 捷径：恒等映射，按 ``stride`` 隔行隔列取样，多出的通道补零；没有参数。

    >>> import torch
    >>> from cnnref.models.resnet import ZeroPadShortcut
    >>> x = torch.ones(1, 16, 32, 32)
    >>> y = ZeroPadShortcut(16, 32, stride=2)(x)
    >>> y.shape, y[:, :16].eq(1).all().item(), y[:, 16:].eq(0).all().item()
    (torch.Size([1, 32, 16, 16]), True, True)
    """

    def __init__(self, in_planes: int, out_planes: int, stride: int = 1) -> None:
        super().__init__()
        if out_planes < in_planes:
            raise ValueError(
                f"a zero-padding shortcut can only add channels: got {in_planes} → {out_planes}; "
                "use a projection shortcut (option 'B' or 'C') to reduce them"
            )
        self.in_planes, self.out_planes, self.stride = in_planes, out_planes, stride

    def forward(self, x: Tensor) -> Tensor:
        x = x[:, :, :: self.stride, :: self.stride]
        # F.pad pads the last dimensions first: width, height, then channels (after the input's).
        return F.pad(x, (0, 0, 0, 0, 0, self.out_planes - self.in_planes))

    def extra_repr(self) -> str:
        return f"{self.in_planes}, {self.out_planes}, stride={self.stride}"


class BasicBlock(nn.Module):
    """Two 3×3 convolutions with a shortcut (the paper's Figure 5, left; ResNet-18/34 and
    the CIFAR networks). ``downsample`` is the shortcut: ``None`` for the identity, or any
    module (a projection, a ``ZeroPadShortcut``). ``variant`` is accepted for a uniform
    interface: both variants stride the first 3×3 convolution.

    基本块：两个 3×3 卷积加一条捷径（论文图 5 左）。``downsample`` 即捷径：``None`` 表示恒等映射，
    也可以是任意模块（投影或零填充捷径）。

    >>> import torch
    >>> from cnnref.models.resnet import BasicBlock
    >>> block = BasicBlock(64, 64).eval()
    >>> x = torch.rand(1, 64, 8, 8)
    >>> torch.equal(block(x), torch.relu(block.residual(x) + x))
    True
    """

    expansion: int = 1
    weight_layers: int = 2

    def __init__(
        self,
        inplanes: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        groups: int = 1,
        base_width: int = 64,
        dilation: int = 1,
        norm_layer: NormLayer | None = None,
        variant: str = "v1.5",
    ) -> None:
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        if groups != 1 or base_width != 64:
            raise ValueError(
                f"BasicBlock only supports groups=1 and width_per_group=64; got {groups} and {base_width} "
                "(grouped and wide variants use Bottleneck)"
            )
        if dilation > 1:
            raise ValueError(f"BasicBlock does not support dilation > 1; got {dilation}")
        _choice("variant", variant, VARIANTS)
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = norm_layer(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = norm_layer(planes)
        self.downsample = downsample
        self.stride = stride

    @property
    def last_bn(self) -> nn.Module:
        """The normalization layer that ends the residual branch (zeroed by ``zero_init_residual``)."""
        return self.bn2

    def residual(self, x: Tensor) -> Tensor:
        """The residual function F(x), before the addition. 残差函数 F(x)（相加之前）。"""
        out = self.relu(self.bn1(self.conv1(x)))
        return self.bn2(self.conv2(out))

    def forward(self, x: Tensor) -> Tensor:
        out = self.residual(x)  # before the shortcut, as torchvision: the same fx node order
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """1×1 reduce, 3×3, 1×1 expand (×4), with a shortcut (the paper's Figure 5, right;
    ResNet-50/101/152). ``variant="v1.5"`` (torchvision) strides the 3×3 convolution,
    ``variant="v1"`` (the paper) the first 1×1 convolution. ``groups``/``base_width`` widen the
    3×3 convolution as torchvision's ResNeXt and wide ResNets do.

    瓶颈块：1×1 降维、3×3、1×1 升维（×4），加一条捷径（论文图 5 右）。
    ``"v1.5"`` 把步幅放在 3×3 卷积上，``"v1"`` 放在第一个 1×1 卷积上。

    >>> from cnnref.models.resnet import Bottleneck, conv1x1
    >>> v1 = Bottleneck(256, 128, stride=2, downsample=conv1x1(256, 512, 2), variant="v1")
    >>> v15 = Bottleneck(256, 128, stride=2, downsample=conv1x1(256, 512, 2))
    >>> v1.conv1.stride, v1.conv2.stride, v15.conv1.stride, v15.conv2.stride
    ((2, 2), (1, 1), (1, 1), (2, 2))
    """

    expansion: int = 4
    weight_layers: int = 3

    def __init__(
        self,
        inplanes: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        groups: int = 1,
        base_width: int = 64,
        dilation: int = 1,
        norm_layer: NormLayer | None = None,
        variant: str = "v1.5",
    ) -> None:
        super().__init__()
        norm_layer = norm_layer or nn.BatchNorm2d
        stride_1x1, stride_3x3 = (stride, 1) if _choice("variant", variant, VARIANTS) == "v1" else (1, stride)
        width = int(planes * (base_width / 64.0)) * groups
        self.conv1 = conv1x1(inplanes, width, stride_1x1)
        self.bn1 = norm_layer(width)
        self.conv2 = conv3x3(width, width, stride_3x3, groups, dilation)
        self.bn2 = norm_layer(width)
        self.conv3 = conv1x1(width, planes * self.expansion)
        self.bn3 = norm_layer(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    @property
    def last_bn(self) -> nn.Module:
        """The normalization layer that ends the residual branch (zeroed by ``zero_init_residual``)."""
        return self.bn3

    def residual(self, x: Tensor) -> Tensor:
        """The residual function F(x), before the addition. 残差函数 F(x)（相加之前）。"""
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        return self.bn3(self.conv3(out))

    def forward(self, x: Tensor) -> Tensor:
        out = self.residual(x)  # before the shortcut, as torchvision: the same fx node order
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


Block = type[BasicBlock] | type[Bottleneck]


def make_layer(
    block: Block,
    inplanes: int,
    planes: int,
    blocks: int,
    stride: int = 1,
    *,
    shortcut: str = "B",
    groups: int = 1,
    base_width: int = 64,
    first_dilation: int = 1,
    dilation: int = 1,
    norm_layer: NormLayer | None = None,
    variant: str = "v1.5",
) -> nn.Sequential:
    """One stage: ``blocks`` residual blocks, the first one with ``stride`` and the shortcut
    that ``shortcut`` (option ``"A"``, ``"B"`` or ``"C"``) gives it.

    一个阶段：``blocks`` 个残差块，第一个带步幅 ``stride``；捷径按选项 A/B/C 构造。

    >>> from cnnref.models.resnet import BasicBlock, make_layer
    >>> [type(b.downsample).__name__ for b in make_layer(BasicBlock, 16, 32, 3, 2, shortcut="A")]
    ['ZeroPadShortcut', 'NoneType', 'NoneType']
    >>> [type(b.downsample).__name__ for b in make_layer(BasicBlock, 16, 32, 3, 2, shortcut="C")]
    ['Sequential', 'Sequential', 'Sequential']
    """
    _choice("shortcut", shortcut, SHORTCUTS)
    if not isinstance(blocks, int) or blocks < 1:
        raise ValueError(f"a stage needs at least one block; got {blocks!r}")
    norm_layer = norm_layer or nn.BatchNorm2d
    out_planes = planes * block.expansion

    def make_shortcut(in_planes: int, block_stride: int) -> nn.Module | None:
        same_shape = block_stride == 1 and in_planes == out_planes
        if shortcut == "A":
            return None if same_shape else ZeroPadShortcut(in_planes, out_planes, block_stride)
        if shortcut == "B" and same_shape:
            return None
        return nn.Sequential(conv1x1(in_planes, out_planes, block_stride), norm_layer(out_planes))

    layers = [
        block(inplanes, planes, stride, make_shortcut(inplanes, stride), groups, base_width,
              first_dilation, norm_layer, variant=variant)
    ]
    for _ in range(1, blocks):
        layers.append(
            block(out_planes, planes, 1, make_shortcut(out_planes, 1), groups, base_width,
                  dilation, norm_layer, variant=variant)
        )
    return nn.Sequential(*layers)


def init_weights(model: nn.Module, zero_init_residual: bool = False) -> None:
    """torchvision's initialisation: He (Kaiming) normal for convolutions, BN weight 1 and bias 0;
    with ``zero_init_residual`` the last BN of each residual branch starts at 0, so every block
    starts as relu(shortcut(x)) - the identity mapping on the non-negative inputs it receives.

    torchvision 的初始化；``zero_init_residual`` 把每个残差分支最后一个批量归一化层的权重置 0，
    使每个块一开始就是恒等映射（对非负输入）。

    >>> from cnnref.models import resnet18
    >>> resnet18(zero_init_residual=True).layer1[0].bn2.weight.abs().sum().item()
    0.0
    """
    check_bool("zero_init_residual", zero_init_residual)
    if holds_no_values(model):
        return
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
            nn.init.constant_(m.weight, 1)
            nn.init.constant_(m.bias, 0)
    if zero_init_residual:
        for m in model.modules():
            weight = getattr(m.last_bn, "weight", None) if isinstance(m, (BasicBlock, Bottleneck)) else None
            if isinstance(weight, Tensor):
                nn.init.zeros_(weight)


class ResNet(Network):
    """torchvision's ResNet: same arguments, module names and ``state_dict`` keys, so its
    checkpoints load with ``strict=True``; plus ``variant``, ``shortcut`` and ``in_channels``.
    Input ``(N, C, H, W)`` with H, W >= 1 (224 by design): every stride-2 layer maps n to
    ceil(n / 2) >= 1 and the adaptive average pool takes any size.

    torchvision 的 ResNet：参数、模块名与 ``state_dict`` 键相同，可直接加载其权重；另加
    ``variant``、``shortcut`` 和 ``in_channels``。输入的高和宽至少为 1（设计尺寸 224）。

    Examples:
        >>> import torch
        >>> from cnnref.models.resnet import BasicBlock, ResNet
        >>> model = ResNet(BasicBlock, [2, 2, 2, 2], num_classes=10).eval()
        >>> model.depth, model(torch.zeros(1, 3, 1, 1)).shape
        (18, torch.Size([1, 10]))
    """

    # Smallest H, W: conv1 (7×7/2, padding 3), the 3×3/2 max pool (padding 1) and every
    # stride-2 convolution still produce one pixel from one pixel.
    input_spec = InputSpec(size=(3, 224, 224), min_size=(1, 1))

    def __init__(
        self,
        block: Block,
        layers: Sequence[int],
        num_classes: int = 1000,
        zero_init_residual: bool = False,
        groups: int = 1,
        width_per_group: int = 64,
        replace_stride_with_dilation: Sequence[bool] | None = None,
        norm_layer: NormLayer | None = None,
        *,
        variant: str = "v1.5",
        shortcut: str = "B",
        in_channels: int = 3,
    ) -> None:
        super().__init__(in_channels)
        if len(layers) != 4:
            raise ValueError(f"layers gives the number of blocks of the 4 stages; got {list(layers)}")
        if replace_stride_with_dilation is None:
            replace_stride_with_dilation = [False, False, False]
        if len(replace_stride_with_dilation) != 3:
            raise ValueError(
                "replace_stride_with_dilation should be None or a 3-element sequence (stages 2-4); "
                f"got {replace_stride_with_dilation}"
            )
        for i, flag in enumerate(replace_stride_with_dilation):
            check_bool(f"replace_stride_with_dilation[{i}]", flag)
        self._norm_layer = norm_layer or nn.BatchNorm2d
        self.variant = _choice("variant", variant, VARIANTS)
        self.shortcut = _choice("shortcut", shortcut, SHORTCUTS)
        self.depth = 2 + sum(layers) * block.weight_layers  # conv1 + the blocks' layers + fc
        self.inplanes, self.dilation = 64, 1
        self.groups = positive_int("groups", groups)
        self.base_width = positive_int("width_per_group", width_per_group)

        self.conv1 = nn.Conv2d(self.in_channels, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = self._norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2, dilate=replace_stride_with_dilation[0])
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2, dilate=replace_stride_with_dilation[1])
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2, dilate=replace_stride_with_dilation[2])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, positive_int("num_classes", num_classes))
        init_weights(self, zero_init_residual)

    def _make_layer(self, block: Block, planes: int, blocks: int, stride: int = 1, dilate: bool = False) -> nn.Sequential:
        """A stage, keeping torchvision's bookkeeping of channels and dilation."""
        previous_dilation = self.dilation
        if dilate:
            self.dilation *= stride
            stride = 1
        layer = make_layer(
            block, self.inplanes, planes, blocks, stride, first_dilation=previous_dilation,
            dilation=self.dilation, norm_layer=self._norm_layer, shortcut=self.shortcut, variant=self.variant,
            groups=self.groups, base_width=self.base_width,
        )
        self.inplanes = planes * block.expansion
        return layer

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.maxpool(x)
        x = self.layer1(x)  # conv2_x
        x = self.layer2(x)  # conv3_x
        x = self.layer3(x)  # conv4_x
        x = self.layer4(x)  # conv5_x
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


class CifarResNet(Network):
    """The CIFAR-10 ResNets of the paper's section 4.2: a 3×3 convolution with 16 kernels, three
    stages of ``n`` basic blocks with 16, 32 and 64 channels on 32×32, 16×16 and 8×8 feature
    maps, global average pooling and a fully connected layer: 6n + 2 weight layers. Option A
    (zero-padding) shortcuts by default, so the parameters are those of the plain network.
    Input ``(N, C, H, W)`` with H, W >= 1 (32 by design).

    论文 4.2 节的 CIFAR-10 ResNet：一个 16 个卷积核的 3×3 卷积，三个各含 ``n`` 个基本块的阶段
    （16、32、64 个通道），全局平均池化和全连接层，共 6n + 2 个带权重的层；默认使用选项 A 捷径。

    Examples:
        >>> import torch
        >>> from cnnref.models.resnet import CifarResNet
        >>> model = CifarResNet(3).eval()
        >>> model.depth, model(torch.zeros(2, 3, 32, 32)).shape
        (20, torch.Size([2, 10]))
    """

    # Same arithmetic as ResNet: a 3×3 convolution with padding 1 keeps n, stride 2 gives ceil(n / 2).
    input_spec = InputSpec(size=(3, 32, 32), min_size=(1, 1))

    def __init__(
        self,
        n: int,
        num_classes: int = 10,
        zero_init_residual: bool = False,
        norm_layer: NormLayer | None = None,
        *,
        shortcut: str = "A",
        in_channels: int = 3,
    ) -> None:
        super().__init__(in_channels)
        positive_int("n (blocks per stage, depth 6n + 2)", n)
        norm_layer = norm_layer or nn.BatchNorm2d
        self.n, self.depth, self.shortcut = n, 6 * n + 2, _choice("shortcut", shortcut, SHORTCUTS)
        self.conv1 = conv3x3(self.in_channels, 16)
        self.bn1 = norm_layer(16)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = make_layer(BasicBlock, 16, 16, n, shortcut=shortcut, norm_layer=norm_layer)
        self.layer2 = make_layer(BasicBlock, 16, 32, n, stride=2, shortcut=shortcut, norm_layer=norm_layer)
        self.layer3 = make_layer(BasicBlock, 32, 64, n, stride=2, shortcut=shortcut, norm_layer=norm_layer)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, positive_int("num_classes", num_classes))
        init_weights(self, zero_init_residual)

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer1(x)  # 32×32, 16 channels at the design size
        x = self.layer2(x)  # 16×16, 32 channels
        x = self.layer3(x)  # 8×8, 64 channels
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


# --------------------------------------------------------------------------- ImageNet (Table 1)


@register_model(
    title="ResNet-18", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=11_689_512, gmacs=1.814, acc1=69.758, acc5=89.078),
)
def resnet18(**kwargs: Any) -> ResNet:
    """torchvision's ResNet-18 (v1.5; basic blocks, stages of 2, 2, 2, 2); ``kwargs`` go to ``ResNet``.

    torchvision 的 ResNet-18（v1.5；基本块，各阶段 2, 2, 2, 2 个）；``kwargs`` 传给 ``ResNet``。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet18
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in resnet18().parameters())
        11689512
    """
    return ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)


@register_model(
    title="ResNet-34", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=21_797_672, gmacs=3.664, acc1=73.314, acc5=91.42),
)
def resnet34(**kwargs: Any) -> ResNet:
    """torchvision's ResNet-34 (v1.5; basic blocks, stages of 3, 4, 6, 3); ``kwargs`` go to ``ResNet``.

    torchvision 的 ResNet-34（v1.5；基本块，各阶段 3, 4, 6, 3 个）；``kwargs`` 传给 ``ResNet``。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet34
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in resnet34().parameters())
        21797672
    """
    return ResNet(BasicBlock, [3, 4, 6, 3], **kwargs)


@register_model(
    title="ResNet-50", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=25_557_032, gmacs=4.089, acc1=76.13, acc5=92.862),
)
def resnet50(**kwargs: Any) -> ResNet:
    """torchvision's ResNet-50 (v1.5; bottleneck blocks, stages of 3, 4, 6, 3); ``kwargs`` go to ``ResNet``.

    torchvision 的 ResNet-50（v1.5；瓶颈块，各阶段 3, 4, 6, 3 个）；``kwargs`` 传给 ``ResNet``。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet50
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in resnet50().parameters())
        25557032
    """
    return ResNet(Bottleneck, [3, 4, 6, 3], **kwargs)


@register_model(
    title="ResNet-101", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=44_549_160, gmacs=7.801, acc1=77.374, acc5=93.546),
)
def resnet101(**kwargs: Any) -> ResNet:
    """torchvision's ResNet-101 (v1.5; bottleneck blocks, stages of 3, 4, 23, 3); ``kwargs`` go to ``ResNet``.

    torchvision 的 ResNet-101（v1.5；瓶颈块，各阶段 3, 4, 23, 3 个）；``kwargs`` 传给 ``ResNet``。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet101
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in resnet101().parameters())
        44549160
    """
    return ResNet(Bottleneck, [3, 4, 23, 3], **kwargs)


@register_model(
    title="ResNet-152", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=60_192_808, gmacs=11.514, acc1=78.312, acc5=94.046),
)
def resnet152(**kwargs: Any) -> ResNet:
    """torchvision's ResNet-152 (v1.5; bottleneck blocks, stages of 3, 8, 36, 3); ``kwargs`` go to ``ResNet``.

    torchvision 的 ResNet-152（v1.5；瓶颈块，各阶段 3, 8, 36, 3 个）；``kwargs`` 传给 ``ResNet``。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet152
        >>> with torch.device("meta"):
        ...     sum(p.numel() for p in resnet152().parameters())
        60192808
    """
    return ResNet(Bottleneck, [3, 8, 36, 3], **kwargs)


@register_model(
    title="ResNet-18", paper=PAPER, source="paper",
    figures=(Figure("gflops", 1.8, "Table 1"),),
)
def resnet18_paper(**kwargs: Any) -> ResNet:
    """ResNet-18 as in the paper: v1 (a bottleneck's stride on its first 1×1 convolution) with
    option B shortcuts; ``kwargs`` go to ``ResNet``.

    论文版 ResNet-18：v1（瓶颈块的步幅在第一个 1×1 卷积上），捷径为选项 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet18_paper
        >>> with torch.device("meta"):
        ...     model = resnet18_paper()
        >>> model.variant, model.shortcut
        ('v1', 'B')
    """
    return ResNet(BasicBlock, [2, 2, 2, 2], variant="v1", **kwargs)


@register_model(
    title="ResNet-34", paper=PAPER, source="paper",
    figures=(Figure("gflops", 3.6, "Table 1"),),
)
def resnet34_paper(**kwargs: Any) -> ResNet:
    """ResNet-34 as in the paper: v1 (a bottleneck's stride on its first 1×1 convolution) with
    option B shortcuts; ``kwargs`` go to ``ResNet``.

    论文版 ResNet-34：v1（瓶颈块的步幅在第一个 1×1 卷积上），捷径为选项 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet34_paper
        >>> with torch.device("meta"):
        ...     model = resnet34_paper()
        >>> model.variant, model.shortcut
        ('v1', 'B')
    """
    return ResNet(BasicBlock, [3, 4, 6, 3], variant="v1", **kwargs)


@register_model(
    title="ResNet-50", paper=PAPER, source="paper",
    figures=(
        Figure("gflops", 3.8, "Table 1"),
        Figure("top1_error", 22.85, "Table 3", "ILSVRC-2012 validation set, one model, 10 crops"),
        Figure("top5_error", 6.71, "Table 3", "ILSVRC-2012 validation set, one model, 10 crops"),
        Figure("top1_error", 20.74, "Table 4", "ILSVRC-2012 validation set, one model, fully convolutional at 5 scales"),
        Figure("top5_error", 5.25, "Table 4", "ILSVRC-2012 validation set, one model, fully convolutional at 5 scales"),
    ),
)
def resnet50_paper(**kwargs: Any) -> ResNet:
    """ResNet-50 as in the paper: v1 (a bottleneck's stride on its first 1×1 convolution) with
    option B shortcuts; ``kwargs`` go to ``ResNet``.

    论文版 ResNet-50：v1（瓶颈块的步幅在第一个 1×1 卷积上），捷径为选项 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet50_paper
        >>> with torch.device("meta"):
        ...     model = resnet50_paper()
        >>> model.variant, model.shortcut
        ('v1', 'B')
    """
    return ResNet(Bottleneck, [3, 4, 6, 3], variant="v1", **kwargs)


@register_model(
    title="ResNet-101", paper=PAPER, source="paper",
    figures=(Figure("gflops", 7.6, "Table 1"),),
)
def resnet101_paper(**kwargs: Any) -> ResNet:
    """ResNet-101 as in the paper: v1 (a bottleneck's stride on its first 1×1 convolution) with
    option B shortcuts; ``kwargs`` go to ``ResNet``.

    论文版 ResNet-101：v1（瓶颈块的步幅在第一个 1×1 卷积上），捷径为选项 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet101_paper
        >>> with torch.device("meta"):
        ...     model = resnet101_paper()
        >>> model.variant, model.shortcut
        ('v1', 'B')
    """
    return ResNet(Bottleneck, [3, 4, 23, 3], variant="v1", **kwargs)


@register_model(
    title="ResNet-152", paper=PAPER, source="paper",
    figures=(
        Figure("gflops", 11.3, "Table 1"),
        Figure("top5_error", 4.49, "Table 4", "one model, ImageNet validation set, multi-scale testing"),
        Figure("top5_error", 3.57, "Table 5", "an ensemble of six models, ILSVRC 2015 test set"),
    ),
)
def resnet152_paper(**kwargs: Any) -> ResNet:
    """ResNet-152 as in the paper: v1 (a bottleneck's stride on its first 1×1 convolution) with
    option B shortcuts; ``kwargs`` go to ``ResNet``.

    论文版 ResNet-152：v1（瓶颈块的步幅在第一个 1×1 卷积上），捷径为选项 B。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet152_paper
        >>> with torch.device("meta"):
        ...     model = resnet152_paper()
        >>> model.variant, model.shortcut
        ('v1', 'B')
    """
    return ResNet(Bottleneck, [3, 8, 36, 3], variant="v1", **kwargs)


# --------------------------------------------------------------------------- CIFAR-10 (section 4.2, Table 6)


@register_model(
    title="ResNet-20 (CIFAR-10)", paper=PAPER, source="paper",
    figures=(Figure("params_millions", 0.27, "Table 6"), Figure("error", 8.75, "Table 6")),
)
def resnet20_paper(**kwargs: Any) -> CifarResNet:
    """ResNet-20 for CIFAR-10 (n = 3, option A shortcuts); ``kwargs`` go to ``CifarResNet``.

    CIFAR-10 的 ResNet-20（n = 3，选项 A 捷径）。

    Examples:
        >>> from cnnref.models import resnet20_paper
        >>> resnet20_paper().depth
        20
    """
    return CifarResNet(3, **kwargs)


@register_model(
    title="ResNet-32 (CIFAR-10)", paper=PAPER, source="paper",
    figures=(Figure("params_millions", 0.46, "Table 6"), Figure("error", 7.51, "Table 6")),
)
def resnet32_paper(**kwargs: Any) -> CifarResNet:
    """ResNet-32 for CIFAR-10 (n = 5, option A shortcuts); ``kwargs`` go to ``CifarResNet``.

    CIFAR-10 的 ResNet-32（n = 5，选项 A 捷径）。

    Examples:
        >>> from cnnref.models import resnet32_paper
        >>> resnet32_paper().depth
        32
    """
    return CifarResNet(5, **kwargs)


@register_model(
    title="ResNet-44 (CIFAR-10)", paper=PAPER, source="paper",
    figures=(Figure("params_millions", 0.66, "Table 6"), Figure("error", 7.17, "Table 6")),
)
def resnet44_paper(**kwargs: Any) -> CifarResNet:
    """ResNet-44 for CIFAR-10 (n = 7, option A shortcuts); ``kwargs`` go to ``CifarResNet``.

    CIFAR-10 的 ResNet-44（n = 7，选项 A 捷径）。

    Examples:
        >>> from cnnref.models import resnet44_paper
        >>> resnet44_paper().depth
        44
    """
    return CifarResNet(7, **kwargs)


@register_model(
    title="ResNet-56 (CIFAR-10)", paper=PAPER, source="paper",
    figures=(Figure("params_millions", 0.85, "Table 6"), Figure("error", 6.97, "Table 6")),
)
def resnet56_paper(**kwargs: Any) -> CifarResNet:
    """ResNet-56 for CIFAR-10 (n = 9, option A shortcuts); ``kwargs`` go to ``CifarResNet``.

    CIFAR-10 的 ResNet-56（n = 9，选项 A 捷径）。

    Examples:
        >>> from cnnref.models import resnet56_paper
        >>> resnet56_paper().depth
        56
    """
    return CifarResNet(9, **kwargs)


@register_model(
    title="ResNet-110 (CIFAR-10)", paper=PAPER, source="paper",
    figures=(Figure("params_millions", 1.7, "Table 6"), Figure("error", 6.43, "Table 6", "best of 5 runs")),
)
def resnet110_paper(**kwargs: Any) -> CifarResNet:
    """ResNet-110 for CIFAR-10 (n = 18, option A shortcuts); ``kwargs`` go to ``CifarResNet``.

    CIFAR-10 的 ResNet-110（n = 18，选项 A 捷径）。

    Examples:
        >>> from cnnref.models import resnet110_paper
        >>> resnet110_paper().depth
        110
    """
    return CifarResNet(18, **kwargs)
