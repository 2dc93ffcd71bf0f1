"""The ``cnnref`` command line (also ``python -m cnnref``).

``cnnref`` 命令行工具（也可用 ``python -m cnnref`` 运行）。

    cnnref list
    cnnref summary NAME [--input 1,3,224,224] [--depth N] [--lang en|zh]
    cnnref shape conv|pool --size H[,W] --kernel K [--stride S] [--padding P] [--dilation D] [--ceil-mode]
    cnnref compare [--lang en|zh]

Errors print one line to stderr and exit with status 2; nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import analysis, comparison, shapes
from .models import list_models, model_info

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad argument: reported as one line, exit status 2."""


def _ints(text: str, what: str, count: tuple[int, ...]) -> tuple[int, ...]:
    """``"1,3,224,224"`` → ``(1, 3, 224, 224)``, with ``count`` the allowed lengths."""
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise UsageError(f"{what} must be comma-separated integers, got {text!r}") from None
    if len(values) not in count:
        lengths = " or ".join(str(n) for n in count)
        raise UsageError(f"{what} takes {lengths} comma-separated integers, got {text!r}")
    return values


def _pair(text: str | None, what: str) -> int | tuple[int, int] | None:
    if text is None:
        return None
    values = _ints(text, what, (1, 2))
    return values[0] if len(values) == 1 else values


def cmd_list(args: argparse.Namespace) -> str:
    lines = []
    for name in list_models():
        total, _ = analysis.count_parameters(name)
        size = "×".join(str(n) for n in model_info(name).input_size)
        lines.append(f"{name:<16} {total:>13,} parameters   input {size}")
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> str:
    size = _ints(args.input, "--input", (4,)) if args.input else None
    if args.depth < 1:
        raise UsageError(f"--depth must be at least 1, got {args.depth}")
    model_info(args.name)  # unknown names fail here, before any work
    rows = analysis.layer_table(args.name, size, depth=args.depth)
    total = analysis.complexity(args.name, size)
    table = analysis.format_layer_table(rows, total, lang=args.lang, style="text")
    return "\n".join([f"{args.name}  input {total.input_size}", "", table, "", *comparison.totals_lines(total, args.lang)])


def cmd_shape(args: argparse.Namespace) -> str:
    size = _pair(args.size, "--size")
    common = dict(kernel_size=_pair(args.kernel, "--kernel"), dilation=_pair(args.dilation, "--dilation") or 1)
    padding = args.padding
    if args.layer == "conv":
        if args.ceil_mode:
            raise UsageError("--ceil-mode applies to pooling only")
        if padding not in ("same", "valid"):
            padding = _pair(padding, "--padding") or 0
        return shapes.explain_conv_output_size(size, stride=_pair(args.stride, "--stride") or 1, padding=padding, **common)
    return shapes.explain_pool_output_size(
        size, stride=_pair(args.stride, "--stride"), padding=_pair(padding, "--padding") or 0,
        ceil_mode=args.ceil_mode, **common,
    )


def cmd_compare(args: argparse.Namespace) -> str:
    return comparison.format_comparison(comparison.compare(), lang=args.lang, style="text")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cnnref", description="Classic CNNs: models, parameters, MACs/FLOPs and shape arithmetic."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="the registered models, one line each with parameters")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("summary", help="per-layer table, parameters, MACs and FLOPs of one model")
    p.add_argument("name", help="a model name (see `cnnref list`)")
    p.add_argument("--input", metavar="N,C,H,W", help="input size (default: the model's documented one)")
    p.add_argument("--depth", type=int, default=1, help="levels of nested modules to show (default 1)")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="table headers' language")
    p.set_defaults(run=cmd_summary)

    p = sub.add_parser("shape", help="output size of a conv or max-pool layer, with the arithmetic shown")
    p.add_argument("layer", choices=("conv", "pool"))
    p.add_argument("--size", required=True, metavar="H[,W]", help="input height (and width)")
    p.add_argument("--kernel", required=True, metavar="K[,K]")
    p.add_argument("--stride", metavar="S[,S]", help="default 1 for conv, the kernel size for pool")
    p.add_argument("--padding", metavar="P[,P]", help="per side; conv also takes 'same' or 'valid'")
    p.add_argument("--dilation", metavar="D[,D]")
    p.add_argument("--ceil-mode", action="store_true", help="pooling: round up instead of down")
    p.set_defaults(run=cmd_shape)

    p = sub.add_parser("compare", help="the five classic networks side by side")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.set_defaults(run=cmd_compare)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    运行命令行，返回退出状态码。

    >>> from cnnref.cli import main
    >>> main(["shape", "pool", "--size", "32", "--kernel", "2", "--padding", "1"])
    size: floor((32 + 2 - 2) / 2) + 1 = 17
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        print(args.run(args))
    except (UsageError, ValueError) as error:
        print(f"cnnref {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
