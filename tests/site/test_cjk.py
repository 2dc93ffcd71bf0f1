import markdown
import pytest

from cnnref.site.cjk import JoinCjkLines, join_cjk_lines


@pytest.mark.parametrize("text, joined", [
    ("平均\n池化", "平均池化"),
    ("平均  \n  池化", "平均池化"),           # the spaces around the break go with it
    ("见\n<a href='#x'>最大</a>", "见<a href='#x'>最大</a>"),   # tags between the two
    ("句号。 下一句", "句号。下一句"),
    ("池化，\n然后", "池化，然后"),             # full-width punctuation is wide
    ("（1, 3）\n的形状", "（1, 3）的形状"),
    ("使用 ReLU\n激活", "使用 ReLU\n激活"),     # Latin on one side: the break stays (a space)
    ("line one\nline two", "line one\nline two"),
    ("한국어\n문장", "한국어\n문장"),            # Hangul keeps its spaces
])
def test_join_cjk_lines(text, joined):
    assert join_cjk_lines(text) == joined


def render(source: str) -> str:
    md = markdown.Markdown(extensions=["admonition", "tables"])
    md.postprocessors.register(JoinCjkLines(md), "cnnref_join_cjk_lines", 35)
    return md.convert(source)


def test_prose_lists_tables_and_admonitions_are_joined_code_is_not():
    source = (
        "最后是平均\n池化。\n\n- 参数量才会\n  变少\n\n| 层 |\n| --- |\n| 卷积 |\n\n"
        "!!! note \"注意\"\n    保留\n    每个区域\n\n`代码\n代码` 与\n文字，见\n[链接](#a)。\n\n    缩进\n    代码\n"
    )
    html = render(source)
    for joined in ("平均池化", "参数量才会变少", "保留每个区域", "与文字", '见<a href="#a">链接</a>'):
        assert joined in html, joined
    assert "<code>代码\n代码</code>" in html and "缩进\n代码" in html
