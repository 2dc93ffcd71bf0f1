"""One search index per language on the built site, without the pages' LaTeX
(cnnref/site/search_index.py; the browser tests search them as a reader does)."""

import json

import pytest

from ..conftest import LANGUAGES, BuiltSite


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_index_of_its_own_pages(built_site: BuiltSite, lang: str):
    folder = built_site.page_file(lang, "index").parent
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert all((folder / page / "index.html").exists() for page in pages), "a location outside the language"
    titles = [doc["title"] for doc in docs if "#" not in doc["location"]]
    chinese = [title for title in titles if any("\u4e00" <= c <= "\u9fff" for c in title)]
    assert (chinese != []) == (lang == "zh"), f"page titles in the other language: {chinese[:5]}"
    assert not [doc["location"] for doc in docs if doc["location"].startswith("en/")]
    assert not [doc["location"] for doc in docs if "\\(" in doc["text"] or "\\[" in doc["text"]], "LaTeX in the index"
