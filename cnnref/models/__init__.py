"""The classic CNNs, each as its paper built it and as torchvision ships it.

经典卷积神经网络：既有论文原版，也有与 torchvision 兼容的版本。

Examples:
    >>> from cnnref.models import get_model, list_models
    >>> len(list_models()) > 0
    True
"""

from ._input import InputSpec, Network
from ._registry import (
    METRICS, SOURCES, Figure, ModelInfo, Paper, get_model, list_models, model_info, register_model,
)
from .alexnet import AlexNet, AlexNetPaper, alexnet, alexnet_paper
from .googlenet import GoogLeNet, GoogLeNetOutputs, GoogLeNetPaper, googlenet, googlenet_loss, googlenet_paper
from .lenet import LeNet5Paper, LeNet5Tutorial, lenet5_paper, lenet5_tutorial
from .nin import NiN, nin_paper
from .resnet import (
    BasicBlock, Bottleneck, CifarResNet, ResNet,
    resnet18, resnet18_paper, resnet20_paper, resnet32_paper, resnet34, resnet34_paper, resnet44_paper,
    resnet50, resnet50_paper, resnet56_paper, resnet101, resnet101_paper, resnet110_paper, resnet152,
    resnet152_paper,
)
from .vgg import (
    VGG, VGGPaper, vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, vgg19_bn,
    vgg_a_lrn_paper, vgg_a_paper, vgg_b_paper, vgg_c_paper, vgg_d_paper, vgg_e_paper,
)

__all__ = [
    "InputSpec", "Network", "METRICS", "SOURCES", "Figure", "ModelInfo", "Paper",
    "get_model", "list_models", "model_info", "register_model",
    "AlexNet", "AlexNetPaper", "alexnet", "alexnet_paper",
    "GoogLeNet", "GoogLeNetOutputs", "GoogLeNetPaper", "googlenet", "googlenet_loss", "googlenet_paper",
    "LeNet5Paper", "LeNet5Tutorial", "lenet5_paper", "lenet5_tutorial",
    "NiN", "nin_paper",
    "BasicBlock", "Bottleneck", "CifarResNet", "ResNet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnet18_paper", "resnet34_paper", "resnet50_paper", "resnet101_paper", "resnet152_paper",
    "resnet20_paper", "resnet32_paper", "resnet44_paper", "resnet56_paper", "resnet110_paper",
    "VGG", "VGGPaper", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "vgg_a_paper", "vgg_a_lrn_paper", "vgg_b_paper", "vgg_c_paper", "vgg_d_paper", "vgg_e_paper",
]
