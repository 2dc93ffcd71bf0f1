"""From-scratch 1×1 convolution equals nn.Conv2d(kernel_size=1); the RGBA → grey layer
equals the per-pixel formula."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnref.scratch.conv1x1 import GREY_WEIGHTS, conv1x1_einsum, conv1x1_loop, grey_by_formula, rgba_to_grey_conv


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    n=st.integers(1, 2),
    c_in=st.integers(1, 5),
    c_out=st.integers(1, 5),
    h=st.integers(1, 4),
    w=st.integers(1, 4),
    bias=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_loop_and_einsum_equal_conv2d(n, c_in, c_out, h, w, bias, seed):
    torch.manual_seed(seed)
    conv = nn.Conv2d(c_in, c_out, kernel_size=1, bias=bias)
    x = torch.randn(n, c_in, h, w)
    expected = conv(x)
    for implementation in (conv1x1_loop, conv1x1_einsum):
        torch.testing.assert_close(implementation(x, conv.weight, conv.bias), expected)


@pytest.mark.parametrize("implementation", [conv1x1_loop, conv1x1_einsum])
def test_unbatched_input_like_conv2d(implementation):
    conv = nn.Conv2d(3, 2, kernel_size=1)
    x = torch.randn(3, 4, 5)
    y = implementation(x, conv.weight, conv.bias)
    assert y.shape == (2, 4, 5)
    torch.testing.assert_close(y, conv(x))


def test_the_loop_follows_the_textbook_view():
    """Output value [i, j, k] of the textbook's [H, W, C_out] map is the dot product of
    kernel k with the C_in values at (i, j)."""
    x = torch.randn(1, 4, 3, 5)
    weight = torch.randn(6, 4, 1, 1)
    y_hwc = conv1x1_loop(x, weight)[0].permute(1, 2, 0)
    x_hwc = x[0].permute(1, 2, 0)
    assert y_hwc.shape == (3, 5, 6)
    torch.testing.assert_close(y_hwc[2, 4, 5], torch.dot(x_hwc[2, 4], weight[5, :, 0, 0]))


def test_rgba_to_grey_matches_the_per_pixel_formula():
    conv = rgba_to_grey_conv()
    assert conv.weight.flatten().tolist() == pytest.approx(list(GREY_WEIGHTS))
    assert conv.bias is None and not conv.weight.requires_grad
    rgba = torch.rand(2, 4, 5, 7)
    grey = conv(rgba)
    assert grey.shape == (2, 1, 5, 7)
    torch.testing.assert_close(grey, grey_by_formula(rgba))
    r, g, b, _ = rgba[1, :, 3, 6].tolist()
    assert grey[1, 0, 3, 6].item() == pytest.approx(0.299 * r + 0.587 * g + 0.114 * b, rel=1e-6)
    # Alpha does not matter; white stays white because the weights sum to one.
    changed = rgba.clone()
    changed[:, 3] = torch.rand(2, 5, 7)
    torch.testing.assert_close(conv(changed), grey)
    assert conv(torch.ones(1, 4, 1, 1)).item() == pytest.approx(1.0)


@pytest.mark.parametrize("implementation", [conv1x1_loop, conv1x1_einsum])
@pytest.mark.parametrize(
    ("x", "weight", "bias", "error", "message"),
    [
        (torch.zeros(3, 4), torch.zeros(2, 3, 1, 1), None, ValueError, "got a 2-D tensor"),
        ("image", torch.zeros(2, 3, 1, 1), None, TypeError, "expected a torch.Tensor"),
        (torch.zeros(1, 3, 4, 4, dtype=torch.int32), torch.zeros(2, 3, 1, 1), None, TypeError, "floating-point"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 3, 3, 3), None, ValueError, r"\(C_out, C_in, 1, 1\), got \(2, 3, 3, 3\)"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 3), None, ValueError, r"\(C_out, C_in, 1, 1\), got \(2, 3\)"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 5, 1, 1), None, ValueError, "C_in=5 input channels, the input has 3"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 3, 1, 1), torch.zeros(3), ValueError, r"bias must have shape \(C_out,\)"),
    ],
)
def test_bad_input_gets_a_clear_error(implementation, x, weight, bias, error, message):
    with pytest.raises(error, match=message):
        implementation(x, weight, bias)


def test_grey_by_formula_needs_four_channels():
    with pytest.raises(ValueError, match="expected 4 channels"):
        grey_by_formula(torch.zeros(1, 3, 2, 2))
