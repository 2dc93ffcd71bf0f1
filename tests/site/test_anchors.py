import pytest

from cnnref.site.anchors import shared_anchors


def slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def test_headings_without_an_id_take_the_twins_anchor_code_is_left_alone():
    zh = ["# 标题", "```python", "# 不是标题", "```", "    ```", "    # 也不是", "    ```", "## 小节 {.note}"]
    en = ["# Title", "## Part two"]
    assert shared_anchors(zh, en, slugify=slug) == [
        "# 标题 {#title}", "```python", "# 不是标题", "```", "    ```", "    # 也不是", "    ```",
        "## 小节 {#part-two .note}",
    ]


def test_an_explicit_id_is_kept_and_the_twins_explicit_id_is_used():
    assert shared_anchors(["## 甲 {#a}", "## 乙"], ["## A {#alpha}", "## B {#beta}"], slugify=slug) == [
        "## 甲 {#a}", "## 乙 {#beta}",
    ]


def test_twins_with_different_headings_are_refused():
    with pytest.raises(ValueError, match="the zh page has 2 headings and its en twin 1"):
        shared_anchors(["# 甲", "## 乙"], ["# A"], slugify=slug)
