"""Every rule a curated record must meet, within one record and across tables.

The models check one record at a time; this module adds what only the whole
dataset can show: references that point at nothing, claims without evidence,
people acting after their death, names two actors share without a note, a
hedged claim without its decisive page, and a published id that no longer
resolves. It collects every problem, each with file, line, id and field, and
fails once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import book, models
from .reading import BuildError, Curated

__all__ = ["BuildError", "validate"]


def validate(
    curated: Curated, ledger: Iterable[tuple[str, str, str]] = ()
) -> dict[str, list[BaseModel]]:
    """Validate every row and every cross-table rule; raise BuildError listing all problems.

    ``ledger`` is every id ever published (``data/ids.tsv``): each must still be an id
    of its table or be redirected, so a rename can never ship.
    """
    problems = list(curated.problems)
    _derive_event_fields(curated)
    # References and evidence are checked against what was written, valid or not,
    # so that one bad record is reported once rather than again by every row citing it.
    declared = {t: Counter(r.get("id") for r in curated.rows.get(t, [])) for t in models.TABLES}
    evidenced = Counter(
        (e.get("target_kind"), e.get("target_id")) for e in curated.rows.get("evidence", [])
    )
    marked = defaultdict(list)  # decisive rows as written, so a bad row is not reported twice
    for e in curated.rows.get("evidence", []):
        if e.get("decisive") is True:
            marked[(e.get("target_kind"), e.get("target_id"))].append(e.get("id"))
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
    problems.extend(_cross_table_problems(records, wheres, declared, evidenced, marked))
    records["redirects"] = []
    for row in curated.rows.get("redirects", []):
        where = row.pop("__where__", "?")
        try:
            redirect = models.Redirect.model_validate(row)
        except ValidationError as error:
            problems.extend(_describe(error, "redirects", row, where))
            continue
        current = declared.get(redirect.table, Counter())
        if redirect.to is None:  # withdrawn: nothing to point at
            if redirect.id in current:
                problems.append(
                    f"{where}: redirects {redirect.id}: id: withdrawn but still in use in "
                    f"{redirect.table}"
                )
            records["redirects"].append(redirect)
            continue
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
    problems.extend(_ledger_problems(ledger, declared, records["redirects"]))
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
    records: dict[str, list[BaseModel]],
    wheres: dict,
    ids: dict[str, Counter],
    evidenced: Counter,
    marked: dict[tuple[str, str], list[str]],
) -> Iterator[str]:
    def problem(table: str, ident: str, field_name: str, message: str) -> str:
        return f"{wheres[(table, ident)]}: {table} {ident}: {field_name}: {message}"

    for table, counts in ids.items():
        for ident, n in counts.items():
            if n > 1 and (table, ident) in wheres:
                yield problem(table, ident, "id", f"used {n} times; ids must be unique")

    known_by_targets: dict[tuple[str, ...], set[str]] = {}

    def check(table: str, record: Any, field_name: str, targets: list[str]) -> Iterator[str]:
        value = getattr(record, field_name)
        if value is None:
            return
        key = tuple(targets)
        if key not in known_by_targets:  # built once per target set: the check stays linear
            known_by_targets[key] = set().union(*(ids[t] for t in targets))
        known = known_by_targets[key]
        if value not in known:
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
    yield from _decisive_problems(records, marked, problem)
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
    from .. import dates, names

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


def _ledger_problems(
    ledger: Iterable[tuple[str, str, str]], declared: dict[str, Counter], redirects: list[Any]
) -> Iterator[str]:
    redirected = {(r.table, r.id): r.to for r in redirects}
    for table, ident, version in ledger:
        if ident in declared.get(table, ()):
            continue
        if (table, ident) in redirected and redirected[(table, ident)] is None:
            continue  # withdrawn, with its reason
        target = redirected.get((table, ident))
        if target is not None and target in declared.get(table, ()):
            continue
        yield (
            f"data/ids.tsv: {table} {ident}: published in {version} but no longer an id; "
            "restore it, or add a redirect to its successor in data/redirects.yaml"
        )


DECISIVE_STANCE = {"refuted": "contradicts", "likely": "supports", "possible": "supports"}
"""The stance of the row that decides each status. An alleged claim may be decided by
the page that reports it or by the page where the book doubts it."""

CLAIM_TABLES = {"events": "event", "participants": "participant", "relations": "relation"}


def _decisive_problems(
    records: dict[str, list[Any]], marked: dict[tuple[str, str], list[str]], problem
) -> Iterator[str]:
    """Every hedged claim names the one evidence row where the book's wording decides
    its status, so a reader can check it in one step; a confirmed claim names none."""
    for item in records["evidence"]:
        if not item.decisive:
            continue
        if item.target_kind == "actor":
            yield problem(
                "evidence",
                item.id,
                "decisive",
                "an actor is not a claim; only events, "
                "participants and relations have a decisive row",
            )
        elif item.stance == "context":
            yield problem(
                "evidence",
                item.id,
                "decisive",
                "a decisive row must support or contradict its claim, not give context",
            )
    stances = {item.id: item.stance for item in records["evidence"]}
    for table, kind in CLAIM_TABLES.items():
        for record in records[table]:
            rows = marked.get((kind, record.id), [])
            if record.status == "confirmed":
                if rows:
                    yield problem(
                        table,
                        record.id,
                        "status",
                        f"confirmed, yet {rows[0]} is marked "
                        "decisive; only hedged claims mark their decisive row",
                    )
            elif len(rows) == 1 and record.status in DECISIVE_STANCE:
                stance = stances.get(rows[0])
                if stance is not None and stance != DECISIVE_STANCE[record.status]:
                    yield problem(
                        table,
                        record.id,
                        "status",
                        f"{record.status}, yet its decisive row "
                        f"{rows[0]} {stance} it; a {record.status} claim is decided by a row "
                        f"that {DECISIVE_STANCE[record.status]} it",
                    )
            elif len(rows) != 1:
                found = ", ".join(rows) or "none"
                yield problem(
                    table,
                    record.id,
                    "status",
                    f"{record.status} needs exactly one evidence "
                    f"row marked decisive: true (the page whose wording gives the status); "
                    f"found {found}",
                )
