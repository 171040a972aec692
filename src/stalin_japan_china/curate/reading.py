"""Read the curated YAML in ``data/`` strictly and flatten it into table rows.

Curators write nested records (an event with its participants, each with its
evidence) because that is how they read the book; users get seven flat tables
because that is how they join and filter. Reading is where data could be lost
without anyone noticing, so it refuses rather than guesses: a key written twice,
a second top-level list, an empty file, a byte that is not UTF-8, an evidence row
filed in the wrong chapter. Every problem names file and line, and all of them
are collected before the build fails, so one run shows a curator everything.

The layout (see the README's "Curating" section):

- ``data/actors.yaml``, ``places.yaml``, ``sources.yaml``: registries, the
  identity of each actor, place and source and nothing else;
- ``data/redirects.yaml``: retired ids; ``data/ids.tsv``: every id ever published;
  ``data/curation.yaml``: facts about the curation that checks read;
- ``data/<part>/<section>-<slug>.yaml`` with ``<part>`` one of ``intro``,
  ``ch1`` … ``ch5``, ``conclusion``: one file per section of the book, holding its
  ``events`` and ``relations`` with their evidence, and an ``evidence`` list for
  rows about records defined elsewhere (an actor's mention, a claim another
  chapter defines). An evidence row always lives in the folder of its page's
  chapter, so each chapter can be reviewed from its own folder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import book

REGISTRIES = {
    "actors.yaml": "actors",
    "places.yaml": "places",
    "sources.yaml": "sources",
    "redirects.yaml": "redirects",
}
FACTS_FILE = "curation.yaml"
LEDGER_FILE = "ids.tsv"
SECTION_KEYS = ("events", "relations", "evidence")
PARTS = {"intro": "0", "conclusion": "6", **{f"ch{n}": str(n) for n in range(1, 6)}}
TARGET_KEYS = ("actor", "event", "participant", "relation")
"""In a section's own ``evidence`` list, the key naming what the row is about."""

EVIDENCE_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


class BuildError(Exception):
    """Curated data that failed validation; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the curated data:\n{listing}")


def _loader_class():
    """A safe YAML loader (libyaml's parser where present) that refuses duplicate keys,
    keeps dates as text and remembers the line of every mapping."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key {key!r} is written twice in one mapping (lines {seen[key]} "
                        f"and {line}); keep one",
                        key_node.start_mark,
                    )
                seen[key] = line
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    # Dates stay strings: the models parse them as EDTF and name the record when one is
    # wrong, where YAML's own timestamp type would crash on 1928-13-45 or turn 1928-06-04
    # into a datetime.date.
    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return StrictLoader


_LOADER = None


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse one file strictly; raise BuildError naming the file, line and fault."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    name = display or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BuildError(
            [f"{name}:{line}: byte {raw[error.start]:#04x} is not UTF-8; save the file as UTF-8"]
        ) from None
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else "?"
        problem = error.problem or error.context or str(error)
        raise BuildError([f"{name}:{line}: not valid YAML: {problem}"]) from None
    except yaml.YAMLError as error:
        raise BuildError([f"{name}: not valid YAML: {error}"]) from None


@dataclass
class Curated:
    """Flat rows per table, each remembered with where it was written."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any], where: str) -> None:
        row["__where__"] = where
        self.rows[table].append(row)


def section_files(data_dir: Path) -> list[Path]:
    """Every section file, in book order (part, then file name)."""
    order = {part: i for i, part in enumerate(("intro", *[f"ch{n}" for n in range(1, 6)]))}
    order["conclusion"] = len(order)
    files = [p for p in data_dir.glob("*/*.yaml") if p.parent.name in PARTS]
    return sorted(files, key=lambda p: (order[p.parent.name], p.name))


def section_of_file(path: Path) -> book.Section:
    """The book section a section file holds, from its folder and name."""
    part = PARTS.get(path.parent.name)
    if part is None:
        raise ValueError(f"folder {path.parent.name!r} is not one of {', '.join(PARTS)}")
    if part in ("0", "6"):
        return book.section(part)
    prefix = path.name.split("-", 1)[0]
    section = book.section(prefix)
    if section.chapter != int(part):
        raise ValueError(f"section {prefix} is not in chapter {part}")
    return section


def read_curated(data_dir: Path) -> Curated:
    """Read every curated file under ``data_dir`` and flatten it into table rows."""
    curated = Curated()

    def display(path: Path) -> str:
        return (
            str(path.relative_to(data_dir.parent)) if data_dir.parent in path.parents else str(path)
        )

    for path in sorted(data_dir.glob("*.yaml")) + sorted(data_dir.glob("*.yml")):
        if path.name not in REGISTRIES and path.name != FACTS_FILE:
            curated.problems.append(
                f"{display(path)}: not a registry ({', '.join(REGISTRIES)}) or {FACTS_FILE}; "
                "section files go in a chapter folder such as data/ch2/"
            )
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        if folder.name not in PARTS and folder.name != "__pycache__":
            curated.problems.append(
                f"{display(folder)}: unknown folder; chapter folders are {', '.join(PARTS)}"
            )
    for filename, table in REGISTRIES.items():
        path = data_dir / filename
        if not path.exists():
            if table != "redirects":
                curated.problems.append(
                    f"{display(path)}: missing; the {table} registry is required"
                )
            continue
        _read_file(curated, path, display(path), (table,), None)
    files = section_files(data_dir)
    if not files:
        curated.problems.append(f"{data_dir}: no section files (data/<part>/<section>-*.yaml)")
    for path in files:
        try:
            section = section_of_file(path)
        except ValueError as error:
            curated.problems.append(f"{display(path)}: {error}")
            continue
        _read_file(curated, path, display(path), SECTION_KEYS, section)
    return curated


def _read_file(
    curated: Curated, path: Path, name: str, keys: tuple[str, ...], section: book.Section | None
) -> None:
    try:
        document = load_yaml(path, name)
    except BuildError as error:
        curated.problems.extend(error.problems)
        return
    if not isinstance(document, dict) or not any(document.get(k) for k in keys):
        curated.problems.append(
            f"{name}: holds no records; it must be a mapping with {' or '.join(keys)} "
            "(delete the file if its section has nothing yet)"
        )
        return
    document.pop("__line__", None)
    for key, records in document.items():
        if key not in keys:
            curated.problems.append(
                f"{name}: unknown top-level key {key!r}; expected {', '.join(keys)}"
            )
            continue
        if not isinstance(records, list):
            curated.problems.append(f"{name}: {key} must be a list of records")
            continue
        for record in records:
            if not isinstance(record, dict):
                curated.problems.append(f"{name}: {key}: every record must be a mapping")
                continue
            _flatten(curated, key, record, name, section)


def _where(file: str, record: dict) -> str:
    return f"{file}:{record.pop('__line__', '?')}"


def _flatten(
    curated: Curated, key: str, record: dict, file: str, section: book.Section | None
) -> None:
    where = _where(file, record)
    if key in ("actors", "places", "sources"):
        if "evidence" in record:
            curated.problems.append(
                f"{where}: {key} {record.get('id')}: evidence: registries hold identities "
                "only; put each row in the evidence list of the section file of its page"
            )
            record.pop("evidence")
        curated.add(key, record, where)
        return
    if key == "redirects":
        curated.add(key, record, where)
        return
    if key == "evidence":
        targets = [t for t in TARGET_KEYS if t in record]
        if len(targets) != 1:
            curated.problems.append(
                f"{where}: evidence: name exactly one of {', '.join(TARGET_KEYS)} "
                "(what the row is about)"
            )
            return
        kind = targets[0]
        record["__line__"] = where.rsplit(":", 1)[1]
        _add_evidence(curated, kind, record.pop(kind), [record], file, section, nested=False)
        return
    evidence = record.pop("evidence", None) or []
    if key == "events":
        participants = record.pop("participants", None) or []
        _rename(record, "place", "place_id")
        curated.add("events", record, where)
        _add_evidence(curated, "event", record.get("id"), evidence, file, section)
        if not isinstance(participants, list):
            curated.problems.append(f"{where}: event {record.get('id')}: participants: not a list")
            return
        for participant in participants:
            _flatten_participant(curated, record.get("id"), participant, file, section)
    elif key == "relations":
        _rename(record, "subject", "subject_id")
        _rename(record, "object", "object_id")
        record["id"] = relation_id(
            record.get("subject_id"),
            record.get("predicate"),
            record.get("object_id"),
            record.pop("key", None),
        )
        curated.add("relations", record, where)
        _add_evidence(curated, "relation", record["id"], evidence, file, section)


def participant_id(event_id: Any, actor_id: Any, role: Any, key: Any = None) -> str:
    """``event/actor/role[/key]``, the id of a participant row."""
    return _join("/", event_id, actor_id, role, key)


def relation_id(subject: Any, predicate: Any, obj: Any, key: Any = None) -> str:
    """``subject/predicate/object[/key]``, the id of a relation row."""
    return _join("/", subject, predicate, obj, key)


def _flatten_participant(
    curated: Curated, event_id: Any, participant: Any, file: str, section: book.Section | None
) -> None:
    if not isinstance(participant, dict):
        curated.problems.append(f"{file}: event {event_id}: every participant must be a mapping")
        return
    where = _where(file, participant)
    evidence = participant.pop("evidence", None) or []
    participant["event_id"] = event_id
    _rename(participant, "actor", "actor_id")
    key = participant.pop("key", None)
    participant["id"] = participant_id(
        event_id, participant.get("actor_id"), participant.get("role"), key
    )
    curated.add("participants", participant, where)
    _add_evidence(curated, "participant", participant["id"], evidence, file, section)


def _add_evidence(
    curated: Curated,
    kind: str,
    target: Any,
    items: Any,
    file: str,
    section: book.Section | None,
    nested: bool = True,
) -> None:
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
        _rename(item, "source", "source_id")
        page = item.get("page")
        try:
            item["chapter"] = book.chapter_of_page(page).number
        except (TypeError, ValueError):
            item["chapter"] = 0  # any number: the model reports the bad page itself
        else:
            if section is not None:
                curated.problems.extend(_misfiled(where, kind, target, page, section, nested))
        suffix = item.pop("id", None)
        if suffix is None:
            curated.problems.append(
                f"{where}: evidence on {kind} {target}: id: none; run `sjc curate format` "
                "to mint it (ids are minted once and then never change)"
            )
            suffix = "missing"
        elif not isinstance(suffix, str) or not EVIDENCE_ID_PATTERN.match(suffix):
            curated.problems.append(
                f"{where}: evidence on {kind} {target}: id: {suffix!r} is not a short "
                "lowercase key such as p117-n179"
            )
        item["id"] = f"{target}@{suffix}"
        curated.add("evidence", item, where)


def _misfiled(
    where: str, kind: str, target: Any, page: int, section: book.Section, nested: bool
) -> list[str]:
    """An evidence row belongs to the folder of its page's chapter, and a row in a
    section's own list to that section, so a chapter's folder holds all it says."""
    chapter = book.chapter_of_page(page).number
    if nested and chapter != section.chapter:
        home = _home_of(page)
        return [
            f"{where}: evidence on {kind} {target}: p. {page} is in chapter {chapter}, not "
            f"{section.chapter}; move the row to the evidence list of {home}"
        ]
    if not nested and page not in range(section.first_page, section.last_page + 1):
        return [
            f"{where}: evidence on {kind} {target}: p. {page} is not in section {section.id} "
            f"(pp. {section.first_page}–{section.last_page}); move the row to {_home_of(page)}"
        ]
    return []


def _home_of(page: int) -> str:
    found = book.sections_of_page(page)[0]
    folder = {0: "intro", 6: "conclusion"}.get(found.chapter, f"ch{found.chapter}")
    return f"a file of data/{folder}/ for section {found.id}"


def _rename(record: dict, authored: str, column: str) -> None:
    """Move a curator's short key (``place``) to its column name (``place_id``).

    Only when the column is not written as well: then the short key stays and the
    model rejects it as an unknown field, rather than one silently replacing the other.
    """
    if authored in record and column not in record:
        record[column] = record.pop(authored)


def _join(sep: str, *parts: Any) -> str:
    return sep.join(str(p) for p in parts if p is not None)


def read_facts(data_dir: Path) -> dict[str, Any]:
    """``data/curation.yaml``: the facts about the curation that the checks read."""
    path = data_dir / FACTS_FILE
    if not path.exists():
        return {}
    document = load_yaml(path)
    return _strip_lines(document or {})


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def read_ledger(data_dir: Path) -> list[tuple[str, str, str]]:
    """``data/ids.tsv``: (table, id, version first published) for every published id."""
    path = data_dir / LEDGER_FILE
    if not path.exists():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number == 1 or not line:
            continue  # header
        table, ident, version = line.split("\t")
        rows.append((table, ident, version))
    return rows
