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

# The words the build adds to a page (cnnref.site): the caption under each generated picture
# and the provenance line at the end of every page. The API reference's section headings
# ("Examples" / "示例") are mkdocstrings' own translations, chosen by the page's language.
SITE_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "caption.network": "{name} 的结构图：由 cnnref 中的真实模型在构建本站时画出，每一步右侧是它的输出形状。",
        "caption.block": "{name} 中 {block} 的各个分支：由真实模型在构建本站时画出，每个方框的第二行是它的输出形状。",
        "caption.figure": "由 torch 算出，并在构建本站时画出。",
        "provenance": "本页由 torch {torch} 与 cnnref {cnnref} 构建并验证 · 最后修改：{date}",
    },
    "en": {
        "caption.network": "The structure of {name}, drawn from the real model in cnnref when this site is built; "
                           "the right column gives the output shape of each step.",
        "caption.block": "The branches of {block} in {name}, drawn from the real model when this site is built; "
                         "the second line of each box is its output shape.",
        "caption.figure": "Computed by torch and drawn when this site is built.",
        "provenance": "Built and verified with torch {torch} and cnnref {cnnref} · Last changed: {date}",
    },
}


# --------------------------------------------------------------------------- command line
