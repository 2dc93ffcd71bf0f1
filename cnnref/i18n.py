"""Every user-visible string of the package, in each language of the site: table headers,
diagram labels, figure captions, the provenance line. One language check serves them all.

Adding a language means adding its table below (and its ``nav_translations`` in
``mkdocs.yml``); nothing else in the package names a language.

包中所有面向读者的文字（表头、图中标签、图注、来源信息）都在这里，按语言分表；
所有地方共用同一个语言检查。

>>> from cnnref.i18n import check_lang
>>> check_lang("zh")
'zh'
>>> check_lang("fr")
Traceback (most recent call last):
...
ValueError: lang must be one of 'en', 'zh'; got 'fr'
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")


def check_lang(lang: object) -> str:
    """``lang`` if it is one of ``LANGUAGES``, else ``ValueError`` naming the allowed ones."""
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}; got {lang!r}")
    return lang


# --------------------------------------------------------------------------- analysis, comparison, diagrams

# One table per language: the layer table and totals of ``cnnref.analysis``, the comparison of
# ``cnnref.comparison`` (its headers and each network's key idea, by registry name) and the words
# of ``cnnref.diagrams``. Every table has the keys of the English one (a test checks it).
ANALYSIS_TEXT: dict[str, dict[str, str]] = {
    "en": {
        # table headers and row labels
        "layer": "Layer", "type": "Type", "output_shape": "Output shape", "parameters": "Parameters",
        "macs": "MACs", "flops": "FLOPs", "input_row": "input", "total_row": "Total",
        "network": "Network", "year": "Published", "depth": "Depth", "input": "Input",
        # the comparison and its results (cnnref.comparison)
        "source": "Source", "source.paper": "paper", "source.torchvision": "torchvision", "source.tutorial": "tutorial",
        "idea_line": "{title} ({name}): {idea}; input {input}, at least {min_input}.",
        "top1_error": "Top-1 error", "top5_error": "Top-5 error", "evaluation": "Evaluated on", "where": "Where",
        "where.table": "Table {n}", "where.section": "Section {n}", "none": "—",
        "result_cell": "**{title}**<br>{evaluation} ({where})",
        "network_cell": "**{title}**<br>{source} ({year})",
        # the totals under a summary
        "totals_parameters": "Parameters: {parameters} (trainable {trainable})",
        "totals_macs": "MACs:       {macs} ({macs_si}; multiply-adds of conv and linear layers, torch.utils.flop_counter)",
        "totals_flops": "FLOPs:      {flops} ({flops_si}; 2 per multiply-add)",
        # the key idea of each network of the comparison
        "idea.lenet5_paper": "convolutions with shared weights and subsampling, trained end to end",
        "idea.alexnet": "ReLU, dropout, overlapping pooling and GPUs at ImageNet scale",
        "idea.nin_paper": "mlpconv layers (1×1 convolutions with ReLU) and global average pooling",
        "idea.vgg16": "depth from stacks of 3×3 convolutions",
        "idea.googlenet": "inception modules with 1×1 reductions",
        "idea.resnet50": "residual learning with identity shortcuts",
        # diagram words
        "output": "Output", "conv": "Conv", "max_pool": "Max pool",
        "avg_pool": "Avg pool", "adaptive_avg_pool": "Adaptive avg pool",
        "adaptive_max_pool": "Adaptive max pool", "fc": "FC",
        "blocks": "{n} × {kind}", "branches": "branches {channels}", "concat": "Concatenate channels",
        "add": "Add", "identity": "Identity mapping", "shortcut": "Shortcut", "main_path": "Main path",
        "what": "What it does", "shape": "Output (C × H × W)",
        "network_title": "{name}: every stage and its output shape",
        "block_title": "{name}, {block}: its branches and their output shapes",
        "dropped": "in no window: dropped", "pad_title": "F.pad(x, {pad}): {sides}",
        "left": "left", "right": "right", "top": "top", "bottom": "bottom",
        "pool_title": "max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})",
        "conv1x1_title": "1×1 convolution: {c_in} channels in, {c_out} out",
        "weight": "weight {shape}", "mix": "each output channel = weighted sum of the {c_in} input channels at the same pixel",
        "in_channels": "input channels", "out_channels": "output channels",
        "conv_window_title": "conv2d(x, kernel {k}×{k}, stride={s}, dilation={d}): the first two windows",
        "overlap": "in both windows",
        "groups_title": "groups={g}: {c_in} channels in, {c_out} out; each output sees its group only",
        # the progress line of cnnref.training
        "train_progress": "epoch {epoch}/{epochs}  loss {loss:.4f}  train {train:.1%}  test {test:.1%}  ({seconds:.1f} s)",
    },
    "zh": {
        "layer": "层", "type": "类型", "output_shape": "输出形状", "parameters": "参数量",
        "macs": "乘加次数（MACs）", "flops": "浮点运算（FLOPs）", "input_row": "输入", "total_row": "合计",
        "network": "网络", "year": "发表年份", "depth": "深度", "input": "输入",
        "source": "来源", "source.paper": "论文", "source.torchvision": "torchvision", "source.tutorial": "教程",
        "idea_line": "{title}（{name}）：{idea}；输入 {input}，最小 {min_input}。",
        "top1_error": "top-1 错误率", "top5_error": "top-5 错误率", "evaluation": "评估方式", "where": "出处",
        "where.table": "表 {n}", "where.section": "第 {n} 节", "none": "—",
        "result_cell": "**{title}**<br>{evaluation}（{where}）",
        "network_cell": "**{title}**<br>{source}（{year}）",
        "totals_parameters": "参数量：{parameters}（可训练 {trainable}）",
        "totals_macs": "乘加次数（MACs）：{macs}（{macs_si}；卷积层与全连接层的乘加，torch.utils.flop_counter 计数）",
        "totals_flops": "浮点运算（FLOPs）：{flops}（{flops_si}；每次乘加计 2 次）",
        "idea.lenet5_paper": "权重共享的卷积与下采样，端到端训练",
        "idea.alexnet": "在 ImageNet 规模上使用 ReLU、丢弃法、重叠池化与 GPU",
        "idea.nin_paper": "mlpconv 层（带 ReLU 的 1×1 卷积）与全局平均池化",
        "idea.vgg16": "用堆叠的 3×3 卷积加深网络",
        "idea.googlenet": "带 1×1 降维的 Inception 模块",
        "idea.resnet50": "使用恒等捷径连接的残差学习",
        "output": "输出", "conv": "卷积", "max_pool": "最大池化",
        "avg_pool": "平均池化", "adaptive_avg_pool": "自适应平均池化",
        "adaptive_max_pool": "自适应最大池化", "fc": "全连接",
        "blocks": "{n} 个 {kind}", "branches": "分支 {channels}", "concat": "按通道拼接",
        "add": "相加", "identity": "恒等映射", "shortcut": "捷径连接", "main_path": "主路径",
        "what": "作用", "shape": "输出 (C × H × W)",
        "network_title": "{name}：每一步及其输出形状",
        "block_title": "{name} 的 {block}：各分支及其输出形状",
        "dropped": "不在任何窗口中：被丢弃", "pad_title": "F.pad(x, {pad})：{sides}",
        "left": "左", "right": "右", "top": "上", "bottom": "下",
        "pool_title": "max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})",
        "conv1x1_title": "1×1 卷积：输入 {c_in} 个通道，输出 {c_out} 个通道",
        "weight": "权重 {shape}", "mix": "每个输出通道 = 同一像素上 {c_in} 个输入通道的加权和",
        "in_channels": "输入通道", "out_channels": "输出通道",
        "conv_window_title": "conv2d(x, 卷积核 {k}×{k}, stride={s}, dilation={d})：前两个窗口",
        "overlap": "两个窗口共有",
        "groups_title": "groups={g}：输入 {c_in} 个通道，输出 {c_out} 个；每个输出只看本组",
        "train_progress": "第 {epoch}/{epochs} 轮  损失 {loss:.4f}  训练集 {train:.1%}  测试集 {test:.1%}（{seconds:.1f} 秒）",
    },
}


# The notes of the published figures (``Figure.note`` in cnnref/models) that the results table of
# cnnref.comparison shows, in each language other than English (the registry's own).
FIGURE_NOTES: dict[str, dict[str, str]] = {
    "zh": {
        "MNIST test set, one network": "MNIST 测试集，单个网络",
        "MNIST test set, one network trained on distorted images too": "MNIST 测试集，单个网络，训练时也用了形变的图像",
        "ILSVRC-2010 test set, one CNN, 10 crops": "ILSVRC-2010 测试集，单个 CNN，10 个裁剪区域",
        "ILSVRC-2012 validation set, one CNN, 10 crops": "ILSVRC-2012 验证集，单个 CNN，10 个裁剪区域",
        "ILSVRC-2012 test set, an ensemble of 7 CNNs, 2 of them pre-trained on ImageNet Fall 2011":
            "ILSVRC-2012 测试集，7 个 CNN 的集成，其中 2 个在 ImageNet Fall 2011 上预训练",
        "CIFAR-10 test set, NIN + Dropout": "CIFAR-10 测试集，NIN + 丢弃法",
        "CIFAR-10 test set, NIN + Dropout + Augmentation": "CIFAR-10 测试集，NIN + 丢弃法 + 数据增强",
        "ILSVRC-2012 validation set, one network, dense evaluation at 3 scales":
            "ILSVRC-2012 验证集，单个网络，在 3 个尺度上密集评估",
        "ILSVRC-2014 test set, the submitted ensemble of 7 networks": "ILSVRC-2014 测试集，提交的 7 个网络的集成",
        "ILSVRC-2014 test set, an ensemble of 2 networks (D and E)": "ILSVRC-2014 测试集，2 个网络（D 和 E）的集成",
        "ILSVRC-2014 validation set, one model, one crop": "ILSVRC-2014 验证集，单个模型，单个裁剪区域",
        "ILSVRC-2014 validation set, one model, 144 crops": "ILSVRC-2014 验证集，单个模型，144 个裁剪区域",
        "ILSVRC-2014 test set, an ensemble of 7 models, 144 crops each":
            "ILSVRC-2014 测试集，7 个模型的集成，每个 144 个裁剪区域",
        "ILSVRC-2012 validation set, one model, 10 crops": "ILSVRC-2012 验证集，单个模型，10 个裁剪区域",
        "ILSVRC-2012 validation set, one model, fully convolutional at 5 scales":
            "ILSVRC-2012 验证集，单个模型，全卷积形式，5 个尺度",
    },
}


def analysis_text(lang: object) -> dict[str, str]:
    """The strings of the analysis, the comparison and the diagrams in ``lang``.

    分析、对比与结构图所用的文字（``lang`` 语言）。

    Args:
        lang: one of ``LANGUAGES``.

    Returns:
        The table of ``ANALYSIS_TEXT`` for that language.

    Raises:
        ValueError: ``lang`` is not one of ``LANGUAGES``.

    >>> from cnnref.i18n import analysis_text
    >>> analysis_text("zh")["parameters"]
    '参数量'
    """
    return ANALYSIS_TEXT[check_lang(lang)]


# --------------------------------------------------------------------------- site (captions, provenance, API)

# The words the build adds to a page (cnnref.site): the caption under each generated picture
# and the provenance line at the end of every page, the notebook link at the top of every page and
# the notes of its notebook (cnnref.site.notebook). The API reference's section headings
# ("Examples" / "示例") are mkdocstrings' own translations, chosen by the page's language.
SITE_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "caption.network": "{name} 的结构图：由 cnnref 中的真实模型在构建本站时画出，每一步右侧是它的输出形状。",
        "caption.block": "{name} 中 {block} 的各个分支：由真实模型在构建本站时画出，每个方框的第二行是它的输出形状。",
        "caption.figure": "由 torch 算出，并在构建本站时画出。",
        "caption.plot": "由上方代码打印的表格在构建本站时画出；这些输出由测试套件逐字核对。",
        "provenance": "本页由 torch {torch} 与 cnnref {cnnref} 构建并验证 · 最后修改：{date}",
        "notebook.download": "下载 Jupyter 笔记本",
        "notebook.origin": "*本笔记本在构建本站时由网页 <{url}> 生成：正文与代码与网页一致，代码单元可依次运行。*",
        "notebook.generated": "*此处的内容（表格、图或 API 条目）在构建本站时生成，见[网页]({url})。*",
        "api.bases": "基类：",
    },
    "en": {
        "caption.network": "The structure of {name}, drawn from the real model in cnnref when this site is built; "
                           "the right column gives the output shape of each step.",
        "caption.block": "The branches of {block} in {name}, drawn from the real model when this site is built; "
                         "the second line of each box is its output shape.",
        "caption.figure": "Computed by torch and drawn when this site is built.",
        "caption.plot": "Drawn when this site is built from the table the code above printed; the test suite checks that output word for word.",
        "provenance": "Built and verified with torch {torch} and cnnref {cnnref} · Last changed: {date}",
        "notebook.download": "Download as a Jupyter notebook",
        "notebook.origin": "*This notebook was generated from the page <{url}> when the site was built: "
                           "the same text and code; run the code cells in order.*",
        "notebook.generated": "*The content here (a table, a figure or an API entry) is generated when the site is built: see [the page]({url}).*",
        "api.bases": "Bases:",
    },
}


# --------------------------------------------------------------------------- command line

#: The first line of ``cnnref summary``: the model's registry name and the input size.
SUMMARY_HEADER: dict[str, str] = {"en": "{name}  input {size}", "zh": "{name}  输入 {size}"}

#: What the command line prints instead of a character that the terminal's encoding lacks
#: (an ASCII-only terminal), for ``str.translate``.
ASCII_FALLBACK: dict[int, str] = str.maketrans(
    {"×": "x", "→": "->", "−": "-", "–": "-", "—": "--", "…": "...", "·": "*", "≥": ">=", "≤": "<=", "’": "'"}
)
