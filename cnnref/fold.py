"""Folding batch normalization into the preceding convolution, for inference.

把批量归一化折叠进它前面的卷积，用于推理。

In eval mode a ``BatchNorm2d`` is a fixed affine map per channel,
``y = γ (x − μ) / √(σ² + ε) + β`` with the running mean ``μ`` and variance ``σ²``. Applied to
a convolution's output ``x = W ∗ z + b`` it is again a convolution: with
``s = γ / √(σ² + ε)`` per output channel, ``W' = s · W`` and ``b' = s · (b − μ) + β``.

在 eval 模式下，``BatchNorm2d`` 对每个通道都是一个固定的仿射变换；作用在卷积输出上，结果仍是
一个卷积：令 ``s = γ / √(σ² + ε)``，则 ``W' = s · W``，``b' = s · (b − μ) + β``。

Which batch norm follows which convolution is read from the data flow, not from the order of
the modules: ``torch.fx`` traces the model, and a ``BatchNorm2d`` is folded when its input is
the output of a ``Conv2d`` that nothing else reads, each called once. A batch norm without
running statistics (``track_running_stats=False``) normalizes by the batch even in eval mode
and is left alone, and so is one that the eval-mode forward never calls (GoogLeNet's auxiliary
classifiers).

哪个批量归一化跟在哪个卷积后面，由数据流（``torch.fx`` 追踪）决定，而不是由模块的注册顺序决定。

>>> import torch
>>> from torch import nn
>>> from cnnref.fold import fold_batch_norm
>>> model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU()).eval()
>>> _ = model[1].running_mean.uniform_(-1, 1)
>>> folded = fold_batch_norm(model)
>>> folded
Sequential(
  (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))
  (1): Identity()
  (2): ReLU()
)
>>> x = torch.randn(2, 3, 8, 8)
>>> torch.testing.assert_close(folded(x), model(x))
"""

from __future__ import annotations

import copy
from collections import Counter

import torch
from torch import fx, nn

from cnnref._args import check_bool

__all__ = ["fold_batch_norm", "foldable_pairs", "fold_conv_bn"]


def foldable_pairs(model: nn.Module) -> list[tuple[str, str]]:
    """The ``(conv, batch_norm)`` qualified names of every ``BatchNorm2d`` that can be folded:
    its input is the output of a ``Conv2d`` read by nothing else, both called once, and it keeps
    running statistics.

    可以折叠的 ``(卷积, 批量归一化)`` 模块名对。

    Args:
        model: a module that ``torch.fx.symbolic_trace`` can trace.

    Returns:
        The pairs, in the order of the traced graph.

    >>> from cnnref.fold import foldable_pairs
    >>> from cnnref.models import get_model
    >>> foldable_pairs(get_model("resnet20_paper"))[:2]
    [('conv1', 'bn1'), ('layer1.0.conv1', 'layer1.0.bn1')]
    """
    graph = fx.symbolic_trace(model).graph
    modules = dict(model.named_modules())
    calls = Counter(str(node.target) for node in graph.nodes if node.op == "call_module")
    pairs = []
    for node in graph.nodes:
        source = node.args[0] if node.args else None
        if node.op != "call_module" or not isinstance(source, fx.Node) or source.op != "call_module":
            continue
        conv_name, bn_name = str(source.target), str(node.target)
        bn = modules[bn_name]
        if (isinstance(bn, nn.BatchNorm2d) and bn.running_var is not None
                and isinstance(modules[conv_name], nn.Conv2d) and len(source.users) == 1
                and calls[conv_name] == calls[bn_name] == 1):
            pairs.append((conv_name, bn_name))
    return pairs


@torch.no_grad()
def fold_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> nn.Conv2d:
    """A new ``Conv2d`` that computes ``bn(conv(x))`` with ``bn`` in eval mode.

    返回一个新的 ``Conv2d``，等于 eval 模式下的 ``bn(conv(x))``。

    Args:
        conv: the convolution.
        bn: the batch norm after it, with running statistics, over ``conv.out_channels``.

    Returns:
        The folded convolution, with a bias.

    Raises:
        ValueError: ``bn`` has no running statistics, or the wrong number of channels.

    >>> import torch
    >>> from torch import nn
    >>> from cnnref.fold import fold_conv_bn
    >>> conv, bn = nn.Conv2d(2, 4, 3, bias=False), nn.BatchNorm2d(4).eval()
    >>> fold_conv_bn(conv, bn).bias.shape
    torch.Size([4])
    """
    if bn.running_mean is None or bn.running_var is None:
        raise ValueError("bn has no running statistics (track_running_stats=False): it cannot be folded")
    if bn.num_features != conv.out_channels:
        raise ValueError(f"bn has {bn.num_features} channels but conv has {conv.out_channels} output channels")
    scale = torch.rsqrt(bn.running_var + bn.eps)
    if bn.weight is not None:
        scale = scale * bn.weight
    shift = -bn.running_mean * scale + (bn.bias if bn.bias is not None else 0)
    folded = copy.deepcopy(conv)
    folded.weight.copy_(conv.weight * scale.view(-1, 1, 1, 1))
    bias = shift if conv.bias is None else conv.bias * scale + shift
    folded.bias = nn.Parameter(bias.detach().clone())
    return folded


def fold_batch_norm(model: nn.Module, *, inplace: bool = False) -> nn.Module:
    """An equivalent eval-mode model in which every ``BatchNorm2d`` of ``foldable_pairs`` is
    folded into its convolution and replaced by ``nn.Identity``: the model keeps its class, its
    ``forward`` and its input check, and has no folded batch norm left.

    返回等价的 eval 模式模型：``foldable_pairs`` 中的每个 ``BatchNorm2d`` 都被折叠进它的卷积，
    并替换为 ``nn.Identity``；模型的类、``forward`` 和输入检查保持不变。

    Args:
        model: a module that ``torch.fx.symbolic_trace`` can trace.
        inplace: change ``model`` itself instead of a copy (saves the memory of a copy).

    Returns:
        The folded model, in eval mode.

    Raises:
        TypeError: ``model`` is not an ``nn.Module``, or ``inplace`` not a bool.

    >>> import torch
    >>> from torch import nn
    >>> from cnnref.fold import fold_batch_norm
    >>> from cnnref.models import get_model
    >>> model = get_model("resnet20_paper").eval()
    >>> folded = fold_batch_norm(model)
    >>> [sum(isinstance(m, nn.BatchNorm2d) for m in net.modules()) for net in (model, folded)]
    [19, 0]
    >>> x = torch.randn(1, 3, 32, 32)
    >>> torch.testing.assert_close(folded(x), model(x), rtol=1e-4, atol=1e-5)
    """
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be an nn.Module, got {type(model).__name__}")
    check_bool("inplace", inplace)
    folded = (model if inplace else copy.deepcopy(model)).eval()
    pairs = foldable_pairs(folded)  # traced in eval mode: the forward the folded model runs
    for conv_name, bn_name in pairs:
        conv, bn = folded.get_submodule(conv_name), folded.get_submodule(bn_name)
        assert isinstance(conv, nn.Conv2d) and isinstance(bn, nn.BatchNorm2d)  # foldable_pairs checked it
        folded.set_submodule(conv_name, fold_conv_bn(conv, bn))
        folded.set_submodule(bn_name, nn.Identity())
    return folded
