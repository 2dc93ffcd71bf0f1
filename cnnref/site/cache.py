"""A disk cache for what the build generates from code (the layer tables, the comparison, the
diagrams): an unchanged model is never rebuilt or traced again, by the next build or by
``mkdocs serve``'s rebuild after an edit.

构建时由代码生成的内容（逐层表、对比表、结构图）的磁盘缓存：代码不变时，下一次构建或
``mkdocs serve`` 的重建不再重新构建或追踪模型。

An entry's key hashes the source of every module of ``cnnref``, the torch version and the
request itself, so any change of the code that produces an entry makes a new one; nothing is
ever invalidated by hand. The folder is ``$CNNREF_CACHE_DIR``, or ``.cache/cnnref`` in the
folder the build runs in.

>>> from cnnref.site.cache import cached
>>> cached(("example", 1), lambda: "computed once")
'computed once'
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_hash() -> str:
    """A hash of every ``.py`` file of the package and of the torch version."""
    digest = hashlib.sha256(version("torch").encode())  # the installed torch, without importing it
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_log = logging.getLogger("mkdocs.plugins.cnnref")  # MkDocs prints its INFO lines


def folder() -> Path:
    return Path(os.environ.get("CNNREF_CACHE_DIR", Path.cwd() / ".cache" / "cnnref"))


def cached(request: tuple[object, ...], compute: Callable[[], str], *, what: str = "") -> str:
    """``compute()``, read from the cache if this code already computed it for ``request``.

    Args:
        request: what is computed, by value (its ``repr`` is part of the key).
        compute: computes the text; what it raises is never cached.
        what: what is computed, in a few words, for a log line on a miss (none when it is quick).

    Returns:
        The text.
    """
    key = hashlib.sha256(f"{code_hash()}\0{request!r}".encode()).hexdigest()
    path = folder() / key[:2] / key
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    if what:  # a table or a figure takes seconds: a first build shows what it is doing
        _log.info("cnnref: generating %s (cached for the next builds)", what)
    text = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # atomic: a parallel build never reads half an entry
    except OSError:
        pass  # a read-only folder: the build works, only slower
    return text
