"""Arrow arrays from Python values without importing pandas.

pyarrow's own converters (``pa.array``, ``pa.scalar``) look for pandas types first and so
import pandas, a third of a second at start-up; the command line answers filters without
it. These build the few kinds the filters compare with straight from buffers.

    >>> array(["a", None, "bc"], "string").to_pylist()
    ['a', None, 'bc']
    >>> scalar(1928, "int16").as_py()
    1928
"""

from __future__ import annotations

import array as _array
import datetime as dt
from collections.abc import Iterable
from typing import Any

_EPOCH = dt.date(1970, 1, 1)
_CODES = {"int8": "b", "int16": "h", "int32": "i", "int64": "q", "date32[day]": "i"}


def array(values: Iterable[Any], type_: Any) -> Any:
    """A ``pyarrow.Array`` of ``type_`` (string, bool, int8-64, date32) holding ``values``."""
    import pyarrow as pa

    if isinstance(type_, str):
        type_ = {"string": pa.string(), "bool": pa.bool_()}.get(type_) or getattr(pa, type_)()
    items = list(values)
    n = len(items)
    validity = None
    if any(v is None for v in items):
        validity = pa.py_buffer(_bits([v is not None for v in items]))
    if pa.types.is_string(type_):
        data, offsets = bytearray(), _array.array("i", [0])
        for v in items:
            if v is not None:
                data += str(v).encode("utf-8")
            offsets.append(len(data))
        buffers = [validity, pa.py_buffer(offsets.tobytes()), pa.py_buffer(bytes(data))]
        return pa.Array.from_buffers(type_, n, buffers)
    if pa.types.is_boolean(type_):
        return pa.Array.from_buffers(type_, n, [validity, pa.py_buffer(_bits(items))])
    code = _CODES[str(type_)]
    if pa.types.is_date32(type_):
        numbers = [0 if v is None else (_as_date(v) - _EPOCH).days for v in items]
    else:
        numbers = [0 if v is None else int(v) for v in items]
    return pa.Array.from_buffers(
        type_, n, [validity, pa.py_buffer(_array.array(code, numbers).tobytes())]
    )


def scalar(value: Any, type_: Any) -> Any:
    """A ``pyarrow.Scalar`` of ``type_``."""
    return array([value], type_)[0]


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _bits(flags: list[Any]) -> bytes:
    found = bytearray((len(flags) + 7) // 8)
    for i, flag in enumerate(flags):
        if flag:
            found[i // 8] |= 1 << (i % 8)
    return bytes(found)
