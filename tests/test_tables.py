import pytest

from cnnref.tables import display_width, render_table


@pytest.mark.parametrize("text, width", [("", 0), ("MACs", 4), ("参数量", 6), ("（MACs）", 8), ("e\u0301", 1), ("×", 1)])
def test_display_width_counts_terminal_columns(text, width):
    assert display_width(text) == width


def test_markdown_has_an_alignment_row_and_keeps_empty_cells():
    table = render_table(("a", "n"), [("x", "1"), ("", "")], "lr").splitlines()
    assert table == ["| a | n |", "| --- | ---: |", "| x | 1 |", "|  |  |"]


def test_text_aligns_by_display_width():
    lines = render_table(("层", "参数量", "x"), [("conv1", "156", "a"), ("合计", "61,706", "")], "lrl", style="text")
    assert lines.splitlines() == ["层     参数量  x", "conv1     156  a", "合计   61,706"]
    assert {display_width(line) for line in lines.splitlines()[:2]} == {16}  # "层" is two columns wide


@pytest.mark.parametrize("args, kwargs, message", [
    ((("a",), [("x",)], "l"), {"style": "html"}, r"style must be one of 'markdown', 'text'; got 'html'"),
    ((("a", "b"), [("x", "y")], "l"), {}, r"align must have one 'l' or 'r' per column \(2\), got 'l'"),
    ((("a",), [("x",)], "c"), {}, r"align must have one 'l' or 'r' per column"),
    ((("a", "b"), [("x",)], "ll"), {}, r"every row must have 2 cells, got 1: \('x',\)"),
])
def test_bad_tables_are_refused(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_table(*args, **kwargs)
