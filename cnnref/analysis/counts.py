"""Whole-model figures: parameters, multiply-adds (MACs), FLOPs and the depth papers quote.

整个模型的数字：参数量、乘加次数（MACs）、浮点运算次数（FLOPs）以及论文所说的深度。
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_flatten
from torch.utils.flop_counter import FlopCounterMode

from cnnref.analysis.context import inference
from cnnref.analysis.inputs import ModelLike, as_module, device_of, resolve


@dataclass(frozen=True)
class Complexity:
    """Parameters and compute of one model at one input size.

    一个模型在给定输入尺寸下的参数量与计算量。
    """

    input_size: tuple[int, ...]
    parameters: int
    trainable_parameters: int
    macs: int

    @property
    def flops(self) -> int:
        """FLOPs as ``torch.utils.flop_counter`` counts them: 2 per multiply-add."""
        return 2 * self.macs


def count_parameters(model: ModelLike) -> tuple[int, int]:
    """``(total, trainable)`` parameter counts; a parameter shared by two layers counts once.

    返回 ``(总参数量, 可训练参数量)``；两层共用的参数只计一次。

    >>> from cnnref.analysis import count_parameters
    >>> count_parameters("alexnet")
    (61100840, 61100840)
    """
    module = as_module(model)
    total = sum(p.numel() for p in module.parameters())
    trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
    return total, trainable


def complexity(model: ModelLike, input_size: object = None) -> Complexity:
    """Parameters, MACs and FLOPs of ``model`` at ``input_size`` (see the package docstring for
    what is counted).

    计算参数量、MACs 与 FLOPs。

    Args:
        model: an ``nn.Module`` or a registry name.
        input_size: the full input size, batch first (see ``resolve``).

    Returns:
        The figures, with the input size they were measured at.

    >>> from cnnref.analysis import complexity
    >>> c = complexity("alexnet")
    >>> c.macs, c.flops
    (714188480, 1428376960)
    """
    module, size = resolve(model, input_size)
    total, trainable = count_parameters(module)
    with FlopCounterMode(display=False) as counter, inference(module):
        module(torch.zeros(size, device=device_of(module)))
    return Complexity(size, total, trainable, counter.get_total_flops() // 2)


class _WeightLayerDepth(TorchFunctionMode):
    """Tags every tensor of a forward pass with the number of convolutions and linear
    layers on the longest path that produced it."""

    WEIGHTED = frozenset({F.conv1d, F.conv2d, F.conv3d, F.conv_transpose2d, F.linear})

    def __init__(self) -> None:
        super().__init__()
        self.depth: dict[int, int] = {}
        self._alive: list[torch.Tensor] = []  # keeps ids unique while the pass runs

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        inputs = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
        depth = max((self.depth.get(id(t), 0) for t in inputs), default=0)
        depth += func in self.WEIGHTED
        for t in tree_flatten(out)[0]:
            if isinstance(t, torch.Tensor):
                self.depth[id(t)] = depth
                self._alive.append(t)
        return out


def weight_layer_depth(model: ModelLike, input_size: object = None) -> int:
    """Convolution and fully connected layers on the longest input-to-output path (eval
    mode): the depth papers quote, which for branching networks is not the number of layers.

    输入到输出最长路径上的卷积层与全连接层个数（评估模式），即论文所说的“深度”。

    Args:
        model: an ``nn.Module`` or a registry name.
        input_size: the full input size, batch first (see ``resolve``).

    Returns:
        The number of weight layers on the longest path.

    >>> from cnnref.analysis import weight_layer_depth
    >>> weight_layer_depth("alexnet")
    8
    """
    module, size = resolve(model, input_size)
    with inference(module), _WeightLayerDepth() as tracker:
        out = module(torch.zeros(size, device=device_of(module)))
    return max(tracker.depth.get(id(t), 0) for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor))
