"""Every registered model, the same checks (as timm's tests/test_models.py does): the
registry's facts, the output shape, the input sizes at their boundaries (derived from the
layers, not restated), the argument checks, fx tracing, torch.export and torch.compile."""

import inspect
import re

import pytest
import torch
from torch import nn

from cnnref.models import SOURCES, Figure, get_model, list_models, model_info
from cnnref.models._registry import Paper
from tests.models.conftest import meta

NAMES = list_models()


def test_names_follow_the_naming_rule():
    """Bare names are torchvision's; ``_paper`` and ``_tutorial`` say where the others come from."""
    for name in NAMES:
        suffix = re.search(r"_(paper|tutorial)$", name)
        assert model_info(name).source == (suffix.group(1) if suffix else "torchvision"), name
        assert model_info(name).builder.__name__ == name


def test_list_models_filters_by_pattern_and_source_in_natural_order():
    assert list_models("resnet*", source="torchvision") == ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"]
    assert list_models("resnet1*_paper") == ["resnet18_paper", "resnet101_paper", "resnet110_paper", "resnet152_paper"]
    assert list_models(source="tutorial") == ["lenet5_tutorial"]
    assert sorted(list_models(source="paper") + list_models(source="torchvision") + list_models(source="tutorial")) == sorted(NAMES)
    assert list_models("no_such*") == []
    with pytest.raises(ValueError, match="source must be one of paper, torchvision, tutorial; got 'timm'"):
        list_models(source="timm")
    with pytest.raises(TypeError, match="pattern must be a str"):
        list_models(3)


def test_unknown_name_gives_close_matches_only():
    with pytest.raises(ValueError, match=r"^unknown model 'alexnett'; did you mean 'alexnet' or 'alexnet_paper'\? \(list_models"):
        get_model("alexnett")
    with pytest.raises(ValueError) as error:
        get_model("transformer")
    assert str(error.value) == "unknown model 'transformer'; (list_models() gives every name)"
    with pytest.raises(TypeError, match="a model name is a str, got int"):
        get_model(3)


@pytest.mark.parametrize("name", NAMES)
def test_registry_entry_is_complete(name):
    info = model_info(name)
    assert info.title and isinstance(info.paper, Paper) and info.source in SOURCES
    assert re.match(r"https://(arxiv\.org/abs/|doi\.org/|papers\.nips\.cc/)", info.paper.url)
    assert all(isinstance(f, Figure) and f.source for f in info.figures)
    if info.source == "torchvision":  # the four figures of torchvision's weights metadata
        assert [f.metric for f in info.figures] == ["params", "gmacs", "acc@1", "acc@5"]
    c, h, w = info.input_size
    assert info.min_size <= (h, w) and (info.max_size is None or (h, w) <= info.max_size)


@pytest.mark.parametrize("name", NAMES)
def test_builder_is_keyword_only_and_passes_everything_to_the_class(name):
    parameters = inspect.signature(model_info(name).builder).parameters.values()
    assert [p.kind for p in parameters] == [inspect.Parameter.VAR_KEYWORD]
    with pytest.raises(TypeError, match="no_such_argument"):
        meta(name, no_such_argument=1)


@pytest.mark.parametrize("name", NAMES)
def test_bad_sizes_are_refused_naming_the_argument(name):
    for argument in ("num_classes", "in_channels"):
        for bad, error in ((0, ValueError), (-3, ValueError), (True, ValueError), ("3", TypeError), (2.5, TypeError)):
            with pytest.raises(error, match=rf"^{argument} must be"):
                meta(name, **{argument: bad})


def model_and_input(name: str, size: tuple[int, int] | None = None, **kwargs) -> tuple[nn.Module, torch.Tensor]:
    info = model_info(name)
    model = meta(name, num_classes=7, **kwargs).eval()
    h, w = size or info.input_size[1:]
    return model, torch.zeros(2, info.input_size[0], h, w, device="meta")


@pytest.mark.parametrize("name", NAMES)
def test_output_shape_and_input_errors(name):
    model, x = model_and_input(name)
    assert model(x).shape == (2, 7)
    with pytest.raises(TypeError, match=rf"^{name} expects .* as a tensor \(N, C, H, W\); got ndarray"):
        model(x.cpu().numpy() if x.device.type == "cpu" else torch.zeros(1).numpy())
    with pytest.raises(ValueError, match=rf"^{name} expects .* as a 4-D batch"):
        model(x[0])
    wrong_channels = torch.zeros(2, x.shape[1] + 1, *x.shape[2:], device="meta")
    with pytest.raises(ValueError, match=rf"^{name} expects {x.shape[1]} input channels?"):
        model(wrong_channels)


def unchecked(model: nn.Module) -> nn.Module:
    """The same model without its input check: what PyTorch alone does with an input."""
    model.check_input = lambda x: None
    return model


@pytest.mark.parametrize("name", NAMES)
def test_size_boundaries_are_the_layers_own(name):
    """min and max run; one pixel outside fails with our error, and without the check PyTorch
    itself fails there too - so the bounds are derived from the layers, not chosen. (LeNet is
    the one exception above: 33 to 35 would run, silently dropping border pixels.)"""
    info = model_info(name)
    (lo, _), hi = info.min_size, info.max_size
    for size in [lo] + ([hi[0]] if hi else [4 * lo + 64]):
        model, x = model_and_input(name, (size, size))
        assert model(x).shape == (2, 7)
    outside = [lo - 1] + ([hi[0] + 1] if hi else [])
    for size in (s for s in outside if s > 0):
        model, x = model_and_input(name, (size, size))
        with pytest.raises(ValueError, match=rf"^{name} expects .*{info.min_size[0]}×{info.min_size[1]}"):
            model(x)
        if name.startswith("lenet5") and size > lo:
            assert unchecked(model)(x).shape == (2, 7)
            continue
        with pytest.raises(RuntimeError):
            unchecked(model)(x)


@pytest.mark.parametrize("name", NAMES)
def test_fx_symbolic_trace(name):
    model, x = model_and_input(name)
    assert torch.fx.symbolic_trace(model)(x).shape == (2, 7)


@pytest.mark.parametrize("name", ["lenet5_paper", "lenet5_tutorial", "resnet20_paper", "googlenet"])
def test_traced_graph_computes_what_the_model_computes(name):
    torch.manual_seed(0)
    model = get_model(name, num_classes=7).eval()
    x = torch.randn(1, model_info(name).input_size[0], 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(torch.fx.symbolic_trace(model)(x), model(x))


@pytest.mark.parametrize("name", NAMES)
def test_torch_export(name):
    model, x = model_and_input(name)
    program = torch.export.export(model, (x,), strict=False)
    assert program.module()(x).shape == (2, 7)


def test_torch_compile_runs_and_keeps_the_input_check():
    """One small model through Dynamo and AOTAutograd (``aot_eager``); the default inductor
    backend compiles C++ for about 30 s on a 2-core machine, the same graph."""
    torch.manual_seed(0)
    model = get_model("lenet5_tutorial").eval()
    compiled = torch.compile(model, backend="aot_eager")
    x = torch.randn(2, 1, 32, 32)
    torch.testing.assert_close(compiled(x), model(x))
    with pytest.raises(ValueError, match="lenet5_tutorial expects 1 input channel and inputs of exactly 32×32"):
        compiled(torch.randn(2, 1, 31, 31))


@pytest.mark.parametrize("name", list_models(source="torchvision"))
def test_torchvision_figures_hold_for_our_models(name):
    """The parameters and GMACs torchvision publishes (its "GFLOPS" column counts multiply-adds)
    are what cnnref's model has and does at the design size."""
    from cnnref.analysis import complexity

    info = model_info(name)
    kwargs = {"aux_logits": False} if name == "googlenet" else {}
    c = complexity(meta(name, **kwargs), (1, *info.input_size))
    assert c.parameters == info.figure("params").value
    assert round(c.macs / 1e9, 3) == info.figure("gmacs").value


@pytest.mark.parametrize("name", NAMES)
def test_flags_and_dropout_rates_are_checked(name):
    """Every boolean argument and dropout rate of the model's class, from its signature."""
    model_class = inspect.signature(inspect.unwrap(model_info(name).builder), eval_str=True).return_annotation
    for parameter in inspect.signature(model_class).parameters.values():
        if parameter.annotation in (bool, "bool"):
            with pytest.raises(TypeError, match=rf"^{parameter.name} must be True or False"):
                meta(name, **{parameter.name: "yes"})
        elif parameter.name.startswith("dropout"):
            with pytest.raises(ValueError, match=rf"^{parameter.name} must be between 0 and 1"):
                meta(name, **{parameter.name: 1.5})
            with pytest.raises(TypeError, match=rf"^{parameter.name} must be a number"):
                meta(name, **{parameter.name: None})
