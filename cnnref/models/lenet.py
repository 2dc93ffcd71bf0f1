"""LeNet-5, as the 1998 paper built it and as the PyTorch tutorials teach it.

LeNet-5：1998 年论文的原版，以及 PyTorch 教程里讲的现代版。

The paper: Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to
document recognition", Proceedings of the IEEE 86(11), 1998, Section II.B. Its network
(``LeNet5Paper``) has trainable subsampling layers, a partially connected C3 (Table I), the
scaled tanh squashing function and an output layer of Euclidean RBF units with fixed ±1
prototypes. Every layer keeps the paper's name: C1, S2, C3, S4, C5, F6.

The tutorial's LeNet (``LeNet5Tutorial``) is the ``Net`` of the PyTorch tutorial "Deep Learning
with PyTorch: A 60 Minute Blitz" (section "Neural Networks", and with 3 input channels in
"Training a Classifier"): ReLU, 2×2 max pooling, full C3, three linear layers, logits out.
论文版保留可训练的下采样层、部分连接的 C3（表 I）、缩放 tanh 和欧氏 RBF 输出层；
教程版是 PyTorch 入门教程中的 ``Net``（ReLU + 最大池化）。
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .._args import positive_int
from ._input import InputSpec, Network, symbolic_tracing
from ._registry import Figure, Paper, register_model

PAPER = Paper(
    authors="LeCun, Bottou, Bengio & Haffner",
    title="Gradient-based learning applied to document recognition",
    year=1998,
    venue="Proceedings of the IEEE 86(11)",
    url="https://doi.org/10.1109/5.726791",
)

# Table I of the paper: the S2 feature maps that each of the 16 C3 feature maps takes as input.
# Maps 0-5 take three contiguous S2 maps, 6-11 four contiguous ones (wrapping around from
# map 5 to map 0), 12-14 four discontinuous ones, and map 15 takes all six.
C3_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (0, 4, 5), (0, 1, 5),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (0, 3, 4, 5), (0, 1, 4, 5), (0, 1, 2, 5),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)

# F6 has 84 units: the paper draws each RBF prototype as a 7×12 bitmap.
F6_UNITS = 84
# Distinct rows of the Walsh-Hadamard code restricted to 84 columns: see rbf_prototypes.
MAX_RBF_CLASSES = 128


class ScaledTanh(nn.Module):
    """The paper's squashing function ``f(a) = A tanh(S a)`` with ``A = 1.7159`` and ``S = 2/3``
    (Section II.B and Appendix A), chosen so that ``f(1) = 1`` and ``f(-1) = -1``.

    论文的挤压函数 ``f(a) = A tanh(S a)``，``A = 1.7159``、``S = 2/3``，使 ``f(±1) ≈ ±1``。

    >>> import torch
    >>> from cnnref.models.lenet import ScaledTanh
    >>> f = ScaledTanh()
    >>> [round(v, 4) for v in f(torch.tensor([-1.0, 0.0, 1.0])).tolist()]
    [-1.0, 0.0, 1.0]
    """

    A = 1.7159
    S = 2 / 3

    def forward(self, a: Tensor) -> Tensor:
        return self.A * torch.tanh(self.S * a)


class Subsampling(nn.Module):
    """The paper's trainable subsampling (S2, S4): each unit adds the four inputs of its 2×2
    window, multiplies the sum by its feature map's trainable coefficient and adds the map's
    trainable bias. The windows do not overlap. The squashing function follows in the network.

    论文中可训练的下采样层（S2、S4）：2×2 窗口内四个输入求和，乘以该特征图的可训练系数，
    再加上可训练偏置；窗口不重叠。每个特征图 2 个参数。

    >>> import torch
    >>> from cnnref.models.lenet import Subsampling
    >>> s2 = Subsampling(6)
    >>> sum(p.numel() for p in s2.parameters())
    12
    >>> s2(torch.zeros(1, 6, 28, 28)).shape
    torch.Size([1, 6, 14, 14])
    """

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.channels = positive_int("channels", channels)
        self.weight = nn.Parameter(torch.empty(channels))
        self.bias = nn.Parameter(torch.empty(channels))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's default rule for a unit with 4 inputs: uniform in ``±1/sqrt(4)``."""
        nn.init.uniform_(self.weight, -0.5, 0.5)
        nn.init.uniform_(self.bias, -0.5, 0.5)

    def forward(self, x: Tensor) -> Tensor:
        window_sum = F.avg_pool2d(x, kernel_size=2, stride=2, divisor_override=1)
        return window_sum * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


class PartiallyConnectedConv2d(nn.Module):
    """A convolution in which output map ``i`` sees only the input maps ``table[i]``: one
    ``nn.Conv2d(len(table[i]), 1, kernel_size)`` per output map, so the parameters are exactly
    those of the paper (no masked-out weights). With ``C3_TABLE`` it is LeNet-5's C3.

    部分连接的卷积：第 ``i`` 个输出特征图只看 ``table[i]`` 中的输入特征图；每个输出特征图
    一个小卷积，参数量与论文完全一致。

    >>> import torch
    >>> from cnnref.models.lenet import C3_TABLE, PartiallyConnectedConv2d
    >>> c3 = PartiallyConnectedConv2d(C3_TABLE, kernel_size=5)
    >>> sum(p.numel() for p in c3.parameters())
    1516
    >>> c3(torch.zeros(1, 6, 14, 14)).shape
    torch.Size([1, 16, 10, 10])
    """

    def __init__(self, table: tuple[tuple[int, ...], ...], kernel_size: int) -> None:
        super().__init__()
        if not table or any(not inputs or len(set(inputs)) != len(inputs) or min(inputs) < 0 for inputs in table):
            raise ValueError(f"table must list, for each output map, distinct non-negative input maps; got {table!r}")
        self.table = tuple(tuple(int(i) for i in inputs) for inputs in table)
        self.in_channels = 1 + max(max(inputs) for inputs in self.table)
        self.maps = nn.ModuleList(nn.Conv2d(len(inputs), 1, kernel_size) for inputs in self.table)

    def forward(self, x: Tensor) -> Tensor:
        if not symbolic_tracing() and (x.dim() != 4 or x.shape[1] != self.in_channels):
            raise ValueError(
                f"PartiallyConnectedConv2d expects (N, {self.in_channels}, H, W); got shape {tuple(x.shape)}"
            )
        return torch.cat([conv(x[:, list(inputs)]) for conv, inputs in zip(self.maps, self.table)], dim=1)


def rbf_prototypes(num_classes: int) -> Tensor:
    """cnnref's fixed ±1 RBF prototypes, shape ``(num_classes, 84)``: row ``i`` is row ``i`` of
    the 128×128 Sylvester-Hadamard matrix cut to its first 84 columns,
    ``w[i, j] = (-1) ** popcount(i & j)`` (a Walsh-Hadamard code).

    The paper's prototypes are stylised 7×12 bitmaps of the characters, not published as data;
    the paper notes they could also be random ±1 or an error-correcting code (Section II.B).
    This code is one: any two of the first 10 rows differ in 40 to 42 of the 84 places. Rows
    stay distinct up to 128 classes.
    论文的 RBF 原型是字符的 7×12 位图，没有作为数据公开；这里改用 Walsh–Hadamard 码（±1），
    最多 128 类。

    >>> from cnnref.models.lenet import rbf_prototypes
    >>> w = rbf_prototypes(10)
    >>> w.shape, sorted(set(w.flatten().tolist()))
    (torch.Size([10, 84]), [-1.0, 1.0])
    """
    if positive_int("num_classes", num_classes) > MAX_RBF_CLASSES:
        raise ValueError(f"num_classes must be at most {MAX_RBF_CLASSES} (distinct RBF codes), got {num_classes}")
    i = torch.arange(num_classes).unsqueeze(1)
    j = torch.arange(F6_UNITS).unsqueeze(0)
    common_bits = i & j  # i < 128 and j < 84: seven bits each
    parity = torch.stack([(common_bits >> bit) & 1 for bit in range(7)]).sum(dim=0) % 2
    return (1 - 2 * parity).float()


class EuclideanRBF(nn.Module):
    """The paper's output layer: one Euclidean RBF unit per class,
    ``y_i = sum_j (x_j - w_ij) ** 2``, with the prototypes ``w`` fixed (a buffer, not a
    parameter). A distance: the smaller ``y_i``, the better the input fits class ``i``.

    论文的输出层：每类一个欧氏 RBF 单元，输出为到固定原型的平方距离，越小越像该类。

    >>> import torch
    >>> from cnnref.models.lenet import EuclideanRBF, rbf_prototypes
    >>> rbf = EuclideanRBF(rbf_prototypes(10))
    >>> y = rbf(rbf_prototypes(10)[3:4])
    >>> int(y.argmin()), y[0, 3].item()
    (3, 0.0)
    """

    prototypes: Tensor

    def __init__(self, prototypes: Tensor) -> None:
        super().__init__()
        if prototypes.dim() != 2:
            raise ValueError(f"prototypes must be (classes, features); got shape {tuple(prototypes.shape)}")
        self.register_buffer("prototypes", prototypes)

    def forward(self, x: Tensor) -> Tensor:
        return ((x.unsqueeze(1) - self.prototypes) ** 2).sum(dim=2)


class LeNet5Paper(Network):
    """LeNet-5 as in the 1998 paper (Section II.B): input ``(N, 1, 32, 32)`` exactly; output
    the ``(N, num_classes)`` RBF distances (smaller = more likely); ``logits`` gives their
    negatives as class scores. 60,000 trainable parameters with 10 classes.

    1998 年论文版 LeNet-5：输入必须是 32×32；输出 RBF 距离（越小越可能），
    ``logits`` 返回其相反数作为类别得分。

    Examples:
        >>> import torch
        >>> from cnnref.models.lenet import LeNet5Paper
        >>> model = LeNet5Paper()
        >>> model(torch.zeros(2, 1, 32, 32)).shape
        torch.Size([2, 10])
        >>> sum(p.numel() for p in model.parameters() if p.requires_grad)
        60000
    """

    # C1 (5×5) → S2 (2×2) → C3 (5×5) → S4 (2×2) → C5 (5×5) leaves 1×1 only for 32×32 (inputs
    # of 33 to 35 would also run, silently dropping border pixels in S2/S4; the paper's layer
    # sizes assume 32, so the check asks for exactly 32).
    input_spec = InputSpec(size=(1, 32, 32), min_size=(32, 32), max_size=(32, 32))

    def __init__(self, num_classes: int = 10, in_channels: int = 1) -> None:
        super().__init__(in_channels)
        self.c1 = nn.Conv2d(self.in_channels, 6, kernel_size=5)
        self.s2 = Subsampling(6)
        self.c3 = PartiallyConnectedConv2d(C3_TABLE, kernel_size=5)
        self.s4 = Subsampling(16)
        self.c5 = nn.Conv2d(16, 120, kernel_size=5)
        self.f6 = nn.Linear(120, F6_UNITS)
        self.output = EuclideanRBF(rbf_prototypes(num_classes))
        self.squash = ScaledTanh()

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.squash(self.c1(x))
        x = self.squash(self.s2(x))
        x = self.squash(self.c3(x))
        x = self.squash(self.s4(x))
        x = self.squash(self.c5(x))
        x = self.squash(self.f6(torch.flatten(x, 1)))
        return self.output(x)

    def logits(self, x: Tensor) -> Tensor:
        """Class scores: the negative RBF distances (larger = more likely), ready for
        ``argmax``, ``softmax`` or ``F.cross_entropy``.

        类别得分：RBF 距离的相反数（越大越可能）。

        Examples:
            >>> import torch
            >>> from cnnref.models.lenet import LeNet5Paper
            >>> model, x = LeNet5Paper(), torch.zeros(1, 1, 32, 32)
            >>> torch.equal(model.logits(x), -model(x))
            True
        """
        return -self(x)


class LeNet5Tutorial(Network):
    """The LeNet that most courses teach: the ``Net`` of the PyTorch 60-minute blitz tutorial,
    with the same module names (``conv1``, ``conv2``, ``fc1``, ``fc2``, ``fc3``), so its
    checkpoints load with ``strict=True``. ReLU, 2×2 max pooling, full connections, logits out.
    Input ``(N, in_channels, 32, 32)`` exactly (``fc1`` expects 16·5·5 features).

    多数课程讲的 LeNet：PyTorch 入门教程中的 ``Net``，模块名相同；ReLU、2×2 最大池化，
    输出 logits；输入必须是 32×32。

    Examples:
        >>> import torch
        >>> from cnnref.models.lenet import LeNet5Tutorial
        >>> LeNet5Tutorial(num_classes=10, in_channels=3)(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 10])
    """

    # conv1 (5×5) → pool (2×2) → conv2 (5×5) → pool (2×2) must leave the 5×5 that fc1 expects:
    # 32 does; 31 leaves 4×4 and fc1 fails; 33 to 35 would silently drop border pixels.
    input_spec = InputSpec(size=(1, 32, 32), min_size=(32, 32), max_size=(32, 32))

    def __init__(self, num_classes: int = 10, in_channels: int = 1) -> None:
        super().__init__(in_channels)
        self.conv1 = nn.Conv2d(self.in_channels, 6, kernel_size=5)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, positive_int("num_classes", num_classes))
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.relu = nn.ReLU()

    def forward(self, x: Tensor) -> Tensor:
        self.check_input(x)
        x = self.pool(self.relu(self.conv1(x)))
        x = self.pool(self.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)


@register_model(
    title="LeNet-5", paper=PAPER, source="paper",
    figures=(
        Figure("params", 60_000, "Section II.B"),
        Figure("error", 0.95, "Section III.B", "MNIST test set, one network"),
        Figure("error", 0.8, "Section III.B", "MNIST test set, one network trained on distorted images too"),
    ),
)
def lenet5_paper(**kwargs: Any) -> LeNet5Paper:
    """LeNet-5 as in the 1998 paper; RBF distances out (at most 128 classes).

    1998 年论文版 LeNet-5；输出 RBF 距离（最多 128 类）。

    Examples:
        >>> from cnnref.models import lenet5_paper
        >>> model = lenet5_paper()
        >>> sum(p.numel() for p in model.parameters()), sum(b.numel() for b in model.buffers())
        (60000, 840)
    """
    return LeNet5Paper(**kwargs)


@register_model(title="LeNet-5 (PyTorch tutorial)", paper=PAPER, source="tutorial")
def lenet5_tutorial(**kwargs: Any) -> LeNet5Tutorial:
    """The PyTorch tutorial's LeNet (ReLU, max pooling); logits out.

    PyTorch 教程中的 LeNet（ReLU、最大池化）；输出 logits。

    Examples:
        >>> from cnnref.models import lenet5_tutorial
        >>> sum(p.numel() for p in lenet5_tutorial().parameters())
        61706
    """
    return LeNet5Tutorial(**kwargs)
