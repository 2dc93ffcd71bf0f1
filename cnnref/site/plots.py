"""The ``plot`` marker: a chart of the table that the ``>>>`` session just above it printed.

The numbers are the session's own output, which the test suite compares with what the code
prints, so the chart cannot show anything the code did not produce.

``plot`` 标记：把紧邻其上的 ``>>>`` 会话打印出的表格画成折线图。这些数字就是该会话的输出，测试会
把它与代码实际打印的内容逐字比较，因此图中不会出现代码没有算出的数字。

>>> from cnnref.site.plots import printed_table
>>> page = '''
... ```pycon
... >>> print("epoch  loss\\n    1  0.50\\n    2  0.25")
... epoch  loss
...     1  0.50
...     2  0.25
... ```
... '''
>>> printed_table(page)
{'epoch': [1.0, 2.0], 'loss': [0.5, 0.25]}
"""

from __future__ import annotations

import doctest
import re

SESSION = re.compile(r"^[ \t]*(`{3,})[ \t]*pycon[^\n]*\n(?P<body>.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
NUMBER = re.compile(r"^-?\d+(\.\d+)?(e[-+]?\d+)?$")  # as Python prints them: 1.31e+03


def _tables(output: str) -> list[dict[str, list[float]]]:
    """Every table in one printed output: a header of identifiers, then rows of numbers."""
    tables: list[dict[str, list[float]]] = []
    rows: list[list[float]] = []
    header: list[str] | None = None
    for line in output.splitlines() + [""]:
        words = line.split()
        if header and len(words) == len(header) and all(NUMBER.match(w) for w in words):
            rows.append([float(w) for w in words])
            continue
        if header and rows:
            tables.append({name: [row[i] for row in rows] for i, name in enumerate(header)})
        header, rows = (words if words and all(w.isidentifier() for w in words) else None), []
    return tables


def printed_table(before: str) -> dict[str, list[float]]:
    """The last table printed by the last ``pycon`` session in ``before`` (the page above a marker).

    Raises:
        ValueError: no session above, or it printed no table (a header row of identifiers, then
            rows with one number per column).
    """
    sessions = list(SESSION.finditer(before))
    if not sessions:
        raise ValueError("a plot marker must follow a ```pycon session that prints a table")
    body = "\n".join(line.strip() for line in sessions[-1]["body"].splitlines())
    tables = [t for example in doctest.DocTestParser().get_examples(body) for t in _tables(example.want)]
    if not tables:
        raise ValueError("the session above printed no table (a header of names, then rows of numbers)")
    return tables[-1]


def plot_svg(before: str, x: str, y: tuple[str, ...], log: bool = False) -> str:
    """The chart of columns ``y`` against ``x`` of the table printed above (see ``printed_table``).

    Raises:
        ValueError: a column the table does not have, naming the ones it has.
    """
    from cnnref.diagrams.chart import line_chart  # imports torch: only when a chart is drawn

    table = printed_table(before)
    missing = [c for c in (x, *y) if c not in table]
    if missing:
        raise ValueError(f"the table above has no column {', '.join(missing)}; it has {', '.join(table)}")
    return line_chart(x, table[x], {c: table[c] for c in y}, log=log)
