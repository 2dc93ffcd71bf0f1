"""The same section anchors in both languages: a zh heading without an explicit id takes the
anchor of the heading at the same place in its en twin (the twins are translations with the
same headings in the same order), so ``#padding`` means the same section on both pages and
the language switcher can keep it.

两种语言使用相同的小节锚点：没有显式 id 的中文标题，取英文对应页面同一位置标题的锚点。

Examples:
    >>> from cnnref.site.anchors import shared_anchors
    >>> zh = ["# 最大池化", "", "## 填充 {#padding}", "```python", "# 注释", "```", "## 小结"]
    >>> en = ["# Max pooling", "", "## Padding {#padding}", "## Summary"]
    >>> shared_anchors(zh, en, slugify=lambda text: text.lower().replace(" ", "-"))
    ['# 最大池化 {#max-pooling}', '', '## 填充 {#padding}', '```python', '# 注释', '```', '## 小结 {#summary}']
"""

from __future__ import annotations

import re
from collections.abc import Callable

_HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")
#: The opening or closing line of a fenced code block (its backticks or tildes as group 1).
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ID = re.compile(r"#(?P<id>[\w-]+)")


def _headings(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """``(line index, match)`` of every ATX heading outside fenced code."""
    found, fence = [], None
    for i, line in enumerate(lines):
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)
            continue
        match = None if fence else _HEADING.match(line)
        if match:
            found.append((i, match))
    return found


def _anchor(match: re.Match[str], slugify: Callable[[str], str]) -> str:
    explicit = _ID.search(match["attrs"] or "")
    return explicit["id"] if explicit else slugify(match["text"])


def shared_anchors(zh: list[str], en: list[str], *, slugify: Callable[[str], str]) -> list[str]:
    """The zh lines with ``{#id}`` added to each heading that has no id of its own;
    ``slugify`` turns an en heading into its anchor, as the table of contents does.

    Raises:
        ValueError: the twins do not have the same number of headings.
    """
    zh_headings, en_headings = _headings(zh), _headings(en)
    if len(zh_headings) != len(en_headings):
        raise ValueError(f"the zh page has {len(zh_headings)} headings and its en twin {len(en_headings)}")
    lines = list(zh)
    for (i, match), (_, twin) in zip(zh_headings, en_headings):
        if not _ID.search(match["attrs"] or ""):
            attrs = f" {{#{_anchor(twin, slugify)}{' ' + match['attrs'] if match['attrs'] else ''}}}"
            lines[i] = f"{match['marks']} {match['text']}{attrs}"
    return lines
