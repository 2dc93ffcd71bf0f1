"""Start-up time of the command line against a bare interpreter: a plain script, not a test.

    python tests/benchmarks/startup.py [--runs N]

Runs each command N times in a fresh process and prints the median wall-clock time and the
spread (fastest to slowest), and the median minus that of ``python -c pass``: what cnnref
itself costs. The goal for ``cnnref shape`` and ``cnnref --help`` is under 0.3 s, which they
meet by never importing torch.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "cnnref shape conv --size 224 --kernel 7 --stride 2 --padding 3": [
        sys.executable, "-m", "cnnref", "shape", "conv", "--size", "224", "--kernel", "7", "--stride", "2", "--padding", "3",
    ],
    "cnnref --help": [sys.executable, "-m", "cnnref", "--help"],
}


def times(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` fresh runs of ``command`` (after one warm-up run)."""
    subprocess.run(command, check=True, capture_output=True)
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        result.append(time.perf_counter() - start)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    runs = parser.parse_args().runs
    baseline = None
    for label, command in COMMANDS.items():
        measured = times(command, runs)
        median = statistics.median(measured)
        baseline = median if baseline is None else baseline
        print(
            f"{label:<66} median {median:.3f} s  spread {min(measured):.3f}-{max(measured):.3f} s"
            f"  (+{median - baseline:.3f} s over python -c pass)"
        )


if __name__ == "__main__":
    main()
