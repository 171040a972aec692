"""Build the shipped tables from the curated YAML in ``data/``.

    python -m stalin_japan_china.build            # write Parquet, schemas, descriptor
    python -m stalin_japan_china.build --check    # fail if anything committed is stale

Everything written here is derived: the Parquet schemas, JSON Schemas,
Frictionless descriptor and README data dictionary all come from the models,
and every output is a pure function of ``data/``, the models and the version,
so two builds give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import book, models
from . import ROOT, CheckoutError, require_checkout
from .formatting import format_tree
from .lint import lint, stale_explanations, unexplained
from .reading import LEDGER_FILE, BuildError, read_curated, read_facts, read_ledger
from .rules import validate

__all__ = ["BuildError", "build", "main", "stale_artefacts"]

DATA_DIR = ROOT / "data"
OUT_DIR = Path(__file__).resolve().parents[1] / "data"
SCHEMA_DIR = ROOT / "schema"
PACKAGE_NAME = "stalin-japan-china"
MANIFEST = "manifest.json"
DESCRIPTOR = "datapackage.json"
REDIRECTS = "redirects.json"
WITHDRAWN = "withdrawn.json"
FACTS = "curation.json"


def arrow_type(annotation: Any):
    """The Arrow type for a model field's annotation (vocabularies are plain strings)."""
    import pyarrow as pa

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        if base is int:
            return pa.int16()  # years, pages, chapters and note numbers all fit
        return arrow_type(base)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return arrow_type(inner)
    if origin is typing.Literal or annotation is str:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int16()
    if annotation is float:
        return pa.float64()
    if annotation is dt.date:
        return pa.date32()
    raise TypeError(f"no Arrow type for annotation {annotation!r}")


def arrow_schema(model: type[BaseModel], table: str, version: str):
    import pyarrow as pa

    fields = []
    for name, info in model.model_fields.items():
        metadata = {"description": info.description or ""}
        values = models.vocabulary_of(info.annotation)
        if values:
            # The loader turns these columns into categoricals without importing the
            # models (and pydantic): the Parquet file carries its own vocabulary.
            metadata["vocabulary"] = json.dumps(list(values))
        fields.append(
            pa.field(
                name,
                arrow_type(info.annotation),
                nullable=not info.is_required() or _optional(info.annotation),
                metadata=metadata,
            )
        )
    return pa.schema(
        fields, metadata={"table": table, "dataset_version": version, "dataset": PACKAGE_NAME}
    )


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def write_parquet(
    records: list[BaseModel], model: type[BaseModel], path: Path, table: str, version: str
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(model, table, version)
    rows = [r.model_dump() for r in records]
    arrow_table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(
        arrow_table,
        path,
        compression="zstd",
        write_statistics=True,
        use_dictionary=True,
        store_schema=True,
    )


def json_schema(model: type[BaseModel], version: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$comment"] = f"Generated from stalin_japan_china.models, dataset version {version}."
    return schema


_FRICTIONLESS_TYPES = {
    "bool": "boolean",
    "string": "string",
    "int16": "integer",
    "double": "number",
    "date32[day]": "date",
}


def descriptor(version: str, files: dict[str, str]) -> dict[str, Any]:
    """A Frictionless Data Package describing every table, derived from the models."""
    import pyarrow as pa

    references = models.references()
    resources = []
    for table, model in models.TABLES.items():
        fields, foreign_keys = [], []
        for name, info in model.model_fields.items():
            atype = arrow_type(info.annotation)
            description = info.description or ""
            if pa.types.is_list(atype):
                # Frictionless reads Parquet through pandas, whose list cells it cannot
                # type-check as "array"; "any" validates, and the description keeps the type.
                ftype, description = "any", f"{description} (Parquet {_type_name(atype)})"
            else:
                ftype = _FRICTIONLESS_TYPES[str(atype)]
            spec: dict[str, Any] = {"name": name, "type": ftype, "description": description}
            constraints: dict[str, Any] = {}
            if info.is_required() and not _optional(info.annotation):
                constraints["required"] = True
            values = models.vocabulary_of(info.annotation)
            if values:
                constraints["enum"] = list(values)
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
            targets = references.get(name, [])
            if len(targets) == 1:
                foreign_keys.append(
                    {"fields": name, "reference": {"resource": targets[0], "fields": "id"}}
                )
        schema: dict[str, Any] = {
            "fields": fields,
            "primaryKey": ["id"],
            # how pandas (which Frictionless reads Parquet through) shows a null
            "missingValues": ["", "nan", "NaN", "None", "<NA>"],
        }
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        resources.append(
            {
                "name": table,
                "path": f"{table}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": _first_line(model),
                "hash": f"sha256:{files[table]}",
                "schema": schema,
            }
        )
    return {
        "name": PACKAGE_NAME,
        "title": f"{PACKAGE_NAME}: actors, events and evidence from Kuromiya (2023)",
        "version": version,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {
                "title": f"{book.AUTHOR}, {book.TITLE} ({book.PUBLISHER}, {book.YEAR})",
                "path": f"https://doi.org/{book.DOI}",
            }
        ],
        "resources": resources,
    }


README = ROOT / "README.md"
README_START, README_END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def data_dictionary(records: dict[str, list[BaseModel]]) -> str:
    """The README's tables section: row counts and every column, generated from the models."""
    lines = [README_START, "", "| table | rows | what one row is |", "|---|---:|---|"]
    for table, model in models.TABLES.items():
        lines.append(f"| `{table}` | {len(records[table])} | {_first_line(model)} |")
    for table, model in models.TABLES.items():
        lines += ["", f"#### `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        for name, info in model.model_fields.items():
            values = models.vocabulary_of(info.annotation)
            meaning = (info.description or "").replace("|", "\\|")
            if values:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in values) + "."
            lines.append(f"| `{name}` | {_type_name(arrow_type(info.annotation))} | {meaning} |")
    lines += ["", README_END]
    return "\n".join(lines)


def _type_name(atype: Any) -> str:
    """Arrow type as the docs show it, independent of how a pyarrow version prints lists."""
    import pyarrow as pa

    return f"list<{atype.value_type}>" if pa.types.is_list(atype) else str(atype)


def _first_line(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().splitlines()[0]


def _model_vocabulary(table: str, column: str) -> list[str]:
    """A column's vocabulary from the models, as the build writes it into the tables."""
    return list(models.vocabulary_of(models.TABLES[table].model_fields[column].annotation))


def _between(readme: str, start_marker: str, end_marker: str, section: str) -> str:
    start, end = readme.find(start_marker), readme.find(end_marker)
    if start < 0 or end < 0:
        raise BuildError([f"README.md: add the markers {start_marker} and {end_marker}"])
    return readme[:start] + section + readme[end + len(end_marker) :]


def readme_with_dictionary(readme: str, records: dict[str, list[BaseModel]]) -> str:
    """The README with its generated sections: the data dictionary and the filter table,
    the latter from the one declaration of every filter parameter (``filters.FILTERS``)."""
    from .. import filters

    readme = _between(readme, README_START, README_END, data_dictionary(records))
    if filters.READMESTART not in readme:  # a README without a filter section (tests' own)
        return readme
    table = filters.markdown(_model_vocabulary)
    return _between(readme, filters.READMESTART, filters.READMEEND, table)


def read_version(root: Path = ROOT) -> str:
    """The one version, read from pyproject.toml so a build never uses a stale install's."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def build(
    data_dir: Path = DATA_DIR,
    out_dir: Path = OUT_DIR,
    schema_dir: Path = SCHEMA_DIR,
    version: str | None = None,
    readme: Path | None = None,
    citation: Path = ROOT / "CITATION.cff",
) -> dict[str, list[BaseModel]]:
    """Validate ``data_dir`` and write every derived artefact; return the validated records."""
    version = version or read_version()
    records = validate(read_curated(data_dir), read_ledger(data_dir))
    facts = read_facts(data_dir)
    findings = lint(records)
    blocking = [str(f) for f in unexplained(findings, facts)] + stale_explanations(findings, facts)
    if blocking:
        raise BuildError(
            [
                *blocking,
                "fix each finding, or explain it in the row's note and list it under "
                "lint_explained in data/curation.yaml (see `sjc curate lint`)",
            ]
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    schema_dir.mkdir(parents=True, exist_ok=True)
    hashes = {}
    for table, model in models.TABLES.items():
        path = out_dir / f"{table}.parquet"
        write_parquet(records[table], model, path, table, version)
        hashes[table] = hashlib.sha256(path.read_bytes()).hexdigest()
        _write_json(schema_dir / f"{table}.schema.json", json_schema(model, version))
    _write_json(out_dir / DESCRIPTOR, descriptor(version, hashes))
    _write_json(out_dir / REDIRECTS, {r.id: r.to for r in records["redirects"] if r.to is not None})
    _write_json(out_dir / WITHDRAWN, {r.id: r.note for r in records["redirects"] if r.to is None})
    (out_dir / "CITATION.cff").write_bytes(citation.read_bytes())
    # What `sjc verify` needs to know about the curation (which chapters are complete,
    # which year ranges are not life dates) travels with the tables it checks.
    _write_json(out_dir / FACTS, facts)
    _write_json(
        out_dir / MANIFEST,
        {"version": version, "sha256": {f"{t}.parquet": h for t, h in hashes.items()}},
    )
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        readme.write_text(readme_with_dictionary(text, records), encoding="utf-8")
    return records


def _write_json(path: Path, content: Any) -> None:
    path.write_text(
        json.dumps(content, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )


def stale_artefacts(
    data_dir: Path = DATA_DIR,
    out_dir: Path = OUT_DIR,
    schema_dir: Path = SCHEMA_DIR,
    readme: Path | None = README,
) -> list[str]:
    """Names of committed artefacts that differ from a fresh build.

    Parquet files are compared by content (schema, metadata and rows), not bytes,
    because the writer stamps its own pyarrow version into every file; the
    descriptor likewise without its file hashes.
    """
    import tempfile

    import pyarrow.parquet as pq

    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_out, fresh_schema = Path(tmp, "data"), Path(tmp, "schema")
        records = build(data_dir, fresh_out, fresh_schema)
        for table in models.TABLES:
            committed, fresh = out_dir / f"{table}.parquet", fresh_out / f"{table}.parquet"
            if not committed.exists() or not pq.read_table(committed).equals(
                pq.read_table(fresh), check_metadata=True
            ):
                stale.append(str(committed))
            name = f"{table}.schema.json"
            if _text(schema_dir / name) != _text(fresh_schema / name):
                stale.append(str(schema_dir / name))
        for name in (REDIRECTS, WITHDRAWN, "CITATION.cff", FACTS):
            if _text(out_dir / name) != _text(fresh_out / name):
                stale.append(str(out_dir / name))
        committed_descriptor = json.loads(_text(out_dir / DESCRIPTOR) or "{}")
        fresh_descriptor = json.loads(_text(fresh_out / DESCRIPTOR))
        if _without_hashes(committed_descriptor) != _without_hashes(fresh_descriptor):
            stale.append(str(out_dir / DESCRIPTOR))
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        if readme_with_dictionary(text, records) != text:
            stale.append(str(readme))
    return stale


def record_ids(records: dict[str, list[BaseModel]], version: str, data_dir: Path = DATA_DIR) -> int:
    """Append every id not yet in the ledger (``data/ids.tsv``), as published in ``version``.

    The ledger only grows: the build refuses any id in it that no longer resolves, so
    whatever a release publishes is kept, directly or through a redirect, for good.
    """
    path = data_dir / LEDGER_FILE
    known = {(table, ident) for table, ident, _ in read_ledger(data_dir)}
    new = sorted(
        (table, record.id)
        for table in models.TABLES
        for record in records[table]
        if (table, record.id) not in known
    )
    if not path.exists():
        path.write_text("table\tid\tsince\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as ledger:
        for table, ident in new:
            ledger.write(f"{table}\t{ident}\t{version}\n")
    return len(new)


def _without_hashes(descriptor_: dict) -> dict:
    copy = json.loads(json.dumps(descriptor_))
    for resource in copy.get("resources", []):
        resource.pop("hash", None)
    return copy


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m stalin_japan_china.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--data", type=Path, default=DATA_DIR, help="folder of curated YAML (default: data/)"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where the Parquet files go")
    parser.add_argument("--schema", type=Path, default=SCHEMA_DIR, help="where the JSON Schemas go")
    parser.add_argument("--check", action="store_true", help="only report artefacts that are stale")
    parser.add_argument(
        "--record-ids",
        action="store_true",
        help="also append this version's new ids to data/ids.tsv (do this when releasing)",
    )
    args = parser.parse_args(argv)
    try:
        require_checkout()
    except CheckoutError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        if args.check:
            unformatted = format_tree(args.data, write=False)
            stale = stale_artefacts(args.data, args.out, args.schema, README)
            for path in unformatted:
                print(f"not in canonical form: {path} (run `sjc curate format`)")
            if stale:
                print("stale (run `python -m stalin_japan_china.build`):\n  " + "\n  ".join(stale))
            if unformatted or stale:
                return 1
            print("all curated files are canonical and all built artefacts are up to date")
            return 0
        default_target = (args.out, args.schema) == (OUT_DIR, SCHEMA_DIR)
        records = build(args.data, args.out, args.schema, readme=README if default_target else None)
        if args.record_ids:
            added = record_ids(records, read_version(), args.data)
            print(f"recorded {added} new ids in {args.data / LEDGER_FILE}")
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(", ".join(f"{len(rows)} {table}" for table, rows in records.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
