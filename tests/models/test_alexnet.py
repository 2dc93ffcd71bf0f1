import pytest
import torch

from cnnref.models import alexnet
from tests.models.torchvision_reference import assert_same_outputs, assert_state_dict_matches, manifest


def test_parameters_match_torchvision():
    assert sum(p.numel() for p in alexnet().parameters()) == manifest()["models"]["alexnet"]["parameters"] == 61_100_840


def test_state_dict_matches_torchvision():
    with torch.device("meta"):
        assert_state_dict_matches(alexnet(), "alexnet")


def test_outputs_match_torchvision():
    assert_same_outputs(alexnet(), "alexnet", (2, 3, 96, 96))


def test_smallest_input_is_63():
    model = alexnet(num_classes=5).eval()
    assert model(torch.zeros(1, 3, 63, 63)).shape == (1, 5)
    with pytest.raises(ValueError, match=r"AlexNet expects 3 input channels and inputs of at least 63×63; got shape \(1, 3, 62, 63\)"):
        model(torch.zeros(1, 3, 62, 63))
    # Without the check, PyTorch itself fails one pixel below the minimum.
    with pytest.raises(RuntimeError):
        model.features(torch.zeros(1, 3, 62, 62))


def test_wrong_channels_are_named():
    with pytest.raises(ValueError, match=r"AlexNet expects 3 input channels.*got shape \(1, 1, 224, 224\)"):
        alexnet().eval()(torch.zeros(1, 1, 224, 224))


def test_in_channels_and_classes():
    model = alexnet(num_classes=10, in_channels=1).eval()
    assert model(torch.zeros(2, 1, 224, 224)).shape == (2, 10)
