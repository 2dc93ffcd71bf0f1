"""MkDocs build hooks: expand ``<!-- cnnref:layer-table ... -->`` markers into the
per-layer table of the real model, with headers in the page's language.

MkDocs 构建钩子：把页面中的 ``<!-- cnnref:layer-table ... -->`` 标记展开为真实模型的逐层表，
表头使用页面的语言。

Marker syntax (the input size defaults to the model's documented one)::

    <!-- cnnref:layer-table alexnet input=1,3,224,224 depth=2 -->

Each table is computed once per build and shared by the zh and en pages.
"""

from __future__ import annotations

import functools
import re

from mkdocs.exceptions import PluginError

from cnnref.analysis import Complexity, LayerRow, complexity, format_layer_table, layer_table

MARKER = re.compile(r"<!--\s*cnnref:layer-table\s+(?P<args>[^>]*?)\s*-->")


def parse_marker(args: str) -> tuple[str, tuple[int, ...] | None, int]:
    """``"alexnet input=1,3,224,224 depth=2"`` → ``("alexnet", (1, 3, 224, 224), 2)``.

    >>> from cnnref.mkdocs_hooks import parse_marker
    >>> parse_marker("alexnet input=1,3,227,227 depth=2")
    ('alexnet', (1, 3, 227, 227), 2)
    """
    name, *options = args.split()
    values = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in ("input", "depth"):
            raise ValueError(f"bad option {option!r} in layer-table marker; allowed: input=N,C,H,W depth=N")
        values[key] = value
    size = tuple(int(v) for v in values["input"].split(",")) if "input" in values else None
    return name, size, int(values.get("depth", 1))


@functools.lru_cache(maxsize=None)
def _table(name: str, size: tuple[int, ...] | None, depth: int) -> tuple[list[LayerRow], Complexity]:
    return layer_table(name, size, depth), complexity(name, size)


def _language(page) -> str:
    """``zh`` or ``en`` from the page's suffix (``x.zh.md``)."""
    match = re.search(r"\.(zh|en)\.md$", page.file.src_uri)
    return match.group(1) if match else "zh"


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Replace every layer-table marker of the page."""

    def expand(match: re.Match) -> str:
        try:
            rows, total = _table(*parse_marker(match.group("args")))
        except (ValueError, TypeError) as error:
            raise PluginError(f"{page.file.src_uri}: {match.group(0)}: {error}") from error
        return format_layer_table(rows, total, lang=_language(page))

    return MARKER.sub(expand, markdown)
