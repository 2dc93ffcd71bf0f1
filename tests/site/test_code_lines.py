"""No code line of a page is wider than the content column: a longer one scrolls sideways,
and hides the end of a Chinese comment. A doctest session's output lines are what the code
prints, and are not counted.

``MAX_COLUMNS`` = 88 terminal columns (``cnnref.tables.display_width``: a Chinese character
takes two). Measured in chromium at 1280 px (and 1440 px), Material's code block shows 97 Latin
characters (10.9 px font, 6.5 px a character, 10.9 px a Chinese one); 88 leaves room for a
block inside an admonition."""

import textwrap
from pathlib import Path

import pytest

from cnnref.tables import display_width

from ..test_docs_pages import DOCS, FENCE

MAX_COLUMNS = 88


def too_long(path: Path) -> list[str]:
    """``page:line: width`` of every code line of the page wider than ``MAX_COLUMNS``."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        first = text.count("\n", 0, match.start(3)) + 1
        body = textwrap.dedent(match.group(3))  # the block's own indentation counts, not the page's
        session = body.startswith(">>>")
        for offset, line in enumerate(body.split("\n")):
            if session and not line.startswith((">>>", "...")):
                continue  # output
            if display_width(line.rstrip()) > MAX_COLUMNS:
                found.append(f"{path.relative_to(DOCS)}:{first + offset}: {display_width(line.rstrip())}")
    return found


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_code_line_is_wider_than_the_content_column(path: Path):
    assert too_long(path) == []
