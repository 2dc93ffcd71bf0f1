"""What a page states outside code (its claims) and what its code produces.

``Page.parse`` splits a Markdown page into prose, with code masked out so that offsets stay
those of the source, and code: every fenced block (Python comments removed: a comment states,
it does not compute) and every marker's rendering. ``Claim`` is one number of the prose with
its value in plain units and the precision it is written at; ``NUMBER`` reads the digit forms
of both languages (``25,557,032``, ``2,556 万``, ``25.6 million``, ``3.6×10⁹``, ``15.3%``).
The checker on top of it is ``tests/docs_numbers.py``.
"""

from __future__ import annotations

import bisect
import functools
import re
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
    r"(?:(?<=(?<![\d.,])10)(?P<power>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[eE](?P<e>[-+]?\d+)|\s*(?:×|x|\\times|\\cdot)\s*10(?:\^\{?|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]))(?P<p>[-⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)\}?)?"
    r"(?:\s?(?P<scale>thousand|million|billion|百万|千|万|亿|[kKMG](?!AC|PU|\s*[+=-])(?=[A-Z]|\b|[\s)|,.，。）]|$)))?"
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
    if match["power"]:  # 10⁶ on its own: the power of ten
        power = 10.0 ** int(match["power"].translate(_SUPERSCRIPT))
        return power, power, False
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
    sections: list[int]  # for each line, the number of its ``##`` section (0: before the first)
    blocks: list[tuple[range, str]]  # each fenced block and marker: its lines (1-based) and what it produces

    @classmethod
    def parse(cls, name: str, source: str) -> Page:
        from cnnref.site.markers import MARKER, expand

        lang = name.rsplit(".", 2)[-2]
        prose: list[str] = []
        sections: list[int] = []
        blocks: list[tuple[range, str]] = []
        body: list[str] = []
        fence, python, section, first = None, False, 0, 0
        lines = source.splitlines()
        for number, line in enumerate(lines, 1):
            section += fence is None and re.match(r"##? ", line) is not None
            sections.append(section)
            opening = FENCE.match(line)
            if fence is None and opening:
                fence, python, first, body = opening["fence"], bool(PYTHON_FENCE.match(line[opening.end():])), number, []
            elif fence is not None:
                if opening and opening["fence"].startswith(fence) and not line.strip(" \t`~"):
                    fence = None
                    blocks.append((range(first, number + 1), "\n".join(body)))
                else:
                    body.append(_without_comment(line) if python else line)
            elif MARKER.match(line):
                # the page above it: a plot marker draws the table printed there
                blocks.append((range(number, number + 1), expand(line, lang, before="\n".join(lines[: number - 1]))))
            else:
                prose.append(_mask(line))
                continue
            prose.append(" " * len(line))
        if fence is not None:  # a block left open runs to the end of the page
            blocks.append((range(first, len(lines) + 1), "\n".join(body)))
        code = "\n".join(text for _, text in blocks)
        return cls(name, lang, source, prose, code, _cited_lines(prose), sections, blocks)

    def near_values(self, line: int) -> Values:
        """What the code next to prose line ``line`` produces: the last block before it and the
        first after it, in its ``##`` section (the check that follows a paragraph, the output it
        explains)."""
        section = self.sections[line - 1]
        before = [text for lines, text in self.blocks if lines.stop <= line and self.sections[lines.start - 1] == section]
        after = [text for lines, text in self.blocks if lines.start > line and self.sections[lines.start - 1] == section]
        code = "\n".join(before[-1:] + after[:1])
        if code not in self.values_of:
            self.values_of[code] = Values(code_values(code))
        return self.values_of[code]

    @functools.cached_property
    def values_of(self) -> dict[str, Values]:
        """The values of code text already read (``near_values``), by the text."""
        return {}

    @functools.cached_property
    def section_code(self) -> dict[int, str]:
        """What each ``##`` section's code and markers produce."""
        found: dict[int, list[str]] = {}
        for lines, text in self.blocks:
            found.setdefault(self.sections[lines.start - 1], []).append(text)
        return {section: "\n".join(texts) for section, texts in found.items()}

    @functools.cached_property
    def lines(self) -> list[str]:
        """The source's lines."""
        return self.source.splitlines()

    @functools.cached_property
    def computed(self) -> Values:
        return Values(code_values(self.code))

    @functools.cached_property
    def section_flat(self) -> dict[int, str]:
        """The code of each ``##`` section, flat (``flat``), where its sequences are searched."""
        return {section: flat(code) for section, code in self.section_code.items()}

    def section_flat_at(self, line: int) -> str:
        """The flat code of the ``##`` section that line ``line`` is in ("" if it has none)."""
        return self.section_flat.get(self.sections[line - 1], "")

    @functools.cached_property
    def cited(self) -> dict[bool, Values]:
        """The value column of the page's table of cited figures, percentages (``True``) apart
        from the rest: ``17.0`` (a % error) cites no "17"."""
        entries = [(c.value, c.percent) for c in self.table_entries()]
        return {percent: Values([v for v, p in entries if p == percent]) for percent in (False, True)}

    @functools.cached_property
    def named_models(self) -> frozenset[str]:
        """The registry's models that the page names (``models_named_in``)."""
        return models_named_in(self.source)

    @functools.cached_property
    def urls(self) -> str:
        """The page's link destinations and the registry's paper links, one per line."""
        return "\n".join(re.findall(r"https?://[^\s)>\]]+", self.source) + list(paper_urls()))

    @functools.cached_property
    def flat_code(self) -> str:
        """The code without whitespace, ``3.`` and ``3.0`` as ``3``: where sequences are searched."""
        return flat(self.code)

    @functools.cached_property
    def line_values(self) -> list[Values]:
        """The values of each line of the code, for a column the code prints one a line."""
        return [Values(code_values(line)) for line in self.code.splitlines()]

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


def models_named_in(text: str) -> frozenset[str]:
    """The registry's models that ``text`` names: ``ResNet-50``, ``resnet50`` or
    ``resnet50_paper`` name ``resnet50_paper`` (and ``resnet50``)."""
    from cnnref.models import list_models

    named = re.sub(r"(?<=[a-z])-(?=\d)", "", text.lower())  # ResNet-50 names resnet50
    return frozenset(model for model in list_models()
                     if re.search(rf"\b{re.escape(re.sub(r'_(?:paper|bn)$', '', model))}(?!\d)", named))


def flat(text: str) -> str:
    """``text`` without whitespace, ``3.`` and ``3.0`` as ``3``: how code is searched."""
    return re.sub(r"(?<=\d)\.0*(?![\d])", "", re.sub(r"\s+", "", text))


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
        # a literal 0.8 is a fraction (80%), not 0.8%: below 1% only the fraction 0.008 counts
        targets = [claim.value] + ([claim.value / 100] if claim.percent and fractions else [])
        units = [claim.unit, claim.unit / 100]
        if claim.percent and fractions and claim.value < 1:
            targets, units = targets[1:], units[1:]
        for target, unit in zip(targets, units):
            half = unit / 2 * (1 + 1e-9) if unit < 1 or target != int(target) or claim.unit > 1 else 0.0
            i = bisect.bisect_left(self.values, target - half - 1e-12)
            if i < len(self.values) and self.values[i] <= target + half + 1e-12:
                return self.values[i]
        return None


def code_values(text: str) -> list[float]:
    """Every numeric literal of code or rendered text (``25_557_032``, ``0.153``, ``1e-05``,
    ``25,557,032`` in a rendered table), and every printed scaled number (``3.858 GMACs``)."""
    scaled = [parse_number(m)[0] for m in NUMBER.finditer(text) if m["scale"] or m["e"] or m["p"] or m["power"]]
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return [float(m[0].replace("_", "")) for m in CODE_NUMBER.finditer(text)] + scaled


@functools.lru_cache(maxsize=256)  # a page's mutations share its code (tests/docs_mutations.py)
def code_lines(code: str) -> tuple[tuple[float, ...], ...]:
    """The values of each line of ``code`` that has more than one, for a row of a table or a run
    of numbers that one line of the code must hold."""
    return tuple(values for values in (tuple(code_values(line)) for line in code.splitlines()) if len(values) > 1)


METRIC_SCALE = {"params_millions": 1e6, "gmacs": 1e9, "gflops": 1e9}  # a metric's unit in plain units


@functools.cache
def registry_figures() -> tuple[tuple[float, bool, str, str, str, str], ...]:
    """Every published figure of the registry: (in plain units, a percentage?, the model it is
    of, its metric, its source, its note)."""
    from cnnref.models import list_models, model_info
    from cnnref.models._registry import METRICS

    return tuple((figure.value * METRIC_SCALE.get(figure.metric, 1), METRICS[figure.metric].startswith("%"), name, figure.metric, figure.source,
                  figure.note)
                 for name in list_models() for figure in model_info(name).figures)


@functools.cache
def paper_urls() -> frozenset[str]:
    from cnnref.models import list_models, model_info

    return frozenset(info.paper.url for info in map(model_info, list_models()) if info.paper)


@functools.cache
def pinned_versions() -> frozenset[str]:
    """The versions that pyproject.toml, the Makefile and README pin."""
    text = "".join((ROOT / f).read_text(encoding="utf-8") for f in ("pyproject.toml", "Makefile", "README.md"))
    return frozenset(re.findall(r"\d+\.\d+\.\d+", text))


@functools.cache
def page_titles(lang: str) -> frozenset[str]:
    """The titles (the ``# `` heading) of the site's pages in ``lang``, lower case."""
    titles = set()
    for name in page_names():
        if name.endswith(f".{lang}.md"):
            found = re.search(r"^# (.+)$", (DOCS / name).read_text(encoding="utf-8"), re.M)
            titles.update([found[1].strip().lower()] if found else [])
    return frozenset(titles)


def twins() -> list[tuple[str, str]]:
    return [(name, name.replace(".zh.md", ".en.md")) for name in page_names() if name.endswith(".zh.md")]
