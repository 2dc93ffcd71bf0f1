"""The one per-layer tracer: every module call of a forward pass, with its shapes and its
multiply-adds, for the layer table and for the diagrams.

唯一的逐层追踪器：一次前向计算中每个模块的调用及其形状与乘加次数，供逐层表与结构图共用。
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.overrides import TorchFunctionMode
from torch.utils.flop_counter import FlopCounterMode

from cnnref.analysis.context import inference
from cnnref.analysis.inputs import ModelLike, device_of, resolve


@dataclass
class Call:
    """One call of a module during the traced forward pass.

    ``name`` is the module's qualified name; a module registered under several names gets one its
    running parent holds it by, the n-th of them at its n-th call under that parent (a hook cannot
    see which attribute the parent used, so registration order stands for call order); ``depth`` its nesting in the model, read from that name
    (1: a child of the model; ``c3.maps.0`` is at 3 even when ``c3`` calls it directly); ``macs`` the multiply-adds counted while the call ran, nested calls
    included. ``functional`` marks an activation that a ``forward`` called as a function:
    ``module`` is then a stand-in of its kind (``nn.ReLU()`` for ``F.relu``).

    前向计算中对某个模块的一次调用：限定名、嵌套深度、输入与输出形状、乘加次数（含嵌套的调用）。
    """

    name: str
    module: nn.Module
    depth: int
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...] = ()
    macs: int = 0
    functional: bool = False


def _shape(value: object) -> tuple[int, ...]:
    """The shape of ``value``, or of the first tensor of a (nested) tuple or list."""
    while isinstance(value, (tuple, list)) and value:
        value = value[0]
    return tuple(value.shape) if isinstance(value, torch.Tensor) else ()


# Stand-in modules for activations called as functions (only their type is used).
_RELU, _TANH, _SIGMOID, _DROPOUT, _LRN = nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Dropout(), nn.LocalResponseNorm(5)
FUNCTIONAL_LAYERS: dict[Callable[..., Any], nn.Module] = {
    F.relu: _RELU, F.relu_: _RELU, torch.relu: _RELU, torch.relu_: _RELU,
    torch.tanh: _TANH, F.tanh: _TANH, torch.sigmoid: _SIGMOID, F.sigmoid: _SIGMOID,
    F.dropout: _DROPOUT, F.local_response_norm: _LRN,
}


class _FunctionalLayers(TorchFunctionMode):
    """Reports each activation called as a function (``F.relu(self.bn(x))``)."""

    def __init__(self, record: Callable[[nn.Module, tuple[int, ...]], None]) -> None:
        super().__init__()
        self.record = record

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if func in FUNCTIONAL_LAYERS:
            self.record(FUNCTIONAL_LAYERS[func], _shape(out))
        return out


class _Recorder:
    """The hooks of one traced pass: they open and close a ``Call`` per module call."""

    def __init__(self, root: nn.Module, counter: FlopCounterMode) -> None:
        self.root, self.counter = root, counter
        self.names: dict[int, list[str]] = {}
        for name, m in root.named_modules(remove_duplicate=False):
            self.names.setdefault(id(m), []).append(name)
        self.calls: list[Call] = []
        self.running: list[tuple[Call, int]] = []  # open calls, with the FLOPs counted when they began
        self.uses: Counter[tuple[int, int]] = Counter()

    def _name(self, module: nn.Module) -> str:
        """The name of this call: among the module's names, those its running parent holds it
        by, the n-th for the n-th call under that parent (the last one once they run out)."""
        names = self.names[id(module)]
        parent = self.running[-1][0] if self.running else None
        prefix = parent.name + "." if parent else ""
        here = [n for n in names if n.startswith(prefix) and "." not in n[len(prefix):]] or names
        key = (id(parent), id(module))
        self.uses[key] += 1
        return here[min(self.uses[key], len(here)) - 1]

    def before(self, module: nn.Module, args: object) -> None:
        name = self._name(module)
        call = Call(name, module, name.count(".") + 1, _shape(args))
        self.calls.append(call)
        self.running.append((call, self.counter.get_total_flops()))

    def after(self, module: nn.Module, args: object, output: object) -> None:
        call, flops_before = self.running.pop()
        call.output_shape = _shape(output)
        call.macs = (self.counter.get_total_flops() - flops_before) // 2

    def functional(self, layer: nn.Module, shape: tuple[int, ...]) -> None:
        owner = self.running[-1][0] if self.running else None
        if owner is None or list(owner.module.children()):  # not the inside of a leaf module
            kind = f"F.{type(layer).__name__.lower()}"
            name = f"{owner.name}.{kind}" if owner else kind
            depth = owner.depth + 1 if owner else 1
            self.calls.append(Call(name, layer, depth, shape, shape, functional=True))


def trace(model: ModelLike, input_size: object = None) -> list[Call]:
    """Every module call of one forward pass, in the order the calls start; a module called twice
    appears twice. Activations that a ``forward`` calls as functions (``F.relu``) appear as calls
    named ``<module>.F.relu``. The pass runs in ``inference``: no side effect on the model or the
    random state. A name is built on the ``meta`` device.

    一次前向计算中每个模块的调用，按开始的先后排列；被调用两次的模块出现两次。``forward`` 里以函数
    形式调用的激活（``F.relu``）记为名为 ``<模块>.F.relu`` 的调用。

    Args:
        model: an ``nn.Module`` or a registry name.
        input_size: the full input size, batch first (see ``resolve``).

    Returns:
        The calls, in the order they started.

    >>> from cnnref.analysis import trace
    >>> calls = trace("alexnet")
    >>> calls[0].name, calls[0].output_shape, calls[0].macs
    ('features', (1, 256, 6, 6), 655566528)
    >>> [c.name for c in trace("googlenet")][:4]
    ['conv1', 'conv1.conv', 'conv1.bn', 'conv1.F.relu']
    """
    module, size = resolve(model, input_size)
    with FlopCounterMode(display=False) as counter:
        recorder = _Recorder(module, counter)
        handles = []
        for m in module.modules():
            if m is not module:
                handles += [m.register_forward_pre_hook(recorder.before), m.register_forward_hook(recorder.after)]
        try:
            with inference(module), _FunctionalLayers(recorder.functional):
                module(torch.zeros(size, device=device_of(module)))
        finally:
            for handle in handles:
                handle.remove()
    return recorder.calls
