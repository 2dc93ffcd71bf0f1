"""The command line, driven as a user drives it: in a subprocess."""

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from cnnref.cli import main

SCRIPT = Path(sysconfig.get_path("scripts")) / "cnnref"


def cnnref(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cnnref", *args], capture_output=True, text=True, timeout=120)


def test_console_script_lists_models():
    result = subprocess.run([str(SCRIPT), "list"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ["alexnet", "61,100,840", "parameters", "input", "3×224×224"] in [line.split() for line in lines]
    assert len(lines) >= 30


def test_summary_labels_macs_and_flops():
    result = cnnref("summary", "resnet50", "--depth", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ["layer4", "Sequential", "(1,", "2048,", "7,", "7)", "14,964,736", "809,238,528"] in [
        line.split() for line in out.splitlines()
    ]
    assert "MACs:       4,089,184,256 (4.089 G; multiply-adds of conv and linear layers, torch.utils.flop_counter)" in out
    assert "FLOPs:      8,178,368,512 (8.178 G; 2 per multiply-add)" in out


def test_unknown_model_suggests_and_exits_2_without_traceback():
    result = cnnref("summary", "resnet5")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cnnref summary: error: unknown model 'resnet5'; did you mean ")
    assert "'resnet50'" in result.stderr.split("?")[0]
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_bad_arguments_are_one_line():
    result = cnnref("shape", "pool", "--size", "8", "--kernel", "3", "--padding", "2")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "cnnref shape: error: padding 2 is more than half of kernel 3: pooling allows at most 3 // 2 = 1 per side, "
        "so that every window holds an input value (PyTorch raises this only when the layer runs)"
    )


def test_help_for_every_command():
    for command in ("list", "summary", "shape", "compare"):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0


@pytest.mark.parametrize(
    "args, out",
    [
        (["shape", "conv", "--size", "227", "--kernel", "11", "--stride", "4"], "size: floor((227 + 0 - 11) / 4) + 1 = 55"),
        (["shape", "conv", "--size", "7,8", "--kernel", "4", "--padding", "same"],
         "H: floor((7 + 3 - 4) / 1) + 1 = 7\nW: floor((8 + 3 - 4) / 1) + 1 = 8"),
        (["shape", "pool", "--size", "3,3", "--kernel", "2", "--ceil-mode"],
         "H: ceil((3 + 0 - 2) / 2) + 1 = 2\nW: ceil((3 + 0 - 2) / 2) + 1 = 2"),
        (["shape", "pool", "--size", "32", "--kernel", "2", "--stride", "2", "--padding", "1"],
         "size: floor((32 + 2 - 2) / 2) + 1 = 17"),
    ],
)
def test_shape_shows_the_arithmetic(args, out, capsys):
    assert main(args) == 0
    assert capsys.readouterr().out == out + "\n"


@pytest.mark.parametrize(
    "args, error",
    [
        (["shape", "conv", "--size", "8", "--kernel", "3", "--ceil-mode"], "--ceil-mode applies to pooling only"),
        (["shape", "conv", "--size", "8,8,8", "--kernel", "3"], "--size takes 1 or 2 comma-separated integers"),
        (["summary", "alexnet", "--depth", "0"], "--depth must be at least 1"),
        (["summary", "alexnet", "--input", "1,3,62,62"], "AlexNet expects 3 input channels and inputs of at least 63×63"),
    ],
)
def test_errors_name_what_is_wrong(args, error, capsys):
    assert main(args) == 2
    assert error in capsys.readouterr().err


def test_compare_prints_the_five_networks(capsys):
    assert main(["compare"]) == 0
    titles = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert titles == ["LeNet-5", "AlexNet", "VGG-16", "GoogLeNet", "ResNet-50"]
