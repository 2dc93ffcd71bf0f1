"""A MkDocs hook: one search index per language, and no raw LaTeX in it.

mkdocs-static-i18n writes one index of every language's pages, so a search on either
language's pages found both (the API pages, alike in both, twice). After it (priority -100)
has written that index, this splits it by language folder: the default language's pages stay
in ``search/search_index.json``, the English ones go to ``en/search/search_index.json``, which
the English pages load (``cnnref/site/theme/main.html`` gives them ``en/`` as base). No result
shows LaTeX such as ``\\(z = 3\\)``: plain math (no ``\\`` command, no braces) stays as its
text, ``z = 3``, and any other becomes "…". Zensical ignores hooks and needs none of this:
zensical-i18n builds each language with its own index.

It also keeps the entries that Material's search plugin makes of a page in the build's disk
cache (``cnnref/site/cache.py``), keyed by all that the plugin reads: the page's HTML, URL,
title, table of contents and search metadata, and the versions of Material and jieba. Parsing the HTML and cutting the Chinese text
into words (jieba) was a third of the build of an unchanged site.

搜索索引按语言拆分（每种语言的页面只搜索本语言），并去掉其中的 LaTeX 源码。

Examples:
    >>> from cnnref.site.search_index import split_index
    >>> index = {"config": {}, "docs": [{"location": "a/", "title": "A", "text": "若 \\\\(z = 3\\\\)，则"},
    ...                                  {"location": "en/a/", "title": "A", "text": "If \\\\(\\\\lfloor x \\\\rfloor\\\\)"}]}
    >>> split_index(index, ["en"])
    {'': {'config': {}, 'docs': [{'location': 'a/', 'title': 'A', 'text': '若 z = 3，则'}]}, 'en': {'config': {}, 'docs': [{'location': 'a/', 'title': 'A', 'text': 'If …'}]}}
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from cnnref.i18n import LANGUAGES
from cnnref.site.cache import cached

# pymdownx.arithmatex (generic) writes inline math as \( \) and display math as \[ \].
_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)


def _plain(match: re.Match[str]) -> str:
    tex = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
    return "…" if "\\" in tex or "{" in tex else tex


def split_index(index: dict[str, Any], folders: list[str]) -> dict[str, dict[str, Any]]:
    """``index`` as one index per language folder (``""``: the pages outside them), each
    document's location relative to its folder and its text and title without math."""
    split: dict[str, dict[str, Any]] = {folder: {**index, "docs": []} for folder in ["", *folders]}
    for doc in index["docs"]:
        folder = next((f for f in folders if doc["location"].startswith(f + "/")), "")
        location = doc["location"][len(folder) + 1:] if folder else doc["location"]
        clean = {key: _MATH.sub(_plain, doc[key]) for key in ("title", "text") if key in doc}
        split[folder]["docs"].append({**doc, "location": location, **clean})
    return split


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the index of every language
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    folders = [lang for lang in LANGUAGES if any(doc["location"].startswith(lang + "/") for doc in index["docs"])]
    for folder, part in split_index(index, folders).items():
        target = site / folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _toc(items: list[AnchorLink]) -> list[Any]:
    return [(item.id, item.url, item.title, _toc(item.children)) for item in items]


@event_priority(-100)  # after the search plugin (0) has made its index
def on_config(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.enabled:
        return
    index = plugin.search_index
    add = index.add_entry_from_context

    def make(page: Page) -> str:
        start = len(index.entries)
        add(page)
        made = index.entries[start:]
        del index.entries[start:]
        return json.dumps(made, ensure_ascii=False)

    def add_from_cache(page: Page) -> None:
        meta = {key: page.meta.get(key) for key in ("search", "tags", "title")}
        request = ("search entries", page.content, page.url, page.title, _toc(list(page.toc)), meta,
                   plugin.config.jieba_dict, version("mkdocs-material"), version("jieba"))
        index.entries.extend(json.loads(cached(request, lambda: make(page))))

    index.add_entry_from_context = add_from_cache
