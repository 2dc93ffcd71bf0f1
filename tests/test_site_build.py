"""The built site (no browser needed): every internal link and anchor resolves, nothing is
loaded from another host, API entries and cross-references stay in the reader's language, and
every page shows its provenance and, on architecture pages, its generated diagram."""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from cnnref.i18n import SITE_TEXT
from cnnref.site.provenance import versions

from .conftest import LANGUAGES, BuiltSite, page_stems


class _Page(HTMLParser):
    """The ids of one HTML page and every URL it refers to, with the tag that holds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, dict]] = []  # (tag, attribute, url, attributes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if key in attributes:
                self.ids.add(attributes[key])
        for key in ("href", "src"):
            if key in attributes and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.refs.append((tag, key, attributes[key], attributes))


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _url_of(site: BuiltSite, path: Path) -> str:
    relative = path.relative_to(site.root).as_posix()
    return site.url + relative.removesuffix("index.html")


def _target(site: BuiltSite, url: str) -> Path | None:
    """The file an internal URL points to, or None when it is outside the site."""
    if not url.startswith(site.url):
        return None
    path = site.root / unquote(urlsplit(url).path[len(urlsplit(site.url).path):])
    return path / "index.html" if path.is_dir() else path


def html_files(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves_and_nothing_comes_from_another_host(built_site):
    broken, foreign = [], []
    for path in html_files(built_site):
        base = _url_of(built_site, path)
        for tag, attribute, ref, attributes in _parse(path).refs:
            if ref.startswith(("mailto:", "data:", "javascript:")):
                continue
            url = urljoin(base, ref)
            if urlsplit(url).scheme in ("http", "https") and not url.startswith(built_site.url):
                loads = tag != "a" and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate"))
                if loads or urlsplit(url).hostname == "127.0.0.1":
                    foreign.append(f"{path.relative_to(built_site.root)}: <{tag} {attribute}={ref}>")
                continue
            target = _target(built_site, url)
            where = f"{path.relative_to(built_site.root)}: {ref}"
            if target is None or not target.exists():
                broken.append(where)
            elif urlsplit(url).fragment and target.suffix == ".html":
                if unquote(urlsplit(url).fragment) not in _parse(target).ids:
                    broken.append(where + " (no such anchor)")
    assert len(html_files(built_site)) >= 2 * len(page_stems())
    assert not foreign, f"loaded from another host (or outside the site prefix): {foreign[:20]}"
    assert not broken, f"{len(broken)} broken internal links: {broken[:20]}"


@pytest.mark.parametrize("lang, examples, functions", [("zh", "示例：", "函数"), ("en", "Examples:", "Functions")])
def test_api_reference_headings_are_in_the_reader_language(built_site, lang, examples, functions):
    text = built_site.page_file(lang, "api/analysis").read_text(encoding="utf-8")
    assert f'<span class="doc-section-title">{examples}</span>' in text
    assert f">{functions}" in text
    other = "Examples:" if lang == "zh" else "示例："
    assert other not in text
    # The examples shown are the ones the suite runs (the docstring's own `>>>` lines).
    assert "count_parameters" in text and "(61100840, 61100840)" in text


def test_cross_references_resolve_within_the_language(built_site):
    seen = 0
    for path in html_files(built_site):
        english = path.relative_to(built_site.root).parts[:1] == ("en",)
        base = _url_of(built_site, path)
        for tag, _, ref, attributes in _parse(path).refs:
            if tag == "a" and "autorefs-internal" in attributes.get("class", ""):
                target = urljoin(base, ref)[len(built_site.url):]
                assert target.startswith("en/") == english, f"{path}: {ref} leaves the page's language"
                seen += english
    assert seen, "no cross-reference found on the English pages"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", page_stems())
def test_every_page_shows_its_provenance_in_its_language(built_site, stem, lang):
    text = built_site.page_file(lang, stem).read_text(encoding="utf-8")
    expected = SITE_TEXT[lang]["provenance"].format(**versions(), date="")
    assert text.count('<p class="cnnref-provenance">') == 1
    assert expected in text, f"no provenance line in {lang} {stem}"


ARCHITECTURES = [s for s in page_stems() if s.startswith("architectures/") and not s.endswith("comparison")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", ARCHITECTURES)
def test_every_architecture_page_shows_its_generated_diagram(built_site, stem, lang):
    text = built_site.page_file(lang, stem).read_text(encoding="utf-8")
    assert '<figure class="cnnref-figure"><svg class="cnnref-svg"' in text
    assert ("输入" if lang == "zh" else "Input") in text.split('<figure class="cnnref-figure">', 1)[1]


def test_deploy_workflow_builds_strictly_with_the_pinned_toolchain():
    import re

    import yaml

    from .conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert trigger["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    torch = re.search(r"^TORCH\s*\?=\s*(\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert f"pip install {torch} --index-url https://download.pytorch.org/whl/cpu" in commands  # the CPU build
    assert 'pip install -e ".[dev]"' in commands  # the pinned toolchain
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert build["run"].strip() == "mkdocs build --strict"
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))["with"]["fetch-depth"] == 0
    assert "site_url: !ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# Two wide East Asian characters (Han, CJK and full-width punctuation) with whitespace between.
CJK_SPACE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]\s+[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def test_search_index_has_no_line_break_spaces_between_chinese_characters(built_site):
    """The zh sources are hard-wrapped; the search index (like the pages, see the browser
    tests) must not carry those line breaks as spaces (cnnref.site.cjk)."""
    index = json.loads((built_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh = [doc for doc in index["docs"] if not doc["location"].startswith("en/")]
    assert zh, "no Chinese documents in the search index"
    found = [
        (doc["location"], match.group(0))
        for doc in zh
        for match in CJK_SPACE.finditer(re.sub(r"<(code|pre)>.*?</\1>", "x", doc["text"], flags=re.S))
    ]
    assert found == []


class _HeadingIds(HTMLParser):
    """The ids of the headings of a page's article, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag) and dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"] or "")


@pytest.mark.parametrize("stem", [s for s in page_stems() if not s.startswith("api/")])
def test_both_languages_use_the_same_section_anchors(built_site, stem):
    """So that #anchor names one section on both pages, and the language switcher keeps it
    (cnnref.site.anchors gives zh headings their en twin's anchors)."""
    ids = {}
    for lang in LANGUAGES:
        parser = _HeadingIds()
        parser.feed(built_site.page_file(lang, stem).read_text(encoding="utf-8"))
        ids[lang] = parser.ids
    assert ids["zh"] == ids["en"]
