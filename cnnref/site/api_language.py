"""The language of the API reference's section headings (``Examples`` / ``示例``), page by page.

mkdocstrings chooses its heading words by one locale, read once per build in its
``on_config``. mkdocs-static-i18n switches ``theme.language`` to the language being built in
its own ``on_config``, which runs later (priority -100), so every language after the first
would be rendered in the previous one's words; Zensical passes a single locale too. Neither
offers a public way to change the locale per page, so this module is the one place that
reaches into mkdocstrings' private state: ``AutoDocProcessor._handlers._locale``. The build
test ``tests/site/test_api_language.py`` builds a zh and an en API page and fails when this
stops working.

API 参考小节标题的语言（“示例” / “Examples”）逐页跟随页面语言；这是唯一一处使用 mkdocstrings
私有字段的地方，由构建测试守护。
"""

from __future__ import annotations

from markdown import Markdown
from mkdocstrings import AutoDocProcessor


def set_api_language(md: Markdown, lang: str) -> None:
    """Render the API entries (``::: identifier``) that ``md`` converts in ``lang``.

    Args:
        md: the Markdown instance of one page.
        lang: the page's language, a locale of mkdocstrings' templates (``zh``, ``en``).

    Raises:
        RuntimeError: mkdocstrings no longer keeps its locale where this expects it.
    """
    for processor in md.parser.blockprocessors:
        if isinstance(processor, AutoDocProcessor):
            handlers = getattr(processor, "_handlers", None)
            if not hasattr(handlers, "_locale"):
                raise RuntimeError(
                    "mkdocstrings no longer keeps its locale in AutoDocProcessor._handlers._locale; "
                    "update cnnref/site/api_language.py"
                )
            handlers._locale = lang  # type: ignore[union-attr]
