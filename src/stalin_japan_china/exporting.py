"""The dataset for tools other than Python: spreadsheets, R, SQLite, Gephi and GIS.

:func:`export` writes the whole dataset, or the part one filter selects, into a folder in
one format, with the citation beside it, so the files can be handed on without this
package::

    sjc export out/ --format csv --excel        # seven CSV files Excel opens, UTF-8 with BOM
    sjc export out/ --format sqlite --actor Stalin

A filtered export is *closed*: it keeps every row the selected rows point at (the places
of its events, the actors of its participants and relations, the sources of its
evidence), so every foreign key still resolves and Frictionless, SQLite or Gephi load it
without dangling ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import checks
from .errors import InvalidValueError
from .filters import EXPORTED
from .loading import TABLES, data_dir, load_table

if TYPE_CHECKING:
    import networkx as nx
    import pyarrow as pa

FORMATS = ("csv", "xlsx", "sqlite", "graphml", "gexf", "geojson", "parquet")
FILTERS = EXPORTED
"""The filters of :func:`stalin_japan_china.events` that select what an export holds."""

DATABASE = "stalin-japan-china"
"""File stem of the SQLite export, so Datasette names the database after the dataset."""

SEARCHED = {
    # table: (title columns, body columns) indexed by the full-text search
    "actors": (("name", "name_native", "aliases"), ("description", "disambiguation")),
    "events": (("title",), ("summary",)),
    "places": (("name", "name_native", "modern_name"), ()),
    "participants": ((), ("note",)),
    "relations": ((), ("note",)),
    "evidence": ((), ("note", "locator")),
    "sources": (("citation",), ("archive",)),
}


def export(
    directory: str | Path, format: str = "csv", *, excel: bool = False, **filters: Any
) -> list[Path]:
    """Write the dataset (or the part ``filters`` select) into ``directory``; return the files.

    ``format`` is one of :data:`FORMATS`. ``filters`` are those of
    :func:`stalin_japan_china.events` named in :data:`FILTERS` (``actor``, ``chapter``,
    ``start``, ``end``, ``status``, …): the export keeps the matching events, their
    participants, the relations among their actors (or, with ``actor``, the actor's
    relations), the evidence for all of these, and every place, actor and source those
    rows refer to. ``excel=True`` starts CSV files with a byte-order mark, so Excel
    reads them as UTF-8. The folder is created if needed; it must be empty or hold an
    earlier export, whose files of the same name are replaced.
    """
    checks.choice(format, "format", FORMATS)
    checks.flag(excel, "excel")
    if excel and format != "csv":
        raise InvalidValueError("excel=True (--excel) applies to format='csv' only")
    unknown = [name for name in filters if name not in FILTERS]
    if unknown:
        raise InvalidValueError(
            f"{checks.shown(unknown[0])} is not an export filter; the filters are: "
            f"{', '.join(FILTERS)}"
        )
    folder = checks.path(directory, "directory")
    if folder is None:
        raise checks.wrong("directory", directory, "a folder path")
    try:
        a_file = folder.exists() and not folder.is_dir()
    except OSError as error:  # e.g. a name longer than the file system allows
        raise InvalidValueError(
            f"directory={checks.shown(str(folder))} cannot be used: {error.strerror or error}"
        ) from None
    if a_file:
        raise InvalidValueError(f"directory={checks.shown(str(folder))} is a file, not a folder")
    if not _new_or_export(folder):
        # `sjc export ~` would scatter seven files among someone's own; refuse instead.
        raise InvalidValueError(
            f"directory={checks.shown(str(folder))} is not empty and holds no earlier export "
            "(its README.txt); choose a new or empty folder"
        )
    tables = subset(**{k: v for k, v in filters.items() if v is not None})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writer = _WRITERS[format]
        files = writer(folder, tables, excel) if format == "csv" else writer(folder, tables)
        files.append(_readme(folder, format, filters, tables))
    except OSError as error:
        raise InvalidValueError(
            f"cannot write the export into {checks.shown(str(folder))}: {error.strerror or error}"
        ) from None
    return files


def _new_or_export(folder: Path) -> bool:
    """A folder export may write into: missing, empty, or one it wrote before."""
    try:
        if not folder.exists() or not any(folder.iterdir()):
            return True
        with (folder / "README.txt").open(encoding="utf-8") as handle:
            return handle.readline().startswith("stalin-japan-china ")
    except (OSError, UnicodeDecodeError):
        return False


# --- what an export holds -------------------------------------------------------------


def subset(**filters: Any) -> dict[str, pa.Table]:
    """Every table, cut to what the filters select and closed under its references.

    With no filter this is the whole dataset, as shipped.
    """
    import pyarrow.compute as pc

    from . import query

    tables = {name: load_table(name) for name in TABLES}
    if not filters:
        return tables
    events = query.events(**filters)
    event_ids = sorted(set(events.id))
    status = filters.get("status")
    allowed = query._at_least(status)

    def keep(table: pa.Table, column: str, values: Iterable[Any]) -> pa.Table:
        import pyarrow as pa

        return table.filter(
            pc.is_in(table.column(column), pa.array(sorted({v for v in values if v is not None})))
        )

    participants = keep(tables["participants"], "event_id", event_ids)
    if allowed:
        participants = keep(participants, "status", allowed)
    cast = set(participants.column("actor_id").to_pylist())
    window = {k: filters[k] for k in ("status", "start", "end") if k in filters}
    if "actor" in filters:
        ties = query.relations(actor=filters["actor"], **window)
    else:
        ties = query.relations(**window)
        ties = ties[ties.subject_id.isin(cast) & ties.object_id.isin(cast)]
    relations = keep(tables["relations"], "id", ties.id)
    if "chapter" in filters:  # a chapter's relations are those its pages give evidence for
        chapters = query._chapters(filters["chapter"])
        cited = keep(tables["evidence"], "chapter", chapters).column("target_id")
        relations = keep(relations, "id", set(cited.to_pylist()))
    events_table = keep(tables["events"], "id", event_ids)
    targets = event_ids + participants.column("id").to_pylist()
    evidence = keep(tables["evidence"], "target_id", targets + relations.column("id").to_pylist())
    claimants = {
        c
        for t in (events_table, participants, relations)
        for c in t.column("claimed_by").to_pylist()
        if c is not None
    }
    actor_ids = cast | claimants
    actor_ids |= set(relations.column("subject_id").to_pylist())
    actor_ids |= set(relations.column("object_id").to_pylist())
    source_ids = set(evidence.column("source_id").to_pylist()) | claimants
    places = {p for p in events_table.column("place_id").to_pylist() if p is not None}
    return {
        "actors": keep(tables["actors"], "id", actor_ids),
        "places": keep(tables["places"], "id", places),
        "sources": keep(tables["sources"], "id", source_ids),
        "events": events_table,
        "participants": participants,
        "relations": relations,
        "evidence": evidence,
    }


def _descriptions() -> dict[str, dict[str, Any]]:
    """Each table's one-line meaning and its columns' descriptions, from the models."""
    from . import models

    found = {}
    for table, model in models.TABLES.items():
        found[table] = {
            "description": (model.__doc__ or "").strip().splitlines()[0],
            "columns": {
                name: {
                    "description": info.description or "",
                    "vocabulary": list(models.vocabulary_of(info.annotation) or ()),
                }
                for name, info in model.model_fields.items()
            },
        }
    return found


def _is_list(field: pa.Field) -> bool:
    import pyarrow as pa

    return pa.types.is_list(field.type)


def _flat(table: pa.Table) -> pa.Table:
    """List columns as JSON arrays in text, the form CSV, SQLite and spreadsheets keep exactly."""
    import pyarrow as pa

    for index, field in enumerate(table.schema):
        if _is_list(field):
            text = [
                None if v is None else json.dumps(v, ensure_ascii=False)
                for v in table.column(index).to_pylist()
            ]
            table = table.set_column(index, pa.field(field.name, pa.string()), pa.array(text))
    return table


# --- csv and parquet --------------------------------------------------------------------


def _write_csv(folder: Path, tables: dict[str, pa.Table], excel: bool) -> list[Path]:
    import pyarrow.csv as pcsv

    files, hashes = [], {}
    for name, table in tables.items():
        buffer = io.BytesIO()
        pcsv.write_csv(_flat(table), buffer)
        content = ("\ufeff".encode() if excel else b"") + buffer.getvalue()
        path = folder / f"{name}.csv"
        path.write_bytes(content)
        files.append(path)
        hashes[name] = (hashlib.sha256(content).hexdigest(), len(content))
    descriptor = _shipped_descriptor()
    for resource in descriptor["resources"]:
        name = resource["name"]
        resource.update(
            path=f"{name}.csv",
            format="csv",
            mediatype="text/csv",
            encoding="utf-8-sig" if excel else "utf-8",
            hash=f"sha256:{hashes[name][0]}",
            bytes=hashes[name][1],
        )
        schema = resource["schema"]
        schema["missingValues"] = [""]  # pyarrow writes a null as an empty cell
        for spec in schema["fields"]:
            if spec["type"] == "any":  # a Parquet list, now a JSON array in the cell
                spec["type"] = "array"
                spec["description"] = spec["description"].split(" (Parquet")[0]
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*files, path]


def _shipped_descriptor() -> dict[str, Any]:
    """The installed Data Package descriptor: fields, keys and licences the build derived."""
    return json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))


def _write_parquet(folder: Path, tables: dict[str, pa.Table]) -> list[Path]:
    import pyarrow.parquet as pq

    files = []
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        pq.write_table(table, path, compression="zstd", store_schema=True)
        files.append(path)
    return files


# --- xlsx -------------------------------------------------------------------------------


def _write_xlsx(folder: Path, tables: dict[str, pa.Table]) -> list[Path]:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "format='xlsx' needs openpyxl: pip install 'stalin-japan-china[export]'"
        ) from error
    book = Workbook()
    bold = Font(bold=True)
    sheet = book.active
    sheet.title = "dictionary"
    sheet.append(["table", "column", "type", "meaning", "vocabulary"])
    descriptions = _descriptions()
    for name, table in tables.items():
        columns = descriptions[name]["columns"]
        sheet.append([name, "", "table", descriptions[name]["description"], ""])
        for field in table.schema:
            about = columns[field.name]
            kind = "JSON array" if _is_list(field) else str(field.type)
            sheet.append(
                [name, field.name, kind, about["description"], ", ".join(about["vocabulary"])]
            )
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        flat = _flat(table)
        sheet.append(flat.column_names)
        for row in zip(*(flat.column(i).to_pylist() for i in range(flat.num_columns)), strict=True):
            sheet.append(list(row))
            if any(isinstance(v, str) and v.startswith("=") for v in row):
                for cell in sheet[sheet.max_row]:  # text, never a formula Excel would run
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
    path = folder / f"{DATABASE}.xlsx"
    book.save(path)
    return [path]


# --- sqlite -----------------------------------------------------------------------------


def _sql_type(field: pa.Field) -> str:
    import pyarrow as pa

    if pa.types.is_integer(field.type) or pa.types.is_boolean(field.type):
        return "INTEGER"
    if pa.types.is_floating(field.type):
        return "REAL"
    return "TEXT"  # strings, ISO dates and JSON arrays


def _sql_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _write_sqlite(folder: Path, tables: dict[str, pa.Table]) -> list[Path]:
    import sqlite3

    path = folder / f"{DATABASE}.sqlite"
    path.unlink(missing_ok=True)
    keys = {r["name"]: r["schema"] for r in _shipped_descriptor()["resources"]}
    connection = sqlite3.connect(path)
    try:
        with connection:
            for name, table in tables.items():
                flat = _flat(table)
                columns = [f'"{f.name}" {_sql_type(f)}' for f in flat.schema]
                columns[0] += " PRIMARY KEY NOT NULL"
                for key in keys[name].get("foreignKeys", []):
                    target = key["reference"]
                    columns.append(
                        f'FOREIGN KEY ("{key["fields"]}") REFERENCES '
                        f'"{target["resource"]}" ("{target["fields"]}")'
                    )
                connection.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
                marks = ", ".join("?" * flat.num_columns)
                rows = zip(
                    *(flat.column(i).to_pylist() for i in range(flat.num_columns)), strict=True
                )
                connection.executemany(
                    f'INSERT INTO "{name}" VALUES ({marks})',
                    ([_sql_value(v) for v in row] for row in rows),
                )
                for column in flat.column_names:
                    if column.endswith("_id") or column == "claimed_by":
                        connection.execute(
                            f'CREATE INDEX "{name}_{column}" ON "{name}" ("{column}")'
                        )
            _full_text(connection, tables)
        connection.execute("VACUUM")
    finally:
        connection.close()
    metadata = folder / "metadata.json"
    metadata.write_text(
        json.dumps(_datasette_metadata(tables), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return [path, metadata]


def _full_text(connection: Any, tables: dict[str, pa.Table]) -> None:
    """One FTS5 index over every table's text, tokenized in trigrams.

    The default tokenizer splits on spaces, which Chinese and Japanese do not have, so
    張作霖 inside a sentence was unfindable; trigrams find any substring of three or more
    characters in any script. A trigram index matches nothing shorter: look up a
    two-character name with ``LIKE '%…%'`` on its table instead.
    """
    connection.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "table_name UNINDEXED, record_id UNINDEXED, title, body, tokenize='trigram')"
    )
    for name, (titles, bodies) in SEARCHED.items():
        flat = _flat(tables[name])
        ids = flat.column("id").to_pylist()

        def joined(columns: tuple[str, ...], flat: pa.Table = flat) -> list[str]:
            values = [flat.column(c).to_pylist() for c in columns]
            return [" ".join(v for v in row if v) for row in zip(*values, strict=True)] or [
                ""
            ] * flat.num_rows

        connection.executemany(
            "INSERT INTO search VALUES (?, ?, ?, ?)",
            zip([name] * len(ids), ids, joined(titles), joined(bodies), strict=True),
        )


def _datasette_metadata(tables: dict[str, pa.Table]) -> dict[str, Any]:
    from . import book
    from .citing import cite

    descriptions = _descriptions()
    described = {
        name: {
            "description": descriptions[name]["description"],
            "columns": {
                c: descriptions[name]["columns"][c]["description"] for c in table.column_names
            },
        }
        for name, table in tables.items()
    }
    described["search"] = {
        "description": "Full-text index (FTS5, trigrams) over the text of every table: "
        "SELECT * FROM search WHERE search MATCH '張作霖'.",
        "columns": {
            "table_name": "Table of the record.",
            "record_id": "id of the record in that table.",
            "title": "Its names or title.",
            "body": "Its summary, description or note.",
        },
    }
    return {
        "title": "stalin-japan-china",
        "description": _citation_line(),
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": f"{book.AUTHOR}, {book.TITLE} ({book.PUBLISHER}, {book.YEAR})",
        "source_url": f"https://doi.org/{book.DOI}",
        "about": "Cite as: " + cite("apa").splitlines()[0],
        "databases": {DATABASE: {"tables": described}},
    }


def _citation_line() -> str:
    from . import _version

    return (
        f"stalin-japan-china {_version()}: actors, events, relations and the evidence "
        "behind every contested claim of Kuromiya (2023)."
    )


# --- graphml and gexf -------------------------------------------------------------------


def graph(tables: dict[str, pa.Table] | None = None) -> nx.MultiDiGraph:
    """The export's actor graph: typed attributes only, so GraphML and GEXF can store it.

    Nodes are actors (``name``, ``kind``, ``nationality``, ``born``, ``died``; a missing
    value is left out, never ``None``). Edges are relations (``kind="relation"``,
    ``predicate``) and co-participation in an event (``kind="co_participation"``,
    ``role`` as "role of source / role of target", ``event_id``), once per pair of
    participant rows; each carries ``status``, ``certainty`` and ``evidence``, the
    evidence ids joined by spaces. Every status of the selection is kept: filter the
    graph by ``status`` in Gephi, or export with ``status=``.
    """
    try:
        import networkx as nx
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "graph exports need networkx: pip install 'stalin-japan-china[network]'"
        ) from error
    from .scale import rgb

    tables = tables or subset()
    evidence: dict[str, list[str]] = {}
    for ident, target in zip(
        tables["evidence"].column("id").to_pylist(),
        tables["evidence"].column("target_id").to_pylist(),
        strict=True,
    ):
        evidence.setdefault(target, []).append(ident)
    result = nx.MultiDiGraph(name="stalin-japan-china actors")
    for row in tables["actors"].to_pylist():
        attrs = {k: row[k] for k in ("name", "kind", "nationality", "born", "died")}
        attrs["label"] = row["name"]
        result.add_node(row["id"], **{k: v for k, v in attrs.items() if v is not None})

    def colour(status: str) -> dict[str, Any]:
        r, g, b = rgb(status)
        return {"color": {"r": r, "g": g, "b": b, "a": 1.0}}

    for row in tables["relations"].to_pylist():
        attrs = {
            "kind": "relation",
            "predicate": row["predicate"],
            "status": row["status"],
            "certainty": row["certainty"],
            "start": row["start"],
            "end": row["end"],
            "claimed_by": row["claimed_by"],
            "evidence": " ".join(evidence.get(row["id"], [])),
        }
        clean = {k: v for k, v in attrs.items() if v is not None}
        result.add_edge(row["subject_id"], row["object_id"], key=row["id"], **clean)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in tables["participants"].to_pylist():
        by_event.setdefault(row["event_id"], []).append(row)
    for event_id, cast in sorted(by_event.items()):
        cast.sort(key=lambda p: p["id"])
        for i, one in enumerate(cast):
            for other in cast[i + 1 :]:
                if one["actor_id"] == other["actor_id"]:
                    continue
                weaker = one if one["certainty"] <= other["certainty"] else other
                result.add_edge(
                    one["actor_id"],
                    other["actor_id"],
                    key=f"{one['id']}~{other['id']}",
                    kind="co_participation",
                    event_id=event_id,
                    role=f"{one['role']} / {other['role']}",
                    status=weaker["status"],
                    certainty=weaker["certainty"],
                    evidence=" ".join(evidence.get(one["id"], []) + evidence.get(other["id"], [])),
                )
    for _, _, data in result.edges(data=True):
        data["_viz"] = colour(data["status"])
    return result


def _write_graph(folder: Path, tables: dict[str, pa.Table], kind: str) -> list[Path]:
    import networkx as nx

    built = graph(tables)
    path = folder / f"{DATABASE}.{kind}"
    if kind == "gexf":
        for _, _, data in built.edges(data=True):
            data["viz"] = data.pop("_viz")  # GEXF draws edges in the status colours
        nx.write_gexf(built, path)
    else:
        for _, _, data in built.edges(data=True):
            data.pop("_viz")
        nx.write_graphml(built, path)
    return [path]


# --- geojson ----------------------------------------------------------------------------


def places_geojson(tables: dict[str, pa.Table] | None = None) -> dict[str, Any]:
    """Places as GeoJSON points carrying their events and how many there are per status.

    ``precision`` is the place's ``kind``: a ``city`` point is the city, a ``region``
    or ``country`` point only a label position inside a large area.
    """
    from .scale import STATUS_ORDER

    tables = tables or subset()
    at: dict[str, list[dict[str, Any]]] = {}
    for row in tables["events"].select(["id", "title", "date", "status", "place_id"]).to_pylist():
        if row["place_id"] is not None:
            at.setdefault(row["place_id"], []).append(row)
    features = []
    for place in tables["places"].to_pylist():
        events = at.get(place["id"], [])
        counts = {s: sum(e["status"] == s for e in events) for s in STATUS_ORDER}
        properties = {
            "id": place["id"],
            "name": place["name"],
            "name_native": place["name_native"],
            "modern_name": place["modern_name"],
            "precision": place["kind"],
            "event_count": len(events),
            "status_counts": counts,
            "events": [{k: e[k] for k in ("id", "title", "date", "status")} for e in events],
        }
        features.append(
            {
                "type": "Feature",
                "id": place["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [place["longitude"], place["latitude"]],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(folder: Path, tables: dict[str, pa.Table]) -> list[Path]:
    path = folder / "places.geojson"
    path.write_text(
        json.dumps(places_geojson(tables), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return [path]


# --- the README beside every export ----------------------------------------------------


def _readme(folder: Path, format: str, filters: dict[str, Any], tables: dict[str, Any]) -> Path:
    from . import _version
    from .citing import cite

    selection = ", ".join(f"{k}={v!r}" for k, v in filters.items() if v is not None)
    lines = [
        f"stalin-japan-china {_version()}, exported as {format}",
        "",
        _citation_line(),
        f"Selection: {selection or 'the whole dataset'}.",
        "Rows: " + ", ".join(f"{name} {t.num_rows}" for name, t in tables.items()) + ".",
        "",
        "Licence: data CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
        "",
        "Cite the release and the book:",
        "",
        cite("apa"),
        "",
        cite("bibtex"),
    ]
    path = folder / "README.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_WRITERS: dict[str, Any] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "xlsx": _write_xlsx,
    "sqlite": _write_sqlite,
    "graphml": lambda folder, tables: _write_graph(folder, tables, "graphml"),
    "gexf": lambda folder, tables: _write_graph(folder, tables, "gexf"),
    "geojson": _write_geojson,
}

__all__ = ["FILTERS", "FORMATS", "export", "graph", "places_geojson", "subset"]
