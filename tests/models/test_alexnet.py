import pytest
import torch
from torch import nn

from cnnref.analysis import complexity, count_parameters, layer_table
from cnnref.models import AlexNetPaper, alexnet, alexnet_paper, model_info
from cnnref.models.alexnet import local_response_norm
from cnnref.shapes import conv_output_size
from tests.models.conftest import accepted_sizes
from tests.models.conftest import assert_state_dict_matches, manifest


def test_parameters_match_torchvision():
    assert sum(p.numel() for p in alexnet().parameters()) == manifest()["models"]["alexnet"]["parameters"]


def test_state_dict_matches_torchvision():
    with torch.device("meta"):
        assert_state_dict_matches(alexnet(), "alexnet")


def test_smallest_input_is_63():
    model = alexnet(num_classes=5).eval()
    assert model(torch.zeros(1, 3, 63, 63)).shape == (1, 5)
    with pytest.raises(ValueError, match=r"alexnet expects 3 input channels and inputs of at least 63×63; got shape \(1, 3, 62, 63\)"):
        model(torch.zeros(1, 3, 62, 63))
    # Without the check, PyTorch itself fails one pixel below the minimum.
    with pytest.raises(RuntimeError):
        model.features(torch.zeros(1, 3, 62, 62))


def test_wrong_channels_are_named():
    with pytest.raises(ValueError, match=r"alexnet expects 3 input channels.*got shape \(1, 1, 224, 224\)"):
        alexnet().eval()(torch.zeros(1, 1, 224, 224))


def test_in_channels_and_classes():
    model = alexnet(num_classes=10, in_channels=1).eval()
    assert model(torch.zeros(2, 1, 224, 224)).shape == (2, 10)


# --------------------------------------------------------------------------- torchvision figures

def test_registry_builds_both_alexnets():
    assert model_info("alexnet_paper").input_size == (3, 227, 227)
    assert model_info("alexnet").input_size == (3, 224, 224)


# --------------------------------------------------------------------------- the 2012 paper

@pytest.fixture(scope="module")
def paper_meta():
    with torch.device("meta"):
        return alexnet_paper().eval()


def test_kernels_are_the_papers(paper_meta):
    # Section 3.5: conv1 96 kernels of 11×11×3 (stride 4), conv2 256 of 5×5×48, conv3 384 of
    # 3×3×256, conv4 384 of 3×3×192, conv5 256 of 3×3×192; fc 4096, 4096, 1000.
    f, c = paper_meta.features, paper_meta.classifier
    shapes = [tuple(getattr(f, n).weight.shape) for n in ("conv1", "conv2", "conv3", "conv4", "conv5")]
    assert shapes == [(96, 3, 11, 11), (256, 48, 5, 5), (384, 256, 3, 3), (384, 192, 3, 3), (256, 192, 3, 3)]
    assert f.conv1.stride == (4, 4) and f.conv1.padding == (0, 0)
    assert [getattr(f, n).groups for n in ("conv1", "conv2", "conv3", "conv4", "conv5")] == [1, 2, 1, 2, 2]
    assert [(m.in_features, m.out_features) for m in (c.fc6, c.fc7, c.fc8)] == [(9216, 4096), (4096, 4096), (4096, 1000)]
    pools = [m for m in f if isinstance(m, nn.MaxPool2d)]
    assert [(p.kernel_size, p.stride) for p in pools] == [(3, 2)] * 3  # overlapping: z = 3 > s = 2


def test_layer_order_follows_section_3_5(paper_meta):
    assert list(paper_meta.features._modules) == [
        "conv1", "relu1", "norm1", "pool1", "conv2", "relu2", "norm2", "pool2",
        "conv3", "relu3", "conv4", "relu4", "conv5", "relu5", "pool5",
    ]
    # Dropout on the outputs of the first two fully connected layers (Section 4.2).
    assert list(paper_meta.classifier._modules) == ["fc6", "relu6", "drop6", "fc7", "relu7", "drop7", "fc8"]
    assert paper_meta.classifier.drop6.p == paper_meta.classifier.drop7.p == 0.5


def test_feature_maps_match_figure_2():
    rows = {r.name: r.output_shape for r in layer_table("alexnet_paper", depth=2)}
    assert [rows[f"features.{n}"][1:] for n in ("conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5")] == [
        (96, 55, 55), (96, 27, 27), (256, 27, 27), (256, 13, 13),
        (384, 13, 13), (384, 13, 13), (256, 13, 13), (256, 6, 6),
    ]


def test_parameters_are_the_papers_60_million():
    total, trainable = count_parameters("alexnet_paper")
    assert total == trainable == 60_965_224
    assert total // 1_000_000 == 60  # "60 million parameters" (abstract, Section 4)


def test_difference_to_torchvision_is_all_in_the_conv_layers(paper_meta):
    with torch.device("meta"):
        tv = alexnet()
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert count(tv) - count(paper_meta) == 61_100_840 - 60_965_224 == 135_616
    assert count(tv.classifier) == count(paper_meta.classifier) == 58_631_144
    assert count(tv.features) - count(paper_meta.features) == 135_616


def test_groups_save_what_the_two_gpu_split_saved(paper_meta):
    f = paper_meta.features
    saved = sum(getattr(f, n).weight.numel() for n in ("conv2", "conv4", "conv5"))  # with groups=2: half of full
    assert saved == 307_200 + 663_552 + 442_368 == 1_413_120
    with torch.device("meta"):
        ungrouped = AlexNetPaper()
        for n in ("conv2", "conv4", "conv5"):
            old = getattr(ungrouped.features, n)
            setattr(ungrouped.features, n, nn.Conv2d(old.in_channels, old.out_channels, old.kernel_size, padding=old.padding))
    assert sum(p.numel() for p in ungrouped.parameters()) == 60_965_224 + 1_413_120


def lrn_as_in_the_paper(a, k=2.0, n=5, alpha=1e-4, beta=0.75):
    """Section 3.3: b_i = a_i / (k + alpha * sum_{j = max(0, i - n/2)}^{min(N - 1, i + n/2)} a_j^2) ** beta."""
    channels = a.shape[1]
    b = torch.empty_like(a)
    for i in range(channels):
        lo, hi = max(0, i - n // 2), min(channels - 1, i + n // 2)
        b[:, i] = a[:, i] / (k + alpha * (a[:, lo : hi + 1] ** 2).sum(dim=1)) ** beta
    return b


def test_lrn_matches_the_papers_formula(paper_meta):
    torch.manual_seed(0)
    a = 40 * torch.rand(2, 11, 3, 3, dtype=torch.float64)  # ReLU outputs, large enough for alpha to matter
    expected = lrn_as_in_the_paper(a)
    torch.testing.assert_close(local_response_norm()(a), expected)
    torch.testing.assert_close(paper_meta.features.norm1.to_empty(device="cpu")(a), expected)
    # Passing the paper's alpha straight to nn.LocalResponseNorm divides it by n = 5.
    naive = nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=2.0)(a)
    assert not torch.allclose(naive, expected, rtol=1e-3)
    torch.testing.assert_close(naive, lrn_as_in_the_paper(a, alpha=1e-4 / 5))


def test_lrn_rejects_a_bad_window():
    with pytest.raises(ValueError, match=r"n must be a positive int \(at least 1\), got 0"):
        local_response_norm(n=0)


@pytest.fixture(scope="module")
def paper_real():
    torch.manual_seed(0)
    return alexnet_paper(num_classes=10, in_channels=1).eval()


def test_initialisation_follows_section_5(paper_real):
    f, c = paper_real.features, paper_real.classifier
    for layer in (f.conv2, f.conv4, f.conv5, c.fc6, c.fc7):
        assert torch.all(layer.bias == 1)
    for layer in (f.conv1, f.conv3, c.fc8):
        assert torch.all(layer.bias == 0)
    assert abs(c.fc6.weight.std().item() - 0.01) < 1e-4 and abs(c.fc6.weight.mean().item()) < 1e-4


def test_224_is_inconsistent_and_227_gives_55():
    assert (224 - 11) / 4 + 1 == 54.25
    assert (227 - 11) / 4 + 1 == 55
    # torchvision reaches 55 from 224 with padding 2.
    assert conv_output_size(224, kernel_size=11, stride=4, padding=2) == 55


def test_accepted_input_range_follows_from_the_shape_arithmetic(paper_meta):
    ok = accepted_sizes(paper_meta.features, range(1, 400), final=6)
    assert ok == list(range(227, 259))
    assert paper_meta.input_spec.min_size == (ok[0], ok[0]) and paper_meta.input_spec.max_size == (ok[-1], ok[-1])


@pytest.mark.parametrize("size", [227, 258])
def test_paper_model_runs_at_both_ends_of_its_range(paper_meta, size):
    assert paper_meta(torch.zeros(2, 3, size, size, device="meta")).shape == (2, 1000)


@pytest.mark.parametrize("size", [226, 259])
def test_paper_model_names_its_range_one_pixel_outside(paper_meta, size):
    rule = r"alexnet_paper expects 3 input channels and inputs between 227×227 and 258×258"
    with pytest.raises(ValueError, match=rf"{rule}; got shape \(1, 3, {size}, 227\)"):
        paper_meta(torch.zeros(1, 3, size, 227, device="meta"))
    # Without the check, PyTorch itself fails at fc6 (pool5 is 5×5 or 7×7, not 6×6).
    with pytest.raises(RuntimeError):
        paper_meta.classifier(torch.flatten(paper_meta.features(torch.zeros(1, 3, size, size, device="meta")), 1))


def test_paper_model_real_forward_and_wrong_channels(paper_real):
    with torch.no_grad():
        assert paper_real(torch.randn(2, 1, 227, 227)).shape == (2, 10)
    with pytest.raises(ValueError, match=r"alexnet_paper expects 1 input channel.*got shape \(1, 3, 227, 227\)"):
        paper_real(torch.zeros(1, 3, 227, 227))


def test_paper_macs():
    c = complexity("alexnet_paper")
    assert c.input_size == (1, 3, 227, 227)
    # Output positions × kernels × (k·k·C_in per group), then the fully connected layers.
    convs = (55 * 55 * 96 * (3 * 11 * 11) + 27 * 27 * 256 * (48 * 5 * 5) + 13 * 13 * 384 * (256 * 3 * 3)
             + 13 * 13 * 384 * (192 * 3 * 3) + 13 * 13 * 256 * (192 * 3 * 3))
    fcs = 9216 * 4096 + 4096 * 4096 + 4096 * 1000
    assert c.macs == convs + fcs == 724_406_816 and c.flops == 2 * c.macs
