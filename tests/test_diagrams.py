import re
import xml.etree.ElementTree as ET

import pytest
import torch
from torch import nn

from cnnref.diagrams import (
    FIGURES,
    block_svg,
    conv1x1_svg,
    figure_svg,
    network_svg,
    pad_svg,
    pooling_svg,
)


def texts(svg: str) -> list[str]:
    """The text of every <text> element (the SVG must be well-formed XML)."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def assert_themeable(svg: str) -> None:
    """Text takes the page's colour and no colour is fixed on an element, so the picture
    reads on a light and on a dark page alike."""
    assert ".cnnref-svg text{fill:currentColor}" in svg
    assert not re.search(r'\s(fill|stroke|color)="', svg), "colours belong in the style sheet"


# Per network: labels that must appear, in each language. The shapes are those of the
# real models (checked against torchvision elsewhere).
NETWORKS = {
    "lenet5_paper": (["c1", "c3", "f6", "EuclideanRBF", "6 × 28 × 28", "16 × 5 × 5", "120 × 1 × 1"], []),
    "alexnet": (["features.0", "classifier.6", "64 × 55 × 55", "256 × 6 × 6", "1000"], ["FC 4,096 → 1,000"]),
    "vgg16": (["features.28", "512 × 14 × 14", "512 × 7 × 7"], ["Conv 3×3, p=1 + ReLU"]),
    "googlenet": (["inception3a", "inception5b", "256 × 28 × 28", "1024 × 7 × 7"],
                  ["Inception: branches 64 + 128 + 32 + 32"]),
    "resnet50": (["layer1", "layer4", "256 × 56 × 56", "2048 × 7 × 7"], ["3 × Bottleneck", "6 × Bottleneck"]),
}
ZH_WORDS = {"alexnet": ["全连接 4,096 → 1,000"], "vgg16": ["卷积 3×3, p=1 + ReLU"],
            "googlenet": ["Inception: 分支 64 + 128 + 32 + 32"], "resnet50": ["3 个 Bottleneck", "6 个 Bottleneck"],
            "lenet5_paper": []}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_network_diagram_shows_every_stage_with_its_output_shape(name, lang):
    svg = network_svg(name, lang=lang)
    labels = texts(svg)
    common, english = NETWORKS[name]
    for label in common + (english if lang == "en" else ZH_WORDS[name]):
        assert label in labels, f"{label!r} missing from the {name} diagram ({lang})"
    assert ("输入" if lang == "zh" else "Input") in labels
    assert_themeable(svg)


def test_network_diagram_has_one_box_per_step_in_order():
    labels = texts(network_svg("lenet5_tutorial", lang="en"))
    names = [t for t in labels if t in ("conv1", "pool", "conv2", "fc1", "fc2", "fc3")]
    assert names == ["conv1", "pool", "conv2", "pool", "fc1", "fc2", "fc3"]  # pool runs twice
    assert "Conv 5×5 + ReLU" in labels and "FC 84 → 10" in labels


def test_inception_module_is_drawn_as_four_branches_and_a_concatenation():
    labels = texts(block_svg("googlenet", "inception3a", lang="en"))
    assert [t for t in labels if t.startswith("branch")] == ["branch1", "branch2", "branch3", "branch4"]
    # torchvision's "5×5" branch has a 3×3 convolution: the picture shows the real model.
    assert labels.count("Conv 3×3, p=1 + BN + ReLU") == 2
    assert "Max pool 3×3, s=1, p=1, ceil_mode" in labels
    assert "Concatenate channels" in labels and labels[-1] == "256 × 28 × 28"
    paper = texts(block_svg("googlenet_paper", "inception3a", lang="zh"))
    assert "卷积 5×5, p=2 + ReLU" in paper and "按通道拼接" in paper


@pytest.mark.parametrize("lang, shortcut, identity", [("en", "Shortcut", "Identity mapping"), ("zh", "捷径连接", "恒等映射")])
def test_residual_block_is_drawn_as_main_path_and_shortcut(lang, shortcut, identity):
    projection = texts(block_svg("resnet50", "layer2.0", lang=lang))
    assert shortcut in projection and identity not in projection
    assert any(t.endswith("1×1, s=2 + BN") for t in projection)  # the projection shortcut
    assert projection[-1] == "512 × 28 × 28"
    plain = texts(block_svg("resnet18", "layer1.1", lang=lang))
    assert identity in plain
    assert plain.count("64 × 56 × 56") == 4  # input, two convolutions, output


def test_block_must_exist():
    with pytest.raises(ValueError, match="no module named 'layer9' runs in this model"):
        block_svg("resnet18", "layer9")


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'zh'; got 'fr'"):
        network_svg("alexnet", lang="fr")


def test_pooling_figure_shows_both_rounding_modes_with_torch_values():
    labels = texts(pooling_svg(lang="en"))
    assert "max_pool2d(x, kernel_size=2, stride=2, ceil_mode=False)" in labels
    assert "max_pool2d(x, kernel_size=2, stride=2, ceil_mode=True)" in labels
    assert "Output (1, 1)" in labels and "Output (2, 2)" in labels
    assert labels.count("in no window: dropped") == 1  # only without ceil_mode
    # Input grid, then output: [[5]] without ceil_mode, [[5, 7], [9, 8]] with it.
    numbers = [t for t in labels if t.isdigit()]
    assert numbers == ["3", "1", "4", "2", "5", "7", "9", "6", "8", "5"] + ["3", "1", "4", "2", "5", "7", "9", "6", "8", "5", "7", "9", "8"]
    assert "不在任何窗口中：被丢弃" in texts(pooling_svg(lang="zh"))


def test_pad_figure_puts_each_side_where_f_pad_puts_it():
    svg = pad_svg((1, 2, 3, 4), lang="en")
    labels = texts(svg)
    assert ["left 1", "right 2", "top 3", "bottom 4"] == [t for t in labels if re.fullmatch(r"(left|right|top|bottom) \d", t)]
    assert "Output (9, 5)" in labels
    assert [t for t in labels if t.isdigit()].count("1") == 4  # the 2×2 input inside 41 zeros
    assert svg.count('class="box pad"') == 9 * 5 - 4
    with pytest.raises(ValueError, match=r"pad must be \(left, right, top, bottom\)"):
        pad_svg((1, 1))


def test_conv1x1_figure_reads_the_weight_shape_from_nn_conv2d():
    labels = texts(conv1x1_svg(4, 1, lang="zh"))
    assert "权重 (1, 4, 1, 1)" in labels
    assert [t for t in labels if re.fullmatch(r"c\d", t)] == ["c1", "c2", "c3", "c4", "c1"]
    assert conv1x1_svg(3, 2, lang="en").count("<polyline") >= 3 * 2  # every input to every output


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_is_well_formed_non_empty_and_themeable(name, lang):
    svg = figure_svg(name, lang=lang)
    assert len(texts(svg)) > 3
    assert_themeable(svg)
    with pytest.raises(ValueError, match="unknown figure 'nosuch'"):
        figure_svg("nosuch")


def test_diagrams_need_no_weights():
    with torch.device("meta"):
        from cnnref.models import resnet152

        model = resnet152()
    assert "2048 × 7 × 7" in network_svg(model, (1, 3, 224, 224))


def test_line_chart_is_valid_svg_with_one_line_per_series_and_round_ticks():
    from cnnref.diagrams.chart import _ticks, line_chart

    svg = line_chart("epoch", [1, 2, 3], {"train": [0.31, 0.8, 0.9], "test": [0.6, 0.85, 0.89]})
    root = ET.fromstring(svg)
    lines = [e for e in root.iter() if e.tag.endswith("polyline") and "stroke-width:2" in e.get("style", "")]
    assert len(lines) == 2 and all(len(e.get("points").split()) == 3 for e in lines)
    assert _ticks(0.31, 0.9, log=False) == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    assert _ticks(2e-5, 0.5, log=True) == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0]


@pytest.mark.parametrize("x, series, message", [
    ([1, 2], {}, "a chart draws 1 to 4 series, got 0"),
    ([1, 2], {"a": [1.0]}, "each series needs one value per x"),
    ([1], {"a": [1.0]}, "at least 2"),
])
def test_line_chart_refuses_what_it_cannot_draw(x, series, message):
    from cnnref.diagrams.chart import line_chart

    with pytest.raises(ValueError, match=message):
        line_chart("x", x, series)
