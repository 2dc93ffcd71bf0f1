"""torchvision as a reference, without depending on it.

``torchvision_manifest.json`` (recorded by ``tests/data/record_torchvision_manifest.py`` in a
throwaway venv) holds each torchvision model's ``state_dict`` keys and shapes. Where
torchvision happens to be importable, :func:`assert_same_outputs` also compares outputs.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import torch
from torch import nn

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "torchvision_manifest.json"


@cache
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def assert_state_dict_matches(model: nn.Module, key: str) -> None:
    """``model`` has exactly torchvision's ``state_dict`` keys, in the same order, and shapes."""
    expected = manifest()["models"][key]["state_dict"]
    ours = {k: list(v.shape) for k, v in model.state_dict().items()}
    assert list(ours) == list(expected), (
        f"keys differ from torchvision {manifest()['torchvision']}: "
        f"missing {sorted(set(expected) - set(ours))[:5]}, extra {sorted(set(ours) - set(expected))[:5]}"
    )
    wrong = {k: (ours[k], v) for k, v in expected.items() if ours[k] != v}
    assert not wrong, f"shapes differ (ours, torchvision): {wrong}"


def assert_same_outputs(model: nn.Module, name: str, input_size: tuple[int, ...], **kwargs) -> None:
    """Load a randomly initialised torchvision model's weights into ``model`` with
    ``strict=True`` and compare eval-mode outputs. Skipped where torchvision is absent."""
    models = pytest.importorskip("torchvision.models")
    torch.manual_seed(0)
    reference = getattr(models, name)(weights=None, **kwargs).eval()
    model.load_state_dict(reference.state_dict(), strict=True)
    model.eval()
    x = torch.randn(input_size)
    with torch.no_grad():
        torch.testing.assert_close(model(x), reference(x))
