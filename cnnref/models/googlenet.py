"""GoogLeNet (Inception v1), as torchvision ships it and as the 2014 paper built it.

GoogLeNet（Inception v1）：与 torchvision 兼容的版本，以及 2014 年论文的原版。

Szegedy et al., "Going deeper with convolutions" (arXiv:1409.4842, CVPR 2015): Table 1 lists
the network, Figure 2(b) the inception module with 1×1 reductions, Section 5 the auxiliary
classifiers. Both models here build their nine inception modules from one table,
``TABLE1``, and share ``Inception`` and ``InceptionAux``; they differ in the
convolution block, the branch the paper calls 5×5, the pools, LRN and the auxiliary pooling:

* ``googlenet``: torchvision's network: batch-normalised convolutions
  (``BasicConv2d``), a 3×3 convolution in the "5×5" branch (a known bug kept for weight
  compatibility, https://github.com/pytorch/vision/issues/906), a 2×2 max pool before stage 5,
  adaptive average pooling, dropout 20%.
* ``googlenet_paper``: the paper's: convolution + ReLU without batch norm, true 5×5
  convolutions, LRN after the first max pool and after the second 3×3 convolution (Figure 3),
  3×3/2 max pools, a 7×7/1 average pool, dropout 40%, auxiliary heads with a 5×5/3 average
  pool, and ``googlenet_loss``, which weights their losses by 0.3 (Section 5).

两个模型共用同一张 Table 1（``TABLE1``）以及 ``Inception`` / ``InceptionAux``。
torchvision 版使用批量归一化，并在论文称为 5×5 的分支里用了 3×3 卷积（为兼容权重而保留的已知
bug，pytorch/vision#906）；论文版没有批量归一化，使用真正的 5×5 卷积和 LRN。
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any, NamedTuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .._args import check_bool, positive_int, probability
from ._input import InputSpec, Network
from ._registry import Figure, Paper, register_model, torchvision_figures

PAPER = Paper(
    authors="Szegedy, Liu, Jia, Sermanet, Reed, Anguelov, Erhan, Vanhoucke & Rabinovich",
    title="Going deeper with convolutions",
    year=2015,
    venue="CVPR 2015",
    url="https://arxiv.org/abs/1409.4842",
)

__all__ = [
    "InceptionChannels", "TABLE1", "GoogLeNetOutputs",
    "BasicConv2d", "PaperConv2d", "Inception", "InceptionAux",
    "GoogLeNet", "GoogLeNetPaper", "googlenet", "googlenet_paper", "googlenet_loss",
    "AUX_LOSS_WEIGHT",
]


class InceptionChannels(NamedTuple):
    """The channel numbers of one inception module, in the column order of Table 1.

    一个 inception 模块的通道数，顺序与论文 Table 1 的各列相同。

    >>> from cnnref.models.googlenet import TABLE1
    >>> TABLE1["3a"]
    InceptionChannels(ch1x1=64, ch3x3red=96, ch3x3=128, ch5x5red=16, ch5x5=32, pool_proj=32)
    >>> TABLE1["3a"].out_channels
    256
    """

    ch1x1: int
    ch3x3red: int
    ch3x3: int
    ch5x5red: int
    ch5x5: int
    pool_proj: int

    @property
    def out_channels(self) -> int:
        """The four branches concatenated: ``ch1x1 + ch3x3 + ch5x5 + pool_proj``."""
        return self.ch1x1 + self.ch3x3 + self.ch5x5 + self.pool_proj


#: Table 1 of the paper: ``#1×1``, ``#3×3 reduce``, ``#3×3``, ``#5×5 reduce``, ``#5×5`` and
#: ``pool proj`` of the nine inception modules. Read-only; both models are built from it.
TABLE1: MappingProxyType[str, InceptionChannels] = MappingProxyType({
    "3a": InceptionChannels(64, 96, 128, 16, 32, 32),
    "3b": InceptionChannels(128, 128, 192, 32, 96, 64),
    "4a": InceptionChannels(192, 96, 208, 16, 48, 64),
    "4b": InceptionChannels(160, 112, 224, 24, 64, 64),
    "4c": InceptionChannels(128, 128, 256, 24, 64, 64),
    "4d": InceptionChannels(112, 144, 288, 32, 64, 64),
    "4e": InceptionChannels(256, 160, 320, 32, 128, 128),
    "5a": InceptionChannels(256, 160, 320, 32, 128, 128),
    "5b": InceptionChannels(384, 192, 384, 48, 128, 128),
})

# Channels after the stem (conv 3×3, 192 kernels: Table 1, second convolution row).
STEM_CHANNELS = 192
# Section 5: the auxiliary classifiers sit on top of inception (4a) and (4d).
AUX_AFTER = MappingProxyType({"inception4a": "aux1", "inception4d": "aux2"})
# Section 5: "their loss gets added to the total loss of the network with a discount weight
# (the losses of the auxiliary classifiers were weighted by 0.3)".
AUX_LOSS_WEIGHT = 0.3


class GoogLeNetOutputs(NamedTuple):
    """What a GoogLeNet with auxiliary heads returns in training mode (field names and order
    as torchvision's): the main logits, then the head after 4d, then the head after 4a. In
    eval mode, or without auxiliary heads, the models return the logits tensor alone.

    训练模式且带辅助分类器时的输出（字段名与顺序同 torchvision）：主分类器的 logits、4d 之后
    的辅助头、4a 之后的辅助头。评估模式或没有辅助头时，模型只返回 logits 张量。

    >>> import torch
    >>> from cnnref.models.googlenet import GoogLeNetOutputs
    >>> GoogLeNetOutputs._fields
    ('logits', 'aux_logits2', 'aux_logits1')
    """

    logits: Tensor
    aux_logits2: Tensor | None
    aux_logits1: Tensor | None


ConvBlock = Callable[..., nn.Module]


class BasicConv2d(nn.Module):
    """torchvision's convolution block: convolution without bias, batch norm (``eps=0.001``),
    ReLU. Keyword arguments go to ``nn.Conv2d``.

    torchvision 的卷积块：无偏置卷积、批量归一化（``eps=0.001``）、ReLU。

    >>> from cnnref.models.googlenet import BasicConv2d
    >>> block = BasicConv2d(3, 8, kernel_size=3, padding=1)
    >>> block.conv.bias is None, block.bn.eps
    (True, 0.001)
    """

    def __init__(self, in_channels: int, out_channels: int, **kwargs: Any) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x: Tensor) -> Tensor:
        return F.relu(self.bn(self.conv(x)), inplace=True)


class PaperConv2d(nn.Module):
    """The paper's convolution block: convolution with bias, then ReLU ("All the convolutions,
    including those inside the Inception modules, use rectified linear activation", Section 5).
    No batch norm: it was published a year later (Ioffe & Szegedy, 2015).

    论文的卷积块：带偏置的卷积加 ReLU，没有批量归一化。

    >>> from cnnref.models.googlenet import PaperConv2d
    >>> block = PaperConv2d(3, 8, kernel_size=5, padding=2)
    >>> block.conv.bias is not None, [type(m).__name__ for m in block.children()]
    (True, ['Conv2d'])
    """

    def __init__(self, in_channels: int, out_channels: int, **kwargs: Any) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=True, **kwargs)

    def forward(self, x: Tensor) -> Tensor:
        return F.relu(self.conv(x), inplace=True)


class Inception(nn.Module):
    """The inception module with dimension reductions (Figure 2(b)): four branches on the same
    input, concatenated along the channels.

    ``branch1`` 1×1; ``branch2`` 1×1 reduce then 3×3; ``branch3`` 1×1 reduce then the
    convolution the paper calls 5×5, of size ``branch3_kernel_size`` - 3 in torchvision (the
    bug of pytorch/vision#906, kept so that its weights load), 5 in the paper; ``branch4``
    3×3/1 max pool then 1×1 projection. Every branch keeps the height and width.

    带降维的 inception 模块（图 2(b)）：四个分支作用于同一输入，再沿通道拼接。``branch3`` 是论文的
    5×5 分支，torchvision 实际用 3×3（pytorch/vision#906）。

    >>> import torch
    >>> from cnnref.models.googlenet import TABLE1, Inception
    >>> module = Inception(192, *TABLE1["3a"]).eval()
    >>> module(torch.zeros(1, 192, 28, 28)).shape
    torch.Size([1, 256, 28, 28])
    >>> module.branch3[1].conv.kernel_size
    (3, 3)
    """

    def __init__(
        self,
        in_channels: int,
        ch1x1: int,
        ch3x3red: int,
        ch3x3: int,
        ch5x5red: int,
        ch5x5: int,
        pool_proj: int,
        conv_block: ConvBlock | None = None,
        branch3_kernel_size: int = 3,
    ) -> None:
        super().__init__()
        if branch3_kernel_size not in (3, 5):
            raise ValueError(
                f"branch3_kernel_size is 3 (torchvision) or 5 (the paper), got {branch3_kernel_size!r}"
            )
        conv_block = BasicConv2d if conv_block is None else conv_block
        self.branch1 = conv_block(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            conv_block(in_channels, ch3x3red, kernel_size=1),
            conv_block(ch3x3red, ch3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            conv_block(in_channels, ch5x5red, kernel_size=1),
            conv_block(ch5x5red, ch5x5, kernel_size=branch3_kernel_size, padding=branch3_kernel_size // 2),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            conv_block(in_channels, pool_proj, kernel_size=1),
        )

    def forward(self, x: Tensor) -> Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


class InceptionAux(nn.Module):
    """An auxiliary classifier (Section 5): average pool, 1×1 convolution with 128 kernels,
    fully connected 1024 + ReLU, dropout 70%, fully connected to the classes.

    ``pool=None`` is torchvision's adaptive average pool to 4×4 (a function, so no module);
    the paper's is ``nn.AvgPool2d(5, stride=3)``, which gives 4×4 on the 14×14 maps of stage 4.
    Either way ``fc1`` sees 128·4·4 = 2048 features.

    辅助分类器（第 5 节）：平均池化、128 个 1×1 卷积核、1024 单元全连接 + ReLU、70% 丢弃法、
    全连接到类别数。``pool=None`` 时与 torchvision 相同，自适应平均池化到 4×4。

    >>> import torch
    >>> from cnnref.models.googlenet import InceptionAux
    >>> head = InceptionAux(512, num_classes=10).eval()
    >>> head(torch.zeros(1, 512, 14, 14)).shape
    torch.Size([1, 10])
    """

    def __init__(
        self,
        in_channels: int,
        num_classes: int,
        conv_block: ConvBlock | None = None,
        dropout: float = 0.7,
        pool: nn.Module | None = None,
    ) -> None:
        super().__init__()
        conv_block = BasicConv2d if conv_block is None else conv_block
        self.pool = pool
        self.conv = conv_block(in_channels, 128, kernel_size=1)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x: Tensor) -> Tensor:
        x = F.adaptive_avg_pool2d(x, (4, 4)) if self.pool is None else self.pool(x)
        x = torch.flatten(self.conv(x), 1)
        x = F.relu(self.fc1(x), inplace=True)
        return self.fc2(self.dropout(x))


def _inception_modules(conv_block: ConvBlock, branch3_kernel_size: int) -> dict[str, Inception]:
    """The nine modules of ``TABLE1``, each one's input channels the previous one's output."""
    modules, in_channels = {}, STEM_CHANNELS
    for name, channels in TABLE1.items():
        modules[name] = Inception(in_channels, *channels, conv_block=conv_block, branch3_kernel_size=branch3_kernel_size)
        in_channels = channels.out_channels
    return modules


def _ceil_max_pool(kernel_size: int, stride: int) -> nn.MaxPool2d:
    return nn.MaxPool2d(kernel_size, stride=stride, ceil_mode=True)


class _GoogLeNetBase(Network):
    """What both GoogLeNets share: registration in torchvision's order, the forward pass along
    ``main_path`` with the auxiliary heads tapped after inception 4a and 4d, and the output
    contract."""

    def __init__(
        self,
        *,
        stem: dict[str, nn.Module],
        conv_block: ConvBlock,
        branch3_kernel_size: int,
        maxpool4_kernel_size: int,
        aux: Callable[[int], InceptionAux] | None,
        avgpool: nn.Module,
        dropout: float,
        num_classes: int,
        in_channels: int,
    ) -> None:
        super().__init__(in_channels)
        self.aux_logits = aux is not None
        dropout = probability("dropout", dropout)
        for name, module in stem.items():
            self.add_module(name, module)
        inception = _inception_modules(conv_block, branch3_kernel_size)
        self.inception3a = inception["3a"]
        self.inception3b = inception["3b"]
        self.maxpool3 = _ceil_max_pool(3, 2)
        self.inception4a = inception["4a"]
        self.inception4b = inception["4b"]
        self.inception4c = inception["4c"]
        self.inception4d = inception["4d"]
        self.inception4e = inception["4e"]
        self.maxpool4 = _ceil_max_pool(maxpool4_kernel_size, 2)
        self.inception5a = inception["5a"]
        self.inception5b = inception["5b"]
        # Registered here, after 5b (torchvision's order, hence its state_dict keys), but run
        # after 4a and 4d: see forward.
        self.aux1: InceptionAux | None = None if aux is None else aux(TABLE1["4a"].out_channels)
        self.aux2: InceptionAux | None = None if aux is None else aux(TABLE1["4d"].out_channels)
        self.avgpool = avgpool
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(TABLE1["5b"].out_channels, num_classes)
        #: The main path in execution order (the aux heads branch off it, see ``AUX_AFTER``).
        self.main_path = (*stem, "inception3a", "inception3b", "maxpool3", "inception4a", "inception4b",
                          "inception4c", "inception4d", "inception4e", "maxpool4", "inception5a", "inception5b")

    def _transform_input(self, x: Tensor) -> Tensor:
        return x

    def forward(self, x: Tensor) -> Tensor | GoogLeNetOutputs:
        self.check_input(x)
        return self._forward(self._transform_input(x))

    def _forward(self, x: Tensor) -> Tensor | GoogLeNetOutputs:
        with_aux = self.training and self.aux_logits
        aux_logits: dict[str, Tensor] = {}
        for name in self.main_path:
            x = getattr(self, name)(x)
            if with_aux and name in AUX_AFTER:
                aux_logits[AUX_AFTER[name]] = getattr(self, AUX_AFTER[name])(x)
        x = torch.flatten(self.avgpool(x), 1)
        x = self.fc(self.dropout(x))
        if with_aux:
            return GoogLeNetOutputs(x, aux_logits["aux2"], aux_logits["aux1"])
        return x


# ImageNet normalization of torchvision's transforms; the ported weights expect (x - 0.5) / 0.5.
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class GoogLeNet(_GoogLeNetBase):
    """torchvision's GoogLeNet: same module names and ``state_dict`` keys (in order), so its
    checkpoints load with ``strict=True``; same outputs. Input ``(N, 3, H, W)`` with
    H, W >= 15 (224 by design).

    与 torchvision 相同的 GoogLeNet：模块名与 ``state_dict`` 键（含顺序）一致，输出相同。

    ``aux_logits``: build the two auxiliary heads (default ``False``, the published
    6,624,904 parameters; torchvision's own default is ``True``). ``transform_input``: convert
    an ImageNet-normalised input to the ``(x - 0.5) / 0.5`` scaling the ported weights expect.
    ``init_weights``: torchvision's initialisation (truncated normal, std 0.01).

    Examples:
        >>> import torch
        >>> from cnnref.models.googlenet import GoogLeNet
        >>> GoogLeNet(num_classes=10).eval()(torch.zeros(1, 3, 15, 15)).shape
        torch.Size([1, 10])
    """

    # The ceil-mode max pools take any size down to 1×1, and the adaptive pool any size after;
    # below 15 the 2×2 pool before stage 5 gets a 1×1 map with no full window
    # (tests/models/test_registry.py checks both bounds against the layers).
    input_spec = InputSpec(size=(3, 224, 224), min_size=(15, 15))

    def __init__(
        self,
        num_classes: int = 1000,
        aux_logits: bool = False,
        transform_input: bool = False,
        init_weights: bool = True,
        dropout: float = 0.2,
        dropout_aux: float = 0.7,
        in_channels: int = 3,
    ) -> None:
        in_channels, num_classes = positive_int("in_channels", in_channels), positive_int("num_classes", num_classes)
        dropout_aux = probability("dropout_aux", dropout_aux)
        if check_bool("transform_input", transform_input) and in_channels != 3:
            raise ValueError(f"transform_input converts RGB inputs, so in_channels must be 3, got {in_channels!r}")
        stem = {
            "conv1": BasicConv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
            "maxpool1": _ceil_max_pool(3, 2),
            "conv2": BasicConv2d(64, 64, kernel_size=1),
            "conv3": BasicConv2d(64, STEM_CHANNELS, kernel_size=3, padding=1),
            "maxpool2": _ceil_max_pool(3, 2),
        }
        super().__init__(
            stem=stem,
            conv_block=BasicConv2d,
            branch3_kernel_size=3,  # pytorch/vision#906: the paper's 5×5 branch, kept as 3×3
            maxpool4_kernel_size=2,
            aux=(lambda c: InceptionAux(c, num_classes, dropout=dropout_aux)) if check_bool("aux_logits", aux_logits) else None,
            avgpool=nn.AdaptiveAvgPool2d((1, 1)),
            dropout=dropout,
            num_classes=num_classes,
            in_channels=in_channels,
        )
        self.transform_input = transform_input
        if check_bool("init_weights", init_weights):
            self._init_weights()

    def _init_weights(self) -> None:
        """torchvision's: truncated normal (std 0.01, cut at ±2, i.e. ±200 std) for every
        convolution and linear weight, batch norm scale 1 and shift 0. ``nn.init.trunc_normal_``
        is fast; torchvision once used scipy here, which was slow (scipy/scipy#11299)."""
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(m.weight, mean=0.0, std=0.01, a=-2, b=2)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def _transform_input(self, x: Tensor) -> Tensor:
        """``(x * std + mean - 0.5) / 0.5`` per channel, when ``transform_input`` is set."""
        if not self.transform_input:
            return x
        mean = x.new_tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
        std = x.new_tensor(IMAGENET_STD).view(1, 3, 1, 1)
        return x * (std / 0.5) + (mean - 0.5) / 0.5


# Local response normalization as in the BVLC Caffe reproduction of GoogLeNet (the paper gives
# no values): local_size 5, alpha 1e-4, beta 0.75, k 1. Caffe, like nn.LocalResponseNorm,
# divides alpha by the window size.
LRN_SIZE, LRN_ALPHA, LRN_BETA, LRN_K = 5, 1e-4, 0.75, 1.0


def _lrn() -> nn.LocalResponseNorm:
    return nn.LocalResponseNorm(LRN_SIZE, alpha=LRN_ALPHA, beta=LRN_BETA, k=LRN_K)


class GoogLeNetPaper(_GoogLeNetBase):
    """GoogLeNet as Table 1 and Section 5 of the paper describe it: convolution + ReLU (no
    batch norm), true 5×5 convolutions, LRN after ``maxpool1`` and after ``conv3`` (Figure 3),
    3×3/2 max pools with ceil rounding (which Table 1's 112 → 56 → 28 → 14 → 7 needs), a 7×7/1
    average pool, dropout 40%, and auxiliary heads after 4a and 4d (``aux_logits``, default
    ``True``: the network as trained; they are discarded at inference). Weights keep PyTorch's
    default initialisation: the paper does not give one.

    The fixed 7×7 and 5×5/3 average pools fix the size of the maps reaching the linear layers,
    so H and W must lie between 223 and 254; 224 is the design size.

    论文 Table 1 与第 5 节描述的 GoogLeNet：卷积 + ReLU（无批量归一化）、真正的 5×5 卷积、
    LRN、3×3/2 最大池化、7×7/1 平均池化、40% 丢弃法，以及 4a、4d 之后的辅助分类器。
    固定大小的平均池化决定了进入全连接层的特征图尺寸，所以输入高宽必须在 223 到 254 之间。

    Examples:
        >>> import torch
        >>> from cnnref.models.googlenet import GoogLeNetPaper
        >>> GoogLeNetPaper.input_spec.rule()
        'inputs between 223×223 and 254×254'
    """

    # The 7×7/1 average pool needs exactly 7×7 after stage 5, and the aux heads' 5×5/3 pool
    # exactly 4×4 after 4a and 4d: 223 to 254 give both (tests/models/test_registry.py checks them).
    input_spec = InputSpec(size=(3, 224, 224), min_size=(223, 223), max_size=(254, 254))

    def __init__(
        self,
        num_classes: int = 1000,
        aux_logits: bool = True,
        dropout: float = 0.4,
        dropout_aux: float = 0.7,
        in_channels: int = 3,
    ) -> None:
        in_channels, num_classes = positive_int("in_channels", in_channels), positive_int("num_classes", num_classes)
        dropout_aux = probability("dropout_aux", dropout_aux)
        stem = {
            "conv1": PaperConv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
            "maxpool1": _ceil_max_pool(3, 2),
            "lrn1": _lrn(),
            "conv2": PaperConv2d(64, 64, kernel_size=1),
            "conv3": PaperConv2d(64, STEM_CHANNELS, kernel_size=3, padding=1),
            "lrn2": _lrn(),
            "maxpool2": _ceil_max_pool(3, 2),
        }
        super().__init__(
            stem=stem,
            conv_block=PaperConv2d,
            branch3_kernel_size=5,
            maxpool4_kernel_size=3,
            aux=(
                lambda c: InceptionAux(c, num_classes, conv_block=PaperConv2d, dropout=dropout_aux,
                                       pool=nn.AvgPool2d(5, stride=3))
            ) if check_bool("aux_logits", aux_logits) else None,
            avgpool=nn.AvgPool2d(7, stride=1),
            dropout=dropout,
            num_classes=num_classes,
            in_channels=in_channels,
        )


@register_model(
    title="GoogLeNet", paper=PAPER, source="torchvision",
    figures=torchvision_figures(params=6_624_904, gmacs=1.498, acc1=69.778, acc5=89.53),
)
def googlenet(**kwargs: Any) -> GoogLeNet:
    """torchvision-compatible GoogLeNet: 6,624,904 parameters with 1000 classes and no
    auxiliary heads, 13,004,888 with them; ``kwargs`` go to ``GoogLeNet``.

    与 torchvision 兼容的 GoogLeNet：不带辅助分类器 6,624,904 个参数，带辅助分类器 13,004,888 个。

    Examples:
        >>> import torch
        >>> from cnnref.models import googlenet
        >>> with torch.device("meta"):
        ...     without, with_aux = googlenet(), googlenet(aux_logits=True)
        >>> sum(p.numel() for p in without.parameters()), sum(p.numel() for p in with_aux.parameters())
        (6624904, 13004888)
    """
    return GoogLeNet(**kwargs)


@register_model(
    title="GoogLeNet", paper=PAPER, source="paper",
    figures=(
        Figure("top5_error", 10.07, "Table 3", "ILSVRC-2014 validation set, one model, one crop"),
        Figure("top5_error", 7.89, "Table 3", "ILSVRC-2014 validation set, one model, 144 crops"),
        Figure("top5_error", 6.67, "Table 2", "ILSVRC-2014 test set, an ensemble of 7 models, 144 crops each"),
    ),
)
def googlenet_paper(**kwargs: Any) -> GoogLeNetPaper:
    """GoogLeNet as in the paper (Table 1 and Section 5), with its auxiliary heads by
    default; H and W between 223 and 254 (224 by design); ``kwargs`` go to ``GoogLeNetPaper``.

    论文原版 GoogLeNet（默认带辅助分类器）；输入高宽在 223 到 254 之间。

    Examples:
        >>> import torch
        >>> from cnnref.models import googlenet_paper
        >>> with torch.device("meta"):
        ...     model = googlenet_paper(aux_logits=False)
        >>> sum(p.numel() for p in model.parameters())
        6998552
    """
    return GoogLeNetPaper(**kwargs)


def googlenet_loss(
    outputs: Tensor | tuple[Tensor, Tensor | None, Tensor | None],
    target: Tensor,
    aux_weight: float = AUX_LOSS_WEIGHT,
) -> Tensor:
    """The training loss of Section 5: cross-entropy of the main classifier plus ``aux_weight``
    (0.3 in the paper) times the cross-entropy of each auxiliary classifier.

    ``outputs`` is what a model returns: a logits tensor (eval mode, or no aux heads: plain
    cross-entropy) or a ``GoogLeNetOutputs`` - or any 3-tuple in its order
    ``(logits, aux_logits2, aux_logits1)``, such as torchvision's; ``None`` entries are skipped.

    第 5 节的训练损失：主分类器的交叉熵，加上每个辅助分类器交叉熵的 ``aux_weight`` 倍（论文为 0.3）。

    >>> import math, torch
    >>> from cnnref.models.googlenet import GoogLeNetOutputs, googlenet_loss
    >>> uniform = torch.zeros(2, 4)              # every class equally likely: loss ln 4
    >>> target = torch.tensor([0, 3])
    >>> loss = googlenet_loss(GoogLeNetOutputs(uniform, uniform, uniform), target)
    >>> math.isclose(loss.item(), (1 + 2 * 0.3) * math.log(4), rel_tol=1e-6)
    True
    """
    if isinstance(aux_weight, bool) or not isinstance(aux_weight, (int, float)) or aux_weight < 0:
        raise ValueError(f"aux_weight must be a non-negative number, got {aux_weight!r}")
    if isinstance(outputs, Tensor):
        return F.cross_entropy(outputs, target)
    if not (isinstance(outputs, tuple) and len(outputs) == 3 and isinstance(outputs[0], Tensor)):
        raise TypeError(
            "outputs must be a logits tensor or a GoogLeNetOutputs (logits, aux_logits2, aux_logits1), "
            f"got {type(outputs).__name__}"
        )
    logits, aux2, aux1 = outputs
    loss = F.cross_entropy(logits, target)
    for aux in (aux1, aux2):
        if aux is not None:
            loss = loss + aux_weight * F.cross_entropy(aux, target)
    return loss
