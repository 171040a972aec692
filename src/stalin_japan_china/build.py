"""Build the shipped tables from the curated YAML in ``data/``.

    python -m stalin_japan_china.build            # write Parquet, schemas, descriptor
    python -m stalin_japan_china.build --check    # fail if anything committed is stale

Curators write nested records (an event with its participants, each with its
evidence) because that is how they read the book; users get seven flat tables
because that is how they join and filter. This module does the flattening,
validates every record with the models plus the checks that span tables, and
reports every problem found in one run, each with its file, line and id.
Every output is a pure function of ``data/``, the models and the version, so
two builds give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import book, models

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
OUT_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_DIR = ROOT / "schema"
SECTIONS = ("actors", "places", "sources", "events", "relations")
PACKAGE_NAME = "stalin-japan-china"
MANIFEST = "manifest.json"
DESCRIPTOR = "datapackage.json"


class BuildError(Exception):
    """Curated data that failed validation; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the curated data:\n{listing}")


# ---------------------------------------------------------------- reading


def _yaml_loader():
    """A SafeLoader that remembers the line of every mapping, for error messages."""
    import yaml

    class LineLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return LineLoader


@dataclass
class Curated:
    """Flat rows per table, each remembered with where it was written."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any], where: str) -> None:
        row["__where__"] = where
        self.rows[table].append(row)


def read_curated(data_dir: Path) -> Curated:
    """Read every YAML file under ``data_dir`` and flatten it into table rows."""
    import yaml

    curated = Curated()
    files = sorted(data_dir.rglob("*.yaml")) + sorted(data_dir.rglob("*.yml"))
    if not files:
        curated.problems.append(f"{data_dir}: no YAML files found")
    for path in files:
        name = path.relative_to(data_dir.parent) if data_dir.parent in path.parents else path
        try:
            document = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
        except yaml.YAMLError as error:
            curated.problems.append(f"{name}: not valid YAML: {error}")
            continue
        if document is None:
            continue
        if not isinstance(document, dict):
            curated.problems.append(f"{name}: top level must be a mapping of {', '.join(SECTIONS)}")
            continue
        document.pop("__line__", None)
        for section, records in document.items():
            if section not in SECTIONS:
                curated.problems.append(
                    f"{name}: unknown top-level key {section!r}; "
                    f"expected one of {', '.join(SECTIONS)}"
                )
                continue
            if not isinstance(records, list):
                curated.problems.append(f"{name}: {section} must be a list of records")
                continue
            for record in records:
                if not isinstance(record, dict):
                    curated.problems.append(f"{name}: {section}: every record must be a mapping")
                    continue
                _flatten(curated, section, record, str(name))
    return curated


def _where(file: str, record: dict) -> str:
    return f"{file}:{record.pop('__line__', '?')}"


def _flatten(curated: Curated, section: str, record: dict, file: str) -> None:
    where = _where(file, record)
    evidence = record.pop("evidence", None) or []
    if section == "actors":
        curated.add("actors", record, where)
        _add_evidence(curated, "actor", record.get("id"), evidence, file)
    elif section in ("places", "sources"):
        curated.add(section, record, where)
    elif section == "events":
        participants = record.pop("participants", None) or []
        record["place_id"] = record.pop("place", None)
        curated.add("events", record, where)
        _add_evidence(curated, "event", record.get("id"), evidence, file)
        for participant in participants:
            _flatten_participant(curated, record.get("id"), participant, file)
    elif section == "relations":
        record["subject_id"] = record.pop("subject", None)
        record["object_id"] = record.pop("object", None)
        key = record.pop("key", None)
        record["id"] = _join(
            "/", record["subject_id"], record.get("predicate"), record["object_id"], key
        )
        curated.add("relations", record, where)
        _add_evidence(curated, "relation", record["id"], evidence, file)


def _flatten_participant(curated: Curated, event_id: Any, participant: Any, file: str) -> None:
    if not isinstance(participant, dict):
        curated.problems.append(f"{file}: event {event_id}: every participant must be a mapping")
        return
    where = _where(file, participant)
    evidence = participant.pop("evidence", None) or []
    participant["event_id"] = event_id
    participant["actor_id"] = participant.pop("actor", None)
    key = participant.pop("key", None)
    participant["id"] = _join("/", event_id, participant["actor_id"], participant.get("role"), key)
    curated.add("participants", participant, where)
    _add_evidence(curated, "participant", participant["id"], evidence, file)


def _add_evidence(curated: Curated, kind: str, target: Any, items: Any, file: str) -> None:
    if not isinstance(items, list):
        curated.problems.append(f"{file}: {kind} {target}: evidence must be a list")
        return
    for item in items:
        if not isinstance(item, dict):
            curated.problems.append(
                f"{file}: {kind} {target}: every evidence item must be a mapping"
            )
            continue
        where = _where(file, item)
        item["target_kind"] = kind
        item["target_id"] = target
        item["source_id"] = item.pop("source", None)
        page, footnote, stance = item.get("page"), item.get("footnote"), item.get("stance")
        try:
            item["chapter"] = book.chapter_of_page(page).number
        except (TypeError, ValueError):
            item["chapter"] = 0  # any number: the model reports the bad page itself
        key = item.pop("key", None)
        suffix = f"p{page}" + (f"-n{footnote}" if footnote else "")
        suffix += "" if stance == "supports" else f"-{stance}"
        item["id"] = f"{target}@{suffix}" + (f"-{key}" if key else "")
        curated.add("evidence", item, where)


def _join(sep: str, *parts: Any) -> str:
    return sep.join(str(p) for p in parts if p is not None)


# ---------------------------------------------------------------- validating


def validate(curated: Curated) -> dict[str, list[BaseModel]]:
    """Validate every row and every cross-table rule; raise BuildError listing all problems."""
    problems = list(curated.problems)
    _derive_event_fields(curated)
    # References and evidence are checked against what was written, valid or not,
    # so that one bad record is reported once rather than again by every row citing it.
    declared = {t: Counter(r.get("id") for r in curated.rows.get(t, [])) for t in models.TABLES}
    evidenced = Counter(
        (e.get("target_kind"), e.get("target_id")) for e in curated.rows.get("evidence", [])
    )
    records: dict[str, list[BaseModel]] = {}
    wheres: dict[tuple[str, str], str] = {}
    for table, model in models.TABLES.items():
        records[table] = []
        for row in curated.rows.get(table, []):
            where = row.pop("__where__", "?")
            try:
                record = model.model_validate(row)
            except ValidationError as error:
                problems.extend(_describe(error, table, row, where))
                continue
            records[table].append(record)
            wheres[(table, record.id)] = where
    problems.extend(_cross_table_problems(records, wheres, declared, evidenced))
    if problems:
        raise BuildError(problems)
    return {table: sorted(rows, key=lambda r: r.id) for table, rows in records.items()}


def _derive_event_fields(curated: Curated) -> None:
    """Give each event the pages and first chapter of the evidence about it."""
    participant_event = {
        p.get("id"): p.get("event_id") for p in curated.rows.get("participants", [])
    }
    pages: dict[Any, set[int]] = defaultdict(set)
    for item in curated.rows.get("evidence", []):
        event_id = {
            "event": item.get("target_id"),
            "participant": participant_event.get(item.get("target_id")),
        }.get(item.get("target_kind"))
        if event_id is not None and isinstance(item.get("page"), int):
            pages[event_id].add(item["page"])
    for event in curated.rows.get("events", []):
        found = sorted(pages.get(event.get("id"), ()))
        event.setdefault("pages", found)
        if found:
            event.setdefault("chapter", book.chapter_of_page(found[0]).number)


def _describe(error: ValidationError, table: str, row: dict, where: str) -> Iterator[str]:
    ident = row.get("id") or "(no id)"
    for item in error.errors():
        field_name = ".".join(str(p) for p in item["loc"]) or "record"
        yield f"{where}: {table} {ident}: {field_name}: {item['msg']}"


def _cross_table_problems(
    records: dict[str, list[BaseModel]], wheres: dict, ids: dict[str, Counter], evidenced: Counter
) -> Iterator[str]:
    def problem(table: str, ident: str, field_name: str, message: str) -> str:
        return f"{wheres[(table, ident)]}: {table} {ident}: {field_name}: {message}"

    for table, counts in ids.items():
        for ident, n in counts.items():
            if n > 1 and (table, ident) in wheres:
                yield problem(table, ident, "id", f"used {n} times; ids must be unique")

    def check(table: str, record: Any, field_name: str, targets: list[str]) -> Iterator[str]:
        value = getattr(record, field_name)
        known = set().union(*(ids[t] for t in targets))
        if value is not None and value not in known:
            message = f"{value!r} is not an id in {' or '.join(targets)}{_closest(value, known)}"
            yield problem(table, record.id, field_name, message)

    for field_name, targets in _reference_fields().items():
        for table, rows in records.items():
            if field_name in models.TABLES[table].model_fields:
                for record in rows:
                    yield from check(table, record, field_name, targets)
    for item in records["evidence"]:
        yield from check("evidence", item, "target_id", [f"{item.target_kind}s"])

    # Events get their evidence through their participants too (see _derive_event_fields,
    # whose empty `pages` the model already rejects), so only these two are checked here.
    for table, kind in (("participants", "participant"), ("relations", "relation")):
        for record in records[table]:
            if not evidenced[(kind, record.id)]:
                yield problem(
                    table,
                    record.id,
                    "evidence",
                    "none given; every claim needs at least one evidence row",
                )
    for relation in records["relations"]:
        if relation.subject_id == relation.object_id:
            yield problem(
                "relations", relation.id, "object_id", "a relation needs two different actors"
            )


def _reference_fields() -> dict[str, list[str]]:
    """Which columns point into which tables, read from the models' field metadata."""
    references: dict[str, list[str]] = {}
    for model in models.TABLES.values():
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if "references" in extra:
                references[name] = list(extra["references"])
    return references


def _closest(value: str, candidates: Iterable[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(value, sorted(candidates), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(matches)}?" if matches else ""


# ---------------------------------------------------------------- writing


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
    if annotation is int:
        return pa.int16()
    if annotation is float:
        return pa.float64()
    if annotation is dt.date:
        return pa.date32()
    raise TypeError(f"no Arrow type for annotation {annotation!r}")


def arrow_schema(model: type[BaseModel], table: str, version: str):
    import pyarrow as pa

    fields = [
        pa.field(
            name,
            arrow_type(info.annotation),
            nullable=not info.is_required() or _optional(info.annotation),
            metadata={"description": info.description or ""},
        )
        for name, info in model.model_fields.items()
    ]
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
    "string": "string",
    "int16": "integer",
    "double": "number",
    "date32[day]": "date",
}


def descriptor(version: str, files: dict[str, str]) -> dict[str, Any]:
    """A Frictionless Data Package describing every table, derived from the models."""
    import pyarrow as pa

    references = _reference_fields()
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
            values = _literal_values(info.annotation)
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


def _literal_values(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        values = _literal_values(arg)
        if values:
            return values
    return ()


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
            values = _literal_values(info.annotation)
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


def readme_with_dictionary(readme: str, records: dict[str, list[BaseModel]]) -> str:
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < 0:
        raise BuildError([f"README.md: add the markers {README_START} and {README_END}"])
    return readme[:start] + data_dictionary(records) + readme[end + len(README_END) :]


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
) -> dict[str, list[BaseModel]]:
    """Validate ``data_dir`` and write every derived artefact; return the validated records."""
    version = version or read_version()
    records = validate(read_curated(data_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    schema_dir.mkdir(parents=True, exist_ok=True)
    hashes = {}
    for table, model in models.TABLES.items():
        path = out_dir / f"{table}.parquet"
        write_parquet(records[table], model, path, table, version)
        hashes[table] = hashlib.sha256(path.read_bytes()).hexdigest()
        _write_json(schema_dir / f"{table}.schema.json", json_schema(model, version))
    _write_json(out_dir / DESCRIPTOR, descriptor(version, hashes))
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
        committed_descriptor = json.loads(_text(out_dir / DESCRIPTOR) or "{}")
        fresh_descriptor = json.loads(_text(fresh_out / DESCRIPTOR))
        if _without_hashes(committed_descriptor) != _without_hashes(fresh_descriptor):
            stale.append(str(out_dir / DESCRIPTOR))
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        if readme_with_dictionary(text, records) != text:
            stale.append(str(readme))
    return stale


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
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_artefacts(args.data, args.out, args.schema, README)
            if stale:
                print("stale (run `python -m stalin_japan_china.build`):\n  " + "\n  ".join(stale))
                return 1
            print("all built artefacts are up to date")
            return 0
        default_target = (args.out, args.schema) == (OUT_DIR, SCHEMA_DIR)
        records = build(args.data, args.out, args.schema, readme=README if default_target else None)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(", ".join(f"{len(rows)} {table}" for table, rows in records.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
