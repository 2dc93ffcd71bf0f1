"""The input sizes a stack of layers accepts, derived with the shape arithmetic of
``cnnref.shapes`` from the layers themselves (not from a forward pass)."""

from __future__ import annotations

from collections.abc import Iterable

from torch import nn

from cnnref.shapes import conv_output_size, pool_output_size


def _first(value: int | tuple[int, ...]) -> int:
    return value if isinstance(value, int) else value[0]


def feature_size(layers: nn.Module, size: int) -> int:
    """Height (= width) after every ``Conv2d`` and ``MaxPool2d`` of ``layers``, in order, for a
    square input of side ``size``; ``ValueError`` where PyTorch would fail."""
    for m in layers.modules():
        if isinstance(m, nn.Conv2d):
            size = conv_output_size(size, _first(m.kernel_size), _first(m.stride), _first(m.padding), _first(m.dilation))
        elif isinstance(m, nn.MaxPool2d):
            size = pool_output_size(
                size, _first(m.kernel_size), _first(m.stride), _first(m.padding), _first(m.dilation), m.ceil_mode
            )
    return size


def accepted_sizes(layers: nn.Module, sizes: Iterable[int], final: int | None = None) -> list[int]:
    """The sizes in ``sizes`` that ``layers`` can take (and that end at ``final``, if given)."""
    ok = []
    for size in sizes:
        try:
            out = feature_size(layers, size)
        except ValueError:
            continue
        if final is None or out == final:
            ok.append(size)
    return ok
