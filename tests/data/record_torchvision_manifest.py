"""Record torchvision's state_dict manifest (key -> shape) and parameter counts.

Run once in a throwaway venv that has torchvision (never a dependency of the suite):

    python3 -m venv /tmp/tvenv
    /tmp/tvenv/bin/pip install torch==2.14.1 torchvision==0.29.1
    /tmp/tvenv/bin/python tests/data/record_torchvision_manifest.py

It writes tests/data/torchvision_manifest.json next to this file.
"""

import json
from pathlib import Path

import torch
import torchvision
from torchvision import models

NAMES = [
    "alexnet",
    "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "googlenet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
]
# Extra entries: GoogLeNet with and without its auxiliary heads (weights=None builds
# them by default; the published 6,624,904 parameters are without).
VARIANTS = {
    "googlenet": {"aux_logits": False, "init_weights": False},
    "googlenet+aux": {"aux_logits": True, "init_weights": False},
}


def manifest(name: str, **kwargs) -> dict:
    with torch.device("meta"):
        model = getattr(models, name)(weights=None, **kwargs)
    return {
        "kwargs": kwargs,
        "parameters": sum(p.numel() for p in model.parameters()),
        "state_dict": {k: list(v.shape) for k, v in model.state_dict().items()},
    }


def main() -> None:
    record = {"torch": torch.__version__, "torchvision": torchvision.__version__, "models": {}}
    for name in NAMES:
        record["models"][name] = manifest(name)
    for key, kwargs in VARIANTS.items():
        record["models"][key] = manifest(key.split("+")[0], **kwargs)
    out = Path(__file__).with_name("torchvision_manifest.json")
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(record['models'])} models, torchvision {torchvision.__version__})")


if __name__ == "__main__":
    main()
