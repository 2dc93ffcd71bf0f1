"""The page markers: one grammar, one table of kinds.

A marker is an HTML comment on a line of its own (one quoted in prose or code is left alone):

    <!-- cnnref:KIND [NAME] [KEY=VALUE ...] -->

| marker | becomes |
| --- | --- |
| `<!-- cnnref:layer-table NAME [input=N,C,H,W] [depth=D] -->` | the per-layer table of the real model |
| `<!-- cnnref:comparison [NAME] -->` | the classic networks compared; NAME `others`: the other depths of VGG and ResNet, `papers`: the errors their papers report, `torchvision`: the accuracies of torchvision's weights |
| `<!-- cnnref:diagram NAME [block=PATH] [input=N,C,H,W] -->` | the network, or one of its blocks, drawn as SVG |
| `<!-- cnnref:figure NAME -->` | a concept figure |
| `<!-- cnnref:source DOTTED.NAME -->` | the source of a class or function of `cnnref`, as a Python block |
| `<!-- cnnref:plot x=COLUMN y=COLUMN[,COLUMN...] [log=yes] -->` | a chart of the table the `>>>` session above printed |

Each is computed from the real code ([`cnnref.analysis`][cnnref.analysis],
[`cnnref.comparison`][cnnref.comparison], [`cnnref.diagrams`][cnnref.diagrams]) in the page's language; the input size defaults to the model's documented
one; a source block is read from the module when the site is built, so the page shows the code
that runs. A bad marker raises `ValueError` naming the marker and what is allowed.

页面标记：独占一行的 HTML 注释，构建时按页面语言换成由真实代码算出的逐层表、对比表或 SVG 图。

Examples:
    >>> from cnnref.site.markers import expand
    >>> text = expand("Intro.\\n<!-- cnnref:layer-table alexnet -->", "en")
    >>> text.splitlines()[1]
    '| Layer | Type | Output shape | Parameters | MACs |'
"""

from __future__ import annotations

import functools
import html
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cnnref.i18n import SITE_TEXT, check_lang
from cnnref.site.cache import cached

# Each renderer imports what it draws with (cnnref.analysis, .comparison, .diagrams, and with
# them torch) when it runs: a build whose markers all come from the cache never imports torch,
# which was a third of the build of an unchanged site.

MARKER = re.compile(r"^[ \t]*<!--[ \t]*cnnref:(?P<kind>[\w-]+)(?:[ \t]+(?P<args>[^\n>]*?))?[ \t]*-->[ \t]*$", re.M)
"""The one marker grammar: ``<!-- cnnref:KIND [NAME] [KEY=VALUE ...] -->`` alone on its line."""


def _size(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(v) for v in value.split(","))
    except ValueError:
        raise ValueError(f"input must be integers separated by commas (N,C,H,W), got {value!r}") from None


def _depth(value: str) -> int:
    if not value.isdigit():
        raise ValueError(f"depth must be a positive integer, got {value!r}")
    return int(value)


def _layer_table(name: str, lang: str, input: tuple[int, ...] | None = None, depth: int = 1) -> str:
    from cnnref.analysis import format_layer_table

    rows, total = _measured(name, input, depth)
    return format_layer_table(rows, total, lang=lang)


@functools.cache  # a table is measured once per build and shared by the zh and en pages
def _measured(name: str, size: tuple[int, ...] | None, depth: int) -> tuple[Any, Any]:
    from cnnref.analysis import complexity, layer_table

    return layer_table(name, size, depth=depth), complexity(name, size)


@functools.cache  # measured once per build, shared by the zh and en pages
def _compared(names: tuple[str, ...]) -> Any:
    from cnnref.comparison import compare

    return compare(names)


def _comparison(name: str | None, lang: str) -> str:
    """What ``<!-- cnnref:comparison [NAME] -->`` renders, by NAME."""
    from cnnref import comparison as c

    tables: dict[str | None, Callable[[], str]] = {
        None: lambda: c.format_comparison(_compared(c.NETWORKS), lang=lang),
        "others": lambda: c.format_comparison(_compared(c.OTHER_DEPTHS), lang=lang),
        "papers": lambda: c.format_results(c.published_results(), lang=lang),
        "torchvision": lambda: c.format_torchvision_results(lang=lang),
    }
    if name not in tables:
        allowed = ", ".join(repr(n) for n in tables if n is not None)
        raise ValueError(f"the comparison takes nothing or one of {allowed}, got {name!r}")
    return tables[name]()


def _figure_html(svg: str, caption: str) -> str:
    # Blank lines around it: Markdown takes the figure as one raw HTML block.
    return f'\n<figure class="cnnref-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>\n'


def _diagram(name: str, lang: str, block: str | None = None, input: tuple[int, ...] | None = None) -> str:
    from cnnref.diagrams import block_svg, network_svg

    text = SITE_TEXT[lang]
    if block is None:
        return _figure_html(network_svg(name, input, lang=lang), text["caption.network"].format(name=name))
    svg = block_svg(name, block, input, lang=lang)
    return _figure_html(svg, text["caption.block"].format(name=name, block=block))


def _figure(name: str, lang: str) -> str:
    from cnnref.diagrams import figure_svg

    return _figure_html(figure_svg(name, lang=lang), SITE_TEXT[lang]["caption.figure"])


def _resolve(name: str) -> Any:
    """The object that a dotted name of ``cnnref`` names (``cnnref.models.resnet.BasicBlock``)."""
    if name != "cnnref" and not name.startswith("cnnref."):
        raise ValueError(f"the source marker shows cnnref's own code, a dotted name such as "
                         f"cnnref.models.resnet.BasicBlock; got {name!r}")
    try:
        return pkgutil.resolve_name(name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"nothing is named {name!r} ({error})") from None


def _source(name: str, lang: str) -> str:
    found = _resolve(name)
    try:
        code, path = inspect.getsource(found), inspect.getsourcefile(found)
    except TypeError:
        raise ValueError(f"{name} is a {type(found).__name__}; the source marker takes a module, "
                         "class, method or function") from None
    root = Path(importlib.import_module("cnnref").__file__ or "").parent.parent
    title = Path(path or "").relative_to(root).as_posix()
    # Blank lines around it: a fenced block of its own; never a page block, as it exists in
    # the built HTML only.
    return f'\n```python title="{title}"\n{textwrap.dedent(code).rstrip()}\n```\n'


def _plot(name: None, lang: str, before: str, x: str | None = None, y: tuple[str, ...] | None = None,
          log: bool = False) -> str:
    if x is None or y is None:
        raise ValueError("the plot marker needs x=COLUMN and y=COLUMN[,COLUMN...]")
    from cnnref.site.plots import plot_svg, printed_table

    # Keyed by the table it draws, not by the page above it: a prose edit redraws nothing.
    table = tuple((column, tuple(values)) for column, values in printed_table(before).items())
    return cached(("plot", table, x, y, log, lang),
                  lambda: _figure_html(plot_svg(before, x, y, log), SITE_TEXT[lang]["caption.plot"]),
                  what=f"a plot of {', '.join(y)} ({lang})")


def _columns(value: str) -> tuple[str, ...]:
    names = tuple(value.split(","))
    if not all(n.isidentifier() for n in names):
        raise ValueError(f"y must be column names separated by commas, got {value!r}")
    return names


def _yes(value: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"log must be yes or no, got {value!r}")
    return value == "yes"


@dataclass(frozen=True)
class Kind:
    """What one kind of marker takes and how it is rendered.

    Attributes:
        render: ``render(name, lang, **options)`` → the Markdown or HTML that replaces it.
        needs_name: whether NAME is required (otherwise it is optional).
        options: the allowed ``KEY=VALUE`` options: key → (the value's syntax, its parser).
        reads_page: whether it renders from the page above it (``render`` gets ``before=``).
    """

    render: Callable[..., str]
    needs_name: bool = True
    options: Mapping[str, tuple[str, Callable[[str], object]]] = field(default_factory=dict)
    reads_page: bool = False


_INPUT = ("N,C,H,W", _size)

KINDS: dict[str, Kind] = {
    "layer-table": Kind(_layer_table, options={"input": _INPUT, "depth": ("D", _depth)}),
    "comparison": Kind(_comparison, needs_name=False),
    "diagram": Kind(_diagram, options={"block": ("PATH", str), "input": _INPUT}),
    "figure": Kind(_figure),
    "source": Kind(_source),
    "plot": Kind(_plot, needs_name=False, reads_page=True,
                 options={"x": ("COLUMN", str), "y": ("COLUMN[,COLUMN...]", _columns), "log": ("yes|no", _yes)}),
}
"""The one dispatch table: each kind of marker, what it takes and how it is rendered."""


@dataclass(frozen=True)
class Marker:
    """One parsed marker: its kind, NAME (or None) and options, values parsed."""

    kind: str
    name: str | None
    options: tuple[tuple[str, object], ...]

    def __str__(self) -> str:
        """The marker as written: ``cnnref:layer-table alexnet input=1,3,227,227``."""
        def written(value: object) -> str:
            if isinstance(value, bool):
                return "yes" if value else "no"
            return ",".join(map(str, value)) if isinstance(value, tuple) else str(value)

        options = (f"{key}={written(value)}" for key, value in self.options)
        return " ".join([f"cnnref:{self.kind}", *([self.name] if self.name else []), *options])


def parse(kind: str, args: str) -> Marker:
    """Parse the inside of a marker, ``kind`` and the words after it.

    Args:
        kind: the word after ``cnnref:``, a key of [`KINDS`][cnnref.site.markers.KINDS].
        args: the rest: ``[NAME] [KEY=VALUE ...]``.

    Returns:
        The marker, with its option values parsed (``input`` to a tuple, ``depth`` to an int).

    Raises:
        ValueError: an unknown kind, a missing or extra NAME, an unknown option or a bad value,
            naming what is allowed.

    Examples:
        >>> from cnnref.site.markers import parse
        >>> parse("layer-table", "alexnet input=1,3,227,227 depth=2")
        Marker(kind='layer-table', name='alexnet', options=(('input', (1, 3, 227, 227)), ('depth', 2)))
        >>> parse("diagram", "alexnet depth=2")
        Traceback (most recent call last):
        ...
        ValueError: bad option 'depth=2' in the diagram marker; allowed: block=PATH, input=N,C,H,W
    """
    if kind not in KINDS:
        raise ValueError(f"unknown marker kind {kind!r}; known: {', '.join(KINDS)}")
    spec = KINDS[kind]
    words = args.split()
    names = [w for w in words if "=" not in w]
    if len(names) > 1 or (spec.needs_name and not names):
        raise ValueError(f"the {kind} marker takes {'one NAME' if spec.needs_name else 'at most one word'}, "
                         f"got {names or 'none'}")
    options = []
    for word in (w for w in words if "=" in w):
        key, _, value = word.partition("=")
        if key not in spec.options:
            allowed = ", ".join(f"{k}={syntax}" for k, (syntax, _) in spec.options.items()) or "none"
            raise ValueError(f"bad option {word!r} in the {kind} marker; allowed: {allowed}")
        options.append((key, spec.options[key][1](value)))
    return Marker(kind, names[0] if names else None, tuple(options))


@functools.cache
def render(marker: Marker, lang: str) -> str:
    """What ``marker`` becomes on a page in ``lang``.

    Raises:
        ValueError: a bad language, or what the code behind the marker raises for its
            arguments (an unknown model, figure or block).
    """
    spec = KINDS[marker.kind]
    lang = check_lang(lang)
    return cached(("marker", marker, lang), lambda: spec.render(marker.name, lang, **dict(marker.options)),
                  what=f"{marker} ({lang})")


def expand(text: str, lang: str, before: str = "") -> str:
    """``text`` with every marker that stands alone on its line replaced by what it renders.
    ``before`` is the page above ``text``, for a marker that reads the page (when ``text`` is
    one line of it).

    Raises:
        ValueError: for a bad marker, starting with the marker as written.
    """

    def replace(match: re.Match[str]) -> str:
        try:
            marker = parse(match["kind"], match["args"] or "")
            if KINDS[marker.kind].reads_page:
                return KINDS[marker.kind].render(None, check_lang(lang), before=before + text[: match.start()],
                                                 **dict(marker.options))
            return render(marker, lang)
        except (ValueError, TypeError) as error:
            raise ValueError(f"{match[0].strip()}: {error}") from error

    return MARKER.sub(replace, text)
