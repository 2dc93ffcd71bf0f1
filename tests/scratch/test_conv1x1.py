"""From-scratch 1×1 convolution equals nn.Conv2d(kernel_size=1); the RGBA → grey layer
equals the per-pixel formula."""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
import torch.nn.functional as F
from torch import nn

from cnnref.scratch.conv1x1 import GREY_WEIGHTS, conv1x1_einsum, conv1x1_loop, grey_by_formula, rgba_to_grey_conv


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
        (torch.zeros(1, 1, 4, 4), torch.zeros(2, 3, 1, 1), None, ValueError, "C_in=3 input channels, the input has 1$"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 1, 1, 1), None, ValueError, "C_in=1 input channel, the input has 3"),
        (torch.zeros(1, 3, 4, 4), [[1.0]], None, TypeError, "weight must be a torch.Tensor, got list"),
        (torch.zeros(1, 3, 4, 4), torch.zeros(2, 3, 1, 1), torch.zeros(3), ValueError, r"bias must have shape \(C_out,\)"),
    ],
)
def test_bad_input_gets_a_clear_error(implementation, x, weight, bias, error, message):
    with pytest.raises(error, match=message):
        implementation(x, weight, bias)


def test_grey_by_formula_needs_four_channels():
    with pytest.raises(ValueError, match="expected 4 channels"):
        grey_by_formula(torch.zeros(1, 3, 2, 2))


IMPLEMENTATIONS = [conv1x1_loop, conv1x1_einsum]


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@given(
    n=st.integers(1, 2), c_in=st.integers(1, 4), c_out=st.integers(1, 4), h=st.integers(1, 3), w=st.integers(1, 3),
    bias=st.booleans(), relu=st.booleans(), seed=st.integers(0, 2**16),
)
def test_gradients_equal_conv2d(implementation, n, c_in, c_out, h, w, bias, relu, seed):
    """The gradients with respect to the input, the weight and the bias, on inputs with ties
    (ReLU outputs: many zeros) or without."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(n, c_in, h, w, generator=generator)
    x = torch.relu(x) if relu else x
    weight = torch.randn(c_out, c_in, 1, 1, generator=generator)
    b = torch.randn(c_out, generator=generator) if bias else None
    upstream = torch.randn(n, c_out, h, w, generator=generator)
    grads = []
    for conv in (implementation, F.conv2d):
        leaves = [t.clone().requires_grad_() for t in (x, weight, b) if t is not None]
        conv(*leaves, *([] if bias else [None])).backward(upstream)
        grads.append([leaf.grad for leaf in leaves])
    for ours, theirs in zip(*grads):
        torch.testing.assert_close(ours, theirs)


DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.int64]


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@given(x_dtype=st.sampled_from(DTYPES), w_dtype=st.sampled_from(DTYPES), b_dtype=st.none() | st.sampled_from(DTYPES))
def test_dtypes_like_conv2d(implementation, x_dtype, w_dtype, b_dtype):
    """Where ``F.conv2d`` refuses a mix of dtypes we raise too; where it computes, we compute
    the same values in the same dtype, except that these reference layers take floating-point
    tensors only (``F.conv2d`` also computes in int64). Integer values: exact in every dtype."""
    x = torch.randint(-2, 3, (1, 3, 2, 2)).to(x_dtype)
    weight = torch.randint(-2, 3, (2, 3, 1, 1)).to(w_dtype)
    bias = None if b_dtype is None else torch.randint(-2, 3, (2,)).to(b_dtype)
    try:
        expected = F.conv2d(x, weight, bias)
    except RuntimeError:
        with pytest.raises(TypeError, match="dtype"):
            implementation(x, weight, bias)
    else:
        if not expected.is_floating_point():
            with pytest.raises(TypeError, match="floating-point"):
                implementation(x, weight, bias)
            return
        y = implementation(x, weight, bias)
        assert y.dtype == expected.dtype
        torch.testing.assert_close(y, expected)


def test_a_mixed_dtype_message_names_the_argument():
    x, weight = torch.zeros(1, 3, 2, 2), torch.zeros(2, 3, 1, 1)
    with pytest.raises(TypeError, match=r"bias has dtype torch.int64 but the input has torch.float64; input, weight"):
        conv1x1_einsum(x.double(), weight.double(), torch.zeros(2, dtype=torch.int64))
    with pytest.raises(TypeError, match=r"weight has dtype torch.float64 but the input has torch.float32"):
        conv1x1_loop(x, weight.double())


@pytest.mark.parametrize("dtype", DTYPES[:4])
def test_grey_by_formula_keeps_the_dtype(dtype):
    rgba = torch.randint(0, 2, (1, 4, 2, 2)).to(dtype)
    grey = grey_by_formula(rgba)
    assert grey.dtype == dtype
    torch.testing.assert_close(grey, rgba_to_grey_conv().to(dtype)(rgba))
