"""The cost formulas agree with real layers: parameters with numel(), MACs with
torch.utils.flop_counter (2 FLOPs per multiply-add)."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnref.cost import ConvCost, conv2d_cost


def measured(layers: nn.Module, input_size: tuple[int, ...]) -> tuple[int, int, torch.Size]:
    """(parameters, FLOPs, output shape) of a forward pass on the meta device."""
    with torch.device("meta"):
        x = torch.empty(input_size)
    with FlopCounterMode(display=False) as counter:
        y = layers(x)
    return sum(p.numel() for p in layers.parameters()), counter.get_total_flops(), y.shape


@settings(max_examples=120, deadline=None, derandomize=True)
@given(
    groups=st.integers(1, 4),
    in_per_group=st.integers(1, 4),
    out_per_group=st.integers(1, 4),
    kernel=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    stride=st.integers(1, 3),
    size=st.tuples(st.integers(5, 16), st.integers(5, 16)),
    bias=st.booleans(),
)
def test_formula_equals_the_flop_counter(groups, in_per_group, out_per_group, kernel, stride, size, bias):
    c_in, c_out = groups * in_per_group, groups * out_per_group
    with torch.device("meta"):
        conv = nn.Conv2d(c_in, c_out, kernel, stride=stride, groups=groups, bias=bias)
    parameters, flops, out_shape = measured(conv, (1, c_in, *size))
    cost = conv2d_cost(c_in, c_out, kernel, tuple(out_shape[-2:]), groups=groups, bias=bias)
    assert cost == ConvCost(parameters, flops // 2)
    assert cost.flops == flops


def test_googlenet_inception_3a_5x5_branch():
    """Szegedy et al. 2015, Table 1, inception (3a): 28×28×192 in, '#5×5 reduce' 16, '#5×5' 32."""
    direct = conv2d_cost(192, 32, kernel_size=5, output_size=28)
    reduce = conv2d_cost(192, 16, kernel_size=1, output_size=28)
    then_5x5 = conv2d_cost(16, 32, kernel_size=5, output_size=28)
    assert direct == ConvCost(parameters=153_632, macs=120_422_400)
    assert reduce == ConvCost(parameters=3_088, macs=2_408_448)
    assert then_5x5 == ConvCost(parameters=12_832, macs=10_035_200)
    assert reduce + then_5x5 == ConvCost(parameters=15_920, macs=12_443_648)

    with torch.device("meta"):
        direct_layer = nn.Conv2d(192, 32, kernel_size=5, padding=2)
        bottleneck = nn.Sequential(
            nn.Conv2d(192, 16, kernel_size=1), nn.ReLU(), nn.Conv2d(16, 32, kernel_size=5, padding=2), nn.ReLU()
        )
    for layers, cost in ((direct_layer, direct), (bottleneck, reduce + then_5x5)):
        parameters, flops, out_shape = measured(layers, (1, 192, 28, 28))
        assert out_shape == (1, 32, 28, 28)
        assert (parameters, flops) == (cost.parameters, cost.flops)


def test_adding_a_non_cost_is_a_type_error():
    with pytest.raises(TypeError):
        ConvCost(1, 2) + 3


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"in_channels": 0}, ValueError, "in_channels must be positive"),
        ({"out_channels": -3}, ValueError, "out_channels must be positive"),
        ({"in_channels": 4.0}, TypeError, "in_channels must be an int"),
        ({"groups": 3}, ValueError, "groups=3 must divide both in_channels=4 and out_channels=8"),
        ({"groups": 0}, ValueError, "groups must be positive"),
        ({"bias": 1}, TypeError, "bias must be True or False"),
        ({"kernel_size": (3, 3, 3)}, ValueError, "kernel_size has 3 entries"),
        ({"kernel_size": 0}, ValueError, "kernel_size must be positive"),
        ({"output_size": (7, 0)}, ValueError, r"output_size\[1\] must be positive"),
        ({"output_size": "7"}, TypeError, "output_size must be an int"),
    ],
)
def test_bad_input_gets_a_clear_error(kwargs, error, message):
    arguments = {"in_channels": 4, "out_channels": 8, "kernel_size": 3, "output_size": 7} | kwargs
    with pytest.raises(error, match=message):
        conv2d_cost(**arguments)
