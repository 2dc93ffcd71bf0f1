"""MkDocs build hooks: everything on a page that is generated at build time.

* ``<!-- cnnref:layer-table NAME input=N,C,H,W depth=D -->``: the per-layer table of the real
  model, with headers in the page's language;
* ``<!-- cnnref:comparison [all] -->``: the five networks compared (``all``: with the other
  depths of VGG and ResNet), computed from the real models;
* ``<!-- cnnref:diagram NAME [block=PATH] [input=N,C,H,W] -->`` and
  ``<!-- cnnref:figure NAME -->``: SVG pictures drawn by :mod:`cnnref.diagrams` from the real
  model or the real function, labelled in the page's language;
* the API reference (mkdocstrings) rendered in the page's language, with the docstring
  examples shown as an "Examples" section (:class:`DocstringExamples`);
* a provenance line at the end of every page: the versions of torch and cnnref that built and
  verified it, and the date of the last commit of its source file.

MkDocs 构建钩子：页面上在构建时生成的一切——真实模型的逐层表、由 :mod:`cnnref.diagrams`
绘制的 SVG 图、使用页面语言渲染的 API 参考，以及每页末尾的来源信息（验证本页的 torch 与
cnnref 版本、源文件最后一次提交的日期）。

Marker syntax (the input size defaults to the model's documented one)::

    <!-- cnnref:layer-table alexnet input=1,3,224,224 depth=2 -->

Each table is computed once per build and shared by the zh and en pages.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import griffe
from mkdocs.exceptions import PluginError

from cnnref.analysis import Complexity, LayerRow, complexity, format_layer_table, layer_table
from cnnref.comparison import NETWORKS, OTHER_DEPTHS, compare, format_comparison
from cnnref.diagrams import block_svg, figure_svg, network_svg

# A marker stands alone on its line (so one quoted in prose or code is left alone).
MARKER = re.compile(r"^[ \t]*<!--\s*cnnref:layer-table\s+(?P<args>[^>]*?)\s*-->[ \t]*$", re.M)
COMPARISON_MARKER = re.compile(r"^[ \t]*<!--\s*cnnref:comparison(?P<args>[^>]*?)\s*-->[ \t]*$", re.M)
PICTURE_MARKER = re.compile(r"^[ \t]*<!--\s*cnnref:(?P<kind>diagram|figure)\s+(?P<args>[^>]*?)\s*-->[ \t]*$", re.M)


def parse_marker(args: str) -> tuple[str, tuple[int, ...] | None, int]:
    """``"alexnet input=1,3,224,224 depth=2"`` → ``("alexnet", (1, 3, 224, 224), 2)``.

    >>> from cnnref.mkdocs_hooks import parse_marker
    >>> parse_marker("alexnet input=1,3,227,227 depth=2")
    ('alexnet', (1, 3, 227, 227), 2)
    """
    name, *options = args.split()
    values = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in ("input", "depth"):
            raise ValueError(f"bad option {option!r} in layer-table marker; allowed: input=N,C,H,W depth=N")
        values[key] = value
    size = tuple(int(v) for v in values["input"].split(",")) if "input" in values else None
    return name, size, int(values.get("depth", 1))


@functools.lru_cache(maxsize=None)
def _table(name: str, size: tuple[int, ...] | None, depth: int) -> tuple[list[LayerRow], Complexity]:
    return layer_table(name, size, depth), complexity(name, size)


@functools.lru_cache(maxsize=None)
def _comparison(which: str) -> list:
    """The comparison rows: ``""`` the five networks, ``"all"`` with the other depths too."""
    if which not in ("", "all"):
        raise ValueError(f"the comparison marker takes nothing or 'all', got {which!r}")
    return compare(NETWORKS + OTHER_DEPTHS if which == "all" else NETWORKS)


def _language(page) -> str:
    """``zh`` or ``en`` from the page's suffix (``x.zh.md``)."""
    match = re.search(r"\.(zh|en)\.md$", page.file.src_uri)
    return match.group(1) if match else "zh"


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Replace every marker of the page; render its API entries in the page's language."""
    lang = _language(page)
    _set_api_language(config, lang)

    def expand(match: re.Match) -> str:
        try:
            rows, total = _table(*parse_marker(match.group("args")))
        except (ValueError, TypeError) as error:
            raise PluginError(f"{page.file.src_uri}: {match.group(0)}: {error}") from error
        return format_layer_table(rows, total, lang=lang)

    def draw(match: re.Match) -> str:
        try:
            return "\n" + picture_html(match.group("kind"), match.group("args"), lang) + "\n"
        except (ValueError, TypeError) as error:
            raise PluginError(f"{page.file.src_uri}: {match.group(0)}: {error}") from error

    def tabulate(match: re.Match) -> str:
        try:
            return format_comparison(_comparison(match.group("args").strip()), lang=lang)
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {match.group(0)}: {error}") from error

    markdown = COMPARISON_MARKER.sub(tabulate, MARKER.sub(expand, markdown))
    return PICTURE_MARKER.sub(draw, markdown)


def on_pre_build(config) -> None:
    """Forget the dates of the previous build (``mkdocs serve`` rebuilds in one process)."""
    last_changed.cache_clear()


def on_page_content(html_text: str, page, config, files) -> str:
    """Append the provenance line to the rendered page."""
    return html_text + provenance_html(Path(page.file.abs_src_path), _language(page))


# --------------------------------------------------------------------------- pictures

CAPTIONS = {
    "zh": {
        "network": "{name} 的结构图：由 cnnref 中的真实模型在构建本站时画出，每一步右侧是它的输出形状。",
        "block": "{name} 中 {block} 的各个分支：由真实模型在构建本站时画出，每个方框的第二行是它的输出形状。",
        "figure": "由 torch 算出，并在构建本站时画出。",
    },
    "en": {
        "network": "The structure of {name}, drawn from the real model in cnnref when this site is built; "
                   "the right column gives the output shape of each step.",
        "block": "The branches of {block} in {name}, drawn from the real model when this site is built; "
                 "the second line of each box is its output shape.",
        "figure": "Computed by torch and drawn when this site is built.",
    },
}


@functools.lru_cache(maxsize=None)
def picture_html(kind: str, args: str, lang: str) -> str:
    """The ``<figure>`` for one picture marker, with an SVG from :mod:`cnnref.diagrams` and a
    caption in ``lang``. ``kind`` is ``diagram`` (``NAME [block=PATH] [input=N,C,H,W]``:
    a network, or one of its blocks) or ``figure`` (``NAME``: a concept figure).

    图标记对应的 ``<figure>``：SVG 由 :mod:`cnnref.diagrams` 生成，图注使用 ``lang`` 语言。

    >>> from cnnref.mkdocs_hooks import picture_html
    >>> html = picture_html("diagram", "resnet18 block=layer2.0", "en")
    >>> html.startswith('<figure class="cnnref-figure"><svg') and "Shortcut" in html
    True
    """
    if lang not in CAPTIONS:
        raise ValueError(f"lang must be one of {sorted(CAPTIONS)}, got {lang!r}")
    name, *options = args.split()
    values = {}
    allowed = ("block", "input") if kind == "diagram" else ()
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in allowed:
            raise ValueError(f"bad option {option!r} in {kind} marker; allowed: {', '.join(f'{a}=...' for a in allowed) or 'none'}")
        values[key] = value
    size = tuple(int(v) for v in values["input"].split(",")) if "input" in values else None
    if kind == "figure":
        svg, caption = figure_svg(name, lang=lang), CAPTIONS[lang]["figure"]
    elif "block" in values:
        svg = block_svg(name, values["block"], size, lang=lang)
        caption = CAPTIONS[lang]["block"].format(name=name, block=values["block"])
    else:
        svg, caption = network_svg(name, size, lang=lang), CAPTIONS[lang]["network"].format(name=name)
    return f'<figure class="cnnref-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>'


# --------------------------------------------------------------------------- API reference


def _set_api_language(config, lang: str) -> None:
    """mkdocstrings reads the theme language once, in its ``on_config``, before
    mkdocs-static-i18n switches it to the language being built; so the language of its
    section headings ("Examples" / "示例") is set here, page by page."""
    plugin = config.plugins.get("mkdocstrings") if config is not None else None
    if plugin is not None and getattr(plugin, "_handlers", None) is not None:
        plugin.handlers._locale = lang


ROLE = re.compile(r":(?:func|meth|class|mod|data|attr|obj):`~?(?P<name>[\w.]+)(?:\(\))?`")


def examples_section(text: str) -> str:
    """Move a docstring's examples - from its first ``>>>`` line to the end, exactly the
    part the test harness runs - into a Google-style "Examples" section, so mkdocstrings
    shows them as code under a heading in the reader's language.

    把文档字符串中从第一个 ``>>>`` 起的示例（测试套件运行的正是这一段）移入 “Examples” 小节。

    >>> from cnnref.mkdocs_hooks import examples_section
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


LITERAL_INTRO = re.compile(r"\s?::$")


def sphinx_markup(text: str, resolve: Callable[[str], str] = lambda name: name) -> str:
    r"""The bits of Sphinx markup the docstrings use, as Markdown: a role (``:func:`name```)
    becomes an optional cross-reference - a link to the API entry when one exists, plain
    code otherwise - and the ``::`` that introduces an indented literal block becomes ``:``.
    Code is left alone: doctest paragraphs and indented blocks.

    把文档字符串里的 Sphinx 标记转成 Markdown：角色（``:func:`name```）变为可选的交叉引用，
    引出缩进代码块的 ``::`` 变为 ``:``；代码（doctest 段落和缩进块）保持不变。

    >>> from cnnref.mkdocs_hooks import sphinx_markup
    >>> sphinx_markup("See :func:`f`::\n\n    f()", resolve=lambda name: "pkg." + name)
    'See <autoref identifier="pkg.f" optional><code>f</code></autoref>:\n\n    f()'
    >>> sphinx_markup("Text.\n>>> g(':func:`f`')")
    "Text.\n>>> g(':func:`f`')"
    """
    parts = re.split(r"(\n[ \t]*\n)", text)  # paragraphs and the blank lines between them
    for i in range(0, len(parts), 2):
        if parts[i][:1].isspace():
            continue  # an indented block: code
        prompt = re.search(r"^[ \t]*>>>", parts[i], re.M)  # from here on: a doctest, code
        cut = prompt.start() if prompt else len(parts[i])
        prose, code = parts[i][:cut], parts[i][cut:]
        prose = ROLE.sub(
            lambda m: f'<autoref identifier="{resolve(m.group("name"))}" optional><code>{m.group("name")}</code></autoref>',
            prose,
        )
        if not code and i + 2 < len(parts) and parts[i + 2][:1] in (" ", "\t"):
            prose = LITERAL_INTRO.sub(":", prose)
        parts[i] = prose + code
    return "".join(parts)


class DocstringExamples(griffe.Extension):
    """Griffe extension used by the API reference: applies :func:`examples_section` and
    :func:`sphinx_markup` to every docstring (the source files are not changed).

    API 参考所用的 Griffe 扩展：对每个文档字符串应用上面两个函数（源文件不变）。
    """

    def on_object(self, *, obj: griffe.Object, **kwargs) -> None:
        if obj.docstring is None:
            return

        def resolve(name: str) -> str:
            try:
                return obj.resolve(name)
            except griffe.NameResolutionError:
                return name

        obj.docstring.value = examples_section(sphinx_markup(obj.docstring.value, resolve))


# --------------------------------------------------------------------------- provenance

PROVENANCE = {
    "zh": "本页由 torch {torch} 与 cnnref {cnnref} 构建并验证 · 最后修改：{date}",
    "en": "Built and verified with torch {torch} and cnnref {cnnref} · Last changed: {date}",
}


@functools.lru_cache(maxsize=None)
def versions() -> dict[str, str]:
    """The versions that build (and, in CI, test) the site: ``torch`` without its local
    build tag (``2.13.0+cpu`` → ``2.13.0``), and ``cnnref``.

    >>> from cnnref.mkdocs_hooks import versions
    >>> sorted(versions())
    ['cnnref', 'torch']
    """
    import torch

    import cnnref

    return {"torch": torch.__version__.split("+")[0], "cnnref": cnnref.__version__}


@functools.lru_cache(maxsize=None)
def last_changed(path: Path) -> datetime.date:
    """The date of the last commit that changed ``path``; for a file that git does not
    know or that has uncommitted changes (or without git), the file's modification date.

    文件最后一次提交的日期；git 不认识该文件、文件有未提交的修改或没有 git 时，取文件的修改日期。

    >>> from pathlib import Path
    >>> import cnnref
    >>> from cnnref.mkdocs_hooks import last_changed
    >>> last_changed(Path(cnnref.__file__)).year >= 2026
    True
    """
    path = Path(path).resolve()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args, "--", path.name], cwd=path.parent, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        if not git("status", "--porcelain"):
            date = git("log", "-1", "--format=%cs")
            if date:
                return datetime.date.fromisoformat(date)
    except (OSError, subprocess.CalledProcessError):
        pass
    return datetime.date.fromtimestamp(path.stat().st_mtime)


def provenance_html(path: Path, lang: str) -> str:
    """The provenance line of the page whose source file is ``path``, in ``lang``.

    >>> from pathlib import Path
    >>> import cnnref
    >>> from cnnref.mkdocs_hooks import provenance_html
    >>> "cnnref 0.1.0" in provenance_html(Path(cnnref.__file__), "en")
    True
    """
    if lang not in PROVENANCE:
        raise ValueError(f"lang must be one of {sorted(PROVENANCE)}, got {lang!r}")
    text = PROVENANCE[lang].format(**versions(), date=last_changed(path).isoformat())
    return f'\n<p class="cnnref-provenance"><small>{html.escape(text)}</small></p>\n'
