import datetime
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree.ElementTree import tostring

import pytest

from cnnref.site.provenance import last_changed, provenance_element, provenance_text, versions


def test_versions_are_the_installed_ones_without_a_local_build_tag():
    import torch

    import cnnref

    assert torch.__version__.startswith(versions()["torch"]) and "+" not in versions()["torch"]
    assert versions()["cnnref"] == cnnref.__version__


def git_repo_with_one_commit(tmp_path: Path, date: str) -> Path:
    """A repository whose file ``page.zh.md`` was committed on ``date``."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    path = tmp_path / "page.zh.md"
    path.write_text("# 页面\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "page.zh.md"],
                 ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "page"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    return path


def test_last_changed_is_the_last_commit_date_of_a_committed_file(tmp_path):
    path = git_repo_with_one_commit(tmp_path, "2024-03-09")
    assert last_changed(path) == datetime.date(2024, 3, 9)


def test_last_changed_of_an_edited_file_is_its_modification_date(tmp_path):
    path = git_repo_with_one_commit(tmp_path, "2024-03-09")
    path.write_text("# 改过的页面\n", encoding="utf-8")
    assert last_changed(path) == datetime.date.fromtimestamp(path.stat().st_mtime)
    assert last_changed(path) != datetime.date(2024, 3, 9)


def test_last_changed_falls_back_to_the_modification_date_outside_git(tmp_path):
    path = tmp_path / "page.en.md"
    path.write_text("# Page\n")
    stamp = datetime.datetime(2024, 5, 17, 12).timestamp()
    os.utime(path, (stamp, stamp))
    assert last_changed(path) == datetime.date(2024, 5, 17)


@pytest.mark.parametrize("lang, words", [("zh", "本页由 torch"), ("en", "Built and verified with torch")])
def test_provenance_line_in_the_page_language(tmp_path, lang, words):
    path = tmp_path / f"x.{lang}.md"
    path.write_text("x")
    line = provenance_text(path, lang)
    assert line.startswith(words) and f"cnnref {versions()['cnnref']}" in line
    assert line.endswith(datetime.date.fromtimestamp(path.stat().st_mtime).isoformat())


def test_provenance_element_is_one_small_paragraph(tmp_path):
    path = tmp_path / "x.en.md"
    path.write_text("x")
    html = tostring(provenance_element(path, "en"), encoding="unicode")
    assert html == f'<p class="cnnref-provenance"><small>{provenance_text(path, "en")}</small></p>'


def test_provenance_rejects_an_unknown_language(tmp_path):
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'zh'; got 'fr'"):
        provenance_text(tmp_path, "fr")
