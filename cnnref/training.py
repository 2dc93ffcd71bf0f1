"""The one training helper of the pages: a model on scikit-learn's bundled handwritten digits
(1,797 images of 8×8 pixels, nothing downloaded), seeded and deterministic, with a history of
each epoch's loss and accuracies.

各页面共用的训练工具：在 scikit-learn 自带的手写数字数据集（1,797 张 8×8 图像，无需下载）上训练
模型，固定随机种子、结果可复现，并记录每一轮的损失与准确率。

scikit-learn is not a dependency of the package: ``pip install cnnref[examples]`` brings it.

The same ``train`` runs unchanged under ``torchrun`` with ``DistributedDataParallel``: the
images' order comes from a ``DistributedSampler``, and only rank 0 prints. ``train_model`` is the
command line's entry (``cnnref train NAME``): it joins the process group ``torchrun`` set up
(gloo on CPUs, NCCL on GPUs), trains a registered model and saves its weights from rank 0.

同一个 ``train`` 可以原样在 ``torchrun`` + ``DistributedDataParallel`` 下运行：训练样本的顺序来自
``DistributedSampler``，只有 0 号进程打印进度。``train_model`` 是命令行 ``cnnref train NAME`` 的入口：
加入 ``torchrun`` 建立的进程组（CPU 用 gloo，GPU 用 NCCL），训练一个已注册的模型，并由 0 号进程保存权重。

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
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.utils.data import DataLoader, DistributedSampler, Sampler, TensorDataset

from cnnref._args import as_int, check_min
from cnnref.i18n import analysis_text

__all__ = ["Digits", "Epoch", "History", "digits", "is_logging_rank", "train", "train_model"]

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

    def __str__(self) -> str:
        """The epochs as a table (the ``plot`` marker of the pages draws it): loss to 4 decimals,
        accuracies to 3. 按表格列出各轮（页面的 ``plot`` 标记据此画图）。

        >>> from cnnref.training import Epoch, History
        >>> print(History([Epoch(1.23456, 0.5, 0.75, 1.0, 1.0)]))
        epoch    loss  train_accuracy  test_accuracy
            1  1.2346           0.500          0.750
        """
        lines = ["epoch    loss  train_accuracy  test_accuracy"]
        lines += [f"{i:5d}  {e.loss:6.4f}  {e.train_accuracy:14.3f}  {e.test_accuracy:13.3f}"
                  for i, e in enumerate(self.epochs, 1)]
        return "\n".join(lines)


def _process() -> tuple[int, int]:
    """(rank, world size): (0, 1) alone, the process group's under ``torchrun``."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


def is_logging_rank() -> bool:
    """Whether this process prints: always alone, rank 0 only under ``torch.distributed``.

    当前进程是否打印进度：单进程时总是，分布式时只有 0 号进程。

    >>> from cnnref.training import is_logging_rank
    >>> is_logging_rank()
    True
    """
    return _process()[0] == 0


@torch.no_grad()
def _accuracy(model: nn.Module, images: Tensor, labels: Tensor, batch_size: int) -> float:
    model.eval()
    right = sum(int((model(x).argmax(dim=1) == y).sum()) for x, y in zip(images.split(batch_size), labels.split(batch_size)))
    return right / len(labels)


def _epoch(model: nn.Module, batches: Iterable[tuple[Tensor, Tensor]], optimizer: torch.optim.Optimizer,
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
          device: str | torch.device = "cpu", threads: int | None = 1, progress: bool | None = None,
          lang: str = "en") -> History:
    """Train ``model`` with Adam on ``data.train_*`` and measure it on ``data.test_*`` after
    every epoch. Deterministic for a given ``seed``: it seeds the global generator (dropout) and
    the order of the images.

    Under ``torchrun`` (a process group initialised) the same call trains with
    ``DistributedDataParallel``: each process takes ``batch_size`` images of every step from a
    ``DistributedSampler``, the gradients are averaged across processes, and only rank 0 prints.
    The order of the images is the same permutation for any number of processes, so ``P``
    processes with ``batch_size`` images each compute the steps of one process with
    ``P × batch_size``.

    用 Adam 在 ``data.train_*`` 上训练 ``model``，每轮结束后在 ``data.test_*`` 上测量；给定 ``seed`` 时结果
    确定。在 ``torchrun`` 下（已初始化进程组）同一调用改用 ``DistributedDataParallel``：每个进程每步从
    ``DistributedSampler`` 取 ``batch_size`` 张图像，梯度在进程间取平均，只有 0 号进程打印。

    Args:
        model: the network, ``(N, 10)`` logits out; moved to ``device``.
        data: from ``digits``.
        epochs: passes over the training images.
        lr: Adam's learning rate.
        batch_size: images per step (per process under ``torchrun``).
        seed: seeds the images' order and ``torch``'s global generator.
        sampler: the order of the training images (default: a seeded ``DistributedSampler`` over
            this process's share, all of them alone); its ``set_epoch`` is called every epoch.
        loss_fn: ``loss_fn(logits, labels)``.
        device: where to train (``"cuda:0"`` …); the images move there batch by batch.
        threads: CPU threads for the run, restored after; 1 by default, since layers this small
            gain nothing from more; ``None`` leaves the setting alone.
        progress: a line per epoch to stderr, on the logging rank only; ``None``: if stderr is a terminal.
        lang: the language of the progress line.

    Returns:
        The run's ``History``.

    Raises:
        TypeError, ValueError: a bad ``epochs``, ``batch_size`` or ``threads``.
    """
    epochs = check_min("epochs", as_int("epochs", epochs), 1)
    batch_size = check_min("batch_size", as_int("batch_size", batch_size), 1)
    if threads is not None:
        threads = check_min("threads", as_int("threads", threads), 1)
    text = analysis_text(lang)["train_progress"]
    show = (sys.stderr.isatty() if progress is None else progress) and is_logging_rank()
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(threads or previous_threads)
    try:
        torch.manual_seed(seed)
        model.to(device)
        rank, world = _process()
        dataset = TensorDataset(data.train_images, data.train_labels)
        order = sampler or DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=seed)
        loader = DataLoader(dataset, batch_size=batch_size, sampler=order)
        trained = nn.parallel.DistributedDataParallel(model) if world > 1 else model
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        history = History()
        for epoch in range(epochs):
            if hasattr(order, "set_epoch"):
                order.set_epoch(epoch)
            start, cpu_start = time.perf_counter(), time.process_time()
            batches = ((x.to(device), y.to(device)) for x, y in loader)
            loss, train_accuracy = _epoch(trained, batches, optimizer, loss_fn)
            test_accuracy = _accuracy(model, data.test_images.to(device), data.test_labels.to(device), 256)
            history.epochs.append(Epoch(loss, train_accuracy, test_accuracy, time.perf_counter() - start,
                                        time.process_time() - cpu_start))
            if show:
                print(text.format(epoch=epoch + 1, epochs=epochs, loss=loss, train=train_accuracy,
                                  test=test_accuracy, seconds=history.final.seconds), file=sys.stderr)
    finally:
        torch.set_num_threads(previous_threads)
    return history


def _join_process_group() -> tuple[bool, str]:
    """Under ``torchrun`` (``WORLD_SIZE`` > 1), join its process group: (joined here, device)."""
    cuda = torch.cuda.is_available()
    device = f"cuda:{os.environ.get('LOCAL_RANK', '0')}" if cuda else "cpu"
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1 or torch.distributed.is_initialized():
        return False, device
    if cuda:
        torch.cuda.set_device(device)
    torch.distributed.init_process_group(backend="nccl" if cuda else "gloo")
    return True, device


def train_model(name: str, *, epochs: int, batch_size: int = 32, lr: float = 1e-3, seed: int = 0,
                size: int | None = None, save: str | None = None, progress: bool | None = None,
                lang: str = "en") -> History:
    """Train the registered model ``name`` (10 classes, 1 input channel) on the digits, alone or
    as one process of ``torchrun``, and save its ``state_dict`` to ``save`` from rank 0.

    训练已注册的模型 ``name``（10 类、单通道输入）；单进程或作为 ``torchrun`` 的一个进程运行，由 0 号进程
    把 ``state_dict`` 保存到 ``save``。

    Args:
        name: a name of ``cnnref.models.list_models()``.
        epochs: as for ``train``.
        batch_size: images per step, per process.
        lr: as for ``train``.
        seed: seeds the weights, the split and the images' order.
        size: the images' side (default: the model's input size).
        save: a path for the trained ``state_dict``, or ``None``.
        progress: as for ``train``.
        lang: as for ``train``.

    Returns:
        The run's ``History`` (rank 0's under ``torchrun``).

    Raises:
        ValueError: an unknown name, or a size the model does not take.

    >>> from cnnref.training import train_model
    >>> history = train_model("lenet5_tutorial", epochs=1)
    >>> history.final.test_accuracy > 0.5
    True
    """
    from cnnref.models import get_model, model_info

    joined, device = _join_process_group()
    try:
        size = model_info(name).input_size[-1] if size is None else size
        torch.manual_seed(seed)
        model = get_model(name, num_classes=10, in_channels=1)
        if hasattr(model, "logits"):  # lenet5_paper: its output is RBF distances, not class scores
            raise ValueError(f"{name} outputs distances, not class scores, so the cross-entropy loss "
                             "does not apply; train a model whose output is class scores, e.g. lenet5_tutorial")
        history = train(model, digits(size, seed=seed), epochs=epochs, lr=lr, batch_size=batch_size, seed=seed,
                        device=device, progress=progress, lang=lang)
        if save is not None and is_logging_rank():
            torch.save(model.state_dict(), save)
        return history
    finally:
        if joined:
            torch.distributed.destroy_process_group()
