"""Line breaks between Chinese characters: the zh sources are hard-wrapped, and a browser
draws each line break inside a paragraph as a space (``平均 池化``). As CSS Text Level 3
describes for segment breaks, whitespace between two wide East Asian characters (Han, kana,
CJK and full-width punctuation; not Hangul) is removed, also where tags stand between them
(``见<a>最大池化</a>``); any other whitespace stays. Code (``code``, ``pre``, ``script``,
``style``) is never touched.

中文源文件按行折行；浏览器会把段落中的换行显示成空格。两个全角字符之间的空白（中间隔着标签
也一样）在这里被删去，其他空白保留；代码不受影响。

Examples:
    >>> from cnnref.site.cjk import join_cjk_lines
    >>> join_cjk_lines("最后是平均\\n池化，\\n然后 ReLU\\nand more")
    '最后是平均池化，然后 ReLU\\nand more'
    >>> join_cjk_lines("（见\\n<a href='#x'>最大池化</a>）和 <code>a\\n b</code>")
    "（见<a href='#x'>最大池化</a>）和 <code>a\\n b</code>"
"""

from __future__ import annotations

import re

from markdown.postprocessors import Postprocessor

# Wide East Asian characters: Han, kana, CJK and full-width punctuation (not Hangul).
WIDE = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Whitespace (and any tags in it) between two wide characters.
_GAP = re.compile(rf"(?<=[{WIDE}])((?:\s|<[^<>]*>)+)(?=[{WIDE}])")
_CODE = re.compile(r"(<(code|pre|script|style)\b.*?</\2>)", re.S)


def _close(match: re.Match[str]) -> str:
    return "".join(re.findall(r"<[^<>]*>", match.group(1)))


def join_cjk_lines(html: str) -> str:
    """``html`` without the whitespace between two wide East Asian characters, outside code."""
    parts = _CODE.split(html)
    # split() with two groups gives: text, code, tag name, text, code, tag name, ...
    return "".join(_GAP.sub(_close, part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)


class JoinCjkLines(Postprocessor):
    """Applies ``join_cjk_lines`` to a page's HTML before the stashed raw HTML and code blocks
    are put back, so a fenced code block is still a placeholder here."""

    def run(self, text: str) -> str:
        return join_cjk_lines(text)
