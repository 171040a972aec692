"""Argument checks at the public boundary: one helper per kind of argument.

Every public function passes its arguments through these before doing any work, so a
wrong value gets a message naming the argument, the value's type and what is accepted,
instead of a ``TypeError`` from deep inside pyarrow, or worse, a silent match of
everything. Strings are bounded (:data:`MAX_LENGTH`) before any fuzzy matching, because
suggesting close names costs time in proportion to the length of what was typed: a 1 MB
name once took minutes.

    >>> strings("person", "kind")
    ['person']
    >>> strings([], "kind")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    InvalidValueError: kind must be a string or a non-empty list of strings, not an empty list
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from numbers import Integral
from pathlib import Path
from typing import Any

from .errors import InvalidValueError

MAX_LENGTH = 500
"""Longest id, name or search text accepted; the longest in the data is far shorter."""

MAX_PATH = 4096
"""Longest file path accepted (Linux's PATH_MAX); longer ones fail in the OS anyway."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(value: Any, width: int = 60) -> str:
    """``repr`` of a value, cut so that a 1 MB argument does not make a 1 MB message."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= width else text[: width - 1] + "…"


def _kind(value: Any) -> str:
    if isinstance(value, Collection) and not isinstance(value, (str, bytes)) and not value:
        return f"an empty {type(value).__name__}"
    return f"{type(value).__name__} {shown(value)}"


def wrong(argument: str, value: Any, accepted: str) -> InvalidValueError:
    """The error for a value of the wrong type: argument, what it got, what it accepts."""
    return InvalidValueError(f"{argument} must be {accepted}, not {_kind(value)}")


def string(value: Any, argument: str, accepted: str = "a non-empty string") -> str:
    """A non-blank string of at most :data:`MAX_LENGTH` characters without control characters."""
    if not isinstance(value, str):
        raise wrong(argument, value, accepted)
    if len(value) > MAX_LENGTH:
        raise InvalidValueError(
            f"{argument} is {len(value):,} characters long; at most {MAX_LENGTH} are accepted "
            "(no id, name or search text in the data is longer)"
        )
    if not value.strip():
        raise InvalidValueError(f"{argument} must be {accepted}, not the blank {shown(value)}")
    found = _CONTROL.search(value)
    if found:
        raise InvalidValueError(
            f"{argument}={shown(value)} holds the control character "
            f"U+{ord(found.group()):04X}; ids, names and search text never do"
        )
    return value


def _many(value: Any) -> bool:
    """A list-like value: sized, so a generator can never make a look-up run forever."""
    return isinstance(value, Collection) and not isinstance(value, (str, bytes, Mapping))


def strings(value: Any, argument: str) -> list[str] | None:
    """``None``, or one string or a non-empty list of them, as a list."""
    accepted = "a string or a non-empty list of strings"
    if value is None:
        return None
    if isinstance(value, str):
        return [string(value, argument, accepted)]
    if not _many(value) or not value:
        raise wrong(argument, value, accepted)
    return [string(item, f"{argument}[{i}]", "a non-empty string") for i, item in enumerate(value)]


def integer(value: Any, argument: str, low: int, high: int, what: str, hint: str = "") -> int:
    """An integer (not a bool, which Python counts as one) between ``low`` and ``high``."""
    accepted = f"{what} {low}-{high}{hint}"
    if not isinstance(value, Integral) or isinstance(value, bool):
        raise wrong(argument, value, accepted)
    if not low <= value <= high:
        raise InvalidValueError(f"{argument}={shown(value)} must be {accepted}")
    return int(value)


def integers(
    value: Any, argument: str, low: int, high: int, what: str, hint: str = ""
) -> list[int] | None:
    """``None``, or one integer or a non-empty list of them, each in range, as a list."""
    if value is None:
        return None
    if not _many(value):
        return [integer(value, argument, low, high, what, hint)]
    if not value:
        raise wrong(argument, value, f"{what} {low}-{high} or a non-empty list of them")
    return [integer(v, f"{argument}[{i}]", low, high, what, hint) for i, v in enumerate(value)]


def flag(value: Any, argument: str) -> bool:
    """A real bool: ``"no"`` and ``0`` are refused, since ``bool("no")`` is True."""
    if not isinstance(value, bool):
        raise wrong(argument, value, "True or False")
    return value


def choice(value: Any, argument: str, choices: Collection[str]) -> str:
    """One string out of a fixed set."""
    listed = ", ".join(map(repr, choices))
    if not isinstance(value, str):
        raise wrong(argument, value, f"one of {listed}")
    if value not in choices:
        raise InvalidValueError(f"{argument}={shown(value)} is not one of {listed}")
    return value


def path(value: Any, argument: str) -> Path | None:
    """``None`` or a file path (``str`` or ``os.PathLike``) the operating system can take."""
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise wrong(argument, value, "a file path (str or pathlib.Path)")
    text = os.fspath(value)
    if not isinstance(text, str):  # a PathLike handing out bytes
        raise wrong(argument, value, "a file path (str or pathlib.Path)")
    if not text or len(text) > MAX_PATH or "\x00" in text:
        raise InvalidValueError(
            f"{argument}={shown(value)} is not a usable file path (empty, over {MAX_PATH} "
            "characters or holding a NUL)"
        )
    return Path(text)
