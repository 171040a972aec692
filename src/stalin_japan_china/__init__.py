"""stalin-japan-china: the actors, events and evidence of Kuromiya (2023) as a dataset.

    >>> import stalin_japan_china as sjc
    >>> sjc.load("events").columns[:3].tolist()
    ['id', 'type', 'title']

One version number covers the code and the data: ``__version__`` and
``DATA_VERSION`` are the same string, read from the installed distribution.
Nothing heavy (pandas, pyarrow, pydantic) is imported until a function needs it.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

try:
    __version__ = metadata.version("stalin-japan-china")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
DATA_VERSION = __version__

__all__ = ["DATA_VERSION", "TABLES", "DataFileError", "__version__", "load", "load_table", "paths"]

_LAZY = {
    "load": "loading",
    "load_table": "loading",
    "paths": "loading",
    "TABLES": "loading",
    "DataFileError": "loading",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'stalin_japan_china' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
