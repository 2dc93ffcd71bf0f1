import pytest

from cnnref.site.bilingual import language_of, one_language


@pytest.mark.parametrize("text, lang", [
    ("The paper says 224.", "en"),
    ("论文写的是 224。", "zh"),
    ("Network In Network（Lin、Chen 与 Yan，ICLR 2014）：论文中的网络。", "zh"),
    ('draws each line break as a space ("平均 池化") in the browser', "en"),
    ("$$n + 2p$$ 3×3", None),
    ("``nn.Conv2d(3, 8, 3)``", None),
])
def test_language_of(text, lang):
    assert language_of(text) == lang


PARAGRAPHS = "The paper's network has LRN.\nIts kernels are 96/256.\n论文原版有 LRN 和双 GPU 分组。\n\nMore English text here."


def test_a_chinese_line_under_an_english_paragraph_and_a_later_english_paragraph():
    assert one_language(PARAGRAPHS, "zh") == "论文原版有 LRN 和双 GPU 分组。"
    assert one_language(PARAGRAPHS, "en") == "The paper's network has LRN.\nIts kernels are 96/256.\n\nMore English text here."


def test_list_items_keep_their_markers_and_code_spans_are_never_cut():
    text = "1. create ``[H, W]``; 创建 ``[H, W]``；\n2. at each position,\n   sum; 在每个位置上求和；"
    assert one_language(text, "zh") == "1. 创建 ``[H, W]``；\n2. 在每个位置上求和；"
    assert one_language(text, "en") == "1. create ``[H, W]``;\n2. at each position,\n   sum;"


def test_code_and_math_stay_and_a_table_goes_whole():
    text = "Usage:\n\n    cnnref list\n\n$$k = 3$$\n\n| marker | becomes |\n| --- | --- |\n| `x` | a table |\n\n用法。"
    assert one_language(text, "zh") == "    cnnref list\n\n$$k = 3$$\n\n用法。"
    assert one_language(text, "en") == "Usage:\n\n    cnnref list\n\n$$k = 3$$\n\n| marker | becomes |\n| --- | --- |\n| `x` | a table |"


@pytest.mark.parametrize("text", ["English only, twice.\n\nStill English.", "只有中文。", "Mixed code ``平均 池化`` only."])
def test_a_section_in_one_language_is_left_alone(text):
    assert one_language(text, "zh") == one_language(text, "en") == text


def test_a_bad_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        one_language("Text. 文字。", "fr")
