"""The command line: in a subprocess where the process matters (pipes, encodings, signals,
exit codes, imports), in-process through ``main(argv)`` for the rest."""

import io
import os
import resource
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from cnnref import shapes
from cnnref.cli import EXIT_INTERRUPTED, EXIT_OUTPUT, EXIT_PIPE, EXIT_USAGE, main

SCRIPT = Path(sysconfig.get_path("scripts")) / "cnnref"
SHAPE = ["shape", "conv", "--size", "224", "--kernel", "7", "--stride", "2", "--padding", "3"]


def cnnref(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cnnref", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})}, **kwargs,
    )


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


# --------------------------------------------------------------------------- subprocess
# Only what the process itself decides: the installed script, what the interpreter does at exit
# after a closed pipe or a full disk, signals, the terminal encoding Python picks from the
# environment, and which modules a fresh interpreter imports. Each start that imports torch
# costs seconds, so the ones here run commands that do not.


def test_console_script_runs_main():
    result = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: cnnref [-h]") and result.stderr == ""


def test_a_closed_pipe_ends_quietly():
    """The reader is gone before the first write (``cnnref shape ... | true``, deterministically):
    no message, exit status 128 + SIGPIPE, also from the interpreter's final flush."""
    for args in (["--help"], SHAPE):
        process = subprocess.Popen(
            [sys.executable, "-m", "cnnref", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        process.stdout.close()
        err = process.stderr.read()
        assert process.wait(timeout=120) == EXIT_PIPE, err
        assert err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [SHAPE, ["--help"], ["shape", "--help"]])
def test_a_full_disk_is_one_line(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cnnref", *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert result.returncode == EXIT_OUTPUT
    assert result.stderr.endswith("error: cannot write the output: No space left on device\n")
    assert len(result.stderr.splitlines()) == 1


def test_ctrl_c_exits_130_without_a_traceback():
    process = subprocess.Popen(
        [sys.executable, "-m", "cnnref", "summary", "resnet152", "--depth", "6"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(1.5)  # past start-up, into torch's import or the analysis
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    # 130, or killed by the signal itself if it came during the interpreter's start-up (a
    # shell reports that as 130 too); either way nothing printed.
    assert process.returncode in (EXIT_INTERRUPTED, -signal.SIGINT), (process.returncode, err)
    assert err == "" and out == ""


# A torch whose import swallows a KeyboardInterrupt raised inside it, as torch's own does (a
# Ctrl-C about 0.7 s into `cnnref summary` once let the command run to its end and exit 0).
SWALLOWING_TORCH = """
import importlib.abc, importlib.util, os, signal, sys, types
class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return types.ModuleType(spec.name)
    def exec_module(self, module):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            sum(range(10**6))  # the handler runs here
        except KeyboardInterrupt:
            pass
class Finder:
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, Loader()) if name == "torch" else None
sys.meta_path.insert(0, Finder())
from cnnref.cli import _import_torch
try:
    _import_torch()
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_a_ctrl_c_that_the_torch_import_swallows_is_raised_after_it():
    assert subprocess.run([sys.executable, "-c", SWALLOWING_TORCH], timeout=60).returncode == EXIT_INTERRUPTED


ASCII = {"PYTHONIOENCODING": "ascii"}


def test_an_ascii_terminal_gets_ascii():
    """PYTHONIOENCODING=ascii reaches the command line: × falls back to x on stderr, and the
    commands that need no torch run (every command's ASCII output: test_ascii_streams_get_ascii)."""
    error = cnnref("shape", "conv", "--size", "8", "--kernel", "×", env=ASCII)
    assert error.returncode == EXIT_USAGE
    assert error.stderr == "cnnref shape: error: --kernel must be comma-separated integers, got 'x'\n"
    for args in (SHAPE, ["--help"], ["shape", "--help"]):
        result = cnnref(*args, env=ASCII)
        assert result.returncode == 0 and result.stderr == "", (args, result.stderr)


def test_chinese_on_an_ascii_terminal_is_one_clear_line():
    result = cnnref("summary", "alexnet", "--lang", "zh", env=ASCII)
    assert result.returncode == EXIT_USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("cnnref summary: error: this terminal's encoding (ascii) cannot show ")
    assert result.stderr.endswith(", which --lang zh prints; use a UTF-8 terminal, e.g. PYTHONIOENCODING=utf-8, or --lang en\n")


@pytest.mark.parametrize("args", [SHAPE, ["--help"], ["shape", "--help"], ["summary", "--help"], ["compare", "--help"]])
def test_shape_and_help_never_import_torch(args):
    code = (
        "import sys\nfrom cnnref.cli import main\nstatus = main(sys.argv[1:])\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\nsys.exit(status)"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- in-process

SHAPE_OPTIONS = {"--size": "size", "--kernel": "kernel_size", "--stride": "stride", "--padding": "padding", "--dilation": "dilation"}


def api_answer(layer: str, kwargs: dict) -> tuple[int, str]:
    """What the Python API says: the explanation (exit 0) or its error message (exit 2)."""
    explain = shapes.explain_conv_output_size if layer == "conv" else shapes.explain_pool_output_size
    try:
        return 0, explain(**kwargs) + "\n"
    except ValueError as error:
        return EXIT_USAGE, f"cnnref shape: error: {error}\n"


def test_list_shows_every_model(capsys):
    status, out, _ = run(["list"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert ["alexnet", "61,100,840", "parameters", "input", "3×224×224"] in [line.split() for line in lines]
    assert len(lines) >= 30


def test_summary_labels_macs_and_flops(capsys):
    status, out, err = run(["summary", "resnet50", "--depth", "1"], capsys)
    assert status == 0, err
    assert out.splitlines()[0] == "resnet50  input (1, 3, 224, 224)"
    assert ["layer4", "Sequential", "(1,", "2048,", "7,", "7)", "14,964,736", "809,238,528"] in [
        line.split() for line in out.splitlines()
    ]
    assert "MACs:       4,089,184,256 (4.089 G; multiply-adds of conv and linear layers, torch.utils.flop_counter)" in out
    assert "FLOPs:      8,178,368,512 (8.178 G; 2 per multiply-add)" in out


def test_unknown_model_suggests_and_exits_2_without_traceback(capsys):
    status, out, err = run(["summary", "resnet5"], capsys)
    assert status == EXIT_USAGE
    assert out == ""
    assert err.startswith("cnnref summary: error: unknown model 'resnet5'; did you mean ")
    assert "'resnet50'" in err.split("?")[0]
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_a_large_input_runs_on_meta_without_allocating(capsys):
    """120 GB as a float32 CPU tensor; on the meta device nothing is allocated (a CPU tensor
    would fail to allocate, or raise this process's peak far past the bound)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status, out, err = run(["summary", "alexnet", "--input", "1,3,100000,100000"], capsys)
    assert status == 0, err
    assert out.splitlines()[0] == "alexnet  input (1, 3, 100000, 100000)"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 4 * 2**20  # KiB: under 4 GiB more


@pytest.mark.parametrize("layer", ["conv", "pool"])
@pytest.mark.parametrize("option", list(SHAPE_OPTIONS))
@pytest.mark.parametrize("value", ["0", "-1", "1", "2", "3,0", "0,3", "-2,3", "2,2", "4,1"])
def test_every_numeric_option_gets_the_api_answer(layer, option, value, capsys):
    """Each value reaches the API as given (no 0 read as 1): the command line prints exactly
    what ``explain_*_output_size`` returns or raises."""
    argv = {"--size": "8,9", "--kernel": "3"}
    argv[option] = value
    kwargs = {SHAPE_OPTIONS[k]: tuple(map(int, v.split(","))) if "," in v else int(v) for k, v in argv.items()}
    status, out, err = run(["shape", layer, *(t for item in argv.items() for t in item)], capsys)
    expected_status, expected = api_answer(layer, kwargs)
    assert (status, out if status == 0 else err) == (expected_status, expected)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["shape", "conv", "--size", "8", "--kernel", "3", "--ceil-mode"], "--ceil-mode applies to pooling only"),
        (["shape", "conv", "--size", "8,8,8", "--kernel", "3"], "--size takes 1 or 2 comma-separated integers, got '8,8,8'"),
        (["shape", "pool", "--size", "8", "--kernel", "1.5"], "--kernel must be comma-separated integers, got '1.5'"),
        (["shape", "pool", "--size", "8", "--kernel", "3", "--stride", ""], "--stride must be comma-separated integers, got ''"),
        (["shape", "conv", "--size", "8", "--kernel", "3", "--padding", "full"], "--padding must be comma-separated integers"),
        (["shape", "pool", "--size", "8", "--kernel", "3", "--padding", "same"], "--padding must be comma-separated integers"),
        (["shape", "conv", "--size", "8", "--kernel", "3", "--stride", "2", "--padding", "same"],
         "padding='same' is not supported for strided convolutions"),
        (["summary", "alexnet", "--input", "1,3,62,62"], "alexnet expects 3 input channels and inputs of at least 63×63"),
        (["summary", "alexnet", "--input", "1,3,224"], "--input takes 4 comma-separated integers, got '1,3,224'"),
        (["summary", "alexnet", "--input", "1,3,99999999999999999999,8"], "is larger than PyTorch can hold"),
    ],
)
def test_errors_name_what_is_wrong(args, error, capsys):
    status, out, err = run(args, capsys)
    assert status == EXIT_USAGE and out == ""
    assert err.startswith(f"cnnref {args[0]}: error: ") and error in err and len(err.splitlines()) == 1


def test_a_list_starting_with_a_negative_number_reaches_the_api(capsys):
    status, _, err = run(["shape", "pool", "--size", "8,8", "--kernel", "3", "--padding", "-1,1"], capsys)
    assert status == EXIT_USAGE
    assert err == "cnnref shape: error: padding[0] must be non-negative (at least 0), got -1\n"


@pytest.mark.parametrize("depth", ["0", "-3"])
def test_depth_is_refused_as_layer_table_refuses_it(depth, capsys):
    from cnnref.analysis import layer_table

    with pytest.raises(ValueError) as refused:
        layer_table("alexnet", depth=int(depth))
    assert run(["summary", "alexnet", "--depth", depth], capsys)[2] == f"cnnref summary: error: {refused.value}\n"


@pytest.mark.parametrize(
    "size", ["0,3,224,224", "1,0,224,224", "1,3,-5,224", "1,3,224,0", "-1,3,224,224", "1,3,1000000000,1000000000"]
)
def test_an_input_that_cannot_be_built_is_one_line(size, capsys):
    status, out, err = run(["summary", "alexnet", "--input", size], capsys)
    assert status == EXIT_USAGE and out == ""
    assert err.startswith("cnnref summary: error: ") and len(err.splitlines()) == 1


def test_the_registry_names_an_unknown_model(capsys):
    from cnnref.models import model_info

    with pytest.raises(ValueError) as refused:
        model_info("vgg61")
    assert run(["summary", "vgg61"], capsys)[1:] == ("", f"cnnref summary: error: {refused.value}\n")


@pytest.mark.parametrize(
    ("args", "usage", "hint"),
    [
        (["summary", "alexnet", "--deep", "2"], "usage: cnnref summary", "did you mean --depth?"),
        (["summary", "--deep=2", "alexnet"], "usage: cnnref summary", "--deep: did you mean --depth?"),
        (["shape", "pool", "--size", "8", "--kernal", "2"], "usage: cnnref shape", "did you mean --kernel?"),
        (["shape", "pool", "--size", "8", "--kernel", "2", "--strides=2"], "usage: cnnref shape", "did you mean --stride?"),
        (["compare", "--language", "zh"], "usage: cnnref compare", "did you mean --lang?"),
        (["list", "extra"], "usage: cnnref list", "unrecognized arguments: extra"),
        (["shape", "conv", "--size", "8"], "usage: cnnref shape", "the following arguments are required: --kernel"),
        (["summary", "alexnet", "--depth", "two"], "usage: cnnref summary", "argument --depth: invalid int value: 'two'"),
        (["summary", "alexnet", "--lang", "fr"], "usage: cnnref summary", "argument --lang: invalid choice: 'fr'"),
        (["sumary"], "usage: cnnref [-h]", "invalid choice: 'sumary'"),
        ([], "usage: cnnref [-h]", "the following arguments are required: COMMAND"),
    ],
)
def test_argparse_errors_show_the_subcommands_usage(args, usage, hint, capsys):
    status, out, err = run(args, capsys)
    assert status == EXIT_USAGE and out == ""
    assert err.startswith(usage) and hint in err.splitlines()[-1]


@pytest.mark.parametrize("command", [[], ["list"], ["summary"], ["shape"], ["compare"]])
def test_help_for_every_command(command, capsys):
    status, out, _ = run([*command, "--help"], capsys)
    assert status == 0 and out.startswith(f"usage: cnnref {' '.join(command)}".rstrip())


@pytest.mark.parametrize(("lang", "header"), [("en", "alexnet  input (1, 3, 224, 224)"), ("zh", "alexnet  输入 (1, 3, 224, 224)")])
def test_the_summary_header_is_translated(lang, header, capsys):
    status, out, _ = run(["summary", "alexnet", "--lang", lang], capsys)
    assert status == 0 and out.splitlines()[0] == header


class _Stream(io.StringIO):
    """Standard output that takes ``room`` characters, then fails as a closed pipe or a full
    disk fails (``room``: what a reader such as ``head`` reads before it goes away)."""

    def __init__(self, error: OSError, room: int = 0) -> None:
        super().__init__()
        self.error, self.room = error, room

    def write(self, text: str) -> int:
        taken = super().write(text[: max(self.room - self.tell(), 0)])
        if taken < len(text):
            raise self.error
        return taken


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [(BrokenPipeError(32, "Broken pipe"), EXIT_PIPE, ""),
     (OSError(28, "No space left on device"), EXIT_OUTPUT, "cnnref: error: cannot write the output: No space left on device\n")],
)
def test_write_errors_in_process(error, status, message, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _Stream(error))
    assert main(SHAPE) == status
    assert capsys.readouterr().err == message


def test_a_reader_that_leaves_after_the_first_line_ends_it_quietly(monkeypatch, capsys):
    """``cnnref summary alexnet --depth 2 | head -1``: the reader takes the header and goes away
    in the middle of the output; exit 141 without a word."""
    stdout = _Stream(BrokenPipeError(32, "Broken pipe"), room=len("alexnet  input (1, 3, 224, 224)\n"))
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["summary", "alexnet", "--depth", "2"]) == EXIT_PIPE
    assert capsys.readouterr().err == ""
    assert stdout.getvalue() == "alexnet  input (1, 3, 224, 224)\n"


def test_ctrl_c_in_process(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(shapes, "explain_conv_output_size", interrupted)
    assert run(SHAPE, capsys) == (EXIT_INTERRUPTED, "", "")


def ascii_run(argv: list[str], monkeypatch) -> tuple[int, str, str]:
    """``main(argv)`` with standard output and error in ASCII, as PYTHONIOENCODING=ascii sets them."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    err = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    status = main(argv)
    return status, out.buffer.getvalue().decode("ascii"), err.buffer.getvalue().decode("ascii")


def test_ascii_streams_get_ascii(monkeypatch):
    import cnnref.models

    with monkeypatch.context() as registry:
        registry.setattr(cnnref.models, "list_models", lambda: ["alexnet"])  # one line; the full list: above
        status, out, _ = ascii_run(["list"], monkeypatch)
    assert (status, out) == (0, "alexnet             61,100,840 parameters   input 3x224x224\n")
    status, out, _ = ascii_run(["compare"], monkeypatch)
    assert status == 0 and "1x32x32" in out
    for args in (SHAPE, ["--help"], ["summary", "--help"], ["shape", "--help"]):
        assert ascii_run(args, monkeypatch)[0::2] == (0, ""), args
    status, _, err = ascii_run(["summary", "alexnet", "--input", "1,3,62,62"], monkeypatch)
    assert status == EXIT_USAGE
    assert "inputs of at least 63x63" in err and "Traceback" not in err


def test_chinese_on_an_ascii_stream_is_refused_before_any_work(monkeypatch):
    assert ascii_run(["summary", "alexnet", "--lang", "zh"], monkeypatch)[:2] == (EXIT_USAGE, "")
    assert ascii_run(SHAPE, monkeypatch) == (0, "size: floor((224 + 6 - 7) / 2) + 1 = 112\n", "")
