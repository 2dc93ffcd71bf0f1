"""The model registry: the one place where the facts about every network live.

模型注册表：每个网络的全部事实（标题、论文、来源、输入尺寸、已发表的数字）都只在这里。

**Naming rule.** A name is the builder's ``__name__``. The bare name of a network is the
network as torchvision ships it (``alexnet``, ``vgg16``, ``googlenet``, ``resnet50``), with
the same module names and ``state_dict`` keys. The suffix says where any other version comes
from: ``_paper`` is the network as its paper built it (``alexnet_paper``, ``vgg_d_paper``,
``resnet50_paper``, ``lenet5_paper``), ``_tutorial`` is the network a tutorial teaches
(``lenet5_tutorial``, the PyTorch 60-minute blitz's ``Net``). VGG's paper versions keep the
paper's configuration letters (``vgg_a_paper`` … ``vgg_e_paper``), since C and D both have 16
layers. ``ModelInfo.source`` says the same in one word.

**命名规则。** 不带后缀的名字是 torchvision 提供的网络；``_paper`` 后缀表示论文原版，
``_tutorial`` 后缀表示教程中的版本；``ModelInfo.source`` 用一个词说明同样的事。

Examples:
    >>> from cnnref.models import list_models, model_info
    >>> list_models("resnet*", source="torchvision")
    ['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152']
    >>> info = model_info("alexnet_paper")
    >>> info.title, info.source, info.paper.year, info.input_size, info.min_size, info.max_size
    ('AlexNet', 'paper', 2012, (3, 227, 227), (227, 227), (258, 258))
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from torch import nn

from ._input import InputSpec, Network

Source = Literal["paper", "torchvision", "tutorial"]
SOURCES: tuple[str, ...] = ("paper", "torchvision", "tutorial")
Builder = TypeVar("Builder", bound=Callable[..., nn.Module])


@dataclass(frozen=True)
class Paper:
    """A publication: who, what, when, where, and a link (arXiv or DOI).

    一篇论文：作者、题目、年份、发表处与链接（arXiv 或 DOI）。
    """

    authors: str
    title: str
    year: int
    venue: str
    url: str

    def cite(self) -> str:
        """``"Authors (year)"``, the short form the pages use.

        Examples:
            >>> from cnnref.models import model_info
            >>> model_info("resnet50").paper.cite()
            'He, Zhang, Ren & Sun (2016)'
        """
        return f"{self.authors} ({self.year})"


@dataclass(frozen=True)
class Figure:
    """A published figure: what it measures, its value as published, and where.

    ``metric`` is one of ``METRICS``; ``source`` names the table or section of the paper,
    or torchvision's weights metadata; ``note`` says what the figure is of when that is not
    one model on one crop (an ensemble, ten crops).

    已发表的一个数字：度量、发表的数值、出处（论文的表或节，或 torchvision 的权重元数据）与说明。
    """

    metric: str
    value: float
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; allowed: {', '.join(METRICS)}")


#: The metrics a ``Figure`` may give, with their units.
METRICS: dict[str, str] = {
    "params": "parameters",
    "params_millions": "million parameters",
    "gmacs": "GMACs (torchvision calls them GFLOPS)",
    "gflops": "10^9 FLOPs as the paper counts them (multiply-adds)",
    "acc@1": "% top-1 accuracy, ImageNet-1K val",
    "acc@5": "% top-5 accuracy, ImageNet-1K val",
    "top1_error": "% top-1 error",
    "top5_error": "% top-5 error",
    "error": "% error",
}

TORCHVISION_WEIGHTS = "torchvision 0.29.1, IMAGENET1K_V1 weights metadata"


def torchvision_figures(*, params: int, gmacs: float, acc1: float, acc5: float) -> tuple[Figure, ...]:
    """The four figures torchvision publishes for a checkpoint (``num_params``, ``_ops``,
    ``_metrics``) of its ``IMAGENET1K_V1`` weights.

    torchvision 为 ``IMAGENET1K_V1`` 权重发布的四个数字。

    Examples:
        >>> from cnnref.models import model_info
        >>> [f.metric for f in model_info("alexnet").figures]
        ['params', 'gmacs', 'acc@1', 'acc@5']
    """
    return (
        Figure("params", params, TORCHVISION_WEIGHTS),
        Figure("gmacs", gmacs, TORCHVISION_WEIGHTS),
        Figure("acc@1", acc1, TORCHVISION_WEIGHTS),
        Figure("acc@5", acc5, TORCHVISION_WEIGHTS),
    )


@dataclass(frozen=True)
class ModelInfo:
    """Everything the package knows about one registered name.

    Attributes:
        name: the registered name (the builder's ``__name__``).
        builder: the function that builds the model; keyword arguments go to its class.
        title: the network's name as people write it (``"ResNet-50"``).
        paper: the publication that introduced the network.
        source: what the model follows: ``"paper"``, ``"torchvision"`` or ``"tutorial"``.
        input_size: the input ``(C, H, W)`` the network was designed for.
        min_size: the smallest ``(H, W)`` it accepts.
        max_size: the largest ``(H, W)`` it accepts, or ``None`` for no limit.
        figures: the published figures, each with where it was published.

    一个注册名的全部信息：名字、构建函数、标题、论文、来源、设计输入尺寸、最小与最大输入尺寸、
    已发表的数字。
    """

    name: str
    builder: Callable[..., nn.Module]
    title: str
    paper: Paper
    source: Source
    input_size: tuple[int, int, int]
    min_size: tuple[int, int]
    max_size: tuple[int, int] | None
    figures: tuple[Figure, ...]

    def figure(self, metric: str) -> Figure:
        """The published figure for ``metric``; ``KeyError`` if none was published.

        Examples:
            >>> from cnnref.models import model_info
            >>> model_info("resnet50").figure("gmacs").value
            4.089
        """
        for figure in self.figures:
            if figure.metric == metric:
                return figure
        raise KeyError(f"{self.name} has no published {metric!r}; it has {[f.metric for f in self.figures]}")


_MODELS: dict[str, ModelInfo] = {}


def register_model(
    *,
    title: str,
    paper: Paper,
    source: Source,
    figures: tuple[Figure, ...] = (),
    name: str | None = None,
) -> Callable[[Builder], Builder]:
    """Register a builder (a decorator). The input sizes come from the ``input_spec`` of the
    class the builder returns (its return annotation), where the layers that decide them are;
    the built model is given the registered name, which its input errors use.

    注册一个构建函数（装饰器）。输入尺寸取自构建函数返回的类的 ``input_spec``。
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}; got {source!r}")

    def decorate(builder: Builder) -> Builder:
        key = name or builder.__name__
        if key in _MODELS:
            raise ValueError(f"model name {key!r} is registered twice")
        spec: InputSpec = inspect.signature(builder, eval_str=True).return_annotation.input_spec

        @functools.wraps(builder)
        def build(**kwargs: Any) -> nn.Module:
            model = builder(**kwargs)
            if isinstance(model, Network):
                model.name = key
            return model

        _MODELS[key] = ModelInfo(key, build, title, paper, source, spec.size, spec.min_size, spec.max_size, figures)
        return build  # type: ignore[return-value]

    return decorate


def _natural_key(name: str) -> list[Any]:
    """``resnet101`` after ``resnet50``: digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def list_models(pattern: str | None = None, *, source: str | None = None) -> list[str]:
    """The registered names matching the fnmatch ``pattern`` (and ``source``), in natural order.

    已注册的模型名：可按 fnmatch 模式和来源筛选，按自然顺序排列。

    Examples:
        >>> from cnnref.models import list_models
        >>> list_models("vgg1[16]*")
        ['vgg11', 'vgg11_bn', 'vgg16', 'vgg16_bn']
        >>> list_models(source="tutorial")
        ['lenet5_tutorial']
    """
    if pattern is not None and not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str such as 'resnet*', got {type(pattern).__name__}")
    if source is not None and source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}; got {source!r}")
    names = [
        n for n, info in _MODELS.items()
        if (pattern is None or fnmatch.fnmatchcase(n, pattern)) and source in (None, info.source)
    ]
    return sorted(names, key=_natural_key)


def model_info(name: str) -> ModelInfo:
    """The registry entry for ``name``.

    Raises:
        TypeError: ``name`` is not a str.
        ValueError: no model has that name; the message gives the close matches.

    返回 ``name`` 的注册信息；未知名字会抛出 ``ValueError`` 并给出相近的名字。

    Examples:
        >>> from cnnref.models import model_info
        >>> model_info("alexnet").input_size
        (3, 224, 224)
        >>> model_info("alexnett")
        Traceback (most recent call last):
        ...
        ValueError: unknown model 'alexnett'; did you mean 'alexnet' or 'alexnet_paper'? (list_models() gives every name)
    """
    if not isinstance(name, str):
        raise TypeError(f"a model name is a str, got {type(name).__name__}")
    try:
        return _MODELS[name]
    except KeyError:
        close = difflib.get_close_matches(name, _MODELS, n=3, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise ValueError(f"unknown model {name!r}; {hint}(list_models() gives every name)") from None


def get_model(name: str, **kwargs: Any) -> nn.Module:
    """Build the model registered as ``name``; ``kwargs`` go to its class.

    按名字构建模型；``kwargs`` 传给对应的类。

    Examples:
        >>> import torch
        >>> from cnnref.models import get_model
        >>> model = get_model("alexnet", num_classes=10).eval()
        >>> model(torch.zeros(1, 3, 224, 224)).shape
        torch.Size([1, 10])
    """
    return model_info(name).builder(**kwargs)
