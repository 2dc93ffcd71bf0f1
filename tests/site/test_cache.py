"""The build's disk cache (cnnref/site/cache.py): an entry is computed once per code and
request, a miss says what it draws, and a build whose markers are all cached never imports torch."""

import logging
import subprocess
import sys

import pytest

from cnnref.site import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNREF_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_request_is_computed_once_and_another_request_again(folder):
    calls = []

    def compute(text: str):
        return lambda: calls.append(text) or text

    assert cache.cached(("t", 1), compute("one")) == "one"
    assert cache.cached(("t", 1), compute("changed")) == "one"  # a hit: not computed again
    assert cache.cached(("t", 2), compute("two")) == "two"
    assert calls == ["one", "two"] and len(list(folder.rglob("*"))) == 4  # 2 entries in 2 folders


def test_what_fails_is_not_cached(folder):
    def fail():
        raise ValueError("bad model")

    with pytest.raises(ValueError, match="bad model"):
        cache.cached(("t", "bad"), fail)
    assert cache.cached(("t", "bad"), lambda: "fixed") == "fixed"


def test_a_miss_of_something_slow_is_logged_and_a_hit_is_not(folder, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.cnnref"):
        cache.cached(("t", 3), lambda: "x", what="cnnref:diagram alexnet (en)")
        cache.cached(("t", 3), lambda: "x", what="cnnref:diagram alexnet (en)")
        cache.cached(("t", 4), lambda: "quick")
    assert caplog.messages == ["cnnref: generating cnnref:diagram alexnet (en) (cached for the next builds)"]


def test_markers_from_the_cache_need_no_torch(folder):
    code = ("import sys\nfrom cnnref.site.markers import expand\n"
            "page = expand('<!-- cnnref:layer-table alexnet -->', 'en')\n"
            "print('torch' in sys.modules, '| `features` | Sequential | (1, 256, 6, 6) |' in page)")
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert run() == ["True", "True"]  # the first build draws the table with torch
    assert run() == ["False", "True"]  # the next reads it
