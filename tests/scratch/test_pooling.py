"""From-scratch pooling equals F.max_pool2d / F.avg_pool2d, and rejects what PyTorch rejects."""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given
from hypothesis import strategies as st

from cnnref.scratch.pooling import avg_pool2d, max_pool2d

side = st.integers(min_value=1, max_value=4)


def tied_values(draw, shape: tuple[int, ...]) -> torch.Tensor:
    """An input full of ties: small integers, a constant region, or ReLU outputs (many zeros)."""
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**16)))
    kind = draw(st.sampled_from(["integers", "constant region", "relu"]))
    if kind == "integers":
        return torch.randint(-1, 2, shape, generator=generator).float()
    if kind == "relu":
        return torch.relu(torch.randn(shape, generator=generator))
    x = torch.randn(shape, generator=generator)
    top, left = draw(st.integers(0, shape[-2] - 1)), draw(st.integers(0, shape[-1] - 1))
    x[..., top : top + draw(side), left : left + draw(side)] = draw(st.sampled_from([0.0, 1.5, -2.0]))
    return x


@st.composite
def pool_configs(draw, with_dilation: bool, valid_only: bool, ties: bool = False):
    """A small random input and a pooling configuration. With ``valid_only`` the padding is at
    most half the kernel and the input is at least as large as the window; otherwise either
    rule may be broken. With ``ties`` the input is built to hold tied values."""
    kernel = (draw(side), draw(side))
    dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 3))) if with_dilation else (1, 1)
    slack = 0 if valid_only else 1
    padding = tuple(draw(st.integers(0, k // 2 + slack)) for k in kernel)
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilation)]
    smallest = [max(1, s - 2 * p) if valid_only else 1 for s, p in zip(spans, padding)]
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 3)), *(draw(st.integers(m, m + 6)) for m in smallest))
    config = {
        "kernel_size": kernel,
        "stride": draw(st.none() | st.tuples(side, side)),
        "padding": padding,
        "ceil_mode": draw(st.booleans()),
    }
    if with_dilation:
        config["dilation"] = dilation
    else:
        config["count_include_pad"] = draw(st.booleans())
    if kernel[0] == kernel[1] and padding[0] == padding[1] and draw(st.booleans()):
        config["kernel_size"], config["padding"] = kernel[0], padding[0]  # the plain-int spelling
    if ties:
        return tied_values(draw, shape), config
    return torch.randn(shape, generator=torch.Generator().manual_seed(draw(st.integers(0, 2**16)))), config


@given(pool_configs(with_dilation=True, valid_only=True))
def test_max_pool_equals_pytorch(case):
    x, config = case
    torch.testing.assert_close(max_pool2d(x, **config), F.max_pool2d(x, **config))


@given(pool_configs(with_dilation=False, valid_only=True))
def test_avg_pool_equals_pytorch(case):
    x, config = case
    torch.testing.assert_close(avg_pool2d(x, **config), F.avg_pool2d(x, **config))


def gradients(pool, x: torch.Tensor, config: dict, upstream: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The output of ``pool`` and the gradient it sends back to ``x`` for ``upstream``."""
    leaf = x.clone().requires_grad_()
    y = pool(leaf, **config)
    y.backward(upstream)
    return y.detach(), leaf.grad


def upstream_for(draw, shape: torch.Size) -> torch.Tensor:
    """Small integer gradients: sums of them are exact, so gradients compare with equality."""
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**16)))
    return torch.randint(-3, 4, shape, generator=generator).float()


@given(pool_configs(with_dilation=True, valid_only=True, ties=True), st.data())
def test_max_pool_gradient_goes_where_pytorch_sends_it(case, data):
    """Tied maxima: PyTorch sends a window's whole gradient to the first maximum in scan
    order; so must we, with overlapping windows, padding, dilation and ceil mode."""
    x, config = case
    # A window whose every tap is on the padding has no input to send a gradient to; PyTorch's
    # backward then writes out of bounds (its index points past the window), so skip those.
    assume(not F.max_pool2d(torch.zeros_like(x), **config).isneginf().any())
    expected = F.max_pool2d(x, **config)
    upstream = upstream_for(data.draw, expected.shape)
    y, grad = gradients(max_pool2d, x, config, upstream)
    _, expected_grad = gradients(F.max_pool2d, x, config, upstream)
    assert torch.equal(y, expected)
    assert torch.equal(grad, expected_grad)


@given(pool_configs(with_dilation=False, valid_only=True, ties=True), st.data())
def test_avg_pool_gradient_equals_pytorch(case, data):
    x, config = case
    upstream = upstream_for(data.draw, F.avg_pool2d(x, **config).shape)
    y, grad = gradients(avg_pool2d, x, config, upstream)
    expected, expected_grad = gradients(F.avg_pool2d, x, config, upstream)
    torch.testing.assert_close(y, expected)
    torch.testing.assert_close(grad, expected_grad)


@pytest.mark.parametrize(
    "window",
    [[[1.0, 2.0], [2.0, 2.0]], [[0.0, 0.0], [0.0, 0.0]], [[-math.inf, -math.inf], [-math.inf, 0.0]],
     [[-math.inf, -math.inf], [-math.inf, -math.inf]], [[math.nan, 2.0], [math.nan, 1.0]], [[1.0, math.nan], [3.0, 0.0]]],
)
def test_max_pool_gradient_picks_one_element_as_pytorch(window):
    """Which element gets the gradient: the first maximum in scan order, or the last NaN."""
    x = torch.tensor(window).view(1, 1, 2, 2)
    _, grad = gradients(max_pool2d, x, {"kernel_size": 2}, torch.ones(1, 1, 1, 1))
    _, index = F.max_pool2d(x, 2, return_indices=True)
    assert grad.flatten().tolist() == [float(i == index.item()) for i in range(4)]
    assert torch.equal(grad, gradients(F.max_pool2d, x, {"kernel_size": 2}, torch.ones(1, 1, 1, 1))[1])


def test_a_window_all_on_the_padding_has_no_gradient():
    x = torch.randn(1, 1, 2, 2)
    y, grad = gradients(max_pool2d, x, {"kernel_size": 2, "stride": 1, "padding": 1, "dilation": 3}, torch.ones(1, 1, 1, 1))
    assert y.isneginf().all() and torch.equal(grad, torch.zeros_like(x))


FLOATS = [torch.float16, torch.bfloat16, torch.float32, torch.float64]


@pytest.mark.parametrize(("ours", "theirs"), [(max_pool2d, F.max_pool2d), (avg_pool2d, F.avg_pool2d)])
@pytest.mark.parametrize("dtype", FLOATS)
def test_every_floating_dtype_like_pytorch(ours, theirs, dtype):
    x = torch.randint(-4, 5, (2, 3, 7, 6)).to(dtype)  # integers: exact in every dtype
    for config in ({"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}):
        y = ours(x, **config)
        assert y.dtype == dtype
        torch.testing.assert_close(y, theirs(x, **config))


@pytest.mark.parametrize("pool", [max_pool2d, avg_pool2d])
@pytest.mark.parametrize("dtype", [torch.int64, torch.uint8, torch.bool, torch.complex64])
def test_other_dtypes_are_refused(pool, dtype):
    """PyTorch also pools integer tensors; these reference layers take floating point only,
    and say so rather than compute in another dtype."""
    with pytest.raises(TypeError, match=f"expected a floating-point tensor, got dtype {dtype}"):
        pool(torch.zeros(1, 1, 4, 4, dtype=dtype), 2)


@pytest.mark.parametrize(("ours", "theirs"), [(max_pool2d, F.max_pool2d), (avg_pool2d, F.avg_pool2d)])
@given(data=st.data())
def test_raises_exactly_where_pytorch_raises(ours, theirs, data):
    x, config = data.draw(pool_configs(with_dilation=ours is max_pool2d, valid_only=False))
    try:
        expected = theirs(x, **config)
    except RuntimeError:
        with pytest.raises(ValueError):
            ours(x, **config)
    else:
        torch.testing.assert_close(ours(x, **config), expected)


SEED_INPUT = torch.tensor([[[[3.0, 1, 4], [2, 5, 7], [9, 6, 8]]]])


@pytest.mark.parametrize(
    ("ceil_mode", "expected"),
    [(False, [[5.0]]), (True, [[5.0, 7.0], [9.0, 8.0]])],
)
def test_the_seed_example_floor_and_ceil(ceil_mode, expected):
    ours = max_pool2d(SEED_INPUT, 2, 2, ceil_mode=ceil_mode)
    assert ours.tolist() == [[expected]]
    assert torch.equal(ours, F.max_pool2d(SEED_INPUT, 2, 2, ceil_mode=ceil_mode))


def test_max_pool_pads_with_minus_infinity():
    x = -torch.rand(1, 1, 4, 4) - 1.0  # all values in [-2, -1): a zero pad would win every edge window
    ours = max_pool2d(x, 2, 2, padding=1)
    assert (ours < 0).all()
    torch.testing.assert_close(ours, F.max_pool2d(x, 2, 2, padding=1))


def test_ceil_mode_drops_a_window_that_would_start_in_the_right_padding():
    # n=5, k=2, s=3, p=1: ceil((5 + 2 - 2) / 3) + 1 = 3, but the third window would start at
    # padded index 6 >= 5 + 1, inside the right padding, so PyTorch (and we) keep 2.
    x = torch.randn(1, 1, 5, 5)
    ours = max_pool2d(x, 2, 3, padding=1, ceil_mode=True)
    assert ours.shape == (1, 1, 2, 2)
    torch.testing.assert_close(ours, F.max_pool2d(x, 2, 3, padding=1, ceil_mode=True))


def test_ceil_mode_window_cut_at_the_edge_avg_divisor():
    # n=3, k=2, s=2 in ceil mode: the second window covers one real column only.
    x = torch.arange(9.0).view(1, 1, 3, 3)
    for include in (True, False):
        ours = avg_pool2d(x, 2, 2, ceil_mode=True, count_include_pad=include)
        torch.testing.assert_close(ours, F.avg_pool2d(x, 2, 2, ceil_mode=True, count_include_pad=include))
    assert avg_pool2d(x, 2, 2, ceil_mode=True)[0, 0, 1, 1].item() == 8.0


def test_unbatched_input_and_dilation_window_all_padding():
    x = torch.randn(3, 2, 2)
    torch.testing.assert_close(max_pool2d(x, 2, 1, padding=1, dilation=3), F.max_pool2d(x, 2, 1, 1, 3))
    assert max_pool2d(x, 2, 1, padding=1, dilation=3).isneginf().all()  # both taps fall on padding


@pytest.mark.parametrize("pool", [max_pool2d, avg_pool2d])
@pytest.mark.parametrize(
    ("x", "kwargs", "error", "message"),
    [
        (torch.zeros(4, 4), {"kernel_size": 2}, ValueError, "got a 2-D tensor"),
        (torch.zeros(1, 1, 1, 4, 4), {"kernel_size": 2}, ValueError, "got a 5-D tensor"),
        ([[1.0, 2.0]], {"kernel_size": 1}, TypeError, "expected a torch.Tensor"),
        (torch.zeros(1, 1, 4, 4, dtype=torch.int64), {"kernel_size": 2}, TypeError, "floating-point"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": -2}, ValueError, "kernel_size must be positive"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 0}, ValueError, "kernel_size must be positive"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 2, "stride": 0}, ValueError, "stride must be positive"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 2, "padding": -1}, ValueError, "padding must be non-negative"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 2.0}, TypeError, "kernel_size must be an int"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": True}, TypeError, "kernel_size must be an int"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": (2, 2, 2)}, ValueError, "kernel_size has 3 entries"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 2, "stride": "2"}, TypeError, "stride must be an int"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 2, "ceil_mode": 1}, TypeError, "ceil_mode must be True or False"),
        (torch.zeros(1, 1, 4, 4), {"kernel_size": 3, "padding": 2}, ValueError, "padding 2 is more than half of kernel 3"),
        (torch.zeros(1, 1, 3, 3), {"kernel_size": 5}, ValueError, "the padded input 3 is shorter than the window 5"),
        (torch.zeros(1, 1, 3, 8), {"kernel_size": (6, 2), "padding": 1}, ValueError, "input 3, kernel 6, .* output would be 0"),
    ],
)
def test_bad_input_gets_a_clear_error(pool, x, kwargs, error, message):
    with pytest.raises(error, match=message):
        pool(x, **kwargs)


def test_bad_max_pool_only_arguments():
    x = torch.zeros(1, 1, 4, 4)
    with pytest.raises(ValueError, match="dilation must be positive"):
        max_pool2d(x, 2, dilation=0)
    with pytest.raises(TypeError, match="count_include_pad must be True or False"):
        avg_pool2d(x, 2, count_include_pad=None)
    with pytest.raises(ValueError, match="the padded input 4 is shorter than the window 7"):
        max_pool2d(x, 3, dilation=3)
