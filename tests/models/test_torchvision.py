"""Every torchvision-compatible model against real torchvision: the published figures of its
weights metadata, a strict ``load_state_dict`` and identical outputs, and feature extraction
with torchvision's own node names. Skipped where torchvision is absent (the suite's CPU torch);
``.ci/run`` runs them in a throwaway torchvision venv, where they must not skip."""

import pytest
import torch

from cnnref.models import get_model, list_models, model_info
from tests.models.conftest import assert_same_outputs, torchvision_models

pytestmark = pytest.mark.torchvision

TORCHVISION_NAMES = list_models(source="torchvision")
# Where torchvision's builder defaults differ from the published checkpoint's network.
TORCHVISION_KWARGS = {"googlenet": {"aux_logits": False, "init_weights": False}}


@pytest.mark.parametrize("name", TORCHVISION_NAMES)
def test_registry_figures_are_torchvisions_weights_metadata(name):
    meta = torchvision_models().get_model_weights(name).IMAGENET1K_V1.meta
    figures = {f.metric: f.value for f in model_info(name).figures}
    published = meta["_metrics"]["ImageNet-1K"]
    assert figures == {"params": meta["num_params"], "gmacs": meta["_ops"],
                       "acc@1": published["acc@1"], "acc@5": published["acc@5"]}


@pytest.mark.parametrize("name", TORCHVISION_NAMES)
def test_strict_load_and_identical_outputs(name):
    torchvision_models()  # skip before building a big model for nothing
    size = (2, 3, 64, 64) if name.startswith("resnet") or name == "alexnet" else (2, 3, 32, 32)
    kwargs = TORCHVISION_KWARGS.get(name, {})
    assert_same_outputs(get_model(name, **kwargs), name, size, **kwargs)


@pytest.mark.parametrize("name", ["resnet50", "googlenet"])
def test_feature_extraction_with_torchvisions_node_names(name):
    """torchvision's ``create_feature_extractor`` traces cnnref's model into the same graph:
    the same node names in training and eval mode, and the same features from the same weights."""
    models = torchvision_models()
    from torchvision.models.feature_extraction import create_feature_extractor, get_graph_node_names

    kwargs = TORCHVISION_KWARGS.get(name, {})
    torch.manual_seed(0)
    reference = getattr(models, name)(weights=None, **kwargs).eval()
    ours = get_model(name, **kwargs).eval()
    ours.load_state_dict(reference.state_dict(), strict=True)
    assert get_graph_node_names(ours) == get_graph_node_names(reference)
    nodes = [n for n in get_graph_node_names(reference)[1] if n.startswith(("layer", "inception", "maxpool"))]
    assert len(nodes) > 10
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        got = create_feature_extractor(ours, return_nodes=nodes)(x)
        expected = create_feature_extractor(reference, return_nodes=nodes)(x)
    assert list(got) == nodes
    for node in nodes:
        torch.testing.assert_close(got[node], expected[node], msg=node)
