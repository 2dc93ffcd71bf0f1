import re

import pytest

from cnnref.analysis import complexity
from cnnref.comparison import (
    NETWORKS, OTHER_DEPTHS, PAPER_VERSIONS, Row, compare, format_comparison, format_results, format_torchvision_results,
    published_results, totals_lines,
)
from cnnref.i18n import ANALYSIS_TEXT, FIGURE_NOTES, LANGUAGES
from cnnref.models import model_info
from cnnref.tables import display_width

# Depths the papers quote: LeNet-5 counted as conv + FC layers (C1, C3, C5, F6), AlexNet 8,
# VGG-16 16, GoogLeNet 22 ("22 layers deep when counting only layers with parameters"), ResNet-50 50;
# NiN 9: three mlpconv layers of three convolutions each.
DEPTHS = {"LeNet-5": 4, "AlexNet": 8, "NiN": 9, "VGG-16": 16, "GoogLeNet": 22, "ResNet-50": 50,
          "VGG-11": 11, "VGG-13": 13, "VGG-19": 19, "ResNet-18": 18, "ResNet-34": 34,
          "ResNet-101": 101, "ResNet-152": 152}


def table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    """``compare()``, computed once: each row is its network's alone, and frozen."""
    return compare()


@pytest.fixture(scope="module")
def other_rows() -> list[Row]:
    return compare(OTHER_DEPTHS)


def test_depths_match_the_names_and_papers(rows, other_rows):
    assert {r.network.title: r.depth for r in rows + other_rows} == DEPTHS


def test_rows_carry_the_published_figures(rows):
    rows = {r.network.title: r for r in rows}
    assert rows["AlexNet"].complexity.parameters == 61_100_840
    assert round(rows["VGG-16"].complexity.macs / 1e9, 2) == 15.47
    assert round(rows["GoogLeNet"].complexity.macs / 1e9, 3) == 1.498
    assert rows["ResNet-50"].complexity.flops == 2 * rows["ResNet-50"].complexity.macs
    assert rows["AlexNet"].min_size == (63, 63)


def test_every_network_has_an_idea_in_every_language():
    ideas = {key for key in ANALYSIS_TEXT["en"] if key.startswith("idea.")}
    assert ideas == {f"idea.{name}" for name in NETWORKS}  # no idea without its network
    assert all(ANALYSIS_TEXT[lang][idea] for lang in LANGUAGES for idea in ideas)


def test_markdown_table_in_both_languages_then_the_ideas(rows):
    en = format_comparison(rows[:2], lang="en").splitlines()
    zh = format_comparison(rows[:2], lang="zh").splitlines()
    assert en[0] == "| Network | Depth | Parameters | MACs |"
    assert zh[0] == "| 网络 | 深度 | 参数量 | 乘加次数（MACs） |"
    assert en[2:4] == ["| **LeNet-5**<br>paper (1998) | 4 | 60,000 | 325.680 K |",
                       "| **AlexNet**<br>torchvision (2012) | 8 | 61,100,840 | 714.188 M |"]
    assert zh[2].startswith("| **LeNet-5**<br>论文（1998） | 4 |")
    assert en[4] == "" and en[6] == ("- **AlexNet** (`alexnet`): ReLU, dropout, overlapping pooling and GPUs at "
                                     "ImageNet scale; input 3×224×224, at least 63×63.")
    assert zh[5] == "- **LeNet-5**（`lenet5_paper`）：权重共享的卷积与下采样，端到端训练；输入 1×32×32，最小 32×32。"


def test_each_row_is_labelled_with_the_registry_source(rows):
    cells = [line.split(" | ")[0].split("<br>")[1] for line in table_lines(format_comparison(rows))[2:]]
    assert cells == [f"{r.network.source} ({r.network.paper.year})" for r in rows]
    assert {r.network.source for r in rows} == {"paper", "torchvision"}


@pytest.mark.parametrize("table, columns", [
    (lambda rows, lang: format_comparison(rows, lang=lang), 4),
    (lambda rows, lang: format_results(published_results(), lang=lang), 3),
    (lambda rows, lang: format_torchvision_results(lang=lang), 3),
])
def test_the_page_tables_are_narrow(table, columns, rows):
    # Material gives a table column at least 5rem (100 px): four columns show on a phone (390 px)
    # without scrolling, or nearly, and the 720 px column at 1280 px holds them with room to spare.
    # The long text (key ideas, what was evaluated) is under the table or under the name.
    for lang in LANGUAGES:
        for line in table_lines(table(rows, lang)):
            assert len(line.strip("|").split(" | ")) == columns, line


def test_the_other_depths_are_only_the_other_depths_and_get_no_idea_line(other_rows):
    text = format_comparison(other_rows, lang="zh")
    assert text == "\n".join(table_lines(text))
    assert text.splitlines()[2] == "| **VGG-11**<br>torchvision（2015） | 11 | 132,863,336 | 7.609 G |"
    assert [line.split("<br>")[0].strip("|* ") for line in text.splitlines()[2:]] == [
        model_info(name).title for name in OTHER_DEPTHS]


def test_terminal_comparison_lines_up_in_chinese(rows):
    text = format_comparison(rows[:3], lang="zh", style="text")
    table = text.split("\n\n")[0].splitlines()
    # Right-aligned last column: every line of the table ends in the same terminal column.
    assert len({display_width(line) for line in table}) == 1, text


@pytest.mark.parametrize("kwargs, message", [({"lang": "de"}, "lang must be"), ({"style": "csv"}, "style must be")])
def test_rendering_rejects_unknown_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        format_comparison([], **kwargs)
    with pytest.raises(ValueError, match=message):
        format_results([], **kwargs)
    with pytest.raises(ValueError, match=message):
        format_torchvision_results(**kwargs)


def test_totals_lines_in_chinese():
    lines = totals_lines(complexity("alexnet"), lang="zh")
    assert lines[0] == "参数量：61,100,840（可训练 61,100,840）"
    assert lines[2].startswith("浮点运算（FLOPs）：1,428,376,960（1.428 G；")


# --------------------------------------------------------------------------- results


def test_the_paper_versions_are_the_networks_of_the_comparison():
    assert [model_info(name).paper for name in PAPER_VERSIONS] == [model_info(name).paper for name in NETWORKS]
    assert {model_info(name).source for name in PAPER_VERSIONS} == {"paper"}


def test_every_network_has_a_published_single_model_result():
    results = published_results()
    assert {r.network.name for r in results} == set(PAPER_VERSIONS)
    single = {r.network.name for r in results if "ensemble" not in r.evaluation}
    assert single == set(PAPER_VERSIONS)


@pytest.mark.parametrize("name, top5", [("alexnet_paper", 15.3), ("googlenet_paper", 6.67), ("vgg_d_paper", 7.3)])
def test_the_headline_ensembles_are_marked_as_such(name, top5):
    (result,) = [r for r in published_results((name,)) if r.top5_error == top5]
    assert "ensemble of 7" in result.evaluation


def test_a_row_joins_the_top1_and_top5_of_one_evaluation():
    rows = format_results(published_results(("resnet50_paper",)), style="text").splitlines()
    assert [line.split()[1:3] for line in rows[1:]] == [["22.85%", "6.71%"], ["20.74%", "5.25%"]]
    assert "one model, 10 crops " in rows[1] and rows[1].endswith("Table 3") and rows[2].endswith("Table 4")


def test_every_note_is_translated_with_the_same_numbers():
    notes = {f.note for name in PAPER_VERSIONS for f in model_info(name).figures if "error" in f.metric}
    for lang in set(LANGUAGES) - {"en"}:
        assert set(FIGURE_NOTES[lang]) == notes  # none missing, none left over
        for note, translated in FIGURE_NOTES[lang].items():
            assert re.findall(r"\d+", note) == re.findall(r"\d+", translated), (note, translated)


def test_results_in_chinese_translate_the_notes_and_the_sources():
    zh = table_lines(format_results(published_results(("lenet5_paper",)), lang="zh"))
    assert zh[0] == "| 网络 | top-1 错误率 | top-5 错误率 |"
    assert zh[2] == "| **LeNet-5**<br>MNIST 测试集，单个网络（第 III.B 节） | 0.95% | — |"


def test_a_note_without_a_translation_is_refused_by_name(monkeypatch):
    monkeypatch.setitem(FIGURE_NOTES, "zh", {})
    with pytest.raises(ValueError, match=r"no zh translation of the figure note 'MNIST test set, one network'; add it to"):
        format_results(published_results(("lenet5_paper",)), lang="zh")


def test_the_torchvision_accuracies_are_the_registry_figures():
    # tests/models/test_torchvision.py checks these figures against torchvision's own weights metadata.
    rows = table_lines(format_torchvision_results())[2:]
    shipped = [name for name in NETWORKS if model_info(name).source == "torchvision"]
    assert [row.split(" | ")[0].split("<br>")[1] for row in rows] == [f"`{name}`" for name in shipped]
    for row, name in zip(rows, shipped):
        info = model_info(name)
        assert row.endswith(f"| {info.figure('acc@1').value}% | {info.figure('acc@5').value}% |")
