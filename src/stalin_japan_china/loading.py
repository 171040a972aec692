"""Find and read the tables that ship inside the package.

Tables are read once per process and cached as immutable pyarrow Tables; every
pandas DataFrame handed out is a fresh conversion, so a caller who edits one
cannot change what the next caller sees.
"""

from __future__ import annotations

import difflib
import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

TABLES = ("actors", "places", "sources", "events", "participants", "relations", "evidence")


class DataFileError(RuntimeError):
    """A shipped data file is missing or unreadable: the installation is damaged."""


def _check_name(name: str) -> str:
    if name not in TABLES:
        close = difflib.get_close_matches(str(name), TABLES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown table {name!r}; the tables are: {', '.join(TABLES)}.{hint}")
    return name


def data_dir() -> Path:
    """The folder holding the installed Parquet files and datapackage.json."""
    return Path(str(resources.files("stalin_japan_china") / "data"))


def paths() -> dict[str, Path]:
    """Installed Parquet file of every table, for DuckDB, Polars or Spark to read in place."""
    return {name: data_dir() / f"{name}.parquet" for name in TABLES}


@functools.cache
def load_table(name: str) -> pa.Table:
    """Return a table as an immutable ``pyarrow.Table``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = paths()[_check_name(name)]
    if not path.is_file():
        raise DataFileError(
            f"data file {path} is missing; the installation is damaged: "
            "reinstall with `pip install --force-reinstall stalin-japan-china`"
        )
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        raise DataFileError(
            f"data file {path} cannot be read ({error}); the installation is damaged: "
            "reinstall with `pip install --force-reinstall stalin-japan-china`"
        ) from error


def load(name: str) -> pd.DataFrame:
    """Return a table as a new pandas DataFrame (dates as ``datetime64``, years as ``Int16``)."""
    import pandas as pd
    import pyarrow as pa

    # Nullable integers stay integers (a missing birth year is <NA>, not 1880.0),
    # and calendar days become datetime64 so that pandas date filters just work.
    frame = load_table(name).to_pandas(
        types_mapper={pa.int16(): pd.Int16Dtype()}.get, date_as_object=False
    )
    return frame
