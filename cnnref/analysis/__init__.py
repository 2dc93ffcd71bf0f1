"""Measure a model: parameters, multiply-adds (MACs), FLOPs and a per-layer table.

Counting convention, stated once and used everywhere: ``torch.utils.flop_counter``
counts the convolutions and matrix products of a forward pass and reports **2 FLOPs per
multiply-add**, so ``macs = flops // 2``. Pooling, activations and batch norm are not
counted. torchvision's model tables call their column "GFLOPS" but list GMACs
(resnet50: 4.089).

A model given by name is built on the ``meta`` device: shapes and counts without memory or
time spent on weights. Every pass runs in ``inference``: eval mode, no autograd, and the
caller's training modes and random state restored afterwards. ``trace`` is the one per-layer
tracer, which the layer table and ``cnnref.diagrams`` share.

模型分析：参数量、乘加次数（MACs）、浮点运算次数（FLOPs）与逐层表。
``torch.utils.flop_counter`` 对每次乘加计 2 个 FLOPs，因此 ``macs = flops // 2``；
池化、激活和批量归一化不计入。按名字给出的模型在 ``meta`` 设备上构建。每次前向计算都在
``inference`` 中进行：评估模式、不记录梯度，结束后恢复调用者的训练模式与随机状态。
"""

from cnnref.analysis.counts import Complexity, complexity, count_parameters, weight_layer_depth
from cnnref.analysis.context import inference
from cnnref.analysis.inputs import ModelLike, as_module, check_input_size, resolve
from cnnref.analysis.table import LayerRow, format_layer_table, layer_table
from cnnref.analysis.tracing import Call, trace

__all__ = [
    "Complexity",
    "count_parameters",
    "complexity",
    "weight_layer_depth",
    "LayerRow",
    "layer_table",
    "format_layer_table",
    "Call",
    "trace",
    "inference",
    "ModelLike",
    "as_module",
    "check_input_size",
    "resolve",
]
