"""What every analysis entry point takes: a module or a registry name, and an input size.

A name is built on the ``meta`` device and defaults to its documented input size with a batch
of one; the input size is checked the same way for every entry point (and for the diagrams).

所有分析函数共用的输入：模块或注册名，以及输入尺寸。按名字给出的模型在 ``meta`` 设备上构建，
默认使用文档中的输入尺寸（批量为 1）；输入尺寸对每个入口都做同样的检查。
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from cnnref._args import as_int, check_min
from cnnref.models import model_info

ModelLike = nn.Module | str

# The most elements a tensor can have: its number of elements is an int64.
MAX_ELEMENTS = 2**63 - 1


def check_input_size(input_size: object, ndim: int | None = None) -> tuple[int, ...]:
    """``input_size`` as a tuple of positive ints, ``(N, C, H, W)`` for an image model.

    检查 ``input_size``：由正整数组成的元组，图像模型为 ``(N, C, H, W)``。

    Args:
        input_size: the full input size, batch first.
        ndim: the number of entries the model takes; None allows any number from 2 (a batch and
            at least one more dimension).

    Returns:
        The input size as a tuple.

    Raises:
        TypeError: ``input_size`` is not a tuple or list of ints (an int, a string, a bool entry).
        ValueError: an entry is 0 or negative, the length is wrong, or the tensor would have more
            elements than torch can count.

    >>> from cnnref.analysis import check_input_size
    >>> check_input_size([1, 3, 224, 224], ndim=4)
    (1, 3, 224, 224)
    >>> check_input_size(224)
    Traceback (most recent call last):
    ...
    TypeError: input_size must be a tuple of ints, batch first, such as (1, 3, 224, 224); got 224 (int)
    """
    if not isinstance(input_size, Sequence) or isinstance(input_size, str):
        raise TypeError(
            "input_size must be a tuple of ints, batch first, such as (1, 3, 224, 224); "
            f"got {input_size!r} ({type(input_size).__name__})"
        )
    size = tuple(check_min(f"input_size[{i}]", as_int(f"input_size[{i}]", n), 1) for i, n in enumerate(input_size))
    if ndim is not None and len(size) != ndim:
        raise ValueError(f"input_size must have {ndim} entries (batch first), got {len(size)}: {size}")
    if ndim is None and len(size) < 2:
        raise ValueError(f"input_size must have at least 2 entries (a batch and a feature size), got {size}")
    elements = 1
    for n in size:
        elements *= n
    if elements > MAX_ELEMENTS:
        raise ValueError(f"input_size {size} has {elements} elements; a tensor holds at most 2**63 - 1")
    return size


def as_module(model: ModelLike) -> nn.Module:
    """The module itself, or the named model built on the ``meta`` device.

    模块本身，或在 ``meta`` 设备上按名字构建的模型。

    Raises:
        TypeError: ``model`` is neither an ``nn.Module`` nor a string.
        ValueError: an unknown name.
    """
    if isinstance(model, nn.Module):
        return model
    if not isinstance(model, str):
        raise TypeError(f"expected an nn.Module or a model name, got {type(model).__name__}")
    with torch.device("meta"):
        return model_info(model).builder()


def resolve(model: ModelLike, input_size: object = None) -> tuple[nn.Module, tuple[int, ...]]:
    """A module and a checked full input size; a name is built on ``meta`` and defaults to its
    documented input size with a batch of one.

    返回模块与检查过的完整输入尺寸；按名字给出时在 ``meta`` 设备上构建，默认使用文档中的输入尺寸。

    Args:
        model: an ``nn.Module`` or a registry name.
        input_size: the full input size, batch first; required for a module.

    Returns:
        ``(module, input_size)``.

    Raises:
        TypeError: ``model`` is neither a module nor a name, or ``input_size`` is not a tuple of ints.
        ValueError: an unknown name, or a bad ``input_size`` (see ``check_input_size``).

    >>> from cnnref.analysis import resolve
    >>> model, size = resolve("alexnet")
    >>> size, next(model.parameters()).device.type
    ((1, 3, 224, 224), 'meta')
    """
    if isinstance(model, nn.Module):
        if input_size is None:
            raise ValueError("input_size is required for a module, e.g. (1, 3, 224, 224)")
        return model, check_input_size(input_size)
    if not isinstance(model, str):
        raise TypeError(f"expected an nn.Module or a model name, got {type(model).__name__}")
    documented = model_info(model).input_size
    size = check_input_size((1, *documented) if input_size is None else input_size, 1 + len(documented))
    return as_module(model), size


def device_of(module: nn.Module) -> torch.device:
    """The device of the module's first parameter (or buffer); the CPU for a module without either.

    模块第一个参数（或缓冲区）所在的设备；两者都没有时为 CPU。
    """
    tensor: torch.Tensor | None = next(module.parameters(), None)
    if tensor is None:
        tensor = next(module.buffers(), None)
    return tensor.device if tensor is not None else torch.device("cpu")
