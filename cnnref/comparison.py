"""The classic networks side by side, every figure computed from the real models.

经典网络的对比，每个数字都由真实模型计算得出。

Counters, named once: parameters are ``sum(p.numel())``; MACs are the multiply-adds of the
convolutions and fully connected layers counted by ``torch.utils.flop_counter`` (which reports
FLOPs = 2 × MACs); depth is the number of convolution and fully connected layers on the longest
input-to-output path (``cnnref.analysis.weight_layer_depth``).
"""

from __future__ import annotations

from dataclasses import dataclass

from cnnref.analysis import Complexity, complexity, resolve, weight_layer_depth
from cnnref.i18n import analysis_text
from cnnref.models import ModelInfo, model_info
from cnnref.tables import render_table


#: The networks of the comparison, by registry name; each row's title, year and input
#: sizes are the registry's.
NETWORKS: tuple[str, ...] = ("lenet5_paper", "alexnet", "nin_paper", "vgg16", "googlenet", "resnet50")

#: The other depths of the two families that come in several.
OTHER_DEPTHS: tuple[str, ...] = ("vgg11", "vgg13", "vgg19", "resnet18", "resnet34", "resnet101", "resnet152")


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
    """Render the comparison as a Markdown table (pages) or aligned text (terminal), with the
    words and each network's key idea in ``lang``. The other depths (``OTHER_DEPTHS``) leave the
    key idea empty: it is their family's, on the row of its representative.

    把对比表渲染为 Markdown 表格或对齐的文本，文字与核心思想使用 ``lang`` 语言。

    Args:
        rows: the rows of ``compare``.
        lang: a language of ``cnnref.i18n.LANGUAGES``.
        style: ``"markdown"`` or ``"text"``.

    Returns:
        The table.

    Raises:
        ValueError: an unknown ``lang`` or ``style``.

    >>> from cnnref.comparison import compare, format_comparison
    >>> print(format_comparison(compare()[:1], style="text"))
    Network  Published  Depth  Parameters       MACs      FLOPs  Input    Min. input  Key idea
    LeNet-5       1998      4      60,000  325.680 K  651.360 K  1×32×32  32×32       convolutions with shared weights and subsampling, trained end to end
    """
    t = analysis_text(lang)
    header = tuple(t[key] for key in ("network", "year", "depth", "parameters", "macs", "flops", "input",
                                      "min_input", "key_idea"))
    body = [
        (
            r.network.title, str(r.network.paper.year), str(r.depth), f"{r.complexity.parameters:,}",
            _si(r.complexity.macs), _si(r.complexity.flops),
            "×".join(map(str, r.complexity.input_size[1:])), "×".join(map(str, r.min_size)),
            t.get(f"idea.{r.network.name}", ""),
        )
        for r in rows
    ]
    return render_table(header, body, "lrrrrrlll", style=style)
