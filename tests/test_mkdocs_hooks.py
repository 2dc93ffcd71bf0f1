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
