"""Helpers shared by the model tests: models on the meta device, parameter counts, the input
sizes a stack of layers accepts, and torchvision as a reference.

torchvision cannot be installed beside the suite's CPU torch, so ``torchvision_manifest.json``
(recorded by ``tests/data/record_torchvision_manifest.py``) holds each torchvision model's
``state_dict`` keys and shapes. The tests that need torchvision itself skip where it is absent
and say why; ``.ci/run`` runs them in a throwaway venv with torchvision, where
``CNNREF_TORCHVISION_TESTS=required`` turns a skip into a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import torch
from torch import nn

from cnnref.models import get_model
from cnnref.shapes import layer_window

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "torchvision_manifest.json"


def meta(builder: str | Callable[..., nn.Module], **kwargs: Any) -> nn.Module:
    """A model built on the meta device: shapes and counts without weights' memory or time."""
    with torch.device("meta"):
        return get_model(builder, **kwargs) if isinstance(builder, str) else builder(**kwargs)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------- input sizes


def feature_size(layers: nn.Module, size: int) -> int:
    """Height (= width) after every convolution and pooling window of ``layers``, in order, for
    a square input of side ``size``; ``ValueError`` where PyTorch would fail."""
    for m in layers.modules():
        window = layer_window(m)
        if window is not None:
            size = window.output_size(size)[0]
    return size


def accepted_sizes(layers: nn.Module, sizes: Iterable[int], final: int | None = None) -> list[int]:
    """The sizes in ``sizes`` that ``layers`` can take (and that end at ``final``, if given)."""
    ok = []
    for size in sizes:
        try:
            out = feature_size(layers, size)
        except ValueError:
            continue
        if final is None or out == final:
            ok.append(size)
    return ok


# --------------------------------------------------------------------------- torchvision


@cache
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def torchvision_models() -> ModuleType:
    """``torchvision.models``; skipped where torchvision is absent, unless CI requires it."""
    if os.environ.get("CNNREF_TORCHVISION_TESTS") == "required":
        import torchvision.models

        return torchvision.models
    return pytest.importorskip(
        "torchvision.models",
        reason="torchvision is not installed beside this torch; .ci/run runs these tests in a torchvision venv",
    )


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


def assert_same_outputs(model: nn.Module, name: str, input_size: tuple[int, ...], **kwargs: Any) -> None:
    """Load a randomly initialised torchvision model's weights into ``model`` with
    ``strict=True`` and compare eval-mode outputs."""
    models = torchvision_models()
    torch.manual_seed(0)
    reference = getattr(models, name)(weights=None, **kwargs).eval()
    model.load_state_dict(reference.state_dict(), strict=True)
    model.eval()
    x = torch.randn(input_size)
    with torch.no_grad():
        torch.testing.assert_close(model(x), reference(x))
