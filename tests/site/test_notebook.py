"""The notebooks of the pages (``cnnref.site.notebook``): made from each page's own blocks, valid,
in the built site beside every page and linked from it, and the concept pages' notebooks run."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import nbformat
import pytest

from cnnref.i18n import SITE_TEXT
from cnnref.site.notebook import absolute_url, page_notebook, session_cells

from ..conftest import DOCS, LANGUAGES, ROOT, page_stems

PAGES = sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md"))
CONCEPTS = sorted(str(path.relative_to(DOCS)) for path in DOCS.glob("concepts/*.en.md"))
# A fence opening on its own line (any indentation), read independently of the module.
_FENCE = re.compile(r"^( *)```(\w+)[^\n]*\n(.*?)^\1```[ ]*$", re.S | re.M)


def notebook_of(name: str) -> nbformat.NotebookNode:
    return page_notebook((DOCS / name).read_text(encoding="utf-8"), name.split(".")[-2], name,
                         "https://x.io/cnnref/" + name.rsplit(".", 2)[0] + "/")


def python_blocks(name: str) -> list[tuple[str, str]]:
    """Each python block or pycon session of the page, in order, as (language, code without prompts)."""
    blocks = []
    for indent, lang, body in _FENCE.findall((DOCS / name).read_text(encoding="utf-8")):
        body = textwrap.dedent(body).rstrip("\n")
        if lang == "pycon":
            # the prompts' lines (a bare "..." is a traceback's ellipsis or a blank line: dropped)
            body = "\n".join(line[4:] for line in body.split("\n") if line.startswith((">>> ", "... ")))
        if lang in ("python", "py", "python3", "pycon"):
            blocks.append((lang, body.rstrip("\n")))
    return blocks


def code_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def without_blank_lines(code: str) -> str:
    return "\n".join(line for line in code.split("\n") if line.strip())


@pytest.mark.parametrize("name", PAGES)
def test_a_notebook_has_the_pages_code_in_order_and_its_prose_in_markdown(name):
    notebook = notebook_of(name)
    nbformat.validate(notebook)
    cells, blocks = code_cells(notebook), python_blocks(name)
    i = 0
    for lang, code in blocks:  # a python block is one cell; a session one cell per shown output
        if lang != "pycon":
            assert cells[i] == code, f"{name}: code cell {i}"
            i += 1
            continue
        taken: list[str] = []
        while without_blank_lines("\n".join(taken)) != code:
            assert i < len(cells), f"{name}: session {code[:40]!r}"
            assert code.startswith(without_blank_lines("\n".join([*taken, cells[i]]))), f"{name}: cell {i}"
            taken.append(cells[i])
            i += 1
    assert i == len(cells)
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "```python" not in prose and "```pycon" not in prose and ">>> " not in prose
    assert not re.search(r"^ *<!-- cnnref:", prose, re.M) and not re.search(r"^#+ .*\{#", prose, re.M) and "](#" not in prose
    first_heading = next(line for line in (DOCS / name).read_text(encoding="utf-8").split("\n") if line.startswith("# "))
    assert first_heading in prose


@pytest.mark.parametrize("name", CONCEPTS)
def test_a_pages_twins_have_the_same_code_cells(name):
    """Equal but for comments (their syntax trees are equal), so executing one language's
    notebook (below) runs the other's code too."""
    en, zh = (code_cells(notebook_of(page)) for page in (name, name.replace(".en.md", ".zh.md")))
    assert [ast.dump(ast.parse(code)) for code in en] == [ast.dump(ast.parse(code)) for code in zh]


def test_a_session_keeps_each_output_under_its_statement():
    cells = session_cells(">>> import math\n>>> math.sqrt(4)\n2.0\n>>> for i in range(2):\n...     print(i)\n0\n1\n"
                          ">>> math.sqrt(-1)\nTraceback (most recent call last):\n...\nValueError: math domain error\n")
    assert [cell.source for cell in cells] == ["import math\nmath.sqrt(4)", "for i in range(2):\n    print(i)", "math.sqrt(-1)"]
    assert cells[0].outputs[0].data == {"text/plain": "2.0"}
    assert cells[1].outputs[0].output_type == "stream" and cells[1].outputs[0].text == "0\n1\n"
    error = cells[2].outputs[0]
    assert (error.ename, error.evalue, cells[2].metadata.tags) == ("ValueError", "math domain error", ["raises-exception"])


def test_a_pycon_block_that_is_no_session_is_refused():
    with pytest.raises(ValueError, match="a pycon block must be a doctest session"):
        page_notebook("```pycon\nx = 1\n```\n", "en", "x.en.md", "https://x.io/x/")


def test_admonitions_open_other_fences_stay_and_markers_become_one_note():
    page = ('# T {#t}\n\n??? note "Check"\n\n    ```python\n    assert 1\n    ```\n\n```bash\nmake\n```\n\n'
            "<!-- cnnref:figure pad-sides -->\n\n::: cnnref.shapes\n    options:\n      members: false\n\n最后是平均\n池化。\n\n下一段\n")
    cells = page_notebook(page, "zh", "concepts/x.zh.md", "https://x.io/concepts/x/").cells
    note = SITE_TEXT["zh"]["notebook.generated"].format(url="https://x.io/concepts/x/")
    assert [cell.cell_type for cell in cells] == ["markdown", "markdown", "code", "markdown"]
    assert cells[1].source == "# T\n\n**Check**" and cells[2].source == "assert 1"
    assert cells[3].source == f"```bash\nmake\n```\n\n{note}\n\n最后是平均池化。\n\n下一段"


def test_links_become_absolute_on_the_site():
    page = "https://x.io/cnnref/en/api/models/"
    assert absolute_url("../concepts/nin.md#gap", "api/models.en.md", page) == "https://x.io/cnnref/en/concepts/nin/#gap"
    assert absolute_url("index.md", "api/models.en.md", page) == "https://x.io/cnnref/en/api/"
    assert absolute_url("https://arxiv.org/abs/1512.03385", "api/models.en.md", page) == "https://arxiv.org/abs/1512.03385"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", page_stems())
def test_the_built_site_has_each_pages_notebook_linked_from_it(built_site, stem, lang):
    page = built_site.page_file(lang, stem)
    notebook_file = page.parent / (Path(stem).name + ".ipynb")
    notebook = nbformat.read(notebook_file, as_version=4)
    nbformat.validate(notebook)
    assert built_site.page_url(lang, stem) in notebook.cells[0].source
    link = f'<a download="{notebook_file.name}" href="{notebook_file.name}">{SITE_TEXT[lang]["notebook.download"]}</a>'
    html = page.read_text(encoding="utf-8")
    assert html.count(link) == 1 and html.index(link) < html.index('class="cnnref-provenance"')


@pytest.mark.parametrize("name", CONCEPTS)
def test_a_concept_pages_notebook_runs(name, monkeypatch):
    """Every cell runs in a fresh python3 kernel; a cell may fail only where the page shows the
    traceback (tagged ``raises-exception``). The en notebook only: the zh one has the same code
    cells (tested above), and running both doubles about a minute."""
    from nbclient import NotebookClient

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    notebook = notebook_of(name)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            failed = [output for output in cell.outputs if output.output_type == "error"]
            assert bool(failed) == ("raises-exception" in cell.metadata.get("tags", [])), cell.source
