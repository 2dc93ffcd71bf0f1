"""The API reference's section headings follow the page's language, checked on a real build.

``cnnref.site.api_language`` reaches into mkdocstrings' private state; this builds a zh and an
en API page with the site's own configuration and fails when that stops working."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_api_pages(tmp_path: Path) -> dict[str, str]:
    """The HTML of a zh and an en page (the home page: i18n wants one), each documenting ``cnnref.site.docstrings``
    (its examples are an "Examples" section), built with mkdocs.yml."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for lang in ("zh", "en"):
        (docs / f"index.{lang}.md").write_text(f"# API {lang}\n\n::: cnnref.site.docstrings\n", encoding="utf-8")
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
