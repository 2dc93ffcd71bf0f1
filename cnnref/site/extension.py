"""The Python-Markdown extension that generates, page by page, what the build adds: the
markers' tables and pictures, the API reference's language (its headings, and the one language
of each bilingual docstring), the provenance line, and the page's Jupyter notebook with its
download link (``cnnref.site.notebook``, written beside the page's HTML).

It is loaded from ``markdown_extensions:`` in ``mkdocs.yml`` (``- cnnref.site.extension``), which
MkDocs and Zensical both read, so the generated content does not depend on MkDocs hooks
(which Zensical ignores). Each engine renders a page with a Markdown instance of its own and
says which page that is in its own way: [`page_source`][cnnref.site.extension.page_source]
reads both.

生成每页构建时内容的 Python-Markdown 扩展（标记、API 语言、来源信息、Jupyter 笔记本），MkDocs 与 Zensical
都从 ``markdown_extensions:`` 加载它。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocstrings import MkdocstringsInnerExtension

from cnnref.i18n import LANGUAGES, check_lang
from cnnref.site.anchors import shared_anchors
from cnnref.site.api_language import set_api_language
from cnnref.site.bilingual import one_language
from cnnref.site.cjk import JoinCjkLines
from cnnref.site.markers import expand
from cnnref.site.notebook import download_link, write_notebook
from cnnref.site.provenance import provenance_element

_SUFFIX = re.compile(r"\.(?P<lang>[A-Za-z_-]+)\.md$")


@dataclass(frozen=True)
class PageSource:
    """The page a Markdown instance converts: its name in the docs, its file and language,
    its URL and the file its HTML goes to."""

    name: str  # relative to the docs folder, e.g. "api/analysis.en.md"
    path: Path
    lang: str
    url: str  # absolute where site_url is set: "https://x.io/cnnref/en/api/analysis/"
    html: Path  # in the site folder: ".../site/en/api/analysis/index.html"


def _language(name: str, theme: Any) -> str:
    """From the name's suffix (``x.en.md``), else the language the theme is built in
    (Zensical's i18n renders ``x.en.md`` as a ``x.md`` of its own)."""
    match = _SUFFIX.search(name)
    if match and match["lang"] in LANGUAGES:
        return match["lang"]
    language = theme.get("language") if theme is not None else None
    if language is None:
        raise ValueError(f"{name}: no language suffix (.{'.md, .'.join(LANGUAGES)}.md) and no theme language")
    return check_lang(language)


def page_source(md: Markdown) -> PageSource | None:
    """The page that ``md`` converts, or None for any other conversion (a docstring inside
    an API entry, or Markdown outside a site build).

    MkDocs registers a ``relpath`` treeprocessor holding the page's ``File`` on each page's
    Markdown instance; Zensical a ``rendering_context`` preprocessor holding the page and
    the configuration. mkdocstrings passes both on to the instance that converts docstrings,
    which it marks with its ``MkdocstringsInnerExtension``.
    """
    return None if _in_docstring(md) else _page_of(md)


def _in_docstring(md: Markdown) -> bool:
    return any(isinstance(ext, MkdocstringsInnerExtension) for ext in md.registeredExtensions)


def _page_of(md: Markdown) -> PageSource | None:
    if "relpath" in md.treeprocessors:  # MkDocs
        relpath: Any = md.treeprocessors["relpath"]
        file, config = relpath.file, relpath.config
        return PageSource(file.src_uri, Path(file.abs_src_path), _language(file.src_uri, config.theme),
                          (config.site_url or "") + file.url, Path(file.abs_dest_path))
    if "rendering_context" in md.preprocessors:  # Zensical
        context: Any = md.preprocessors["rendering_context"]
        name, config, url = context.page.path, context.config, context.page.url
        return PageSource(name, Path(config["docs_dir"]) / name, _language(name, config["theme"]),
                          (config.get("site_url") or "") + url, Path(config["site_dir"]) / url / "index.html")
    return None


class _Generate(Preprocessor):
    """Writes the page's notebook (from its Markdown as written), expands its markers and sets
    the language of its API entries."""

    def run(self, lines: list[str]) -> list[str]:
        try:
            page = page_source(self.md)
        except ValueError as error:
            raise _build_error(str(error)) from error
        if page is None:
            return lines
        set_api_language(self.md, page.lang)
        try:
            write_notebook("\n".join(lines), page.lang, page.name, page.url, page.html)
            lines = expand("\n".join(lines), page.lang).split("\n")
            twin = page.path.with_name(page.path.name.replace(".zh.md", ".en.md"))
            if page.lang == "zh" and twin != page.path and twin.exists() and "toc" in self.md.treeprocessors:
                toc: Any = self.md.treeprocessors["toc"]
                lines = shared_anchors(lines, twin.read_text(encoding="utf-8").split("\n"), slugify=lambda text: toc.slugify(text, toc.sep))
            return lines
        except ValueError as error:
            raise _build_error(f"{page.name}: {error}") from error


def _build_error(message: str) -> Exception:
    """MkDocs stops a build on its ``PluginError`` with the message alone; any other error,
    it shows with a traceback. Zensical (without MkDocs) gets a ``ValueError``."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:
        return ValueError(message)
    return PluginError(message)


class _DocstringLanguage(Preprocessor):
    """A docstring section of an API entry in its page's language alone (``cnnref.site.bilingual``)."""

    def run(self, lines: list[str]) -> list[str]:
        page = _page_of(self.md) if _in_docstring(self.md) else None
        return lines if page is None else one_language("\n".join(lines), page.lang).split("\n")


class _Provenance(Treeprocessor):
    """Appends the provenance line to the page (to its tree: every postprocessor also runs
    on each heading's text, for the table of contents)."""

    def run(self, root: Element) -> None:
        page = page_source(self.md)
        if page is not None:
            if len(root):  # on a line of its own, as Markdown writes each block
                tail = root[-1].tail or ""
                root[-1].tail = tail if tail.endswith("\n") else tail + "\n"
            root.append(provenance_element(page.path, page.lang))


class _NotebookLink(Treeprocessor):
    """Puts the link to the page's notebook under its title (or first, without one). It runs
    after MkDocs checks the page's links (``relpath``, 0): the notebook is no page of the docs."""

    def run(self, root: Element) -> None:
        page = page_source(self.md)
        if page is not None:
            link = download_link(page.name, page.lang)
            title = next((i for i, child in enumerate(root) if child.tag == "h1"), None)
            link.tail = "\n"
            root.insert(0 if title is None else title + 1, link)


class CnnrefExtension(Extension):
    """The extension; takes no options."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace normalization (30), before fenced code (25) and raw HTML (20) are
        # stashed: a marker is a raw HTML comment until it is replaced.
        md.preprocessors.register(_Generate(md), "cnnref_generate", 29)
        md.preprocessors.register(_DocstringLanguage(md), "cnnref_docstring_language", 29)
        md.treeprocessors.register(_Provenance(md), "cnnref_provenance", 1)
        md.treeprocessors.register(_NotebookLink(md), "cnnref_notebook_link", -1)
        # Before the stashed raw HTML and code blocks are restored (30): they stay untouched.
        md.postprocessors.register(JoinCjkLines(md), "cnnref_join_cjk_lines", 35)


def makeExtension(**kwargs: Any) -> CnnrefExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CnnrefExtension(**kwargs)
