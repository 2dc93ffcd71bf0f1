"""The one training helper of the pages: a model on scikit-learn's bundled handwritten digits
(1,797 images of 8×8 pixels, nothing downloaded), seeded and deterministic, with a history of
each epoch's loss and accuracies.

各页面共用的训练工具：在 scikit-learn 自带的手写数字数据集（1,797 张 8×8 图像，无需下载）上训练
模型，固定随机种子、结果可复现，并记录每一轮的损失与准确率。

scikit-learn is not a dependency of the package: ``pip install cnnref[examples]`` brings it.

Made to run unchanged under ``torchrun`` with ``DistributedDataParallel`` later: the order of
the training images comes from a ``sampler`` (pass a ``DistributedSampler`` there), and only the
process for which ``is_logging_rank()`` holds prints its progress.

为今后在 ``torchrun`` + ``DistributedDataParallel`` 下原样运行留好了接口：训练样本的顺序来自
``sampler``（可传入 ``DistributedSampler``），只有 ``is_logging_rank()`` 为真的进程打印进度。

>>> import torch
>>> from torch import nn
>>> from cnnref.training import digits, train
>>> data = digits(size=8)
>>> tuple(data.train_images.shape), tuple(data.test_images.shape)
((1400, 1, 8, 8), (397, 1, 8, 8))
>>> _ = torch.manual_seed(0)
>>> history = train(nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), data, epochs=3, lr=1e-2)
>>> len(history.epochs), history.final.test_accuracy > 0.9
(3, True)
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.utils.data import DataLoader, RandomSampler, Sampler, TensorDataset

from cnnref._args import as_int, check_min
from cnnref.i18n import analysis_text

__all__ = ["Digits", "Epoch", "History", "digits", "is_logging_rank", "train"]

#: How many of the 1,797 images are held out for testing (the LeNet page's split).
TEST_IMAGES = 397


@dataclass(frozen=True)
class Digits:
    """The digits, split once: images ``(N, 1, size, size)`` in ``[0, 1]`` and their labels.

    划分好的手写数字：图像 ``(N, 1, size, size)``，取值在 ``[0, 1]``，以及标签。
    """

    train_images: Tensor
    train_labels: Tensor
    test_images: Tensor
    test_labels: Tensor


def _load_digits() -> tuple[Tensor, Tensor]:
    """The 1,797 images ``(N, 8, 8)`` with values 0 to 16, and their labels."""
    try:
        # Imported by name: scikit-learn is optional and has no type stubs.
        load_digits = importlib.import_module("sklearn.datasets").load_digits
    except ImportError as error:
        raise ImportError(
            "the digits data set comes with scikit-learn, which cnnref does not require: "
            "pip install cnnref[examples]"
        ) from error
    data = load_digits()
    return torch.tensor(data.images, dtype=torch.float32), torch.tensor(data.target)


def digits(size: int = 32, *, seed: int = 0) -> Digits:
    """The digits scaled to ``[0, 1]`` and enlarged to ``size × size``: bilinear interpolation to
    three quarters of ``size``, then a background margin around (32: 24×24 and 4 pixels each
    side, as on the LeNet page). ``TEST_IMAGES`` of them, drawn with ``seed``, are held out.

    把手写数字缩放到 ``[0, 1]`` 并放大到 ``size × size``：先双线性插值到 ``size`` 的四分之三，再在四周
    加背景边距（32 时为 24×24 加每侧 4 像素）。用 ``seed`` 抽出 ``TEST_IMAGES`` 张作为测试集。

    Args:
        size: the side of the images, at least 8.
        seed: the seed of the split.

    Returns:
        The split data.

    Raises:
        ImportError: scikit-learn is not installed (the message says how to install it).
        TypeError, ValueError: a bad ``size`` or ``seed``.
    """
    size = as_int("size", size)
    if size < 8:
        raise ValueError(f"size must be at least 8 (the digits are 8×8), got {size}")
    images, labels = _load_digits()
    images = images.unsqueeze(1) / 16
    if size > 8:
        inner = 3 * size // 4
        margin = size - inner
        images = F.interpolate(images, size=(inner, inner), mode="bilinear")
        images = F.pad(images, (margin // 2, margin - margin // 2) * 2)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(as_int("seed", seed)))
    train_part, test_part = order[:-TEST_IMAGES], order[-TEST_IMAGES:]
    return Digits(images[train_part], labels[train_part], images[test_part], labels[test_part])


@dataclass(frozen=True)
class Epoch:
    """One epoch: the mean training loss, the accuracy on the training batches as they were
    seen, the accuracy on the held-out images after the epoch, the seconds it took on the clock,
    and the CPU seconds of this process (which other processes on a shared machine do not
    inflate).

    一轮训练：平均训练损失、训练批次上的准确率、本轮结束后在测试集上的准确率、实际用时（秒），以及
    本进程的 CPU 时间（秒，不受同一台机器上其他进程的影响）。
    """

    loss: float
    train_accuracy: float
    test_accuracy: float
    seconds: float
    cpu_seconds: float


@dataclass
class History:
    """Every epoch of a run, in order. 一次训练的每一轮记录。"""

    epochs: list[Epoch] = field(default_factory=list)

    @property
    def final(self) -> Epoch:
        """The last epoch."""
        return self.epochs[-1]

    @property
    def seconds(self) -> float:
        """The time of the whole run on the clock."""
        return sum(e.seconds for e in self.epochs)

    @property
    def cpu_seconds(self) -> float:
        """The CPU time of the whole run."""
        return sum(e.cpu_seconds for e in self.epochs)


def is_logging_rank() -> bool:
    """Whether this process prints: always alone, rank 0 only under ``torch.distributed``.

    当前进程是否打印进度：单进程时总是，分布式时只有 0 号进程。

    >>> from cnnref.training import is_logging_rank
    >>> is_logging_rank()
    True
    """
    distributed = torch.distributed.is_available() and torch.distributed.is_initialized()
    return not distributed or torch.distributed.get_rank() == 0


@torch.no_grad()
def _accuracy(model: nn.Module, images: Tensor, labels: Tensor, batch_size: int) -> float:
    model.eval()
    right = sum(int((model(x).argmax(dim=1) == y).sum()) for x, y in zip(images.split(batch_size), labels.split(batch_size)))
    return right / len(labels)


def _epoch(model: nn.Module, batches: Iterable[list[Tensor]], optimizer: torch.optim.Optimizer,
           loss_fn: Callable[[Tensor, Tensor], Tensor]) -> tuple[float, float]:
    """One pass over the training batches: mean loss and accuracy over the images seen."""
    model.train()
    total_loss, right, seen = 0.0, 0, 0
    for x, y in batches:
        logits = model(x)
        loss = loss_fn(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(y)
        right += int((logits.argmax(dim=1) == y).sum())
        seen += len(y)
    return total_loss / seen, right / seen


def train(model: nn.Module, data: Digits, *, epochs: int, lr: float = 1e-3, batch_size: int = 32, seed: int = 0,
          sampler: Sampler[int] | None = None, loss_fn: Callable[[Tensor, Tensor], Tensor] = F.cross_entropy,
          progress: bool | None = None, lang: str = "en") -> History:
    """Train ``model`` with Adam on ``data.train_*`` and measure it on ``data.test_*`` after
    every epoch. Deterministic for a given ``seed``: it seeds the global generator (dropout) and
    draws the batches from a generator of its own.

    用 Adam 在 ``data.train_*`` 上训练 ``model``，每轮结束后在 ``data.test_*`` 上测量；给定 ``seed`` 时结果确定。

    Args:
        model: the network, ``(N, 10)`` logits out.
        data: from ``digits``.
        epochs: passes over the training images.
        lr: Adam's learning rate.
        batch_size: images per step.
        seed: seeds the batches' order and ``torch``'s global generator.
        sampler: the order of the training images (default: a ``RandomSampler`` seeded by ``seed``);
            under ``torchrun`` a ``DistributedSampler``, whose ``set_epoch`` is called every epoch.
        loss_fn: ``loss_fn(logits, labels)``.
        progress: a line per epoch to stderr, on the logging rank only; ``None``: if stderr is a terminal.
        lang: the language of the progress line.

    Returns:
        The run's ``History``.

    Raises:
        TypeError, ValueError: a bad ``epochs`` or ``batch_size``.
    """
    epochs = check_min("epochs", as_int("epochs", epochs), 1)
    batch_size = check_min("batch_size", as_int("batch_size", batch_size), 1)
    text = analysis_text(lang)["train_progress"]
    torch.manual_seed(seed)
    dataset = TensorDataset(data.train_images, data.train_labels)
    order = sampler or RandomSampler(dataset, generator=torch.Generator().manual_seed(seed))
    loader = DataLoader(dataset, batch_size=batch_size, sampler=order)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    show = (sys.stderr.isatty() if progress is None else progress) and is_logging_rank()
    history = History()
    for epoch in range(epochs):
        if hasattr(order, "set_epoch"):
            order.set_epoch(epoch)
        start, cpu_start = time.perf_counter(), time.process_time()
        loss, train_accuracy = _epoch(model, loader, optimizer, loss_fn)
        test_accuracy = _accuracy(model, data.test_images, data.test_labels, 256)
        history.epochs.append(Epoch(loss, train_accuracy, test_accuracy, time.perf_counter() - start,
                                    time.process_time() - cpu_start))
        if show:
            print(text.format(epoch=epoch + 1, epochs=epochs, loss=loss, train=train_accuracy,
                              test=test_accuracy, seconds=history.final.seconds), file=sys.stderr)
    return history
