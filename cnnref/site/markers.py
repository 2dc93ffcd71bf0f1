"""The page markers: one grammar, one table of kinds.

A marker is an HTML comment on a line of its own (one quoted in prose or code is left alone):

    <!-- cnnref:KIND [NAME] [KEY=VALUE ...] -->

| marker | becomes |
| --- | --- |
| `<!-- cnnref:layer-table NAME [input=N,C,H,W] [depth=D] -->` | the per-layer table of the real model |
| `<!-- cnnref:comparison [all] -->` | the classic networks compared (`all`: with the other depths of VGG and ResNet) |
| `<!-- cnnref:diagram NAME [block=PATH] [input=N,C,H,W] -->` | the network, or one of its blocks, drawn as SVG |
| `<!-- cnnref:figure NAME -->` | a concept figure |
| `<!-- cnnref:plot x=COLUMN y=COLUMN[,COLUMN...] [log=yes] -->` | a chart of the table the `>>>` session above printed |

Each is computed from the real code ([`cnnref.analysis`][cnnref.analysis],
[`cnnref.comparison`][cnnref.comparison], [`cnnref.diagrams`][cnnref.diagrams]) in the page's language; the input size defaults to the model's documented
one. A bad marker raises `ValueError` naming the marker and what is allowed.

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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cnnref.analysis import complexity, format_layer_table, layer_table
from cnnref.comparison import NETWORKS, OTHER_DEPTHS, compare, format_comparison
from cnnref.diagrams import block_svg, figure_svg, network_svg
from cnnref.i18n import SITE_TEXT, check_lang
from cnnref.site.plots import plot_svg

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
    rows, total = _measured(name, input, depth)
    return format_layer_table(rows, total, lang=lang)


@functools.cache  # a table is measured once per build and shared by the zh and en pages
def _measured(name: str, size: tuple[int, ...] | None, depth: int) -> tuple[Any, Any]:
    return layer_table(name, size, depth=depth), complexity(name, size)


@functools.cache
def _compared(everything: bool) -> Any:
    return compare(NETWORKS + OTHER_DEPTHS if everything else NETWORKS)


def _comparison(name: str | None, lang: str) -> str:
    if name not in (None, "all"):
        raise ValueError(f"the comparison takes nothing or 'all', got {name!r}")
    return format_comparison(_compared(name == "all"), lang=lang)


def _figure_html(svg: str, caption: str) -> str:
    # Blank lines around it: Markdown takes the figure as one raw HTML block.
    return f'\n<figure class="cnnref-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>\n'


def _diagram(name: str, lang: str, block: str | None = None, input: tuple[int, ...] | None = None) -> str:
    text = SITE_TEXT[lang]
    if block is None:
        return _figure_html(network_svg(name, input, lang=lang), text["caption.network"].format(name=name))
    svg = block_svg(name, block, input, lang=lang)
    return _figure_html(svg, text["caption.block"].format(name=name, block=block))


def _figure(name: str, lang: str) -> str:
    return _figure_html(figure_svg(name, lang=lang), SITE_TEXT[lang]["caption.figure"])


def _plot(name: None, lang: str, before: str, x: str | None = None, y: tuple[str, ...] | None = None,
          log: bool = False) -> str:
    if x is None or y is None:
        raise ValueError("the plot marker needs x=COLUMN and y=COLUMN[,COLUMN...]")
    return _figure_html(plot_svg(before, x, y, log), SITE_TEXT[lang]["caption.plot"])


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
    return spec.render(marker.name, check_lang(lang), **dict(marker.options))


def expand(text: str, lang: str) -> str:
    """``text`` with every marker that stands alone on its line replaced by what it renders.

    Raises:
        ValueError: for a bad marker, starting with the marker as written.
    """

    def replace(match: re.Match[str]) -> str:
        try:
            marker = parse(match["kind"], match["args"] or "")
            if KINDS[marker.kind].reads_page:
                return KINDS[marker.kind].render(None, check_lang(lang), before=text[: match.start()],
                                                 **dict(marker.options))
            return render(marker, lang)
        except (ValueError, TypeError) as error:
            raise ValueError(f"{match[0].strip()}: {error}") from error

    return MARKER.sub(replace, text)
