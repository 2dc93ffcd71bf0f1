"""The shared training helper: the digits split, determinism, the history, the progress line
(rank 0 only, silent unless asked) and the sampler seam."""

import sys

import pytest
import torch
from torch import nn
from torch.utils.data import SequentialSampler

from cnnref import training
from cnnref.training import TEST_IMAGES, digits, is_logging_rank, train


def small_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 10))


@pytest.fixture(scope="module")
def data8():
    return digits(size=8)


def test_digits_split_and_sizes():
    data = digits()
    assert data.train_images.shape == (1_797 - TEST_IMAGES, 1, 32, 32) and data.test_images.shape == (TEST_IMAGES, 1, 32, 32)
    assert 0 <= data.train_images.min() and data.train_images.max() <= 1
    # The 4-pixel margin of the LeNet page is background.
    assert data.train_images[:, :, :4].abs().max() == 0 and data.train_images[:, :, :, -4:].abs().max() == 0
    assert sorted(data.test_labels.unique().tolist()) == list(range(10))
    other = digits(size=32, seed=1)
    assert not torch.equal(other.test_labels, data.test_labels)
    assert digits(size=30).train_images.shape[-2:] == (30, 30)


@pytest.mark.parametrize(("size", "error", "message"), [
    (7, ValueError, "size must be at least 8"), ("32", TypeError, "size must be an int"),
])
def test_bad_sizes(size, error, message):
    with pytest.raises(error, match=message):
        digits(size=size)


def test_missing_scikit_learn_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(ImportError, match=r"pip install cnnref\[examples\]"):
        digits()


def test_same_seed_same_run_and_the_history(data8):
    first = train(small_model(), data8, epochs=2, lr=1e-2)
    second = train(small_model(), data8, epochs=2, lr=1e-2)
    assert [(e.loss, e.test_accuracy) for e in first.epochs] == [(e.loss, e.test_accuracy) for e in second.epochs]
    other = train(small_model(), data8, epochs=2, lr=1e-2, seed=1)
    assert other.final.loss != first.final.loss
    assert first.epochs[1].loss < first.epochs[0].loss and first.final.test_accuracy > 0.9
    assert first.seconds == pytest.approx(sum(e.seconds for e in first.epochs)) and first.seconds > 0
    assert first.cpu_seconds == pytest.approx(sum(e.cpu_seconds for e in first.epochs)) and first.cpu_seconds > 0


def test_the_sampler_is_the_seam(data8):
    """A sampler of our own decides the order (a DistributedSampler would go there); one with
    set_epoch is told each epoch."""

    class Recording(SequentialSampler):
        def __init__(self, source):
            super().__init__(source)
            self.epochs = []

        def set_epoch(self, epoch):
            self.epochs.append(epoch)

    sampler = Recording(range(len(data8.train_labels)))
    history = train(small_model(), data8, epochs=3, lr=1e-2, sampler=sampler)
    assert sampler.epochs == [0, 1, 2] and len(history.epochs) == 3
    assert history.final.loss != train(small_model(), data8, epochs=3, lr=1e-2).final.loss


def test_progress_on_request_only(data8, capsys):
    train(small_model(), data8, epochs=1)
    assert capsys.readouterr().err == ""
    train(small_model(), data8, epochs=2, progress=True, lang="zh")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[1].startswith("第 2/2 轮  损失 ")


def test_only_rank_0_logs(monkeypatch, data8, capsys):
    """Alone, and as rank 0 of a real (one-process, gloo) group, this process logs; train asks
    is_logging_rank and stays silent where it says no (another rank)."""
    assert is_logging_rank()
    store = torch.distributed.HashStore()
    torch.distributed.init_process_group("gloo", store=store, rank=0, world_size=1)
    try:
        assert is_logging_rank()
    finally:
        torch.distributed.destroy_process_group()
    monkeypatch.setattr(training, "is_logging_rank", lambda: False)
    train(small_model(), data8, epochs=1, progress=True)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    (dict(epochs=0), ValueError, "epochs must be positive"),
    (dict(epochs=1, batch_size=2.0), TypeError, "batch_size must be an int"),
    (dict(epochs=1, lang="fr"), ValueError, "lang must be one of"),
])
def test_bad_arguments(data8, kwargs, error, message):
    with pytest.raises(error, match=message):
        train(small_model(), data8, **kwargs)


def test_history_prints_the_table_the_plot_marker_reads():
    from cnnref.site.plots import printed_table

    history = training.History([training.Epoch(0.5, 0.8, 0.9, 1.0, 1.0), training.Epoch(0.25, 0.9, 0.95, 1.0, 1.0)])
    session = "```pycon\n>>> print(history)\n" + str(history) + "\n```\n"
    assert printed_table(session) == {"epoch": [1.0, 2.0], "loss": [0.5, 0.25], "train_accuracy": [0.8, 0.9],
                                      "test_accuracy": [0.9, 0.95]}


def test_train_restores_the_thread_count(data8):
    before = torch.get_num_threads()
    train(small_model(), data8, epochs=1, threads=1)
    assert torch.get_num_threads() == before
    with pytest.raises(ValueError, match=r"threads must be positive \(at least 1\), got 0"):
        train(small_model(), data8, epochs=1, threads=0)


def test_train_model_refuses_a_model_whose_output_is_not_class_scores():
    with pytest.raises(ValueError, match="lenet5_paper outputs distances"):
        training.train_model("lenet5_paper", epochs=1)
