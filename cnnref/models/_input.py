"""What every model shares: the input sizes it accepts, its arguments' checks, the input
check of its ``forward`` - a clear error instead of a cryptic matmul message - and when its
weights need no initialisation.

所有模型共用的部分：可接受的输入尺寸、构造参数的检查、``forward`` 的输入检查（给出清楚的错误信息，
而不是难懂的矩阵乘法报错），以及何时无需初始化权重。
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import torch
from torch import Tensor, nn

from .._args import positive_int


def symbolic_tracing() -> bool:
    """Whether ``torch.fx.symbolic_trace`` is tracing the caller: shapes are then unknown, so
    input checks are skipped (``torch.export`` and ``torch.compile`` see concrete shapes).

    是否正在被 ``torch.fx.symbolic_trace`` 符号追踪（此时形状未知，输入检查跳过）。

    Examples:
        >>> from cnnref.models._input import symbolic_tracing
        >>> symbolic_tracing()
        False
    """
    return torch.fx._symbolic_trace.is_fx_symbolic_tracing()  # no public name in torch 2.13


def holds_no_values(model: nn.Module) -> bool:
    """Whether ``model``'s weights are all on the meta device (built under ``torch.device("meta")``
    for shapes and counts): then initialising them is skipped, since there is nothing to draw.
    (torch 2.13's ``normal_`` on meta runs a Python reference, about 2.5 ms a call.)

    模型的权重是否都在 meta 设备上（只为形状与计数而构建）：此时跳过初始化，因为没有数值可抽取。

    Examples:
        >>> import torch
        >>> from cnnref.models import resnet18
        >>> from cnnref.models._input import holds_no_values
        >>> with torch.device("meta"):
        ...     model = resnet18()
        >>> holds_no_values(model), holds_no_values(resnet18())
        (True, False)
    """
    return all(p.is_meta for p in model.parameters())


@dataclass(frozen=True)
class InputSpec:
    """The inputs a network takes: the ``(C, H, W)`` it was designed for, and the smallest and
    largest ``(H, W)`` it accepts (``max_size=None``: no limit). Models that need one exact
    size give it as both.

    网络的输入：设计尺寸 ``(C, H, W)``，以及可接受的最小和最大 ``(H, W)``（``None`` 表示没有上限）。
    """

    size: tuple[int, int, int]
    min_size: tuple[int, int]
    max_size: tuple[int, int] | None = None

    def rule(self) -> str:
        """The sizes in words: ``"inputs of at least 63×63"``, ``"inputs of exactly 32×32"``,
        ``"inputs between … and …"``.

        Examples:
            >>> from cnnref.models._input import InputSpec
            >>> InputSpec((3, 224, 224), (224, 224), (255, 255)).rule()
            'inputs between 224×224 and 255×255'
        """
        (min_h, min_w), max_size = self.min_size, self.max_size
        if max_size == self.min_size:
            return f"inputs of exactly {min_h}×{min_w}"
        if max_size is not None:
            return f"inputs between {min_h}×{min_w} and {max_size[0]}×{max_size[1]}"
        return f"inputs of at least {min_h}×{min_w}"


class Network(nn.Module):
    """The base of every registered model: its ``InputSpec`` (a class attribute, stated
    next to the layers that decide it), the number of input channels, and a name for its
    errors - the registered name when built through the registry, the class name otherwise.

    所有注册模型的基类：类属性 ``input_spec``、输入通道数，以及报错时使用的名字。
    """

    input_spec: ClassVar[InputSpec]
    name: str

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.in_channels = positive_int("in_channels", in_channels)
        self.name = type(self).__name__

    def check_input(self, x: Tensor) -> None:
        """Raise unless ``x`` is an ``(N, C, H, W)`` batch this model can take.

        Symbolic tracing (``torch.fx``) skips the check: a traced graph then holds the same
        nodes as torchvision's, so feature extraction finds the same node names.
        ``torch.export`` and ``torch.compile`` see concrete shapes and keep it.

        Raises:
            TypeError: ``x`` is not a tensor.
            ValueError: ``x`` has the wrong number of dimensions, channels or size.

        检查输入是否为模型可接受的 ``(N, C, H, W)`` 批量；``torch.fx`` 符号追踪时跳过。

        Examples:
            >>> import torch
            >>> from cnnref.models import get_model
            >>> get_model("lenet5_paper")(torch.zeros(1, 3, 32, 32))
            Traceback (most recent call last):
            ...
            ValueError: lenet5_paper expects 1 input channel and inputs of exactly 32×32; got shape (1, 3, 32, 32)
        """
        if symbolic_tracing():
            return
        channels = "1 input channel" if self.in_channels == 1 else f"{self.in_channels} input channels"
        rule = f"{self.name} expects {channels} and {self.input_spec.rule()}"
        if not isinstance(x, Tensor):
            raise TypeError(f"{rule}, as a tensor (N, C, H, W); got {type(x).__name__}")
        if x.dim() != 4:
            raise ValueError(f"{rule}, as a 4-D batch (N, C, H, W); got shape {tuple(x.shape)}")
        _, c, h, w = x.shape
        (min_h, min_w), max_size = self.input_spec.min_size, self.input_spec.max_size
        too_small = h < min_h or w < min_w
        too_big = max_size is not None and (h > max_size[0] or w > max_size[1])
        if c != self.in_channels or too_small or too_big:
            raise ValueError(f"{rule}; got shape {tuple(x.shape)}")
