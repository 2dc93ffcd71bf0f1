"""The one table renderer of the package: Markdown for the pages, aligned text for the terminal.

Text columns are aligned by display width, not by the number of characters: a CJK character
(``unicodedata.east_asian_width`` "W" or "F") takes two terminal columns, so a ``--lang zh``
table lines up.

包内唯一的表格渲染器：页面用 Markdown，终端用对齐的文本。文本按显示宽度对齐（中日韩字符占
两列），因此中文表格在终端里也能对齐。

>>> from cnnref.tables import render_table
>>> print(render_table(("层", "参数量"), [("conv1", "156"), ("合计", "61,706")], "lr", style="text"))
层     参数量
conv1     156
合计   61,706
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["STYLES", "display_width", "render_table"]

STYLES: tuple[str, ...] = ("markdown", "text")


def display_width(text: str) -> int:
    """Terminal columns that ``text`` takes: two for a wide (CJK) character, none for a combining mark.

    ``text`` 在终端中占的列数：宽字符（中日韩）两列，组合符号零列。

    >>> from cnnref.tables import display_width
    >>> display_width("MACs"), display_width("乘加次数（MACs）")
    (4, 16)
    """
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


def _pad(text: str, width: int, align: str) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if align == "r" else text + fill


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str, *, style: str = "markdown") -> str:
    """A table as Markdown or as aligned text.

    把表格渲染为 Markdown 或对齐的文本。

    Args:
        header: the column headers.
        rows: the cells, one sequence per row, as many as there are headers.
        align: one letter per column, ``"l"`` (left) or ``"r"`` (right, for numbers).
        style: ``"markdown"`` (``| a | b |`` with an alignment row) or ``"text"`` (columns two
            spaces apart, padded to the widest cell by display width, trailing spaces removed).

    Returns:
        The table, lines joined by newlines, no newline at the end.

    Raises:
        ValueError: ``style`` is not one of ``STYLES``, or ``align`` or a row does not match the header.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(map(repr, STYLES))}; got {style!r}")
    if len(align) != len(header) or set(align) - {"l", "r"}:
        raise ValueError(f"align must have one 'l' or 'r' per column ({len(header)}), got {align!r}")
    bad = next((row for row in rows if len(row) != len(header)), None)
    if bad is not None:
        raise ValueError(f"every row must have {len(header)} cells, got {len(bad)}: {tuple(bad)!r}")
    if style == "markdown":
        rule = ["---:" if a == "r" else "---" for a in align]
        return "\n".join("| " + " | ".join(row) + " |" for row in [header, rule, *rows])
    table = [header, *rows]
    widths = [max(display_width(row[i]) for row in table) for i in range(len(header))]
    return "\n".join("  ".join(_pad(c, w, a) for c, w, a in zip(row, widths, align)).rstrip() for row in table)
