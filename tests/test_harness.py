"""The docs harness (root conftest.py) fails on wrong pages and runs every Python fence."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A throwaway project with the real harness and an empty docs/ and cnnref/."""
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.mkdir("docs")
    pytester.mkdir("cnnref")
    return pytester


def page(project: pytest.Pytester, text: str) -> None:
    (project.path / "docs" / "page.en.md").write_text(text, encoding="utf-8")


def run(project: pytest.Pytester) -> pytest.RunResult:
    """pytest on the project in a fresh process (in-process runs re-import torch and crash).
    Hypothesis's plugin is left out: no page uses it, and it is most of a run's start-up."""
    return project.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "docs", "cnnref")


SHAPE_SESSION = """\
```pycon
>>> import torch
>>> torch.zeros(1, 3, 17, 17).shape
{shape}
```
"""


def test_right_shape_passes(project):
    page(project, SHAPE_SESSION.format(shape="torch.Size([1, 3, 17, 17])"))
    run(project).assert_outcomes(passed=1)


def test_wrong_shape_fails(project):
    page(project, SHAPE_SESSION.format(shape="torch.Size([1, 3, 16, 16])"))
    result = run(project)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "Expected:\n    torch.Size([1, 3, 16, 16])\nGot:\n    torch.Size([1, 3, 17, 17])" in out


def test_failing_script_block_fails_with_page_line(project):
    page(project, "# Title\n\ntext\n\n```python\nx = 1\nassert x == 2, 'x is 1'\n```\n")
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*page.en.md:7*", "*AssertionError: x is 1*"])


def test_each_block_runs_in_a_fresh_namespace(project):
    page(project, "```python\nimport math\n```\n\n```python\nassert math.pi > 3\n```\n")
    result = run(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*NameError*math*"])


@pytest.mark.parametrize("fence", ['python title="x.py"', "py", "python3", "{.python}", "pycon"])
def test_no_python_fence_is_skipped(project, fence):
    page(project, f"```{fence}\nraise RuntimeError('ran')\n```\n")
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*RuntimeError: ran*"])


def test_fence_inside_an_admonition_runs(project):
    page(project, '!!! note\n\n    ```python\n    raise RuntimeError("nested")\n    ```\n')
    run(project).assert_outcomes(failed=1)


def test_other_languages_are_not_run(project):
    page(project, "```bash\nexit 1\n```\n\n```text\n>>> 1\n2\n```\n")
    run(project).assert_outcomes()


def test_mixed_script_and_session_is_rejected(project):
    page(project, "```python\nx = 1\n>>> x\n1\n```\n")
    result = run(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*mixes both*"])


def test_docstring_examples_run_fresh_and_fail_on_wrong_output(project):
    (project.path / "cnnref" / "mod.py").write_text(
        'import math\n\n\ndef f():\n    """Doc.\n\n    >>> 1 + 1\n    3\n    """\n\n\n'
        'def g():\n    """Uses a module global without importing it.\n\n    >>> math.pi > 3\n    True\n    """\n',
        encoding="utf-8",
    )
    result = run(project)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*mod.py*line 7*", "*NameError*math*"])


def twins(project: pytest.Pytester, en: str, zh: str) -> None:
    page(project, en)
    (project.path / "docs" / "page.zh.md").write_text(zh, encoding="utf-8")


COUNTING = "```python\nimport os\nopen(os.environ['RUNS'], 'a').write('x')  # {comment}\nassert {check}\n```\n"


def test_a_twin_block_with_the_same_code_runs_once_and_reports_its_twins_outcome(project, tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    monkeypatch.setenv("RUNS", str(runs))
    twins(project, COUNTING.format(comment="one run", check="True"), COUNTING.format(comment="一次", check="True"))
    run(project).assert_outcomes(passed=2)
    assert runs.read_text() == "x"


def test_a_failing_twin_fails_both_pages_naming_the_one_that_ran(project, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNS", str(tmp_path / "runs"))
    twins(project, COUNTING.format(comment="c", check="1 == 2"), COUNTING.format(comment="注释", check="1 == 2"))
    result = run(project)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*this block is the code of *page.en.md:2, which failed*"])


def test_twins_whose_code_differs_both_run(project, tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    monkeypatch.setenv("RUNS", str(runs))
    twins(project, COUNTING.format(comment="c", check="True"), COUNTING.format(comment="c", check="1 == 2"))
    run(project).assert_outcomes(passed=1, failed=1)
    assert runs.read_text() == "xx"


def test_a_session_twin_with_another_expected_output_runs(project):
    session = ">>> 1 + 1  # {comment}\n{want}\n"
    twins(project, "```pycon\n" + session.format(comment="two", want="2") + "```\n",
          "```pycon\n" + session.format(comment="二", want="3") + "```\n")
    run(project).assert_outcomes(passed=1, failed=1)
