"""One language of a bilingual docstring, for the API reference of that language.

The package's docstrings say everything in English, then in Chinese: whole paragraphs, a
Chinese line under an English paragraph, or an English sentence and its Chinese twin on one
line (``Slow on purpose. 故意写得慢。``). The Markdown of a docstring section is cut into
segments at every line break, and where a sentence in one script ends and one in the other
begins; a segment is Chinese when it has at least as many wide characters as Latin words
(code spans, math, links' targets and URLs left out), English when it has more words, and
otherwise neutral (math, numbers): it goes with the segment before it. Where a section has
both languages, the other language's segments are dropped; code blocks, math blocks and
monolingual sections (an ``Args:`` entry) stay as they are. A list keeps its items' markers;
a table is kept or dropped whole.

双语文档字符串按语言拆分：一节中同时有中英文时，只保留页面语言的段落与句子；代码块、公式和单语的
小节原样保留。

Examples:
    >>> from cnnref.site.bilingual import one_language
    >>> text = "Slow on purpose. 故意写得慢。\\n\\n$$n + 2p$$\\n\\n1. take a kernel; 取一个卷积核；"
    >>> print(one_language(text, "zh"))
    故意写得慢。
    <BLANKLINE>
    $$n + 2p$$
    <BLANKLINE>
    1. 取一个卷积核；
    >>> print(one_language(text, "en"))
    Slow on purpose.
    <BLANKLINE>
    $$n + 2p$$
    <BLANKLINE>
    1. take a kernel;
"""

from __future__ import annotations

import re

from cnnref.i18n import check_lang
from cnnref.site.anchors import FENCE
from cnnref.site.cjk import WIDE

# What does not count towards a segment's language: code spans, math, URLs, link targets.
_NOT_PROSE = re.compile(r"(`+).+?\1|\$\$.+?\$\$|\$[^$\n]+\$|\\\(.+?\\\)|https?://\S+|\]\[[^\]]*\]|\]\([^)]*\)", re.S)
# Where a segment ends: a line break, or an English sentence or clause end before a Chinese
# one, or a Chinese sentence end before an English one.
_CUT = re.compile(rf"\n|(?<=[.;:!?])[ \t]+(?=[{WIDE}])|(?<=[。；！？])[ \t]*(?=[A-Za-z])")
_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)")


def language_of(text: str) -> str | None:
    """``"zh"``, ``"en"`` or None (neither: math, numbers, code) for a piece of Markdown."""
    prose = _NOT_PROSE.sub(" ", text)
    wide = len(re.findall(f"[{WIDE}]", prose))
    words = len(re.findall(r"[A-Za-z]+", prose))
    return "zh" if wide and wide >= words else "en" if words else None


def _segments(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into segments (each with the separator before it) and their languages;
    a neutral segment takes its predecessor's language (the first ones, their successor's)."""
    masked = _NOT_PROSE.sub(lambda m: "x" * len(m.group(0)), text)  # no cut inside code or math
    starts = [0] + [m.start() for m in _CUT.finditer(masked) if m.start() > 0]
    pieces = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    languages = [language_of(piece) for piece in pieces]
    for i in range(1, len(languages)):
        languages[i] = languages[i] or languages[i - 1]
    first = next((language for language in languages if language), None)
    return [(piece, language or first) for piece, language in zip(pieces, languages)]


def _blocks(text: str) -> list[str]:
    """The blocks of ``text``: separated by blank lines, a fenced code block whole."""
    blocks: list[list[str]] = [[]]
    fence = None
    for line in text.split("\n"):
        if fence is None and not line.strip():
            blocks.append([])
            continue
        blocks[-1].append(line)
        opening = FENCE.match(line)
        if opening and fence is None:
            fence = opening.group(1)
        elif opening and opening.group(1).startswith(fence or "-") and len(opening.group(1)) >= len(fence or ""):
            fence = None
    return ["\n".join(lines) for lines in blocks if lines]


def _kind(block: str) -> str:
    """``"code"`` (fenced or indented, or math alone: no language), ``"table"`` or ``"prose"``."""
    lines = block.split("\n")
    if FENCE.match(block) or all(line.startswith(("    ", "\t")) for line in lines) or language_of(block) is None:
        return "code"
    return "table" if all(line.lstrip().startswith("|") for line in lines) else "prose"


def _languages(block: str) -> set[str | None]:
    kind = _kind(block)
    return {language for _, language in _segments(block)} if kind == "prose" else {language_of(block)} if kind == "table" else set()


def _items(block: str) -> list[tuple[str, str]]:
    """A block as list items, each its marker and its text; a paragraph is one item with no marker."""
    items: list[tuple[str, str]] = []
    for line in block.split("\n"):
        marker = _ITEM.match(line)
        if marker or not items:
            prefix = marker.group(1) if marker else ""
            items.append((prefix, line[len(prefix):]))
        else:
            items[-1] = (items[-1][0], items[-1][1] + "\n" + line)
    return items


def one_language(text: str, lang: str) -> str:
    """The Markdown ``text`` of one docstring section in ``lang`` alone, where it has both
    languages; otherwise ``text`` itself.

    Raises:
        ValueError: ``lang`` is not a language of the site.
    """
    check_lang(lang)
    blocks = _blocks(text)
    if set().union(*map(_languages, blocks)) != {"en", "zh"}:
        return text
    kept = []
    for block in blocks:
        if _kind(block) != "prose":  # code as it is; a table whole, in its language
            if _kind(block) == "code" or language_of(block) == lang:
                kept.append(block)
            continue
        items = [(marker, "".join(piece for piece, language in _segments(body) if language == lang).strip())
                 for marker, body in _items(block)]
        if any(mine for _, mine in items):
            kept.append("\n".join(marker + mine for marker, mine in items if mine))
    return "\n\n".join(kept)
