"""Find and read the tables that ship inside the package.

Tables are read once per process and cached as immutable pyarrow Tables; every
pandas DataFrame handed out is a fresh conversion, so a caller who edits one
cannot change what the next caller sees.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from . import checks
from .errors import DataFileError, InvalidValueError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

TABLES = ("actors", "places", "sources", "events", "participants", "relations", "evidence")


def _check_name(name: str) -> str:
    if not isinstance(name, str):
        raise checks.wrong("name", name, f"a table name, one of {', '.join(TABLES)}")
    if name not in TABLES:
        # Bounded first: difflib's cost grows with the length of what was typed.
        close = difflib.get_close_matches(name[: checks.MAX_LENGTH], TABLES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise InvalidValueError(
            f"unknown table {checks.shown(name)}; the tables are: {', '.join(TABLES)}.{hint}"
        )
    return name


def data_dir() -> Path:
    """The folder holding the installed Parquet files and datapackage.json."""
    return Path(str(resources.files("stalin_japan_china") / "data"))


def paths() -> dict[str, Path]:
    """Installed Parquet file of every table, for DuckDB, Polars or Spark to read in place."""
    return {name: data_dir() / f"{name}.parquet" for name in TABLES}


REINSTALL = "reinstall with `pip install --force-reinstall stalin-japan-china`"


@functools.cache
def manifest() -> dict[str, str]:
    """SHA-256 of every shipped Parquet file, as the build wrote them."""
    path = data_dir() / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError) as error:
        raise DataFileError(
            f"checksum manifest {path} is missing or unreadable ({error}); "
            f"the installation is damaged: {REINSTALL}"
        ) from error


def check_file(name: str) -> bytes:
    """The bytes of a table's file, after checking them against the manifest."""
    path = paths()[_check_name(name)]
    try:
        content = path.read_bytes()
    except OSError as error:
        raise DataFileError(
            f"data file {path} is missing or unreadable; the installation is damaged: {REINSTALL}"
        ) from error
    expected = manifest().get(path.name)
    actual = hashlib.sha256(content).hexdigest()
    if actual != expected:
        raise DataFileError(
            f"data file {path} does not match its SHA-256 in manifest.json (expected "
            f"{expected}, found {actual}): it was truncated or edited after the build; "
            f"{REINSTALL}"
        )
    return content


def load_table(name: str) -> pa.Table:
    """Return a table as an immutable ``pyarrow.Table``, checked against its checksum."""
    return _read_table(_check_name(name))


@functools.cache
def _read_table(name: str) -> pa.Table:
    # Cached behind load_table, which checks the name first: a cache would hash the
    # argument before any check could run, so an unhashable one crashed with a TypeError.
    import pyarrow as pa
    import pyarrow.parquet as pq

    content = check_file(name)
    try:
        # Single-threaded: the tables are small, and decoding a BufferReader on the thread
        # pool left a worker joinable at interpreter exit, which aborted about one process
        # in fifteen (SIGABRT, "terminate called without an active exception").
        # ParquetFile rather than read_table, whose dataset layer imports pandas: the
        # command line answers csv, json and parquet output without it.
        table = pq.ParquetFile(pa.BufferReader(content)).read(use_threads=False)
    except (OSError, pa.ArrowException) as error:  # pragma: no cover - checksum catches it first
        raise DataFileError(
            f"data file {paths()[name]} cannot be read ({error}); {REINSTALL}"
        ) from error
    _check_identity(name, table)
    return table


load_table.cache_clear = _read_table.cache_clear  # type: ignore[attr-defined]


def _check_identity(name: str, table: pa.Table) -> None:
    """The file says it holds this table of this release (the build writes both).

    The checksum only proves the file is the one the manifest lists; a file copied over
    another with the manifest updated would pass it and then fail far from the cause.
    """
    from . import _version

    metadata = table.schema.metadata or {}
    found = metadata.get(b"table", b"").decode(errors="replace")
    version = metadata.get(b"dataset_version", b"").decode(errors="replace")
    path = paths()[name]
    if found != name:
        raise DataFileError(
            f"data file {path} holds the table {found or '(none)'!r}, not {name!r}: "
            f"files were swapped or replaced after the build; {REINSTALL}"
        )
    expected = _version()
    # A source tree that was never installed has no version of its own to compare.
    if expected != "0.0.0+unknown" and version != expected:
        raise DataFileError(
            f"data file {path} is from dataset version {version or '(none)'!r}, but the "
            f"installed package is {expected}: the data and code were mixed; {REINSTALL}"
        )


def vocabularies(table: pa.Table) -> dict[str, list[str]]:
    """Columns with a fixed vocabulary, from the Parquet field metadata the build wrote."""
    found = {}
    for column in table.schema:
        raw = (column.metadata or {}).get(b"vocabulary")
        if raw is not None:
            found[column.name] = json.loads(raw)
    return found


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A new DataFrame: vocabularies as categoricals, years as Int16, days as datetime64.

    ``status`` is an *ordered* categorical from least to most certain, so
    ``frame[frame.status >= "likely"]`` keeps confirmed and likely rows.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    for column, values in vocabularies(table).items():
        ordered = column in ("status", "role_status")
        categories = pa.array(list(reversed(values)) if ordered else values, pa.string())
        index = table.schema.get_field_index(column)
        codes = pc.index_in(table.column(index), value_set=categories)
        encoded = pa.chunked_array(
            [pa.DictionaryArray.from_arrays(c, categories, ordered=ordered) for c in codes.chunks],
            pa.dictionary(pa.int32(), pa.string(), ordered=ordered),
        )
        table = table.set_column(index, table.schema.field(index).with_type(encoded.type), encoded)
    frame = table.to_pandas(types_mapper={pa.int16(): pd.Int16Dtype()}.get, date_as_object=False)
    metadata = table.schema.metadata or {}
    # A frame saved or passed on still says which release and table it came from.
    frame.attrs["dataset_version"] = metadata.get(b"dataset_version", b"").decode()
    frame.attrs["table"] = metadata.get(b"table", b"").decode()
    return frame


def describe(name: str) -> pd.DataFrame:
    """A table's columns: type, meaning and vocabulary, read from the shipped Parquet file.

    The build writes each column's description and vocabulary into the file's schema, so
    this needs neither the models nor pydantic and always matches the installed data.
    """
    import pandas as pd

    table = load_table(name)
    vocab = vocabularies(table)
    rows = []
    for field in table.schema:
        meta = field.metadata or {}
        rows.append(
            {
                "column": field.name,
                "type": str(field.type),
                "meaning": meta.get(b"description", b"").decode(),
                "vocabulary": vocab.get(field.name, []),
            }
        )
    return pd.DataFrame(rows)


Backend = Literal["pandas", "polars"]


@overload
def load(name: str, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
@overload
def load(name: str, backend: Literal["polars"]) -> pl.DataFrame: ...


def load(name: str, backend: str = "pandas") -> pd.DataFrame | pl.DataFrame:
    """Return a table as a new pandas DataFrame (or Polars, with ``backend="polars"``).

    Vocabulary columns are categoricals (``status`` ordered by certainty), years
    nullable ``Int16`` and calendar days ``datetime64``.
    """
    checks.choice(backend, "backend", ("pandas", "polars"))
    table = load_table(name)  # the name is checked before polars is looked for
    if backend == "pandas":
        return to_pandas(table)
    try:
        import polars as pl
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "backend='polars' needs Polars: pip install 'stalin-japan-china[polars]'"
        ) from error
    frame = pl.from_arrow(table)
    if "status" in frame.columns:
        # An Enum orders by the vocabulary, least certain first, so `pl.col("status") >=
        # "likely"` means what it says; as plain strings Polars would compare them
        # alphabetically and drop every confirmed row.
        order = list(reversed(vocabularies(table)["status"]))
        frame = frame.with_columns(pl.col("status").cast(pl.Enum(order)))
    return frame
