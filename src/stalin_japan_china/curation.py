"""Read the curated YAML in ``data/`` and validate it into model records.

Curators write nested records (an event with its participants, each with its
evidence) because that is how they read the book; users get seven flat tables
because that is how they join and filter. This module does the flattening and
validates every record with the models plus the checks that span tables. It
collects every problem before failing, each with its file, line, id and field,
so one run shows a curator everything to fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import book, models

SECTIONS = ("actors", "places", "sources", "events", "relations", "redirects")


class BuildError(Exception):
    """Curated data that failed validation; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the curated data:\n{listing}")


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
    elif section in ("places", "sources", "redirects"):
        curated.add(section, record, where)
    elif section == "events":
        participants = record.pop("participants", None) or []
        _rename(record, "place", "place_id")
        curated.add("events", record, where)
        _add_evidence(curated, "event", record.get("id"), evidence, file)
        for participant in participants:
            _flatten_participant(curated, record.get("id"), participant, file)
    elif section == "relations":
        _rename(record, "subject", "subject_id")
        _rename(record, "object", "object_id")
        key = record.pop("key", None)
        record["id"] = _join(
            "/", record.get("subject_id"), record.get("predicate"), record.get("object_id"), key
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
    _rename(participant, "actor", "actor_id")
    key = participant.pop("key", None)
    participant["id"] = _join(
        "/", event_id, participant.get("actor_id"), participant.get("role"), key
    )
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
        _rename(item, "source", "source_id")
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


def _rename(record: dict, authored: str, column: str) -> None:
    """Move a curator's short key (``place``) to its column name (``place_id``).

    Only when the column is not written as well: then the short key stays and the
    model rejects it as an unknown field, rather than one silently replacing the other.
    """
    if authored in record and column not in record:
        record[column] = record.pop(authored)


def _join(sep: str, *parts: Any) -> str:
    return sep.join(str(p) for p in parts if p is not None)


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
    records["redirects"] = []
    for row in curated.rows.get("redirects", []):
        where = row.pop("__where__", "?")
        try:
            redirect = models.Redirect.model_validate(row)
        except ValidationError as error:
            problems.extend(_describe(error, "redirects", row, where))
            continue
        current = declared.get(redirect.table, Counter())
        if redirect.id in current:
            problems.append(
                f"{where}: redirects {redirect.id}: id: still in use in {redirect.table}"
            )
        elif redirect.to not in current:
            problems.append(
                f"{where}: redirects {redirect.id}: to: {redirect.to!r} is not an id in "
                f"{redirect.table}{_closest(redirect.to, current)}"
            )
        records["redirects"].append(redirect)
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

    for field_name, targets in models.references().items():
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
    yield from _invariant_problems(records, problem)
    for relation in records["relations"]:
        if relation.subject_id == relation.object_id:
            yield problem(
                "relations", relation.id, "object_id", "a relation needs two different actors"
            )


POSTHUMOUS_ROLES = frozenset({"subject", "target", "author", "defendant"})
"""Roles a person can hold in an event after their death year.

Someone dead can still be what an inquiry, report or cover-up is about
(``subject``), what a campaign aims at (``target``), the author of a work
published after their death (``author``) or tried in absentia (``defendant``).
Every other role needs the person alive in the event's earliest possible year.
"""

SUCCESSION = frozenset({"successor_of"})
"""Predicates whose object may be dead when the relation begins."""


def _invariant_problems(records: dict[str, list[Any]], problem) -> Iterator[str]:
    """Rules across tables that the models cannot see one record at a time."""
    from . import dates, names

    actors = {a.id: a for a in records["actors"]}
    events = {e.id: e for e in records["events"]}

    def life(actor_id: str) -> tuple[int | None, int | None]:
        actor = actors.get(actor_id)
        if actor is None or actor.kind != "person":
            return None, None
        return actor.born, actor.died

    for row in records["participants"]:
        event = events.get(row.event_id)
        born, died = life(row.actor_id)
        if event is None or event.date is None:
            continue
        if died is not None and event.date_start and event.date_start.year > died:
            if row.role not in POSTHUMOUS_ROLES:
                yield problem(
                    "participants",
                    row.id,
                    "role",
                    f"{row.actor_id} died in {died} but the event starts {event.date_start} at "
                    f"the earliest; only {', '.join(sorted(POSTHUMOUS_ROLES))} can be "
                    "posthumous",
                )
        if born is not None and event.date_end and event.date_end.year < born:
            yield problem(
                "participants",
                row.id,
                "actor_id",
                f"{row.actor_id} was born in {born}, after the event ({event.date})",
            )
    for row in records["relations"]:
        start = dates.parse(row.start) if row.start else None
        end = dates.parse(row.end) if row.end else None
        for side, actor_id in (("subject_id", row.subject_id), ("object_id", row.object_id)):
            born, died = life(actor_id)
            exempt = side == "object_id" and row.predicate in SUCCESSION
            if died is not None and start and start.start and start.start.year > died:
                if not exempt:
                    yield problem(
                        "relations",
                        row.id,
                        "start",
                        f"{row.start} is after {actor_id} died ({died})",
                    )
            latest = (end.end if end else None) or (start.end if start else None)
            if born is not None and latest and latest.year < born:
                yield problem(
                    "relations", row.id, "end", f"the tie ends before {actor_id} was born ({born})"
                )
    evidenced = {e.target_id for e in records["evidence"] if e.target_kind == "actor"}
    for actor in records["actors"]:
        if actor.id not in evidenced:
            yield problem(
                "actors",
                actor.id,
                "evidence",
                "none given; every actor needs an evidence row where the book names it",
            )
    holders: dict[str, set[str]] = defaultdict(set)
    for actor in records["actors"]:
        for name in (actor.name, *actor.aliases):
            holders[names.key(name)].add(actor.id)
    for name_key, ids in sorted(holders.items()):
        if len(ids) < 2:
            continue
        for ident in sorted(ids):
            if actors[ident].disambiguation is None:
                others = ", ".join(sorted(ids - {ident}))
                yield problem(
                    "actors",
                    ident,
                    "disambiguation",
                    f"the name {name_key!r} is shared with {others}; say how they differ",
                )


def _closest(value: str, candidates: Iterable[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(value, sorted(candidates), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(matches)}?" if matches else ""
