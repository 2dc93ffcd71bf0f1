"""The extension on a real MkDocs page (MkDocs' own config, files and page objects) and on
Zensical's page context where Zensical is installed."""

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from cnnref.site.extension import CnnrefExtension, page_source


def render_with_mkdocs(tmp_path: Path, name: str, text: str) -> str:
    """``text`` as the page ``name`` of a MkDocs project that loads the extension by name."""
    docs = tmp_path / "docs"
    (docs / name).parent.mkdir(parents=True, exist_ok=True)
    (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - cnnref.site.extension\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = get_files(config)
    page = Page(None, files.get_file_from_path(name), config)
    page.read_source(config)
    page.render(config, files)
    return page.content


@pytest.mark.parametrize("lang, provenance", [("zh", "本页由 torch"), ("en", "Built and verified with torch")])
def test_a_mkdocs_page_gets_its_markers_and_provenance_in_its_language(tmp_path, lang, provenance):
    content = render_with_mkdocs(tmp_path, f"concepts/x.{lang}.md", "# T\n\n<!-- cnnref:figure pad-sides -->\n")
    assert content.count('<figure class="cnnref-figure"><svg') == 1
    assert content.endswith("</small></p>") and content.count('class="cnnref-provenance"') == 1
    assert f'\n<p class="cnnref-provenance"><small>{provenance}' in content


def test_a_bad_marker_stops_mkdocs_naming_the_page(tmp_path):
    with pytest.raises(PluginError, match=r"^api/x\.en\.md: <!-- cnnref:figure nosuch -->: unknown figure 'nosuch'"):
        render_with_mkdocs(tmp_path, "api/x.en.md", "<!-- cnnref:figure nosuch -->\n")


def test_a_page_without_a_language_is_refused(tmp_path):
    with pytest.raises(PluginError, match=r"^x\.fr\.md: no language suffix \(\.en\.md, \.zh\.md\) and no theme language$"):
        render_with_mkdocs(tmp_path, "x.fr.md", "Text.\n")


def test_outside_a_site_build_nothing_is_added():
    md = markdown.Markdown(extensions=[CnnrefExtension()])
    assert page_source(md) is None
    text = "<!-- cnnref:figure pad-sides -->\n\nText."
    assert md.convert(text) == markdown.markdown(text)


@pytest.mark.parametrize("path, theme, lang", [("x.en.md", "zh", "en"), ("x.md", "zh", "zh"), ("x.md", "en", "en")])
def test_zensical_page_context(tmp_path, path, theme, lang):
    context = pytest.importorskip("zensical.extensions.context", reason="Zensical is not installed")
    # zensical-i18n builds each language from a staged copy (x.en.md as x.md), with the
    # theme in that language.
    extension = context.ContextExtension(page=context.Page(url="x/", path=path),
                                         config={"docs_dir": str(tmp_path), "theme": {"language": theme}})
    (tmp_path / path).write_text("Text.\n")
    md = markdown.Markdown(extensions=[extension, CnnrefExtension()])
    assert page_source(md).lang == lang and page_source(md).path == tmp_path / path
    assert 'class="cnnref-provenance"' in md.convert("Text.")
