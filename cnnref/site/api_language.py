"""The language of the API reference's section headings (``Examples`` / ``示例``), page by page.

mkdocstrings chooses its heading words by one locale, read once per build in its
``on_config``. mkdocs-static-i18n switches ``theme.language`` to the language being built in
its own ``on_config``, which runs later (priority -100), so every language after the first
would be rendered in the previous one's words; Zensical passes a single locale too. The one
word its templates do not translate, a class's "Bases:", is replaced here (``SITE_TEXT``). Neither
offers a public way to change the locale per page, so this module is the one place that
reaches into mkdocstrings' private state: ``AutoDocProcessor._handlers._locale``, and the
headings a render reports (``BaseHandler._headings``). The build test
``tests/site/test_api_language.py`` builds a zh and an en API page and fails when this stops
working.

It also takes each rendered API entry from the build's disk cache (``cnnref/site/cache.py``):
rendering the API pages' templates was 40% of an unchanged site's build. An entry is keyed by
the object's path, the options, the language, the package's code and the versions of
mkdocstrings, its Python handler and griffe (griffelib); a hit restores the headings the render
reported and their aliases, for the table of contents, the cross-references and
``objects.inv``: a build from the cache writes the same site as one without it.

API 参考小节标题的语言（“示例” / “Examples”）逐页跟随页面语言；这是唯一一处使用 mkdocstrings
私有字段的地方，由构建测试守护。
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from mkdocstrings import AutoDocProcessor

from cnnref.i18n import SITE_TEXT
from cnnref.site.cache import cached

# The line above a class's members that lists its base classes, in mkdocstrings-python's
# template, which writes "Bases:" whatever the locale.
_BASES = re.compile(r'(<p class="doc doc-class-bases">\s*)Bases:')


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
            handler = handlers.get_handler("python")  # type: ignore[union-attr]
            if not getattr(handler.render, "from_cache", False):
                _from_cache(handler)


def _from_cache(handler: Any) -> None:
    """Wrap ``handler.render`` to take each entry's HTML, the headings it reports and their
    aliases (which griffe knows once the render has resolved the members) from the disk cache."""
    render, get_aliases = handler.render, handler.get_aliases
    packages = tuple(version(p) for p in ("mkdocstrings", "mkdocstrings-python", "griffelib"))
    aliases: dict[str, tuple[str, ...]] = {}

    def from_cache(data: Any, options: Any, locale: str | None = None) -> str:
        def make() -> str:
            start = len(handler._headings)
            bases = SITE_TEXT[locale or "en"]["api.bases"]
            html = _BASES.sub(lambda match: match[1] + bases, render(data, options, locale=locale))
            made = handler._headings[start:]
            del handler._headings[start:]  # restored from the entry below, hit or miss alike
            return json.dumps({"html": html, "headings": [(h.tag, dict(h.attrib), h.text) for h in made],
                               "aliases": {h.attrib["id"]: list(get_aliases(h.attrib["id"])) for h in made}})

        entry = json.loads(cached(("api entry", data.path, repr(options), locale, packages), make))
        for tag, attributes, text in entry["headings"]:  # what the render reported
            heading = Element(tag, attributes)
            heading.text = text
            handler._headings.append(heading)
        aliases.update((key, tuple(value)) for key, value in entry["aliases"].items())
        return str(entry["html"])

    from_cache.from_cache = True  # type: ignore[attr-defined]
    handler.render = from_cache
    handler.get_aliases = lambda identifier: aliases.get(identifier) or get_aliases(identifier)
