"""The reader's and the writer's loops, timed: a plain script, not a test (these machines are
noisy, so no test may depend on a time).

    python tests/benchmarks/loops.py [--runs N] [--only ROW ...]

Rows (issue #15's table): ``make test``, the strict build (``make build``), the live rebuild of
``mkdocs serve`` after a prose edit of a concept page (from the write to "Reloading browsers"),
the first ``make serve`` of a fresh clone (install and build, to the first "Serving on"), and
``cnnref --help``. Each row runs N times (default 3) and prints the median and the spread
(fastest to slowest). Run it from the repository root with ``make .venv/.installed`` done.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EDITED = ROOT / "docs" / "concepts" / "max-pooling.en.md"


def _timed(command: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(process: subprocess.Popen[str], pattern: str, timeout: float) -> float:
    """Read ``process``'s output until a line matches ``pattern``; the time it took."""
    start = time.perf_counter()
    assert process.stdout is not None
    for line in process.stdout:
        if re.search(pattern, line):
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            break
    raise RuntimeError(f"no line matching {pattern!r} within {timeout:.0f} s")


def _serve(cwd: Path, command: list[str]) -> subprocess.Popen[str]:
    # A session of its own: _stop ends make and the mkdocs it started.
    return subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def _stop(server: subprocess.Popen[str]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait()


def live_rebuild() -> float:
    """Seconds from a prose edit of a concept page to the served site's reload (``make serve``),
    checked: the served page then has the edit."""
    port = _free_port()
    server = _serve(ROOT, ["make", "serve", f"PORT={port}"])
    original = EDITED.read_text(encoding="utf-8")
    try:
        _wait_for(server, r"Serving on", 600)
        time.sleep(1)  # let the watcher settle
        EDITED.write_text(original.replace("\n\n", "\n\nEdited. \n\n", 1), encoding="utf-8")
        seconds = _wait_for(server, r"Reloading browsers", 600)
        url = f"http://127.0.0.1:{port}/en/{EDITED.relative_to(ROOT / 'docs').with_suffix('').with_suffix('')}/"
        if "Edited." not in urllib.request.urlopen(url).read().decode():
            raise RuntimeError(f"{url} does not show the edit after the rebuild")
        return seconds
    finally:
        EDITED.write_text(original, encoding="utf-8")
        _stop(server)


def first_serve() -> float:
    """Seconds from ``make serve`` in a fresh clone to its first "Serving on"."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "cnnref"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        start = time.perf_counter()
        server = _serve(clone, ["make", "serve", f"PORT={_free_port()}"])
        try:
            _wait_for(server, r"Serving on", 1800)
            return time.perf_counter() - start
        finally:
            _stop(server)
            shutil.rmtree(clone, ignore_errors=True)


ROWS: dict[str, Callable[[], float]] = {
    "make test": lambda: _timed(["make", "test"]),
    "make build": lambda: _timed(["make", "build"]),
    "live rebuild": live_rebuild,
    "first make serve": first_serve,
    "cnnref --help": lambda: _timed([str(VENV / "python"), "-m", "cnnref", "--help"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per row (default 3)")
    parser.add_argument("--only", nargs="+", choices=ROWS, default=list(ROWS), metavar="ROW",
                        help=f"the rows to time (default all: {', '.join(ROWS)})")
    options = parser.parse_args()
    for row in options.only:
        measured = [ROWS[row]() for _ in range(options.runs)]
        print(f"{row:<18} median {statistics.median(measured):7.2f} s  "
              f"spread {min(measured):.2f}-{max(measured):.2f} s  ({options.runs} runs)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
