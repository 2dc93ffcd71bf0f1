"""The provenance line at the end of every page: the versions of torch and cnnref that built
and verified it, and the date of the last commit of its source file.

每页末尾的来源信息：构建并验证本页的 torch 与 cnnref 版本，以及源文件最后一次提交的日期。
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

from cnnref.i18n import SITE_TEXT, check_lang


@functools.cache
def versions() -> dict[str, str]:
    """The versions that build (and, in CI, test) the site.

    Returns:
        ``torch`` without its local build tag (``2.13.0+cpu`` → ``2.13.0``), and ``cnnref``.

    Examples:
        >>> from cnnref.site.provenance import versions
        >>> sorted(versions())
        ['cnnref', 'torch']
    """
    from importlib.metadata import version  # not torch.__version__: the build never imports torch

    return {"torch": version("torch").split("+")[0], "cnnref": version("cnnref")}


def last_changed(path: Path) -> datetime.date:
    """The date of the last commit that changed ``path``.

    For a file that git does not know or that has uncommitted changes (or without git), the
    file's modification date. Not cached: ``mkdocs serve`` rebuilds in one process.

    文件最后一次提交的日期；git 不认识该文件、文件有未提交的修改或没有 git 时，取文件的修改日期。

    Examples:
        >>> from pathlib import Path
        >>> import cnnref
        >>> from cnnref.site.provenance import last_changed
        >>> last_changed(Path(cnnref.__file__)).year >= 2026
        True
    """
    path = Path(path).resolve()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args, "--", path.name], cwd=path.parent, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        if not git("status", "--porcelain"):
            date = git("log", "-1", "--format=%cs")
            if date:
                return datetime.date.fromisoformat(date)
    except (OSError, subprocess.CalledProcessError):
        pass
    return datetime.date.fromtimestamp(path.stat().st_mtime)


def provenance_text(path: Path, lang: str) -> str:
    """The provenance line of the page whose source file is ``path``.

    Args:
        path: the page's source file (its last commit gives the date).
        lang: the page's language.

    Raises:
        ValueError: ``lang`` is not a language of the site.

    Examples:
        >>> from pathlib import Path
        >>> import cnnref
        >>> from cnnref.site.provenance import provenance_text
        >>> provenance_text(Path(cnnref.__file__), "en").startswith("Built and verified with torch ")
        True
    """
    template = SITE_TEXT[check_lang(lang)]["provenance"]
    return template.format(**versions(), date=last_changed(path).isoformat())


def provenance_element(path: Path, lang: str) -> Element:
    """The provenance line as the page's last paragraph:
    ``<p class="cnnref-provenance"><small>…</small></p>``.

    Examples:
        >>> from pathlib import Path
        >>> from xml.etree.ElementTree import tostring
        >>> import cnnref
        >>> from cnnref.site.provenance import provenance_element
        >>> tostring(provenance_element(Path(cnnref.__file__), "en"), encoding="unicode")[:42]
        '<p class="cnnref-provenance"><small>Built '
    """
    paragraph = Element("p", {"class": "cnnref-provenance"})
    SubElement(paragraph, "small").text = provenance_text(path, lang)
    return paragraph
