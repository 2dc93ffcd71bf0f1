"""The model registry: every architecture registers its builder under a name.

模型注册表：每个网络结构都以一个名字注册其构建函数。
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from torch import nn

Builder = TypeVar("Builder", bound=Callable[..., nn.Module])


@dataclass(frozen=True)
class ModelInfo:
    """What the registry knows about one name.

    name: the registered name; builder: the function that builds it;
    input_size: the documented input ``(C, H, W)`` the network was designed for.
    """

    name: str
    builder: Callable[..., nn.Module]
    input_size: tuple[int, int, int]


_MODELS: dict[str, ModelInfo] = {}


def register_model(
    name: str, *, input_size: tuple[int, int, int]
) -> Callable[[Builder], Builder]:
    """Register a builder under ``name`` (a decorator).

    注册一个构建函数（装饰器）。
    """

    def decorate(builder: Builder) -> Builder:
        if name in _MODELS:
            raise ValueError(f"model name {name!r} is registered twice")
        _MODELS[name] = ModelInfo(name, builder, input_size)
        return builder

    return decorate


def list_models() -> list[str]:
    """The registered model names, sorted.

    已注册的模型名（排序后）。

    >>> from cnnref.models import list_models
    >>> "alexnet" in list_models()
    True
    """
    return sorted(_MODELS)


def model_info(name: str) -> ModelInfo:
    """The registry entry for ``name``; an unknown name raises ``ValueError`` with close matches.

    返回 ``name`` 的注册信息；未知名字会抛出 ``ValueError`` 并给出相近的名字。

    >>> from cnnref.models import model_info
    >>> model_info("alexnet").input_size
    (3, 224, 224)
    >>> model_info("alexnett")
    Traceback (most recent call last):
    ...
    ValueError: unknown model 'alexnett'; did you mean 'alexnet'...
    """
    if not isinstance(name, str):
        raise TypeError(f"a model name is a str, got {type(name).__name__}")
    try:
        return _MODELS[name]
    except KeyError:
        close = difflib.get_close_matches(name, _MODELS, n=3, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise ValueError(
            f"unknown model {name!r}; {hint}known models: {', '.join(list_models())}"
        ) from None


def get_model(name: str, **kwargs) -> nn.Module:
    """Build the model registered as ``name``; ``kwargs`` go to its builder.

    按名字构建模型；``kwargs`` 传给对应的构建函数。

    >>> import torch
    >>> from cnnref.models import get_model
    >>> model = get_model("alexnet", num_classes=10).eval()
    >>> model(torch.zeros(1, 3, 224, 224)).shape
    torch.Size([1, 10])
    """
    return model_info(name).builder(**kwargs)
