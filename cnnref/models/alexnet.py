"""AlexNet: the torchvision-compatible network.

AlexNet：与 torchvision 兼容的版本。

torchvision follows the single-tower "one weird trick" variant (Krizhevsky, 2014):
64/192/384/256/256 kernels, no LRN, no two-GPU split, ``AdaptiveAvgPool2d((6, 6))`` and
dropout before the first two linear layers.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from ._input import check_input
from ._registry import register_model


class AlexNet(nn.Module):
    """torchvision's AlexNet: same module names and ``state_dict`` keys, so its checkpoints
    load with ``strict=True``. Input ``(N, 3, H, W)`` with H, W >= 63 (224 by design).

    与 torchvision 相同的 AlexNet：模块名与 ``state_dict`` 键一致，可直接加载其权重。

    >>> import torch
    >>> from cnnref.models.alexnet import AlexNet
    >>> AlexNet(num_classes=10).eval()(torch.zeros(1, 3, 63, 63)).shape
    torch.Size([1, 10])
    """

    # Smallest H, W for which the three 3×3/2 max pools still see a full window.
    min_size = (63, 63)

    def __init__(self, num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3) -> None:
        super().__init__()
        self.in_channels = in_channels
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x: Tensor) -> Tensor:
        check_input(x, model="AlexNet", in_channels=self.in_channels, min_size=self.min_size)
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


@register_model("alexnet", input_size=(3, 224, 224))
def alexnet(num_classes: int = 1000, dropout: float = 0.5, in_channels: int = 3) -> AlexNet:
    """torchvision-compatible AlexNet (61,100,840 parameters with 1000 classes); 224×224 input.

    与 torchvision 兼容的 AlexNet；输入 224×224。

    >>> from cnnref.models import alexnet
    >>> sum(p.numel() for p in alexnet().parameters())
    61100840
    """
    return AlexNet(num_classes=num_classes, dropout=dropout, in_channels=in_channels)
