"""Every number a page states outside code is anchored: computed, cited or structural.

A page's *claims* are the numbers in its prose, lists, headings, admonitions, hand-written
tables, inline math and inline code spans (a shape such as ``(1, 3, 17, 17)`` in backticks is
a claim). Fenced code blocks are not claims: they are the page's *code*, and what they
contain (literals, doctest outputs) and what its markers render are the values it produces.
Each claim must be one of:

* **computed**: at the precision shown, equal to a value of the page's code or markers;
* **cited**: equal to a published figure of the registry (``model_info(name).figures``) or
  to an entry of the page's own table of cited figures (heading "Cited figures" /
  "引用的数字"; columns value, what, source);
* **structural**: recognised by one of ``STRUCTURAL``'s explicit rules (a year, a section,
  table or figure number, a list ordinal, a version, a network's or data set's name).

And a zh page and its en twin state the same numbers, once digit forms are normalised
(``25,557,032`` = ``2555.7032 万``; ``25.6 million`` = ``25.6M``; ``3.6×10⁹`` = ``3.6 billion``;
``15.3%``). ``check(page)`` and ``check_twins(zh, en)`` return the failures, each naming the
page, the line, the number and what was expected.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SCALES = {
    "thousand": 1e3, "k": 1e3, "K": 1e3, "千": 1e3,
    "million": 1e6, "M": 1e6, "百万": 1e6, "万": 1e4,
    "billion": 1e9, "G": 1e9, "亿": 1e8,
}
# A number: not glued to a letter, digit, underscore or dot before it (resnet50, conv1, v1.5
# and layer4.0 are names); digits with thousands separators, a decimal part, an optional
# exponent (×10⁹, \times 10^{9}, e-5), then an optional scale word and percent sign.
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.\\])(?<![A-Za-z]-)"
    r"(?P<version>\d+\.\d+\.\d+(?![\d.]))?"
    r"(?(version)|(?P<digits>\d{1,3}(?:(?:,|\{,\})\d{3})+(?!\d)|\d+)(?:\.(?P<decimals>\d+))?(?![.,]?\d))"
    r"(?:[eE](?P<e>[-+]?\d+)|\s*(?:×|x|\\times|\\cdot)\s*10(?:\^\{?|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]))(?P<p>[-⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)\}?)?"
    r"(?:\s?(?P<scale>thousand|million|billion|百万|千|万|亿|[kKMG](?!AC|\s*[+=-])(?=[A-Z]|\b|[\s)|,.，。）]|$)))?"
    r"(?P<percent>\s?%)?(?:(?<=1)st|(?<=2)nd|(?<=3)rd|(?<=\d)th)?"  # 4th = 第 4
    r"(?(scale)|(?![A-Za-z_]))"
)


@dataclass(frozen=True)
class Claim:
    """One number a page states outside code: where, as written, and its value."""

    line: int  # 1-based
    text: str  # as written, e.g. "25.6 million"
    value: float
    unit: float  # the value of one unit in the last digit shown, e.g. 1e5 for "25.6 million"; 0 for a version
    percent: bool
    start: int  # offset in the line
    end: int


def parse_number(match: re.Match[str]) -> tuple[float, float, bool]:
    """(value, unit of the last digit shown, percent?) of one ``NUMBER`` match."""
    if match["version"]:
        return 0.0, 0.0, False
    digits, decimals = re.sub(r"\{?,\}?", "", match["digits"]), match["decimals"] or ""
    mantissa = float(f"{digits}.{decimals}" if decimals else digits)
    scale = _SCALES.get(match["scale"] or "", 1.0)
    exponent = match["e"] or (match["p"] or "").translate(_SUPERSCRIPT)
    if exponent:
        scale *= 10.0 ** int(exponent)
    return mantissa * scale, 10.0 ** -len(decimals) * scale, bool(match["percent"])


FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
PYTHON_FENCE = re.compile(r"[\s{.]*(?:python3?|py3?|pycon)\b", re.I)
_HIDDEN = [
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # a link's destination: [text](url "title")
    re.compile(r"<https?://[^>]+>|https?://\S+"),  # a bare or angle-bracketed URL
    re.compile(r"<!--.*?-->"),  # an HTML comment (a marker's line is code, see Page)
    re.compile(r"\{[#.][^}]*\}"),  # attribute lists: {#anchor .class}
]
CITED_HEADINGS = ("Cited figures", "引用的数字")


@dataclass
class Page:
    """One Markdown page: its prose lines (code masked out) and the text its code produces.

    ``prose[i]`` is line ``i + 1`` with every fenced block, marker, comment, link destination
    and URL replaced by spaces, so that offsets in it are offsets in the source.
    """

    name: str  # relative to docs/, e.g. "architectures/resnet.en.md"
    lang: str
    source: str
    prose: list[str]
    code: str  # every fenced block's text and every marker's rendering, one after another
    cited_lines: range  # the lines of the page's table of cited figures (empty if none)

    @classmethod
    def parse(cls, name: str, source: str) -> Page:
        from cnnref.site.markers import MARKER, expand

        lang = name.rsplit(".", 2)[-2]
        prose, code, fence, python = [], [], None, False
        for line in source.splitlines():
            opening = FENCE.match(line)
            if fence is None and opening:
                fence, python = opening["fence"], bool(PYTHON_FENCE.match(line[opening.end():]))
            elif fence is not None:
                if opening and opening["fence"].startswith(fence) and not line.strip(" \t`~"):
                    fence = None
                else:
                    code.append(_without_comment(line) if python else line)
            elif MARKER.match(line):
                code.append(expand(line, lang))
            else:
                prose.append(_mask(line))
                continue
            prose.append(" " * len(line))
        return cls(name, lang, source, prose, "\n".join(code), _cited_lines(prose))

    @functools.cached_property
    def computed(self) -> Values:
        return Values(code_values(self.code))

    @functools.cached_property
    def cited(self) -> dict[bool, Values]:
        """The registry's figures and the value column of the page's table of cited figures,
        percentages (``True``) apart from the rest: ``17.0`` (a % error) cites no "17"."""
        entries = [(c.value, c.percent) for c in self.table_entries()] + list(registry_figures())
        return {percent: Values([v for v, p in entries if p == percent]) for percent in (False, True)}

    @functools.cached_property
    def urls(self) -> str:
        """The page's link destinations and the registry's paper links, one per line."""
        return "\n".join(re.findall(r"https?://[^\s)>\]]+", self.source) + list(paper_urls()))

    @functools.cached_property
    def flat_code(self) -> str:
        """The code without whitespace, ``3.`` and ``3.0`` as ``3``: where sequences are searched."""
        return re.sub(r"(?<=\d)\.0*(?![\d])", "", re.sub(r"\s+", "", self.code))

    def table_entries(self) -> list[Claim]:
        """The claims in the first column (value) of the page's table of cited figures."""
        return self._entries

    @functools.cached_property
    def _entries(self) -> list[Claim]:
        return [c for c in self.claims() if c.line in self.cited_lines and self.prose[c.line - 1][: c.start].count("|") == 1]

    def claims(self) -> list[Claim]:
        """Every number the page states outside code, in reading order."""
        return self._claims

    @functools.cached_property
    def _claims(self) -> list[Claim]:
        return [Claim(number, match[0].strip(), *parse_number(match), match.start(), match.end())
                for number, line in enumerate(self.prose, 1) for match in NUMBER.finditer(line)]


def _without_comment(line: str) -> str:
    """A line of Python without its ``# comment``: a comment states, it does not compute."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote and line[i - 1] != "\\" else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[:i]
    return line


def _mask(line: str) -> str:
    for pattern in _HIDDEN:
        line = pattern.sub(lambda m: " " * len(m[0]), line)
    return line


def _cited_lines(prose: list[str]) -> range:
    """The lines of the table under the heading "Cited figures" / "引用的数字"."""
    for i, line in enumerate(prose):
        if line.startswith("#") and line.lstrip("# ").strip() in CITED_HEADINGS:
            start = end = next((j for j in range(i + 1, len(prose)) if prose[j].startswith("|")), i + 1)
            while end < len(prose) and prose[end].startswith("|"):
                end += 1
            return range(start + 1, end + 1)
    return range(0)


@functools.cache  # the pages do not change during a test run
def load(name: str) -> Page:
    return Page.parse(name, (DOCS / name).read_text(encoding="utf-8"))


def page_names() -> list[str]:
    return sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))


CODE_NUMBER = re.compile(r"(?<![A-Za-z_])\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?")


class Values:
    """A sorted set of values, searched at a claim's precision."""

    def __init__(self, values: list[float]) -> None:
        self.values = sorted(set(values))

    def find(self, claim: Claim, fractions: bool = True) -> float | None:
        """A value equal to the claim at the precision shown, else None; with ``fractions``, a
        percentage also matches its fraction (``15.3%`` = ``0.153``)."""
        targets = [claim.value] + ([claim.value / 100] if claim.percent and fractions else [])
        for target, unit in zip(targets, (claim.unit, claim.unit / 100)):
            half = unit / 2 * (1 + 1e-9) if unit < 1 or target != int(target) or claim.unit > 1 else 0.0
            i = bisect.bisect_left(self.values, target - half - 1e-12)
            if i < len(self.values) and self.values[i] <= target + half + 1e-12:
                return self.values[i]
        return None


def code_values(text: str) -> list[float]:
    """Every numeric literal of code or rendered text (``25_557_032``, ``0.153``, ``1e-05``,
    ``25,557,032`` in a rendered table), and every printed scaled number (``3.858 GMACs``)."""
    scaled = [parse_number(m)[0] for m in NUMBER.finditer(text) if m["scale"] or m["e"] or m["p"]]
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return [float(m[0].replace("_", "")) for m in CODE_NUMBER.finditer(text)] + scaled


_METRIC_SCALE = {"params_millions": 1e6, "gmacs": 1e9, "gflops": 1e9}


@functools.cache
def registry_figures() -> dict[tuple[float, bool], str]:
    """Every published figure of the registry, (in plain units, a percentage?) → where it was published."""
    from cnnref.models import list_models, model_info
    from cnnref.models._registry import METRICS

    figures = {}
    for name in list_models():
        for figure in model_info(name).figures:
            value = figure.value * _METRIC_SCALE.get(figure.metric, 1)
            figures[value, METRICS[figure.metric].startswith("%")] = f"{name} {figure.metric} ({figure.source})"
    return figures


@functools.cache
def paper_urls() -> frozenset[str]:
    from cnnref.models import list_models, model_info

    return frozenset(info.paper.url for info in map(model_info, list_models()) if info.paper)


@functools.cache
def pinned_versions() -> frozenset[str]:
    """The versions that pyproject.toml, the Makefile and README pin."""
    text = "".join((ROOT / f).read_text(encoding="utf-8") for f in ("pyproject.toml", "Makefile", "README.md"))
    return frozenset(re.findall(r"\d+\.\d+\.\d+", text))


_REFERENCE = re.compile(
    r"(?:\b(?:[Ss]ections?|Sec\.|[Tt]ables?|[Ff]igures?|Figs?\.|[Ee]quations?|Eqs?\.|[Ss]teps?|[Ss]tages?|[Bb]locks?)|[表图式节]|步骤)"
    r"\s*\(?(?:(?:\(\d+\)|\d[\d.]*[a-z]?)\s*(?:,|and|or|与|和|、|及|–|-|to|至)\s*\(?)*$"
)
_YEAR_CONTEXT = re.compile(r"(?:et al\.,?|等|[A-Z][a-z]+,?|&|[(（]|ILSVRC[- ]?|\bthe|CVPR|ICLR|NIPS|NeurIPS|IEEE|in|of|[，,；;]|发表于|于)\s*$")


@dataclass(frozen=True)
class Rule:
    """One explicit rule for a structural number: its name and a test on the claim in its line."""

    name: str
    holds: Callable[[Page, Claim, str], bool]


def _is_int(claim: Claim, low: float = 0, high: float = math.inf) -> bool:
    return claim.unit == 1 and not claim.percent and claim.value == int(claim.value) and low <= claim.value <= high


def _ordinal(page: Page, claim: Claim, line: str) -> bool:
    """An ordered list's marker ``N.`` that counts up from 1 in its list."""
    line = page.prose[claim.line - 1]
    match = re.match(r"[ \t]*(\d+)\.[ \t]", line)
    if match is None or match[1] != claim.text or not line.endswith(line[match.end(1) - len(line):]):
        return False
    indent = len(line) - len(line.lstrip())
    previous = [p for p in reversed(page.prose[: claim.line - 1]) if p.strip()]
    for earlier in previous:
        found = re.match(r"[ \t]*(\d+)\.[ \t]", earlier)
        if found and len(earlier) - len(earlier.lstrip()) == indent:
            return int(found[1]) + 1 == claim.value
        if len(earlier) - len(earlier.lstrip()) <= indent and not found:
            break
    return claim.value == 1


STRUCTURAL: tuple[Rule, ...] = (
    Rule("a list ordinal (counts up from 1)", _ordinal),
    Rule("a version pinned in pyproject.toml, the Makefile or README",
         lambda page, claim, line: line[claim.start:claim.end].strip() in pinned_versions()),
    Rule("a section, table, figure, equation, step, stage or block number (Section 3.3, 第 3.3 节, 表 1, 图 2)",
         lambda page, claim, line: bool(_REFERENCE.search(line[: claim.start]) or re.match(r"(?:\s*[、,，和与]\s*\d[\d.]*)*\s*[节章步]", line[claim.end:]))),
    Rule("an arXiv identifier (arXiv:1512.03385) or an issue number (pytorch/vision#906) that a link"
         " on the page or a paper of the registry has",
         lambda page, claim, line: bool(re.search(r"(?:arXiv:|#)$", line[: claim.start])) and bool(
             re.search(rf"[/:]{re.escape(claim.text)}(?![\d.])", page.urls))),
    Rule("a product's model number (GTX 580)",
         lambda page, claim, line: bool(re.search(r"\b(?:GTX|RTX|Tesla [A-Z]?)\s*$", line[: claim.start]))),
    Rule("a month in a date (2015 年 12 月, December 2015)",
         lambda page, claim, line: _is_int(claim, 1, 12) and bool(re.match(r"\s*月", line[claim.end:]))),
    Rule("a version of a package whose exact version is pinned (torchvision 0.29)",
         lambda page, claim, line: bool(re.search(r"\b(?:torch|torchvision|Python|MkDocs|Material)\s*[≥=<>]*\s*$", line[: claim.start]))
         and any(v.startswith(claim.text) for v in pinned_versions())),
    Rule("a year (1950-2030) after an author, a venue or an opening bracket, or before 年",
         lambda page, claim, line: _is_int(claim, 1950, 2030) and (
             bool(_YEAR_CONTEXT.search(line[: claim.start])) or line[claim.end:].lstrip().startswith("年"))),
)
"""The explicit rules for structural numbers; each says what it recognises."""


def structural_rule(page: Page, claim: Claim) -> Rule | None:
    """The structural rule that recognises ``claim``, if any. The rules see the claim's line
    after the end of the previous line, so that a wrapped "Section\\n3.3" still reads as one."""
    previous = page.prose[claim.line - 2].rstrip() + " " if claim.line > 1 else ""
    line = previous + page.prose[claim.line - 1]
    shifted = Claim(claim.line, claim.text, claim.value, claim.unit, claim.percent,
                    claim.start + len(previous), claim.end + len(previous))
    return next((rule for rule in STRUCTURAL if rule.holds(page, shifted, line)), None)


@dataclass(frozen=True)
class Failure:
    page: str
    line: int
    number: str
    expected: str

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}: {self.number!r}: {self.expected}"


def classify(page: Page, claim: Claim) -> str | None:
    """``"computed"``, ``"cited"``, ``"structural"``, or None when nothing anchors the claim."""
    if structural_rule(page, claim) is not None:
        return "structural"
    if claim.unit == 0:  # a version (x.y.z) that no rule recognises
        return None
    if claim in page.table_entries() or page.cited[claim.percent].find(claim, fractions=False) is not None:
        return "cited"
    group = _group(page.prose[claim.line - 1], claim)
    if group is not None and len(set(group)) > 1:
        # "28×28×192" or `(1, 3, 17, 17)`: the code must produce the whole sequence
        return "computed" if _sequence_in(group, page.flat_code) else None
    argument = _argument(page.prose[claim.line - 1], claim) if group is None else None
    if argument is not None and claim.value != _DEFAULTS.get(argument):
        # "stride 2", "步幅为 2", `padding=1`: the code passes or asserts that argument that value
        found = re.search(rf"\b{argument}==?[(\[]?(?:\d+,)*{re.escape(claim.text)}(?![\d.])", page.flat_code)
        return "computed" if found else None
    if page.computed.find(claim) is not None:
        return "computed"
    return None


_ARGUMENTS = {
    "stride": "stride", "步幅": "stride", "padding": "padding", "填充": "padding",
    "dilation": "dilation", "膨胀": "dilation", "groups": "groups", "kernel_size": "kernel_size",
}
_DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1}  # PyTorch's, for nn.Conv2d
_ARGUMENT = re.compile(rf"(?:\b|`)({'|'.join(_ARGUMENTS)})(?:=|\s*(?:of|为|=)?\s*)$")


def _argument(line: str, claim: Claim) -> str | None:
    """The PyTorch argument that names the claim right before it (``stride 2``, ``步幅为 2``,
    ``padding=1``), if any."""
    match = _ARGUMENT.search(line[: claim.start])
    return _ARGUMENTS[match[1]] if match and claim.unit == 1 and not claim.percent else None


_TIMES_GROUP = re.compile(r"\d+(?:\.\d+)?(?:[×x]\d+(?:\.\d+)?)+(?![\w.])")  # 7×7×512, not 6 × 512
_TUPLE = re.compile(r"`[^`]*?[(\[](\d+(?:\.\d+)?(?:,\s*\d+(?:\.\d+)?)+)[)\]][^`]*`")


def _sequence_in(group: tuple[str, ...], code: str) -> bool:
    """Whether ``code`` has ``A,B,C``, ``A×B×C`` or ``A*B*C``, or the channels-first ``C,A,B`` of an
    ``H×W×C`` shape (PyTorch writes ``(N, C, H, W)``)."""
    orders = {group, group[-1:] + group[:-1]}
    return any(re.search(rf"(?<![\d.])(?:{'|'.join(re.escape(s.join(o)) for s in (',', '×', '*'))})(?![\d.])", code) for o in orders)


def _group(line: str, claim: Claim) -> tuple[str, ...] | None:
    """The numbers of the ``A×B×C`` product or the ``(A, B, C)`` tuple in inline code that
    ``claim`` belongs to, if it belongs to one."""
    for match in _TIMES_GROUP.finditer(line):
        if match.start() <= claim.start < match.end():
            return tuple(re.split(r"[×x]", match[0]))
    for match in _TUPLE.finditer(line):
        if match.start(1) <= claim.start < match.end(1):
            return tuple(re.split(r",\s*", match[1]))
    return None


def _expected(page: Page) -> str:
    return (f"a value this page's code or markers produce (at the precision shown), a figure of "
            f"the registry or of its table of cited figures ({' / '.join(CITED_HEADINGS)}), or a structural number "
            f"(tests/docs_numbers.py STRUCTURAL); nothing on the page produces it")


def check(page: Page) -> list[Failure]:
    """Every claim of ``page`` that nothing anchors, and every cited figure no prose uses."""
    failures = [Failure(page.name, c.line, c.text, _expected(page)) for c in page.claims() if classify(page, c) is None]
    used = Values([c.value for c in page.claims() if c not in page.table_entries()])
    for entry in page.table_entries():
        if used.find(entry) is None:
            failures.append(Failure(page.name, entry.line, entry.text, "a cited figure that the page's prose states; no prose states it"))
    return failures


def _key(claim: Claim) -> str:
    """The claim's number, normalised: ``2,556 万`` and ``25.56 million`` give one key."""
    if claim.unit == 0:  # a version is its text
        return claim.text
    return f"{claim.value:.10g}{'%' if claim.percent else ''}"


def check_twins(zh: Page, en: Page) -> list[Failure]:
    """Where the twins disagree: a number that one states more often than the other (after
    normalisation, so ``2,556 万`` and ``25.56 million`` are one number). Each failure names
    the twin's occurrences that have no counterpart."""
    claims = {page.lang: list(page.claims()) for page in (zh, en)}
    counts = {lang: Counter(map(_key, found)) for lang, found in claims.items()}
    failures = []
    for page, other in ((zh, en), (en, zh)):
        extra = counts[page.lang] - counts[other.lang]
        for claim in reversed(claims[page.lang]):  # the last occurrences are the unmatched ones
            if extra[_key(claim)] > 0:
                extra[_key(claim)] -= 1
                failures.append(Failure(page.name, claim.line, claim.text,
                                        f"its twin docs/{other.name} to state it as often: there "
                                        f"{counts[other.lang][_key(claim)]} times, here {counts[page.lang][_key(claim)]}"))
    return sorted(failures, key=lambda f: (f.page, f.line))


def twins() -> list[tuple[str, str]]:
    return [(name, name.replace(".zh.md", ".en.md")) for name in page_names() if name.endswith(".zh.md")]
