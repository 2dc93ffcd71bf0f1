import pytest

from cnnref.analysis import complexity
from cnnref.comparison import NETWORKS, OTHER_DEPTHS, compare, format_comparison, totals_lines
from cnnref.i18n import ANALYSIS_TEXT, LANGUAGES
from cnnref.tables import display_width

# Depths the papers quote: LeNet-5 counted as conv + FC layers (C1, C3, C5, F6), AlexNet 8,
# VGG-16 16, GoogLeNet 22 ("22 layers deep when counting only layers with parameters"), ResNet-50 50;
# NiN 9: three mlpconv layers of three convolutions each.
DEPTHS = {"LeNet-5": 4, "AlexNet": 8, "NiN": 9, "VGG-16": 16, "GoogLeNet": 22, "ResNet-50": 50,
          "VGG-11": 11, "VGG-13": 13, "VGG-19": 19, "ResNet-18": 18, "ResNet-34": 34,
          "ResNet-101": 101, "ResNet-152": 152}


def test_depths_match_the_names_and_papers():
    rows = compare(NETWORKS + OTHER_DEPTHS)
    assert {r.network.title: r.depth for r in rows} == DEPTHS


def test_rows_carry_the_published_figures():
    rows = {r.network.title: r for r in compare()}
    assert rows["AlexNet"].complexity.parameters == 61_100_840
    assert round(rows["VGG-16"].complexity.macs / 1e9, 2) == 15.47
    assert round(rows["GoogLeNet"].complexity.macs / 1e9, 3) == 1.498
    assert rows["ResNet-50"].complexity.flops == 2 * rows["ResNet-50"].complexity.macs
    assert rows["AlexNet"].min_size == (63, 63)


def test_every_network_has_an_idea_in_every_language():
    ideas = {key for key in ANALYSIS_TEXT["en"] if key.startswith("idea.")}
    assert ideas == {f"idea.{name}" for name in NETWORKS}  # no idea without its network
    assert all(ANALYSIS_TEXT[lang][idea] for lang in LANGUAGES for idea in ideas)


def test_the_other_depths_leave_the_idea_empty():
    row = format_comparison(compare(OTHER_DEPTHS[:1]), lang="zh").splitlines()[2]
    assert row == "| VGG-11 | 2015 | 11 | 132,863,336 | 7.609 G | 15.218 G | 3×224×224 | 32×32 |  |"


def test_terminal_comparison_lines_up_in_chinese():
    lines = format_comparison(compare(NETWORKS[:3]), lang="zh", style="text").splitlines()
    # The key idea starts in the same terminal column on every line.
    starts = {display_width(line[: line.index(idea)]) for line, idea in zip(lines, ["核心思想", "权重", "在", "mlpconv"])}
    assert len(starts) == 1, "\n".join(lines)


def test_markdown_table_in_both_languages():
    rows = compare(NETWORKS[:2])
    en = format_comparison(rows, lang="en").splitlines()
    zh = format_comparison(rows, lang="zh").splitlines()
    assert en[0].startswith("| Network | Published | Depth |") and zh[0].startswith("| 网络 | 发表年份 | 深度 |")
    assert en[3] == ("| AlexNet | 2012 | 8 | 61,100,840 | 714.188 M | 1.428 G | 3×224×224 | 63×63 | "
                     "ReLU, dropout, overlapping pooling and GPUs at ImageNet scale |")


@pytest.mark.parametrize("kwargs, message", [({"lang": "de"}, "lang must be"), ({"style": "csv"}, "style must be")])
def test_rendering_rejects_unknown_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        format_comparison([], **kwargs)


def test_totals_lines_in_chinese():
    lines = totals_lines(complexity("alexnet"), lang="zh")
    assert lines[0] == "参数量：61,100,840（可训练 61,100,840）"
    assert lines[2].startswith("浮点运算（FLOPs）：1,428,376,960（1.428 G；")
