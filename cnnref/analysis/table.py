"""The per-layer table of a model, from the tracer, and its rendering for pages and terminals.

模型的逐层表（由追踪器得出），以及为页面和终端渲染它。
"""

from __future__ import annotations

from dataclasses import dataclass

from cnnref.analysis.counts import Complexity
from cnnref.analysis.inputs import ModelLike
from cnnref.analysis.tracing import trace
from cnnref.i18n import analysis_text
from cnnref.tables import render_table


@dataclass(frozen=True)
class LayerRow:
    """One row of a per-layer table: one call of a module (``name`` its qualified name).

    逐层表中的一行：对某个模块的一次调用（``name`` 是模块的限定名）。
    """

    name: str
    kind: str
    depth: int
    output_shape: tuple[int, ...]
    parameters: int
    macs: int


def layer_table(model: ModelLike, input_size: object = None, depth: int = 1) -> list[LayerRow]:
    """The per-layer table, one row per module call in execution order, down to ``depth``
    levels of nesting.

    A row's parameters and MACs include those of the layers nested in it. A module called
    twice has two rows, each with the MACs of its own call; a parameter is counted in the
    first row of each level that uses it, so the top-level rows add up to ``complexity``'s
    totals (when every parameter and multiply-add is inside a child of the model). Shapes, parameters and MACs come from one traced pass (``trace``) on the model's
    device: on ``meta`` for a name, so a large input costs no memory. The global random state
    is left alone.

    逐层表：每次模块调用一行，按执行顺序，最多 ``depth`` 层嵌套。被调用两次的模块占两行，各有
    自己那次调用的 MACs；参数计在每个层级中第一次使用它的那一行，因此顶层各行之和等于
    ``complexity`` 的合计（前提是所有参数与乘加都在模型的子模块中）。

    Args:
        model: an ``nn.Module`` or a registry name.
        input_size: the full input size, batch first (see ``resolve``).
        depth: how many levels of nesting to show, at least 1.

    Returns:
        The rows, in the order the calls started.

    Raises:
        ValueError: ``depth`` is not an int of at least 1, or a bad ``input_size``.

    >>> from cnnref.analysis import layer_table
    >>> row = layer_table("alexnet")[0]
    >>> row.name, row.output_shape
    ('features', (1, 256, 6, 6))
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 1:
        raise ValueError(f"depth must be an int >= 1, got {depth!r}")
    counted: dict[int, set[int]] = {}  # per level, the parameters a row has counted
    rows = []
    for call in trace(model, input_size):
        if call.functional or call.depth > depth:
            continue
        seen = counted.setdefault(call.depth, set())
        new = [p for p in call.module.parameters() if id(p) not in seen]
        seen.update(id(p) for p in new)
        rows.append(LayerRow(call.name, type(call.module).__name__, call.depth, call.output_shape,
                             sum(p.numel() for p in new), call.macs))
    return rows


def format_layer_table(rows: list[LayerRow], total: Complexity, lang: str = "en", style: str = "markdown") -> str:
    """Render rows as a Markdown table (for pages) or aligned text (for the terminal), with the
    words in ``lang``, an input row and a total row.

    把逐层表渲染为 Markdown 表格或对齐的文本，文字使用 ``lang`` 指定的语言。

    Args:
        rows: the rows of ``layer_table``.
        total: the model's ``complexity`` at the same input size.
        lang: a language of ``cnnref.i18n.LANGUAGES``.
        style: ``"markdown"`` or ``"text"``.

    Returns:
        The table.

    Raises:
        ValueError: an unknown ``lang`` or ``style``.

    >>> from cnnref.analysis import complexity, format_layer_table, layer_table
    >>> text = format_layer_table(layer_table("alexnet"), complexity("alexnet"), lang="zh")
    >>> text.splitlines()[0]
    '| 层 | 类型 | 输出形状 | 参数量 | 乘加次数（MACs） |'
    """
    t = analysis_text(lang)
    indent = "&emsp;" if style == "markdown" else "  "
    body = [(t["input_row"], "", str(total.input_size), "", "")]
    body += [
        (indent * (r.depth - 1) + (f"`{r.name}`" if style == "markdown" else r.name), r.kind, str(r.output_shape),
         f"{r.parameters:,}", f"{r.macs:,}")
        for r in rows
    ]
    body.append((t["total_row"], "", "", f"{total.parameters:,}", f"{total.macs:,}"))
    header = (t["layer"], t["type"], t["output_shape"], t["parameters"], t["macs"])
    return render_table(header, body, "lllrr", style=style)
