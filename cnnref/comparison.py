"""The classic networks side by side, every figure computed from the real models.

经典网络的对比，每个数字都由真实模型计算得出。

Counters, named once: parameters are ``sum(p.numel())``; MACs are the multiply-adds of the
convolutions and fully connected layers counted by ``torch.utils.flop_counter`` (which reports
FLOPs = 2 × MACs); depth is the number of convolution and fully connected layers on the longest
input-to-output path (``cnnref.analysis.weight_layer_depth``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnnref.analysis import Complexity, complexity, resolve, weight_layer_depth
from cnnref.i18n import FIGURE_NOTES, analysis_text
from cnnref.models import ModelInfo, model_info
from cnnref.tables import render_table


#: The networks of the comparison, by registry name; each row's title, year and input
#: sizes are the registry's.
NETWORKS: tuple[str, ...] = ("lenet5_paper", "alexnet", "nin_paper", "vgg16", "googlenet", "resnet50")

#: The other depths of the two families that come in several.
OTHER_DEPTHS: tuple[str, ...] = ("vgg11", "vgg13", "vgg19", "resnet18", "resnet34", "resnet101", "resnet152")

#: The paper version of each network of ``NETWORKS``, whose published errors ``published_results`` gives.
PAPER_VERSIONS: tuple[str, ...] = (
    "lenet5_paper", "alexnet_paper", "nin_paper", "vgg_d_paper", "googlenet_paper", "resnet50_paper",
)

# The error metrics of the registry by column. On MNIST and CIFAR-10 a paper gives one error rate:
# the share of images whose first guess is wrong, which is the top-1 error.
_TOP1, _TOP5 = ("top1_error", "error"), ("top5_error",)


@dataclass(frozen=True)
class Row:
    """One network's registry entry and its computed figures.

    一个网络的注册信息及其计算出的数字。
    """

    network: ModelInfo
    depth: int
    complexity: Complexity

    @property
    def min_size(self) -> tuple[int, int]:
        """The smallest ``(H, W)`` the network accepts (the registry's)."""
        return self.network.min_size


def compare(networks: tuple[str, ...] = NETWORKS) -> list[Row]:
    """Compute depth, parameters and MACs of each network, built on the ``meta`` device at its
    documented input size.

    计算每个网络的深度、参数量与 MACs。

    Examples:
        >>> from cnnref.comparison import compare
        >>> row = compare()[5]
        >>> row.network.title, row.depth, row.complexity.parameters, row.complexity.macs, row.min_size
        ('ResNet-50', 50, 25557032, 4089184256, (1, 1))
    """
    rows = []
    for name in networks:
        model, size = resolve(name)
        rows.append(Row(model_info(name), weight_layer_depth(model, size), complexity(model, size)))
    return rows


def _si(n: int) -> str:
    """``4089184256`` → ``4.089 G``: three decimals, as torchvision's tables print."""
    for scale, unit in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if n >= scale:
            return f"{n / scale:.3f} {unit}"
    return str(n)


def totals_lines(total: Complexity, lang: str = "en") -> list[str]:
    """The labelled totals under a summary: parameters, MACs, FLOPs and what counted them.

    摘要下方带标注的合计：参数量、MACs、FLOPs 以及计数方法。

    Args:
        total: a model's ``complexity``.
        lang: a language of ``cnnref.i18n.LANGUAGES``.

    Returns:
        Three lines.

    Raises:
        ValueError: an unknown ``lang``.

    >>> from cnnref.analysis import complexity
    >>> from cnnref.comparison import totals_lines
    >>> print("\\n".join(totals_lines(complexity("alexnet"))))
    Parameters: 61,100,840 (trainable 61,100,840)
    MACs:       714,188,480 (714.188 M; multiply-adds of conv and linear layers, torch.utils.flop_counter)
    FLOPs:      1,428,376,960 (1.428 G; 2 per multiply-add)
    """
    t = analysis_text(lang)
    return [
        t["totals_parameters"].format(parameters=f"{total.parameters:,}", trainable=f"{total.trainable_parameters:,}"),
        t["totals_macs"].format(macs=f"{total.macs:,}", macs_si=_si(total.macs)),
        t["totals_flops"].format(flops=f"{total.flops:,}", flops_si=_si(total.flops)),
    ]


def format_comparison(rows: list[Row], lang: str = "en", style: str = "markdown") -> str:
    """Render the comparison: a short table (network, source, year, depth, parameters, MACs),
    then one line per network with its key idea and input sizes, in ``lang``. On a page the
    source and year sit under the network's name, so that four columns fit a phone's width; the
    other depths (``OTHER_DEPTHS``) get no line: their key idea is their family's.

    渲染对比：一张短表（网络、来源、年份、深度、参数量、MACs），表下每个网络一行，给出核心思想与输入尺寸。

    Args:
        rows: the rows of ``compare``.
        lang: a language of ``cnnref.i18n.LANGUAGES``.
        style: ``"markdown"`` (a table and a list) or ``"text"`` (aligned columns and lines).

    Returns:
        The table, and the lines under it after a blank line.

    Raises:
        ValueError: an unknown ``lang`` or ``style``.

    >>> from cnnref.comparison import compare, format_comparison
    >>> print(format_comparison(compare()[:1], style="text"))
    Network  Source  Published  Depth  Parameters       MACs
    LeNet-5  paper        1998      4      60,000  325.680 K
    <BLANKLINE>
    LeNet-5 (lenet5_paper): convolutions with shared weights and subsampling, trained end to end; input 1×32×32, at least 32×32.
    >>> print(format_comparison(compare()[:1], lang="zh").splitlines()[2])
    | **LeNet-5**<br>论文（1998） | 4 | 60,000 | 325.680 K |
    """
    t = analysis_text(lang)
    names = [(r.network.title, t[f"source.{r.network.source}"], str(r.network.paper.year)) for r in rows]
    figures = [(str(r.depth), f"{r.complexity.parameters:,}", _si(r.complexity.macs)) for r in rows]
    if style == "markdown":
        header = tuple(t[key] for key in ("network", "depth", "parameters", "macs"))
        body = [(t["network_cell"].format(title=n[0], source=n[1], year=n[2]), *f) for n, f in zip(names, figures)]
        table = render_table(header, body, "lrrr", style=style)
    else:
        header = tuple(t[key] for key in ("network", "source", "year", "depth", "parameters", "macs"))
        table = render_table(header, [(*n, *f) for n, f in zip(names, figures)], "llrrrr", style=style)
    lines = [_idea_line(r, t, style) for r in rows if f"idea.{r.network.name}" in t]
    return "\n".join([table, "", *lines]) if lines else table


def _idea_line(row: Row, t: dict[str, str], style: str) -> str:
    markdown = style == "markdown"
    line = t["idea_line"].format(
        title=f"**{row.network.title}**" if markdown else row.network.title,
        name=f"`{row.network.name}`" if markdown else row.network.name,
        idea=t[f"idea.{row.network.name}"],
        input="×".join(map(str, row.complexity.input_size[1:])),
        min_input="×".join(map(str, row.min_size)),
    )
    return f"- {line}" if markdown else line


@dataclass(frozen=True)
class Result:
    """One evaluation a paper reports: the network, what was evaluated (the figure's note: data set,
    models, crops and scales), where in the paper, and its errors in % (``None`` where not given).

    论文报告的一次评估：网络、评估方式、出处，以及错误率（%）。
    """

    network: ModelInfo
    evaluation: str
    source: str
    top1_error: float | None
    top5_error: float | None


def published_results(names: tuple[str, ...] = PAPER_VERSIONS) -> list[Result]:
    """The published errors of each network, one ``Result`` per evaluation (its figures of the same
    note and source together), in the registry's order.

    每个网络已发表的错误率，每种评估方式一行，顺序与注册表相同。

    >>> from cnnref.comparison import published_results
    >>> for r in published_results(("alexnet_paper",)):
    ...     print(r.top1_error, r.top5_error, r.source, r.evaluation)
    37.5 17.0 Table 1 ILSVRC-2010 test set, one CNN, 10 crops
    40.7 18.2 Table 2 ILSVRC-2012 validation set, one CNN, 10 crops
    None 15.3 Table 2 ILSVRC-2012 test set, an ensemble of 7 CNNs, 2 of them pre-trained on ImageNet Fall 2011
    """
    errors: dict[tuple[str, str, str], dict[str, float]] = {}
    for name in names:
        for f in model_info(name).figures:
            if f.metric in _TOP1 + _TOP5:
                errors.setdefault((name, f.note, f.source), {})["top1" if f.metric in _TOP1 else "top5"] = f.value
    return [
        Result(model_info(name), note, source, e.get("top1"), e.get("top5"))
        for (name, note, source), e in errors.items()
    ]


def _percent(value: float | None, t: dict[str, str]) -> str:
    return t["none"] if value is None else f"{value}%"  # as published: 17.0% keeps its zero


def _note(note: str, lang: str) -> str:
    if lang == "en":
        return note
    try:
        return FIGURE_NOTES[lang][note]
    except KeyError:
        raise ValueError(f"no {lang} translation of the figure note {note!r}; add it to cnnref.i18n.FIGURE_NOTES") from None


def _where(source: str, t: dict[str, str]) -> str:
    """``Table 3`` → ``表 3``, ``Section III.B`` → ``第 III.B 节``; anything else as it is."""
    match = re.fullmatch(r"(Table|Section) (\S+)", source)
    return t[f"where.{match[1].lower()}"].format(n=match[2]) if match else source


def format_results(results: list[Result], lang: str = "en", style: str = "markdown") -> str:
    """The published errors as a table: network, top-1 and top-5 error, what was evaluated, and where.
    On a page what was evaluated and where sit under the network's name (three columns fit a phone).

    已发表的错误率表：网络、top-1 与 top-5 错误率、评估方式与出处。

    Args:
        results: the results of ``published_results``.
        lang: a language of ``cnnref.i18n.LANGUAGES``.
        style: ``"markdown"`` or ``"text"``.

    Returns:
        The table.

    Raises:
        ValueError: an unknown ``lang`` or ``style``, or a note with no translation in ``lang``.

    >>> from cnnref.comparison import format_results, published_results
    >>> print(format_results(published_results(("googlenet_paper",))[:1], lang="zh", style="text"))
    网络       top-1 错误率  top-5 错误率  评估方式                                    出处
    GoogLeNet             —        10.07%  ILSVRC-2014 验证集，单个模型，单个裁剪区域  表 3
    >>> print(format_results(published_results(("googlenet_paper",))[:1]).splitlines()[2])
    | **GoogLeNet**<br>ILSVRC-2014 validation set, one model, one crop (Table 3) | — | 10.07% |
    """
    t = analysis_text(lang)
    cells = [(r.network.title, _note(r.evaluation, lang), _where(r.source, t)) for r in results]
    errors = [(_percent(r.top1_error, t), _percent(r.top5_error, t)) for r in results]
    if style == "markdown":
        body = [(t["result_cell"].format(title=title, evaluation=ev, where=where), *e)
                for (title, ev, where), e in zip(cells, errors)]
        return render_table([t[k] for k in ("network", "top1_error", "top5_error")], body, "lrr", style=style)
    keys = ("network", "top1_error", "top5_error", "evaluation", "where")
    rows = [(title, *e, ev, where) for (title, ev, where), e in zip(cells, errors)]
    return render_table([t[k] for k in keys], rows, "lrrll", style=style)


def format_torchvision_results(names: tuple[str, ...] = NETWORKS, lang: str = "en", style: str = "markdown") -> str:
    """The accuracies torchvision publishes for the ``IMAGENET1K_V1`` weights of each of ``names`` that
    it ships (the registry's ``acc@1`` and ``acc@5``, as published).

    torchvision 为其 ``IMAGENET1K_V1`` 权重发布的准确率（注册表中的 ``acc@1`` 与 ``acc@5``）。

    Raises:
        ValueError: an unknown ``lang`` or ``style``.

    >>> from cnnref.comparison import format_torchvision_results
    >>> print(format_torchvision_results(("lenet5_paper", "alexnet"), style="text"))
    Network              acc@1    acc@5
    AlexNet (alexnet)  56.522%  79.066%
    """
    t = analysis_text(lang)
    infos = [model_info(name) for name in names if model_info(name).source == "torchvision"]
    label = "**{}**<br>`{}`" if style == "markdown" else "{} ({})"  # the name under the title on a page
    body = [
        (label.format(info.title, info.name), _percent(info.figure("acc@1").value, t),
         _percent(info.figure("acc@5").value, t))
        for info in infos
    ]
    return render_table((t["network"], "acc@1", "acc@5"), body, "lrr", style=style)
