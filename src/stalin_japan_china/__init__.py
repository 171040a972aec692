"""stalin-japan-china: the actors, events and evidence of Kuromiya (2023) as a dataset.

    >>> import stalin_japan_china as sjc
    >>> sjc.load("events").columns[:3].tolist()
    ['id', 'type', 'title']

One version number covers the code and the data: ``__version__`` and
``DATA_VERSION`` are the same string, read from the installed distribution.
Nothing heavy (pandas, pyarrow, pydantic) is imported until a function needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real signatures for mypy and pyright; at run time, loaded lazily
    from . import plot
    from .citing import cite
    from .errors import (
        AmbiguousNameError,
        DataFileError,
        Error,
        InvalidValueError,
        NotFoundError,
    )
    from .exporting import export
    from .graphs import network
    from .loading import TABLES, describe, load, load_table, paths
    from .query import (
        CERTAINTY,
        DateLike,
        Numbers,
        Values,
        actor,
        actors,
        claims,
        event,
        events,
        evidence,
        participants,
        relations,
        resolve_actor,
    )
    from .verifying import verify

    __version__: str
    DATA_VERSION: str

__all__ = [
    "CERTAINTY",
    "DATA_VERSION",
    "TABLES",
    "AmbiguousNameError",
    "DataFileError",
    "DateLike",
    "Error",
    "InvalidValueError",
    "NotFoundError",
    "Numbers",
    "Values",
    "__version__",
    "actor",
    "actors",
    "cite",
    "claims",
    "describe",
    "event",
    "events",
    "evidence",
    "explore",
    "export",
    "load",
    "load_table",
    "network",
    "participants",
    "paths",
    "plot",
    "relations",
    "resolve_actor",
    "verify",
]

_LAZY = {
    "claims": "query",
    "participants": "query",
    "actor": "query",
    "actors": "query",
    "event": "query",
    "events": "query",
    "evidence": "query",
    "relations": "query",
    "resolve_actor": "query",
    "CERTAINTY": "query",
    "DateLike": "query",
    "Numbers": "query",
    "Values": "query",
    "Error": "errors",
    "NotFoundError": "errors",
    "AmbiguousNameError": "errors",
    "InvalidValueError": "errors",
    "network": "graphs",
    "export": "exporting",
    "cite": "citing",
    "explore": "website",
    "verify": "verifying",
    "plot": None,
    "load": "loading",
    "describe": "loading",
    "load_table": "loading",
    "paths": "loading",
    "TABLES": "loading",
    "DataFileError": "errors",
}


_FOUND: list[str] = []


def _version() -> str:
    # Looked up on first use: importlib.metadata scans every installed package,
    # which would triple the cost of a bare `import stalin_japan_china`.
    if not _FOUND:
        _FOUND.append(_dist_info_version() or _metadata_version())
    return _FOUND[0]


def _dist_info_version() -> str | None:
    """The Version line of our ``.dist-info/METADATA``, looked for along ``sys.path`` in
    the order importlib.metadata searches it, without importing importlib.metadata (a
    fifth of the command line's start-up)."""
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("stalin_japan_china-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as file:
                        for line in file:
                            if line.startswith("Version:"):
                                return line.split(":", 1)[1].strip()
                            if not line.strip():
                                break
                except OSError:
                    pass
                return None  # an odd install: let importlib.metadata decide
    return None


def _metadata_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("stalin-japan-china")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> Any:
    if name in ("__version__", "DATA_VERSION"):
        return _version()
    if name in _LAZY:
        from importlib import import_module

        if _LAZY[name] is None:  # a submodule, e.g. sjc.plot
            return import_module(f".{name}", __name__)
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'stalin_japan_china' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
