"""Every page exists in zh and en, the twins carry the same code, and the zh wording
uses the project's terms."""

import re
from pathlib import Path

import pytest
import yaml

from tests.docs_numbers import misdated_citations


DOCS = Path(__file__).resolve().parents[1] / "docs"
MKDOCS_YML = DOCS.parent / "mkdocs.yml"
FENCE = re.compile(r"^[ \t]*(`{3,})[ \t]*([^\n`]*)\n(.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
GLOSSARY = DOCS / "glossary.zh.md"
#: What the zh pages must not write → what they write instead: a term of the glossary (whose
#: notes name the variants), or, for the nav label, the nav's title. Mistranslations first:
#: 要素图 (feature map), 频道 (channel), 身份映射 (identity mapping), 剩余学习 (residual learning).
VARIANTS = {
    "要素图": "特征图", "频道": "通道", "身份映射": "恒等映射", "剩余学习": "残差学习",
    "残差连接": "捷径连接",  # shortcut connection
    "inception 模块": "Inception 模块",
    "逐深度卷积": "深度卷积（逐通道卷积）",  # depthwise convolution
    "元设备": "meta 设备",
    "主干（stem）": "起始层",  # 主干 is the backbone
    "层级概念": "网络层概念",  # reads as "hierarchical concepts"
}


# Languages whose comments may be translated between the twins.
HASH_COMMENTS = ("python", "pycon", "py", "bash", "sh", "console", "yaml", "toml")


def pages(lang: str) -> dict[str, Path]:
    return {str(p.relative_to(DOCS)).replace(f".{lang}.md", ""): p for p in DOCS.rglob(f"*.{lang}.md")}


def code_blocks(path: Path) -> list[tuple[str, list[str]]]:
    """(language, tokens without comments) of every fence, in order."""
    blocks = []
    for _, info, body in FENCE.findall(path.read_text(encoding="utf-8")):
        language = (info.split() or [""])[0]
        tokens = re.sub(r"(^|\s)#.*", "", body).split() if language in HASH_COMMENTS else body.split()
        blocks.append((language, tokens))
    return blocks


def test_every_page_has_both_languages():
    assert pages("zh"), "no pages found"
    assert sorted(pages("zh")) == sorted(pages("en"))
    stray = [p for p in DOCS.rglob("*.md") if not re.search(r"\.(zh|en)\.md$", p.name)]
    assert not stray, f"pages without a language suffix: {stray}"


@pytest.mark.parametrize("stem", sorted(pages("zh")))
def test_twins_have_the_same_code_blocks_in_the_same_order(stem):
    zh, en = code_blocks(pages("zh")[stem]), code_blocks(pages("en")[stem])
    assert [b[0] for b in zh] == [b[0] for b in en], "fence languages differ"
    for i, (a, b) in enumerate(zip(zh, en)):
        assert a == b, f"code block {i + 1} differs beyond comments"


def glossary_terms() -> set[str]:
    """The first cell of every row of the zh glossary's table."""
    rows = re.findall(r"^\| ([^|]+?) \|", GLOSSARY.read_text(encoding="utf-8"), re.M)
    return set(rows[2:])  # past the header and its rule


def test_every_replacement_is_a_glossary_term_or_the_nav_title():
    assert {"捷径连接", "Inception 模块", "深度卷积（逐通道卷积）", "meta 设备", "起始层"} <= glossary_terms()
    nav = MKDOCS_YML.read_text(encoding="utf-8")
    missing = [t for t in VARIANTS.values() if t not in glossary_terms() and f"- {t}:" not in nav]
    assert not missing, f"neither a glossary term nor a nav title: {missing}"


@pytest.mark.parametrize("stem", sorted(set(pages("zh")) - {"glossary"}))  # the glossary names them
def test_zh_pages_use_the_glossary_terms_not_their_variants(stem):
    text = pages("zh")[stem].read_text(encoding="utf-8")
    found = {w: VARIANTS[w] for w in VARIANTS if w in text}
    assert not found, f"write the glossary's terms: {found}"


@pytest.mark.parametrize("stem", sorted(pages("en")))
def test_en_pages_spell_normalization_one_way(stem):
    # The glossary and the nav write "normalization"; the pages write it the same way.
    found = re.findall(r"\bnormalisations?\b", pages("en")[stem].read_text(encoding="utf-8"), re.I)
    assert not found, f"write 'normalization', as the glossary does, not {sorted(set(found))}"


SHAPE_IN_COMMENT = re.compile(r"#.*(\[\s*\d+\s*(,\s*\d+\s*){1,4}\]|\(\s*\d+\s*(,\s*\d+\s*){1,4}\)|\d+\s*[x×]\s*\d+)")


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_shape_is_stated_only_in_a_comment(path):
    for _, info, body in FENCE.findall(path.read_text(encoding="utf-8")):
        if (info.split() or [""])[0] not in ("python", "py"):
            continue
        bad = [line for line in body.splitlines() if SHAPE_IN_COMMENT.search(line)]
        assert not bad, f"a shape in a comment verifies nothing; assert it or print it: {bad}"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !ENV / !!python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_entries(nav) -> list[tuple[str, str | list]]:
    out = []
    for item in nav:
        (title, target), = item.items()
        out.append((title, target))
        if isinstance(target, list):
            out.extend(nav_entries(target))
    return out


def test_the_home_page_lists_the_pages_in_the_nav_order():
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    nav = [t.removesuffix(".md") for _, t in nav_entries(config["nav"]) if isinstance(t, str)]
    listed = [p for p in nav if p.startswith(("concepts/", "architectures/"))]
    for lang in ("zh", "en"):
        home = (DOCS / f"index.{lang}.md").read_text(encoding="utf-8")
        what_is_here = home.split("\n## ")[1]  # the section after the introduction
        links = re.findall(r"\]\(((?:concepts|architectures)/[\w-]+)\.md\)", what_is_here)
        assert links == listed, f"index.{lang}.md's list of pages is not the nav's order"


def test_nav_lists_every_page_and_translates_every_title():
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    entries = nav_entries(config["nav"])
    listed = {target.removesuffix(".md") for _, target in entries if isinstance(target, str)}
    assert listed == set(pages("zh")), "nav and docs/ disagree"
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    en = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    untranslated = [title for title, _ in entries if title not in en["nav_translations"]]
    assert not untranslated, f"nav titles without an English translation: {untranslated}"


#: The most of a page's visible lines that may be code (issue #13): the story is prose plus the
#: few blocks a learner runs; the checks that prove a claim sit in collapsed ``??? note`` blocks.
CODE_SHARE = 0.40
COLLAPSED = re.compile(r"^\?\?\? ")  # ``???+`` opens expanded, so it stays visible


def visible_lines(text: str) -> tuple[int, int]:
    """(code lines, all lines) a reader sees without expanding anything: non-blank source lines
    outside collapsed blocks, fence markers and marker comments not counted."""
    code = total = 0
    in_fence, in_collapsed, fence = False, False, ""
    for line in text.splitlines():
        if in_collapsed and (not line.strip() or line.startswith("    ")):
            continue
        in_collapsed = False
        if COLLAPSED.match(line):
            in_collapsed = True
            continue
        marker = re.match(r"^[ \t]*(`{3,})", line)
        if marker and (not in_fence or marker.group(1) == fence):
            in_fence, fence = not in_fence, marker.group(1)
            continue
        if not line.strip() or (not in_fence and line.lstrip().startswith("<!--")):
            continue
        total += 1
        code += in_fence
    return code, total


def test_visible_lines_counts_code_outside_collapsed_blocks():
    page = "Prose.\n\n```python\nx = 1\n```\n\n??? note \"Check\"\n    ```python\n    y = 2\n    ```\n\nEnd.\n"
    assert visible_lines(page) == (1, 3)


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_at_most_40_percent_of_what_a_reader_sees_is_code(path):
    code, total = visible_lines(path.read_text(encoding="utf-8"))
    assert code <= CODE_SHARE * total, (
        f"{code} of {total} visible lines are code ({code / total:.0%}); move the checks that prove"
        f" a claim into a collapsed '??? note \"Check\"' block after the claim")


REFERENCES = re.compile(r"^## (?:References|参考文献)\b.*?(?=^## |\Z)", re.M | re.S)
#: The pages that teach from papers and libraries, and so end with their references (issue #12).
CITED_PAGES = sorted(
    [*DOCS.glob("architectures/*.md"), *DOCS.glob("concepts/*.md"), *DOCS.glob("training-at-scale.*.md")]
)
def test_misdated_citations_flags_a_wrong_year_of_a_registry_paper():
    resnet_2017 = "He et al. 2017, Fig. 4.\n\n## References\n\n"
    mask = '- He et al., "Mask R-CNN", ICCV 2017: <https://arxiv.org/abs/1703.06870>\n'
    resnet = '- He et al., "Deep residual learning for image recognition", 2015\n'
    assert misdated_citations("(He et al. 2015, Table 1)") == ["He et al. 2015"]
    both = misdated_citations("（He 等，2015）与 Simonyan & Zisserman, 2014")
    assert sorted(both) == ["He 等，2015", "Simonyan & Zisserman, 2014"]
    assert misdated_citations(resnet_2017) == ["He et al. 2017"]
    assert misdated_citations(resnet_2017 + mask) == []
    assert misdated_citations(resnet_2017 + mask + resnet) == [resnet.strip()]
    assert misdated_citations("He et al. 2016 and LeCun et al. (1998)") == []


@pytest.mark.parametrize("path", CITED_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_content_page_has_references_with_links(path):
    sections = REFERENCES.findall(path.read_text(encoding="utf-8"))
    assert sections, "no '## References' / '## 参考文献' section"
    assert any(re.search(r"https?://", s) for s in sections), "the references section has no link"
