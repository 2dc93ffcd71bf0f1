"""The griffe extension of the API reference: each docstring's examples shown as an
"Examples" section, and its prose ahead of its sections.

The suite runs a docstring's examples from its first ``>>>`` line to the end. A docstring
that does not open that part with a Google-style ``Examples:`` heading gets one here, so
mkdocstrings shows the examples as code under a heading in the reader's language. Prose after
a section (a Chinese paragraph after ``Raises:``) moves up to the prose before the first one,
so that a docstring's prose is one text section, which ``cnnref.site.bilingual`` shows in the
page's language. The source files are not changed. Configured in ``mkdocs.yml`` as
``cnnref.site.docstrings:DocstringExamples``.

Nothing else is rewritten: docstrings are Google style as ``mkdocs.yml`` declares (``Args:``,
``Returns:``, ``Raises:``, ``Examples:``), and an API name in them is a cross-reference,
``[`name`][cnnref.module.name]`` (a link in the built site; the strict build fails on a target
that does not exist), or plain ``name`` in double backticks for anything that has no API entry.

API 参考所用的 griffe 扩展：把文档字符串中从第一个 ``>>>`` 起的示例移入 “Examples” 小节。
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SECTION = re.compile(r"^[A-Za-z][\w ]*:\s*$")


def examples_section(text: str) -> str:
    """Move a docstring's examples, from its first ``>>>`` line to the end, into an
    ``Examples:`` section; a docstring without examples, or that has the section, is returned
    as it is.

    Examples:
        >>> from cnnref.site.docstrings import examples_section
        >>> examples_section("Add one.\\n\\n>>> 1 + 1\\n2").splitlines()
        ['Add one.', '', 'Examples:', '    >>> 1 + 1', '    2']
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">>>")), None)
    if first is None or any(line.strip() in ("Examples:", "Example:") for line in lines[:first]):
        return text
    head = "\n".join(lines[:first]).rstrip()
    body = [line.rstrip() for line in lines[first:]]
    indent = min(len(line) - len(line.lstrip()) for line in body if line)
    body = ["    " + line[indent:] if line else "" for line in body]
    return (head + "\n\n" if head else "") + "Examples:\n" + "\n".join(body)


def prose_first(text: str) -> str:
    """Move the prose that follows a Google-style section (``Title:`` over an indented body)
    to the end of the prose before the first section.

    Examples:
        >>> from cnnref.site.docstrings import prose_first
        >>> prose_first("Check x.\\n\\nRaises:\\n    ValueError: bad x.\\n\\n检查 x。").splitlines()
        ['Check x.', '', '检查 x。', '', 'Raises:', '    ValueError: bad x.']
    """
    lines = text.split("\n")
    prose: list[str] = []
    sections: list[str] = []
    in_section = False
    for i, line in enumerate(lines):
        body = [later for later in lines[i + 1:] if later.strip()][:1]
        if _SECTION.match(line) and body and body[0].startswith((" ", "\t")):
            in_section = True
        elif line.strip() and not line.startswith((" ", "\t")):
            in_section = False
        (sections if in_section else prose).append(line)
    if not sections:
        return text
    return "\n".join(prose).strip("\n") + "\n\n" + "\n".join(sections).strip("\n")


class DocstringExamples(griffe.Extension):
    """Applies [`examples_section`][cnnref.site.docstrings.examples_section], then
    [`prose_first`][cnnref.site.docstrings.prose_first], to every docstring that griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = prose_first(examples_section(obj.docstring.value))
