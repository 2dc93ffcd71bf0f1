"""One language per API page, on the built site: the English pages show no Chinese outside
code, and on the Chinese pages every object whose docstring has Chinese shows its Chinese and
none of its English-only paragraphs (cnnref.site.bilingual, cnnref.site.docstrings)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import griffe
import pytest

from cnnref.site.cjk import WIDE

from ..conftest import BuiltSite, page_stems

API = [stem for stem in page_stems() if stem.startswith("api/")]
CHINESE = re.compile(f"[{WIDE}]")
WORDS = re.compile(r"[A-Za-z]{2,}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Prose(HTMLParser):
    """The article's text outside code, and the prose (``p``, ``li``) of each API object's
    own docstring, by the object's path: not its members', tables', code's or section titles'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str]]] = []
        self.objects: list[str | None] = []  # the open doc-objects' paths
        self.prose: dict[str, list[str]] = {}
        self.text: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        self.in_article = self.in_article or tag == "article"
        if tag in VOID:
            return
        self.stack.append((tag, classes))
        if "doc-object" in classes:
            self.objects.append(None)
        elif "doc-heading" in classes and self.objects and self.objects[-1] is None:
            self.objects[-1] = attributes.get("id")
        elif tag in ("p", "li") and self._own_docstring():
            self.prose.setdefault(self.objects[-1] or "", []).append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and tag not in VOID:
            open_tag, classes = self.stack.pop()
            if "doc-object" in classes:
                self.objects.pop()
            if open_tag == tag:
                break

    def _inside(self, names: set[str]) -> bool:
        return any(tag in names or classes & names for tag, classes in self.stack)

    def _own_docstring(self) -> bool:
        """In the doc-contents of the innermost object, outside code, tables and titles."""
        for tag, classes in reversed(self.stack):
            if "doc-contents" in classes:
                return True
            if "doc-object" in classes or tag in ("table", "pre", "code") or classes & {"doc-section-title", "doc-class-bases"}:
                return False
        return False

    def handle_data(self, data: str) -> None:
        if self.in_article and not self._inside({"code", "pre", "script", "style"}):
            self.text.append(data)
            element = next((tag for tag, _ in reversed(self.stack) if tag in ("p", "li")), None)
            if element and self._own_docstring() and self.objects and self.objects[-1] in self.prose:
                self.prose[self.objects[-1]][-1] += data


@functools.lru_cache(maxsize=None)
def parse(site: BuiltSite, lang: str, stem: str) -> _Prose:
    parser = _Prose()
    parser.feed(site.page_file(lang, stem).read_text(encoding="utf-8"))
    return parser


@functools.lru_cache(maxsize=1)
def package() -> griffe.Object:
    return griffe.load("cnnref", search_paths=["."], docstring_parser=None)


def has_chinese_prose(path: str) -> bool:
    """The source docstring of ``path`` has Chinese before its examples, outside code spans."""
    docstring = package()[path.removeprefix("cnnref.")].docstring if path != "cnnref" else package().docstring
    text = docstring.value.split(">>>")[0] if docstring else ""
    return bool(CHINESE.search(re.sub(r"(`+).+?\1", "", text, flags=re.S)))


@pytest.mark.parametrize("stem", API)
def test_english_api_pages_show_no_chinese_outside_code(built_site: BuiltSite, stem: str):
    text = "".join(parse(built_site, "en", stem).text)
    assert [m.group(0) for m in re.finditer(rf".{{0,30}}[{WIDE}]+.{{0,10}}", text)] == []


@pytest.mark.parametrize("stem", API)
def test_chinese_api_pages_show_the_chinese_of_each_bilingual_docstring_alone(built_site: BuiltSite, stem: str):
    page = parse(built_site, "zh", stem)
    bilingual = [path for path in page.prose if path.startswith("cnnref") and has_chinese_prose(path)]
    for path in bilingual:
        shown = [p.strip() for p in page.prose[path] if p.strip()]
        assert any(CHINESE.search(p) for p in shown), f"{path}: its Chinese is not shown"
        english = [p for p in shown if not CHINESE.search(p) and WORDS.search(p)]
        assert english == [], f"{path}: English-only paragraphs on the Chinese page"
    if stem != "api/index":
        assert bilingual, f"{stem}: no bilingual docstring found (the parser lost the objects?)"
