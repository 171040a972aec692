"""Filters and look-ups: the questions researchers ask, one call each.

Filters run as pyarrow compute expressions on the cached tables and hand back
new pandas DataFrames; look-ups return the Pydantic records. Every argument is
checked: an unknown vocabulary value lists the valid ones, an unknown name or id
lists the closest matches. Nothing is silently dropped.

Dates overlap, they do not contain. The book dates an event at its own precision
(``1928`` is the whole year), so an event matches ``start``/``end`` when the
span it may fall in overlaps the query span::

    >>> import stalin_japan_china as sjc
    >>> hits = sjc.events(start="1928-06-01", end="1928-06-30", actor="Zhang Zuolin")
    >>> "assassination-of-zhang-zuolin" in set(hits.id)
    True

* ``start`` and ``end`` take EDTF at any precision: ``"1928"`` as ``start``
  means from 1 January 1928, as ``end`` up to 31 December 1928.
* An open-ended event (``1928-06/``) matches every later query; an undated
  event (``date`` null) matches no date filter.
* ``status`` is a minimum certainty: ``"likely"`` keeps confirmed and likely.
  The order is confirmed > likely > possible > alleged > refuted.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
import sys
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import arrays, checks, filters, names
from .errors import AmbiguousNameError, Error, InvalidValueError, NotFoundError
from .loading import TABLES, data_dir, load_table, to_pandas, vocabularies

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .models import Actor, LinkedEvent

CERTAINTY = filters.CERTAINTY
"""Statuses from most to least certain; a minimum status keeps its left side."""

Values = str | Iterable[str] | None
"""A filter value: one string, a list of them (any matches), or None for no filter."""
Numbers = int | Iterable[int] | None
"""A number filter (chapter, page): one integer, a list of them, or None."""
DateLike = str | int | dt.date | None
"""A date bound: an EDTF string at any precision ("1928", "1928-06"), a year, or a date."""


_AS_ARROW = contextvars.ContextVar("as_arrow", default=False)


@contextlib.contextmanager
def as_arrow() -> Iterator[None]:
    """Within this block the table functions return ``pyarrow.Table`` s, not DataFrames.

    The command line uses it to write csv, json and parquet without importing pandas.
    """
    token = _AS_ARROW.set(True)
    try:
        yield
    finally:
        _AS_ARROW.reset(token)


def _out(table: pa.Table) -> Any:
    return table if _AS_ARROW.get() else to_pandas(table)


# --- checking arguments ------------------------------------------------------------


def _as_list(value: Values, argument: str) -> list[str] | None:
    return checks.strings(value, argument)


def _vocabulary(table: str, column: str) -> list[str]:
    return vocabularies(load_table(table))[column]


def _check_vocabulary(table: str, column: str, value: Values, argument: str) -> list[str] | None:
    items = _as_list(value, argument)
    if items is None:
        return None
    allowed = _vocabulary(table, column)
    wrong = [v for v in items if v not in allowed]
    if wrong:
        raise InvalidValueError(
            f"{argument}={checks.shown(wrong[0])} is not a valid {column}; "
            f"valid values: {', '.join(allowed)}"
        )
    return items


def _at_least(status: str | None, argument: str = "status") -> list[str] | None:
    """The statuses at least as certain as ``status``."""
    if status is None:
        return None
    hint = "(a minimum: 'likely' keeps confirmed and likely)"
    if not isinstance(status, str):
        raise checks.wrong(argument, status, f"one status of {', '.join(CERTAINTY)} {hint}")
    if status not in CERTAINTY:
        raise InvalidValueError(
            f"{argument}={checks.shown(status)} is not a status; use one of "
            f"{', '.join(CERTAINTY)} {hint}"
        )
    return list(CERTAINTY[: CERTAINTY.index(status) + 1])


def _span(
    start: Any, end: Any, arguments: tuple[str, str] = ("start", "end")
) -> tuple[dt.date | None, dt.date | None]:
    """Query bounds from EDTF strings or dates: start's first day, end's last day."""
    from . import dates

    def bound(value: Any, argument: str, side: int) -> dt.date | None:
        accepted = "an EDTF date string such as '1928-06', a year or a datetime.date"
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{checks.integer(value, argument, 1, 9999, 'a year'):04d}"
        value = checks.string(value, argument, accepted)
        try:
            found = dates.parse(value)[side]
        except dates.DateError as error:
            raise InvalidValueError(
                f"{argument}={checks.shown(value)} is not a date: {error}; write e.g. 1928, "
                "1928-06 or 1928-06-04"
            ) from None
        return found

    first, last = bound(start, arguments[0], 0), bound(end, arguments[1], 1)
    if first and last and last < first:
        raise InvalidValueError(f"end {end!r} is before start {start!r}")
    return first, last


def _chapters(chapter: Any) -> list[int] | None:
    hint = " (0 = Introduction, 6 = Conclusion)"
    return checks.integers(chapter, "chapter", 0, 6, "a chapter number", hint)


def _validated(function: str, given: dict[str, Any]) -> dict[str, Any]:
    """Every argument of ``function`` checked as :data:`filters.FILTERS` declares it.

    Lists come back as lists (one value becomes a list of one); ids follow redirects;
    actors and places are resolved to ids; ``status`` becomes the statuses it keeps.
    Dates are checked by :func:`_span`, which needs both ends.
    """
    from . import book

    found: dict[str, Any] = {}
    for p in filters.FILTERS[function]:
        value = given[p.name]
        if value is None:
            found[p.name] = None
            continue
        if p.kind == "vocabulary":
            table, column = p.vocabulary  # type: ignore[misc]
            found[p.name] = _check_vocabulary(table, column, value, p.name)
        elif p.kind == "choice":
            items = checks.strings(value, p.name) or []
            wrong = [v for v in items if v not in p.vocabulary]  # type: ignore[operator]
            if wrong:
                raise InvalidValueError(
                    f"{p.name}={checks.shown(wrong[0])} is not a valid {p.column}; "
                    f"valid values: {', '.join(p.vocabulary or ())}"
                )
            found[p.name] = items
        elif p.kind == "actor":
            found[p.name] = _actor_ids(value, p.name)
        elif p.kind == "place":
            found[p.name] = [_resolve_place(v) for v in checks.strings(value, p.name) or []]
        elif p.kind == "id":
            found[p.name] = _check_ids(p.table, value, p.name)
        elif p.kind in ("target", "claimant"):
            found[p.name] = [_follow(v) for v in checks.strings(value, p.name) or []]
        elif p.kind == "chapter":
            found[p.name] = _chapters(value)
        elif p.kind == "page":
            found[p.name] = checks.integers(
                value, p.name, book.FIRST_PAGE, book.LAST_PAGE, "a printed page number"
            )
        elif p.kind == "status":
            found[p.name] = _at_least(value, p.name)
        elif p.kind == "text":
            found[p.name] = checks.string(value, p.name, "a non-empty string to search for")
        elif p.kind == "flag":
            found[p.name] = checks.flag(value, p.name)
        else:  # dates: _span checks them as a pair
            found[p.name] = value
    return found


# --- resolving names and ids -------------------------------------------------------------


@functools.cache
def redirects() -> dict[str, str]:
    """Ids retired by a merge, mapped to the id that replaced them."""
    path = data_dir() / "redirects.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@functools.cache
def withdrawn() -> dict[str, str]:
    """Ids withdrawn without a successor, with the reason (a claim the book does not make)."""
    path = data_dir() / "withdrawn.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _outside_level() -> int:
    """The ``stacklevel`` of the first caller outside this package, seen from ``_follow``.

    Look-ups nest differently (``resolve_actor``, ``events(actor=…)``), and a warning
    should point at the user's line, not at ours.
    """
    frame, level = sys._getframe(2), 2
    while frame is not None and frame.f_globals.get("__name__", "").startswith(__package__):
        frame, level = frame.f_back, level + 1
    return level


def _follow(ident: str) -> str:
    if ident in withdrawn():
        reason = f"id {ident!r} was withdrawn: {withdrawn()[ident]}"
        raise NotFoundError(reason)
    seen = set()
    while ident in redirects() and ident not in seen:
        seen.add(ident)
        new = redirects()[ident]
        message = f"id {ident!r} was merged into {new!r}; use the new id"
        warnings.warn(message, stacklevel=_outside_level())
        ident = new
    return ident


@functools.cache
def _actor_names() -> tuple[dict[str, set[str]], dict[str, list[str]], dict[str, str]]:
    """Loose key → actor ids; actor id → all its names; display string → actor id."""
    by_key: dict[str, set[str]] = {}
    names_of: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for row in load_table("actors").select(["id", "name", "name_native", "aliases"]).to_pylist():
        all_names = [row["name"], *(row["aliases"] or [])]
        if row["name_native"]:
            all_names.append(row["name_native"])
        names_of[row["id"]] = all_names
        for name in all_names:
            by_key.setdefault(names.loose_key(name), set()).add(row["id"])
            display[f"{name} ({row['id']})" if name != row["id"] else name] = row["id"]
    return by_key, names_of, display


@functools.cache
def _name_keys() -> tuple[dict[str, list[frozenset[str]]], dict[str, list[str]]]:
    """Per actor, each name's set of word keys and its loose key, normalised once per process.

    Partial-name look-ups ("Shumei") compare against these instead of re-normalising every
    name of every actor on every call, which grew faster than the data.
    """
    _, names_of, _ = _actor_names()
    words: dict[str, list[frozenset[str]]] = {}
    loose: dict[str, list[str]] = {}
    for ident, all_names in names_of.items():
        keyed = [names.key(n) for n in all_names]  # each name normalised once
        # An ASCII word of a key is its own key; others go through key() again, as before.
        words[ident] = [
            frozenset(names.fold(w) if w.isascii() else names.loose_key(w) for w in k.split())
            for k in keyed
        ]
        loose[ident] = [names.fold(k) for k in keyed]
    return words, loose


@functools.cache
def _kinds() -> dict[str, str]:
    """Actor id → kind (person, state, …), for telling people apart by surname."""
    rows = load_table("actors").select(["id", "kind"]).to_pydict()
    return dict(zip(rows["id"], rows["kind"], strict=True))


def _is_namesake(ident: str, words: set[str]) -> bool:
    """A person who bears the word as a name ("Tanaka Ryūkichi", "Kōmoto Kiyoko"), not
    one described by it ("Kōmoto Daisaku's nephew", "the Chinese Sorge")."""
    if _kinds().get(ident) != "person":
        return False
    _, names_of, _ = _actor_names()
    for name in names_of[ident]:
        parts = name.replace("-", " ").split()
        proper = len(parts) <= 4 and all(p[:1].isupper() or not p[:1].isascii() for p in parts)
        if proper and "’" not in name and "'" not in name:
            if words <= {names.loose_key(w) for w in names.key(name).split()}:
                return True
    return False


@functools.cache
def _ids(table: str) -> frozenset[str]:
    """Every id of one table, built once per process."""
    return frozenset(load_table(table).column("id").to_pylist())


def _suggest(value: str, choices: Iterable[str], limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    # The cut-off is the same 50 the results were always held to; passing it lets
    # rapidfuzz stop scoring a candidate early, which matters at full-book size.
    found = process.extract(
        value,
        list(choices),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=50,
    )
    return [choice for choice, score, _ in found]


@functools.cache
def _processed_names() -> tuple[list[str], list[str]]:
    """Every actor name preprocessed for fuzzy matching once, beside its display string."""
    from rapidfuzz import utils

    _, _, display = _actor_names()
    shown = list(display)
    return [utils.default_process(d.rsplit(" (", 1)[0]) for d in shown], shown


def _suggest_actors(value: str, limit: int = 5) -> list[str]:
    """Closest actor names (one per actor) for a name that matched none."""
    from rapidfuzz import fuzz, process, utils

    processed, shown = _processed_names()
    _, names_of, display = _actor_names()
    found = process.extract(
        utils.default_process(value),
        processed,
        scorer=fuzz.WRatio,
        processor=None,
        limit=limit * 3,
        score_cutoff=50,
    )
    ids = list(dict.fromkeys(display[shown[index]] for _, _, index in found))
    return [f"{names_of[ident][0]} ({ident})" for ident in ids[:limit]]  # each by its main name


def resolve_actor(value: str) -> str:
    """The actor id for an id, a name or any alias (case-, accent- and romanization-tolerant)."""
    return _actor_id(value, "value")


def _actor_id(value: Any, argument: str) -> str:
    """:func:`resolve_actor`, with errors naming the caller's argument."""
    value = _follow(checks.string(value, argument, "an actor id, name or alias").strip())
    by_key, names_of, _ = _actor_names()
    if value in names_of:
        return value
    words = {names.loose_key(w) for w in names.key(value).split()}
    word_keys, _ = _name_keys()
    # A part of a name: "Stalin", "Kōmoto", or a surname two people share.
    partial = {
        ident
        for ident, keys in word_keys.items()
        if words and any(words <= name_words for name_words in keys)
    }
    exact = by_key.get(names.loose_key(value), set())
    hits = exact or partial
    if len(exact) == 1 and len(words) == 1:
        # A bare surname that is one actor's alias ("Tanaka" for Tanaka Giichi) must not
        # hide another person of that name (Tanaka Ryūkichi): the reader chooses.
        rivals = {i for i in partial - exact if _is_namesake(i, words)}
        if rivals:
            hits = exact | rivals
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        raise AmbiguousNameError(value, sorted(hits))
    # One suggestion per actor, however many of its names come close.
    raise NotFoundError("actor", value, _suggest_actors(value))


def _actor_ids(value: Values, argument: str) -> list[str] | None:
    """One actor or several (any of them matches), each resolved like :func:`resolve_actor`."""
    items = checks.strings(value, argument)
    return None if items is None else [_actor_id(v, argument) for v in items]


def _resolve_place(value: str) -> str:
    table = load_table("places").select(["id", "name", "modern_name", "name_native"]).to_pylist()
    for row in table:
        # "Shenyang, Liaoning" is found as Shenyang too: the part before the comma is the name.
        modern = row["modern_name"] or ""
        keys = {
            row["id"],
            names.key(row["name"]),
            names.key(modern),
            names.key(modern.split(",")[0]),
        }
        if value == row["id"] or names.key(value) in keys or value == row["name_native"]:
            return row["id"]
    raise NotFoundError("place", value, _suggest(value, [r["id"] for r in table]))


def _check_ids(table: str, value: Values, argument: str) -> list[str] | None:
    items = _as_list(value, argument)
    if items is None:
        return None
    items = [_follow(v) for v in items]
    known = _ids(table)
    for item in items:
        if item not in known:
            raise NotFoundError(table[:-1], item, _suggest(item, known))
    return items


# --- filters ---------------------------------------------------------------------


class _Condition:
    """A row condition evaluated with pyarrow.compute kernels on the table's columns.

    Like ``pyarrow.compute.Expression``, but a table filtered by an Expression goes
    through Acero, whose import brings in pyarrow.dataset and with it pandas; the command
    line answers csv, json and parquet output without importing pandas.
    """

    def __init__(self, mask: Any) -> None:
        self.mask = mask  # table -> boolean array

    def __call__(self, table: pa.Table) -> Any:
        return self.mask(table)

    def __and__(self, other: _Condition) -> _Condition:
        import pyarrow.compute as pc

        return _Condition(lambda t: pc.and_kleene(self(t), other(t)))

    def __or__(self, other: _Condition) -> _Condition:
        import pyarrow.compute as pc

        return _Condition(lambda t: pc.or_kleene(self(t), other(t)))


class _field:
    """A column in a :class:`_Condition`: ``_field("status").isin([...])``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _compare(self, function: str, value: Any) -> _Condition:
        import pyarrow.compute as pc

        def mask(t: pa.Table) -> Any:
            column = t.column(self.name)
            return getattr(pc, function)(column, arrays.scalar(value, column.type))

        return _Condition(mask)

    def isin(self, values: Any) -> _Condition:
        import pyarrow as pa
        import pyarrow.compute as pc

        def mask(t: pa.Table) -> Any:
            column = t.column(self.name)
            found = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
            if not isinstance(found, pa.Array):
                found = arrays.array(found, column.type)
            elif found.type != column.type:
                found = found.cast(column.type)
            return pc.is_in(column, value_set=found)

        return _Condition(mask)

    def is_null(self) -> _Condition:
        import pyarrow.compute as pc

        return _Condition(lambda t: pc.is_null(t.column(self.name)))

    def is_valid(self) -> _Condition:
        import pyarrow.compute as pc

        return _Condition(lambda t: pc.is_valid(t.column(self.name)))

    def __ge__(self, value: Any) -> _Condition:
        return self._compare("greater_equal", value)

    def __le__(self, value: Any) -> _Condition:
        return self._compare("less_equal", value)

    def __eq__(self, value: Any) -> _Condition:  # type: ignore[override]
        return self._compare("equal", value)

    def __ne__(self, value: Any) -> _Condition:  # type: ignore[override]
        return self._compare("not_equal", value)

    __hash__ = None  # type: ignore[assignment]


def _contains(column: str, text: str) -> _Condition:
    import pyarrow.compute as pc

    return _Condition(lambda t: pc.match_substring(t.column(column), text, ignore_case=True))


def _filtered(table: pa.Table, conditions: list) -> pa.Table:
    import operator

    if not conditions:
        return table
    return table.filter(functools.reduce(operator.and_, conditions)(table))


def _within(column: str, values: list | None) -> list:
    """The condition "column is one of values", or none when the filter was not given."""

    return [_field(column).isin(values)] if values else []


def _overlaps(first: dt.date | None, last: dt.date | None, start_col: str, end_col: str) -> list:

    conditions = []
    if first is not None:
        conditions.append(_field(end_col).is_null() | (_field(end_col) >= first))
    if last is not None:
        conditions.append(_field(start_col).is_null() | (_field(start_col) <= last))
    return conditions


def events(
    *,
    start: DateLike = None,
    end: DateLike = None,
    actor: Values = None,
    role: Values = None,
    type: Values = None,
    place: Values = None,
    status: str | None = None,
    chapter: Numbers = None,
    text: str | None = None,
    within: bool = False,
) -> pd.DataFrame:
    """Events matching every filter given, in date order (undated last).

    Dates overlap by default: an event dated "1928" matches ``start="1928-06-01"``, and an
    open-ended one ("1917/") matches every later window. ``within=True`` keeps only events
    whose whole possible span lies inside [start, end], so a one-day window returns only
    events of that day.

    ``actor`` is an id, a name or an alias (or a list: any of them); with ``role``
    and ``status`` it filters on that actor's participation too (``role`` alone:
    anyone in that role). ``status`` is the minimum certainty of the event and,
    when ``actor`` or ``role`` is given, of the participation. ``text`` searches
    titles and summaries, ignoring case.
    """
    import pyarrow.compute as pc

    table = load_table("events")
    first, last = _span(start, end)
    v = _validated("events", locals())
    allowed, types, roles, chapters = v["status"], v["type"], v["role"], v["chapter"]
    text, actor_ids, within = v["text"], v["actor"], v["within"]
    conditions = []
    if first is not None or last is not None:
        conditions.append(_field("date").is_valid())
        if within:
            if first is not None:
                conditions.append(_field("date_start").is_valid())
                conditions.append(_field("date_start") >= first)
            if last is not None:
                conditions.append(_field("date_end").is_valid())
                conditions.append(_field("date_end") <= last)
        else:
            conditions += _overlaps(first, last, "date_start", "date_end")
    conditions += _within("type", types)
    conditions += _within("place_id", v["place"])
    conditions += _within("status", allowed)
    conditions += _within("chapter", chapters)
    if text is not None:
        conditions.append(_contains("title", text) | _contains("summary", text))
    if actor_ids is not None or roles:
        wanted = _within("actor_id", actor_ids)
        wanted += _within("role", roles) + _within("status", allowed)
        taking_part = _filtered(load_table("participants"), wanted)
        conditions.append(_field("id").isin(pc.unique(taking_part.column("event_id"))))
        found = _with_roles(_filtered(table, conditions), taking_part)
        keys = [("date_start", "ascending"), ("id", "ascending"), ("participant_id", "ascending")]
        return _out(found.sort_by(keys))
    found = _filtered(table, conditions).sort_by([("date_start", "ascending"), ("id", "ascending")])
    return _out(found)


ROLE_COLUMNS = {
    "id": "participant_id",
    "role": "role",
    "status": "role_status",
    "certainty": "role_certainty",
    "claimed_by": "role_claimed_by",
}
"""Participation columns that ``events(actor=…)`` or ``events(role=…)`` add to each event.

The event's own ``status`` says how sure the book is that the event happened; with an
actor or role asked for, what a reader wants is how sure it is of that actor's part, so
each matching participation is its own row carrying the participant's status.
"""


def _with_roles(found: pa.Table, taking_part: pa.Table) -> pa.Table:
    """One row per (event, matching participation), the participation's columns renamed.

    Done by index rather than Arrow's join, which cannot carry list columns (``pages``).
    """
    import pyarrow.compute as pc

    where = pc.index_in(taking_part.column("event_id"), value_set=found.column("id"))
    keep = pc.is_valid(where)
    part = taking_part.filter(keep)
    rows = found.take(pc.filter(where, keep))
    for column, name in ROLE_COLUMNS.items():
        field = part.schema.field(column).with_name(name)
        rows = rows.append_column(field, part.column(column))
    return rows


def actors(
    *,
    kind: Values = None,
    nationality: Values = None,
    alive_in: DateLike = None,
    name: str | None = None,
) -> pd.DataFrame:
    """Actors matching every filter given.

    ``alive_in`` (a year or EDTF date) keeps actors whose printed life dates do
    not rule them out: born no later than its end and died no earlier than its
    start; an unknown birth or death year does not rule anyone out. ``name``
    matches part of a name or alias, ignoring case, accents and long vowels.
    """

    table = load_table("actors")
    v = _validated("actors", locals())
    kinds, polities = v["kind"], v["nationality"]
    conditions = _within("kind", kinds) + _within("nationality", polities)
    if alive_in is not None:
        first, last = _span(alive_in, alive_in, ("alive_in", "alive_in"))
        if last is not None:  # an open end ("1928/") bounds only one side
            conditions.append(_field("born").is_null() | (_field("born") <= last.year))
        if first is not None:
            conditions.append(_field("died").is_null() | (_field("died") >= first.year))
    if name is not None:
        wanted = names.loose_key(v["name"])
        if not wanted:  # only punctuation: it would match every name
            raise InvalidValueError(f"name={checks.shown(name)} holds no letters to match")
        _, loose = _name_keys()
        ids = [i for i, keys in loose.items() if any(wanted in k for k in keys)]
        conditions.append(_field("id").isin(ids))
    return _out(_filtered(table, conditions))


@functools.cache
def _relation_bounds() -> pa.Table:
    """Relations with calendar bounds for their EDTF start and end, computed once."""
    import pyarrow as pa

    from . import dates

    table = load_table("relations")
    firsts, lasts = [], []
    for start, end in zip(
        table.column("start").to_pylist(), table.column("end").to_pylist(), strict=True
    ):
        firsts.append(dates.parse(start).start if start else None)
        lasts.append(dates.parse(end).end if end else None)
    return table.append_column("_first", arrays.array(firsts, pa.date32())).append_column(
        "_last", arrays.array(lasts, pa.date32())
    )


def relations(
    *,
    actor: Values = None,
    subject: Values = None,
    object: Values = None,
    predicate: Values = None,
    status: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
) -> pd.DataFrame:
    """Relations matching every filter given.

    ``actor`` matches either end; ``subject`` and ``object`` one end each (ids,
    names or aliases; a list matches any of them). ``start``/``end`` keep relations
    whose period overlaps the span; a relation without dates is kept, since the
    book does not bound it.
    """

    v = _validated("relations", locals())
    predicates, allowed = v["predicate"], v["status"]
    first, last = _span(start, end)
    either, subjects, objects = v["actor"], v["subject"], v["object"]
    table = _relation_bounds()  # after the checks: the first call parses every date
    conditions = _overlaps(first, last, "_first", "_last")
    if either is not None:
        conditions.append(_field("subject_id").isin(either) | _field("object_id").isin(either))
    conditions += _within("subject_id", subjects) + _within("object_id", objects)
    conditions += _within("predicate", predicates) + _within("status", allowed)
    found = _filtered(table, conditions).drop_columns(["_first", "_last"])
    return _out(found)


@functools.cache
def _all_ids() -> dict[str, str]:
    """Every id of the tables evidence can point at, with its table's kind."""
    found = {}
    for kind in ("actor", "event", "participant", "relation"):
        for ident in load_table(f"{kind}s").column("id").to_pylist():
            found[ident] = kind
    return found


def evidence(
    *,
    target: Values = None,
    target_kind: Values = None,
    stance: Values = None,
    chapter: Numbers = None,
    page: Numbers = None,
    source: Values = None,
) -> pd.DataFrame:
    """Evidence rows matching every filter given.

    ``target`` is the id of an actor, event, participant or relation; for an
    event it also returns the evidence on the event's participants.
    """

    table = load_table("evidence")
    conditions = []
    v = _validated("evidence", locals())
    targets, kinds, stances = v["target"], v["target_kind"], v["stance"]
    chapters, pages, sources = v["chapter"], v["page"], v["source"]
    if targets is not None:
        known = _all_ids()
        wanted = []
        for item in targets:
            if item not in known:
                raise NotFoundError("record", item, _suggest(item, known))
            wanted.append(item)
            if known[item] == "event":
                rows = _filtered(load_table("participants"), [_field("event_id") == item])
                wanted += rows.column("id").to_pylist()
        conditions.append(_field("target_id").isin(wanted))
    conditions += _within("target_kind", kinds) + _within("stance", stances)
    conditions += _within("chapter", chapters) + _within("page", pages)
    conditions += _within("source_id", sources)
    found = _filtered(table, conditions).sort_by([("page", "ascending"), ("id", "ascending")])
    return _out(found)


def participants(
    *,
    event: Values = None,
    actor: Values = None,
    role: Values = None,
    status: str | None = None,
    claimed_by: Values = None,
    chapter: Numbers = None,
    start: DateLike = None,
    end: DateLike = None,
) -> pd.DataFrame:
    """Who did what in which event, each row one claim with the book's certainty of it.

    ``event`` takes event ids, ``actor`` ids, names or aliases, ``claimed_by`` the id
    of the actor or source whose claim an ``alleged`` row reports. ``status`` is a
    minimum. ``chapter`` keeps participations the given chapters give evidence for;
    ``start``/``end`` match through the event's date, as in :func:`events`. Rows carry
    the event's ``event_title`` and ``event_date`` so they read on their own.
    """
    import pyarrow.compute as pc

    table = load_table("participants")
    first, last = _span(start, end)
    v = _validated("participants", locals())
    allowed, roles, chapters = v["status"], v["role"], v["chapter"]
    conditions = _within("event_id", v["event"]) + _within("actor_id", v["actor"])
    conditions += _within("role", roles) + _within("status", allowed)
    conditions += _within("claimed_by", v["claimed_by"])
    if chapters is not None:
        cited = _filtered(
            load_table("evidence"),
            [_field("target_kind") == "participant", _field("chapter").isin(chapters)],
        )
        conditions.append(_field("id").isin(pc.unique(cited.column("target_id"))))
    events_table = load_table("events").select(["id", "title", "date", "date_start", "date_end"])
    if first is not None or last is not None:
        dated = [_field("date").is_valid(), *_overlaps(first, last, "date_start", "date_end")]
        in_span = _filtered(events_table, dated).column("id")
        conditions.append(_field("event_id").isin(in_span))
    found = _filtered(table, conditions)
    titles = events_table.select(["id", "title", "date", "date_start"]).rename_columns(
        ["event_id", "event_title", "event_date", "_start"]
    )
    # By index, not Table.join, which runs on Acero (and so imports pandas).
    where = pc.index_in(found.column("event_id"), value_set=titles.column("event_id"))
    joined = found
    for name in ("event_title", "event_date", "_start"):
        joined = joined.append_column(titles.schema.field(name), titles.column(name).take(where))
    joined = joined.cast(_restore_metadata(joined, table))
    order = [*table.schema.names, "event_title", "event_date"]
    keys = [("_start", "ascending"), ("event_id", "ascending"), ("id", "ascending")]
    return _out(joined.sort_by(keys).select(order))


def _restore_metadata(joined: pa.Table, *sources: pa.Table) -> pa.Schema:
    """The joined table's schema with each column's field metadata (vocabulary) put back."""
    import pyarrow as pa

    metadata = {f.name: f.metadata for source in sources for f in source.schema}
    return pa.schema(
        [joined.schema.field(n).with_metadata(metadata.get(n)) for n in joined.schema.names],
        metadata=sources[0].schema.metadata,
    )


CLAIM_KINDS: tuple[str, ...] = filters.param("claims", "kind").vocabulary  # type: ignore[assignment]


@functools.cache
def _claims_table() -> pa.Table:
    """Every claim the book weighs as one row: events (that it happened), participants
    and relations, with a readable statement and the counts of evidence for and against."""
    import pyarrow as pa

    names = {r["id"]: r["name"] for r in load_table("actors").select(["id", "name"]).to_pylist()}
    events_rows = (
        load_table("events")
        .select(["id", "title", "date", "status", "certainty", "claimed_by", "chapter"])
        .to_pylist()
    )
    titles = {e["id"]: e["title"] for e in events_rows}
    counts: dict[str, dict[str, int]] = {}
    decisive: dict[str, int] = {}
    pages: dict[str, set[int]] = {}
    chapters: dict[str, set[int]] = {}
    evidence_rows = (
        load_table("evidence")
        .select(["target_id", "stance", "page", "chapter", "decisive"])
        .to_pydict()
    )
    for target, stance, page, chap, is_decisive in zip(*evidence_rows.values(), strict=True):
        tally = counts.setdefault(target, {"supports": 0, "contradicts": 0, "context": 0})
        tally[stance] += 1
        pages.setdefault(target, set()).add(page)
        chapters.setdefault(target, set()).add(chap)
        if is_decisive:
            decisive[target] = page
    rows = []

    def add(kind, ident, statement, record, actors, event_id):
        tally = counts.get(ident, {"supports": 0, "contradicts": 0, "context": 0})
        rows.append(
            {
                "kind": kind,
                "id": ident,
                "statement": statement,
                "status": record["status"],
                "certainty": record["certainty"],
                "claimed_by": record["claimed_by"],
                "supporting": tally["supports"],
                "contradicting": tally["contradicts"],
                "decisive_page": decisive.get(ident),
                "pages": sorted(pages.get(ident, ())),
                "chapters": sorted(chapters.get(ident, ())),
                "event_id": event_id,
                "actor_ids": actors,
            }
        )

    for e in events_rows:
        add("event", e["id"], f"{e['title']} — took place", e, [], e["id"])
    for p in load_table("participants").to_pylist():
        statement = f"{names.get(p['actor_id'], p['actor_id'])} — {p['role']} — " + titles.get(
            p["event_id"], p["event_id"]
        )
        add("participant", p["id"], statement, p, [p["actor_id"]], p["event_id"])
    for r in load_table("relations").to_pylist():
        statement = (
            f"{names.get(r['subject_id'], r['subject_id'])} — {r['predicate']} — "
            f"{names.get(r['object_id'], r['object_id'])}"
        )
        add("relation", r["id"], statement, r, [r["subject_id"], r["object_id"]], None)
    competing = _competing(rows)
    for row in rows:
        row["competing"] = row["id"] in competing
        row["contested"] = row["competing"] or (row["supporting"] > 0 and row["contradicting"] > 0)
    status_field = load_table("participants").schema.field("status")
    schema = pa.schema(
        [
            ("kind", pa.string()),
            ("id", pa.string()),
            ("statement", pa.string()),
            status_field,
            ("certainty", pa.int16()),
            ("claimed_by", pa.string()),
            ("supporting", pa.int32()),
            ("contradicting", pa.int32()),
            ("decisive_page", pa.int16()),
            ("pages", pa.list_(pa.int16())),
            ("chapters", pa.list_(pa.int16())),
            ("event_id", pa.string()),
            ("actor_ids", pa.list_(pa.string())),
            ("competing", pa.bool_()),
            ("contested", pa.bool_()),
        ]
    )
    columns = []
    for field in schema:  # column by column from buffers: pa.Table.from_pylist imports pandas
        values = [row[field.name] for row in rows]
        if pa.types.is_list(field.type):
            offsets = [0]
            for items in values:
                offsets.append(offsets[-1] + len(items))
            flat = [item for items in values for item in items]
            columns.append(
                pa.ListArray.from_arrays(
                    arrays.array(offsets, pa.int32()),
                    arrays.array(flat, field.type.value_type),
                    type=field.type,
                )
            )
        else:
            columns.append(arrays.array(values, field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _competing(rows: list[dict[str, Any]]) -> set[str]:
    """Claims with a rival row: another actor in the same event and role, the same actor
    and role under another account (a keyed row), or the same tie under another key."""
    groups: dict[tuple, set[str]] = {}
    for row in rows:
        if row["kind"] == "participant":
            event_id, actor_id, role, *_ = row["id"].split("/")
            groups.setdefault(("role", event_id, role), set()).add(row["id"])
            groups.setdefault(("same", event_id, actor_id, role), set()).add(row["id"])
        elif row["kind"] == "relation":
            subject, predicate, obj, *_ = row["id"].split("/")
            groups.setdefault(("tie", subject, predicate, obj), set()).add(row["id"])
    status = {row["id"]: row["status"] for row in rows}
    found: set[str] = set()
    for key, ids in groups.items():
        if len(ids) < 2:
            continue
        if key[0] == "role" and all(status[i] == "confirmed" for i in ids):
            continue  # several confirmed signatories of one treaty do not compete
        found |= ids
    return found


def claims(
    *,
    status: str | None = None,
    actor: Values = None,
    kind: Values = None,
    chapter: Numbers = None,
    contested: bool | None = None,
) -> pd.DataFrame:
    """One row per claim the book weighs: an event's occurrence, a participant or a relation.

    Each row has a readable ``statement`` ("Iosif V. Stalin — organizer — Assassination of
    Zhang Zuolin"), the book's ``status`` and ``certainty``, ``claimed_by``, how many
    evidence rows ``supporting`` and ``contradicting`` it, the ``decisive_page`` of a
    claim that is not confirmed, and its ``pages``. ``status`` is a minimum; ``actor``
    keeps claims about the actor (either end of a relation); ``chapter`` keeps claims the
    chapter gives evidence for; ``contested=True`` keeps claims with evidence on both
    sides or a competing row (another actor in the same role, another account).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    v = _validated("claims", locals())
    table = _claims_table()
    allowed, kinds, actor_ids = v["status"], v["kind"], v["actor"]
    chapters, contested = v["chapter"], v["contested"]
    conditions = _within("status", allowed) + _within("kind", kinds)
    mask = None
    if actor_ids is not None:
        mask = pc.is_in(
            pc.list_flatten(table.column("actor_ids")), arrays.array(actor_ids, pa.string())
        )
        parents = pc.list_parent_indices(table.column("actor_ids"))
        rows = pc.unique(pc.filter(parents, mask))
        conditions.append(_field("id").isin(table.take(rows).column("id")))
    if chapters is not None:
        flat = pc.list_flatten(table.column("chapters"))
        parents = pc.list_parent_indices(table.column("chapters"))
        rows = pc.unique(pc.filter(parents, pc.is_in(flat, arrays.array(chapters, pa.int16()))))
        conditions.append(_field("id").isin(table.take(rows).column("id")))
    if contested is not None:
        conditions.append(_field("contested") == contested)
    found = _filtered(table, conditions)
    return _out(found.sort_by([("kind", "ascending"), ("id", "ascending")]))


# --- typed look-ups -------------------------------------------------------------------


def _record(table: str, ident: str) -> dict[str, Any]:

    rows = _filtered(load_table(table), [_field("id") == ident]).to_pylist()
    return rows[0]


def actor(name: str) -> Actor:
    """The actor with this id, name or alias, as a validated ``Actor`` record.

    >>> import stalin_japan_china as sjc
    >>> sjc.actor("Jiang Jieshi").id
    'chiang-kai-shek'
    """
    from .models import Actor

    return Actor.model_validate(_record("actors", _actor_id(name, "name")))


def event(event_id: str) -> LinkedEvent:
    """The event with this id, its participants and evidence attached.

    >>> import stalin_japan_china as sjc
    >>> murder = sjc.event("assassination-of-zhang-zuolin")
    >>> murder.date, len(murder.participants) > 5
    ('1928-06-04', True)
    """

    from .models import Evidence, LinkedEvent, Participant

    checks.string(event_id, "event_id", "an event id, a string")
    (ident,) = _check_ids("events", event_id, "event_id")
    participants = _filtered(load_table("participants"), [_field("event_id") == ident])
    participants = participants.to_pylist()
    targets = [ident, *(p["id"] for p in participants)]
    rows = _filtered(load_table("evidence"), [_field("target_id").isin(targets)]).to_pylist()
    row = _record("events", ident)
    row["participants"] = [Participant.model_validate(p) for p in participants]
    row["evidence"] = [Evidence.model_validate(e) for e in sorted(rows, key=lambda e: e["page"])]
    return LinkedEvent.model_validate(row)


def lookup(value: str) -> tuple[str, Any]:
    """Find any record by id, or an actor by name: ``(table, record)`` for ``sjc show``."""
    value = _follow(checks.string(value, "value", "an id or a name").strip())
    for table in TABLES:
        if table != "events" and value in _ids(table):
            return table, _record(table, value)
    if value in _ids("events"):
        return "events", event(value)
    return "actors", actor(value)


__all__ = [
    "CERTAINTY",
    "AmbiguousNameError",
    "Error",
    "InvalidValueError",
    "NotFoundError",
    "actor",
    "actors",
    "event",
    "events",
    "evidence",
    "lookup",
    "relations",
    "resolve_actor",
]
