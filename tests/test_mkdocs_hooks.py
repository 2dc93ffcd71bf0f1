from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from cnnref.mkdocs_hooks import on_page_markdown, parse_marker


def page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def test_parse_marker_defaults():
    assert parse_marker("alexnet") == ("alexnet", None, 1)


def test_parse_marker_rejects_unknown_options():
    with pytest.raises(ValueError, match="allowed: input=N,C,H,W depth=N"):
        parse_marker("alexnet size=3")


@pytest.mark.parametrize("src, header", [("a/x.zh.md", "| 层 | 类型 |"), ("a/x.en.md", "| Layer | Type |")])
def test_marker_expands_with_headers_in_the_page_language(src, header):
    out = on_page_markdown("before\n\n<!-- cnnref:layer-table alexnet -->\n\nafter", page(src), None, None)
    assert out.startswith("before\n\n" + header)
    assert "| `features` | Sequential | (1, 256, 6, 6) | 2,469,696 |" in out
    assert out.endswith("\n\nafter")


def test_bad_marker_fails_the_build_naming_the_page():
    with pytest.raises(PluginError, match=r"x\.en\.md: .*unknown model 'nosuch'"):
        on_page_markdown("<!-- cnnref:layer-table nosuch -->", page("x.en.md"), None, None)


# --------------------------------------------------------------------------- markers stand alone


def test_a_marker_quoted_in_prose_is_left_alone():
    text = "Write `<!-- cnnref:layer-table alexnet -->` on its own line."
    assert on_page_markdown(text, page("x.en.md"), None, None) == text


# --------------------------------------------------------------------------- API reference

import datetime  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import griffe  # noqa: E402

from cnnref import mkdocs_hooks  # noqa: E402
from cnnref.mkdocs_hooks import (  # noqa: E402
    examples_section,
    last_changed,
    on_page_content,
    provenance_html,
    sphinx_markup,
    versions,
)


def test_examples_section_takes_everything_from_the_first_prompt():
    text = "Summary.\n\n>>> x = 1\n>>> x\n1\n\nMore text.\n>>> x + 1"
    assert examples_section(text) == (
        "Summary.\n\nExamples:\n    >>> x = 1\n    >>> x\n    1\n\n    More text.\n    >>> x + 1"
    )


@pytest.mark.parametrize("text", ["No examples.", "Doc.\n\nExamples:\n    >>> 1\n    1"])
def test_examples_section_leaves_other_docstrings_alone(text):
    assert examples_section(text) == text


def test_roles_become_optional_references_with_the_name_as_code():
    out = sphinx_markup(":func:`f`, :mod:`cnnref.shapes` and :class:`~a.B`", resolve=str.upper)
    assert out == (
        '<autoref identifier="F" optional><code>f</code></autoref>, '
        '<autoref identifier="CNNREF.SHAPES" optional><code>cnnref.shapes</code></autoref> and '
        '<autoref identifier="A.B" optional><code>a.B</code></autoref>'
    )


@pytest.mark.parametrize("text, expected", [
    ("Syntax::\n\n    x = 1", "Syntax:\n\n    x = 1"),
    ("Syntax ::\n\n    x = 1", "Syntax:\n\n    x = 1"),
    ("a::b and ::\n\nnot indented", "a::b and ::\n\nnot indented"),
])
def test_literal_block_intro_loses_its_second_colon(text, expected):
    assert sphinx_markup(text) == expected


def test_griffe_extension_as_configured_in_mkdocs_yml():
    extensions = griffe.load_extensions("cnnref.mkdocs_hooks:DocstringExamples")
    code = 'def g():\n    """G."""\n\ndef f():\n    """Like :func:`g`.\n\n    >>> f()\n    """\n'
    with griffe.temporary_pypackage("pkg", {"mod.py": code}) as package:
        module = griffe.load("pkg.mod", search_paths=[package.tmpdir], extensions=extensions,
                             docstring_parser="google")
        docstring = module["f"].docstring
        assert [section.kind.value for section in docstring.parsed] == ["text", "examples"]
        assert 'identifier="pkg.mod.g"' in docstring.value


def test_api_headings_follow_the_page_language():
    handlers = SimpleNamespace(_locale="zh")
    plugin = SimpleNamespace(_handlers=handlers, handlers=handlers)
    config = SimpleNamespace(plugins={"mkdocstrings": plugin})
    on_page_markdown("text", page("api/x.en.md"), config, None)
    assert handlers._locale == "en"
    on_page_markdown("text", page("api/x.zh.md"), config, None)
    assert handlers._locale == "zh"


# --------------------------------------------------------------------------- provenance


def test_versions_are_the_installed_ones():
    import torch

    import cnnref

    assert versions() == {"torch": torch.__version__.split("+")[0], "cnnref": cnnref.__version__}


def git_repo_with_one_commit(tmp_path: Path, date: str) -> Path:
    """A repository whose file ``page.zh.md`` was committed on ``date``."""
    import os
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    path = tmp_path / "page.zh.md"
    path.write_text("# 页面\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "page.zh.md"],
                 ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "page"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    return path


def test_last_changed_is_the_last_commit_date_of_a_committed_file(tmp_path):
    path = git_repo_with_one_commit(tmp_path, "2024-03-09")
    assert last_changed(path) == datetime.date(2024, 3, 9)


def test_last_changed_of_an_edited_file_is_its_modification_date(tmp_path):
    path = git_repo_with_one_commit(tmp_path, "2024-03-09")
    path.write_text("# 改过的页面\n", encoding="utf-8")
    assert last_changed(path) == datetime.date.fromtimestamp(path.stat().st_mtime)
    assert last_changed(path) != datetime.date(2024, 3, 9)


def test_last_changed_falls_back_to_the_modification_date_outside_git(tmp_path):
    path = tmp_path / "page.en.md"
    path.write_text("# Page\n")
    stamp = datetime.datetime(2024, 5, 17, 12).timestamp()
    import os

    os.utime(path, (stamp, stamp))
    assert last_changed(path) == datetime.date(2024, 5, 17)


@pytest.mark.parametrize("lang, words", [("zh", "本页由 torch"), ("en", "Built and verified with torch")])
def test_provenance_line_in_the_page_language(tmp_path, lang, words):
    path = tmp_path / f"x.{lang}.md"
    path.write_text("x")
    line = provenance_html(path, lang)
    assert words in line and f"cnnref {versions()['cnnref']}" in line
    assert datetime.date.fromtimestamp(path.stat().st_mtime).isoformat() in line


def test_provenance_rejects_an_unknown_language(tmp_path):
    with pytest.raises(ValueError, match=r"lang must be one of \['en', 'zh'\], got 'fr'"):
        provenance_html(tmp_path, "fr")


def test_every_page_ends_with_its_provenance(tmp_path):
    path = tmp_path / "x.en.md"
    path.write_text("x")
    fake = SimpleNamespace(file=SimpleNamespace(src_uri="x.en.md", abs_src_path=str(path)))
    out = on_page_content("<p>body</p>", fake, None, None)
    assert out.startswith("<p>body</p>") and 'class="cnnref-provenance"' in out


# --------------------------------------------------------------------------- pictures


@pytest.mark.parametrize("src, words", [("a/x.zh.md", ["输入", "由 cnnref 中的真实模型"]),
                                        ("a/x.en.md", ["Input", "drawn from the real model"])])
def test_diagram_marker_becomes_a_figure_in_the_page_language(src, words):
    out = on_page_markdown("Text.\n\n<!-- cnnref:diagram alexnet -->\n\nMore.", page(src), None, None)
    assert out.startswith('Text.\n\n\n<figure class="cnnref-figure"><svg') and out.endswith("</figure>\n\n\nMore.")
    assert out.count("<figure") == 1 and all(word in out for word in words)


def test_block_and_figure_markers():
    out = on_page_markdown("<!-- cnnref:diagram googlenet block=inception3a -->\n\n<!-- cnnref:figure pad-sides -->",
                           page("x.en.md"), None, None)
    assert out.count("<figure") == 2 and "Concatenate channels" in out and "left 1" in out


@pytest.mark.parametrize("marker, message", [
    ("<!-- cnnref:diagram alexnet depth=2 -->", r"bad option 'depth=2' in diagram marker; allowed: block=\.\.\., input=\.\.\."),
    ("<!-- cnnref:figure pad-sides block=x -->", r"bad option 'block=x' in figure marker; allowed: none"),
    ("<!-- cnnref:figure nosuch -->", r"unknown figure 'nosuch'"),
    ("<!-- cnnref:diagram resnet18 block=layer9 -->", r"no module named 'layer9'"),
])
def test_bad_picture_marker_fails_the_build_naming_the_page(marker, message):
    with pytest.raises(PluginError, match=r"x\.zh\.md: .*" + message):
        on_page_markdown(marker, page("x.zh.md"), None, None)


@pytest.mark.parametrize("marker, rows", [("<!-- cnnref:comparison -->", 5), ("<!-- cnnref:comparison all -->", 12)])
def test_comparison_marker_expands_in_the_page_language(marker, rows):
    zh = on_page_markdown(marker, page("c.zh.md"), None, None).splitlines()
    assert zh[0].startswith("| 网络 | 年份 | 深度 |") and len(zh) == 2 + rows
    en = on_page_markdown(marker, page("c.en.md"), None, None).splitlines()
    assert en[0].startswith("| Network | Year | Depth |") and en[2].startswith("| LeNet-5 | 1998 | 4 | 60,000 |")


def test_bad_comparison_marker_fails_the_build():
    with pytest.raises(PluginError, match="takes nothing or 'all'"):
        on_page_markdown("<!-- cnnref:comparison some -->", page("c.en.md"), None, None)


def test_roles_inside_examples_stay_as_written():
    text = "See :func:`f`.\n\n>>> print(':func:`f`')\n:func:`f`\n\nAfter :mod:`m`:\n>>> 1"
    out = sphinx_markup(text, resolve=str.upper)
    assert out == ('See <autoref identifier="F" optional><code>f</code></autoref>.\n\n'
                   ">>> print(':func:`f`')\n:func:`f`\n\n"
                   'After <autoref identifier="M" optional><code>m</code></autoref>:\n>>> 1')
