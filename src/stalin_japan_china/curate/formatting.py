"""The one canonical form of the curated YAML, written by ``sjc curate format``.

Why one form: a historian reviews the data as diffs, so a diff must show only
what changed. Every key comes in a fixed order (the models' column order, with
the curators' short names), a key whose value is its default is left out, each
evidence row is one line, and prose is never wrapped, so a one-word fix is a
one-line change. ``build --check`` fails on any file not in this form.

The formatter is also where evidence ids are minted: a row written without an
``id`` gets one from its page, footnote and stance (``p117-n179``, then ``-b``,
``-c`` for a second row alike), and from then on the id is part of the row. A
later fix of the page, footnote, source or stance changes the columns, never
the id, so a published id survives every correction.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import models
from .reading import (
    REGISTRIES,
    SECTION_KEYS,
    TARGET_KEYS,
    BuildError,
    _strip_lines,
    load_yaml,
    participant_id,
    relation_id,
    section_files,
)

AUTHORED_NAMES = {
    "place_id": "place",
    "actor_id": "actor",
    "subject_id": "subject",
    "object_id": "object",
    "source_id": "source",
}
"""Columns that curators write under a short name."""

DERIVED = {
    "events": {"date_start", "date_end", "precision", "chapter", "pages", "certainty"},
    "participants": {"id", "event_id", "certainty"},
    "relations": {"id", "certainty"},
}
"""Columns the build derives, which are never written."""

EVIDENCE_ORDER = (
    *TARGET_KEYS,
    "id",
    "page",
    "footnote",
    "source",
    "locator",
    "stance",
    "decisive",
    "note",
)
"""An evidence row reads as a citation: what it is about, where, then what it says."""

NESTED = {
    "events": ("evidence", "participants"),
    "participants": ("evidence",),
    "relations": ("evidence",),
}


def key_order(table: str) -> tuple[str, ...]:
    """The order of keys in a written record of ``table``, from the model's columns."""
    if table == "evidence":
        return EVIDENCE_ORDER
    fields = (
        [
            AUTHORED_NAMES.get(name, name)
            for name in models.TABLES[table].model_fields
            if name not in DERIVED.get(table, set())
        ]
        if table in models.TABLES
        else list(models.Redirect.model_fields)
    )
    if table in ("participants", "relations"):
        anchor = "role" if table == "participants" else "object"
        fields.insert(fields.index(anchor) + 1, "key")
    return (*fields, *NESTED.get(table, ()))


def _defaults(table: str) -> dict[str, Any]:
    model = models.TABLES.get(table, models.Evidence if table == "evidence" else models.Redirect)
    found = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            found[AUTHORED_NAMES.get(name, name)] = default
    found["key"] = None
    return found


class _Flow(dict):
    """A mapping written on one line."""


class _FlowList(list):
    """A list written on one line."""


def _ordered(record: dict, table: str) -> dict:
    order = key_order(table)
    defaults = _defaults(table)
    out: dict[str, Any] = {}
    known = [k for k in order if k in record]
    extra = [k for k in record if k not in order and k != "__line__"]
    for key in (*known, *extra):
        value = record[key]
        if key in defaults and value == defaults[key] and type(value) is type(defaults[key]):
            continue  # a default says nothing: leave it out
        if key in ("evidence", "participants") and value == []:
            continue  # an empty nested list, likewise
        if key == "evidence" and isinstance(value, list):
            value = [_Flow(_ordered(i, "evidence")) if isinstance(i, dict) else i for i in value]
        elif key == "participants" and isinstance(value, list):
            value = [_ordered(p, "participants") if isinstance(p, dict) else p for p in value]
        elif key == "aliases" and isinstance(value, list):
            value = _FlowList(value)
        out[key] = value
    return out


def _dumper():
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    Dumper.add_representer(
        _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
    )
    Dumper.add_representer(
        _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
    )
    return Dumper


def canonical_text(document: dict, header: str, keys: tuple[str, ...]) -> str:
    """The canonical text of one file: its header comment, then each top-level list."""
    import yaml

    tables = {"evidence": "evidence"}
    body: dict[str, Any] = {}
    for key in (*[k for k in keys if k in document], *[k for k in document if k not in keys]):
        records = document[key]
        if key == "__line__":
            continue
        table = tables.get(key, key)
        if isinstance(records, list):
            if table == "evidence":
                records = [
                    _Flow(_ordered(r, "evidence")) if isinstance(r, dict) else r for r in records
                ]
            elif table == "redirects":
                records = [_Flow(_ordered(r, table)) if isinstance(r, dict) else r for r in records]
            elif table in models.TABLES:
                records = [_ordered(r, table) if isinstance(r, dict) else r for r in records]
        body[key] = records
    text = yaml.dump(
        body,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        width=2**31 - 1,
        default_flow_style=False,
    )
    return header + text


def _header(text: str) -> str:
    """The comment lines a file opens with, kept as written."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _strip(value: Any) -> Any:
    """A parsed document without the line marks the strict loader adds."""
    return _strip_lines(value)


def _evidence_lists(document: dict) -> list[tuple[str, list]]:
    """(target id, its evidence list) for every nested list in a section file."""
    found: list[tuple[str, list]] = []
    for event in document.get("events") or []:
        if not isinstance(event, dict):
            continue
        found.append((str(event.get("id")), event.get("evidence") or []))
        for p in event.get("participants") or []:
            if isinstance(p, dict):
                target = participant_id(
                    event.get("id"), p.get("actor"), p.get("role"), p.get("key")
                )
                found.append((target, p.get("evidence") or []))
    for r in document.get("relations") or []:
        if isinstance(r, dict):
            target = relation_id(
                r.get("subject"), r.get("predicate"), r.get("object"), r.get("key")
            )
            found.append((target, r.get("evidence") or []))
    for item in document.get("evidence") or []:
        if isinstance(item, dict):
            kinds = [k for k in TARGET_KEYS if k in item]
            if len(kinds) == 1:
                found.append((str(item[kinds[0]]), [item]))
    return found


def mint_id(item: dict, taken: set[str]) -> str:
    """A new evidence id from the row's page, footnote and stance, unique for its target."""
    page, footnote, stance = item.get("page"), item.get("footnote"), item.get("stance")
    base = f"p{page}" + (f"-n{footnote}" if footnote else "")
    base += "" if stance == "supports" else f"-{stance}"
    candidate, letters = base, iter("bcdefghijklmnopqrstuvwxyz")
    while candidate in taken:
        candidate = f"{base}-{next(letters)}"
    return candidate


def format_tree(data_dir: Path, write: bool = True) -> list[Path]:
    """Bring every file under ``data_dir`` into canonical form; return those that changed.

    With ``write=False`` nothing is written: the list says which files are not canonical.
    """
    files: list[tuple[Path, tuple[str, ...]]] = [
        (data_dir / name, (table,))
        for name, table in REGISTRIES.items()
        if (data_dir / name).exists()
    ]
    files += [(path, SECTION_KEYS) for path in section_files(data_dir)]
    documents, problems = {}, []
    for path, keys in files:
        try:
            document = load_yaml(path)
        except BuildError as error:
            problems.extend(error.problems)
            continue
        if isinstance(document, dict):
            documents[path] = (_strip(document), keys)
    if problems:
        raise BuildError(problems)
    taken: dict[str, set[str]] = defaultdict(set)
    for document, _ in documents.values():
        for target, items in _evidence_lists(document):
            taken[target].update(i["id"] for i in items if isinstance(i, dict) and "id" in i)
    for document, _ in documents.values():
        for target, items in _evidence_lists(document):
            for item in items:
                if isinstance(item, dict) and "id" not in item:
                    item["id"] = mint_id(item, taken[target])
                    taken[target].add(item["id"])
    changed = []
    for path, (document, keys) in documents.items():
        old = path.read_text(encoding="utf-8")
        new = canonical_text(document, _header(old), keys)
        if new != old:
            changed.append(path)
            if write:
                path.write_text(new, encoding="utf-8")
    return changed
