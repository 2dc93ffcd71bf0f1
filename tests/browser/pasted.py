"""Code run as a reader pastes it into a fresh ``python``, without paying ``import torch`` for
each paste: every paste runs in its own process, forked from a server process that has
imported torch and nothing of the paste (multiprocessing's forkserver). The paste sees what
``python -c`` gives it - a fresh ``__main__`` namespace, ``sys.argv == ["-c"]``, a random seed of
its own for torch, as a new process draws one - and must import torch itself."""

from __future__ import annotations

import builtins
import contextlib
import io
import multiprocessing
import os
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor

import torch


def run_as_pasted(code: str, cwd: str) -> str | None:
    """Run ``code`` as ``python -c code`` in ``cwd`` would; the traceback if it fails, else None.
    Its output is dropped."""
    os.chdir(cwd)
    sys.argv = ["-c"]
    torch.seed()  # a new process's own seed, not the server's (Python's random reseeds at fork)
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        try:
            exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": builtins})
        except SystemExit as exit:  # what `python -c` makes of it: status 0 for exit(0) or exit(None)
            if exit.code not in (0, None):
                return f"SystemExit: {exit.code}"
        except BaseException:
            traceback.print_exc()
            return stderr.getvalue()
    return None


def pasting_pool(workers: int) -> ProcessPoolExecutor:
    """A pool that runs each submitted paste in a new process, ``workers`` at a time."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["torch", __name__])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, max_tasks_per_child=1)
