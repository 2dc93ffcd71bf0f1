import pytest
import torch
from torch import nn

from cnnref.analysis import complexity, count_parameters
from cnnref.models import VGG, VGGPaper, get_model, list_models, model_info, vgg11, vgg11_bn, vgg_a_paper
from cnnref.models.vgg import CONFIGS, WEIGHT_LAYERS, make_layers
from tests.models.conftest import torchvision_models, accepted_sizes
from tests.models.conftest import assert_same_outputs, assert_state_dict_matches, manifest

TORCHVISION_NAMES = list_models("vgg*", source="torchvision")
PAPER_NAMES = {"A": "vgg_a_paper", "A-LRN": "vgg_a_lrn_paper", "B": "vgg_b_paper", "C": "vgg_c_paper", "D": "vgg_d_paper", "E": "vgg_e_paper"}


def meta(name: str, **kwargs) -> nn.Module:
    with torch.device("meta"):
        return get_model(name, **kwargs).eval()


# --------------------------------------------------------------------------- torchvision-compatible

@pytest.mark.parametrize("name", TORCHVISION_NAMES)
def test_state_dict_matches_torchvision(name):
    assert_state_dict_matches(meta(name), name)


@pytest.mark.torchvision
def test_paper_configuration_loads_torchvision_weights_and_agrees_at_224():
    # vgg11 is configuration A: its checkpoint loads into the paper model, and at 224×224 the
    # adaptive pooling (7×7 to 7×7) changes nothing.
    torchvision_models()
    assert_same_outputs(vgg_a_paper(init_weights=False), "vgg11", (1, 3, 224, 224))


@pytest.mark.parametrize(("name", "config"), [("vgg11", "A"), ("vgg13", "B"), ("vgg16", "D"), ("vgg19", "E")])
def test_torchvision_models_are_the_papers_configurations(name, config):
    tv, paper = meta(name), meta(PAPER_NAMES[config])
    assert str(tv.features) == str(paper.features)
    assert str(tv.classifier) == str(paper.classifier)
    assert list(tv.state_dict()) == list(paper.state_dict())


def test_torchvision_adds_adaptive_pooling_and_batch_norm():
    model = meta("vgg16_bn")
    assert isinstance(model.avgpool, nn.AdaptiveAvgPool2d) and model.avgpool.output_size == (7, 7)
    layers = list(model.features)
    convs = [i for i, m in enumerate(layers) if isinstance(m, nn.Conv2d)]
    assert all(isinstance(layers[i + 1], nn.BatchNorm2d) and isinstance(layers[i + 2], nn.ReLU) for i in convs)
    assert len(convs) == 13


def test_smallest_input_is_32():
    model = meta("vgg16")
    assert accepted_sizes(model.features, range(1, 100)) == list(range(32, 100))
    assert model(torch.zeros(1, 3, 32, 32, device="meta")).shape == (1, 1000)
    with pytest.raises(ValueError, match=r"vgg16 expects 3 input channels and inputs of at least 32×32; got shape \(1, 3, 32, 31\)"):
        model(torch.zeros(1, 3, 32, 31, device="meta"))
    # Without the check, PyTorch itself fails one pixel below the minimum (the fifth pooling).
    with pytest.raises(RuntimeError):
        model.features(torch.zeros(1, 3, 31, 31, device="meta"))


def test_wrong_channels_are_named():
    with pytest.raises(ValueError, match=r"vgg19_bn expects 3 input channels.*got shape \(1, 1, 224, 224\)"):
        meta("vgg19_bn")(torch.zeros(1, 1, 224, 224, device="meta"))
    with pytest.raises(ValueError, match=r"as a 4-D batch"):
        meta("vgg11")(torch.zeros(3, 224, 224, device="meta"))


@pytest.fixture(scope="module")
def real_vgg11_bn():
    torch.manual_seed(0)
    return vgg11_bn(num_classes=10, in_channels=1)


def test_real_forward_with_other_channels_and_classes(real_vgg11_bn):
    model = real_vgg11_bn.train()
    assert model.features[0].weight.shape == (64, 1, 3, 3)
    assert model(torch.randn(2, 1, 40, 48)).shape == (2, 10)  # train mode: batch norm uses the batch
    with torch.no_grad():
        assert torch.isfinite(model.eval()(torch.randn(1, 1, 32, 32))).all()


def test_initialisation_is_torchvisions(real_vgg11_bn):
    conv, bn, fc = real_vgg11_bn.features[0], real_vgg11_bn.features[1], real_vgg11_bn.classifier[0]
    assert torch.all(conv.bias == 0) and torch.all(bn.weight == 1) and torch.all(bn.bias == 0)
    assert torch.all(fc.bias == 0) and abs(fc.weight.std().item() - 0.01) < 1e-4
    # He initialisation with fan-out: std = sqrt(2 / (64 · 3 · 3)).
    assert abs(conv.weight.std().item() - (2 / (64 * 9)) ** 0.5) < 0.01


# --------------------------------------------------------------------------- the paper's Table 1

@pytest.mark.parametrize("config", CONFIGS)
def test_table_2_parameter_counts(config):
    total, _ = count_parameters(PAPER_NAMES[config])
    assert round(total / 1e6) == model_info(PAPER_NAMES[config]).figure("params_millions").value


def test_parameter_counts_exactly():
    counts = {c: count_parameters(PAPER_NAMES[c])[0] for c in CONFIGS}
    assert counts == {
        "A": 132_863_336, "A-LRN": 132_863_336, "B": 133_047_848,
        "C": 133_638_952, "D": 138_357_544, "E": 143_667_240,
    }
    # C is B plus one 1×1 convolution in each of blocks 3-5.
    assert counts["C"] - counts["B"] == (256 * 256 + 256) + 2 * (512 * 512 + 512)


@pytest.mark.parametrize("config", CONFIGS)
def test_weight_layers_and_blocks_follow_table_1(config):
    model = meta(PAPER_NAMES[config])
    convs = [m for m in model.features if isinstance(m, nn.Conv2d)]
    linears = [m for m in model.classifier if isinstance(m, nn.Linear)]
    assert len(convs) + len(linears) == WEIGHT_LAYERS[config]
    assert [(m.in_features, m.out_features) for m in linears] == [(512 * 7 * 7, 4096), (4096, 4096), (4096, 1000)]
    # Five blocks, each ending in 2×2/2 max pooling, with 64, 128, 256, 512, 512 channels.
    blocks, block = [], []
    for m in model.features:
        if isinstance(m, nn.MaxPool2d):
            assert (m.kernel_size, m.stride) == (2, 2)
            blocks.append(block)
            block = []
        elif isinstance(m, nn.Conv2d):
            block.append(m)
    assert [b[-1].out_channels for b in blocks] == [64, 128, 256, 512, 512]
    assert all(m.stride == (1, 1) and m.padding == (m.kernel_size[0] // 2,) * 2 for m in convs)
    one_by_one = [(i, j) for i, b in enumerate(blocks) for j, m in enumerate(b) if m.kernel_size == (1, 1)]
    assert one_by_one == ([(2, 2), (3, 2), (4, 2)] if config == "C" else [])


def test_a_lrn_normalises_after_the_first_convolution():
    features = meta("vgg_a_lrn_paper").features
    assert isinstance(features[0], nn.Conv2d) and isinstance(features[1], nn.ReLU)
    lrn = features[2]
    assert isinstance(lrn, nn.LocalResponseNorm)
    assert (lrn.size, lrn.alpha / lrn.size, lrn.beta, lrn.k) == (5, 1e-4, 0.75, 2.0)  # AlexNet's constants
    assert sum(isinstance(m, nn.LocalResponseNorm) for m in meta("vgg_a_lrn_paper").modules()) == 1
    assert not any(isinstance(m, nn.LocalResponseNorm) for c in "BCDE" for m in meta(PAPER_NAMES[c]).modules())


def test_dropout_after_the_first_two_fully_connected_layers():
    kinds = [type(m).__name__ for m in meta("vgg_d_paper").classifier]
    assert kinds == ["Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"]


def test_paper_input_range_follows_from_the_shape_arithmetic():
    model = meta("vgg_e_paper")
    assert isinstance(model, VGGPaper) and isinstance(model.avgpool, nn.Identity)
    ok = accepted_sizes(model.features, range(1, 400), final=7)
    assert ok == list(range(224, 256))
    assert model.input_spec.min_size == (ok[0], ok[0]) and model.input_spec.max_size == (ok[-1], ok[-1])


@pytest.mark.parametrize("size", [224, 255])
def test_paper_model_runs_at_both_ends_of_its_range(size):
    assert meta("vgg_c_paper")(torch.zeros(1, 3, size, size, device="meta")).shape == (1, 1000)


@pytest.mark.parametrize("size", [223, 256])
def test_paper_model_names_its_range_one_pixel_outside(size):
    model = meta("vgg_c_paper")
    with pytest.raises(ValueError, match=rf"vgg_c_paper expects 3 input channels and inputs between 224×224 and 255×255; got shape \(1, 3, 224, {size}\)"):
        model(torch.zeros(1, 3, 224, size, device="meta"))
    # Without the check, PyTorch itself fails at the first fully connected layer.
    x = model.features(torch.zeros(1, 3, size, size, device="meta"))
    assert x.shape[-1] in (6, 8)
    with pytest.raises(RuntimeError):
        model.classifier(torch.flatten(x, 1))


@pytest.mark.parametrize("name", [*PAPER_NAMES.values(), *TORCHVISION_NAMES])
def test_forward_shape_at_the_documented_input(name):
    info = model_info(name)
    assert info.input_size == (3, 224, 224)
    model = meta(name, num_classes=10, in_channels=2)
    assert model(torch.zeros(2, 2, 224, 224, device="meta")).shape == (2, 10)


def test_unknown_config_lists_the_allowed_ones():
    with pytest.raises(ValueError, match=r"unknown VGG config 'a'; allowed: A, A-LRN, B, C, D, E"):
        VGGPaper.from_config("a")
    with pytest.raises(TypeError, match="config must be a str"):
        VGGPaper.from_config(16)
    with pytest.raises(ValueError, match="unknown VGG config 'F'"):
        make_layers("F")


def test_registry_names_and_paper_models():
    with torch.device("meta"):
        assert vgg11().name == "vgg11" and get_model("vgg_a_lrn_paper").name == "vgg_a_lrn_paper"
    assert {n: type(meta(n)) for n in ("vgg_d_paper", "vgg16")} == {"vgg_d_paper": VGGPaper, "vgg16": VGG}
