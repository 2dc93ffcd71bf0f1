import math

import pytest
import torch
from torch import nn

from cnnref.models import get_model, lenet5_paper, lenet5_tutorial, model_info
from cnnref.models.lenet import (
    C3_TABLE, EuclideanRBF, PartiallyConnectedConv2d, ScaledTanh, Subsampling, rbf_prototypes,
)
from cnnref.shapes import avg_pool_output_size, conv_output_size, pool_output_size

# LeCun et al. 1998, Section II.B: trainable parameters and connections per layer.
PAPER_PARAMETERS = {"c1": 156, "s2": 12, "c3": 1_516, "s4": 32, "c5": 48_120, "f6": 10_164}
PAPER_CONNECTIONS = {"c1": 122_304, "s2": 5_880, "c3": 151_600, "s4": 2_000, "c5": 48_120, "f6": 10_164}

# Table I as the paper prints it: one row per S2 map, one column per C3 map, X = connected.
PAPER_TABLE_I = (
    "X   XXX  XXXX XX",
    "XX   XXX  XXXX X",
    "XXX   XXX  X XXX",
    " XXX  XXXX  X XX",
    "  XXX  XXXX XX X",
    "   XXX  XXXX XXX",
)


def test_trainable_parameters_per_layer_match_the_paper():
    model = lenet5_paper()
    counts = {name: sum(p.numel() for p in getattr(model, name).parameters()) for name in PAPER_PARAMETERS}
    assert counts == PAPER_PARAMETERS


def test_trainable_total_is_exactly_60000_and_the_prototypes_are_not_trainable():
    model = lenet5_paper()
    assert sum(p.numel() for p in model.parameters() if p.requires_grad) == 60_000
    assert sum(PAPER_PARAMETERS.values()) == 60_000
    assert all(p.requires_grad for p in model.parameters())
    assert [name for name, _ in model.named_buffers()] == ["output.prototypes"]
    assert "output.prototypes" not in dict(model.named_parameters())
    assert not model.output.prototypes.requires_grad
    # Training leaves them alone: a step of SGD changes every parameter but not the prototypes.
    before = model.output.prototypes.clone()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    model(torch.randn(2, 1, 32, 32)).sum().backward()
    optimizer.step()
    assert torch.equal(model.output.prototypes, before)


def test_connections_per_layer_match_the_paper():
    """Connections = output units × (inputs per unit + 1 bias); with shared weights a
    convolution's connections are its parameters × output positions."""
    model = lenet5_paper()
    shapes = {}
    hooks = [getattr(model, n).register_forward_hook(lambda m, i, o, n=n: shapes.__setitem__(n, o.shape))
             for n in PAPER_CONNECTIONS]
    model(torch.zeros(1, 1, 32, 32))
    for hook in hooks:
        hook.remove()
    positions = {n: math.prod(s[2:]) for n, s in shapes.items()}
    connections = {n: PAPER_PARAMETERS[n] * positions[n] for n in ("c1", "c3", "c5", "f6")}
    connections |= {n: shapes[n][1] * positions[n] * (2 * 2 + 1) for n in ("s2", "s4")}
    assert connections == PAPER_CONNECTIONS
    assert sum(connections.values()) + model.output.prototypes.numel() == 340_908


def test_c3_table_is_table_I_of_the_paper():
    from_paper = tuple(
        tuple(row for row in range(6) if PAPER_TABLE_I[row][column] == "X") for column in range(16)
    )
    assert C3_TABLE == from_paper
    # The paper's description: 3 contiguous (cyclically), 4 contiguous, 4 discontinuous, all 6.
    contiguous = lambda n: {tuple(sorted((s + k) % 6 for k in range(n))) for s in range(6)}
    assert set(C3_TABLE[0:6]) == contiguous(3) and set(C3_TABLE[6:12]) == contiguous(4)
    assert all(len(t) == 4 and t not in contiguous(4) for t in C3_TABLE[12:15])
    assert C3_TABLE[15] == tuple(range(6))


def test_each_c3_map_depends_on_exactly_its_table_inputs():
    c3 = lenet5_paper().c3
    s2 = torch.randn(1, 6, 14, 14, requires_grad=True)
    out = c3(s2)
    for i, inputs in enumerate(C3_TABLE):
        (grad,) = torch.autograd.grad(out[0, i].sum(), s2, retain_graph=True)
        seen = tuple(k for k in range(6) if grad[0, k].abs().sum() > 0)
        assert seen == inputs, f"C3 map {i}"
        assert c3.maps[i].weight.shape == (1, len(inputs), 5, 5)


def test_partially_connected_conv_rejects_bad_tables_and_inputs():
    with pytest.raises(ValueError, match="distinct non-negative input maps"):
        PartiallyConnectedConv2d(((0, 0),), kernel_size=3)
    with pytest.raises(ValueError, match="distinct non-negative input maps"):
        PartiallyConnectedConv2d(((),), kernel_size=3)
    with pytest.raises(ValueError, match=r"expects \(N, 6, H, W\); got shape \(1, 5, 14, 14\)"):
        PartiallyConnectedConv2d(C3_TABLE, kernel_size=5)(torch.zeros(1, 5, 14, 14))


def test_squashing_function_constants():
    f = ScaledTanh()
    assert (f.A, f.S) == (1.7159, 2 / 3)
    ones = f(torch.tensor([1.0, -1.0], dtype=torch.float64))
    # A = 1.7159 is chosen so that f(±1) = ±1; the rounding of A leaves 2.7e-6.
    assert torch.allclose(ones, torch.tensor([1.0, -1.0], dtype=torch.float64), rtol=0, atol=3e-6)
    assert abs(ones[0].item() - 1) > 1e-6  # not exact: A is rounded to four decimals
    big = f(torch.tensor([-100.0, 100.0]))
    assert torch.allclose(big, torch.tensor([-1.7159, 1.7159]))  # the asymptotes ±A


def test_subsampling_is_a_scaled_window_sum_plus_bias():
    s2 = Subsampling(6)
    x = torch.randn(2, 6, 28, 28)
    window_sum = x.unfold(2, 2, 2).unfold(3, 2, 2).sum(dim=(-1, -2))
    expected = window_sum * s2.weight.view(1, 6, 1, 1) + s2.bias.view(1, 6, 1, 1)
    assert torch.allclose(s2(x), expected, atol=1e-6)


def test_rbf_prototypes_are_a_fixed_plus_minus_one_code():
    w = rbf_prototypes(10)
    assert w.shape == (10, 84) and set(w.unique().tolist()) == {-1.0, 1.0}
    assert torch.equal(w, rbf_prototypes(10))  # deterministic, no random numbers
    assert torch.equal(rbf_prototypes(128)[:10], w)  # rows do not depend on the class count
    differing = (w.unsqueeze(0) != w.unsqueeze(1)).sum(-1)
    off_diagonal = differing[~torch.eye(10, dtype=torch.bool)]
    assert off_diagonal.min() == 40 and off_diagonal.max() == 42
    assert len({tuple(r) for r in rbf_prototypes(128).tolist()}) == 128


@pytest.mark.parametrize("bad, error", [(0, ValueError), (129, ValueError), (2.0, TypeError), (True, ValueError)])
def test_rbf_prototypes_reject_bad_class_counts(bad, error):
    with pytest.raises(error, match="num_classes must be"):
        rbf_prototypes(bad)
    with pytest.raises(error, match="num_classes must be"):
        lenet5_paper(num_classes=bad)


def test_rbf_output_is_the_squared_distance_and_logits_its_negative():
    model = lenet5_paper()
    x = torch.randn(3, 1, 32, 32)
    distances = model(x)
    f6 = torch.nn.Sequential(model.c1, model.squash, model.s2, model.squash, model.c3, model.squash, model.s4,
                             model.squash, model.c5, model.squash, nn.Flatten(), model.f6, model.squash)(x)
    assert torch.allclose(distances, torch.cdist(f6, model.output.prototypes) ** 2, atol=1e-4)
    assert (distances >= 0).all()
    assert torch.equal(model.logits(x), -distances)
    assert torch.equal(model.logits(x).argmax(1), distances.argmin(1))
    rbf = EuclideanRBF(rbf_prototypes(10))
    assert rbf(rbf_prototypes(10)).diagonal().eq(0).all()


def test_forward_shapes_at_the_documented_input_size():
    assert model_info("lenet5_paper").input_size == model_info("lenet5_tutorial").input_size == (1, 32, 32)
    assert lenet5_paper(num_classes=26)(torch.zeros(2, 1, 32, 32)).shape == (2, 26)
    assert lenet5_tutorial(num_classes=26)(torch.zeros(2, 1, 32, 32)).shape == (2, 26)
    assert get_model("lenet5_tutorial", in_channels=3)(torch.zeros(1, 3, 32, 32)).shape == (1, 10)


def test_32_is_derived_from_the_shape_arithmetic():
    def paper(size):  # C1, S2, C3, S4, C5
        for step in ("conv", "pool", "conv", "pool", "conv"):
            size = conv_output_size(size, 5) if step == "conv" else avg_pool_output_size(size, 2)
        return size

    def modern(size):  # conv1, pool, conv2, pool
        for step in ("conv", "pool", "conv", "pool"):
            size = conv_output_size(size, 5) if step == "conv" else pool_output_size(size, 2)
        return size

    assert paper(32) == 1 and modern(32) == 5
    with pytest.raises(ValueError):
        paper(31)
    assert modern(31) == 4
    # 33 to 35 give the same sizes: floor pooling drops the last row and column.
    assert [paper(n) for n in (33, 34, 35, 36)] == [1, 1, 1, 2]
    assert [modern(n) for n in (33, 34, 35, 36)] == [5, 5, 5, 6]


@pytest.mark.parametrize("build, name", [(lenet5_paper, "lenet5_paper"), (lenet5_tutorial, "lenet5_tutorial")])
def test_inputs_must_be_exactly_32(build, name, monkeypatch):
    model = build()
    assert model(torch.zeros(1, 1, 32, 32)).shape == (1, 10)
    for size in (31, 33):
        with pytest.raises(ValueError, match=rf"{name} expects 1 input channel and inputs of exactly 32×32; "
                                             rf"got shape \(1, 1, {size}, {size}\)"):
            model(torch.zeros(1, 1, size, size))
    with pytest.raises(ValueError, match=rf"{name} expects 1 input channel.*got shape \(1, 3, 32, 32\)"):
        model(torch.zeros(1, 3, 32, 32))
    # Without the check, PyTorch fails with a cryptic message at 31 and silently runs at 33.
    monkeypatch.setattr(model, "check_input", lambda x: None)
    with pytest.raises(RuntimeError):
        model(torch.zeros(1, 1, 31, 31))
    assert model(torch.zeros(1, 1, 33, 33)).shape == (1, 10)


def test_modern_lenet_has_the_tutorials_state_dict_and_parameter_counts():
    keys = [f"{layer}.{p}" for layer in ("conv1", "conv2", "fc1", "fc2", "fc3") for p in ("weight", "bias")]
    assert list(lenet5_tutorial().state_dict()) == keys
    assert sum(p.numel() for p in lenet5_tutorial().parameters()) == 61_706
    assert sum(p.numel() for p in lenet5_tutorial(in_channels=3).parameters()) == 62_006  # the CIFAR-10 tutorial


@pytest.mark.parametrize("build", [lenet5_paper, lenet5_tutorial])
@pytest.mark.parametrize("kwargs, error", [({"in_channels": 0}, ValueError), ({"num_classes": "10"}, TypeError)])
def test_builders_reject_bad_arguments(build, kwargs, error):
    with pytest.raises(error, match="must be"):
        build(**kwargs)
