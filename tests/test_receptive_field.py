"""cnnref.receptive_field against experiments on real stacks: which input positions can change
one output position (impulses), and where its gradient is non-zero."""

from __future__ import annotations

import pytest
import torch
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from torch import nn

from cnnref.receptive_field import POINTWISE_LAYERS, ReceptiveField, receptive_field
from cnnref.shapes import conv_output_size, pool_output_size


def positive_stack(layers: list[nn.Module]) -> nn.Sequential:
    """Every weight positive, no bias, eval mode: every path from an input position to an output
    position adds a positive amount, so nothing cancels and no ReLU dies. Weights are divided by
    the number of taps so that values stay near 1 and a sigmoid does not saturate."""
    stack = nn.Sequential(*layers).double().eval()
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for layer in stack:
            if isinstance(layer, nn.Conv2d):
                weight = torch.rand(layer.weight.shape, generator=generator, dtype=torch.float64) + 0.5
                layer.weight.copy_(weight / layer.weight[0].numel())
    return stack


def impulse_response(stack: nn.Sequential, height: int, width: int, row: int, col: int) -> set[tuple[int, int]]:
    """Input positions whose impulse changes output position (row, col): one forward pass over a
    batch of H*W images, each 0 except a 1 at one position."""
    impulses = torch.eye(height * width, dtype=torch.float64).reshape(height * width, 1, height, width)
    with torch.no_grad():
        response = stack(impulses)[:, 0, row, col]
    assert (response >= 0).all()
    return {divmod(i, width) for i in response.nonzero().flatten().tolist()}


def gradient_support(stack: nn.Sequential, height: int, width: int, row: int, col: int) -> set[tuple[int, int]]:
    x = torch.rand(1, 1, height, width, dtype=torch.float64, requires_grad=True)
    stack(x)[0, 0, row, col].backward()
    return {tuple(p) for p in x.grad[0, 0].nonzero().tolist()}


def window_inside(field: ReceptiveField, row: int, col: int, height: int, width: int) -> set[tuple[int, int]]:
    rows, cols = field.window(row, col)
    return {(r, c) for r in rows for c in cols if 0 <= r < height and 0 <= c < width}


# --------------------------------------------------------------------------- known values


def test_two_3x3_convolutions_see_what_one_5x5_sees():
    """VGG (Simonyan & Zisserman 2015, Sec. 2.3): two stacked 3x3 layers have a 5x5 receptive
    field, three have 7x7."""
    assert receptive_field([(3,), (3,)]) == receptive_field([(5,)]) == ReceptiveField((5, 5), (1, 1), (0, 0))
    assert receptive_field([(3,)] * 3).size == (7, 7)
    stack = positive_stack([nn.Conv2d(1, 1, 3, bias=False), nn.ReLU(), nn.Conv2d(1, 1, 3, bias=False)])
    for row, col in [(0, 0), (2, 3)]:
        expected = {(r, c) for r in range(row, row + 5) for c in range(col, col + 5)}
        assert gradient_support(stack, 9, 9, row, col) == expected
        assert impulse_response(stack, 9, 9, row, col) == expected


def test_gradient_support_is_the_window_in_a_padded_strided_stack():
    layers = [
        nn.Conv2d(1, 1, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(1), nn.ReLU(),
        nn.AvgPool2d(2, stride=2, padding=1),
        nn.Conv2d(1, 1, (3, 5), padding=(1, 2), bias=False), nn.Sigmoid(),
    ]
    field = receptive_field(layers)
    assert field == ReceptiveField(size=(13, 21), jump=(4, 4), start=(-7, -11))
    stack = positive_stack(layers)
    out_h, out_w = stack(torch.zeros(1, 1, 17, 23, dtype=torch.float64)).shape[2:]
    for row, col in [(0, 0), (1, 2), (out_h - 1, out_w - 1)]:
        assert gradient_support(stack, 17, 23, row, col) == window_inside(field, row, col, 17, 23)


def test_dilation_leaves_holes_inside_the_window():
    field = receptive_field([(3, 1, 0, 2)])
    assert field.size == (5, 5)
    stack = positive_stack([nn.Conv2d(1, 1, 3, dilation=2, bias=False)])
    seen = impulse_response(stack, 7, 7, 0, 0)
    assert seen == {(r, c) for r in (0, 2, 4) for c in (0, 2, 4)}
    assert seen < window_inside(field, 0, 0, 7, 7)


def test_module_kinds_and_specs_agree():
    conv = nn.Conv2d(3, 8, kernel_size=(3, 5), stride=(1, 2), padding=(1, 2), dilation=(2, 1))
    assert receptive_field(conv) == receptive_field([((3, 5), (1, 2), (1, 2), (2, 1))])
    assert receptive_field(nn.MaxPool2d(3)) == receptive_field([(3, 3)])  # pooling stride defaults to kernel
    assert receptive_field(nn.AvgPool2d(2, 1, 1)) == receptive_field([(2, 1, 1)])
    nested = nn.Sequential(nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU()), nn.MaxPool2d(2))
    assert receptive_field(nested) == receptive_field([(3,), (2, 2)]) == ReceptiveField((4, 4), (2, 2), (0, 0))
    # padding="same" with an even kernel pads 1 before and 2 after: start is -1.
    assert receptive_field(nn.Conv2d(1, 1, 4, padding="same")) == ReceptiveField((4, 4), (1, 1), (-1, -1))
    assert receptive_field(nn.Conv2d(1, 1, 4, padding="valid")).start == (0, 0)
    assert receptive_field([]) == ReceptiveField((1, 1), (1, 1), (0, 0))
    assert receptive_field([nn.ReLU(), nn.Identity(), nn.BatchNorm2d(3), nn.Dropout()]).size == (1, 1)
    assert nn.BatchNorm2d in POINTWISE_LAYERS


@pytest.mark.parametrize(
    ("layers", "error", "words"),
    [
        ([nn.Linear(4, 4)], TypeError, "cannot compute the receptive field through Linear"),
        ([nn.AdaptiveAvgPool2d(1)], TypeError, "allowed: nested nn.Sequential"),
        ([nn.ConvTranspose2d(1, 1, 3)], TypeError, "cannot compute"),
        ([(3, 1, 0, 1, 9)], TypeError, "tuples"),
        ([(0,)], ValueError, "kernel_size must be positive"),
        ([(3, 0)], ValueError, "stride must be positive"),
        ([(3, 1, -1)], ValueError, "padding must be non-negative"),
        ([(3, 2, "same")], ValueError, "not supported for strided convolutions"),
        ([(3.0,)], TypeError, "kernel_size must be an int"),
        (5, TypeError, "layers must be"),
    ],
)
def test_bad_layers_are_rejected(layers, error, words):
    with pytest.raises(error, match=words):
        receptive_field(layers)


# --------------------------------------------------------------------------- random stacks


@st.composite
def stacks(draw):
    """A random stack of 1-3 conv / max-pool / avg-pool layers (with pointwise layers between), the
    input size, and whether every layer keeps the field free of holes."""
    layers, specs = [], []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["conv", "max", "avg"]))
        k = draw(st.tuples(st.integers(1, 4), st.integers(1, 4)))
        s = draw(st.tuples(st.integers(1, 3), st.integers(1, 3)))
        d = draw(st.tuples(st.integers(1, 2), st.integers(1, 2))) if kind != "avg" else (1, 1)
        p = tuple(draw(st.integers(0, k_ // 2)) for k_ in k)
        ceil = draw(st.booleans())
        if kind == "conv":
            layers.append(nn.Conv2d(1, 1, k, s, p, d, bias=False))
        elif kind == "max":
            layers.append(nn.MaxPool2d(k, s, p, d, ceil_mode=ceil))
        else:
            layers.append(nn.AvgPool2d(k, s, p, ceil_mode=ceil, count_include_pad=draw(st.booleans())))
        specs.append((k, s, p, d, kind, ceil))
        layers.append(draw(st.sampled_from([nn.ReLU, nn.Identity, nn.Tanh]))())
    return layers, specs, draw(st.integers(6, 16)), draw(st.integers(6, 16))


def output_size(specs, height, width):
    size = (height, width)
    for k, s, p, d, kind, ceil in specs:
        size = conv_output_size(size, k, s, p, d) if kind == "conv" else pool_output_size(size, k, s, p, d, ceil)
    return size


def free_of_holes(specs) -> bool:
    """Sufficient: at each layer the taps' fields, d * jump apart, touch or overlap."""
    for dim in (0, 1):
        size, jump = 1, 1
        for k, s, p, d, *_ in specs:
            if k[dim] > 1 and d[dim] * jump > size:
                return False
            size, jump = size + d[dim] * (k[dim] - 1) * jump, jump * s[dim]
    return True


@settings(max_examples=120, deadline=None, derandomize=True)
@given(stacks(), st.data())
def test_window_bounds_the_impulse_response_of_random_stacks(stack_and_size, data):
    layers, specs, height, width = stack_and_size
    try:
        out_h, out_w = output_size(specs, height, width)
    except ValueError:
        assume(False)
    row, col = data.draw(st.integers(0, out_h - 1)), data.draw(st.integers(0, out_w - 1))
    field = receptive_field(layers)
    seen = impulse_response(positive_stack(layers), height, width, row, col)
    inside = window_inside(field, row, col, height, width)
    assert seen <= inside
    rows, cols = field.window(row, col)
    if rows.start >= 0 and cols.start >= 0 and rows.stop <= height and cols.stop <= width:
        # No path runs through the padding of any layer: the window's corners are all seen,
        # and without holes the whole window is.
        event("window inside the input")
        corners = {(r, c) for r in (rows.start, rows.stop - 1) for c in (cols.start, cols.stop - 1)}
        assert corners <= seen
        if free_of_holes(specs):
            event("window inside the input, free of holes")
            assert seen == inside
    else:
        # Near the border some inputs reach the output only through another layer's padding,
        # which is constant: they do not count, so the response may be smaller than the window.
        event("window reaches into the padding")
