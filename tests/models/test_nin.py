"""Network In Network as the paper describes it: mlpconv layers, pooling and dropout after the
first two, one map per class and global average pooling, no fully connected layer."""

import pytest
import torch
from torch import nn

from cnnref.models import NiN, model_info, nin_paper
from cnnref.models.nin import CIFAR10_CHANNELS
from tests.models.conftest import meta, parameters


def test_structure_follows_sections_3_and_4():
    model = meta(nin_paper)
    assert list(model.features._modules) == ["mlpconv1", "pool1", "drop1", "mlpconv2", "pool2", "drop2", "mlpconv3"]
    for block, kernel in zip((model.features.mlpconv1, model.features.mlpconv2, model.features.mlpconv3), (5, 5, 3)):
        convs = [m for m in block if isinstance(m, nn.Conv2d)]
        assert [c.kernel_size for c in convs] == [(kernel, kernel), (1, 1), (1, 1)]
        assert sum(isinstance(m, nn.ReLU) for m in block) == 3
    assert not any(isinstance(m, nn.Linear) for m in model.modules())
    assert model.features.mlpconv3.cccp2.out_channels == 10 and isinstance(model.gap, nn.AdaptiveAvgPool2d)


def test_feature_maps_halve_32_16_8_and_gap_averages_each_class_map():
    torch.manual_seed(0)
    model = nin_paper().eval()
    x = torch.randn(2, 3, 32, 32)
    assert model.features[:2](x).shape == (2, 96, 16, 16)
    maps = model.features(x)
    assert maps.shape == (2, 10, 8, 8)
    torch.testing.assert_close(model(x), maps.mean(dim=(2, 3)))


def test_parameters_are_the_sum_of_the_layers():
    widths = (*CIFAR10_CHANNELS, 10)
    ins = (3, *widths[:-1])
    kernels = (5, 1, 1, 5, 1, 1, 3, 1, 1)
    assert parameters(meta(nin_paper)) == sum(i * o * k * k + o for i, o, k in zip(ins, widths, kernels)) == 966_986


def test_scaled_down_widths_and_their_checks():
    model = NiN(num_classes=10, in_channels=1, channels=(16,) * 8).eval()
    assert model(torch.zeros(1, 1, 16, 16)).shape == (1, 10)
    with pytest.raises(ValueError, match="channels must be 8 widths"):
        NiN(channels=(16,) * 7)
    with pytest.raises(ValueError, match=r"channels\[2\] must be a positive int"):
        NiN(channels=(16, 16, 0, 16, 16, 16, 16, 16))


def test_registry_entry():
    info = model_info("nin_paper")
    assert (info.title, info.paper.year, info.input_size, info.min_size) == ("NiN", 2014, (3, 32, 32), (4, 4))
    assert [f.value for f in info.figures] == [10.41, 8.81]
