"""The paste runner of the browser tests (``pasted``): each paste as in a fresh ``python -c``."""

import pytest

from .pasted import pasting_pool, run_as_pasted


@pytest.fixture(scope="module")
def pool():
    with pasting_pool(workers=1) as pool:
        yield pool


def paste(pool, code: str) -> str | None:
    return pool.submit(run_as_pasted, code, ".").result(timeout=60)


def test_a_paste_that_runs_passes_and_one_that_fails_gives_its_traceback(pool):
    assert paste(pool, "import torch\nassert torch.ones(2).sum() == 2") is None
    failure = paste(pool, "x = torch.ones(2)")  # torch is imported in the server, not in the paste
    assert failure.startswith("Traceback") and failure.splitlines()[-1] == "NameError: name 'torch' is not defined"
    assert paste(pool, "raise SystemExit(3)") == "SystemExit: 3"
    assert paste(pool, "import sys; sys.exit(0)") is None


def test_no_paste_sees_what_an_earlier_one_did(pool, tmp_path):
    seed = tmp_path / "seed"
    assert paste(pool, f"import torch, sys; torch.marked = sys.marked = 1\n"
                       f"open({str(seed)!r}, 'w').write(str(torch.initial_seed()))") is None
    assert paste(pool, "import torch, sys\n"
                       "assert not hasattr(torch, 'marked') and not hasattr(sys, 'marked')\n"
                       f"assert torch.initial_seed() != int(open({str(seed)!r}).read()), 'a seed of its own'\n"
                       "assert sys.argv == ['-c'] and __name__ == '__main__'") is None
