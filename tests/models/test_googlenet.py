import math
import sys

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnref.analysis import complexity, layer_table, weight_layer_depth
from cnnref.models import GoogLeNetOutputs, get_model, model_info, googlenet, googlenet_loss, googlenet_paper, list_models
from cnnref.models.googlenet import (
    IMAGENET_MEAN, IMAGENET_STD, TABLE1, BasicConv2d, Inception, InceptionAux, InceptionChannels,
)
from tests.models.conftest import torchvision_models, assert_same_outputs, assert_state_dict_matches, manifest


# Szegedy et al. 2014, Table 1: the "params" (K) and "ops" (M) columns, as printed. The
# "convolution 3×3/1" row is the stem's 1×1 reduce + 3×3 convolution (conv2 and conv3 here).
PAPER_PARAMS_K = {
    "conv1": 2.7, "conv2+conv3": 112, "inception3a": 159, "inception3b": 380, "inception4a": 364,
    "inception4b": 437, "inception4c": 463, "inception4d": 580, "inception4e": 840,
    "inception5a": 1072, "inception5b": 1388, "fc": 1000,
}
PAPER_OPS_M = {
    "conv1": 34, "conv2+conv3": 360, "inception3a": 128, "inception3b": 304, "inception4a": 73,
    "inception4b": 88, "inception4c": 100, "inception4d": 119, "inception4e": 170,
    "inception5a": 54, "inception5b": 71, "fc": 1,
}
# Rows whose "params" figure our weight count reproduces within the printed 1K; the others
# are explained in test_table1_rows_that_do_not_match_are_the_papers_own_inconsistencies.
PARAMS_WITHIN_ROUNDING = {"conv2+conv3", "inception3a", "inception3b", "inception4b", "fc"}


def meta(builder, **kwargs) -> nn.Module:
    with torch.device("meta"):
        return builder(**kwargs)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def unchecked(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The main path without the input check: what PyTorch alone does with ``x``."""
    for name in model.main_path:
        x = getattr(model, name)(x)
    return model.fc(torch.flatten(model.avgpool(x), 1))


# --------------------------------------------------------------------------- torchvision compatibility


def test_parameters_equal_torchvision_with_and_without_aux_heads():
    models = manifest()["models"]
    assert parameters(meta(googlenet)) == models["googlenet"]["parameters"] == model_info("googlenet").figure("params").value
    assert parameters(meta(googlenet, aux_logits=True)) == models["googlenet+aux"]["parameters"] == 13_004_888


def test_macs_at_224_equal_torchvision():
    c = complexity("googlenet")
    assert c.macs == 1_498_376_192
    # The aux heads run only in training mode, so they add parameters but no inference MACs.
    assert complexity(meta(googlenet, aux_logits=True), (1, 3, 224, 224)).macs == c.macs


@pytest.mark.parametrize(("key", "aux_logits"), [("googlenet", False), ("googlenet+aux", True)])
def test_state_dict_matches_torchvision(key, aux_logits):
    assert_state_dict_matches(meta(googlenet, aux_logits=aux_logits), key)


def test_aux_heads_are_registered_after_inception5b_and_before_the_classifier():
    keys = list(manifest()["models"]["googlenet+aux"]["state_dict"])
    top = list(dict.fromkeys(k.split(".")[0] for k in keys))
    assert top[-4:] == ["inception5b", "aux1", "aux2", "fc"]
    children = [name for name, _ in meta(googlenet, aux_logits=True).named_children()]
    assert children[children.index("inception5b") + 1 : children.index("fc")] == ["aux1", "aux2", "avgpool", "dropout"]


@pytest.mark.torchvision
def test_transform_input_outputs_match_torchvision():
    assert_same_outputs(
        googlenet(init_weights=False, transform_input=True), "googlenet", (2, 3, 15, 15),
        aux_logits=False, init_weights=False, transform_input=True,
    )


@pytest.mark.torchvision
def test_training_outputs_with_aux_heads_match_torchvision():
    """Same module tree, same GoogLeNetOutputs, same values in training mode (dropout drawn
    from the same seed, so the heads also run in the same order)."""
    models = torchvision_models()
    torch.manual_seed(0)
    reference = models.googlenet(weights=None, aux_logits=True, init_weights=False).train()
    ours = googlenet(aux_logits=True, init_weights=False).train()
    ours.load_state_dict(reference.state_dict(), strict=True)
    assert [n for n, _ in ours.named_modules()] == [n for n, _ in reference.named_modules()]
    x = torch.randn(2, 3, 32, 32)
    torch.manual_seed(1)
    expected = reference(x)
    torch.manual_seed(1)
    got = ours(x)
    assert type(expected).__name__ == type(got).__name__ == "GoogLeNetOutputs"
    assert expected._fields == got._fields
    for a, b in zip(got, expected):
        torch.testing.assert_close(a, b)


@pytest.mark.torchvision
def test_torchvision_builder_behaviour_the_page_describes(monkeypatch):
    """What docs/architectures/googlenet.*.md says about torchvision itself: its defaults, its
    weights metadata, and what its builder does with the pretrained file (a local stand-in is
    served instead of the download)."""
    torchvision_models()
    from torchvision.models import GoogLeNet_Weights
    from torchvision.models import googlenet as tv_googlenet

    tv_module = sys.modules[tv_googlenet.__module__]

    with pytest.warns(FutureWarning, match="default weight initialization"):
        default = tv_googlenet(weights=None)
    assert default.aux_logits and default.aux1 is not None and not default.transform_input
    weights = torch.cat([m.weight.flatten() for m in default.modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
    assert abs(weights.std().item() - 0.01) < 1e-4
    assert not [name for name in dir(tv_module) if "loss" in name.lower()]
    meta_info = GoogLeNet_Weights.IMAGENET1K_V1.meta
    assert meta_info["min_size"] == (15, 15) == model_info("googlenet").min_size
    assert GoogLeNet_Weights.IMAGENET1K_V1.url.endswith("/googlenet-1378be20.pth")

    file_state = googlenet(aux_logits=True, init_weights=False).state_dict()  # has the aux keys
    monkeypatch.setattr(GoogLeNet_Weights, "get_state_dict", lambda self, *args, **kwargs: file_state)
    pretrained = tv_googlenet(weights=GoogLeNet_Weights.IMAGENET1K_V1)  # loads it with strict=True
    assert pretrained.transform_input and not pretrained.aux_logits and pretrained.aux1 is None
    with pytest.warns(UserWarning, match="auxiliary heads in the pretrained googlenet model are NOT pretrained"):
        kept = tv_googlenet(weights=GoogLeNet_Weights.IMAGENET1K_V1, aux_logits=True)
    assert kept.aux1 is not None
    without_aux = {k: v for k, v in file_state.items() if not k.startswith(("aux1.", "aux2."))}
    monkeypatch.setattr(GoogLeNet_Weights, "get_state_dict", lambda self, *args, **kwargs: without_aux)
    with pytest.raises(RuntimeError, match="Missing key"):
        tv_googlenet(weights=GoogLeNet_Weights.IMAGENET1K_V1)


# --------------------------------------------------------------------------- output contracts


def test_training_with_aux_heads_returns_named_outputs_eval_returns_a_tensor():
    model = meta(googlenet, num_classes=7, aux_logits=True)
    x = torch.zeros(2, 3, 15, 15, device="meta")
    out = model.train()(x)
    assert isinstance(out, GoogLeNetOutputs)
    assert out._fields == ("logits", "aux_logits2", "aux_logits1")
    assert [tuple(t.shape) for t in out] == [(2, 7)] * 3
    logits = model.eval()(x)
    assert type(logits) is torch.Tensor and logits.shape == (2, 7)


def test_without_aux_heads_training_returns_a_tensor():
    model = meta(googlenet, num_classes=7).train()
    assert model.aux1 is None and model.aux2 is None
    assert type(model(torch.zeros(2, 3, 15, 15, device="meta"))) is torch.Tensor


def test_paper_model_output_contract():
    model = meta(googlenet_paper, num_classes=5)
    x = torch.zeros(2, 3, 224, 224, device="meta")
    out = model.train()(x)
    assert isinstance(out, GoogLeNetOutputs) and [tuple(t.shape) for t in out] == [(2, 5)] * 3
    assert model.eval()(x).shape == (2, 5)
    assert type(meta(googlenet_paper, aux_logits=False).train()(x)) is torch.Tensor


def test_aux_heads_run_after_4a_and_4d_although_registered_after_5b():
    model = meta(googlenet, aux_logits=True).train()
    ran = []
    for name, child in model.named_children():
        child.register_forward_hook(lambda module, args, output, name=name: ran.append(name))
    model(torch.zeros(2, 3, 224, 224, device="meta"))
    assert ran[ran.index("inception4a") + 1] == "aux1"
    assert ran[ran.index("inception4d") + 1] == "aux2"
    assert ran.index("aux2") < ran.index("inception5b")
    registered = [name for name, _ in model.named_children()]
    assert registered.index("aux1") > registered.index("inception5b")


# --------------------------------------------------------------------------- transform_input, init


def test_transform_input_maps_imagenet_normalisation_to_half_scaling():
    torch.manual_seed(0)
    transformed = googlenet(init_weights=False, transform_input=True).eval()
    x = torch.randn(2, 3, 15, 15)
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    pixels = x * std + mean  # undo torchvision's ImageNet normalisation
    torch.testing.assert_close(transformed._transform_input(x), (pixels - 0.5) / 0.5)
    transformed.transform_input = False  # the same weights, fed the converted input directly
    expected = transformed((pixels - 0.5) / 0.5)
    transformed.transform_input = True
    torch.testing.assert_close(transformed(x), expected)
    with pytest.raises(ValueError, match="transform_input converts RGB inputs, so in_channels must be 3"):
        googlenet(transform_input=True, in_channels=1)


def test_init_weights_is_torchvisions_truncated_normal():
    torch.manual_seed(0)
    model = googlenet()
    weights = torch.cat([m.weight.flatten() for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))])
    assert abs(weights.std().item() - 0.01) < 1e-4 and abs(weights.mean().item()) < 1e-4
    assert weights.abs().max().item() <= 2
    for bn in (m for m in model.modules() if isinstance(m, nn.BatchNorm2d)):
        assert torch.all(bn.weight == 1) and torch.all(bn.bias == 0)
    # Without it, PyTorch's default stays: uniform within ±1/sqrt(fan_in), std 1/sqrt(3·fan_in).
    default = googlenet(init_weights=False).conv1.conv.weight
    assert abs(default.std().item() - 1 / math.sqrt(3 * 7 * 7 * 3)) < 0.002


# --------------------------------------------------------------------------- the aux-loss helper


def test_aux_loss_weights_the_heads_by_0_3():
    target = torch.tensor([0, 3])
    uniform = torch.zeros(2, 4)  # cross-entropy ln 4 for any target
    loss = googlenet_loss(GoogLeNetOutputs(uniform, uniform, uniform), target)
    assert math.isclose(loss.item(), 1.6 * math.log(4), rel_tol=1e-6)
    torch.manual_seed(0)
    main, aux2, aux1 = torch.randn(3, 2, 4).unbind()
    expected = F.cross_entropy(main, target) + 0.3 * F.cross_entropy(aux1, target) + 0.3 * F.cross_entropy(aux2, target)
    torch.testing.assert_close(googlenet_loss(GoogLeNetOutputs(main, aux2, aux1), target), expected)
    torch.testing.assert_close(googlenet_loss((main, aux2, aux1), target), expected)  # torchvision's tuple
    torch.testing.assert_close(googlenet_loss(main, target), F.cross_entropy(main, target))
    torch.testing.assert_close(googlenet_loss(GoogLeNetOutputs(main, None, None), target), F.cross_entropy(main, target))
    torch.testing.assert_close(googlenet_loss(GoogLeNetOutputs(main, aux2, aux1), target, aux_weight=0), F.cross_entropy(main, target))


def test_aux_loss_rejects_bad_arguments():
    target = torch.tensor([0])
    with pytest.raises(TypeError, match="outputs must be a logits tensor or a GoogLeNetOutputs"):
        googlenet_loss([torch.zeros(1, 4)], target)
    with pytest.raises(ValueError, match="aux_weight must be a non-negative number, got -0.3"):
        googlenet_loss(torch.zeros(1, 4), target, aux_weight=-0.3)


def test_aux_loss_trains_the_paper_model():
    """One backward pass of the paper model reaches both heads and the stem."""
    model = meta(googlenet_paper, num_classes=3).train()
    loss = googlenet_loss(model(torch.zeros(2, 3, 224, 224, device="meta")), torch.zeros(2, dtype=torch.long, device="meta"))
    loss.backward()
    assert all(p.grad is not None for p in (model.aux1.fc2.weight, model.aux2.fc2.weight, model.conv1.conv.weight))


# --------------------------------------------------------------------------- the paper's network


def test_one_table1_builds_both_models():
    for model in (meta(googlenet), meta(googlenet_paper)):
        in_channels = 192
        for row, channels in TABLE1.items():
            module = getattr(model, f"inception{row}")
            convs = [module.branch1.conv, module.branch2[0].conv, module.branch2[1].conv,
                     module.branch3[0].conv, module.branch3[1].conv, module.branch4[1].conv]
            assert InceptionChannels(*(c.out_channels for c in convs)) == channels
            assert module.branch1.conv.in_channels == in_channels
            in_channels = channels.out_channels
    assert in_channels == 1024  # what the classifier takes (Table 1: 1×1×1024 before it)
    with pytest.raises(TypeError):
        TABLE1["3a"] = TABLE1["3b"]


def test_the_5x5_branch_is_3x3_in_torchvision_and_5x5_in_the_paper():
    tv, paper = meta(googlenet), meta(googlenet_paper)
    for row in TABLE1:
        assert getattr(tv, f"inception{row}").branch3[1].conv.kernel_size == (3, 3)
        assert getattr(paper, f"inception{row}").branch3[1].conv.kernel_size == (5, 5)
    with pytest.raises(ValueError, match="branch3_kernel_size is 3 .torchvision. or 5 .the paper., got 4"):
        Inception(192, *TABLE1["3a"], branch3_kernel_size=4)


def test_paper_model_layers():
    model = meta(googlenet_paper)
    assert not any(isinstance(m, (nn.BatchNorm2d, BasicConv2d)) for m in model.modules())
    assert all(m.bias is not None for m in model.modules() if isinstance(m, nn.Conv2d))
    path = model.main_path
    assert path[: path.index("inception3a")] == ("conv1", "maxpool1", "lrn1", "conv2", "conv3", "lrn2", "maxpool2")
    assert (model.lrn1.size, model.lrn1.alpha, model.lrn1.beta, model.lrn1.k) == (5, 1e-4, 0.75, 1.0)
    pools = [model.maxpool1, model.maxpool2, model.maxpool3, model.maxpool4]
    assert all((p.kernel_size, p.stride, p.ceil_mode) == (3, 2, True) for p in pools)
    assert (model.avgpool.kernel_size, model.avgpool.stride) == (7, 1) and model.dropout.p == 0.4
    for head, in_channels in ((model.aux1, 512), (model.aux2, 528)):
        assert isinstance(head, InceptionAux)
        assert (head.pool.kernel_size, head.pool.stride) == (5, 3)
        assert (head.conv.conv.in_channels, head.conv.conv.out_channels) == (in_channels, 128)
        assert (head.fc1.in_features, head.fc1.out_features, head.dropout.p) == (2048, 1024, 0.7)
    assert weight_layer_depth(model, (1, 3, 224, 224)) == 22  # "a 22 layers deep network" (abstract)


def test_paper_model_parameters_with_and_without_aux_heads():
    assert parameters(meta(googlenet_paper, aux_logits=False)) == 6_998_552
    assert parameters(meta(googlenet_paper)) == 13_378_280


def table1_measurements() -> dict[str, tuple[int, int]]:
    """(weights without biases, MACs at 224×224) per Table 1 row, for the paper model."""
    model = meta(googlenet_paper, aux_logits=False)
    macs = {row.name: row.macs for row in layer_table(model, (1, 3, 224, 224))}
    weights = {name: sum(p.numel() for p in module.parameters() if p.dim() > 1) for name, module in model.named_children()}
    for table in (macs, weights):
        table["conv2+conv3"] = table.pop("conv2") + table.pop("conv3")
    return {row: (weights[row], macs[row]) for row in PAPER_PARAMS_K}


def test_table1_params_and_ops_columns():
    """Table 1's unit K is 1,024 (the exact rows: 112K = 114,688 / 1,024 and 1000K = 1,024,000 /
    1,024 weights, biases not counted); its M is 10⁶ multiply-adds."""
    ours = table1_measurements()
    assert ours["conv2+conv3"][0] == 112 * 1024 and ours["fc"][0] == 1000 * 1024
    params_ok = {row for row, (w, _) in ours.items() if abs(w / 1024 - PAPER_PARAMS_K[row]) <= 1}
    ops_ok = {row for row, (_, m) in ours.items() if abs(m / 1e6 - PAPER_OPS_M[row]) < 1}
    assert params_ok == PARAMS_WITHIN_ROUNDING
    assert ops_ok == set(PAPER_OPS_M) - {"conv1", "inception5a"}


def test_table1_rows_that_do_not_match_are_the_papers_own_inconsistencies():
    ours = table1_measurements()
    positions = {"conv1": 112 * 112, "inception4a": 14 * 14, "inception4c": 14 * 14, "inception4d": 14 * 14,
                 "inception4e": 14 * 14, "inception5a": 7 * 7, "inception5b": 7 * 7}

    def paper_ops_per_position_k(row):
        return PAPER_OPS_M[row] * 1e6 / positions[row] / 1024

    # 4a: our ops match; the paper's 364K is its truncated 73M divided by the 196 positions.
    assert abs(paper_ops_per_position_k("inception4a") - 364) < 0.5 and ours["inception4a"][0] / 1024 == 366.75
    # 4c, 4d, 4e, 5b: our ops match the "ops" column, which disagrees with the paper's own
    # "params" column by more than 1%.
    for row in ("inception4c", "inception4d", "inception4e", "inception5b"):
        assert abs(ours[row][1] / 1e6 - PAPER_OPS_M[row]) < 1
        assert abs(paper_ops_per_position_k(row) / PAPER_PARAMS_K[row] - 1) > 0.008
    # 5a: the paper's two columns agree with each other (within 1%) but are about 5% above the
    # count from the channel numbers the table lists for 5a (256 + 320 + 128 + 128 = 832 outputs,
    # as its output-size column says).
    assert abs(paper_ops_per_position_k("inception5a") / PAPER_PARAMS_K["inception5a"] - 1) < 0.01
    assert 1.05 < PAPER_PARAMS_K["inception5a"] * 1024 / ours["inception5a"][0] < 1.06
    assert TABLE1["5a"].out_channels == 832
    # conv1: 7·7·3·64 = 9,408 weights, not 2.7K (BVLC/caffe#3067 asks the same); the paper's
    # 34M ops is its 2.7K times the 112·112 positions.
    assert ours["conv1"][0] == 7 * 7 * 3 * 64 == 9408
    assert abs(paper_ops_per_position_k("conv1") / PAPER_PARAMS_K["conv1"] - 1) < 0.03


# --------------------------------------------------------------------------- input checks


def test_torchvision_model_smallest_input_is_15():
    model = meta(googlenet, num_classes=5).eval()
    assert model.input_spec.min_size == (15, 15) and model.input_spec.max_size is None
    assert model(torch.zeros(1, 3, 15, 15, device="meta")).shape == (1, 5)
    with pytest.raises(ValueError, match=r"googlenet expects 3 input channels and inputs of at least 15×15; got shape \(1, 3, 14, 15\)"):
        model(torch.zeros(1, 3, 14, 15, device="meta"))
    with pytest.raises(ValueError, match=r"got shape \(1, 3, 15, 14\)"):
        model(torch.zeros(1, 3, 15, 14, device="meta"))
    with pytest.raises(RuntimeError, match="Output size is too small"):
        unchecked(model, torch.zeros(1, 3, 14, 14, device="meta"))
    with pytest.raises(RuntimeError, match="Output size is too small"):  # the same on real tensors
        model.maxpool3(torch.zeros(1, 480, 1, 1))


@pytest.mark.parametrize(("size", "ok"), [(222, False), (223, True), (254, True), (255, False)])
def test_paper_model_accepts_223_to_254(size, ok):
    model = meta(googlenet_paper).eval()
    assert model.input_spec.min_size == (223, 223) and model.input_spec.max_size == (254, 254)
    x = torch.zeros(1, 3, size, size, device="meta")
    if ok:
        assert model(x).shape == (1, 1000)
        assert model.train()(torch.zeros(2, 3, size, size, device="meta")).aux_logits1.shape == (2, 1000)
        return
    with pytest.raises(ValueError, match=r"googlenet_paper expects 3 input channels and inputs between 223×223 and 254×254"):
        model(x)
    with pytest.raises(RuntimeError):  # PyTorch alone: the 7×7 pool or the linear layer fails
        unchecked(model, x)


def test_wrong_channels_and_dimensions_are_named():
    model = meta(googlenet)
    with pytest.raises(ValueError, match=r"googlenet expects 3 input channels.*got shape \(1, 1, 224, 224\)"):
        model(torch.zeros(1, 1, 224, 224, device="meta"))
    with pytest.raises(ValueError, match=r"as a 4-D batch \(N, C, H, W\); got shape \(3, 224, 224\)"):
        model(torch.zeros(3, 224, 224, device="meta"))
    assert meta(googlenet_paper, in_channels=1, num_classes=10).eval()(torch.zeros(1, 1, 224, 224, device="meta")).shape == (1, 10)
    with pytest.raises(ValueError, match=r"num_classes must be a positive int \(at least 1\), got 0"):
        googlenet(num_classes=0)


def test_registered_names():
    assert {"googlenet", "googlenet_paper"} <= set(list_models())
    assert type(meta(get_model, name="googlenet")).__name__ == "GoogLeNet"
    assert type(meta(get_model, name="googlenet_paper", aux_logits=False)).__name__ == "GoogLeNetPaper"
