import pytest
import torch
from torch import nn

from cnnref.models import get_model, list_models, model_info


def test_list_models_is_sorted_and_holds_the_documented_names():
    names = list_models()
    assert names == sorted(names)
    assert "alexnet" in names


@pytest.mark.parametrize("name", list_models())
def test_every_name_builds_and_documents_its_input_size(name):
    info = model_info(name)
    assert len(info.input_size) == 3 and all(isinstance(n, int) and n > 0 for n in info.input_size)
    with torch.device("meta"):
        model = get_model(name, num_classes=7)
    assert isinstance(model, nn.Module)
    model.eval()
    assert model(torch.zeros(1, *info.input_size, device="meta")).shape == (1, 7)


def test_unknown_name_lists_close_matches():
    with pytest.raises(ValueError, match=r"unknown model 'alexnett'; did you mean 'alexnet'"):
        get_model("alexnett")


def test_unknown_name_without_close_match_lists_all_names():
    with pytest.raises(ValueError, match="known models: .*alexnet"):
        get_model("transformer")


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="a model name is a str"):
        get_model(3)


def test_builder_kwargs_are_checked_by_the_builder():
    with pytest.raises(TypeError):
        get_model("alexnet", no_such_argument=1)
