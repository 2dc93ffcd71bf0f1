"""The ``cnnref`` command line (also ``python -m cnnref``).

``cnnref`` 命令行工具（也可用 ``python -m cnnref`` 运行）。

    cnnref list
    cnnref summary NAME [--input 1,3,224,224] [--depth N] [--lang en|zh]
    cnnref shape conv|pool --size H[,W] --kernel K [--stride S] [--padding P] [--dilation D] [--ceil-mode]
    cnnref compare [--lang en|zh]
    cnnref train NAME [--epochs N] [--batch-size N] [--lr X] [--seed N] [--save PATH] [--lang en|zh]

Every value goes to the Python API as given, so a value the API refuses is refused here with
the API's message. Exit status: 0 done; 2 a bad argument, one line on stderr (argparse's
errors add the subcommand's usage); 1 the output could not be written (a full disk); 141
(128 + SIGPIPE) the reader of a pipe went away, silently, as Unix tools do; 130 (128 +
SIGINT) Ctrl-C. Nothing prints a traceback. ``train`` runs alone or as one process of
``torchrun`` (rank 0 prints and saves). ``list``, ``summary``, ``compare`` and ``train`` import
torch when they run; ``shape`` and ``--help`` never do, so they start fast.

每个数值原样交给 Python API，API 拒绝的值在这里也以相同的信息拒绝。退出码：0 成功；2 参数错误
（stderr 上一行说明）；1 无法写出输出；141 管道的读取端已关闭（静默退出）；130 Ctrl-C。
任何情况下都不打印 traceback。
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from . import shapes
from .i18n import ASCII_FALLBACK, LANGUAGES, SUMMARY_HEADER

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141

#: The largest tensor dimension and element count PyTorch can hold (int64).
MAX_ELEMENTS = 2**63 - 1


class UsageError(Exception):
    """A bad argument, or a terminal that cannot show the output: one line, exit status 2."""


class OutputError(Exception):
    """The output could not be written (a full disk, a closed stream): exit status 1."""


# --------------------------------------------------------------------------- writing


def _fit(text: str, stream: TextIO | None, hint: str = "", alternative: str = "") -> str:
    """``text`` as ``stream``'s encoding can show it: as is, or with the ASCII fallbacks.

    Raises:
        UsageError: a character has no fallback; ``hint`` says where it comes from,
            ``alternative`` what else the user can do.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    bad = ""
    for candidate in (text, text.translate(ASCII_FALLBACK)):
        try:
            candidate.encode(encoding)
            return candidate
        except UnicodeEncodeError as error:
            bad = candidate[error.start]
    raise UsageError(
        f"this terminal's encoding ({encoding}) cannot show {bad!r}{hint}; use a UTF-8 terminal, "
        f"e.g. PYTHONIOENCODING=utf-8{alternative}"
    )


def _write(stream: TextIO | None, text: str) -> None:
    """Write ``text`` to standard output and flush it, so that a write error shows here.

    Raises:
        BrokenPipeError: the reader went away.
        OutputError: any other failure to write.
        UsageError: the terminal cannot show the text.
    """
    if stream is None:
        raise OutputError("standard output is closed")
    text = _fit(text, stream)
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error.strerror or str(error)) from None


def _write_error(text: str) -> None:
    """Write to standard error, best effort: what cannot be shown is escaped, a failure ignored."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        text = _fit(text, stream)
    except UsageError:
        encoding = stream.encoding or "utf-8"
        text = text.translate(ASCII_FALLBACK).encode(encoding, "backslashreplace").decode(encoding)
    try:
        stream.write(text)
        stream.flush()
    except OSError:
        pass


def _detach_stdout() -> None:
    """Point standard output at ``os.devnull`` after a failed write, so that the interpreter's
    final flush does not fail again (the recipe of the Python docs, "Note on SIGPIPE")."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced or in-memory streams (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


# --------------------------------------------------------------------------- arguments


def _ints(text: str, what: str, count: tuple[int, ...]) -> tuple[int, ...]:
    """``"1,3,224,224"`` → ``(1, 3, 224, 224)``; ``count`` holds the allowed lengths.

    Raises:
        UsageError: not comma-separated integers, or a length not in ``count``.
    """
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise UsageError(f"{what} must be comma-separated integers, got {text!r}") from None
    if len(values) not in count:
        lengths = " or ".join(str(n) for n in count)
        raise UsageError(f"{what} takes {lengths} comma-separated integers, got {text!r}")
    return values


def _pair(text: str, what: str) -> int | tuple[int, ...]:
    """``"3"`` → ``3``, ``"3,5"`` → ``(3, 5)``: an int or an ``(H, W)`` pair for the API."""
    values = _ints(text, what, (1, 2))
    return values[0] if len(values) == 1 else values


def _glue_negative_lists(argv: list[str]) -> list[str]:
    """``--padding -1,2`` → ``--padding=-1,2``. argparse reads a token that starts with ``-``
    and is not one negative number as an option, so a list that starts with a negative number
    would be refused as an unknown option instead of reaching the API, which says what is wrong."""
    out: list[str] = []
    for token in argv:
        if out and re.fullmatch(r"-\d+(,-?\d+)+", token) and out[-1].startswith("--") and "=" not in out[-1]:
            out[-1] += "=" + token
        else:
            out.append(token)
    return out


class _Parser(argparse.ArgumentParser):
    """argparse, with its output through ``_write`` (ASCII fallbacks, pipe handling) and the
    list of its flags kept for "did you mean" suggestions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.flags: list[str] = []  # filled by add_argument, also for --help in __init__
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self.flags += [a for a in args if isinstance(a, str) and a.startswith("-")]
        return super().add_argument(*args, **kwargs)

    def print_help(self, file: Any = None) -> None:
        _write(file or sys.stdout, self.format_help())

    def print_usage(self, file: Any = None) -> None:
        """The usage goes with an error, to standard error (argparse prints it only then)."""
        _write_error(self.format_usage())

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _write_error(message)
        raise SystemExit(status)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self.tokens = list(sys.argv[1:] if args is None else args)  # for error()'s suggestion
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """argparse's error (usage and one line, exit 2), naming the flag a misspelt one
        was probably meant to be."""
        for token in getattr(self, "tokens", []):
            flag = token.split("=")[0]
            if flag.startswith("--") and not any(f.startswith(flag) for f in self.flags):  # not an abbreviation
                close = difflib.get_close_matches(flag, self.flags, n=1)
                if close:
                    message += f"; {flag}: did you mean {close[0]}?"
                    break
        super().error(message)

    def unrecognized(self, extras: list[str]) -> NoReturn:
        """Refuse ``extras``, which argparse hands back to the top-level parser, with this
        subcommand's usage."""
        self.tokens = extras
        self.error(f"unrecognized arguments: {' '.join(extras)}")


# --------------------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace) -> str:
    """Every registered model with its parameters and input size."""
    from .analysis import count_parameters
    from .models import list_models, model_info

    lines = []
    for name in list_models():
        total, _ = count_parameters(name)
        size = "×".join(str(n) for n in model_info(name).input_size)
        lines.append(f"{name:<16} {total:>13,} parameters   input {size}")
    return "\n".join(lines)


def _input_size(text: str | None) -> tuple[int, ...] | None:
    """``--input`` as ``(N, C, H, W)``; larger than a tensor can be is refused here (before
    PyTorch's multi-line overflow messages), every other value is the API's to judge."""
    if text is None:
        return None
    size = _ints(text, "--input", (4,))
    elements = 1
    for n in size:
        elements *= n
    if any(abs(n) > MAX_ELEMENTS for n in size) or abs(elements) > MAX_ELEMENTS:
        raise UsageError(f"--input {text} is larger than PyTorch can hold (at most 2**63 - 1 elements)")
    return size


def cmd_summary(args: argparse.Namespace) -> str:
    """The per-layer table and totals of one model (the model is built on ``meta``)."""
    from . import analysis, comparison
    from .models import model_info

    size = _input_size(args.input)
    model_info(args.name)  # unknown names fail here, before any work
    try:
        rows = analysis.layer_table(args.name, size, depth=args.depth)
        total = analysis.complexity(args.name, size)
    except (TypeError, RuntimeError) as error:  # PyTorch refusing the input size
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UsageError(f"{args.name} cannot run on --input {args.input}: {message}") from None
    table = analysis.format_layer_table(rows, total, lang=args.lang, style="text")
    header = SUMMARY_HEADER[args.lang].format(name=args.name, size=total.input_size)
    return "\n".join([header, "", table, "", *comparison.totals_lines(total, args.lang)])


def cmd_shape(args: argparse.Namespace) -> str:
    """The output size of one layer with its arithmetic; options not given keep the API's defaults."""
    options: dict[str, Any] = {"kernel_size": _pair(args.kernel, "--kernel")}
    for key in ("stride", "dilation"):
        if getattr(args, key) is not None:
            options[key] = _pair(getattr(args, key), f"--{key}")
    if args.padding is not None:
        conv_word = args.layer == "conv" and args.padding in ("same", "valid")
        options["padding"] = args.padding if conv_word else _pair(args.padding, "--padding")
    size = _pair(args.size, "--size")
    if args.layer == "conv":
        if args.ceil_mode:
            raise UsageError("--ceil-mode applies to pooling only")
        return shapes.explain_conv_output_size(size, **options)
    return shapes.explain_pool_output_size(size, ceil_mode=args.ceil_mode, **options)


def cmd_compare(args: argparse.Namespace) -> str:
    """The classic networks side by side."""
    from . import comparison

    return comparison.format_comparison(comparison.compare(), lang=args.lang, style="text")


def cmd_train(args: argparse.Namespace) -> str:
    """Train a model on the digits, alone or under ``torchrun``; the epochs' table on stdout."""
    from .training import train_model

    if args.epochs < 1 or args.batch_size < 1 or args.lr <= 0:
        raise UsageError("--epochs and --batch-size must be at least 1 and --lr above 0")
    history = train_model(args.name, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
                          seed=args.seed, save=args.save, progress=True, lang=args.lang)
    # Under torchrun, rank 0 alone prints (the process group is gone by now, RANK is not).
    return str(history) if os.environ.get("RANK", "0") == "0" else ""


# --------------------------------------------------------------------------- parser and main


def build_parser() -> argparse.ArgumentParser:
    """The parser; each subcommand's parser is its namespace's ``parser``, for its own errors.

    Returns:
        The top-level parser.
    """
    parser = _Parser(prog="cnnref", description="Classic CNNs: models, parameters, MACs/FLOPs and shape arithmetic.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="the registered models, one line each with parameters")
    p.set_defaults(run=cmd_list, parser=p)

    p = sub.add_parser("summary", help="per-layer table, parameters, MACs and FLOPs of one model")
    p.add_argument("name", help="a model name (see `cnnref list`)")
    p.add_argument("--input", metavar="N,C,H,W", help="input size (default: the model's documented one)")
    p.add_argument("--depth", type=int, default=1, help="levels of nested modules to show (default 1)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="the language of the headers")
    p.set_defaults(run=cmd_summary, parser=p)

    p = sub.add_parser("shape", help="output size of a conv or max-pool layer, with the arithmetic shown")
    p.add_argument("layer", choices=("conv", "pool"))
    p.add_argument("--size", required=True, metavar="H[,W]", help="input height (and width)")
    p.add_argument("--kernel", required=True, metavar="K[,K]")
    p.add_argument("--stride", metavar="S[,S]", help="default 1 for conv, the kernel size for pool")
    p.add_argument("--padding", metavar="P[,P]", help="per side (default 0); conv also takes 'same' or 'valid'")
    p.add_argument("--dilation", metavar="D[,D]", help="default 1")
    p.add_argument("--ceil-mode", action="store_true", help="pooling: round up instead of down")
    p.set_defaults(run=cmd_shape, parser=p)

    p = sub.add_parser("compare", help="the classic networks side by side")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="the language of the headers")
    p.set_defaults(run=cmd_compare, parser=p)

    p = sub.add_parser("train", help="train a model on the bundled digits (also under torchrun)")
    p.add_argument("name", help="a model name (see `cnnref list`) whose output is class scores")
    p.add_argument("--epochs", type=int, default=2, help="passes over the 1,400 training images (default 2)")
    p.add_argument("--batch-size", type=int, default=32, help="images per step, per process (default 32)")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate (default 0.001)")
    p.add_argument("--seed", type=int, default=0, help="seeds the weights and the images' order (default 0)")
    p.add_argument("--save", metavar="PATH", help="write the trained state_dict there (rank 0 only)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="the language of the progress lines")
    p.set_defaults(run=cmd_train, parser=p)
    return parser


def _import_torch() -> None:
    """Import torch, holding a Ctrl-C back until the import is done: torch's import swallows a
    KeyboardInterrupt raised inside it and goes on, so the command would run to its end."""
    import signal
    import threading

    if "torch" in sys.modules or threading.current_thread() is not threading.main_thread():
        import torch  # noqa: F401  (only the main thread may set a signal handler)
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        import torch  # noqa: F401
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _run(argv: list[str]) -> int:
    """Parse, run one command, write its output; the exit status of every outcome but a
    failed write or Ctrl-C (``main`` handles those, which may come while argparse prints)."""
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(_glue_negative_lists(argv))
        if extras:
            args.parser.unrecognized(extras)
    except SystemExit as exit_:  # argparse: 0 after --help, 2 after an error it printed
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        if getattr(args, "lang", "en") != "en":  # before the work: can the terminal show it?
            _fit(SUMMARY_HEADER[args.lang], sys.stdout, f", which --lang {args.lang} prints", ", or --lang en")
        if args.command != "shape":  # the commands that need torch
            _import_torch()
        output = args.run(args)
        if output:
            _write(sys.stdout, output + "\n")
    except (UsageError, ValueError) as error:  # ValueError: the API refusing a value
        _write_error(f"cnnref {args.command}: error: {error}\n")
        return EXIT_USAGE
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    运行命令行，返回退出状态码。

    Args:
        argv: the arguments after ``cnnref``; ``None`` reads ``sys.argv``.

    Returns:
        The exit status (see the module docstring).

    >>> from cnnref.cli import main
    >>> main(["shape", "pool", "--size", "32", "--kernel", "2", "--padding", "1"])
    size: floor((32 + 2 - 2) / 2) + 1 = 17
    0
    """
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        _detach_stdout()
        return EXIT_PIPE
    except OutputError as error:
        _detach_stdout()
        _write_error(f"cnnref: error: cannot write the output: {error}\n")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
