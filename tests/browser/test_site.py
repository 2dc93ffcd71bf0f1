"""The site as a reader meets it, in a real browser: Debian's ``chromium`` driven by
Playwright (never ``playwright install``), headless, with a fresh profile, on the site built
and served under its ``site_url`` prefix by the ``built_site`` fixture (tests/conftest.py).

Every page of both languages: no request leaves 127.0.0.1, no failed request (no HTTP
error at all), no JavaScript error, math rendered by KaTeX
with a KaTeX font loaded, a copy button on every code block whose copied text is the block's
source, and a language switcher that leads to the same page in the other language. Then: at
390 px and 1280 px nothing overflows the content column unless it scrolls; search (Chinese
inside a sentence, English, an API name) shows the reader's language only, no page twice and
no LaTeX; a real click on the language switcher; and screenshots under ``.artifacts/screenshots/``.
Each page is loaded once, at 1280 px, checked, resized to 390 px and checked again; the first
test that needs the pages visits them all, one after the other (``visits``).

Without chromium or Playwright these tests skip with the reason; with
``CNNREF_BROWSER_TESTS=required`` (as ``.ci/run`` sets) they fail instead.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import textwrap
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest

from cnnref.site.markers import expand

from ..conftest import DOCS, LANGUAGES, ROOT, BuiltSite, page_stems
from .pasted import pasting_pool, run_as_pasted

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the dev extra installs it
    sync_playwright = None

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    # Nothing leaves the machine: every host but the test server's is unresolvable. (The tabs
    # record each request instead of routing it: routing would disable the HTTP cache.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
WIDTHS = (1280, 390)  # a laptop (every page loads at this width) and a phone
SCREENSHOTS = ROOT / ".artifacts" / "screenshots"
REQUIRED = os.environ.get("CNNREF_BROWSER_TESTS") == "required"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


MISSING = (
    "Playwright is not installed (pip install -e '.[dev]')" if sync_playwright is None
    else "chromium is not installed (apt-get install -y chromium; .ci/run does it)" if chromium_path() is None
    else None
)
if MISSING and not REQUIRED:
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)

# Runs before any script of every page: remember what the copy button puts on the clipboard.
RECORD_COPIES = """
window.__copied = [];
document.addEventListener("copy", (event) => {
  const t = event.target;
  window.__copied.push(t && "value" in t ? t.value.slice(t.selectionStart, t.selectionEnd)
                                         : document.getSelection().toString());
}, true);
if (navigator.clipboard) {
  navigator.clipboard.writeText = async (text) => { window.__copied.push(text); };
}
"""

# One evaluation per page: math, fonts, code blocks and their copy buttons, language links.
INSPECT = """
async () => {
  const CJK_BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, figcaption, summary, dt, dd, .admonition-title";
  const CJK_SPACE = /.?[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]\\s+[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef].?/gu;
  await document.fonts.ready;
  const article = document.querySelector("article.md-content__inner");
  // A reader opens a collapsed proof before copying its code: hidden text copies as nothing.
  for (const details of article.querySelectorAll("details")) details.open = true;
  const blocks = [...article.querySelectorAll("pre > code")];
  const copies = [];
  for (const code of blocks) {
    const button = code.closest(".highlight, pre").parentElement.querySelector(
      `button[data-md-type="copy"][data-clipboard-target="#${code.parentElement.id} > code"]`);
    window.__copied = [];
    if (button) button.click();
    copies.push(!button ? "<no copy button>" : window.__copied.length ? window.__copied[0] : "<nothing copied>");
  }
  return {
    math: article.querySelectorAll(".arithmatex").length,
    katex: article.querySelectorAll(".katex").length,
    katexErrors: article.querySelectorAll(".katex-error").length,
    katexFontLoaded: [...document.fonts].some((f) => f.family.replace(/"/g, "").startsWith("KaTeX") && f.status === "loaded"),
    signature: blocks.map((code) => !!code.closest(".doc-signature")),
    copies,
    alternates: Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")].map((a) => [a.hreflang, a.href])),
    cjkSpaces: [...article.querySelectorAll(CJK_BLOCKS)].flatMap((block) => {
      const prose = block.cloneNode(true);
      prose.querySelectorAll("code, pre, .katex, script, style, ul, ol, table").forEach((e) => e.replaceWith("x"));
      return [...prose.textContent.matchAll(CJK_SPACE)].map((m) => m[0]);
    }),
  };
}
"""

FENCE = re.compile(r"^([ \t]*)(`{3,})[^\n`]*\n(.*?)^[ \t]*\2[ \t]*$", re.S | re.M)


def session_source(text: str) -> str:
    """What the copy button gives for a ">>>" session (docs/assets/javascripts/copy-session.js):
    the code without prompts, outputs or expected tracebacks."""
    code, in_traceback = [], False
    for line in text.split("\n"):
        if line.startswith(">>> ") or line == ">>>":
            in_traceback = False
            code.append(line[4:])
        elif not in_traceback and (line.startswith("... ") or line == "..."):
            code.append(line[4:])
        elif line.startswith("Traceback (most recent call last):"):
            in_traceback = True
    return "\n".join(code)


def copied(source: str) -> str:
    """What a reader copies from a block whose source is ``source``."""
    return session_source(source).rstrip() if source.startswith(">>>") else source


def fence_sources(stem: str, lang: str) -> list[str]:
    """The source of every fenced code block of a page, with the ones its markers generate
    (a ``source`` marker's block) in their places."""
    text = expand((DOCS / f"{stem}.{lang}.md").read_text(encoding="utf-8"), lang)
    return [textwrap.dedent(body).rstrip() for _, _, body in FENCE.findall(text)]


@functools.lru_cache(maxsize=1)
def docstring_lines() -> frozenset[str]:
    """Every line of every docstring of the package (as Python reads them)."""
    lines = set()
    for path in (ROOT / "cnnref").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                lines.update(line.strip().removeprefix(">>>").removeprefix("...").strip()
                             for line in (ast.get_docstring(node) or "").splitlines())
    return frozenset(lines)


KATEX_RENDERED = "() => !document.querySelector('.arithmatex') || !!document.querySelector('.arithmatex .katex')"


class Tab:
    """One page of the browser, with every request and every problem in it recorded."""

    def __init__(self, page, local: str) -> None:
        self.page, self.local = page, local
        self.foreign: list[str] = []
        self.http_errors: list[str] = []
        self.js_errors: list[str] = []
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.js_errors.append(str(error)))
        page.on("console", self._console)

    def _is_local(self, url: str) -> bool:
        return url.startswith((self.local, "data:", "blob:"))  # the page's own inline data too

    def _request(self, request) -> None:
        if not self._is_local(request.url):
            self.foreign.append(request.url)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.http_errors.append(f"{response.status} {response.url}")

    def _failed(self, request) -> None:
        # Not failures of the site: another host's request (unresolvable on purpose, reported
        # as foreign), and what a page still loads (the search worker's scripts) when it is left.
        if request.failure != "net::ERR_ABORTED" and self._is_local(request.url):
            self.http_errors.append(f"{request.failure} {request.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            self.js_errors.append(f"{message.text} ({message.location.get('url')})")

    def problems(self) -> list[str]:
        """What went wrong since the last call."""
        found = [f"request to another host: {u}" for u in self.foreign]
        found += [f"failed request: {e}" for e in self.http_errors] + [f"JavaScript error: {e}" for e in self.js_errors]
        self.foreign, self.http_errors, self.js_errors = [], [], []
        return found

    def rendered(self):
        """Wait for the page's load, then for its math: Material renders it (document$) after load."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_function(KATEX_RENDERED, timeout=10_000)
        return self.page

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.rendered()


class Browser:
    """One chromium for the module: a tab for the tests that click and type, more for the visits."""

    def __init__(self, site: BuiltSite, context) -> None:
        self.site, self.context = site, context
        self.local = site.url.split("/cnnref/")[0] + "/"
        context.add_init_script(RECORD_COPIES)
        self.main = self.new_tab()
        self.page = self.main.page

    def new_tab(self) -> Tab:
        return Tab(self.context.new_page(), self.local)

    def open(self, url: str):
        return self.main.open(url)

    def problems(self) -> list[str]:
        return self.main.problems()


@pytest.fixture(scope="module")
def browser(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    # Asks for built_site by name: tests/conftest.py keeps every test that uses the site on one worker.
    if MISSING:
        pytest.fail(f"CNNREF_BROWSER_TESTS=required but {MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": WIDTHS[0], "height": 800}, service_workers="block",
        )
        try:
            yield Browser(built_site, context)
        finally:
            context.close()


# What overflows the content column with no scrolling ancestor (Material wraps a table in a
# scrolling .md-typeset__scrollwrap; a code block scrolls itself), and table cells that are
# hidden. After a resize, one frame first: the page's own resize handlers run in it.
OVERFLOW = """
async () => {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const article = document.querySelector("article.md-content__inner");
  for (const details of article.querySelectorAll("details")) details.open = true;
  const right = article.getBoundingClientRect().right + 1;
  const scrolls = (e) => { for (; e && e !== article; e = e.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) return true; } return false; };
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " + e.textContent.trim().slice(0, 40);
  return {
    overflowing: [...article.querySelectorAll("table, figure, svg, img, .katex-display, p, li")]
      .filter((e) => e.getBoundingClientRect().right > right && !scrolls(e)).map(name),
    hidden: [...article.querySelectorAll("th, td")].filter((e) => getComputedStyle(e).display === "none"
      || getComputedStyle(e).visibility === "hidden").map(name),
  };
}
"""

@dataclass(frozen=True)
class Visit:
    """What one load of a page showed: INSPECT's facts at WIDTHS[0], OVERFLOW's at each width,
    and the problems of the whole visit."""

    facts: dict
    overflow: dict[int, dict]
    problems: list[str]


def inspect(tab: Tab) -> Visit:
    """Everything the tests check on the loaded page of ``tab``; the viewport is resized, not the
    page reloaded, for the other widths, and left as it was."""
    page = tab.rendered()
    facts = page.evaluate(INSPECT)
    overflow = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        overflow[width] = page.evaluate(OVERFLOW)
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    return Visit(facts, overflow, tab.problems())


def visit_all(browser: Browser, targets: list[tuple[str, str]]) -> dict[tuple[str, str], Visit]:
    """Visit each ``(lang, stem)`` page once, in one tab. (Loading the next pages in more tabs
    meanwhile was slower on two cores: 60 s with two tabs and 75 s with three, against 48 s.)"""
    tab, visits = browser.new_tab(), {}
    try:
        for lang, stem in targets:
            tab.page.goto(browser.site.page_url(lang, stem), wait_until="load")
            visits[lang, stem] = inspect(tab)
        return visits
    finally:
        tab.page.close()  # and with it its search worker, which would still be indexing


@pytest.fixture(scope="module")
def targets(request: pytest.FixtureRequest) -> list[tuple[str, str]]:
    """The ``(lang, stem)`` pages the selected tests look at: a test_page's own, every page of
    its language for the others (so that ``-k`` on one page visits that page only)."""
    pages = set()
    for item in request.session.items:
        params = getattr(item, "callspec", None) and item.callspec.params
        if "visits" in getattr(item, "fixturenames", ()) and params:
            pages.update((params["lang"], stem) for stem in ([params["stem"]] if "stem" in params else page_stems()))
    return sorted(pages, key=lambda page: (LANGUAGES.index(page[0]), page[1]))


@pytest.fixture(scope="module")
def pasted_sessions(targets: list[tuple[str, str]]) -> Iterator[dict[str, Future]]:
    """The first ">>>" session of each zh page (the twins' code is the same, tests/test_docs_pages.py)
    as its copy button copies it, run as pasted into a fresh ``python`` (``pasted``): started at
    once, one at a time, so they run while the browser works."""
    pool = pasting_pool(workers=1)
    try:
        yield {stem: pool.submit(run_as_pasted, code, str(ROOT)) for lang, stem in targets
               if lang == "zh" and (code := first_session(stem))}
    finally:
        pool.shutdown(cancel_futures=True)


@pytest.fixture(scope="module")
def visits(targets: list[tuple[str, str]], pasted_sessions, browser: Browser) -> dict[tuple[str, str], Visit]:
    """Each target page visited once (after ``pasted_sessions`` started)."""
    return visit_all(browser, targets)


def first_session(stem: str) -> str | None:
    """What the copy button gives for the zh page's first ``>>>`` session that expects no
    traceback (the pages under api/ are docstrings: none)."""
    if stem.startswith("api/"):
        return None
    sessions = [source for source in fence_sources(stem, "zh")
                if source.startswith(">>>") and "Traceback (most recent call last):" not in source]
    return copied(sessions[0]) if sessions else None


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", page_stems())
def test_page(visits: dict[tuple[str, str], Visit], pasted_sessions: dict[str, Future], built_site: BuiltSite,
              stem: str, lang: str):
    visit = visits[lang, stem]
    assert visit.problems == []
    facts = visit.facts

    if facts["math"]:
        assert facts["katexErrors"] == 0, "KaTeX could not render some math"
        assert facts["katex"] >= facts["math"], "math left unrendered"
        assert facts["katexFontLoaded"], "no KaTeX font loaded"

    copies = facts["copies"]
    assert "<no copy button>" not in copies, "a code block has no copy button"
    assert "<nothing copied>" not in copies, "a copy button copied nothing"
    examples = [c for c, signature in zip(copies, facts["signature"]) if not signature]
    if stem.startswith("api/"):
        lines = docstring_lines()
        for text in examples:
            assert all(line.strip() in lines for line in text.splitlines()), f"not a docstring example: {text[:80]}"
    else:
        assert examples == [copied(source) for source in fence_sources(stem, lang)], "copied text"
        if lang == "zh" and stem in pasted_sessions:  # what it runs is the text just compared
            failure = pasted_sessions[stem].result(timeout=120)
            assert failure is None, f"the copied session does not run as pasted:\n{failure[-2000:]}"

    other = "en" if lang == "zh" else "zh"
    assert facts["alternates"].get(other) == built_site.page_url(other, stem), "language switcher"
    # Hard-wrapped zh sources: no line break may reach the reader as a space between two
    # Chinese characters (cnnref.site.cjk).
    assert facts["cjkSpaces"] == [], "whitespace between Chinese characters"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_overflows_on_a_phone_or_a_laptop(visits: dict[tuple[str, str], Visit], lang: str):
    """At 390 px and 1280 px, every page: no table, figure or paragraph wider than the content
    column unless it scrolls, and no table column hidden. (The same visits' requests and
    errors, at both widths: test_page.)"""
    found = {f"{width}px {stem}": facts for stem in page_stems()
             for width, facts in visits[lang, stem].overflow.items() if facts["overflowing"] or facts["hidden"]}
    assert found == {}


def test_language_switcher_click_keeps_the_page_and_the_section(browser: Browser, built_site: BuiltSite):
    stem = "concepts/max-pooling"
    for lang, other in (("zh", "en"), ("en", "zh")):
        page = browser.open(built_site.page_url(lang, stem))
        section = page.eval_on_selector_all("article h2[id]", "headings => headings.map(h => h.id)")[1]
        page.goto(built_site.page_url(lang, stem) + "#" + section)
        page.hover(".md-header .md-select")
        page.click(f"a.md-select__link[hreflang={other}]")
        page.wait_for_url(built_site.page_url(other, stem) + "#" + section)
        assert page.evaluate("document.documentElement.lang").startswith(other)
        assert page.locator(f"article h2[id='{section}']").count() == 1, "the same section on the other page"
    assert browser.problems() == []


def search(browser: Browser, url: str, query: str) -> tuple[list[str], str]:
    """Type a query into Material's search box; return the result links and the results' text."""
    page = browser.open(url)
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material reacts to key events
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    for more in page.query_selector_all(".md-search-result__more > summary"):
        more.click()  # "N more on this page": their sections are results too
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    return links, page.inner_text(".md-search-result")


POOLING = "concepts/max-pooling"


@pytest.mark.parametrize("lang, query", [("zh", "池化"), ("en", "pooling"), ("zh", "conv_output_size"),
                                         ("en", "conv_output_size")])
def test_search_shows_the_reader_language_once_without_latex(browser: Browser, built_site: BuiltSite, lang, query):
    if POOLING not in page_stems():
        pytest.fail(f"docs/{POOLING}.*.md is gone: update this test to the pooling page")
    if query == "池化":  # 池化 must be found inside longer words and sentences, not only as a word
        text = (DOCS / f"{POOLING}.zh.md").read_text(encoding="utf-8")
        assert re.search(r"[\u4e00-\u9fff]池化|池化[\u4e00-\u9fff]", text)
    home = built_site.page_url(lang, "index")
    links, text = search(browser, home, query)
    if query != "conv_output_size":
        target = built_site.page_url(lang, POOLING)
        assert any(re.split(r"[?#]", link)[0] == target for link in links), f"{target} not among {links[:10]}"
    else:  # found on its API page (the same in both languages but for the prose) and on concept pages
        assert any("/api/" in link for link in links) and any("/concepts/" in link for link in links), links
    english = [link for link in links if link.startswith(built_site.page_url("en", "index"))]
    assert english == (links if lang == "en" else []), "results in the other language"
    assert len(links) == len(set(links)), "a result listed twice"
    assert "\\(" not in text and "\\[" not in text, "raw LaTeX in the results"
    assert browser.problems() == []


def test_screenshots(browser: Browser, built_site: BuiltSite):
    """Home and one architecture page in both languages, and the comparison page at 1280 px and
    390 px, for people (and CI artifacts)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    architectures = [s for s in page_stems() if s.startswith("architectures/")]
    stems = ["index"] + ([next((s for s in architectures if s.endswith("resnet")), architectures[0])] if architectures else [])
    for stem in stems:
        for lang in LANGUAGES:
            page = browser.open(built_site.page_url(lang, stem))
            path = SCREENSHOTS / f"{stem.replace('/', '-')}.{lang}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
            figure = page.query_selector("figure.cnnref-figure")
            if figure is not None:
                figure.screenshot(path=str(path.with_suffix(".diagram.png")))
    # The comparison page whole, on a laptop and on a phone (resized, as in inspect): its tables must fit both.
    for lang in LANGUAGES:
        page = browser.open(built_site.page_url(lang, "architectures/comparison"))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            path = SCREENSHOTS / f"architectures-comparison.{lang}.{width}px.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    assert browser.problems() == []
