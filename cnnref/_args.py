"""Argument checks shared by the package: ints that are ints, sizes that are positive, one
value per spatial dimension. Each error names the argument and says what is allowed.

整个包共用的参数检查：每个错误都指出是哪个参数出错，以及允许的取值。
"""

from __future__ import annotations

import operator
from collections.abc import Sequence


def as_int(name: str, value: object) -> int:
    """``value`` as an int; bools, floats and strings raise TypeError."""
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise TypeError(f"{name} must be an int, got {value!r} ({type(value).__name__})")
    return operator.index(value)


def check_min(name: str, value: int, minimum: int) -> int:
    if value < minimum:
        allowed = "positive" if minimum == 1 else "non-negative"
        raise ValueError(f"{name} must be {allowed} (at least {minimum}), got {value}")
    return value


def spatial_size(size: object, name: str = "size") -> tuple[tuple[int, ...], bool]:
    """``(sizes, given_as_int)``: the argument that decides the number of dimensions;
    every entry must be at least 1."""
    if isinstance(size, Sequence) and not isinstance(size, str):
        if len(size) == 0:
            raise ValueError(f"{name} must have at least one dimension, got {size!r}")
        sizes = tuple(check_min(f"{name}[{i}]", as_int(f"{name}[{i}]", n), 1) for i, n in enumerate(size))
        return sizes, False
    return (check_min(name, as_int(name, size), 1),), True


def per_dim(name: str, value: object, ndim: int, minimum: int) -> tuple[int, ...]:
    """Broadcast an int to ``ndim`` dimensions, or check a tuple's length; check each entry."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != ndim:
            raise ValueError(
                f"{name} has {len(value)} entries but there are {ndim} spatial dimensions; "
                f"give an int or a tuple of {ndim} ints"
            )
        return tuple(check_min(f"{name}[{i}]", as_int(f"{name}[{i}]", v), minimum) for i, v in enumerate(value))
    return (check_min(name, as_int(name, value), minimum),) * ndim


def check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def positive_int(name: str, value: object) -> int:
    """``value`` as an int of at least 1: a model's size argument (``num_classes``,
    ``in_channels``). A non-number raises ``TypeError``; 0, a negative number, or a bool
    standing for a number raises ``ValueError``; each names the argument.

    Examples:
        >>> from cnnref._args import positive_int
        >>> positive_int("num_classes", 10)
        10
        >>> positive_int("num_classes", 0)
        Traceback (most recent call last):
        ...
        ValueError: num_classes must be a positive int (at least 1), got 0
        >>> positive_int("in_channels", "3")
        Traceback (most recent call last):
        ...
        TypeError: in_channels must be an int, got '3' (str)
    """
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a positive int (at least 1), got {value!r} (a bool)")
    number = as_int(name, value)
    if number < 1:
        raise ValueError(f"{name} must be a positive int (at least 1), got {number}")
    return number
