"""The docs-verification harness: every Python snippet on every page, and every
docstring example in ``cnnref/``, runs under pytest through Sybil.

Rules it enforces (see README, "How the docs are verified"):

* Each Python fence (``python``, ``py``, ``python3``, ``pycon`` - with or without
  attributes such as ``title="x.py"``) is one test. No Python fence is skipped.
* Each block runs alone, in a fresh namespace, exactly as a reader would copy it.
* A block that starts with ``>>>`` is a doctest session: its printed output is compared.
  A block is either a script or a session; mixing the two is an error.
* A docstring's examples (from its first ``>>>``) run the same way, in a fresh namespace
  rather than the module's, so they too work when copied.
* A zh block whose code is its en twin's, token for token once comments are dropped (the
  comments are the only thing a translation may change), runs once for both: the second page
  reports the first one's outcome, naming the page and line that ran.
"""

from __future__ import annotations

import doctest
import io
import re
import textwrap
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass

from sybil import Document, Example, Region, Sybil
from sybil.document import PythonDocStringDocument
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

PYTHON_FENCES = {"python", "py", "python3", "py3", "pycon"}
pytest_plugins = ("pytester",)

DOCTEST_FLAGS = doctest.ELLIPSIS


@dataclass(frozen=True)
class Snippet:
    source: str
    first_line: int  # 1-based line in the file where ``source`` starts
    twin_key: tuple[str, int, str] | None = None  # (page stem, block index, code without comments)


def _without_comments(code: str) -> str:
    """``code``'s tokens without comments (``>>>`` prompts and outputs are tokens too)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(code).readline)
        return " ".join(t.string for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return code  # not tokenizable (a doctest's output): compare it as written


def _twin_key(path: str, index: int, source: str) -> tuple[str, int, str] | None:
    """What makes a page's ``index``-th block the same as its twin's: the code without
    comments and, for a session, every expected output exactly as written."""
    match = re.search(r"(.*)\.(zh|en)\.md$", path)
    if match is None:
        return None
    if source.lstrip().startswith(">>>"):
        examples = doctest.DocTestParser().get_examples(source)
        code = "\n".join(f"{_without_comments(e.source)}\n{e.want}" for e in examples)
    else:
        code = _without_comments(source)
    return match[1], index, code


#: The outcome of each block already run, by twin key: (page:line, report or exception).
_OUTCOMES: dict[tuple[str, int, str], tuple[str, str | BaseException | None]] = {}


def run_snippet(example: Example) -> str | None:
    """Run a snippet, or report the outcome of its twin if that already ran."""
    snippet: Snippet = example.parsed
    where = f"{example.path}:{snippet.first_line}"
    if snippet.twin_key in _OUTCOMES:
        ran, outcome = _OUTCOMES[snippet.twin_key]
        if isinstance(outcome, BaseException):
            raise AssertionError(f"this block is the code of {ran}, which failed: {outcome!r}") from outcome
        return None if outcome is None else f"this block is the code of {ran}, which failed:\n{outcome}"
    outcome: str | BaseException | None
    try:
        outcome = _run_alone(example)
    except BaseException as error:
        outcome = error
    if snippet.twin_key is not None:
        _OUTCOMES[snippet.twin_key] = (where, outcome)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _run_alone(example: Example) -> str | None:
    """Run one snippet in a fresh namespace; return a failure report or None."""
    snippet: Snippet = example.parsed
    namespace = {"__name__": "__main__"}
    if snippet.source.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(
            snippet.source, namespace, f"{example.path}:{snippet.first_line}",
            example.path, snippet.first_line - 1,
        )
        report = io.StringIO()
        runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
        result = runner.run(test, out=report.write, clear_globs=True)
        return report.getvalue() if result.failed else None
    if re.search(r"^\s*>>>", snippet.source, re.M):
        return "a block is either a script or a '>>>' session; this one mixes both"
    # Leading newlines make tracebacks point at the page's own line numbers.
    code = compile("\n" * (snippet.first_line - 1) + snippet.source, example.path, "exec")
    exec(code, namespace)
    return None


class FencedPythonParser:
    """Every fenced block whose language is Python-family, whatever its attributes."""

    lexer = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)\n"))

    def __call__(self, document: Document) -> Iterable[Region]:
        index = 0
        for region in self.lexer(document):
            language = re.match(r"[\s{.]*([\w+-]*)", region.lexemes["info"]).group(1)
            if language.lower() not in PYTHON_FENCES:
                continue
            first_line = document.text.count("\n", 0, region.start) + 2
            source = region.lexemes["source"]
            region.parsed = Snippet(source, first_line, _twin_key(document.path, index, source))
            index += 1
            region.evaluator = run_snippet
            yield region


class DocstringExamplesParser:
    """One region per docstring: from its first ``>>>`` line to the end."""

    def __call__(self, document: Document) -> Iterable[Region]:
        match = re.search(r"^[ \t]*>>>", document.text, re.M)
        if match is None:
            return
        start = match.start()
        first_line = document.text.count("\n", 0, start) + 1
        source = textwrap.dedent(document.text[start:])
        yield Region(start, len(document.text), Snippet(source, first_line), run_snippet)


class DocstringDocument(Document):
    """A Python file seen as its docstrings only; the module itself is never imported,
    and regions report lines of the file, not of the docstring."""

    @classmethod
    def parse(cls, path: str, *parsers, encoding: str = "utf-8") -> Document:
        with open(path, encoding=encoding) as source:
            document = cls(source.read(), path)
        for start, _end, text in PythonDocStringDocument.extract_docstrings(document.text):
            offset_lines = document.text.count("\n", 0, start)
            for parser in parsers:
                for region in parser(cls(text, path)):
                    snippet = region.parsed
                    region.parsed = Snippet(snippet.source, snippet.first_line + offset_lines)
                    region.start += start
                    region.end += start
                    document.add(region)
        return document


pytest_collect_file = (
    Sybil(parsers=[FencedPythonParser()], path="docs", patterns=["*.md"], name="docs")
    + Sybil(
        parsers=[DocstringExamplesParser()],
        path="cnnref",
        patterns=["*.py"],
        document_types={".py": DocstringDocument},
        name="docstrings",
    )
).pytest()
