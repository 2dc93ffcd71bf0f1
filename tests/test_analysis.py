import pytest
import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

from cnnref.analysis import (
    complexity,
    count_parameters,
    format_layer_table,
    inference,
    layer_table,
    resolve,
    trace,
    weight_layer_depth,
)
from cnnref.comparison import NETWORKS, compare
from cnnref.diagrams import FIGURES, block_svg, figure_svg, network_svg
from cnnref.i18n import ANALYSIS_TEXT
from cnnref.tables import display_width


class Tiny(nn.Module):
    """Conv 3→8 (3×3, pad 1) on 8×8, pool to 4×4, linear 128→10."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


CONV_MACS = 8 * 8 * 8 * (3 * 3 * 3)  # output positions × channels × (k·k·C_in)
LINEAR_MACS = 128 * 10


def test_complexity_counts_multiply_adds_of_convs_and_linears():
    c = complexity(Tiny(), (1, 3, 8, 8))
    assert c.macs == CONV_MACS + LINEAR_MACS
    assert c.flops == 2 * c.macs
    assert c.parameters == c.trainable_parameters == (8 * 27 + 8) + (128 * 10 + 10)


def test_macs_scale_with_the_batch():
    assert complexity(Tiny(), (4, 3, 8, 8)).macs == 4 * complexity(Tiny(), (1, 3, 8, 8)).macs


def test_frozen_parameters_are_not_trainable():
    model = Tiny()
    model.features.requires_grad_(False)
    assert count_parameters(model) == (1514, 1290)


def test_counting_keeps_the_callers_training_mode():
    model = Tiny().train()
    complexity(model, (1, 3, 8, 8))
    layer_table(model, (1, 3, 8, 8))
    assert all(m.training for m in model.modules())


def test_layer_table_rows_follow_execution_and_add_up():
    rows = layer_table(Tiny(), (1, 3, 8, 8), depth=2)
    assert [r.name for r in rows] == ["features", "features.0", "features.1", "features.2", "classifier"]
    assert rows[1].output_shape == (1, 8, 8, 8) and rows[3].output_shape == (1, 8, 4, 4)
    top = [r for r in rows if r.depth == 1]
    assert sum(r.macs for r in top) == CONV_MACS + LINEAR_MACS
    assert sum(r.parameters for r in top) == 1514


def test_a_name_is_built_on_meta_with_its_documented_input():
    model, size = resolve("alexnet")
    assert size == (1, 3, 224, 224)
    assert {p.device.type for p in model.parameters()} == {"meta"}


def test_published_alexnet_figures():
    c = complexity("alexnet")
    assert c.parameters == 61_100_840
    assert round(c.macs / 1e9, 3) == 0.714  # torchvision's "GFLOPS" column


def test_module_needs_an_input_size():
    with pytest.raises(ValueError, match="input_size is required"):
        complexity(Tiny())


def test_rejects_what_is_not_a_model():
    with pytest.raises(TypeError, match="expected an nn.Module or a model name"):
        complexity(42, (1, 3, 8, 8))


@pytest.mark.parametrize("depth", [0, -1, 1.5])
def test_depth_must_be_a_positive_int(depth):
    with pytest.raises(ValueError, match="depth must be an int >= 1"):
        layer_table(Tiny(), (1, 3, 8, 8), depth=depth)


def test_markdown_and_text_rendering():
    model, size = Tiny(), (1, 3, 8, 8)
    rows, total = layer_table(model, size), complexity(model, size)
    md = format_layer_table(rows, total, lang="en").splitlines()
    assert md[0] == "| Layer | Type | Output shape | Parameters | MACs |"
    assert md[2] == "| input |  | (1, 3, 8, 8) |  |  |"
    assert md[-1] == "| Total |  |  | 1,514 | 15,104 |"
    text = format_layer_table(rows, total, lang="zh", style="text").splitlines()
    assert text[0].split() == ["层", "类型", "输出形状", "参数量", "乘加次数（MACs）"]
    assert text[-1].split() == ["合计", "1,514", "15,104"]


def test_terminal_table_lines_up_in_chinese():
    model, size = Tiny(), (1, 3, 8, 8)
    lines = format_layer_table(layer_table(model, size, depth=2), complexity(model, size), lang="zh", style="text")
    # Every line with a MACs cell ends in the right-aligned column: the same display width.
    ends = {display_width(line) for line in lines.splitlines() if line.split()[-1][-1].isdigit() or "MACs" in line}
    assert len(ends) == 1, lines


@pytest.mark.parametrize("kwargs, message", [({"lang": "fr"}, "lang must be one of"), ({"style": "html"}, "style must be")])
def test_rendering_rejects_unknown_options(kwargs, message):
    model, size = Tiny(), (1, 3, 8, 8)
    with pytest.raises(ValueError, match=message):
        format_layer_table(layer_table(model, size), complexity(model, size), **kwargs)


class TwoBranches(nn.Module):
    """Branch a: three 1×1 convs; branch b: one. Concatenated, then a linear layer."""

    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(nn.Conv2d(3, 3, 1), nn.BatchNorm2d(3), nn.Conv2d(3, 3, 1), nn.ReLU(), nn.Conv2d(3, 3, 1))
        self.b = nn.Conv2d(3, 3, 1)
        self.fc = nn.Linear(6, 2)

    def forward(self, x):
        x = torch.cat([self.a(x), self.b(x)], dim=1)
        return self.fc(x.mean(dim=(2, 3)))


def test_weight_layer_depth_follows_the_longest_path():
    assert weight_layer_depth(TwoBranches(), (1, 3, 4, 4)) == 4  # 3 convs of branch a + fc
    assert weight_layer_depth(Tiny(), (1, 3, 8, 8)) == 2
    assert weight_layer_depth("alexnet") == 8


# --------------------------------------------------------------------------- the tracer


def test_trace_records_functional_activations_and_restores_the_model():
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU())
    model.train()
    calls = trace(model, (1, 1, 5, 5))
    assert [(c.name, c.depth, c.output_shape) for c in calls] == [("0", 1, (1, 2, 3, 3)), ("1", 1, (1, 2, 3, 3))]
    assert calls[0].macs == 2 * 3 * 3 * 9 and calls[1].macs == 0
    assert model.training and not model[0]._forward_hooks and not model[0]._forward_pre_hooks
    googlenet = trace("googlenet")
    assert [c.name for c in googlenet][:4] == ["conv1", "conv1.conv", "conv1.bn", "conv1.F.relu"]
    assert googlenet[3].functional and googlenet[3].depth == 2 and not googlenet[2].functional


def test_trace_removes_its_hooks_when_the_forward_raises():
    model = nn.Sequential(nn.Conv2d(3, 2, 3))
    with pytest.raises(RuntimeError):
        trace(model, (1, 1, 5, 5))  # one channel where the convolution takes three
    assert not model[0]._forward_hooks and not model[0]._forward_pre_hooks


class Noisy(nn.Module):
    """Draws random numbers in every forward pass, in eval mode too; one dropout layer."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 1)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        return self.drop(self.conv(x + torch.rand_like(x)))


def test_inference_restores_modes_and_the_random_state_even_when_the_pass_raises():
    model = Noisy().train()
    model.conv.eval()  # a mixed state, restored module by module
    state = torch.get_rng_state()
    with pytest.raises(ZeroDivisionError), inference(model):
        assert not model.training and not model.drop.training and not torch.is_grad_enabled()
        model(torch.zeros(1, 3, 2, 2))
        1 / 0
    assert torch.equal(state, torch.get_rng_state())
    assert model.training and model.drop.training and not model.conv.training and torch.is_grad_enabled()


# Every entry point of the analysis, the comparison and the diagrams, by name and on a module
# that draws random numbers in its forward pass.
ENTRY_POINTS = {
    "count_parameters": lambda m, s: count_parameters(m),
    "resolve": resolve,
    "complexity": complexity,
    "weight_layer_depth": weight_layer_depth,
    "layer_table": lambda m, s: layer_table(m, s, depth=3),
    "trace": trace,
    "network_svg": network_svg,
    "block_svg": lambda m, s: block_svg(m, "layer1.0" if isinstance(m, str) else "conv", s),
}


@pytest.mark.parametrize("entry, model", [(e, m) for e in sorted(ENTRY_POINTS) for m in ("resnet18", "noisy")
                                          if (e, m) != ("block_svg", "noisy")])  # Noisy has no block
def test_entry_points_leave_the_global_random_state_alone(entry, model):
    module, size = (Noisy(), (1, 3, 64, 64)) if model == "noisy" else (model, None)  # building draws numbers
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    ENTRY_POINTS[entry](module, size)
    assert torch.equal(torch.rand(3), expected)


def test_comparison_and_figures_leave_the_global_random_state_alone():
    state = torch.get_rng_state()
    compare(NETWORKS[:2])
    for name in FIGURES:
        figure_svg(name)
    assert torch.equal(state, torch.get_rng_state())


# --------------------------------------------------------------------------- input sizes

BAD_SIZES = [
    (224, TypeError, r"input_size must be a tuple of ints, batch first, such as \(1, 3, 224, 224\); got 224 \(int\)"),
    ("1,3,224,224", TypeError, r"input_size must be a tuple of ints.*got '1,3,224,224' \(str\)"),
    ((1, 3, -224, 224), ValueError, r"input_size\[2\] must be positive \(at least 1\), got -224"),
    ((0, 3, 224, 224), ValueError, r"input_size\[0\] must be positive \(at least 1\), got 0"),
    ((1, 3, 224), ValueError, r"input_size must have 4 entries \(batch first\), got 3: \(1, 3, 224\)"),
    ((True, 3, 224, 224), TypeError, r"input_size\[0\] must be an int, got True \(bool\)"),
    ((1, 3, 224.0, 224), TypeError, r"input_size\[2\] must be an int, got 224.0 \(float\)"),
    ((1, 3, 2**40, 2**40), ValueError, r"has 3626777458843887524118528 elements; a tensor holds at most 2\*\*63 - 1"),
]


@pytest.mark.parametrize("size, error, message", BAD_SIZES, ids=[repr(s[0]) for s in BAD_SIZES])
@pytest.mark.parametrize("entry", sorted(set(ENTRY_POINTS) - {"count_parameters"}))
def test_a_bad_input_size_is_refused_alike_everywhere(entry, size, error, message):
    with pytest.raises(error, match=message):
        ENTRY_POINTS[entry]("resnet18", size)


def test_a_module_takes_any_length_from_two():
    assert complexity(nn.Linear(4, 2), [3, 4]).macs == 3 * 4 * 2
    with pytest.raises(ValueError, match=r"input_size must have at least 2 entries"):
        complexity(nn.Linear(4, 2), (4,))


class LargestTensor(TorchDispatchMode):
    """Records the most elements of any tensor an operation returns off the meta device: every
    tensor, a model's weights and a forward pass's outputs included, comes from one."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for tensor in out if isinstance(out, (tuple, list)) else (out,):
            if isinstance(tensor, torch.Tensor) and tensor.device.type != "meta":
                self.elements = max(self.elements, tensor.numel())
        return out


def test_a_large_input_on_meta_allocates_nothing():
    """The 1×3×8000×8000 input would take 768 MB on the CPU; on meta no tensor holds data."""
    with LargestTensor() as largest:
        rows = layer_table("resnet50", (1, 3, 8000, 8000))
    assert rows[-1].output_shape == (1, 1000), rows[-1]
    assert largest.elements == 0, largest.elements


# --------------------------------------------------------------------------- shared modules


class Shared(nn.Module):
    """One 1×1 convolution registered as ``first``, ``second`` and ``tail.0`` and called once by
    each name; one ReLU registered once and called twice."""

    def __init__(self):
        super().__init__()
        conv = nn.Conv2d(3, 3, 1)
        self.first = conv
        self.second = conv
        self.relu = nn.ReLU()
        self.tail = nn.Sequential(conv, nn.Flatten(), nn.Linear(3 * 4 * 4, 2))

    def forward(self, x):
        return self.tail(self.relu(self.second(self.relu(self.first(x)))))


CONV = 3 * 3 + 3  # parameters of the shared convolution
CONV_CALL = 4 * 4 * 3 * 3  # multiply-adds of one of its calls
FC = 48 * 2 + 2


def test_a_shared_module_gets_a_row_per_call_with_its_own_name_and_rows_add_up():
    model, size = Shared(), (1, 3, 4, 4)
    rows = layer_table(model, size, depth=2)
    assert [(r.name, r.depth, r.parameters, r.macs) for r in rows] == [
        ("first", 1, CONV, CONV_CALL),
        ("relu", 1, 0, 0),
        ("second", 1, 0, CONV_CALL),  # the parameters were counted in the row of "first"
        ("relu", 1, 0, 0),
        ("tail", 1, FC, CONV_CALL + 48 * 2),
        ("tail.0", 2, CONV, CONV_CALL),
        ("tail.1", 2, 0, 0),
        ("tail.2", 2, FC, 48 * 2),
    ]
    total = complexity(model, size)
    top = [r for r in rows if r.depth == 1]
    assert sum(r.parameters for r in top) == total.parameters == CONV + FC
    assert sum(r.macs for r in top) == total.macs == 3 * CONV_CALL + 48 * 2


# --------------------------------------------------------------------------- strings


def test_every_language_has_every_string_of_the_analysis():
    english = set(ANALYSIS_TEXT["en"])
    assert all(set(table) == english for table in ANALYSIS_TEXT.values())
    assert all(text for table in ANALYSIS_TEXT.values() for text in table.values())


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_inference_restores_the_random_state_of_the_cuda_device_holding_the_module():
    model = Noisy().cuda()
    state = torch.cuda.get_rng_state()
    complexity(model, (1, 3, 8, 8))
    layer_table(model, (1, 3, 8, 8))
    assert torch.equal(state, torch.cuda.get_rng_state())
