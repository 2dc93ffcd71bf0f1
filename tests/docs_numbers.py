"""Every number a page states outside code is anchored: computed, cited or structural.

A page's *claims* (``tests/docs_claims.py``) are the numbers of its prose, lists, headings,
admonitions, hand-written tables, inline math and inline code spans (a shape such as
``(1, 3, 17, 17)`` in backticks is a claim). Its fenced code blocks and the text its markers
render are what it *produces*. Each claim must be one of:

* **computed**: at the precision shown, a value the page produces; a number of one or two
  digits (``3``, ``34``, ``0.5``, ``96%``), which nearly every page's code has somewhere, only
  by the code next to it (the last block before its line and the first after it, in its ``##``
  section). A product ``28×28×192`` or a tuple in inline code must be produced by its section's
  code as that sequence, at the end of a sequence of the code (a pair ``A×B`` in its own order;
  a kernel that is not square, such as ``1×7``, also by its section's code); a square ``3×3`` as a kernel or a size of the code,
  a sequence ``3, 3`` or the start of a page's title (``1×1 convolution``), and a product before
  a layer (``3×3 convolution``, ``1×7 kernel``) as a kernel the code builds; the stride of a
  ``3×3/2`` window with that window; an enumeration (``3、4、6、3``, ``96/256/384``) as
  consecutive values of one line of code or a column it prints; an inline code span that is
  code (``padding=(1, 2)``) as written in the code; a number of an equation, in inline math or
  in prose, by the equation holding (``$2 \\cdot 9C^2 = 18C^2$``, ``128·4·4 = 2,048``); a
  number of channels or kernels as one the code has; and a number named by a PyTorch argument
  (``stride 2``, ``步幅为 2``, ``padding=1``, ``a kernel of 3``) or assigned in inline math
  (``$s = 2$``, ``$z = s = 2$``: s, p, k, z and d stand for stride, padding, kernel and dilation)
  as that argument's value; a seed or a number of epochs ("seed 0", "8 轮") as the code's;
* **cited**: a published figure of the registry (``model_info(name).figures``) of a model the
  page names, as published (``3.8×10⁹`` or "3.8 GFLOPs", not 3.664 rounded), in a sentence that
  names its metric, for the model and from the table the sentence names, if it names one, and
  of as many models as its clause or the next sentence says (an ensemble's size stated: "seven
  CNNs", "七个网络"; one model's figure in no clause about an ensemble); a figure of a named
  model and a metric its sentence names is that figure's alone, and so is a scaled number or a
  percentage of one or two significant digits in a sentence that names a table and a metric
  (``3.8×10⁹ FLOPs (Table 1)``): no value of the code rescues either; a number of crops that a
  figure's note gives ("10-crop"); or an entry of the page's own table of cited figures (heading
  "Cited figures" / "引用的数字"; columns value, what, source), which the prose must use;
* **structural**: in the context of one of ``STRUCTURAL``'s explicit rules, and holding by it.
  A claim in a rule's context is that rule's alone: nothing else rescues it.

And a zh page and its en twin state each number equally often once digit forms are normalised
(``25,557,032``, ``2,556 万``, ``25.56 million``, ``3.6×10⁹``, ``15.3%``, ``4th`` = ``第 4``).
``check(page)`` and ``check_twins(zh, en)`` return the failures, each naming the page, the
line, the number and what was expected.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cnnref.models import Paper, list_models, model_info
from tests import paper_parts
from tests.docs_claims import (CITED_HEADINGS, METRIC_SCALE, Claim, Page, Values, code_lines, flat, load, models_named_in,
                               page_names, page_titles, pinned_versions, registry_figures, twins)

__all__ = ["STRUCTURAL", "Failure", "Rule", "check", "check_twins", "classify", "load", "page_names", "twins"]


_REFERENCE = re.compile(
    r"(?:\b(?:[Ss]ections?|Sec\.|[Cc]hapters?|[Tt]ables?|[Ff]igures?|Figs?\.|[Ee]quations?|Eqs?\.|[Ss]teps?|[Ss]tages?|[Bb]locks?)|[表图式节]|步骤)"
    r"\s*\(?(?:(?:\(\d+\)|\d[\d.]*[a-z]?)\s*(?:,|and|or|与|和|、|及|–|-|to|至)\s*\(?)*$"
)
_YEAR_CONTEXT = re.compile(r"(?:et al\.,?|等|[A-Z][a-z]+,?|&|[(（]|ILSVRC[- ]?|\bthe|CVPR|ICLR|ICML|ICCV|ECCV|MICCAI|TPAMI|NIPS|NeurIPS|IEEE|in|of|[，,；;]|发表于|于)\s*$")


@dataclass(frozen=True)
class Rule:
    """One explicit rule for a structural number: its name, where it applies (the claim's
    context in its line) and what then must hold. A claim in a rule's context is that rule's to
    anchor: a list marker that stops counting up is not rescued by a value the code happens to
    produce."""

    name: str
    applies: Callable[[Page, Claim, str], bool]
    holds: Callable[[Page, Claim, str], bool] = lambda page, claim, line: True


def _is_int(claim: Claim, low: float = 0, high: float = math.inf) -> bool:
    return claim.unit == 1 and not claim.percent and claim.value == int(claim.value) and low <= claim.value <= high


_LIST_ITEM = re.compile(r"[ \t]*(\d+)\.[ \t]")


def _marker(page: Page, claim: Claim, line: str) -> bool:
    """The claim is the marker ``N.`` that opens an ordered list's item: at the start of a line
    that does not continue a paragraph (after a blank line, a list item or an indented line)."""
    own = page.prose[claim.line - 1]
    match = _LIST_ITEM.match(own)
    if match is None or match.end(1) != claim.end - len(line) + len(own):
        return False
    before = page.prose[claim.line - 2] if claim.line > 1 else ""
    return not before.strip() or before[0] in " \t-*" or _LIST_ITEM.match(before) is not None


def _counts_up(page: Page, claim: Claim, line: str) -> bool:
    """The list marker counts up from 1 in its list."""
    line = page.prose[claim.line - 1]
    indent = len(line) - len(line.lstrip())
    previous = [p for p in reversed(page.prose[: claim.line - 1]) if p.strip()]
    for earlier in previous:
        found = _LIST_ITEM.match(earlier)
        if found and len(earlier) - len(earlier.lstrip()) == indent:
            return int(found[1]) + 1 == claim.value
        if len(earlier) - len(earlier.lstrip()) <= indent and not found:
            break
    return claim.value == 1


_LABEL = re.compile(r"(\*\*(?:Exercise |练习 )?|Stage |第 )(\d+)(\.\*\*|[:,]| 段)")


def _label(page: Page, claim: Claim, line: str) -> bool:
    """The claim numbers a paragraph that opens with it: **2.**, **Exercise 2.**, **练习 2.**,
    Stage 2:, 第 2 段."""
    match = _LABEL.match(page.prose[claim.line - 1])
    return match is not None and match.end(2) == claim.end - len(line) + len(page.prose[claim.line - 1])


def _labels_count_up(page: Page, claim: Claim, line: str) -> bool:
    """The label is 1 more than the previous label of its kind in its section, or 1."""
    kind = _LABEL.match(page.prose[claim.line - 1])
    assert kind is not None
    for earlier in reversed(page.prose[: claim.line - 1]):
        if earlier.startswith("#"):
            break
        found = _LABEL.match(earlier)
        if found and (found[1], found[3].replace(",", ":")) == (kind[1], kind[3].replace(",", ":")):
            return int(found[2]) + 1 == claim.value
    return claim.value == 1


_NAME_CONTINUED = re.compile(r"\b(ResNet|VGG)-(\d+)(?:\s*(?:/|,|、|and|和|与)\s*\d+)*\s*(?:/|,|、|and|和|与)\s*$")


STRUCTURAL: tuple[Rule, ...] = (
    Rule("a list ordinal (counts up from 1)", _marker, _counts_up),
    Rule("a paragraph's label (**2.**, **Exercise 2.**, **练习 2.**, Stage 2:, 第 2 段; counts up from 1 in its section)",
         _label, _labels_count_up),
    Rule("a version pinned in pyproject.toml, the Makefile or README",
         lambda page, claim, line: claim.unit == 0,
         lambda page, claim, line: line[claim.start:claim.end].strip() in pinned_versions()),
    Rule("a section, table, figure, equation, step, stage or block number (Section 3.3, 第 3.3 节, 表 1, 图 2);"
         " of a paper in tests/paper_parts.py, a part it has whose topic its sentence names",
         lambda page, claim, line: bool(_REFERENCE.search(line[: claim.start]) or re.match(r"(?:\s*[、,，和与]\s*\d[\d.]*)*\s*[节章步]", line[claim.end:])),
         lambda page, claim, line: _part_holds(page, claim.start - len(line) + len(page.prose[claim.line - 1]), claim)),
    Rule("an arXiv identifier (arXiv:1512.03385) or an issue number (pytorch/vision#906) that a link"
         " on the page or a paper of the registry has",
         lambda page, claim, line: bool(re.search(r"(?:arXiv:|\w#)$", line[: claim.start])),
         lambda page, claim, line: bool(re.search(rf"[/:]{re.escape(claim.text)}(?![\d.])", page.urls))),
    Rule("a depth that continues a model's name (ResNet-18/34, ResNet-18 和 34): a registry model of that"
         " family and depth, a _paper one only where the first is",
         lambda page, claim, line: _NAME_CONTINUED.search(line[: claim.start]) is not None,
         lambda page, claim, line: _continues_a_name(claim, line)),
    Rule("a number in the quoted title of a work the page's references list (\"A 60 Minute Blitz\"),"
         " as an entry quotes it",
         lambda page, claim, line: _quoted_title(line, claim) is not None,
         lambda page, claim, line: any(str(_quoted_title(line, claim)) in re.sub(r"\s+", " ", text) for _, text in _entries(page))),
    Rule("a journal's volume and issue (86(11)), as the registry's paper of a model the page names gives its venue",
         lambda page, claim, line: _volume(line, claim) is not None,
         lambda page, claim, line: any(str(_volume(line, claim)) in paper.venue for paper in _named_papers(page))),
    Rule("a month in a date (2015 年 12 月, December 2015)",
         lambda page, claim, line: bool(re.match(r"\s*月", line[claim.end:])),
         lambda page, claim, line: _is_int(claim, 1, 12)),
    Rule("a version of a package whose exact version is pinned (torchvision 0.29)",
         lambda page, claim, line: bool(re.search(r"\b(?:torch|torchvision|Python|MkDocs|Material)\s*[≥=<>]*\s*$", line[: claim.start])),
         lambda page, claim, line: any(v.startswith(claim.text) for v in pinned_versions())),
    Rule("a year (1950-2030) after an author, a venue or an opening bracket, or before 年; in a"
         " reference entry with an arXiv link, that preprint's year or, where the entry names a venue, up to"
         " two later; 'the 2012 paper', of a model its sentence names or else of the page; after an author"
         " (He et al. 2016, Lin 等 2014), a year of that author's entry in the references or of the"
         " registry's paper, and before a part (Krizhevsky et al. 2012, Section 3.2) that of a paper whose"
         " parts tests/paper_parts.py holds; after a challenge or data set (ILSVRC 2014, ImageNet Fall 2011),"
         " a year the notes of the registry's figures of a named model give it; after a venue (CVPR 2016),"
         " one a reference entry or the registry's paper of a model the page names gives that venue; any"
         " other, a year of the page's references, their arXiv preprints or the registry's papers of the"
         " models the page names",
         lambda page, claim, line: _is_int(claim, 1950, 2030) and (
             bool(_YEAR_CONTEXT.search(line[: claim.start])) or line[claim.end:].lstrip().startswith("年")),
         lambda page, claim, line: _year_bound(page, claim, line)),
)
"""The explicit rules for structural numbers; each says what it recognises."""


def _continues_a_name(claim: Claim, line: str) -> bool:
    """``34`` of ResNet-18/34 is ``resnet34``; of ResNet-20/32, ``resnet32_paper`` (there is no
    ``resnet20``)."""
    found = _NAME_CONTINUED.search(line[: claim.start])
    assert found is not None
    family = found[1].lower()
    suffix = "" if f"{family}{found[2]}" in list_models() else "_paper"
    return f"{family}{claim.text}{suffix}" in list_models()


def _quoted_title(line: str, claim: Claim) -> str | None:
    """The quoted title ("A 60 Minute Blitz", “... in 1 Hour”) that ``claim`` is in, if any: a
    quotation of three words or more that begins with a capital letter."""
    for quote in re.finditer(r"[\"“]([A-Z][^\"”]*)[\"”]", line):
        admonition = re.search(r"[?!]{3}\+?\s+[\w-]+\s*$", line[: quote.start()])  # its title is quoted too
        if quote.start(1) <= claim.start < quote.end(1) and len(quote[1].split()) >= 3 and not admonition:
            return re.sub(r"\s+", " ", quote[1])
    return None


def _volume(line: str, claim: Claim) -> str | None:
    """The ``volume(issue)`` (86(11)) that ``claim`` is in, if any."""
    found = next((m for m in re.finditer(r"(?<![\w.])\d+\(\d+\)", line) if m.start() <= claim.start < m.end()), None)
    return found[0] if found else None


_BLOCK_START = re.compile(r"\s*(?:#|\||\?\?\?|[-*] |\d+\. )")


def sentence_of(page: Page, number: int, start: int) -> tuple[str, int, int, int, str]:
    """The sentence of prose line ``number`` (1-based) at offset ``start``: its paragraph or list
    item joined into one text, the offset in it, the sentence's span (a table row: the row; a
    table's header row: the table) and the text before the offset in its sentence (a table row:
    in its cell)."""
    own = page.prose[number - 1]
    first = last = number - 1
    if not own.lstrip().startswith("|"):  # the paragraph or list item
        while first > 0 and page.prose[first - 1].strip() and not _BLOCK_START.match(page.prose[first]):
            first -= 1
        while last + 1 < len(page.prose) and page.prose[last + 1].strip() and not _BLOCK_START.match(page.prose[last + 1]):
            last += 1
    elif number < len(page.prose) and re.fullmatch(r"\|[\s|:-]+\|", page.prose[number].strip()):
        # a table's header row cites the sources of its columns: the table is its sentence
        last = number
        while last + 1 < len(page.prose) and page.prose[last + 1].lstrip().startswith("|"):
            last += 1
    text = " ".join(page.prose[first: last + 1])
    at = sum(len(l) + 1 for l in page.prose[first: number - 1]) + start
    start, end = (0, len(text)) if own.lstrip().startswith("|") else paper_parts.sentence(text, at)
    if own.lstrip().startswith("|"):  # the source of a cell is the text before it in its own cell
        at_cell = text.rfind("|", 0, at) + 1
        before = text[at_cell:at]
    else:
        before = text[start:at]
    return text, at, start, end, before


def _step_holds(page: Page, claim: Claim) -> bool:
    """"Repeat steps 2 and 3" names earlier items of the ordered list it is in (or follows)."""
    markers, own = [], None
    for line in reversed(page.prose[: claim.line]):
        item = _LIST_ITEM.match(line)
        if item:
            markers.append(int(item[1]))
            own = own or int(item[1])
        elif line.lstrip().startswith("#") or (markers and line.strip() and not line.startswith(" ")):
            break
    if own is not None and _LIST_ITEM.match(page.prose[claim.line - 1]) is None:
        own = None  # the claim's line continues an item or follows the list
    return claim.value in markers and (own is None or claim.value < own)


def _part_holds(page: Page, start: int, claim: Claim) -> bool:
    """A reference to a part of a paper in ``PARTS`` ("Section 3.3", "表 2") names a part that
    paper has, in a sentence (a table row: the row) that names its topic. A reference to
    another paper, or to a step, stage or block of the page, is not checked here."""
    own = page.prose[claim.line - 1]
    end = start + claim.end - claim.start
    after = re.match(r"(?:\s*[、,，和与]\s*\d[\d.]*)*\s*([节章])", own[end:])  # 第 3.3 节, 第 9 章
    kind = paper_parts.kind_of(own[:start]) or (None if after is None else "Section" if after[1] == "节" else "Chapter")
    if kind is None:
        return _step_holds(page, claim) if re.search(r"(?:\b[Ss]teps?|步骤?)\s*(?:\d+\s*(?:,|and|、)\s*)*$", own[:start]) \
            or re.match(r"(?:\s*[、,，和与]\s*\d+)*\s*步", own[end:]) else True
    text, at, start, end, before = sentence_of(page, claim.line, start)
    paper = paper_parts.cited_paper(page.name.rsplit(".", 2)[0], before, text[at:end])
    if paper is None:
        return True
    part = paper_parts.PARTS[paper].get(f"{kind} {claim.text}")
    return part is not None and any(re.search(word, text[start:end], re.I) for word in part[1])


_VENUES = r"CVPR|ICLR|ICML|ICCV|ECCV|NIPS|NeurIPS|MICCAI|TPAMI|Distill"
_VENUE = re.compile(rf"\b({_VENUES})[\s,，]*$")
_AUTHOR = re.compile(r"\b([A-Z][\w-]+)(?: et al\.| 等| (?:&|and|与) [A-Z][\w-]+)?\s*[,，]?\s*[(（]?\s*$")


def _source_years(page: Page) -> set[int]:
    """The years of the page's reference entries and of their arXiv preprints, and of the
    registry's papers of the models the page names."""
    years = set().union(*(entry_years(text) for _, text in _entries(page)))
    years.update(*(_preprint_years(text) for _, text in _entries(page)))
    return years | {paper.year for paper in _named_papers(page)}


def _preprint_years(text: str) -> set[int]:
    """The years of the arXiv preprints that ``text`` links (arxiv.org/abs/1512.03385: 2015)."""
    return {2000 + int(yy) for yy in re.findall(r"arxiv\.org/abs/(\d\d)\d\d\.", text)}


def _named_papers(page: Page) -> set[Paper]:
    """The registry's papers of the models the page names."""
    return {paper for paper in (model_info(model).paper for model in page.named_models) if paper is not None}


def _year_bound(page: Page, claim: Claim, line: str) -> bool:
    """A year of a reference entry is its arXiv preprint's year or, in an entry that names a
    venue, up to two later (SegNet's 2015 preprint is TPAMI 2017); a year after an author's name is a year of that author's
    entries or of the registry's paper by that first author, and a year after a challenge or a
    data set ("ILSVRC 2014", "ImageNet Fall 2011") one that the notes of the registry's figures
    give it; "the 2012 paper" is the paper of a model its sentence names, else of the page (a word that is neither: a year of the page's sources); "Paper (2012)" is the year of the
    paper the page is about; a year after a venue ("CVPR 2016") is one that a reference entry
    or the registry's paper of a model the page names gives that venue; any other year is one of
    the page's sources (``_source_years``)."""
    year = int(claim.value)
    for lines, text in _entries(page):
        if claim.line in lines:
            preprints = _preprint_years(text)
            later = 2 if re.search(rf"\b(?:{_VENUES}|Proceedings|Journal|Transactions)\b", text) else 0
            return not preprints or any(0 <= year - p <= later for p in preprints)
    own = paper_parts.PAGE_PAPERS.get(page.name.rsplit(".", 2)[0], "")  # "He 2016": the page's paper
    if re.search(r"(?:\b[Pp]aper|论文)\s*[(（]$", line[: claim.start]):  # "Paper (2012)": the page's paper's
        return own.endswith(f" {year}")
    if re.match(r"\s*(?:年的?论文|paper\b)", line[claim.end:]):  # "the 2012 paper", "2012 年的论文"
        # the paper of a model its sentence names (`alexnet_paper`), else of the page
        text, _, start, end, _ = sentence_of(page, claim.line, claim.start - len(line) + len(page.prose[claim.line - 1]))
        papers = {model_info(model).paper for model in models_named_in(text[start:end])}
        return year in {paper.year for paper in papers if paper is not None} or (not papers and own.endswith(f" {year}"))
    venue = _VENUE.search(line[: claim.start])
    if venue is not None:  # "CVPR 2016": as a reference entry or the registry's paper of a model named states it
        stated = " ".join([text for _, text in _entries(page)] + [p.venue for p in _named_papers(page)])
        return re.search(rf"\b{venue[1]}[\s,]*{year}\b", re.sub(r"\s+", " ", stated)) is not None
    author = _AUTHOR.search(line[: claim.start])
    if author is None:  # "in 1998", "NIPS 2012", "2015 年": a year the page's sources have
        return year in _source_years(page)
    if re.match(r"\s*[,，]\s*(?:[Ss]ections?\b|[Tt]ables?\b|[Ff]ig(?:ures?\b|s?\.)|第|表|图)", line[claim.end:]):
        # "Krizhevsky et al. 2012, Section 3.2": a paper whose parts tests/paper_parts.py holds
        return f"{author[1]} {year}" in paper_parts.PARTS
    paper = registry_papers().get(author[1])
    years = {paper.year} if paper else set()
    years.update(*(entry_years(t) for _, t in _entries(page) if first_surname(t.lstrip("-0123456789. ")) == author[1]))
    # a challenge or a data set ("ILSVRC 2014", "ImageNet 2011"): a year the registry's notes give it
    years.update(int(y) for y in re.findall(rf"\b{re.escape(author[1])}[\s-]+(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b",
                                            " ".join(_figure_notes(page))))
    return year in (years or _source_years(page))  # no author's, no note's: a year of the page's sources


def _entries(page: Page) -> list[tuple[range, str]]:
    """The entries of the page's references section: their lines and their source text."""
    found = page.__dict__.get("_references")
    if found is None:
        found, lines = [], page.source.splitlines()
        heading = next((i for i, l in enumerate(lines) if re.match(r"## (?:References|参考文献)\b", l)), len(lines))
        for i in range(heading + 1, len(lines)):
            if lines[i].startswith("## "):
                break
            if re.match(r"(?:- |\d+\. )", lines[i]):
                found.append((i + 1, lines[i]))
            elif found and lines[i].startswith(" ") and lines[i].strip() and found[-1][0] + found[-1][1].count("\n") == i:
                found[-1] = (found[-1][0], found[-1][1] + "\n" + lines[i])
        found = [(range(first, first + text.count("\n") + 1), text) for first, text in found]
        page.__dict__["_references"] = found
    return found


def structural_rule(page: Page, claim: Claim) -> tuple[Rule, Claim, str] | None:
    """The structural rule whose context ``claim`` is in, if any, with the claim and line it sees:
    the claim's line after the end of the previous one, so that a wrapped "Section\\n3.3" still
    reads as one."""
    previous = page.prose[claim.line - 2].rstrip() + " " if claim.line > 1 else ""
    line = previous + page.prose[claim.line - 1]
    shifted = Claim(claim.line, claim.text, claim.value, claim.unit, claim.percent,
                    claim.start + len(previous), claim.end + len(previous))
    return next(((rule, shifted, line) for rule in STRUCTURAL if rule.applies(page, shifted, line)), None)


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
    context = structural_rule(page, claim)
    if context is not None:
        rule, shifted, line = context
        return "structural" if rule.holds(page, shifted, line) else None
    if claim in page.table_entries() or page.cited[claim.percent].find(claim, fractions=False) is not None:
        return "cited"
    cited = _registry_cited(page, claim)
    if cited is not None:
        # a published figure of a named model, of a metric its sentence names: that figure's to
        # anchor, not rescued by a value of the code when its table or ensemble is another's
        return "cited" if cited else None
    if _CROPS.match(page.prose[claim.line - 1], claim.end) and _is_int(claim) and _product_at(page.prose[claim.line - 1], claim) is None:
        # "10-crop testing", "144 crops": how a registry figure of a model the page names was measured
        return "cited" if _crops_cited(page, claim) else None
    if _cited_from_a_table(page, claim):
        # "3.8×10⁹ FLOPs (Table 1)": the table's figure, which no value of the code rounds to
        return None
    if _holding_equation(page.prose[claim.line - 1], claim):
        # "$3 \cdot (3^2 C^2) = 27C^2$": an equation that holds anchors its numbers
        return "computed"
    assigned = _math_assignment(page.prose[claim.line - 1], claim)
    if (assigned is not None and claim.value != _DEFAULTS.get(_MATH_ARGUMENTS.get(assigned, ""))
            and (assigned in _MATH_ARGUMENTS or re.search(rf"(?<![\w.]){assigned}==?", page.flat_code))):
        # "$s = 2$", "$p_h = 1$", "$z = s = 2$", "$k = 2$": the value the code gives that
        # argument (s: stride, p: padding, k and z: kernel_size, d: dilation) or that name, where
        # the code has it
        return "computed" if _assigned_in(assigned, claim.text, page.flat_code) else None
    span = _code_span(page.lines[claim.line - 1], claim)
    if span is not None:
        # `padding=(1, 2)`, `nn.Conv2d(64, 128, kernel_size=3)`: quoted from the page's code
        return "computed" if _quoted(flat(span), page) else None
    group = _group(page.prose[claim.line - 1], claim)
    if group is not None and len(group) == 2 and _names_a_layer(page.prose[claim.line - 1], claim):
        # "a 3×3 convolution", "2×2 最大池化", "a 1×7 kernel": the kernel of a layer the code builds
        square = len(set(group)) == 1  # a 1×7 kernel is rare: only its section's code builds it
        code = page.flat_code if square else page.section_flat_at(claim.line)
        return "computed" if _kernel_in(group, code) or _in_title(page, claim) else None
    if group is not None and len(set(group)) > 1:
        # "28×28×192" or `(1, 3, 17, 17)`: the code of its section must produce the whole sequence
        return "computed" if _sequence_in(group, page.section_flat_at(claim.line)) else None
    if group is not None:
        # "3×3": a kernel or a size of the code, or a sequence N, N it produces
        # or it names a page of the site by its title ("1×1 convolution")
        return ("computed" if _sequence_in(group, page.flat_code) or _size_in(group, page.flat_code)
                or _in_title(page, claim) else None)
    after = page.prose[claim.line - 1][claim.end:] + " " + (page.prose[claim.line] if claim.line < len(page.prose) else "")
    if _DROPOUT.search(page.prose[claim.line - 1][: claim.start]) or _DROPOUT_AFTER.match(after):  # "0.5 的\n丢弃法" wraps
        # "dropout 0.5", "丢弃法（0.5）", "70% 丢弃法": the probability a Dropout of the code zeroes
        p = claim.value / 100 if claim.percent else claim.value
        return "computed" if re.search(rf"(?:Dropout\((?:p=)?|dropout=|(?<![\w.])p=|\.p==){_number(p)}(?![\d.])", page.flat_code) else None
    window = _window_stride(page.prose[claim.line - 1], claim)
    if window is not None:
        # "3×3/2 max pooling": the code has a window of 3 with a stride of 2
        return "computed" if _stride_in(*window, page.flat_code) else None
    enumeration = _enumeration(page, claim)
    if enumeration is not None:
        # "3、4、6、3", "6, 16 and 256": one line of the code has them as consecutive values, or
        # they are a column the code prints, one a line
        return "computed" if _run_in_code(tuple(enumeration), page.code) or _column_in_code(enumeration, page) else None
    cells = _row(page, claim)
    if cells is not None:
        # a row of a hand-written table: one line of code (a tuple, a rendered row) has its numbers
        return "computed" if _row_in_code(cells, page) else None
    argument = _argument(page.prose[claim.line - 1], claim) if group is None else None
    if argument is not None and claim.value != _DEFAULTS.get(argument):
        # "stride 2", "步幅为 2", `padding=1`: the code passes or asserts that argument that value
        found = re.search(rf"\b{argument}==?[(\[]?(?:\d+,)*{re.escape(claim.text)}(?![\d.])", page.flat_code)
        # a kernel or window also as a constructor's or an output-size function's positional kernel
        return "computed" if found or (argument == "kernel_size" and _size_in((claim.text,) * 2, page.flat_code)) else None
    run_setting = _run_setting(page.prose[claim.line - 1], claim) if group is None and _is_int(claim) else None
    if run_setting is not None:
        # "seed 0", "种子 0", "8 epochs", "8 轮": the seed or the number of epochs the code runs with
        return "computed" if re.search(rf"{run_setting}{claim.text}(?![\d.])", page.flat_code) else None
    if _CHANNELS.match(page.prose[claim.line - 1], claim.end) and group is None and _is_int(claim):
        # "416 channels", "96 个卷积核": a number of channels of the code
        return "computed" if _channels_in(claim.text, page) else None
    # a number of one or two digits is in nearly every page's code (kernels, strides, channels,
    # depths): only the code next to it, which the prose explains, anchors it
    produced = page.near_values(claim.line) if _few_digits(claim) else page.computed
    return "computed" if produced.find(claim) is not None else None


def _few_digits(claim: Claim) -> bool:
    """The claim has one or two digits and no scale (3, 34, 0.5, 96%; not 224, 3.8×10⁹ or 25 万)."""
    number = re.fullmatch(r"([\d.]+)\s?%?", claim.text)
    return number is not None and len(number[1].replace(".", "").lstrip("0")) <= 2


#: The words a sentence uses for each metric of the registry's figures (cnnref.models._registry.METRICS).
METRIC_WORDS = {
    "params": r"param|参数", "params_millions": r"param|参数", "gmacs": r"MAC|FLOP|multiply-add|乘加|计算量",
    "gflops": r"MAC|FLOP|multiply-add|乘加|计算量", "acc@1": r"top-1", "acc@5": r"top-5",
    "top1_error": r"top-1", "top5_error": r"top-5", "error": r"error|错误率|误差",
}


_TABLE = re.compile(r"(?:\bTable |表 ?)(\d+)")  # "Table 1", "表 1": the table a sentence names


def _registry_cited(page: Page, claim: Claim) -> bool | None:
    """Whether the claim is a published figure of a registry model the page names, as
    published, of a metric its sentence names ("top-5 error of 15.3%", "25,557,032
    parameters"), of the model, from the table and of the ensemble (or single model) that the
    sentence names, if it names them; None when no figure of a model the sentence speaks of,
    of a metric it names, has the claim's value."""
    # "3.8 GFLOPs" in plain units, or "3.8" as published in the metric's unit ("3.8 vs 4.1 GFLOPs")
    figures = [(metric, value, source, model, note) for value, percent, model, metric, source, note in registry_figures()
               if model in page.named_models and percent == claim.percent
               and (_as_published(value, claim) or _as_published(value / METRIC_SCALE.get(metric, 1), claim))]
    if not figures:
        return None  # no figure has this value: no need to read the sentence
    text, at, start, end, _ = sentence_of(page, claim.line, claim.start)
    sentence = text[start:end]
    models = models_named_in(sentence) or page.named_models  # a sentence that names a model speaks of it
    tables = set(_TABLE.findall(sentence))
    # the clause of the claim: its sentence between semicolons (a table row: the row)
    clause_start = max(text.rfind(mark, start, at) for mark in "；;") + 1 or start
    clause_end = min((i for i in (text.find(mark, at, end) for mark in "；;") if i >= 0), default=end)
    clause = text[max(clause_start, start): clause_end]
    # and the sentence after it, which may say what the figure is ("That 15.3% is an ensemble")
    following = text[slice(*paper_parts.sentence(text, end + 1))] if end + 1 < len(text) else ""
    spoken_of = [(source, note) for metric, value, source, model, note in figures
                 if model in models and re.search(METRIC_WORDS[metric], sentence, re.I)]
    if not spoken_of:
        return None
    return any((not tables or not source.startswith("Table") or source.split()[1] in tables)
               and _ensemble_stated(note, clause, following) for source, note in spoken_of)


_COUNTS = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "一": 1, "单": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}


def _ensemble_size(note: str) -> int | None:
    """How many models a figure's note says it is of: 1 for "one CNN", 7 for "an ensemble of 7
    CNNs" or "the submitted ensemble of seven"; None where the note does not say."""
    found = re.search(r"\bensemble of (\d+|[a-z]+)\b", note)
    if found:
        return int(found[1]) if found[1].isdigit() else _COUNTS.get(found[1])
    return 1 if re.search(r"\bone (?:CNN|model|network)\b", note) else None


def _ensemble_stated(note: str, clause: str, following: str) -> bool:
    """The clause that cites a figure agrees with how many models it is of: an ensemble's size
    is stated ("seven networks", "七个网络", "7 CNNs") there or in the sentence that follows;
    one model's figure is in no clause about an ensemble."""
    size = _ensemble_size(note)
    if size is None:
        return True
    if size == 1:
        return not re.search(r"ensemble|集成|取平均|averag", clause, re.I)
    return _states_count(size, clause) or _states_count(size, following)


def _states_count(size: int, text: str) -> bool:
    """Whether ``text`` states the count ``size`` in digits or in words (seven, 七个)."""
    words = [w for w, n in _COUNTS.items() if n == size]
    return bool(re.search(rf"(?<![\d.]){size}(?![\d.])|\b(?:{'|'.join(w for w in words if w.isascii())})\b"
                          rf"|(?:{'|'.join(w for w in words if not w.isascii())})\s*个", text, re.I))


def _cited_from_a_table(page: Page, claim: Claim) -> bool:
    """The claim reads as a figure that its sentence cites from a table: a scaled number or a
    percentage of one or two significant digits (``3.8×10⁹``, ``3.6 billion``, ``7.3%``; not the
    count ``3.858×10⁹`` that the code makes) in a sentence that names a table and a metric."""
    digits = re.match(r"[\d.,]+", claim.text)
    if not (claim.unit > 1 or claim.percent) or digits is None or len(re.sub(r"\D", "", digits[0]).lstrip("0")) > 2:
        return False
    text, _, start, end, _ = sentence_of(page, claim.line, claim.start)
    sentence = text[start:end]
    return bool(_TABLE.search(sentence)) and any(re.search(words, sentence, re.I) for words in METRIC_WORDS.values())


def _as_published(figure: float, claim: Claim) -> bool:
    """The claim states the figure at the precision it was published at: 3.8×10⁹ is the
    paper's 3.8 GFLOPs, not torchvision's 3.664 GMACs rounded."""
    if abs(figure - claim.value) > claim.unit / 2 * (1 + 1e-9):
        return False
    steps = figure / claim.unit
    return math.isclose(steps, round(steps), rel_tol=1e-9, abs_tol=1e-9)


_CROPS = re.compile(r"-crop\b|\s*crops?\b|\s*个裁剪")


def _crops_cited(page: Page, claim: Claim) -> bool:
    """Whether a registry figure of a model the page names was measured on ``claim`` crops (its
    note: "one CNN, 10 crops")."""
    return any(re.search(rf"(?<![\d.]){claim.text} crops\b", note) for note in _figure_notes(page))


def _figure_notes(page: Page) -> list[str]:
    """The notes of the registry's figures of the models the page names ("ILSVRC-2012 test set,
    an ensemble of 7 CNNs")."""
    return [figure.note for model in sorted(page.named_models) for figure in model_info(model).figures]


def _run_setting(line: str, claim: Claim) -> str | None:
    """How the code writes the setting of a run that names the claim, if one does: a seed
    ("seed 0", "种子 0": ``manual_seed(0)``, ``seed=0``) or a number of epochs ("8 epochs",
    "8 轮": ``epochs=8``)."""
    if re.search(r"(?:\b[Ss]eeds?|种子(?:为)?)\s*$", line[: claim.start]):
        return r"(?:manual_seed\(|seed==?)"
    if re.match(r"\s*(?:个\s*)?(?:轮|epochs?\b)", line[claim.end:]):
        return r"epochs==?"
    return None


_CHANNELS = re.compile(r"\s*(?:(?:input |output |hidden )?channels?\b|个(?:输入|输出)?通道|(?:kernels?|filters?)\b|个卷积核)")


def _channels_in(number: str, page: Page) -> bool:
    """Whether the code has ``number`` as a number of channels: an argument of a convolution
    (``Conv2d(3,96``) or batch norm, a ``*channels`` name's value (``out_channels=96``,
    ``channels, hidden = 8, 16``), or dimension 1 of a shape (``(1, 96, 55, 55)``, ``shape[1] == 96``)."""
    n = re.escape(number)
    if re.search(rf"(?:Conv[123]d\((?:\w+,)?|BatchNorm[123]d\(|channels==?\(?|\bSize\(\[\d+,|[(\[]\d+,|shape\[1\]==(?:[\d+*]+==)*){n}(?![\d.])",
                 page.flat_code):
        return True
    for line in page.code.splitlines():  # channels, hidden, classes = 8, 16, 5
        found = re.fullmatch(r"\s*((?:\w+\s*,\s*)+\w+)\s*=\s*((?:[\d.]+\s*,\s*)+[\d.]+)\s*", line)
        if found and any(name.endswith("channels") and value == number for name, value in
                         zip(re.split(r"\s*,\s*", found[1]), re.split(r"\s*,\s*", found[2]))):
            return True
    return False


_DROPOUT = re.compile(r"(?:[Dd]ropout|丢弃法)\s*(?:of|with p =|为|的概率为)?\s*[(（]?\s*$")
_DROPOUT_AFTER = re.compile(r"\s*(?:的)?\s*(?:[Dd]ropout|丢弃法)")


def _number(value: float) -> str:
    """A regex for ``value`` as the flat code writes it (0.5, .5; 3 for 3.0)."""
    text = f"{value:g}"
    return re.escape(text).replace(r"0\.", r"0?\.") if text.startswith("0.") else re.escape(text)


_ARGUMENTS = {
    "stride": "stride", "步幅": "stride", "padding": "padding", "填充": "padding",
    "dilation": "dilation", "膨胀": "dilation", "groups": "groups", "kernel_size": "kernel_size",
    "kernel": "kernel_size", "卷积核": "kernel_size", "window": "kernel_size", "窗口": "kernel_size",
}
_DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1}  # PyTorch's, for nn.Conv2d
_ARGUMENT = re.compile(rf"(?<![A-Za-z0-9_])({'|'.join(_ARGUMENTS)})(?:=|\s*(?:of|为|=)?\s*)$")


def _argument(line: str, claim: Claim) -> str | None:
    """The PyTorch argument that names the claim right before it (``stride 2``, ``步幅为 2``,
    ``padding=1``), if any."""
    match = _ARGUMENT.search(line[: claim.start])
    return _ARGUMENTS[match[1]] if match and claim.unit == 1 and not claim.percent else None


_MATH_ARGUMENTS = {"s": "stride", "p": "padding", "k": "kernel_size", "z": "kernel_size", "d": "dilation"}


def _math_assignment(line: str, claim: Claim) -> str | None:
    """The variable that inline math assigns the claim to (``$s = 2$``, ``$p_h = 1$``, ``$z = s = 2$``,
    ``$z = 3, s = 2$``: ``s``; ``$\\alpha = 10^{-4}$``: ``alpha``), without its subscript."""
    for math_span in _MATH.finditer(line):
        if math_span.start(1) <= claim.start < math_span.end(1):
            before = line[math_span.start(1): claim.start]
            found = re.search(r"(?:^|,\s*)\\?([A-Za-z]+)(?:_\{?[a-z]+\}?)?\s*=\s*(?:[A-Za-z](?:_\{?[a-z]+\}?)?\s*=\s*)*$", before)
            after = line[claim.end: math_span.end(1)]
            if found and re.fullmatch(r"\s*(?:,.*)?", after):
                return found[1]
    return None


def _assigned_in(name: str, value: str, code: str) -> bool:
    """Whether ``code`` gives the argument that ``name`` stands for (``_MATH_ARGUMENTS``), or
    the name itself, the value: ``stride=2``, ``padding==(1,1)``, ``k=2``, ``alpha=1e-4``."""
    names = "|".join(filter(None, (_MATH_ARGUMENTS.get(name), name)))
    return bool(re.search(rf"(?<![\w.])(?:{names})==?[(\[]?(?:\d+,)*{re.escape(value)}(?![\d.])", code)) or (
        _MATH_ARGUMENTS.get(name) == "kernel_size" and _size_in((value, value), code))


_TIMES_GROUP = re.compile(r"\d+(?:\.\d+)?(?:[×x]\d+(?:\.\d+)?)+(?!\w|\.\d)")  # 7×7×512, not 6 × 512
_TUPLE = re.compile(r"[(\[](\d+(?:\.\d+)?(?:,\s*\d+(?:\.\d+)?)+)[)\]]")


def _product_at(line: str, claim: Claim) -> re.Match[str] | None:
    """The ``A×B×C`` product of ``line`` that ``claim`` is in, if any."""
    return next((m for m in _TIMES_GROUP.finditer(line) if m.start() <= claim.start < m.end()), None)


def _code_span(line: str, claim: Claim) -> str | None:
    """The inline code span that ``claim`` is in, when the span is code: a call or an
    assignment (an ``=`` or a bracket, after a name), such as ``padding=(1, 2)`` or
    ``nn.Conv2d(64, 128, 3)``; not a bare tuple ``(1, 3, 17, 17)``."""
    for span in re.finditer(r"`([^`]+)`", line):
        if span.start(1) <= claim.start < span.end(1) and re.search(r"[A-Za-z_]\w*\s*(?:==?|[(\[])", span[1]):
            return span[1]
    return None


def _quoted(span: str, page: Page) -> bool:
    """Whether the flat span is in the flat code; a keyword ``groups=2`` also as the attribute
    the code asserts, ``groups==2``; a qualified ``cnnref.training.digits(size=32)`` also as
    ``digits(size=32)`` where the code imports ``digits`` from ``cnnref.training``."""
    code = page.flat_code
    keyword = re.fullmatch(r"(\w+)=([^=].*)", span)
    qualified = re.fullmatch(r"((?:\w+\.)+)(\w+)(\(.*)", span)
    return (span in code or (keyword is not None and f"{keyword[1]}=={keyword[2]}" in code)
            or (qualified is not None and qualified[2] + qualified[3] in code and re.search(
                rf"^\s*from\s+{re.escape(qualified[1][:-1])}\s+import[ \t(]+(?:\w+[ \t]*,[ \t]*)*{qualified[2]}\b", page.code, re.M) is not None))


def _in_title(page: Page, claim: Claim) -> bool:
    """Whether the ``N×N`` that ``claim`` is in begins a title of a page of the site in the
    page's language (``1×1 convolution``, the title of concepts/conv1x1)."""
    line = page.prose[claim.line - 1]
    match = _product_at(line, claim)
    return match is not None and any(line[match.start():].lower().startswith(title) for title in page_titles(page.lang) if title[:1].isdigit())


# A page's code is searched for each of its claims, and again for each mutation of its prose.
_memoised = functools.lru_cache(maxsize=1 << 14)


@_memoised
def _sequence_in(group: tuple[str, ...], code: str) -> bool:
    """Whether ``code`` has ``A,B,C``, ``A×B×C`` or ``A*B*C``, or the channels-first ``C,A,B`` of an
    ``H×W×C`` shape (PyTorch writes ``(N, C, H, W)``); a pair ``A×B`` only in its own order."""
    orders = {group, group[-1:] + group[:-1]} if len(group) == 3 else {group}
    return any(re.search(rf"(?<![\d.])(?:{'|'.join(re.escape(s.join(o)) for s in (',', '×', '*'))})(?![\d.]|[,×*]\d)", code) for o in orders)


@_memoised
def _size_in(group: tuple[str, ...], code: str) -> bool:
    """Whether the square ``N×N`` is a kernel or a size of ``code``: ``kernel_size=N``,
    ``size=N``, ``output_size=N`` (or asserted, ``kernel_size==(N,N)``), or the positional
    kernel of a convolution (``Conv2d(64,128,N``) or a pooling (``MaxPool2d(N``) constructor or
    of an output-size function (``conv_output_size(n,N``)."""
    n = re.escape(group[0])
    return len(group) == 2 and bool(re.search(
        rf"(?<!\w)\w*size==?\(?{n}(?![\d.])|Conv[123]d\([^,()]+,[^,()]+,{n}[,)]|Pool[123]d\({n}[,)]"
        rf"|output_size\([^,()]+,{n}[,)]", code))


_WINDOW = re.compile(r"(?<![\d.])(\d+)×\1/(\d+)(?![\d.])")


def _window_stride(line: str, claim: Claim) -> tuple[str, str] | None:
    """(window, stride) when ``claim`` is the stride ``S`` of a ``K×K/S`` window (``3×3/2``)."""
    for match in _WINDOW.finditer(line):
        if match.start(2) <= claim.start < match.end(2):
            return match[1], match[2]
    return None


@_memoised
def _stride_in(window: str, stride: str, code: str) -> bool:
    """Whether ``code`` builds or computes a window of ``window`` with stride ``stride``: a
    convolution or pooling constructor, or an output-size function (``pool_output_size(n,3,stride=2``)."""
    k, s = re.escape(window), re.escape(stride)
    return bool(re.search(
        rf"(?:kernel_size=\(?{k}(?:,{k}\))?|Pool[123]d\({k}|Conv[123]d\([^,()]+,[^,()]+,{k}|output_size\([^,()]+,{k}),"
        rf"(?:[a-z_]+=[^,()]+,)*(?:stride=)?\(?{s}(?![\d.])", code))


_LAYER = re.compile(r"(?:/\d+)?\s*(?:(?:max |average |avg |global )?(?:convolutions?|conv|pooling|pools?|kernels?|filters?)\b"
                    r"|(?:最大|平均)?(?:卷积|池化))", re.I)


def _names_a_layer(line: str, claim: Claim) -> bool:
    """Whether the ``A×B`` that ``claim`` is in is followed by a layer it is the kernel of
    (``3×3 convolution``, ``2×2/2 max pooling``, ``5×5 卷积``, ``1×7 kernel``)."""
    match = _product_at(line, claim)
    return match is not None and _LAYER.match(line, match.end()) is not None


@_memoised
def _kernel_in(group: tuple[str, ...], code: str) -> bool:
    """Whether the code builds a kernel ``A×B``: a square as in ``_size_in``; a pair as
    ``kernel_size=(A,B)`` or a constructor's positional ``(A,B)``."""
    if group[0] == group[1]:
        return _size_in(group, code)
    a, b = map(re.escape, group)
    return bool(re.search(rf"(?:kernel_size==?|Conv[123]d\([^,()]+,[^,()]+,|Pool[123]d\()\({a},{b}\)", code))


_ENUMERATION = re.compile(
    r"(?<![\d.,×x/])\d+(?:\.\d+)?(?:\s*(?:、|,\s|，|\s和\s|\s与\s|\s及\s|,?\s(?:and|or)\s|/(?=\d))\s*\d+(?:\.\d+)?){2,}"
    r"(?![\d.×x]|\s*[×x]\s*\d)")


def _enumeration(page: Page, claim: Claim) -> list[Claim] | None:
    """The claims of the enumeration of three or more numbers (``3、4、6、3``, ``1, 2 and 3``,
    ``6、16 和 256``, ``96/256/384``) that ``claim`` is one of, if it is one of them; an enumeration may wrap
    onto the next line."""
    first = max(claim.line - 1, 1)
    numbers = range(first, min(claim.line + 1, len(page.prose)) + 1)
    starts = {n: sum(len(page.prose[m - 1]) + 1 for m in range(first, n)) for n in numbers}
    text = " ".join(page.prose[n - 1] for n in numbers)
    at = starts[claim.line] + claim.start
    for match in _ENUMERATION.finditer(text):
        if match.start() <= at < match.end():
            found = [c for c in page.claims() if c.line in starts and match.start() <= starts[c.line] + c.start < match.end()]
            return found if len(found) > 2 else None
    return None


def _group(line: str, claim: Claim) -> tuple[str, ...] | None:
    """The numbers of the ``A×B×C`` product or the ``(A, B, C)`` tuple in inline code that
    ``claim`` belongs to, if it belongs to one."""
    product = _product_at(line, claim)
    if product is not None:
        return tuple(re.split(r"[×x]", product[0]))
    for span in re.finditer(r"`[^`]+`", line):
        for match in _TUPLE.finditer(line, span.start(), span.end()):
            if match.start(1) <= claim.start < match.end(1):
                return tuple(re.split(r",\s*", match[1]))
    return None


def _row(page: Page, claim: Claim) -> list[Claim] | None:
    """The number cells of the hand-written table row that ``claim`` is one of, when the row
    has two or more (a cell holding nothing but a number)."""
    line = page.prose[claim.line - 1]
    if not line.lstrip().startswith("|") or claim.line in page.cited_lines:
        return None
    cells = [c for c in page.claims() if c.line == claim.line
             and line[: c.start].rstrip().endswith("|") and line[c.end:].lstrip().startswith("|")]
    return cells if len(cells) > 1 and claim in cells else None


def _close(value: float, claim: Claim) -> bool:
    """``value`` is the claim at the precision shown (a percentage: or its fraction)."""
    return (claim.percent and _at_precision(value * 100, claim)) or _at_precision(value, claim)


def _at_precision(value: float, claim: Claim) -> bool:
    if claim.unit == 1 and claim.value == int(claim.value):
        return value == claim.value
    return abs(value - claim.value) <= claim.unit / 2 * (1 + 1e-9)


def _row_in_code(cells: list[Claim], page: Page) -> bool:
    """Whether one line of the page's code has the row's numbers in the row's order."""
    for values in code_lines(page.code):
        position = 0
        for cell in cells:
            position = next((i + 1 for i in range(position, len(values)) if _close(values[i], cell)), -1)
            if position < 0:
                break
        else:
            return True
    return False


@_memoised
def _run_in_code(cells: tuple[Claim, ...], code: str) -> bool:
    """Whether one line of ``code`` has the numbers as consecutive values, in order."""
    return any(all(_close(values[i + j], cell) for j, cell in enumerate(cells))
               for values in code_lines(code) for i in range(len(values) - len(cells) + 1))


def _column_in_code(cells: list[Claim], page: Page) -> bool:
    """Whether consecutive lines of the page's code have the numbers, one a line, in order."""
    lines = page.line_values
    return any(all(lines[i + j].find(cell) is not None for j, cell in enumerate(cells))
               for i in range(len(lines) - len(cells) + 1))


def _expected(page: Page, claim: Claim) -> str:
    found = structural_rule(page, claim)
    if found is not None:
        return f"in the context of the structural rule {found[0].name!r} (tests/docs_numbers.py STRUCTURAL), which does not hold"
    return (f"a value this page's code or markers produce (at the precision shown), a figure of "
            f"a registry model the page names or of its table of cited figures ({' / '.join(CITED_HEADINGS)}), "
            f"or a structural number (tests/docs_numbers.py STRUCTURAL); nothing on the page produces it")


_MATH = re.compile(r"(?<![$\\])\$(?!\$)([^$]+)\$")
_LATEX = {r"{,}": "", r"\cdot": "*", r"\times": "*", "×": "*", "^": "**", r"\lceil": " ceil(", r"\rceil": ")",
          r"\lfloor": " floor(", r"\rfloor": ")", r"\left": "", r"\right": "", r"\,": "", r"\ln": " log",
          "·": "*", "−": "-"}


_VARIABLE = re.compile(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])")


def _evaluate(side: str, variables: dict[str, float] | None = None) -> float | None:
    """The value of one side of an equation in inline math, if it is arithmetic on numbers and,
    given ``variables``, on single-letter variables (``27C^2``: implicit multiplication)."""
    for latex, python in _LATEX.items():
        side = side.replace(latex, python)
    side = re.sub(r"log\s*(\d+(?:\.\d+)?)", r"log(\1)", side)  # \ln 5
    if variables:
        side = _VARIABLE.sub(lambda m: f"({variables[m[0]]!r})" if m[0] in variables else m[0], side)
        side = re.sub(r"(?<=[\d)])\s*(?=\()", "*", side)  # 27(1.37) and (1.37)(2.1): implicit products
    side = re.sub(r"(?<=[\d)])\s*(?=log)", "*", side)  # 1.6 \ln 5
    if not re.fullmatch(r"[\d\s.+\-*/()]*(?:(?:ceil|floor|log)\([\d\s.+\-*/()]*\)[\d\s.+\-*/()]*)*", side) or not re.search(r"\d", side):
        return None
    try:  # digits and operators only
        return float(eval(side, {"__builtins__": {}, "ceil": math.ceil, "floor": math.floor, "log": math.log}))
    except (SyntaxError, ZeroDivisionError, TypeError, OverflowError, ValueError):  # ValueError: log(0)
        return None


def _sides(math_text: str) -> list[list[float]]:
    """The values of the sides of an equation in inline math, under each of two assignments
    of its single-letter variables (one list per assignment), when each side has a number and
    the sides have the same variables (``3 \\cdot (3^2 C^2) = 27C^2``, not ``k = 2`` or
    ``1/(1 - p) = 2``); sides that are not arithmetic are left out."""
    sides = math_text.split("=")
    names = [set(_VARIABLE.findall(side)) for side in sides]
    if not names[0] or any(n != names[0] or not re.search(r"\d", side) for n, side in zip(names, sides)):
        return [[v for v in map(_evaluate, sides) if v is not None]]  # arithmetic on numbers alone
    found = []
    for seed in (1.37, 2.61):
        values = {name: seed + i / 7 for i, name in enumerate(sorted(names[0]))}
        found.append([v for v in (_evaluate(side, values) for side in sides) if v is not None])
    return found


def _holds(values: list[float]) -> bool:
    return all(math.isclose(v, values[0], rel_tol=1e-9) for v in values)


_PROSE_EQUATION = re.compile(r"(?<![\w.,])\d[\d\s.,+×·*/()−-]*[+×·*/−-][\d\s.,+×·*/()−-]*=\s*(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\w|[.,]\d)")


def _equations(line: str) -> list[tuple[int, int, str, str]]:
    """The equations of a prose line, each with where it is, its text and as shown: inline math
    (``$2 \\cdot 4 = 8$``), and arithmetic in prose outside math and code (``128·4·4 = 2,048``,
    ``256 + 320 + 128 + 128 = 832``), thousands separators dropped."""
    found = [(m.start(1), m.end(1), m[1], m[0]) for m in _MATH.finditer(line)]
    text = re.sub(r"(?<![$\\])\$[^$]+\$|`[^`]*`", lambda m: " " * len(m[0]), line)
    found += [(m.start(), m.end(), re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", m[0]), m[0].strip())
              for m in _PROSE_EQUATION.finditer(text)]
    return found


def _holding_equation(line: str, claim: Claim) -> bool:
    """Whether ``claim`` is in an equation (``_equations``) whose sides (two or more, each
    arithmetic) agree."""
    for start, end, text, _ in _equations(line):
        if start <= claim.start < end:
            return all(len(v) == len(text.split("=")) > 1 and _holds(v) for v in _sides(text))
    return False


def check_arithmetic(page: Page) -> list[Failure]:
    """Every equation (``_equations``) whose arithmetic sides disagree (``$2 \\cdot 4 = 8$``
    holds; with variables, ``$2 \\cdot 9C^2 = 18C^2$``, for every value of them)."""
    failures = []
    for number, line in enumerate(page.prose, 1):
        for _, _, text, shown in _equations(line):
            for values in _sides(text):
                if len(values) > 1 and not _holds(values):
                    failures.append(Failure(page.name, number, shown, f"its arithmetic to hold: the sides give {values}"))
                    break
    return failures


# ---------------------------------------------------------------- citations of the registry's papers

REFERENCES = re.compile(r"^## (?:References|参考文献)\b.*?(?=^## |\Z)", re.M | re.S)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def first_surname(authors: str) -> str:
    """The first author's surname: He in "K. He、X. Zhang", LeCun in "Y. LeCun et al. (1989)"."""
    first = re.split(r",|、|，| et al| 等| and | & | 与 | 和 |\(|（", authors, maxsplit=1)[0]
    return first.split()[-1] if first.split() else ""


@functools.cache
def registry_papers() -> dict[str, Paper]:
    """The registry's papers by their first author's surname."""
    papers = {info.paper for info in map(model_info, list_models()) if info.paper is not None}
    by_surname = {first_surname(p.authors): p for p in sorted(papers, key=lambda p: p.year)}
    assert len(by_surname) == len(papers), "two registry papers share a first author"
    return by_surname


def reference_entries(text: str) -> list[str]:
    """The list items of the page's references section, continuation lines joined."""
    entries: list[str] = []
    for section in REFERENCES.findall(text):
        open_entry = False
        for line in section.splitlines():
            if re.match(r"(?:- |\d+\. )", line):
                entries.append(line)
                open_entry = True
            elif open_entry and line.startswith(" ") and line.strip():
                entries[-1] += " " + line.strip()
            else:
                open_entry = False
    return entries


def entry_years(entry: str) -> set[int]:
    return {int(y) for y in YEAR.findall(re.sub(r"https?://\S+|arXiv:\S+", "", entry))}


def misdated_citations(text: str) -> list[str]:
    """In ``text`` (a page's prose, code masked): Citations of a registry paper ("He et al. 2015", "Simonyan & Zisserman, 2014",
    "He 等，2015") whose year is neither the registry's nor that of another paper of the same
    first author in the page's references; and reference entries of a registry paper (by its
    link or quoted title) that state another year or none."""
    papers, entries = registry_papers(), reference_entries(text)
    prose = text
    bad = []
    for surname, paper in papers.items():
        title = re.compile(rf"[\"“]{re.escape(paper.title)}[\"”]", re.I)
        own = [e for e in entries if paper.url in e or title.search(e)]
        bad += [e for e in own if entry_years(e) != {paper.year}]
        others = [
            e for e in entries if e not in own and first_surname(e.lstrip("-0123456789. ")) == surname
        ]
        allowed = {paper.year}.union(*map(entry_years, others))
        # "He et al. 2016", "He et al., 2016", "He 等，2016", "Simonyan & Zisserman (2015)"
        cite = rf"\b{surname}(?: et al\.| 等| (?:&|and|与) [A-Z][\w-]+)?\s*[,，]?\s*[(（]?({YEAR.pattern})"
        bad += [m.group(0) for m in re.finditer(cite, prose) if int(m.group(1)) not in allowed]
    return bad



def check_citations(page: Page) -> list[Failure]:
    """A year of a registry paper's citation that is not the registry's (a structural number
    the registry anchors)."""
    prose = "\n".join(page.prose)
    return [Failure(page.name, prose.count("\n", 0, prose.find(text)) + 1, text,
                    "the year cnnref.models.model_info(name).paper.year gives")
            for text in misdated_citations(prose)]


def check(page: Page) -> list[Failure]:
    """Every claim of ``page`` that nothing anchors, every cited figure no prose uses (a
    product such as ``20×20`` as a whole) and every equation of inline math that does not hold."""
    failures = [Failure(page.name, c.line, c.text, _expected(page, c)) for c in page.claims() if classify(page, c) is None]
    failures += check_arithmetic(page)
    failures += check_citations(page)
    prose = [c for c in page.claims() if c not in page.table_entries()]
    used = {percent: Values([c.value for c in prose if c.percent == percent]) for percent in (False, True)}
    stated = "\n".join(line for number, line in enumerate(page.prose, 1) if number not in page.cited_lines)
    for entry in page.table_entries():
        product = _product_at(page.prose[entry.line - 1], entry)
        if used[entry.percent].find(entry, fractions=False) is None:
            failures.append(Failure(page.name, entry.line, entry.text, "a cited figure that the page's prose states; no prose states it"))
        elif product is not None and re.search(rf"(?<![\d.]){re.escape(product[0])}(?![\d.]|[×x]\d)", stated) is None:
            # "20×20": the prose states the product, not its numbers apart (24 of a 24×24 digit)
            failures.append(Failure(page.name, entry.line, product[0], "a cited product that the page's prose states whole; no prose does"))
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
