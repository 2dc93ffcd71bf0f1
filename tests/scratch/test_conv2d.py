"""From-scratch conv2d equals F.conv2d and nn.Conv2d (every padding mode), forward and backward."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnref.scratch import PADDING_MODES, conv2d

#: The number of random configurations of the property test (the concepts page states it).
CONFIGURATIONS = 300


@st.composite
def configurations(draw):
    """A configuration nn.Conv2d accepts: groups divide the channels, the padded input holds the
    dilated kernel, and reflect / circular padding fit the input."""
    groups = draw(st.integers(1, 3))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    mode = draw(st.sampled_from(PADDING_MODES))
    kernel, dilation = draw(st.tuples(st.integers(1, 3), st.integers(1, 3))), draw(st.tuples(st.integers(1, 2), st.integers(1, 2)))
    stride = draw(st.tuples(st.integers(1, 3), st.integers(1, 3)))
    padding = draw(st.tuples(st.integers(0, 2), st.integers(0, 2)) | st.just("same") | st.just("valid"))
    if padding == "same":
        stride = (1, 1)
    sides = [(0, 0)] * 2 if padding == "valid" else (
        [(d * (k - 1) // 2, d * (k - 1) - d * (k - 1) // 2) for k, d in zip(kernel, dilation)] if padding == "same"
        else [(p, p) for p in padding]
    )
    size = []
    for (before, after), k, d in zip(sides, kernel, dilation):
        smallest = max(1, d * (k - 1) + 1 - before - after, max(before, after) + (mode == "reflect"))
        size.append(draw(st.integers(smallest, smallest + 3)))
    return dict(groups=groups, c_in=c_in, c_out=c_out, padding_mode=mode, kernel=kernel, dilation=dilation,
                stride=stride, padding=padding, size=tuple(size), n=draw(st.integers(1, 2)), bias=draw(st.booleans()))


@settings(max_examples=CONFIGURATIONS)  # the count the concepts page states, in every profile
@given(config=configurations(), seed=st.integers(0, 2**16))
def test_forward_and_backward_equal_nn_conv2d(config, seed):
    """Output and the gradients with respect to input, weight and bias, against ``nn.Conv2d``
    (which pads by ``padding_mode`` and then calls ``F.conv2d``)."""
    torch.manual_seed(seed)
    layer = nn.Conv2d(config["c_in"], config["c_out"], config["kernel"], config["stride"], config["padding"],
                      config["dilation"], config["groups"], config["bias"], config["padding_mode"]).double()
    x = torch.randn(config["n"], config["c_in"], *config["size"], dtype=torch.float64)
    expected_x, ours_x = x.clone().requires_grad_(), x.clone().requires_grad_()
    expected = layer(expected_x)
    weight = layer.weight.detach().clone().requires_grad_()
    bias = layer.bias.detach().clone().requires_grad_() if config["bias"] else None
    ours = conv2d(ours_x, weight, bias, config["stride"], config["padding"], config["dilation"], config["groups"],
                  config["padding_mode"])
    torch.testing.assert_close(ours, expected)
    upstream = torch.randn_like(expected)
    expected.backward(upstream)
    ours.backward(upstream)
    torch.testing.assert_close(ours_x.grad, expected_x.grad)
    torch.testing.assert_close(weight.grad, layer.weight.grad)
    if bias is not None:
        torch.testing.assert_close(bias.grad, layer.bias.grad)


def test_zero_padding_equals_f_conv2d_and_unbatched_input():
    torch.manual_seed(0)
    x, weight, bias = torch.randn(4, 7, 6), torch.randn(6, 2, 3, 2), torch.randn(6)
    y = conv2d(x, weight, bias, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2)
    torch.testing.assert_close(y, F.conv2d(x, weight, bias, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2))
    assert y.dim() == 3


def test_it_is_a_cross_correlation():
    """A true convolution flips the kernel: conv2d with the flipped kernel gives it."""
    x = torch.randn(1, 1, 5, 5)
    kernel = torch.randn(1, 1, 3, 3)
    true_convolution = sum(
        kernel.flip(-1, -2)[0, 0, a, b] * x[:, :, a:a + 3, b:b + 3] for a in range(3) for b in range(3)
    )
    assert not torch.allclose(conv2d(x, kernel), true_convolution)
    torch.testing.assert_close(conv2d(x, kernel.flip(-1, -2)), true_convolution)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (dict(x=torch.zeros(3, 4)), ValueError, "got a 2-D tensor"),
        (dict(x="image"), TypeError, "expected a torch.Tensor"),
        (dict(x=torch.zeros(1, 4, 5, 5, dtype=torch.int64)), TypeError, "floating-point"),
        (dict(weight=[[1.0]]), TypeError, "weight must be a torch.Tensor, got list"),
        (dict(weight=torch.zeros(2, 4, 3)), ValueError, r"weight must have shape \(C_out, C_in / groups, kH, kW\)"),
        (dict(weight=torch.zeros(2, 3, 3, 3)), ValueError, "weight expects 3 input channels per group, the input has 4 in 1 group"),
        (dict(groups=2), ValueError, r"weight expects 4 input channels per group, the input has 4 in 2 groups = 2"),
        (dict(groups=3), ValueError, "groups=3 must divide both the input channels"),
        (dict(groups=0), ValueError, "groups must be positive"),
        (dict(groups=1.0), TypeError, "groups must be an int"),
        (dict(bias=torch.zeros(3)), ValueError, r"bias must have shape \(C_out,\) = \(2,\)"),
        (dict(bias=torch.zeros(2, dtype=torch.float64)), TypeError, "bias has dtype torch.float64 but the input has torch.float32"),
        (dict(stride=0), ValueError, "stride must be positive"),
        (dict(stride=(1, 2, 3)), ValueError, "stride has 3 entries"),
        (dict(padding="full"), ValueError, "padding must be an int, a tuple of ints, 'same' or 'valid'"),
        (dict(padding="same", stride=2), ValueError, "padding='same' is not supported for strided convolutions"),
        (dict(padding=-1), ValueError, "padding must be non-negative"),
        (dict(dilation=3), ValueError, "output would be -1"),
        (dict(padding_mode="mirror"), ValueError, "padding_mode must be one of 'zeros', 'reflect'"),
        (dict(padding=5, padding_mode="reflect"), ValueError, "reflect padding 5 must be less than the input size 5"),
        (dict(padding=6, padding_mode="circular"), ValueError, "circular padding 6 wraps around more than once"),
    ],
)
def test_bad_input_gets_a_clear_error(kwargs, error, message):
    arguments = dict(x=torch.zeros(1, 4, 5, 5), weight=torch.zeros(2, 4, 3, 3)) | kwargs
    with pytest.raises(error, match=message):
        conv2d(**arguments)


def test_pytorch_refuses_the_same_paddings():
    """Where the modes cannot pad, nn.Conv2d fails too (with a RuntimeError of F.pad)."""
    x = torch.zeros(1, 4, 5, 5)
    for padding, mode in ((5, "reflect"), (6, "circular")):
        with pytest.raises(RuntimeError):
            nn.Conv2d(4, 2, 3, padding=padding, padding_mode=mode)(x)
    for padding, mode in ((4, "reflect"), (5, "circular")):
        expected = nn.Conv2d(4, 2, 3, padding=padding, padding_mode=mode)
        torch.testing.assert_close(
            conv2d(x, expected.weight, expected.bias, padding=padding, padding_mode=mode), expected(x))


DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.int64]


@given(x_dtype=st.sampled_from(DTYPES), w_dtype=st.sampled_from(DTYPES), b_dtype=st.none() | st.sampled_from(DTYPES))
def test_dtypes_like_conv2d(x_dtype, w_dtype, b_dtype):
    """Where F.conv2d refuses a mix of dtypes we raise too; where it computes, we compute the
    same values in the same dtype (floating point only, as every scratch layer). Integer values:
    exact in every dtype."""
    x = torch.randint(-2, 3, (1, 2, 4, 4)).to(x_dtype)
    weight = torch.randint(-2, 3, (2, 2, 3, 3)).to(w_dtype)
    bias = None if b_dtype is None else torch.randint(-2, 3, (2,)).to(b_dtype)
    try:
        expected = F.conv2d(x, weight, bias, padding=1)
    except RuntimeError:
        with pytest.raises(TypeError, match="dtype"):
            conv2d(x, weight, bias, padding=1)
    else:
        if not expected.is_floating_point():
            with pytest.raises(TypeError, match="floating-point"):
                conv2d(x, weight, bias, padding=1)
            return
        y = conv2d(x, weight, bias, padding=1)
        assert y.dtype == expected.dtype
        torch.testing.assert_close(y, expected)
