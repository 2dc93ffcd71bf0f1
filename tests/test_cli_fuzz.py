"""Random argument lists never make the command line print a traceback: every one ends with
exit status 0 (done) or 2 (a bad argument, said on stderr).

``shape`` is fuzzed freely (it needs no tensors). ``summary`` gets random options, but a real
model name always comes with an ``--input`` the model refuses or that cannot be parsed, and
``list`` and ``compare`` always get a wrong argument: building models is what makes those
commands slow, and their full runs are tested in tests/test_cli.py.
"""

import contextlib
import io
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cnnref.cli import EXIT_USAGE, main

JUNK = st.sampled_from(["", "-", "--", "x", "1.5", "中文", "×", "--deep", "--sizes", "-k", "--kernal", "--lang=fr", "\t"])
NUMBER = st.integers(-3, 40).map(str) | st.sampled_from(["99999999999999999999", "-99999999999999999999", "007", "1_0"])
VALUE = NUMBER | st.tuples(NUMBER, NUMBER).map(",".join) | st.tuples(NUMBER, NUMBER, NUMBER).map(",".join)
VALUE = VALUE | st.sampled_from(["same", "valid", "SAME", ",", "3,", ",3"]) | JUNK

SHAPE_FLAGS = ["--size", "--kernel", "--stride", "--padding", "--dilation"]


@st.composite
def shape_argv(draw) -> list[str]:
    """``shape`` with a random layer and random options in random order, sometimes a flag
    without its value or a stray token."""
    argv = ["shape", draw(st.sampled_from(["conv", "pool", "conv", "pool", "dense", ""]))]
    for flag in draw(st.permutations(SHAPE_FLAGS)):
        if draw(st.integers(0, 5)):  # usually present
            argv += [flag, draw(VALUE)] if draw(st.integers(0, 9)) else [flag]
    if draw(st.booleans()):
        argv.append("--ceil-mode")
    if not draw(st.integers(0, 7)):
        argv.insert(draw(st.integers(0, len(argv))), draw(JUNK | VALUE))
    return argv


BAD_INPUT = st.sampled_from(
    ["0,3,224,224", "1,3,-5,224", "1,3,62,62", "1,1,224,224", "1,3,224", "a,b,c,d", "1,3,99999999999999999999,8",
     "1,3,1000000000,1000000000", "-1,3,224,224", "1,3,0,0", ""]
) | st.tuples(NUMBER, NUMBER, NUMBER, NUMBER).map(lambda t: ",".join(("1", "2") + t[2:]))  # 2 channels: refused


@st.composite
def other_argv(draw) -> list[str]:
    """``summary`` with options the model refuses; ``list``, ``compare`` and no command with
    at least one wrong argument."""
    command = draw(st.sampled_from(["summary", "summary", "list", "compare", "sumary", ""]))
    if command != "summary":
        return [command, *draw(st.lists(JUNK | st.sampled_from(["--input", "--depth", "zh"]), min_size=1, max_size=4))]
    name = draw(st.sampled_from(["alexnet", "resnet5", "ALEXNET", "alexnet_paper", "中文", "-"]))
    groups = [[name]]
    if name in ("alexnet", "alexnet_paper") or draw(st.booleans()):
        groups.append(["--input", draw(BAD_INPUT)])
    if draw(st.booleans()):
        groups.append(["--depth", draw(NUMBER | JUNK)])
    if draw(st.booleans()):
        groups.append(["--lang", draw(st.sampled_from(["en", "zh", "fr", ""]))])
    return [command, *(token for group in draw(st.permutations(groups)) for token in group)]


def check(status: int, out: str, err: str) -> None:
    assert status in (0, EXIT_USAGE), (status, out, err)
    assert "Traceback" not in out + err
    if status == 0:
        assert out and not err
    else:
        assert err.splitlines()[-1].startswith("cnnref"), err


def in_process(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    check(status, out.getvalue(), err.getvalue())


@given(shape_argv())
def test_shape_never_prints_a_traceback(argv):
    in_process(argv)


@given(other_argv())
def test_other_commands_never_print_a_traceback(argv):
    in_process(argv)


# A process start costs about a dozen in-process examples: 8 of the profile's 100 (83 of 1000).
@settings(max_examples=settings().max_examples // 12)
@given(shape_argv())
def test_in_a_subprocess_too(argv):
    result = subprocess.run([sys.executable, "-m", "cnnref", *argv], capture_output=True, text=True, timeout=60)
    check(result.returncode, result.stdout, result.stderr)
