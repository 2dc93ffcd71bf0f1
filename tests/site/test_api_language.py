"""The API reference's section headings follow the page's language, checked on a real build.

``cnnref.site.api_language`` reaches into mkdocstrings' private state; this builds a zh and an
en API page with the site's own configuration and fails when that stops working."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_api_pages(tmp_path: Path, *identifiers: str) -> dict[str, str]:
    """The HTML of a zh and an en page (the home page: i18n wants one), each documenting
    ``identifiers`` (by default ``cnnref.site.docstrings``, whose examples are an "Examples"
    section), built with mkdocs.yml."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)  # a second build of the same pages: see the cache test
    entries = "".join(f"::: {name}\n\n" for name in identifiers or ("cnnref.site.docstrings",))
    for lang in ("zh", "en"):
        (docs / f"index.{lang}.md").write_text(f"# API {lang}\n\n{entries}", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    # The paths that mkdocs.yml gives relative to itself, made absolute for a config elsewhere.
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
                      f"theme:\n  custom_dir: {ROOT / 'cnnref/site/theme'}\n"
                      f"hooks:\n  - {ROOT / 'cnnref/site/search_index.py'}\nnav:\n  - API: index.md\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-3000:]
    site = tmp_path / "site"
    return {"zh": (site / "index.html").read_text(encoding="utf-8"),
            "en": (site / "en" / "index.html").read_text(encoding="utf-8")}


def test_each_language_gets_its_own_section_headings(tmp_path):
    pages = build_api_pages(tmp_path)
    for lang, examples, other in (("zh", "示例：", "Examples:"), ("en", "Examples:", "示例：")):
        assert f'<span class="doc-section-title">{examples}</span>' in pages[lang], lang
        assert f'<span class="doc-section-title">{other}</span>' not in pages[lang], lang
        # The docstrings converted inside the page get no provenance line of their own.
        assert pages[lang].count('<p class="cnnref-provenance">') == 1, lang
    # A class's base classes (DocstringExamples is a griffe Extension), in the page's language.
    for lang, bases, other in (("zh", "基类：", "Bases:"), ("en", "Bases:", "基类：")):
        assert re.search(rf'<p class="doc doc-class-bases">\s*{bases} <code>', pages[lang]), lang
        assert other not in pages[lang], lang


def test_a_build_from_the_cache_writes_the_same_pages_and_inventory(tmp_path):
    """The second build takes each API entry from the disk cache (cnnref/site/api_language.py),
    with the headings its render reported (the table of contents) and their aliases
    (objects.inv), and writes what the first one wrote."""
    # cnnref.comparison re-exports model_info: its aliases are known once a render resolved them.
    first = build_api_pages(tmp_path, "cnnref.shapes", "cnnref.models", "cnnref.comparison")
    inventory = (tmp_path / "site" / "objects.inv").read_bytes()
    entries = {path: path.stat().st_mtime_ns for path in (tmp_path / ".cache").rglob("*") if path.is_file()}
    assert entries, "the first build wrote no cache entries"
    assert build_api_pages(tmp_path, "cnnref.shapes", "cnnref.models", "cnnref.comparison") == first
    assert (tmp_path / "site" / "objects.inv").read_bytes() == inventory
    # Every entry was read, none written again (a miss replaces its file).
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / ".cache").rglob("*") if path.is_file()} == entries
