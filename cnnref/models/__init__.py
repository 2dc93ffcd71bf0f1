"""The classic CNNs, each as its paper built it and as torchvision ships it.

经典卷积神经网络：既有论文原版，也有与 torchvision 兼容的版本。

>>> from cnnref.models import get_model, list_models
>>> len(list_models()) > 0
True
"""

from ._registry import ModelInfo, get_model, list_models, model_info, register_model
from .alexnet import AlexNet, AlexNetPaper, alexnet, alexnet_paper
from .googlenet import GoogLeNet, GoogLeNetOutputs, GoogLeNetPaper, googlenet, googlenet_loss, googlenet_paper
from .lenet import LeNet5, LeNet5Modern, lenet5, lenet5_modern
from .resnet import (
    BasicBlock, Bottleneck, CifarResNet, ResNet, resnet18, resnet20, resnet32, resnet34, resnet44,
    resnet50, resnet56, resnet101, resnet110, resnet152,
)
from .vgg import (
    VGG, VGGPaper, vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, vgg19_bn,
    vgg_a, vgg_a_lrn, vgg_b, vgg_c, vgg_d, vgg_e, vgg_paper,
)

__all__ = [
    "ModelInfo", "get_model", "list_models", "model_info", "register_model",
    "AlexNet", "AlexNetPaper", "alexnet", "alexnet_paper",
    "GoogLeNet", "GoogLeNetOutputs", "GoogLeNetPaper", "googlenet", "googlenet_loss", "googlenet_paper",
    "LeNet5", "LeNet5Modern", "lenet5", "lenet5_modern",
    "BasicBlock", "Bottleneck", "CifarResNet", "ResNet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnet20", "resnet32", "resnet44", "resnet56", "resnet110",
    "VGG", "VGGPaper", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "vgg_paper", "vgg_a", "vgg_a_lrn", "vgg_b", "vgg_c", "vgg_d", "vgg_e",
]
