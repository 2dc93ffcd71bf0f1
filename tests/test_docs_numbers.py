"""Every number on every page is anchored (tests/docs_numbers.py), and the check is itself
tested: a normalisation table, a small page built here, and seeded mutations of real pages."""

from __future__ import annotations

import os
import re

import pytest

from tests import docs_mutations
from tests.docs_claims import Page, load, page_names, twins
from tests.docs_numbers import check, check_arithmetic, check_twins, classify

SEED = int(os.environ.get("CNNREF_MUTATION_SEED", "0"))
PER_CLASS = 25  # 4 classes: 100 mutations per run
# The share of the seeded mutations that must be caught, per class: the lowest of what three
# seeds of 25 per class measured (seeds 0, 1, 2: computed 24, 19, 21; cited 24, 22, 24;
# structural 25, 24, 24; twin mismatch 25, 25, 25). At 60 per class the same seeds catch
# computed 160/180, cited 175/180, structural 176/180 and twin mismatch 180/180 (691/720).
# A computed number changed into another is caught where a rule binds it to one thing the code
# produces (a product, tuple, square, kernel, window's stride, enumeration, code span,
# equation, channel count, dropout probability, named or assigned argument, seed or epochs) or,
# for one or two digits, to the code next to it; not caught: a constant of a formula (display
# math, `$1/(1 - p) = 2$`) or a number changed into another value that the code next to it, or
# elsewhere for a square or an argument, also produces. A cited figure changed into another
# that the page also cites for the same metric and model, or into a value the code rounds to
# in a sentence that names no table, is not caught. A structural number is caught where its
# rule binds it; not caught: a part or year of a work whose parts are not held (a book's
# chapter, a reference entry without an arXiv link), a part changed into another that the same
# sentence also cites, and a year changed into another year of the page's sources.
FLOORS = {"computed": 0.76, "cited": 0.88, "structural": 0.96, "twin mismatch": 1.0}


@pytest.mark.parametrize("name", page_names())
def test_every_number_is_anchored(name):
    failures = check(load(name))
    assert not failures, "numbers that nothing anchors:\n" + "\n".join(map(str, failures))


@pytest.mark.parametrize("zh, en", twins(), ids=[zh.removesuffix(".zh.md") for zh, _ in twins()])
def test_twins_state_the_same_numbers(zh, en):
    failures = check_twins(load(zh), load(en))
    assert not failures, "the twins disagree:\n" + "\n".join(map(str, failures))


@pytest.mark.parametrize("text, value, percent", [
    ("25,557,032", 25_557_032, False),
    ("2,556 万", 25_560_000, False),
    ("25.56 million", 25_560_000, False),
    ("1.33 亿", 133_000_000, False),
    ("3.6×10⁹", 3.6e9, False),
    ("$3.6 \\times 10^{9}$", 3.6e9, False),
    ("4.1 GFLOPs", 4.1e9, False),
    ("61M", 61e6, False),
    ("112K", 112e3, False),
    ("$120{,}422{,}400$", 120_422_400, False),
    ("15.3%", 15.3, True),
    ("the 4th window", 4, False),
])
def test_digit_forms_are_normalised(text, value, percent):
    (claim,) = Page.parse("x.en.md", text + "\n").claims()
    assert claim.value == pytest.approx(value) and claim.percent is percent


@pytest.mark.parametrize("text", ["resnet50", "`conv1`", "v1.5", "ResNet-50", "[link](https://arxiv.org/abs/1512.03385)"])
def test_names_and_link_targets_are_not_claims(text):
    assert Page.parse("x.en.md", text + "\n").claims() == []


PAGE = """# A page

The layer keeps 32×32 and has 896 parameters, about 0.9 thousand; stride 2 halves it.
AlexNet's paper reports a top-1 error of 37.5% on ILSVRC-2010 (Table 1; 2012) and 3.14159 of something.

```pycon
>>> import torch
>>> from torch import nn
>>> conv = nn.Conv2d(3, 32, 3, padding=1, stride=2)
>>> sum(p.numel() for p in conv.parameters())
896
>>> conv(torch.zeros(1, 3, 32, 32)).shape  # 3.14159 in a comment anchors nothing
torch.Size([1, 32, 16, 16])
```
"""


def test_a_small_page_is_classified():
    page = Page.parse("x.en.md", PAGE)
    kinds = {c.text: classify(page, c) for c in page.claims()}
    assert kinds == {"32": "computed", "896": "computed", "0.9 thousand": "computed", "2": "computed",
                     "37.5%": "cited", "1": "structural", "2012": "structural", "3.14159": None}
    (failure,) = check(page)
    assert str(failure).startswith("docs/x.en.md:4: '3.14159': a value this page's code or markers produce")


def test_a_registry_figure_is_cited_only_where_its_model_is_named():
    assert check(Page.parse("x.en.md", "AlexNet's top-1 error is 37.5%.\n")) == []
    assert [f.number for f in check(Page.parse("x.en.md", "VGG's top-1 error is 37.5%.\n"))] == ["37.5%"]


@pytest.mark.parametrize("text, anchored", [
    ("1. one\n2. two\n", True),
    ("1. one\n3. two\n\n```python\nx = 3\n```\n", False),  # a marker the code happens to produce
    ("It was December 2015 (2015 年 12 月).\n\n## References\n\n- A. Author, \"A paper\", 2015.\n", True),
    ("It was 2015 年 13 月.\n\n```python\nx = 13\n```\n", False),
])
def test_a_number_in_a_structural_context_is_that_rules_to_anchor(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


REFERENCES = "\n## References\n\n- Goyal et al., \"Accurate, Large Minibatch SGD\", {}: <https://arxiv.org/abs/1706.02677>\n"


@pytest.mark.parametrize("text, anchored", [
    ("As Goyal et al. 2017 show.\n" + REFERENCES.format(2017), True),
    ("As Goyal et al. 2018 show.\n" + REFERENCES.format(2017), False),  # not the entry's year
    ("As Goyal et al. 2020 show.\n" + REFERENCES.format(2020), False),  # 3 years after the preprint
    ("Large batches came in 2017.\n" + REFERENCES.format(2017), True),  # a year of the page's sources
    ("Large batches came in 2019.\n" + REFERENCES.format(2017), False),
    ("AlexNet, the winner of 2012.\n", True),  # the registry's paper of a model the page names
    ("AlexNet, the winner of 2013.\n", False),
    ("`alexnet_paper` is the network of the 2012 paper.\n", True),  # the paper of the model named
    ("`alexnet_paper` is the network of the 2014 paper.\n", False),
    ("Large batches.\n" + REFERENCES.format(2018), False),  # an entry without a venue: its preprint's year
    ("SegNet.\n\n## References\n\n- Badrinarayanan et al., \"SegNet\", TPAMI 2017: <https://arxiv.org/abs/1511.00561>\n",
     True),  # an entry that names a venue: up to two years after its preprint
    ("AlexNet normalises the responses (Krizhevsky et al. 2014, Section 3.3).\n\n## References\n\n"
     "- Krizhevsky, \"One weird trick\", 2014.\n", False),  # a part of a paper whose parts are not held
])
def test_a_year_is_bound_to_its_reference_entry(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


@pytest.mark.parametrize("name, text, anchored", [
    ("x.en.md", "AlexNet normalises the responses (Krizhevsky et al. 2012, Section 3.3).\n", True),
    ("x.en.md", "AlexNet normalises the responses (Krizhevsky et al. 2012, Section 3.5).\n", False),  # another topic
    ("x.en.md", "AlexNet normalises the responses (Krizhevsky et al. 2012, Section 3.9).\n", False),  # no such part
    ("x.zh.md", "AlexNet 的局部响应归一化（Krizhevsky 等 2012，第 3.3 节）。\n", True),
    ("x.zh.md", "AlexNet 的局部响应归一化（Krizhevsky 等 2012，第 3.4 节）。\n", False),
    ("architectures/alexnet.en.md", "It normalises the responses: LRN (Section 3.3).\n", True),  # the page's paper
    ("architectures/alexnet.en.md", "It normalises the responses: LRN (Section 3.5).\n", False),
    ("architectures/resnet.en.md", "The paper's Table 5 gives the ensemble's error.\n", True),
    ("architectures/resnet.en.md", "The paper's Table 4 gives the ensemble's error.\n", False),
    ("x.en.md", "MobileNets shrink it (Howard et al. 2017, Table 2: the multiply-adds).\n"
                "\n## References\n\n- Howard et al., \"MobileNets\", 2017.\n", True),
    ("x.en.md", "A paper we hold no parts of (Smith, Table 9).\n"
                "\n## References\n\n- Smith et al., \"A paper\", 2019.\n", True),  # not checked
    ("x.zh.md", "## 参考文献\n\n- Goodfellow、Bengio 与 Courville，《Deep Learning》，MIT Press 2016，第 9 章（卷积）\n", True),
    ("x.zh.md", "## 参考文献\n\n- Goodfellow、Bengio 与 Courville，《Deep Learning》，MIT Press 2016，第 8 章（卷积）\n", False),
    ("x.en.md", "1. a\n2. b\n3. **Repeat steps 1 and 2.**\n", True),
    ("x.en.md", "1. a\n2. b\n3. **Repeat steps 1 and 4.**\n", False),  # the list has no later step 4
])
def test_a_reference_names_a_part_of_its_paper_on_the_parts_topic(name, text, anchored):
    assert (check(Page.parse(name, text)) == []) is anchored


@pytest.mark.parametrize("text, anchored", [
    ("Published at CVPR 2016.\n\n## References\n\n- He et al., \"Deep Residual Learning\", CVPR 2016.\n", True),
    ("Published at CVPR 2015.\n\n## References\n\n- He et al., \"Deep Residual Learning\", CVPR 2016.\n", False),
    ("AlexNet appeared at NIPS 2012.\n", True),  # the registry paper's venue
    ("AlexNet appeared at NIPS 2014.\n", False),
])
def test_a_year_after_a_venue_is_one_a_source_gives_that_venue(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


def test_a_registry_figure_is_cited_only_in_a_sentence_that_names_its_metric():
    assert check(Page.parse("x.en.md", "ResNet-50 has 25,557,032 parameters.\n")) == []
    assert [f.number for f in check(Page.parse("x.en.md", "ResNet-50 is 25,557,032.\n"))] == ["25,557,032"]


def test_a_product_must_end_a_sequence_of_the_code():
    code = "\n```python\nx = torch.zeros(1, 3, 224, 224)\n```\n"
    assert check(Page.parse("x.en.md", "A 224×224×3 image." + code)) == []
    assert [f.number for f in check(Page.parse("x.en.md", "A 1×3 kernel." + code))] == ["1", "3"]


def test_a_cited_figure_needs_its_table_entry_and_a_use():
    table = ("\n## Cited figures\n\n| value | what | source |\n| --- | --- | --- |\n| {} | a | Smith et al. 2019 |\n"
             "\n## References\n\n- Smith et al., \"A paper\", 2019.\n")
    used = Page.parse("x.en.md", "It is 26.2%.\n" + table.format("26.2%"))
    assert check(used) == []
    unused = Page.parse("x.en.md", "It is 26.3%.\n" + table.format("26.2%"))
    assert [f.number for f in check(unused)] == ["26.3%", "26.2%"]
    assert check(Page.parse("x.en.md", "A 20×20 box.\n" + table.format("20×20"))) == []
    apart = Page.parse("x.en.md", "It is 20 wide and 20 high.\n" + table.format("20×20"))  # not the product
    assert [f.number for f in check(apart)] == ["20×20", "20×20"]


def test_twins_must_agree_after_normalisation():
    zh = Page.parse("x.zh.md", "参数为 2,556 万个，第 4 个窗口。\n")
    assert check_twins(zh, Page.parse("x.en.md", "25.56 million parameters, the 4th window.\n")) == []
    (failure,) = check_twins(zh, Page.parse("x.en.md", "25.57 million parameters, the 4th window.\n"))[:1]
    assert failure.page == "x.en.md" and failure.number == "25.57 million"


def test_seeded_mutations_of_real_pages_are_caught():
    for zh, en in twins():  # a clean pair passes
        assert not (check(load(zh)) or check(load(en)) or check_twins(load(zh), load(en)))
    results = docs_mutations.run(SEED, PER_CLASS)
    assert sum(map(len, results.values())) >= 50
    report = []
    for kind, outcomes in results.items():
        killed = sum(k for _, k in outcomes)
        report.append(f"{kind}: {killed}/{len(outcomes)} killed; survivors: "
                      + ", ".join(f"{m.page}:{m.line} {m.before!r}→{m.after!r}" for m, k in outcomes if not k))
    print("\n".join(report))
    for kind, floor in FLOORS.items():
        assert sum(k for _, k in results[kind]) >= floor * len(results[kind]), "\n".join(report)


def test_equations_in_inline_math_must_hold():
    page = Page.parse("x.en.md", "So $\\lfloor (32 + 2 - 2)/2 \\rfloor + 1 = 17$ and $2 \\cdot 4 = 9$.\n")
    (failure,) = check_arithmetic(page)
    assert failure.number == "$2 \\cdot 4 = 9$" and "[8.0, 9.0]" in failure.expected


@pytest.mark.parametrize("text, anchored", [
    ("**Exercise 1.** One?\n\n**Exercise 2.** Two?\n", True),
    ("**Exercise 1.** One?\n\n**Exercise 3.** Two?\n", False),  # a label that skips one
    ("## Answers\n\n**1.** One.\n\n**2.** Two.\n", True),
    ("第 1 段：卷积。\n\n第 2 段是分类器。\n", True),
    ("Stage 1: convolution.\n\nStage 4, the classifier.\n", False),
])
def test_a_paragraphs_label_counts_up_in_its_section(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


def test_a_literal_below_one_is_a_fraction_not_a_percentage():
    code = "\n```python\nerror, keep = 0.008, 0.8\n```\n"
    assert check(Page.parse("x.en.md", "An error of 0.8%." + code)) == []  # the fraction 0.008
    assert check(Page.parse("x.en.md", "An error of 80%." + code)) == []  # the fraction 0.8
    assert [f.number for f in check(Page.parse("x.en.md", "An error of 0.9%.\n```python\nkeep = 0.9\n```\n"))] == ["0.9%"]


def test_a_dropout_probability_is_one_the_code_builds():
    code = "\n```python\nfrom torch import nn\nhead = nn.Sequential(nn.Dropout(0.5), nn.Linear(8, 2))\n```\n"
    assert check(Page.parse("x.en.md", "Then dropout 0.5, or 50% 丢弃法." + code)) == []
    assert [f.number for f in check(Page.parse("x.en.md", "Then dropout 0.3." + code))] == ["0.3"]
    # the rule reads on across a line break: "0.3 的" at a line's end, "丢弃法" on the next
    # (0.3 is in the code, as a learning rate: only the dropout rule fails it)
    trained = code.replace("nn.Linear(8, 2))\n", "nn.Linear(8, 2))\nlr = 0.3\n")
    assert [f.number for f in check(Page.parse("x.zh.md", "之后使用 0.3 的\n丢弃法。\n" + trained))] == ["0.3"]


def test_the_parts_of_the_papers_are_well_formed():
    from tests.paper_parts import PARTS

    for paper, parts in PARTS.items():
        assert re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)? (?:19|20)\d\d", paper), paper
        for part, (title, words) in parts.items():
            assert re.fullmatch(r"(?:Section|Table|Figure|Equation|Chapter) \d+(?:\.\d+)*", part), (paper, part)
            assert title and words and all(re.compile(w) for w in words), (paper, part)


def _unanchored(text):
    return [f.number for f in check(Page.parse("x.en.md", text))]


def test_an_enumeration_is_a_sequence_the_code_produces():
    code = "\n```python\nlayers = [3, 4, 6, 3]\nprint(7.57)\nprint(11.28)\n```\n"
    assert _unanchored("The four stages hold 3, 4, 6 and 3 blocks." + code) == []
    assert _unanchored("The four stages hold 3, 4, 1 and 3 blocks." + code) == ["3", "4", "1", "3"]
    assert _unanchored("They cost 4, 7.57 and\n11.28 units." + code) == []  # a column, one a line; wrapped
    assert _unanchored("They cost 4, 7.57 and\n11.29 units." + code) == ["4", "7.57", "11.29"]


def test_a_code_span_is_quoted_from_the_code():
    code = "\n```python\nfrom torch import nn\nfrom cnnref.training import digits\nconv = nn.Conv2d(1, 1, 3, padding=(1, 2))\ndata = digits(size=32)\nassert conv.groups == 1\n```\n"
    assert _unanchored("With `padding=(1, 2)`, `groups=1` and `cnnref.training.digits(size=32)`." + code) == []
    assert _unanchored("With `padding=(1, 5)`." + code) == ["1", "5"]
    assert _unanchored("With `torch.digits(size=32)`." + code) == ["32"]  # not what the code imports


def test_a_square_is_a_kernel_a_size_or_a_title_and_a_pair_keeps_its_order():
    code = "\n```python\nconv = nn.Conv2d(1, 8, 3)\nx = torch.zeros(2, 5)\nimages = digits(size=16)\n```\n"
    assert _unanchored("A 3×3 kernel on 16×16 images, a 2×5 tensor; a 1×1 convolution." + code) == []
    assert _unanchored("A 8×8 kernel." + code) == ["8", "8"]  # 8 is a value of the code, not a kernel
    assert _unanchored("A 5×2 tensor." + code) == ["5", "2"]
    assert _unanchored("A 1×2 convolution." + code) == ["1", "2"]  # no page has that title


def test_an_equation_with_variables_holds_and_anchors_its_numbers():
    assert _unanchored("Three layers: $3 \\cdot (3^2 C^2) = 27C^2$, and $2 \\cdot 9C^2 = 18C^2$.\n") == []
    (failure,) = check_arithmetic(Page.parse("x.en.md", "Three layers: $3 \\cdot (3^2 C^2) = 29C^2$.\n"))
    assert failure.number == "$3 \\cdot (3^2 C^2) = 29C^2$"
    assert _unanchored("One layer: $1/(1 - p) = 2$.\n") == ["1", "1", "2"]  # p is not on both sides


def test_a_window_with_a_stride_is_built_by_the_code():
    code = "\n```python\npool = nn.MaxPool2d(3, stride=2)\nconvs = [96, 256, 384]\nx = torch.zeros(1, 3, 8, 8)\n```\n"
    assert _unanchored("A 3×3/2 max pooling after 96/256/384 kernels." + code) == []
    assert _unanchored("A 3×3/1 max pooling." + code) == ["1"]  # 1 is a value of the code, not this stride
    assert _unanchored("After 96/256/385 kernels." + code) == ["96", "256", "385"]


def test_arithmetic_in_prose_must_hold_and_anchors_its_numbers():
    assert _unanchored("The outputs add up: 256 + 320 + 128 + 128 = 832, and 128·4·4 = 2,048.\n") == []
    (failure,) = check_arithmetic(Page.parse("x.en.md", "They add up: 256 + 320 + 128 + 128 = 833.\n"))
    assert failure.number == "256 + 320 + 128 + 128 = 833"
    assert check_arithmetic(Page.parse("x.en.md", "The loss is $(1 + 2 \\cdot 0.3) \\ln 5 = 1.6 \\ln 5$.\n")) == []
    assert len(check_arithmetic(Page.parse("x.en.md", "The loss is $(1 + 2 \\cdot 0.3) \\ln 5 = 1.6 \\ln 6$.\n"))) == 1


def test_a_number_of_channels_is_one_the_code_has():
    code = "\n```python\nconv = nn.Conv2d(3, 96, 11)\nchannels, hidden = 8, 16\nassert conv(x).shape[1] == 64 + 32 == 96\ny = 12\n```\n"
    assert _unanchored("It has 96 kernels, 3 input channels and 8 channels; 11 is the kernel." + code) == []
    assert _unanchored("It has 12 channels." + code) == ["12"]  # 12 is a value of the code, not a channel count
    assert _unanchored("It has 16 个通道。" + code) == ["16"]


def test_an_argument_after_a_chinese_character_is_that_arguments_value():
    code = "\n```python\nconv = nn.Conv2d(1, 1, 3, stride=2)\n```\n"
    assert check(Page.parse("x.zh.md", "卷积的步幅为 2。" + code)) == []
    assert [f.number for f in check(Page.parse("x.zh.md", "卷积的步幅为 3。" + code))] == ["3"]  # 3 is the kernel


def test_a_kernel_or_window_is_one_the_code_builds():
    code = "\n```python\npool = nn.MaxPool2d(2)\nn = conv_output_size(7, 3, padding=1)\nx = 5\n```\n"
    assert _unanchored("With window 2, and a kernel of 3." + code) == []
    assert _unanchored("A kernel of 5." + code) == ["5"]  # 5 is a value of the code, not a kernel


def test_a_product_before_a_layer_is_its_kernel():
    code = "\n```python\nconv = nn.Conv2d(1, 8, 3)\nx = torch.zeros(1, 1, 5, 5)\nsep = nn.Conv2d(8, 8, kernel_size=(1, 7))\n```\n"
    assert _unanchored("A 3×3 convolution, a 1×7 kernel and a 5×5 map." + code) == []
    assert _unanchored("A 5×5 convolution." + code) == ["5", "5"]  # the input is 5×5, no kernel is
    assert _unanchored("A 7×1 kernel." + code) == ["7", "1"]


def test_a_number_of_one_or_two_digits_is_anchored_by_the_code_next_to_it():
    block = "```python\nx = torch.zeros(1, 3, 7, 7)\n```\n"
    assert check(Page.parse("x.en.md", "## A\n\nIt has 7 rows.\n\n" + block)) == []
    # the code of another section, or a block that is not the nearest, says nothing about it
    assert [f.number for f in check(Page.parse("x.en.md", "## A\n\nIt has 7 rows.\n\n## B\n\n" + block))] == ["7"]
    other = "```python\ny = 1\n```\n"
    assert [f.number for f in check(Page.parse("x.en.md", "## A\n\nIt has 7 rows.\n\n" + other + "\n" + block))] == ["7"]
    assert check(Page.parse("x.en.md", "## A\n\n" + block + "\nIt has 7 rows.\n\n" + other)) == []  # the block before
    # a number of more digits is rarely in the code by chance: the whole page's code anchors it
    big = "```python\nx = 25_557_032\n```\n"
    assert check(Page.parse("x.en.md", "## A\n\nIt has 25,557,032.\n\n## B\n\n" + big)) == []
    # a product, a tuple or a kernel that is not square: its section's code
    assert [f.number for f in check(Page.parse("x.en.md", "## A\n\nA 3×7 map.\n\n## B\n\n" + block))] == ["3", "7"]


@pytest.mark.parametrize("text, anchored", [
    ("ResNet-18/34 use basic blocks.\n", True),
    ("ResNet-18/35 use basic blocks.\n", False),
    ("ResNet-18/32 use basic blocks.\n", False),  # resnet32_paper is CIFAR's, not a torchvision depth
    ("ResNet-20/32 are CIFAR's.\n", True),  # as _paper models
])
def test_a_depth_that_continues_a_models_name_is_a_registry_model(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


@pytest.mark.parametrize("text, anchored", [
    ("See \"Training ImageNet in 1 Hour\" for it.\n\n## References\n\n- Goyal et al., \"Training ImageNet in 1 Hour\", 2017.\n", True),
    ("See \"Training ImageNet in 2 Hours\" for it.\n\n## References\n\n- Goyal et al., \"Training ImageNet in 1 Hour\", 2017.\n", False),
    ("LeNet-5 appeared in *Proceedings of the IEEE* 86(11).\n", True),  # the registry paper's venue
    ("LeNet-5 appeared in *Proceedings of the IEEE* 86(12).\n", False),
    ("AlexNet's figures are for 10-crop testing.\n", True),  # the notes of its registry figures
    ("AlexNet's figures are for 12-crop testing.\n", False),
])
def test_titles_volumes_and_crops_are_bound_to_their_sources(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


def test_a_bare_power_of_ten_and_a_product_at_a_sentences_end():
    (claim,) = Page.parse("x.en.md", "divided by 10⁶.\n").claims()
    assert claim.value == 1e6
    code = "\n\n```python\nx = torch.zeros(1, 3, 32, 32)\n```\n"
    assert check(Page.parse("x.en.md", "Any input from 32×32." + code)) == []
    assert [f.number for f in check(Page.parse("x.en.md", "Any input from 32×31." + code))] == ["32", "31"]


@pytest.mark.parametrize("text, anchored", [
    ("ResNet-50's paper gives 3.8×10⁹ FLOPs.\n", True),
    ("ResNet-34 and ResNet-50: 3.6 vs 3.8 GFLOPs.\n", True),  # 3.6 in the unit of the metric, GFLOPs
    ("ResNet-34 runs 3.7×10⁹ FLOPs.\n", False),  # torchvision's 3.664 GMACs rounded: not as published
    ("AlexNet's top-1 error on ILSVRC-2012 is 40.7% (Table 2).\n", True),
    ("AlexNet's top-1 error on ILSVRC-2012 is 40.7% (Table 1).\n", False),  # a figure of Table 2
    ("ResNet-34 is on the page. ResNet-50 runs 3.6×10⁹ FLOPs.\n", False),  # ResNet-34's figure
    ("AlexNet: seven CNNs averaged have a top-5 error of 15.3% on ILSVRC-2012 (Table 2).\n", True),
    ("AlexNet's top-5 error on ILSVRC-2012 is 15.3% (Table 2). That is an ensemble of seven CNNs.\n", True),
    ("AlexNet: two CNNs averaged have a top-5 error of 15.3% on ILSVRC-2012 (Table 2).\n", False),  # seven
    ("AlexNet's ensemble has a top-5 error of 18.2% on ILSVRC-2012 (Table 2).\n", False),  # one CNN's figure
])
def test_a_registry_figure_is_cited_as_published_from_its_table_for_its_model(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


def test_a_figure_that_a_sentence_cites_from_a_table_is_not_rescued_by_the_code():
    code = "\n```pycon\n>>> 3_857_973_248\n3857973248\n```\n"
    assert check(Page.parse("x.en.md", "ResNet-50 runs 3.9×10⁹ FLOPs." + code)) == []  # the code's count, rounded
    cited = check(Page.parse("x.en.md", "ResNet-50 runs 3.9×10⁹ FLOPs (Table 1)." + code))
    assert [f.number for f in cited] == ["3.9×10⁹"]  # Table 1 gives 3.8×10⁹
    assert check(Page.parse("x.en.md", "ResNet-50 runs 3.858×10⁹ FLOPs, Table 1 3.8×10⁹." + code)) == []


@pytest.mark.parametrize("text, anchored", [
    ("GoogLeNet won ILSVRC 2014.\n", True),  # the year its registry figures' notes give the challenge
    ("GoogLeNet won ILSVRC 2013.\n", False),
    ("AlexNet used the ImageNet Fall 2011 release.\n", True),
    ("AlexNet used the ImageNet Fall 2010 release.\n", False),
])
def test_a_year_after_a_challenge_or_a_data_set_is_one_the_registry_notes_give(text, anchored):
    assert (check(Page.parse("x.en.md", text)) == []) is anchored


def test_a_value_that_inline_math_assigns_is_the_arguments_value_in_the_code():
    code = "\n```python\nimport torch.nn as nn\npool = nn.MaxPool2d(3, stride=2)\nlrn = nn.LocalResponseNorm(5, k=2)\n```\n"
    assert check(Page.parse("x.en.md", "A window $z = 3$ with $s = 2$, and $k = 2$.\n" + code)) == []
    assert [f.number for f in check(Page.parse("x.en.md", "With $s = 4$.\n" + code))] == ["4"]  # no stride=4
    assert [f.number for f in check(Page.parse("x.en.md", "With $z = s = 7$.\n" + code))] == ["7"]


def test_a_seed_or_a_number_of_epochs_is_the_codes():
    code = "\n```python\nimport torch\ntorch.manual_seed(0)\nhistory = train(model, data, epochs=8, lr=0.1)\nx = 3\n```\n"
    assert check(Page.parse("x.en.md", "Seed 0, 8 epochs.\n" + code)) == []
    assert [f.number for f in check(Page.parse("x.en.md", "Seed 3, 3 epochs.\n" + code))] == ["3", "3"]
    assert [f.number for f in check(Page.parse("x.zh.md", "种子 8，3 轮。\n" + code))] == ["8", "3"]
