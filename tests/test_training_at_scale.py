"""The training-at-scale page's commands, run as a reader types them: one process with the full
batch and ``torchrun`` with two processes of half the batch each end with the same weights.
The commands marked "not run here" (GPUs, several machines) are the only ones left out."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

PAGE = Path(__file__).resolve().parents[1] / "docs" / "training-at-scale.en.md"
BASH = re.compile(r"^```bash\n(.*?)^```$", re.S | re.M)


def commands() -> tuple[list[str], list[str]]:
    """(the commands the suite runs, the ones marked '# not run here')."""
    run, skipped = [], []
    for block in BASH.findall(PAGE.read_text(encoding="utf-8")):
        (skipped if block.startswith("# not run here") else run).append(block.strip())
    return run, skipped


def test_the_page_runs_all_but_the_gpu_and_cluster_commands():
    run, skipped = commands()
    assert len(run) == 2 and all("lenet5_tutorial" in c for c in run)
    assert [("--nproc_per_node=8" in c, "--nnodes=2" in c) for c in skipped] == [(True, False), (True, True)]


@pytest.mark.xdist_group("torchrun")
def test_two_processes_with_half_the_batch_end_with_the_weights_of_one(tmp_path):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "OMP_NUM_THREADS": "1"}
    for command in commands()[0]:
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        # Rank 0 alone prints the table: one header line, whatever the number of processes.
        assert done.stdout.count("epoch    loss") == 1, done.stdout
    one, two = (torch.load(tmp_path / f"{n}.pt", weights_only=True) for n in ("one", "two"))
    assert one.keys() == two.keys()
    # Up to rounding: weights near zero differ by a few 1e-7 after an epoch.
    assert all(torch.allclose(one[k], two[k], atol=1e-6) for k in one)
    assert any(not torch.equal(one[k], two[k]) for k in one)  # rounding differs: not a copy
