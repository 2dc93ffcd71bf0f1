import pytest
import torch
from torch import nn

from cnnref.analysis import complexity, count_parameters, format_layer_table, layer_table, resolve


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
    from cnnref.analysis import weight_layer_depth

    assert weight_layer_depth(TwoBranches(), (1, 3, 4, 4)) == 4  # 3 convs of branch a + fc
    assert weight_layer_depth(Tiny(), (1, 3, 8, 8)) == 2
    assert weight_layer_depth("alexnet") == 8
