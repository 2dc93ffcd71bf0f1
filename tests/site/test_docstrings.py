import re
from pathlib import Path

import griffe
import pytest
import yaml

from cnnref.site.docstrings import examples_section, prose_first

ROOT = Path(__file__).resolve().parents[2]


def test_examples_section_takes_everything_from_the_first_prompt():
    text = "Summary.\n\n>>> x = 1\n>>> x\n1\n\nMore text.\n>>> x + 1"
    assert examples_section(text) == (
        "Summary.\n\nExamples:\n    >>> x = 1\n    >>> x\n    1\n\n    More text.\n    >>> x + 1"
    )


@pytest.mark.parametrize("text", ["No examples.", "Doc.\n\nExamples:\n    >>> 1\n    1"])
def test_examples_section_leaves_other_docstrings_alone(text):
    assert examples_section(text) == text


def configured_griffe_extensions() -> list[str]:
    """The griffe extensions that mkdocs.yml gives mkdocstrings."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("  - mkdocstrings:"):text.index("\nmarkdown_extensions:")]
    config = yaml.safe_load(block.replace("  - mkdocstrings:", "mkdocstrings:", 1))
    return config["mkdocstrings"]["handlers"]["python"]["options"]["extensions"]


def test_griffe_extension_as_configured_in_mkdocs_yml():
    extensions = griffe.load_extensions(*configured_griffe_extensions())
    code = 'def f():\n    """Like [`g`][pkg.mod.g] (roles stay as written: :func:`g`).\n\n    >>> f()\n    """\n'
    with griffe.temporary_pypackage("pkg", {"mod.py": code}) as package:
        module = griffe.load("pkg.mod", search_paths=[package.tmpdir], extensions=extensions,
                             docstring_parser="google")
        docstring = module["f"].docstring
        assert [section.kind.value for section in docstring.parsed] == ["text", "examples"]
        assert docstring.parsed[0].value == "Like [`g`][pkg.mod.g] (roles stay as written: :func:`g`)."


SPHINX_ROLE = re.compile(r":(?:func|meth|class|mod|data|attr|obj|exc):`")


@pytest.mark.parametrize("path", sorted((ROOT / "cnnref").rglob("*.py")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docstrings_use_cross_references_not_sphinx_roles(path):
    # The rule (cnnref.site.docstrings): an API name is written [`name`][cnnref.module.name]; a
    # Sphinx role would be shown as written, since nothing rewrites them any more.
    assert not SPHINX_ROLE.search(path.read_text(encoding="utf-8"))


def test_prose_after_a_section_moves_before_the_first_section():
    text = "Check x.\n\nRaises:\n    ValueError: bad x.\n\n    TypeError: not a number.\n\n检查 x。\n\nExamples:\n    >>> 1\n    1"
    assert prose_first(text) == (
        "Check x.\n\n检查 x。\n\nRaises:\n    ValueError: bad x.\n\n    TypeError: not a number.\n\nExamples:\n    >>> 1\n    1"
    )


@pytest.mark.parametrize("text", ["Summary.\n\nMore.", "Summary.\n\nArgs:\n    x: a value."])
def test_prose_first_leaves_prose_before_sections_alone(text):
    assert prose_first(text) == text
