"""Every user-visible string of the package, in each language of the site: table headers,
diagram labels, figure captions, the provenance line. One language check serves them all.

Adding a language means adding its table below (and its ``nav_translations`` in
``mkdocs.yml``); nothing else in the package names a language.

包中所有面向读者的文字（表头、图中标签、图注、来源信息）都在这里，按语言分表；
所有地方共用同一个语言检查。

>>> from cnnref.i18n import check_lang
>>> check_lang("zh")
'zh'
>>> check_lang("fr")
Traceback (most recent call last):
...
ValueError: lang must be one of 'en', 'zh'; got 'fr'
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")


def check_lang(lang: object) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else ``ValueError`` naming the allowed ones."""
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}; got {lang!r}")
    return lang


# --------------------------------------------------------------------------- analysis, comparison, diagrams


# --------------------------------------------------------------------------- site (captions, provenance, API)


# --------------------------------------------------------------------------- command line

#: The first line of ``cnnref summary``: the model's registry name and the input size.
SUMMARY_HEADER: dict[str, str] = {"en": "{name}  input {size}", "zh": "{name}  输入 {size}"}

#: What the command line prints instead of a character that the terminal's encoding lacks
#: (an ASCII-only terminal), for ``str.translate``.
ASCII_FALLBACK: dict[int, str] = str.maketrans(
    {"×": "x", "→": "->", "−": "-", "–": "-", "—": "--", "…": "...", "·": "*", "≥": ">=", "≤": "<=", "’": "'"}
)
