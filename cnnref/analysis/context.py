"""One forward pass without side effects: the context every analysis and every diagram runs in.

一次没有副作用的前向计算：所有分析与结构图都在这个上下文中运行。
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn


@contextmanager
def inference(module: nn.Module) -> Iterator[None]:
    """Eval mode and no autograd for the duration; afterwards the caller's training modes and
    the global random state are as they were (the CPU generator and those of the CUDA devices
    that hold the module's tensors), even if the pass raised.

    在上下文中使用评估模式、不记录梯度；结束后（即使出错）恢复调用者的训练模式与全局随机状态。

    Args:
        module: the module to run.

    >>> import torch
    >>> from torch import nn
    >>> from cnnref.analysis import inference
    >>> model = nn.Sequential(nn.Dropout(0.5)).train()
    >>> state = torch.get_rng_state()
    >>> with inference(model):
    ...     model.training, torch.is_grad_enabled(), torch.rand(1).shape
    (False, False, torch.Size([1]))
    >>> model.training, torch.equal(state, torch.get_rng_state())
    (True, True)
    """
    modes = {m: m.training for m in module.modules()}
    tensors = [*module.parameters(), *module.buffers()]
    cuda = sorted({t.device.index or 0 for t in tensors if t.device.type == "cuda"})
    try:
        with torch.random.fork_rng(devices=cuda), torch.no_grad():
            module.eval()
            yield
    finally:
        for m, training in modes.items():
            m.training = training
