"""Folding batch norm into the convolution before it: the same outputs on every registry model
with batch norm, fewer modules that compute, and only the pairs the data flow allows."""

import pytest
import torch
from torch import nn

from cnnref.fold import fold_batch_norm, fold_conv_bn, foldable_pairs
from cnnref.models import get_model, list_models, model_info
from tests.models.conftest import meta


def batch_norms(model: nn.Module) -> list[str]:
    return [name for name, m in model.named_modules() if isinstance(m, nn.BatchNorm2d)]


# The VGGs with batch norm, every ResNet and torchvision's GoogLeNet (named here, so that
# collecting the tests builds no model; the test below builds them all to check the list).
BN_MODELS = list_models("googlenet") + list_models("resnet*") + list_models("vgg*_bn")


def test_the_models_with_batch_norm_are_those_listed():
    assert sorted(BN_MODELS) == sorted(name for name in list_models() if batch_norms(meta(name)))
    assert len(BN_MODELS) == 1 + len(list_models("resnet*")) + 4


@torch.no_grad()
def materialise(name: str) -> nn.Module:
    """The model with fresh weights, fast: built on the meta device, then each layer's own
    ``reset_parameters``, except VGG's large linear layers (over 10⁶ weights), whose rows are
    64 random rows tiled - random filling of 10⁸ weights alone takes a second."""
    model = meta(name, num_classes=5).to_empty(device="cpu")
    for m in model.modules():
        if isinstance(m, nn.Linear) and m.weight.numel() > 10**6:
            rows = torch.randn(64, m.in_features) / m.in_features**0.5
            m.weight.copy_(rows.repeat(-(-m.out_features // 64), 1)[:m.out_features])
            m.bias.zero_()
        elif hasattr(m, "reset_parameters"):
            m.reset_parameters()
    return model.eval()


@torch.no_grad()
def randomise(model: nn.Module, generator: torch.Generator) -> None:
    """Batch-norm statistics and affine parameters far from the identity, so a wrong fold shows."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d) and m.running_mean is not None:
            m.running_mean.copy_(torch.randn(m.num_features, generator=generator, dtype=m.running_mean.dtype) * 0.5)
            m.running_var.copy_(torch.rand(m.num_features, generator=generator, dtype=m.running_var.dtype) * 1.5 + 0.5)
            m.weight.copy_(torch.rand(m.num_features, generator=generator, dtype=m.weight.dtype) + 0.5)
            m.bias.copy_(torch.randn(m.num_features, generator=generator, dtype=m.bias.dtype) * 0.5)


@pytest.mark.parametrize("name", BN_MODELS)
def test_folded_model_computes_the_same(name):
    """On a small input; the folded model has no batch norm that its eval forward calls, and
    keeps its class and its input check."""
    torch.manual_seed(0)
    model = materialise(name)
    randomise(model, torch.Generator().manual_seed(0))
    x = torch.randn(1, model_info(name).input_size[0], 32, 32)
    expected = model(x)
    before = batch_norms(model)
    folded = fold_batch_norm(model, inplace=True)
    assert folded is model and not folded.training and type(folded).__name__ == type(model).__name__
    torch.testing.assert_close(folded(x), expected, rtol=1e-4, atol=1e-4 * expected.abs().max().item())
    left = batch_norms(folded)
    # Only GoogLeNet's auxiliary classifiers keep theirs: the eval forward never calls them.
    assert all(".aux" in n or n.startswith("aux") for n in left), left
    assert len(left) < len(before)
    with pytest.raises(ValueError, match="expects"):
        folded(x[:, :1])


def test_not_in_place_leaves_the_model_alone():
    model = get_model("resnet20_paper")
    folded = fold_batch_norm(model)
    assert model.training and len(batch_norms(model)) == 19 and not batch_norms(folded)
    assert sum(p.numel() for p in folded.parameters()) < sum(p.numel() for p in model.parameters())


class Shared(nn.Module):
    """Data flow the module order does not show: conv's output is read twice, ``b`` normalises
    the input, ``c`` has no running statistics, and ``d`` follows ``conv2``."""

    def __init__(self) -> None:
        super().__init__()
        self.b = nn.BatchNorm2d(2)
        self.conv = nn.Conv2d(2, 2, 1)
        self.a = nn.BatchNorm2d(2)
        self.c = nn.BatchNorm2d(2, track_running_stats=False)
        self.d = nn.BatchNorm2d(2)
        self.conv2 = nn.Conv2d(2, 2, 3, bias=False)
        self.conv3 = nn.Conv2d(2, 2, 1)

    def forward(self, x):
        y = self.conv(self.b(x))
        return self.a(y) + y + self.c(self.conv3(x)) + self.d(self.conv2(x)).mean()


def test_only_what_the_data_flow_allows_is_folded():
    assert foldable_pairs(Shared()) == [("conv2", "d")]
    model = Shared().eval()
    randomise(model, torch.Generator().manual_seed(1))
    x = torch.randn(3, 2, 5, 5)
    torch.testing.assert_close(fold_batch_norm(model)(x), model(x))


def test_fold_conv_bn_without_affine_and_errors():
    conv, bn = nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3, affine=False)
    bn.running_mean.uniform_(-1, 1)
    bn.running_var.uniform_(0.5, 2)
    x = torch.randn(1, 2, 6, 6)
    torch.testing.assert_close(fold_conv_bn(conv, bn)(x), bn.eval()(conv(x)))
    with pytest.raises(ValueError, match="bn has 4 channels but conv has 3 output channels"):
        fold_conv_bn(conv, nn.BatchNorm2d(4))
    with pytest.raises(ValueError, match="track_running_stats=False"):
        fold_conv_bn(conv, nn.BatchNorm2d(3, track_running_stats=False))
    with pytest.raises(TypeError, match="model must be an nn.Module, got str"):
        fold_batch_norm("resnet50")
    with pytest.raises(TypeError, match="inplace must be True or False"):
        fold_batch_norm(conv, inplace=1)
