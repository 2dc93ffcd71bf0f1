import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnref.analysis import complexity, weight_layer_depth
from cnnref.models import (
    model_info,
    BasicBlock, Bottleneck, CifarResNet, ResNet, get_model, resnet18, resnet20_paper, resnet34, resnet50, resnet101,
    resnet152,
)
from cnnref.models.resnet import ZeroPadShortcut, conv1x1, init_weights, make_layer
from cnnref.shapes import conv_output_size, pool_output_size
from tests.models.conftest import torchvision_models, assert_same_outputs, assert_state_dict_matches, manifest

IMAGENET = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"]
CIFAR = ["resnet20_paper", "resnet32_paper", "resnet44_paper", "resnet56_paper", "resnet110_paper"]

# torchvision's published parameter counts (model docs, "num_params").
# MACs at 1×3×224×224, counted with torch.utils.flop_counter on torchvision 0.29.1's models
# (torchvision's docs list them rounded, as "GFLOPS": 1.814, 3.664, 4.089, 7.801, 11.514).
TORCHVISION_MACS = dict(zip(IMAGENET, [1_814_073_344, 3_663_761_408, 4_089_184_256, 7_801_405_440, 11_513_626_624]))
# He et al. 2015, Table 1, "FLOPs" row (multiply-adds, ×10⁹), one decimal.
# He et al. 2015, Table 6, "#params" column, as printed.


def build(name: str, **kwargs) -> nn.Module:
    with torch.device("meta"):
        return get_model(name, **kwargs)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def blocks(model: nn.Module) -> list[nn.Module]:
    return [m for m in model.modules() if isinstance(m, (BasicBlock, Bottleneck))]


# --------------------------------------------------------------------------- torchvision compatibility


@pytest.mark.parametrize("name", IMAGENET)
def test_state_dict_matches_torchvision(name):
    assert_state_dict_matches(build(name), name)


@pytest.mark.parametrize("name", IMAGENET)
def test_macs_at_224_equal_torchvision(name):
    macs = complexity(name).macs
    assert macs == TORCHVISION_MACS[name]


# torchvision's ResNeXt-50 32×4d and Wide ResNet-50-2: the same ResNet class with
# groups / width_per_group, and their published parameter counts.
GROUPED = [("resnext50_32x4d", dict(groups=32, width_per_group=4), 25_028_904),
           ("wide_resnet50_2", dict(width_per_group=128), 68_883_240)]


@pytest.mark.parametrize(("tv_name", "kwargs", "published"), GROUPED)
def test_groups_and_width_per_group_give_resnext_and_wide_resnet(tv_name, kwargs, published):
    with torch.device("meta"):
        assert parameters(ResNet(Bottleneck, [3, 4, 6, 3], **kwargs)) == published


@pytest.mark.torchvision
@pytest.mark.parametrize(("tv_name", "kwargs", "published"), GROUPED)
def test_grouped_outputs_match_torchvision(tv_name, kwargs, published):
    torchvision_models()  # before building a big model for nothing
    assert_same_outputs(ResNet(Bottleneck, [3, 4, 6, 3], **kwargs), tv_name, (1, 3, 64, 64))


DILATE = [False, True, True]


def test_dilation_keeps_the_resolution():
    with torch.device("meta"):
        model = resnet50(replace_stride_with_dilation=DILATE)
        x = torch.zeros(1, 3, 64, 64)
        features = model.layer4(model.layer3(model.layer2(model.layer1(model.maxpool(model.conv1(x))))))
    assert features.shape == (1, 2048, 8, 8)  # output stride 8 instead of 32
    assert model.layer4[1].conv2.dilation == (4, 4) and model.layer4[0].conv2.dilation == (2, 2)


@pytest.mark.torchvision
def test_dilated_outputs_match_torchvision():
    torchvision_models()
    model = resnet50(replace_stride_with_dilation=DILATE)
    assert_same_outputs(model, "resnet50", (1, 3, 64, 64), replace_stride_with_dilation=DILATE)


def test_norm_layer_is_pluggable():
    model = resnet18(norm_layer=lambda c: nn.GroupNorm(1, c))
    assert not any(isinstance(m, nn.BatchNorm2d) for m in model.modules())
    assert sum(isinstance(m, nn.GroupNorm) for m in model.modules()) == 1 + 2 * 8 + 3  # stem, blocks, projections
    assert model.eval()(torch.zeros(1, 3, 32, 32)).shape == (1, 1000)


# --------------------------------------------------------------------------- v1 (paper) vs v1.5 (torchvision)


@pytest.mark.parametrize("name", IMAGENET)
def test_v1_macs_are_the_paper_table1_figures(name):
    """The paper prints one decimal: round half up for ResNet-18/101/152 and a cut-off
    (truncation) for ResNet-34 and ResNet-50 - its figure lies in [x - 0.05, x + 0.1)."""
    gmacs = complexity(build(name, variant="v1"), (1, 3, 224, 224)).macs / 1e9
    paper = model_info(f"{name}_paper").figure("gflops").value
    assert paper in (round(gmacs, 1), math.floor(gmacs * 10) / 10)
    assert paper - 0.05 <= gmacs < paper + 0.1


def test_resnet50_v15_is_not_the_paper_figure():
    v15 = complexity("resnet50").macs / 1e9
    assert round(v15, 1) == 4.1 and math.floor(v15 * 10) / 10 == 4.0  # neither is the paper's 3.8


@pytest.mark.parametrize("name", IMAGENET)
def test_v1_and_v15_have_the_same_parameters(name):
    v1, v15 = build(name, variant="v1"), build(name)
    assert [(k, v.shape) for k, v in v1.state_dict().items()] == [(k, v.shape) for k, v in v15.state_dict().items()]


def test_v1_and_v15_differ_in_compute_only_for_bottleneck_networks():
    def macs(name, variant):
        return complexity(build(name, variant=variant), (1, 3, 224, 224)).macs

    assert macs("resnet18", "v1") == macs("resnet18", "v1.5")
    assert macs("resnet50", "v1") == 3_857_973_248 < macs("resnet50", "v1.5") == 4_089_184_256


@pytest.mark.parametrize(("variant", "conv1_stride", "conv2_stride"), [("v1", 2, 1), ("v1.5", 1, 2)])
def test_stride_position_of_every_downsampling_bottleneck(variant, conv1_stride, conv2_stride):
    model = build("resnet50", variant=variant)
    strided = [b for b in blocks(model) if b.stride == 2]
    assert len(strided) == 3  # first blocks of layer2, layer3, layer4
    for block in strided:
        assert block.conv1.stride == (conv1_stride,) * 2 and block.conv2.stride == (conv2_stride,) * 2
        assert block.downsample[0].stride == (2, 2)


@pytest.mark.torchvision
def test_v1_is_torchvision_with_the_stride_moved_to_conv1():
    models = torchvision_models()
    torch.manual_seed(0)
    reference = models.resnet50(weights=None).eval()
    for block in reference.modules():
        if isinstance(block, models.resnet.Bottleneck) and block.stride == 2:
            block.conv1.stride, block.conv2.stride = (2, 2), (1, 1)
    ours = resnet50(variant="v1").eval()
    ours.load_state_dict(reference.state_dict(), strict=True)
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), reference(x))


@pytest.mark.parametrize("bad", ["v2", "V1", 1.5, None])
def test_invalid_variant_lists_the_allowed_values(bad):
    with pytest.raises(ValueError, match=r"variant must be one of 'v1', 'v1.5'; got"):
        resnet50(variant=bad)


# --------------------------------------------------------------------------- zero_init_residual


def test_zero_init_residual_zeroes_the_last_bn_of_every_block():
    for builder in (resnet18, resnet50):
        with torch.device("meta"):
            assert all(b.last_bn is (b.bn3 if isinstance(b, Bottleneck) else b.bn2) for b in blocks(builder()))
    model = resnet18(zero_init_residual=True)
    assert all(b.last_bn.weight.eq(0).all() for b in blocks(model))
    assert all(b.last_bn.weight.eq(1).all() for b in blocks(resnet18()))


@pytest.mark.parametrize("block", [BasicBlock(64, 64), Bottleneck(256, 64)], ids=["basic", "bottleneck"])
def test_zero_init_residual_makes_a_block_the_identity(block):
    x = torch.rand(2, block.conv1.in_channels, 6, 6)  # non-negative, as after a ReLU
    init_weights(block, zero_init_residual=False)
    assert not torch.equal(block.eval()(x), x)
    init_weights(block, zero_init_residual=True)
    with torch.no_grad():
        assert block.residual(x).abs().max() == 0
        assert torch.equal(block(x), x)


def test_zero_init_residual_network_starts_as_its_shortcuts():
    model = resnet18(zero_init_residual=True).eval()
    x = torch.relu(torch.randn(1, 64, 8, 8))
    with torch.no_grad():
        assert torch.equal(model.layer1(x), x)  # no projection in layer1: two identity blocks
        first = model.layer2[0]
        assert torch.equal(first(x), torch.relu(first.downsample(x)))


# --------------------------------------------------------------------------- shortcuts: options A, B, C


def test_option_a_shortcut_is_parameter_free_and_zero_pads():
    shortcut = ZeroPadShortcut(16, 32, stride=2)
    assert list(shortcut.parameters()) == [] and shortcut.state_dict() == {}
    x = torch.randn(2, 16, 9, 9)
    y = shortcut(x)
    assert y.shape == (2, 32, 5, 5)
    assert torch.equal(y[:, :16], x[:, :, ::2, ::2])
    assert y[:, 16:].eq(0).all()


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    c_in=st.integers(1, 8), extra=st.integers(0, 8), stride=st.integers(1, 3),
    h=st.integers(1, 12), w=st.integers(1, 12),
)
def test_option_a_has_the_shape_of_a_projection(c_in, extra, stride, h, w):
    x = torch.randn(1, c_in, h, w)
    y = ZeroPadShortcut(c_in, c_in + extra, stride)(x)
    assert y.shape == conv1x1(c_in, c_in + extra, stride)(x).shape
    assert y.shape[2:] == conv_output_size((h, w), kernel_size=1, stride=stride)
    assert torch.equal(y[:, :c_in], x[:, :, ::stride, ::stride]) and y[:, c_in:].eq(0).all()


def test_option_a_cannot_remove_channels():
    with pytest.raises(ValueError, match=r"can only add channels: got 32 → 16"):
        ZeroPadShortcut(32, 16)


def test_shortcut_options_a_b_c_on_resnet34():
    a, b, c = (build("resnet34", shortcut=s) for s in "ABC")
    projections = sum(parameters(blk.downsample) for blk in blocks(b) if blk.downsample is not None)
    assert projections == (64 * 128 + 2 * 128) + (128 * 256 + 2 * 256) + (256 * 512 + 2 * 512) == 173_824
    assert parameters(a) == parameters(b) - projections == 21_623_848
    assert parameters(c) == 22_716_840
    assert all(isinstance(blk.downsample, nn.Sequential) for blk in blocks(c))
    assert sum(isinstance(blk.downsample, ZeroPadShortcut) for blk in blocks(a)) == 3


def test_invalid_shortcut_lists_the_allowed_values():
    with pytest.raises(ValueError, match=r"shortcut must be one of 'A', 'B', 'C'; got 'D'"):
        make_layer(BasicBlock, 16, 16, 1, shortcut="D")


# --------------------------------------------------------------------------- CIFAR-10 networks (section 4.2)


@pytest.mark.parametrize("name", CIFAR)
def test_cifar_parameters_are_table6_as_the_paper_rounds(name):
    """In millions, two decimals below one million and one above, as Table 6 prints them."""
    params = parameters(build(name))
    assert round(params / 1e6, 2 if params < 1e6 else 1) == model_info(name).figure("params_millions").value


@pytest.mark.parametrize("name", CIFAR)
def test_cifar_depth_is_6n_plus_2(name):
    model = build(name)
    assert weight_layer_depth(model, (1, 3, 32, 32)) == model.depth == 6 * model.n + 2 == int(name[6:].removesuffix("_paper"))


def test_cifar_network_structure():
    model = resnet20_paper().eval()
    assert not any(isinstance(m, nn.MaxPool2d) for m in model.modules())
    assert [m for m in model.modules() if isinstance(m, nn.Linear)] == [model.fc]
    x = torch.zeros(1, 3, 32, 32)
    with torch.no_grad():
        x = model.relu(model.bn1(model.conv1(x)))
        sizes = []
        for layer in (model.layer1, model.layer2, model.layer3):
            x = layer(x)
            sizes.append(tuple(x.shape[1:]))
    assert sizes == [(16, 32, 32), (32, 16, 16), (64, 8, 8)]
    # Option A: the CIFAR ResNet has exactly the parameters of its plain counterpart.
    assert all(b.downsample is None or isinstance(b.downsample, ZeroPadShortcut) for b in blocks(model))
    assert resnet20_paper(num_classes=100).fc.out_features == 100


def test_cifar_projection_shortcuts_add_parameters():
    assert parameters(build("resnet20_paper", shortcut="B")) > parameters(build("resnet20_paper"))


def test_cifar_n_must_be_positive():
    with pytest.raises(ValueError, match=r"n \(blocks per stage, depth 6n \+ 2\) must be a positive int \(at least 1\), got 0"):
        CifarResNet(0)


# --------------------------------------------------------------------------- inputs


def smallest_input(stem: list[nn.Module]) -> int:
    """The smallest side for which every layer on the main path (stem, then the stride-2 3×3
    convolutions of stages 2-4) gives at least one pixel, by the shape arithmetic of ``cnnref.shapes``."""
    for n in range(0, 64):
        size = n
        try:
            for layer in stem:
                k, s, p = layer.kernel_size, layer.stride, layer.padding
                if isinstance(layer, nn.MaxPool2d):
                    size = pool_output_size(size, k, s, p)
                else:
                    size = conv_output_size(size, k[0], s[0], p[0])
        except ValueError:
            continue
        return n
    raise AssertionError("no size up to 63 works")


def test_minimum_input_is_derived():
    with torch.device("meta"):
        imagenet, cifar = resnet50(), resnet20_paper()
    stem = [imagenet.conv1, imagenet.maxpool, *(layer[0].conv2 for layer in (imagenet.layer2, imagenet.layer3, imagenet.layer4))]
    assert smallest_input(stem) == ResNet.input_spec.min_size[0] == 1
    assert smallest_input([cifar.conv1, cifar.layer2[0].conv1, cifar.layer3[0].conv1]) == CifarResNet.input_spec.min_size[0] == 1


@pytest.mark.parametrize("builder", [resnet18, resnet50, resnet20_paper])
def test_smallest_input_passes_and_one_less_raises_our_error(builder):
    model = builder(num_classes=5).eval()
    with torch.no_grad():
        assert model(torch.zeros(1, 3, 1, 1)).shape == (1, 5)
        assert model(torch.zeros(1, 3, 1, 7)).shape == (1, 5)
        name = builder.__name__
        with pytest.raises(ValueError, match=rf"{name} expects 3 input channels and inputs of at least 1×1; got shape \(1, 3, 0, 7\)"):
            model(torch.zeros(1, 3, 0, 7))
        # Without the check, PyTorch itself fails one pixel below the minimum.
        with pytest.raises(RuntimeError):
            model.conv1(torch.zeros(1, 3, 0, 7))


def test_wrong_channels_and_rank_are_named():
    model = resnet18().eval()
    with pytest.raises(ValueError, match=r"resnet18 expects 3 input channels.*got shape \(1, 1, 224, 224\)"):
        model(torch.zeros(1, 1, 224, 224))
    with pytest.raises(ValueError, match=r"as a 4-D batch \(N, C, H, W\); got shape \(3, 32, 32\)"):
        model(torch.zeros(3, 32, 32))


def test_in_channels_and_classes():
    assert resnet18(in_channels=1, num_classes=10).eval()(torch.zeros(2, 1, 32, 32)).shape == (2, 10)
    assert resnet20_paper(in_channels=1).eval()(torch.zeros(2, 1, 32, 32)).shape == (2, 10)


def test_bad_architecture_arguments():
    with pytest.raises(ValueError, match=r"BasicBlock only supports groups=1 and width_per_group=64"):
        resnet18(groups=32, width_per_group=4)
    with pytest.raises(ValueError, match=r"BasicBlock does not support dilation > 1"):
        resnet18(replace_stride_with_dilation=[False, False, True])
    with pytest.raises(ValueError, match=r"layers gives the number of blocks of the 4 stages; got \[2, 2, 2\]"):
        ResNet(BasicBlock, [2, 2, 2])
    with pytest.raises(ValueError, match=r"replace_stride_with_dilation should be None or a 3-element sequence"):
        resnet50(replace_stride_with_dilation=[True])


def test_imagenet_depth_is_the_paper_depth():
    for name, builder in zip(IMAGENET, [resnet18, resnet34, resnet50, resnet101, resnet152]):
        with torch.device("meta"):
            model = builder()
        assert model.depth == int(name[6:].removesuffix("_paper")) == weight_layer_depth(model, (1, 3, 224, 224))
