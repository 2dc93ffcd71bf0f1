"""Shared fixture: the site, built once per test session with the project's own
configuration (``mkdocs build --strict``) and served on 127.0.0.1 under the path prefix of
its ``site_url``, as GitHub Pages serves it (``https://<owner>.github.io/cnnref/``)."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: 100 fixed (derandomized) examples each; --hypothesis-profile=thorough runs 1000,
# at least what each ran before the profiles. Own counts only where a page states one, or a share
# of the profile's where an example starts a process.
settings.register_profile("default", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, derandomize=True)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PREFIX = "/cnnref/"
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the built site/ directory
    url: str  # where it is served: http://127.0.0.1:PORT/cnnref/

    def page_url(self, lang: str, stem: str) -> str:
        """The URL of a page: ``("en", "concepts/max-pooling")`` → ``.../cnnref/en/concepts/max-pooling/``."""
        path = "" if stem == "index" else (stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/")
        return self.url + ("en/" if lang == "en" else "") + path

    def page_file(self, lang: str, stem: str) -> Path:
        return self.root / self.page_url(lang, stem).removeprefix(self.url) / "index.html"


def page_stems() -> list[str]:
    """Every page of the site, by its source stem (``concepts/max-pooling``)."""
    return sorted(str(p.relative_to(DOCS)).removesuffix(".zh.md") for p in DOCS.rglob("*.zh.md"))


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only; every other path is a 404."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return posixpath.join(self.directory, "__outside_the_site_prefix__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, format: str, *args) -> None:  # keep the test output clean
        pass


# The engine that builds the site for the tests: MkDocs (the real build, pinned in the dev
# extra) or, to check a migration, Zensical with zensical-i18n where they are installed:
#   CNNREF_SITE_ENGINE=zensical python -m pytest tests/test_site_build.py
ENGINES = ("mkdocs", "zensical")


def site_engine() -> str:
    engine = os.environ.get("CNNREF_SITE_ENGINE", "mkdocs")
    if engine not in ENGINES:
        pytest.fail(f"CNNREF_SITE_ENGINE must be one of {', '.join(ENGINES)}; got {engine!r}", pytrace=False)
    return engine


def _build_command(engine: str, folder: Path) -> tuple[list[str], Path, Path]:
    """The build command, the folder it runs in, and the folder (in ``folder``) it writes the site to."""
    if engine == "mkdocs":
        site = folder / "site"
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                "-d", str(site)], ROOT, site
    if importlib.util.find_spec("zensical_i18n") is None:
        pytest.skip("CNNREF_SITE_ENGINE=zensical, but zensical-i18n is not installed in this Python "
                    "(pip install zensical==0.0.73 zensical-i18n==0.3.0)")
    # zensical-i18n writes the site and a work folder inside the project: build a copy of the
    # project (the package linked), so the checkout stays clean. Its pages' dates are then the
    # files' modification dates, not their last commits'.
    project = folder / "project"
    shutil.copytree(DOCS, project / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "cnnref").symlink_to(ROOT / "cnnref")
    return [sys.executable, "-m", "zensical_i18n", "build", "--strict", "--clean"], project, project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """Build the site strictly into a temporary folder (SITE_URL set to the local server, so
    the ``/cnnref/`` prefix is exercised) and serve it for the whole session."""
    engine = site_engine()
    command, cwd, destination = _build_command(engine, tmp_path_factory.mktemp("build"))
    handler = functools.partial(_PrefixHandler, directory=str(destination))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path}
    build = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if build.returncode != 0:
        server.server_close()
        output = build.stderr + build.stdout
        warnings = "\n".join(line for line in output.splitlines() if re.match(r"(WARNING|ERROR|Error)", line))
        pytest.fail(f"{engine} build --strict failed:\n{warnings or output[-4000:]}", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(destination, url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test``: ``--dist loadgroup``), every test of the built site
    runs on one worker, so the site is built once; a docs page and its twin share a worker; the
    tests of a file that use a module or class fixture share one, so it is built once. Every
    other test goes to whichever worker is free."""
    for item in items:
        path = item.nodeid.split("::")[0]
        if "built_site" in getattr(item, "fixturenames", ()):
            group = "site"
        elif path.endswith(".md"):
            # A block whose code equals its twin's runs once (the root conftest.py).
            group = re.sub(r"\.(zh|en)\.md$", ".md", path)
        elif _uses_a_shared_fixture(item):
            group = path
        else:
            continue
        item.add_marker(pytest.mark.xdist_group(group))


def _uses_a_shared_fixture(item: pytest.Item) -> bool:
    # pytest has no public API for a test's fixture definitions; _fixtureinfo has held them
    # since pytest 3.
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        definition.scope in ("class", "module", "package") for definitions in info.name2fixturedefs.values()
        for definition in definitions)
