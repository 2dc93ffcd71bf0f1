"""cnnref.shapes against real PyTorch layers: every size equal, every error where PyTorch errs."""

from __future__ import annotations

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import event, given
from hypothesis import strategies as st
from torch import nn

from cnnref.shapes import (
    LayerWindow,
    avg_pool_output_size,
    conv_output_size,
    conv_transpose_output_size,
    explain_conv_output_size,
    explain_pool_output_size,
    layer_window,
    pad_sides,
    pool_output_size,
    same_padding,
)

# --------------------------------------------------------------------------- helpers


def pytorch_outcome(build_layer, spatial: tuple[int, ...]) -> tuple[int, ...] | Exception:
    """Build the layer and run it on a (1, 1, *spatial) tensor: the spatial output size, or the error."""
    x = torch.zeros(1, 1, *spatial)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 'same' with even kernels warns about a padded copy
            layer = build_layer()
            with torch.no_grad():
                return tuple(layer(x).shape[2:])
    except (RuntimeError, ValueError) as error:
        return error


def assert_same_outcome(expected: tuple[int, ...] | Exception, function, *args, **kwargs) -> None:
    """cnnref returns PyTorch's size, or raises ValueError where PyTorch raises."""
    event("PyTorch raised" if isinstance(expected, Exception) else "PyTorch gave a size")
    if isinstance(expected, Exception):
        with pytest.raises(ValueError):
            function(*args, **kwargs)
        return
    ours = function(*args, **kwargs)
    if isinstance(args[0], int):
        assert isinstance(ours, int) and (ours,) == expected, (ours, expected)
    else:
        assert isinstance(ours, tuple) and ours == expected, (ours, expected)


def int_or_pair(low: int, high: int) -> st.SearchStrategy:
    return st.one_of(st.integers(low, high), st.tuples(st.integers(low, high), st.integers(low, high)))


@st.composite
def geometry(draw, *, size=(1, 12), kernel=(1, 7), stride=(1, 4), padding=(0, 4), dilation=(1, 3)):
    """A size and layer arguments: 1-D (all ints, size an int) or 2-D (each argument an int or a pair)."""
    ndim = draw(st.sampled_from([1, 2]))
    arg = (lambda lo, hi: st.integers(lo, hi)) if ndim == 1 else int_or_pair
    return {
        "size": draw(st.integers(*size) if ndim == 1 else st.tuples(st.integers(*size), st.integers(*size))),
        "kernel_size": draw(arg(*kernel)),
        "stride": draw(arg(*stride)),
        "padding": draw(arg(*padding)),
        "dilation": draw(arg(*dilation)),
    }


def spatial(size: int | tuple[int, ...]) -> tuple[int, ...]:
    return (size,) if isinstance(size, int) else size


LAYERS = {
    1: {"conv": nn.Conv1d, "convT": nn.ConvTranspose1d, "max": nn.MaxPool1d, "avg": nn.AvgPool1d},
    2: {"conv": nn.Conv2d, "convT": nn.ConvTranspose2d, "max": nn.MaxPool2d, "avg": nn.AvgPool2d},
}


def layer_class(kind: str, size) -> type[nn.Module]:
    return LAYERS[len(spatial(size))][kind]


# --------------------------------------------------------------------------- property tests

# Pooling padding is mostly within the allowed half kernel, so that about half the cases give a size.
POOL_GEOMETRY = {"size": (1, 16), "padding": (0, 2), "dilation": (1, 2)}


@given(g=geometry(), padding_word=st.sampled_from([None, None, None, "same", "valid"]))
def test_conv_output_size_matches_pytorch(g, padding_word):
    if padding_word is not None:
        g["padding"] = padding_word
    args = {k: v for k, v in g.items() if k != "size"}
    expected = pytorch_outcome(lambda: layer_class("conv", g["size"])(1, 1, bias=False, **args), spatial(g["size"]))
    assert_same_outcome(expected, conv_output_size, g["size"], **args)
    if isinstance(expected, ValueError):  # raised by PyTorch when the layer is built
        assert padding_word == "same"


@pytest.mark.parametrize("ceil_mode", [False, True], ids=["floor", "ceil"])
@given(g=geometry(**POOL_GEOMETRY), default_stride=st.booleans())
def test_max_pool_output_size_matches_pytorch(g, default_stride, ceil_mode):
    if default_stride:
        g["stride"] = None
    args = {k: v for k, v in g.items() if k != "size"}
    expected = pytorch_outcome(lambda: layer_class("max", g["size"])(ceil_mode=ceil_mode, **args), spatial(g["size"]))
    assert_same_outcome(expected, pool_output_size, g["size"], ceil_mode=ceil_mode, **args)


@given(g=geometry(**{**POOL_GEOMETRY, "dilation": (1, 1)}), ceil_mode=st.booleans(), count_include_pad=st.booleans())
def test_avg_pool_output_size_matches_pytorch(g, ceil_mode, count_include_pad):
    args = {k: v for k, v in g.items() if k not in ("size", "dilation")}
    expected = pytorch_outcome(
        lambda: layer_class("avg", g["size"])(ceil_mode=ceil_mode, count_include_pad=count_include_pad, **args),
        spatial(g["size"]),
    )
    assert_same_outcome(expected, avg_pool_output_size, g["size"], ceil_mode=ceil_mode, **args)


@given(g=geometry(padding=(0, 3)), output_padding=st.integers(0, 3))
def test_conv_transpose_output_size_matches_pytorch(g, output_padding):
    args = {k: v for k, v in g.items() if k != "size"}
    expected = pytorch_outcome(
        lambda: layer_class("convT", g["size"])(1, 1, output_padding=output_padding, bias=False, **args),
        spatial(g["size"]),
    )
    assert_same_outcome(expected, conv_transpose_output_size, g["size"], output_padding=output_padding, **args)


@given(kernel=st.tuples(st.integers(1, 6), st.integers(1, 6)), dilation=st.tuples(st.integers(1, 3), st.integers(1, 3)))
def test_same_padding_is_what_conv2d_same_applies(kernel, dilation):
    """padding='same' equals an explicit F.pad with same_padding's sides, then a conv without padding."""
    torch.manual_seed(0)
    conv = nn.Conv2d(1, 1, kernel, padding="same", dilation=dilation, bias=False)
    x = torch.randn(1, 1, 9, 10)
    (top, bottom), (left, right) = same_padding(kernel, dilation)
    explicit = F.conv2d(F.pad(x, pad_sides(left=left, right=right, top=top, bottom=bottom)), conv.weight, dilation=dilation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.testing.assert_close(conv(x), explicit)
    # The extra row/column goes after (bottom/right), and only when the total is odd.
    for (before, after), k, d in zip(same_padding(kernel, dilation), kernel, dilation):
        assert before + after == d * (k - 1) and after - before in (0, 1)


def test_same_padding_puts_the_odd_one_bottom_right_in_conv2d():
    """A kernel of all ones except the top-left tap shows where the zero row and column went."""
    conv = nn.Conv2d(1, 1, 2, padding="same", bias=False)
    with torch.no_grad():
        conv.weight.copy_(torch.tensor([[[[1.0, 0.0], [0.0, 0.0]]]]))
    x = torch.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # With padding (0, 1) per dimension the top-left tap reads x itself: nothing is padded before.
        torch.testing.assert_close(conv(x), x)
    assert same_padding(2) == (0, 1)


# --------------------------------------------------------------------------- the int / tuple convention


def test_int_size_gives_int_tuple_size_gives_tuple():
    assert conv_output_size(227, 11, stride=4) == 55
    assert conv_output_size((227,), 11, stride=4) == (55,)
    assert conv_output_size((227, 227), 11, stride=4) == (55, 55)
    assert conv_output_size([227, 100], (11, 3), stride=(4, 1), padding=(0, 1)) == (55, 100)
    assert conv_output_size(torch.Size([8, 8, 8]), 3) == (6, 6, 6)
    assert pool_output_size((5, 6), 2, ceil_mode=True) == (3, 3)
    assert same_padding(3) == (1, 1)
    assert same_padding((3, 4)) == ((1, 1), (1, 2))


@pytest.mark.parametrize(
    ("size", "kernel", "stride", "padding", "dilation", "expected"),
    [
        (227, 11, 4, 0, 1, 55),   # AlexNet conv1 (torchvision pads 2 and uses 224: same 55)
        (224, 11, 4, 2, 1, 55),
        (224, 3, 1, 1, 1, 224),   # VGG 3x3, padding 1 keeps the size
        (224, 7, 2, 3, 1, 112),   # ResNet / GoogLeNet stem
        (32, 5, 1, 0, 1, 28),     # LeNet-5 C1
        (10, 3, 1, 2, 2, 10),     # dilation 2 with padding 2 keeps the size
    ],
)
def test_known_convolution_sizes(size, kernel, stride, padding, dilation, expected):
    assert conv_output_size(size, kernel, stride, padding, dilation) == expected
    layer = nn.Conv2d(1, 1, kernel, stride, padding, dilation)
    assert layer(torch.zeros(1, 1, size, size)).shape[-1] == expected


def test_ceil_mode_drops_a_window_that_would_start_in_the_right_padding():
    # 5 + 2 - 2 = 5 positions of room, stride 2: ceil(5 / 2) + 1 = 4 windows; the 4th would start at
    # padded index 6 = input index 5, past the input (0..4): dropped, 3 remain.
    assert pool_output_size(5, 2, 2, padding=1, ceil_mode=True) == 3
    assert nn.MaxPool1d(2, 2, padding=1, ceil_mode=True)(torch.zeros(1, 1, 5)).shape[-1] == 3
    # Without padding the 3rd window starts at 4, inside: kept.
    assert pool_output_size(5, 2, 2, ceil_mode=True) == 3
    assert pool_output_size(5, 2, 2, ceil_mode=False) == 2


# --------------------------------------------------------------------------- errors


def test_error_message_shows_the_arithmetic():
    with pytest.raises(ValueError, match=r"input 5, kernel 7, stride 1, padding 0 → .* = -1: output would be -1"):
        conv_output_size(5, 7)
    with pytest.raises(ValueError, match=r"W: input 9, kernel 7, dilation 2 \(extent 13\)"):
        conv_output_size((5, 9), (3, 7), dilation=(1, 2))
    with pytest.raises(ValueError, match=r"padding 2 is more than half of kernel 3: .* at most 3 // 2 = 1"):
        pool_output_size(8, 3, padding=2)
    with pytest.raises(ValueError, match=r"padding='same' is not supported for strided convolutions"):
        conv_output_size(8, 3, stride=2, padding="same")


def test_pooling_padding_rule_is_raised_before_pytorch_runs_the_layer():
    layer = nn.MaxPool2d(3, padding=2)  # PyTorch accepts this...
    with pytest.raises(RuntimeError, match="pad should be at most half"):
        layer(torch.zeros(1, 1, 8, 8))  # ...and complains only here
    with pytest.raises(ValueError, match="more than half"):
        pool_output_size((8, 8), 3, padding=2)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: conv_output_size(-1, 3), ValueError, "size must be positive"),
        (lambda: conv_output_size(0, 3), ValueError, "size must be positive"),
        (lambda: conv_output_size((5, 0), 3), ValueError, r"size\[1\] must be positive"),
        (lambda: conv_output_size((), 3), ValueError, "at least one dimension"),
        (lambda: conv_output_size(5, 0), ValueError, "kernel_size must be positive"),
        (lambda: conv_output_size(5, 3, stride=0), ValueError, "stride must be positive"),
        (lambda: conv_output_size(5, 3, dilation=0), ValueError, "dilation must be positive"),
        (lambda: conv_output_size(5, 3, padding=-1), ValueError, "padding must be non-negative"),
        (lambda: conv_output_size(5, 3, padding="full"), ValueError, "'same' or 'valid'"),
        (lambda: conv_output_size((5, 5), (3, 3, 3)), ValueError, "kernel_size has 3 entries but there are 2"),
        (lambda: conv_output_size(5, (3, 3)), ValueError, "kernel_size has 2 entries but there is 1 spatial dimension;"),
        (lambda: conv_output_size(5.0, 3), TypeError, "size must be an int"),
        (lambda: conv_output_size("5", 3), TypeError, "size must be an int"),
        (lambda: conv_output_size(5, 2.5), TypeError, "kernel_size must be an int"),
        (lambda: conv_output_size(5, True), TypeError, "kernel_size must be an int"),
        (lambda: conv_output_size((5, 5), (3, None)), TypeError, r"kernel_size\[1\] must be an int"),
        (lambda: conv_output_size(3, 5), ValueError, "shorter than the window 5"),
        (lambda: conv_output_size(3, 3, dilation=2), ValueError, "shorter than the window 5"),
        (lambda: pool_output_size(2, 5, padding=1), ValueError, "output would be 0"),
        (lambda: pool_output_size(5, 2, padding="same"), TypeError, "padding must be an int"),
        (lambda: pool_output_size(5, 2, ceil_mode=1), TypeError, "ceil_mode must be True or False"),
        (lambda: pool_output_size(5, 2, stride=0), ValueError, "stride must be positive"),
        (lambda: avg_pool_output_size(5, 3, padding=2), ValueError, "more than half"),
        (lambda: conv_transpose_output_size(5, 3, output_padding=1), ValueError, "smaller than the stride"),
        (lambda: conv_transpose_output_size(2, 1, padding=1), ValueError, "output would be 0"),
        (lambda: same_padding(0), ValueError, "kernel_size must be positive"),
        (lambda: same_padding((3, 3), dilation=(1, 1, 1)), ValueError, "dilation has 3 entries"),
        (lambda: pad_sides(1, 2, 3, 4), TypeError, "positional"),
        (lambda: pad_sides(left=1.5), TypeError, "left must be an int"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(call, error, words):
    with pytest.raises(error, match=words):
        call()


# --------------------------------------------------------------------------- F.pad order


def test_pad_sides_builds_the_tuple_f_pad_reads_from_the_last_dimension():
    x = torch.ones(1, 1, 2, 3)
    padded = F.pad(x, pad_sides(left=1, right=2, top=3, bottom=4))[0, 0]
    assert pad_sides(left=1, right=2, top=3, bottom=4) == (1, 2, 3, 4)
    assert padded.shape == (3 + 2 + 4, 1 + 3 + 2)
    rows, cols = padded.nonzero(as_tuple=True)
    assert (rows.min().item(), rows.max().item()) == (3, 4)   # 3 rows above, 4 below
    assert (cols.min().item(), cols.max().item()) == (1, 3)   # 1 column left, 2 right
    # Negative values crop, as in F.pad.
    assert F.pad(x, pad_sides(left=-1)).shape == (1, 1, 2, 2)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(size=(227, 227), kernel_size=11, stride=4),
        dict(size=(32, 20), kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), dilation=2),
        dict(size=9, kernel_size=4, padding="same"),
        dict(size=(7, 8, 9), kernel_size=3, padding="valid"),
    ],
)
def test_explain_conv_ends_with_the_output_size(kwargs):
    lines = explain_conv_output_size(**kwargs).splitlines()
    sizes = conv_output_size(**kwargs)
    sizes = sizes if isinstance(sizes, tuple) else (sizes,)
    assert [int(line.rsplit(" ", 1)[-1]) for line in lines] == list(sizes)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(size=(32, 32), kernel_size=2, padding=1),
        dict(size=(3, 3), kernel_size=2, ceil_mode=True),
        dict(size=5, kernel_size=2, padding=1, ceil_mode=True),
        dict(size=(13, 14), kernel_size=3, stride=2, dilation=2, ceil_mode=True),
    ],
)
def test_explain_pool_ends_with_the_output_size(kwargs):
    lines = explain_pool_output_size(**kwargs).splitlines()
    sizes = pool_output_size(**kwargs)
    sizes = sizes if isinstance(sizes, tuple) else (sizes,)
    assert [int(line.rsplit(" ", 1)[-1]) for line in lines] == list(sizes)


def test_explain_raises_like_the_size_functions():
    with pytest.raises(ValueError, match=r"floor\(\(5 \+ 0 - 7\) / 1\) \+ 1 = -1"):
        explain_conv_output_size(5, kernel_size=7)
    with pytest.raises(ValueError, match="more than half of kernel"):
        explain_pool_output_size(8, kernel_size=3, padding=2)


# --------------------------------------------------------------------------- layer_window


def window_layer(kind: str, g: dict, ceil_mode: bool) -> nn.Module:
    args = {k: v for k, v in g.items() if k != "size"}
    if kind == "conv":
        return layer_class("conv", g["size"])(1, 1, bias=False, **args)
    if kind == "avg":
        args.pop("dilation")
    return layer_class(kind, g["size"])(ceil_mode=ceil_mode, **args)


@given(g=geometry(**POOL_GEOMETRY), kind=st.sampled_from(["conv", "max", "avg"]), ceil_mode=st.booleans(),
       padding_word=st.sampled_from([None, None, "same", "valid"]))
def test_layer_window_reads_every_layer_as_pytorch_runs_it(g, kind, ceil_mode, padding_word):
    if kind == "conv" and padding_word is not None:
        g["padding"] = padding_word
    size = spatial(g["size"])
    expected = pytorch_outcome(lambda: window_layer(kind, g, ceil_mode), size)
    if isinstance(expected, Exception):
        try:
            layer = window_layer(kind, g, ceil_mode)
        except (RuntimeError, ValueError):
            return  # PyTorch refuses the layer itself ("same" with a stride)
        with pytest.raises(ValueError):
            layer_window(layer).output_size(size)
        return
    window = layer_window(window_layer(kind, g, ceil_mode))
    assert window.ndim == len(size) and len(window.stride) == len(window.dilation) == window.ndim
    assert window.output_size(size) == expected


def test_layer_window_is_none_for_layers_without_a_window():
    for layer in (nn.ReLU(), nn.BatchNorm2d(3), nn.AdaptiveAvgPool2d(1), nn.ConvTranspose2d(1, 1, 3),
                  nn.Sequential(nn.Conv2d(1, 1, 3)), nn.Linear(2, 2), (3, 1), "conv"):
        assert layer_window(layer) is None


def test_layer_window_of_a_lazy_3d_convolution_and_an_int_size():
    window = layer_window(nn.LazyConv3d(4, kernel_size=(1, 3, 3), padding="same"))
    assert window.kind == "conv" and window.padding == "same"
    assert window.padding_sides() == ((0, 0), (1, 1), (1, 1))
    assert window.output_size(5) == (5, 5, 5)


@pytest.mark.parametrize("kwargs, words", [
    ({"kind": "lp_pool", "padding": (0,)}, "kind must be 'conv', 'max_pool' or 'avg_pool'"),
    ({"kind": "max_pool", "padding": "same"}, "pooling takes ints"),
])
def test_layer_window_refuses_what_no_layer_has(kwargs, words):
    with pytest.raises(ValueError, match=words):
        LayerWindow(kernel_size=(3,), stride=(1,), dilation=(1,), **kwargs)


def test_shapes_imports_without_torch():
    import subprocess
    import sys

    code = "import sys, cnnref.shapes; assert 'torch' not in sys.modules, 'cnnref.shapes imported torch'"
    subprocess.run([sys.executable, "-c", code], check=True)
