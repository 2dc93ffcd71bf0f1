"""The five classic networks side by side, every figure computed from the real models.

五个经典网络的对比，每个数字都由真实模型计算得出。

Counters, named once: parameters are ``sum(p.numel())``; MACs are the multiply-adds of the
convolutions and fully connected layers counted by ``torch.utils.flop_counter`` (which reports
FLOPs = 2 × MACs); depth is the number of convolution and fully connected layers on the longest
input-to-output path (:func:`cnnref.analysis.weight_layer_depth`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import Complexity, complexity, resolve, weight_layer_depth


@dataclass(frozen=True)
class Network:
    """A network of the comparison: its registry name, title, year and key idea (en, zh)."""

    model: str
    title: str
    year: int
    idea: dict[str, str]


NETWORKS: tuple[Network, ...] = (
    Network("lenet5_paper", "LeNet-5", 1998, {
        "en": "convolutions with shared weights and subsampling, trained end to end",
        "zh": "权重共享的卷积与下采样，端到端训练",
    }),
    Network("alexnet", "AlexNet", 2012, {
        "en": "ReLU, dropout, overlapping pooling and GPUs at ImageNet scale",
        "zh": "在 ImageNet 规模上使用 ReLU、丢弃法、重叠池化与 GPU",
    }),
    Network("vgg16", "VGG-16", 2014, {
        "en": "depth from stacks of 3×3 convolutions",
        "zh": "用堆叠的 3×3 卷积加深网络",
    }),
    Network("googlenet", "GoogLeNet", 2014, {
        "en": "inception modules with 1×1 reductions",
        "zh": "带 1×1 降维的 Inception 模块",
    }),
    Network("resnet50", "ResNet-50", 2015, {
        "en": "residual learning with identity shortcuts",
        "zh": "使用恒等捷径连接的残差学习",
    }),
)

# The other depths of the two families that come in several.
OTHER_DEPTHS: tuple[Network, ...] = tuple(
    Network(model, title, year, {"en": "", "zh": ""})
    for model, title, year in (
        ("vgg11", "VGG-11", 2014), ("vgg13", "VGG-13", 2014), ("vgg19", "VGG-19", 2014),
        ("resnet18", "ResNet-18", 2015), ("resnet34", "ResNet-34", 2015),
        ("resnet101", "ResNet-101", 2015), ("resnet152", "ResNet-152", 2015),
    )
)


@dataclass(frozen=True)
class Row:
    """One network's computed figures."""

    network: Network
    depth: int
    complexity: Complexity
    min_size: tuple[int, int]


def compare(networks: tuple[Network, ...] = NETWORKS) -> list[Row]:
    """Compute depth, parameters, MACs and the minimum input size of each network
    (built on the ``meta`` device, at its documented input size).

    计算每个网络的深度、参数量、MACs 与最小输入尺寸。

    >>> from cnnref.comparison import compare
    >>> row = compare()[4]
    >>> row.network.title, row.depth, row.complexity.parameters, row.complexity.macs
    ('ResNet-50', 50, 25557032, 4089184256)
    """
    rows = []
    for network in networks:
        model, size = resolve(network.model)
        rows.append(Row(network, weight_layer_depth(model, size), complexity(model, size), tuple(model.input_spec.min_size)))
    return rows


HEADERS = {
    "en": ("Network", "Year", "Depth", "Parameters", "MACs", "FLOPs", "Input", "Min. input", "Key idea"),
    "zh": ("网络", "年份", "深度", "参数量", "乘加次数（MACs）", "浮点运算（FLOPs）", "输入", "最小输入", "核心思想"),
}


def _si(n: int) -> str:
    """``4089184256`` → ``4.089 G``: three decimals, as torchvision's tables print."""
    for scale, unit in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if n >= scale:
            return f"{n / scale:.3f} {unit}"
    return str(n)


def totals_lines(total: Complexity, lang: str = "en") -> list[str]:
    """The labelled totals under a summary: parameters, MACs, FLOPs and what counted them.

    摘要下方带标注的合计：参数量、MACs、FLOPs 以及计数方法。

    >>> from cnnref.analysis import complexity
    >>> from cnnref.comparison import totals_lines
    >>> print("\\n".join(totals_lines(complexity("alexnet"))))
    Parameters: 61,100,840 (trainable 61,100,840)
    MACs:       714,188,480 (714.188 M; multiply-adds of conv and linear layers, torch.utils.flop_counter)
    FLOPs:      1,428,376,960 (1.428 G; 2 per multiply-add)
    """
    if lang == "zh":
        return [
            f"参数量：{total.parameters:,}（可训练 {total.trainable_parameters:,}）",
            f"乘加次数（MACs）：{total.macs:,}（{_si(total.macs)}；卷积层与全连接层的乘加，torch.utils.flop_counter 计数）",
            f"浮点运算（FLOPs）：{total.flops:,}（{_si(total.flops)}；每次乘加计 2 次）",
        ]
    return [
        f"Parameters: {total.parameters:,} (trainable {total.trainable_parameters:,})",
        f"MACs:       {total.macs:,} ({_si(total.macs)}; multiply-adds of conv and linear layers, torch.utils.flop_counter)",
        f"FLOPs:      {total.flops:,} ({_si(total.flops)}; 2 per multiply-add)",
    ]


def format_comparison(rows: list[Row], lang: str = "en", style: str = "markdown") -> str:
    """Render the comparison as a Markdown table (pages) or aligned text (terminal).

    把对比表渲染为 Markdown 表格或对齐的文本。

    >>> from cnnref.comparison import compare, format_comparison
    >>> print(format_comparison(compare()[:1], style="text"))
    Network  Year  Depth  Parameters  MACs       FLOPs      Input    Min. input  Key idea
    LeNet-5  1998      4      60,000  325.680 K  651.360 K  1×32×32  32×32       convolutions with shared weights and subsampling, trained end to end
    """
    if lang not in HEADERS:
        raise ValueError(f"lang must be one of {sorted(HEADERS)}, got {lang!r}")
    if style not in ("markdown", "text"):
        raise ValueError(f"style must be 'markdown' or 'text', got {style!r}")
    body = [
        (
            r.network.title, str(r.network.year), str(r.depth), f"{r.complexity.parameters:,}",
            _si(r.complexity.macs), _si(r.complexity.flops),
            "×".join(map(str, r.complexity.input_size[1:])), "×".join(map(str, r.min_size)),
            r.network.idea[lang],
        )
        for r in rows
    ]
    header = HEADERS[lang]
    if style == "markdown":
        lines = ["| " + " | ".join(header) + " |", "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    right = {1, 2, 3}
    return "\n".join(
        "  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)).rstrip()
        for row in [header, *body]
    )
