"""Argument checks shared by the package: ints that are ints, sizes that are positive, one
value per spatial dimension. Each error names the argument and says what is allowed.

整个包共用的参数检查：每个错误都指出是哪个参数出错，以及允许的取值。

>>> from cnnref._args import per_dim
>>> per_dim("stride", 2, ndim=2, minimum=1)
(2, 2)
>>> per_dim("stride", (2, 0), ndim=2, minimum=1)
Traceback (most recent call last):
...
ValueError: stride[1] must be positive (at least 1), got 0
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import SupportsIndex, cast

def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1.

    Args:
        n: how many.
        noun: the singular noun.
        plural: the plural, when it is not ``noun`` with an ``s``.

    Returns:
        ``"1 input channel"``, ``"3 input channels"``.

    >>> from cnnref._args import counted
    >>> counted(1, "input channel"), counted(3, "input channel")
    ('1 input channel', '3 input channels')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def as_int(name: str, value: object) -> int:
    """``value`` as an int.

    Args:
        name: the argument's name, for the message.
        value: anything that ``operator.index`` accepts (an int, a NumPy integer...).

    Returns:
        The int.

    Raises:
        TypeError: for a bool, a float, a string or anything else that is not an integer.
    """
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise TypeError(f"{name} must be an int, got {value!r} ({type(value).__name__})")
    return operator.index(cast(SupportsIndex, value))


def check_min(name: str, value: int, minimum: int) -> int:
    """``value`` if it is at least ``minimum``.

    Args:
        name: the argument's name, for the message.
        value: the int to check.
        minimum: 0 or 1 (the message says "non-negative" or "positive").

    Returns:
        ``value``.

    Raises:
        ValueError: ``value`` is below ``minimum``.
    """
    if value < minimum:
        allowed = "positive" if minimum == 1 else "non-negative"
        raise ValueError(f"{name} must be {allowed} (at least {minimum}), got {value}")
    return value


def spatial_size(size: object, name: str = "size") -> tuple[tuple[int, ...], bool]:
    """The argument that decides the number of spatial dimensions, checked.

    Args:
        size: an int (one dimension) or a sequence of ints, each at least 1.
        name: the argument's name, for the message.

    Returns:
        ``(sizes, given_as_int)``.

    Raises:
        TypeError: an entry is not an int.
        ValueError: an empty sequence, or an entry below 1.
    """
    if isinstance(size, Sequence) and not isinstance(size, str):
        if len(size) == 0:
            raise ValueError(f"{name} must have at least one dimension, got {size!r}")
        sizes = tuple(check_min(f"{name}[{i}]", as_int(f"{name}[{i}]", n), 1) for i, n in enumerate(size))
        return sizes, False
    return (check_min(name, as_int(name, size), 1),), True


def per_dim(name: str, value: object, ndim: int, minimum: int) -> tuple[int, ...]:
    """One value per spatial dimension: an int broadcast, or a sequence of the right length.

    Args:
        name: the argument's name, for the message.
        value: an int or a sequence of ``ndim`` ints.
        ndim: the number of spatial dimensions.
        minimum: the smallest value allowed (0 or 1).

    Returns:
        ``ndim`` ints.

    Raises:
        TypeError: an entry is not an int.
        ValueError: the wrong number of entries, or an entry below ``minimum``.
    """
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != ndim:
            raise ValueError(
                f"{name} has {counted(len(value), 'entry', 'entries')} "
                f"but there {'is' if ndim == 1 else 'are'} {counted(ndim, 'spatial dimension')}; "
                f"give an int or a tuple of {counted(ndim, 'int')}"
            )
        return tuple(check_min(f"{name}[{i}]", as_int(f"{name}[{i}]", v), minimum) for i, v in enumerate(value))
    return (check_min(name, as_int(name, value), minimum),) * ndim


def check_bool(name: str, value: object) -> bool:
    """``value`` if it is ``True`` or ``False``.

    Args:
        name: the argument's name, for the message.
        value: the flag to check.

    Returns:
        ``value``.

    Raises:
        TypeError: anything but a bool (``1`` and ``None`` included).
    """
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


def probability(name: str, value: object) -> float:
    """``value`` as a float between 0 and 1: a dropout rate. A non-number (a bool included)
    raises ``TypeError``; a number outside ``[0, 1]`` raises ``ValueError``; each names the argument.

    Examples:
        >>> from cnnref._args import probability
        >>> probability("dropout", 0.5)
        0.5
        >>> probability("dropout", 1.5)
        Traceback (most recent call last):
        ...
        ValueError: dropout must be between 0 and 1 (a probability), got 1.5
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number between 0 and 1, got {value!r} ({type(value).__name__})")
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be between 0 and 1 (a probability), got {value}")
    return float(value)
