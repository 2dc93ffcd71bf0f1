import re
from pathlib import Path

import pytest

from cnnref.site.markers import KINDS, Marker, expand, parse


def test_a_name_alone_takes_the_defaults():
    assert parse("layer-table", "alexnet") == Marker("layer-table", "alexnet", ())


def test_the_readme_names_every_kind_and_only_those():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"<!-- cnnref:([\w-]+)", readme)) == set(KINDS)


def test_every_kind_reports_what_it_allows():
    with pytest.raises(ValueError, match=r"bad option 'size=3' in the layer-table marker; allowed: input=N,C,H,W, depth=D"):
        parse("layer-table", "alexnet size=3")
    with pytest.raises(ValueError, match=r"bad option 'block=x' in the figure marker; allowed: none"):
        parse("figure", "pad-sides block=x")


@pytest.mark.parametrize("kind, args, message", [
    ("table", "alexnet", r"unknown marker kind 'table'; known: layer-table, comparison, diagram, figure, source, plot"),
    ("layer-table", "", r"the layer-table marker takes one NAME, got none"),
    ("diagram", "alexnet vgg16", r"the diagram marker takes one NAME, got \['alexnet', 'vgg16'\]"),
    ("layer-table", "alexnet input=1,3,a,224", r"input must be integers separated by commas \(N,C,H,W\), got '1,3,a,224'"),
    ("layer-table", "alexnet depth=-1", r"depth must be a positive integer, got '-1'"),
])
def test_bad_markers_say_what_is_wrong(kind, args, message):
    with pytest.raises(ValueError, match=message):
        parse(kind, args)


@pytest.mark.parametrize("lang, header", [("zh", "| 层 | 类型 |"), ("en", "| Layer | Type |")])
def test_layer_table_in_the_page_language(lang, header):
    out = expand("before\n\n<!-- cnnref:layer-table alexnet -->\n\nafter", lang)
    assert out.startswith("before\n\n" + header)
    assert "| `features` | Sequential | (1, 256, 6, 6) | 2,469,696 |" in out
    assert out.endswith("\n\nafter")


def test_options_reach_the_table():
    out = expand("<!-- cnnref:layer-table alexnet input=1,3,227,227 depth=2 -->", "en")
    assert "(1, 3, 227, 227)" in out and "&emsp;`features.0`" in out


def test_a_marker_quoted_in_prose_or_unknown_to_the_grammar_is_left_alone():
    text = "Write `<!-- cnnref:layer-table alexnet -->` on its own line.\n<!-- a comment -->"
    assert expand(text, "en") == text


def test_a_bad_marker_names_itself():
    with pytest.raises(ValueError, match=r"^<!-- cnnref:layer-table nosuch -->: .*unknown model 'nosuch'"):
        expand("<!-- cnnref:layer-table nosuch -->", "en")


@pytest.mark.parametrize("lang, words", [("zh", ["输入", "由 cnnref 中的真实模型"]),
                                         ("en", ["Input", "drawn from the real model"])])
def test_diagram_becomes_a_figure_in_the_page_language(lang, words):
    out = expand("Text.\n\n<!-- cnnref:diagram alexnet -->\n\nMore.", lang)
    assert out.startswith('Text.\n\n\n<figure class="cnnref-figure"><svg') and out.endswith("</figure>\n\n\nMore.")
    assert out.count("<figure") == 1 and all(word in out for word in words)


def test_block_and_figure_markers():
    out = expand("<!-- cnnref:diagram googlenet block=inception3a -->\n\n<!-- cnnref:figure pad-sides -->", "en")
    assert out.count("<figure") == 2 and "Concatenate channels" in out and "left 1" in out
    assert "The branches of inception3a in googlenet" in out


@pytest.mark.parametrize("marker, message", [
    ("<!-- cnnref:figure nosuch -->", r"unknown figure 'nosuch'"),
    ("<!-- cnnref:diagram resnet18 block=layer9 -->", r"no module named 'layer9'"),
    ("<!-- cnnref:comparison some -->",
     r"the comparison takes nothing or one of 'others', 'papers', 'torchvision', got 'some'"),
])
def test_errors_of_the_code_behind_a_marker_name_the_marker(marker, message):
    with pytest.raises(ValueError, match=r"^" + marker + ": .*" + message):
        expand(marker, "zh")


@pytest.mark.parametrize("name, first, rows", [
    ("", "| **LeNet-5**<br>论文（1998） | 4 | 60,000 |", 6),
    ("others", "| **VGG-11**<br>torchvision（2015） | 11 |", 7),
    ("papers", "| **LeNet-5**<br>MNIST 测试集，单个网络（第 III.B 节） | 0.95% | — |", 15),
    ("torchvision", "| **AlexNet**<br>`alexnet` | 56.522% | 79.066% |", 4),
])
def test_comparison_in_the_page_language(name, first, rows):
    zh = [line for line in expand(f"<!-- cnnref:comparison {name} -->", "zh").splitlines() if line.startswith("|")]
    assert zh[0].startswith("| 网络 |") and zh[2].startswith(first) and len(zh) == 2 + rows
    en = expand(f"<!-- cnnref:comparison {name} -->", "en").splitlines()
    assert en[0].startswith("| Network |")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of 'en', 'zh'; got 'fr'"):
        expand("<!-- cnnref:figure pad-sides -->", "fr")


def test_source_shows_the_code_that_runs_as_a_python_block():
    import inspect
    import textwrap

    from cnnref.models.resnet import BasicBlock

    out = expand("Text.\n<!-- cnnref:source cnnref.models.resnet.BasicBlock.residual -->\nMore.", "zh")
    code = textwrap.dedent(inspect.getsource(BasicBlock.residual)).rstrip()
    assert out == f'Text.\n\n```python title="cnnref/models/resnet.py"\n{code}\n```\n\nMore.'
    assert code.startswith("def residual(self, x: Tensor) -> Tensor:")  # dedented from the class


@pytest.mark.parametrize("name, message", [
    ("torch.nn.Conv2d", r"the source marker shows cnnref's own code, a dotted name such as "
                        r"cnnref.models.resnet.BasicBlock; got 'torch.nn.Conv2d'"),
    ("cnnref.models.resnet.Nope", r"nothing is named 'cnnref.models.resnet.Nope' "
                                  r"\(module 'cnnref.models.resnet' has no attribute 'Nope'\)"),
    ("cnnref.models.resnet.SHORTCUTS", r"cnnref.models.resnet.SHORTCUTS is a tuple; the source marker "
                                       r"takes a module, class, method or function"),
])
def test_source_of_something_else_says_what_it_takes(name, message):
    with pytest.raises(ValueError, match=rf"^<!-- cnnref:source {name} -->: {message}$"):
        expand(f"<!-- cnnref:source {name} -->", "en")


SESSION = "```pycon\n>>> print(table)\nepoch    loss\n    1  0.5000\n    2  0.2500\n```\n"


@pytest.mark.parametrize("lang, caption", [("en", "the code above printed"), ("zh", "上方代码打印的表格")])
def test_plot_draws_the_table_the_session_above_printed(lang, caption):
    out = expand(SESSION + "\n<!-- cnnref:plot x=epoch y=loss -->\n", lang)
    assert out.startswith(SESSION) and "<svg" in out and caption in out and "<polyline" in out


@pytest.mark.parametrize("page, message", [
    ("<!-- cnnref:plot x=epoch y=loss -->", "must follow a ```pycon session"),
    ("```pycon\n>>> 1\n1\n```\n<!-- cnnref:plot x=epoch y=loss -->", "printed no table"),
    (SESSION + "<!-- cnnref:plot x=epoch y=accuracy -->", "no column accuracy; it has epoch, loss"),
    (SESSION + "<!-- cnnref:plot x=epoch -->", "needs x=COLUMN and y=COLUMN"),
    (SESSION + "<!-- cnnref:plot x=epoch y=loss log=maybe -->", "log must be yes or no, got 'maybe'"),
    (SESSION + "<!-- cnnref:plot x=epoch y=lo-ss -->", "y must be column names"),
])
def test_bad_plots_say_what_is_wrong(page, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        expand(page, "en")


def test_a_log_plot_needs_positive_values():
    negative = SESSION.replace("0.2500", "-0.2500")
    with pytest.raises(ValueError, match="a log axis needs positive values"):
        expand(negative + "<!-- cnnref:plot x=epoch y=loss log=yes -->", "en")


def test_plot_reads_numbers_as_python_prints_them_with_an_exponent():
    from cnnref.site.plots import printed_table

    session = "```pycon\n>>> print(table)\ndepth  plain\n    8  0.819\n   56  1.31e+03\n  110  3.31e+06\n```\n"
    assert printed_table(session) == {"depth": [8.0, 56.0, 110.0], "plain": [0.819, 1310.0, 3310000.0]}


@pytest.mark.parametrize("kind, args", [("layer-table", "alexnet input=1,3,227,227 depth=2"), ("comparison", ""),
                                        ("diagram", "resnet50 block=layer1.0"), ("plot", "x=epoch y=loss,accuracy log=yes")])
def test_a_marker_reads_back_as_written(kind, args):
    marker = parse(kind, args)
    assert str(marker) == f"cnnref:{kind} {args}".strip()
