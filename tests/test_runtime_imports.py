"""The runtime package works without the site's toolchain: importing it, and every module
outside ``cnnref.site``, loads neither MkDocs, griffe, mkdocstrings, Markdown nor Playwright."""

import pkgutil
import subprocess
import sys

import cnnref

BUILD_TIME = {"mkdocs", "griffe", "mkdocstrings", "mkdocstrings_handlers", "markdown", "pymdownx", "playwright"}


def runtime_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(cnnref.__path__, "cnnref.")]
    return ["cnnref", *sorted(n for n in names if n != "cnnref.site" and not n.startswith("cnnref.site."))]


def test_the_runtime_modules_include_the_ones_the_readme_names():
    assert {"cnnref.models", "cnnref.analysis", "cnnref.cli", "cnnref.diagrams", "cnnref.comparison",
            "cnnref.shapes", "cnnref.i18n", "cnnref.__main__"} <= set(runtime_modules())


def test_importing_the_runtime_package_loads_no_build_time_package():
    modules = [m for m in runtime_modules() if m != "cnnref.__main__"]  # __main__ runs the CLI
    code = (f"import importlib, sys\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
            f"print(sorted(set({sorted(BUILD_TIME)!r}) & {{m.split('.')[0] for m in sys.modules}}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_command_line_runs_without_them():
    code = ("import runpy, sys\nsys.argv = ['cnnref', 'shape', 'pool', '--size', '32', '--kernel', '2']\n"
            f"try:\n    runpy.run_module('cnnref', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(sorted(set({sorted(BUILD_TIME)!r}) & {{m.split('.')[0] for m in sys.modules}}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
