"""The griffe extension of the API reference: each docstring's examples shown as an
"Examples" section.

The suite runs a docstring's examples from its first ``>>>`` line to the end. A docstring
that does not open that part with a Google-style ``Examples:`` heading gets one here, so
mkdocstrings shows the examples as code under a heading in the reader's language. The source
files are not changed. Configured in ``mkdocs.yml`` as ``cnnref.site.docstrings:DocstringExamples``.

Nothing else is rewritten: docstrings are Google style as ``mkdocs.yml`` declares (``Args:``,
``Returns:``, ``Raises:``, ``Examples:``), and an API name in them is a cross-reference,
``[`name`][cnnref.module.name]`` (a link in the built site; the strict build fails on a target
that does not exist), or plain ``name`` in double backticks for anything that has no API entry.

API 参考所用的 griffe 扩展：把文档字符串中从第一个 ``>>>`` 起的示例移入 “Examples” 小节。
"""

from __future__ import annotations

from typing import Any

import griffe


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


class DocstringExamples(griffe.Extension):
    """Applies [`examples_section`][cnnref.site.docstrings.examples_section] to every docstring that griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = examples_section(obj.docstring.value)
