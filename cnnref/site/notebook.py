"""Every page as a Jupyter notebook in its own language, made from the page's Markdown when the
site is built, and the download link at the top of the page.

The cells follow the page: its prose becomes Markdown cells; each ``python`` block one code
cell; each ``pycon`` session (``>>>``) code cells without prompts, one per example that shows
an output and that output stored as the cell's own (an expression's value as its result, a
``print`` as its stream, a traceback as an error on a cell tagged ``raises-exception``), so
running the notebook prints each output where the page shows it. A collapsed or plain
admonition (``??? note "Check"``) opens: its title a bold line, its body dedented, its code in
code cells. Other fences (``bash``, ``text``) stay in Markdown. A marker
(``<!-- cnnref:... -->``) or API entry (``::: name``), whose content the build generates,
becomes a note that links to the page; every relative link becomes an absolute link to the
site (``site_url``), so it still works from a downloaded file; ``{#id}`` after a heading goes.
The format is nbformat's (``nbformat.v4``), checked by ``nbformat.validate``.

Where the file goes: the extension (``cnnref.site.extension``) knows, from either engine, the
page being converted and the file its HTML goes to, and writes ``<stem>.ipynb`` beside it
(``en/concepts/max-pooling/max-pooling.ipynb``) while it converts the page. Both language
passes of mkdocs-static-i18n go through the extension, MkDocs empties the site folder before
the first page only, and the link is a plain relative link added after MkDocs checks a page's
links, so ``mkdocs build --strict`` has nothing to warn about.

每一页都可以下载为同语言的 Jupyter 笔记本：构建时由页面的 Markdown 生成（正文为 Markdown 单元，
每个 ``python`` 代码块为代码单元，``>>>`` 会话去掉提示符并保留输出），写在页面的 HTML 旁边。

Examples:
    >>> from cnnref.site.notebook import page_notebook
    >>> page = "# Pool\\n\\nText.\\n\\n```pycon\\n>>> 1 + 1\\n2\\n```\\n"
    >>> notebook = page_notebook(page, "en", "concepts/pool.en.md", "https://x.io/en/concepts/pool/")
    >>> [cell.cell_type for cell in notebook.cells]
    ['markdown', 'markdown', 'code']
    >>> notebook.cells[2].source, notebook.cells[2].outputs[0].data["text/plain"]
    ('1 + 1', '2')
"""

from __future__ import annotations

import ast
import doctest
import posixpath
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from cnnref.i18n import SITE_TEXT, check_lang
from cnnref.site.cache import cached
from cnnref.site.cjk import WIDE

PYTHON = ("python", "py", "python3")  # the fences that run as scripts (as in conftest.py)
SESSION = "pycon"
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*\{?\.?(?P<lang>[\w+-]*)")
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) +(?P<kind>[\w-]+)(?: +"(?P<title>[^"]*)")? *$')
_GENERATED = re.compile(r"^ *(?:<!-- *cnnref:[\w-]+.*-->|::: +\S+.*) *$")
_HEADING_ID = re.compile(r"^(?P<heading>#{1,6} .*?) *\{[^}]*\} *$")
_LINK = re.compile(r"(?P<open>\]\()(?P<url>[^()\s]+)(?=[)\s])")
_SUFFIX = re.compile(r"\.[A-Za-z_-]+\.md$")
_CJK_BREAK = re.compile(rf"(?<=[{WIDE}])\n *(?=[{WIDE}])")


def notebook_name(name: str) -> str:
    """The notebook's file name for the page ``name`` (relative to the docs folder).

    >>> from cnnref.site.notebook import notebook_name
    >>> notebook_name("concepts/max-pooling.zh.md"), notebook_name("index.en.md")
    ('max-pooling.ipynb', 'index.ipynb')
    """
    return _SUFFIX.sub("", posixpath.basename(name)) + ".ipynb"


def page_notebook(text: str, lang: str, name: str, url: str) -> NotebookNode:
    """The notebook of one page.

    Args:
        text: the page's Markdown source.
        lang: its language (the words of the notes, ``SITE_TEXT``).
        name: the page relative to the docs folder (``concepts/padding.en.md``): relative
            links resolve from it.
        url: the page's absolute URL on the site: links become absolute from it.

    Returns:
        A valid nbformat 4 notebook for a python3 kernel (``nbformat.validate`` passes).

    Raises:
        ValueError: ``lang`` is not a language of the site, or a ``pycon`` block is not a
            doctest session.
    """
    words = SITE_TEXT[check_lang(lang)]
    cells: list[NotebookNode] = []
    for kind, piece in _pieces(text.split("\n")):
        if kind in PYTHON:
            cells.append(new_code_cell(piece.strip("\n")))
        elif kind == SESSION:
            cells.extend(session_cells(piece))
        else:
            prose = _prose(piece, words["notebook.generated"].format(url=url), name, url)
            if prose and cells and cells[-1].cell_type == "markdown":  # an admonition's title joins the prose
                cells[-1].source += "\n\n" + prose
            elif prose:
                cells.append(new_markdown_cell(prose))
    origin = new_markdown_cell(words["notebook.origin"].format(url=url))
    notebook = new_notebook(cells=[origin, *cells], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def _pieces(lines: list[str]) -> Iterator[tuple[str, str]]:
    """The page as ``(kind, text)`` in order: kind is a fence's language for a Python block or
    session (its body, dedented), else ``"markdown"``; admonitions are opened."""
    prose: list[str] = []
    i = 0
    while i < len(lines):
        fence, admonition = _FENCE.match(lines[i]), _ADMONITION.match(lines[i])
        if fence is None and admonition is None:
            prose.append(lines[i])
            i += 1
            continue
        end = _fence_end(lines, i, fence) if fence else _block_end(lines, i, lines[i].index(lines[i].lstrip()))
        block = textwrap.dedent("\n".join(lines[i:end]))
        if fence and fence["lang"] not in (*PYTHON, SESSION):
            prose.append(block)
        else:
            if prose:
                yield "markdown", "\n".join(prose)
                prose = []
            if fence:
                yield fence["lang"], "\n".join(block.split("\n")[1:-1])
            elif admonition:
                yield "markdown", f"**{admonition['title'] or admonition['kind'].capitalize()}**"
                yield from _pieces(textwrap.dedent("\n".join(lines[i + 1:end])).split("\n"))
        i = end
    if prose:
        yield "markdown", "\n".join(prose)


def _fence_end(lines: list[str], start: int, fence: re.Match[str]) -> int:
    """The index after the line that closes the fence opened at ``start``."""
    closing = re.compile(rf"^ *{re.escape(fence['fence'][0])}{{{len(fence['fence'])},}} *$")
    for i in range(start + 1, len(lines)):
        if closing.match(lines[i]):
            return i + 1
    return len(lines)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after an admonition's body: its lines are blank or indented past ``indent``."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip(" ")) <= indent:
            break
        if lines[i].strip():
            end = i + 1
    return end


def _prose(text: str, note: str, name: str, url: str) -> str:
    """A Markdown cell's text: generated content as ``note``, no heading ids, absolute links,
    no line break between two Chinese characters."""
    lines = _generated_as_note(text.split("\n"), note)
    linked = _LINK.sub(lambda match: match["open"] + absolute_url(match["url"], name, url), "\n".join(lines))
    # A line break between two Chinese characters, as the site joins them (cnnref.site.cjk).
    return _CJK_BREAK.sub("", linked).strip("\n")


def _generated_as_note(lines: list[str], note: str) -> list[str]:
    """The lines with each run of generated content (markers, API entries with their indented
    options) as one ``note``, and headings without their ``{#id}``."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if _GENERATED.match(lines[i]):
            while kept and not kept[-1].strip():
                kept.pop()
            if not kept or kept[-1] != note:  # a run of generated content is one note
                kept += ["", note]
            i = _block_end(lines, i, 0) if lines[i].startswith(":::") else i + 1
        else:
            kept.append(_HEADING_ID.sub(r"\g<heading>", lines[i]))
            i += 1
    return kept


def absolute_url(link: str, name: str, url: str) -> str:
    """A link of the page ``name`` (at ``url``) as an absolute URL on the site; a link to
    another page (``padding.md#x``) goes to that page in the same language. Assumes MkDocs'
    directory URLs (``concepts/padding/``).

    >>> from cnnref.site.notebook import absolute_url
    >>> page = "https://x.io/cnnref/en/concepts/nin/"
    >>> absolute_url("max-pooling.md#gap", "concepts/nin.en.md", page)
    'https://x.io/cnnref/en/concepts/max-pooling/#gap'
    >>> absolute_url("../index.md", "concepts/nin.en.md", page), absolute_url("#x", "concepts/nin.en.md", page)
    ('https://x.io/cnnref/en/', 'https://x.io/cnnref/en/concepts/nin/#x')
    """
    if urlsplit(link).scheme or link.startswith("//"):
        return link
    if link.startswith("#"):
        return url + link
    own = _directory_url(_SUFFIX.sub("", name))
    root = url.removesuffix(own) if url.endswith(own) else url
    path, _, anchor = link.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
    if target.endswith(".md"):
        target = _directory_url(target.removesuffix(".md"))
    return root + target + ("#" + anchor if anchor else "")


def _directory_url(stem: str) -> str:
    """``concepts/nin`` → ``concepts/nin/``; ``index`` → ``""``; ``api/index`` → ``api/``."""
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def session_cells(session: str) -> list[NotebookNode]:
    """The code cells of a doctest session: one per example that shows an output (with the
    statements before it), that output stored as the cell's.

    >>> from cnnref.site.notebook import session_cells
    >>> cells = session_cells(">>> x = 2\\n>>> x * 3\\n6\\n>>> print(x)\\n2\\n>>> y = x\\n")
    >>> [(cell.source, [output.output_type for output in cell.outputs]) for cell in cells]
    [('x = 2\\nx * 3', ['execute_result']), ('print(x)', ['stream']), ('y = x', [])]
    """
    examples = doctest.DocTestParser().get_examples(session)
    if not examples:
        raise ValueError(f"a pycon block must be a doctest session (lines starting with '>>> '); got {session[:60]!r}")
    cells, sources = [], []
    for example in examples:
        sources.append(example.source)
        if example.want or example.exc_msg is not None or example is examples[-1]:
            cells.append(_session_cell("".join(sources).rstrip("\n"), example))
            sources = []
    return cells


def _session_cell(source: str, example: doctest.Example) -> NotebookNode:
    """A code cell whose stored output is the example's: an error (the cell tagged
    ``raises-exception``, which nbclient lets fail), a value or printed text."""
    if example.exc_msg is not None:
        ename, _, evalue = example.exc_msg.strip().partition(": ")
        error = new_output("error", ename=ename.rsplit(".", 1)[-1], evalue=evalue, traceback=[example.exc_msg.strip()])
        return new_code_cell(source, outputs=[error], metadata={"tags": ["raises-exception"]})
    if not example.want:
        return new_code_cell(source)
    if _shows_value(example.source):
        output = new_output("execute_result", data={"text/plain": example.want.rstrip("\n")})
    else:
        output = new_output("stream", name="stdout", text=example.want)
    return new_code_cell(source, outputs=[output])


def _shows_value(source: str) -> bool:
    """Whether the example's output is its value (an expression other than a ``print`` call)."""
    last = ast.parse(source).body[-1]
    printed = isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and getattr(last.value.func, "id", "") == "print"
    return isinstance(last, ast.Expr) and not printed


def write_notebook(text: str, lang: str, name: str, url: str, page_file: Path) -> Path:
    """Write the page's notebook beside ``page_file`` (the page's built HTML) and return its path."""
    path = page_file.parent / notebook_name(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # From the disk cache when this code already made it from this text: the unchanged pages
    # of a rebuild cost nothing.
    notebook = cached(("notebook", text, lang, name, url), lambda: nbformat.writes(page_notebook(text, lang, name, url)))
    path.write_text(notebook if notebook.endswith("\n") else notebook + "\n", encoding="utf-8")
    return path


def download_link(name: str, lang: str) -> Element:
    """The link to the page's notebook, for the top of the page:
    ``<p class="cnnref-notebook"><a href="x.ipynb" download>…</a></p>``.

    >>> from xml.etree.ElementTree import tostring
    >>> from cnnref.site.notebook import download_link
    >>> tostring(download_link("concepts/nin.en.md", "en"), encoding="unicode")
    '<p class="cnnref-notebook"><a href="nin.ipynb" download="nin.ipynb">Download as a Jupyter notebook</a></p>'
    """
    paragraph = Element("p", {"class": "cnnref-notebook"})
    filename = notebook_name(name)
    SubElement(paragraph, "a", {"href": filename, "download": filename}).text = SITE_TEXT[check_lang(lang)]["notebook.download"]
    return paragraph
