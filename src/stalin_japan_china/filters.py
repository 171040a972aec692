"""Every filter parameter, declared once.

Each public table function's parameters are listed here with the table and column they
filter, whether they take a list, their vocabulary and their help text. From this one
declaration come:

* the validation in :mod:`stalin_japan_china.query` (:func:`query._validated`);
* the ``sjc`` command's options, with each vocabulary listed in ``--help``;
* the README's filter table, written by the build like the data dictionary.

This module imports nothing heavy: the command line reads it before it loads any data.

    >>> [p.name for p in FILTERS["actors"]]
    ['kind', 'nationality', 'alive_in', 'name']
    >>> param("events", "role").many, param("events", "status").many
    (True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

KINDS = (
    "vocabulary",  # one of the values a column's vocabulary allows
    "choice",  # one of a fixed set given here
    "actor",  # an actor id, name or alias
    "place",  # a place id, name, modern name or alias
    "id",  # an id of ``table``
    "target",  # an id of any table evidence points at
    "claimant",  # the actor or source id of an ``alleged`` row's claim
    "chapter",  # a chapter number 0-6
    "page",  # a printed page number
    "status",  # a minimum certainty
    "date",  # EDTF at any precision, a year or a datetime.date
    "text",  # free text to search for
    "flag",  # True or False
)


@dataclass(frozen=True)
class Param:
    """One filter parameter of one public function."""

    name: str
    kind: str
    table: str
    """The table whose rows the parameter filters (for ``id``: the table the id is of)."""
    column: str
    """The column it compares with (``id`` for look-ups through another table)."""
    many: bool
    """Whether a list is accepted (any of its values matches)."""
    help: str
    vocabulary: tuple[str, str] | tuple[str, ...] | None = None
    """``(table, column)`` of a shipped vocabulary, or the fixed choices of a ``choice``."""

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert (self.vocabulary is not None) == (self.kind in ("vocabulary", "choice"))

    @property
    def option(self) -> str:
        """The command-line option: ``--target-kind`` for ``target_kind``."""
        return "--" + self.name.replace("_", "-")

    def values(self, vocabulary: Callable[[str, str], list[str]] | None = None) -> list[str]:
        """The allowed values: the fixed choices, or a vocabulary read by ``vocabulary``."""
        if self.kind == "choice":
            return list(self.vocabulary or ())
        if self.kind == "vocabulary" and vocabulary is not None:
            table, column = self.vocabulary  # type: ignore[misc]
            return list(vocabulary(table, column))
        if self.kind == "status":
            return list(CERTAINTY)
        return []


CERTAINTY = ("confirmed", "likely", "possible", "alleged", "refuted")

_ACTOR = "actor id, name or alias, e.g. zhang-xueliang, 'Jiang Jieshi', Okawa"
_STATUS = (
    "minimum certainty: confirmed > likely > possible > alleged > refuted "
    "('likely' keeps confirmed and likely)"
)
_START = "EDTF date at any precision (1928, 1928-06, 1928-06-04): from its first day"
_END = "EDTF date at any precision: up to its last day"
_CHAPTER = "chapter number, 0 = Introduction … 6 = Conclusion"


def _events() -> list[Param]:
    t = "events"
    return [
        Param(
            "start",
            "date",
            t,
            "date_end",
            False,
            _START + "; an event whose span overlaps [start, end] matches",
        ),
        Param("end", "date", t, "date_start", False, _END),
        Param("actor", "actor", t, "id", True, _ACTOR + "; events the actor took part in"),
        Param("role", "vocabulary", t, "role", True, "participant role", ("participants", "role")),
        Param("type", "vocabulary", t, "type", True, "event type", ("events", "type")),
        Param("place", "place", t, "place_id", True, "place id, name, modern name or alias"),
        Param("status", "status", t, "status", False, _STATUS + " (and of the actor's part)"),
        Param("chapter", "chapter", t, "chapter", True, _CHAPTER),
        Param("text", "text", t, "title", False, "words in the title or summary (any case)"),
        Param("within", "flag", t, "date", False, "only events wholly inside start-end"),
    ]


FILTERS: dict[str, list[Param]] = {
    "events": _events(),
    "participants": [
        Param("event", "id", "events", "event_id", True, "event id"),
        Param("actor", "actor", "participants", "actor_id", True, _ACTOR),
        Param("role", "vocabulary", "participants", "role", True, "role", ("participants", "role")),
        Param("status", "status", "participants", "status", False, _STATUS),
        Param(
            "claimed_by",
            "claimant",
            "participants",
            "claimed_by",
            True,
            "actor or source id whose claim an alleged row reports",
        ),
        Param("chapter", "chapter", "participants", "id", True, _CHAPTER + " giving evidence"),
        Param("start", "date", "participants", "event_id", False, _START + " (the event's)"),
        Param("end", "date", "participants", "event_id", False, _END + " (the event's)"),
    ],
    "claims": [
        Param("status", "status", "claims", "status", False, _STATUS),
        Param("actor", "actor", "claims", "actor_ids", True, _ACTOR + " (either end)"),
        Param(
            "kind",
            "choice",
            "claims",
            "kind",
            True,
            "kind of claim",
            ("event", "participant", "relation"),
        ),
        Param("chapter", "chapter", "claims", "chapters", True, _CHAPTER + " giving evidence"),
        Param(
            "contested",
            "flag",
            "claims",
            "contested",
            False,
            "only claims with evidence on both sides or a competing row",
        ),
    ],
    "actors": [
        Param("kind", "vocabulary", "actors", "kind", True, "kind of actor", ("actors", "kind")),
        Param(
            "nationality",
            "vocabulary",
            "actors",
            "nationality",
            True,
            "nationality",
            ("actors", "nationality"),
        ),
        Param("alive_in", "date", "actors", "born", False, "year or EDTF date of being alive"),
        Param("name", "text", "actors", "name", False, "part of a name or alias"),
    ],
    "relations": [
        Param("actor", "actor", "relations", "subject_id", True, _ACTOR + " (either end)"),
        Param("subject", "actor", "relations", "subject_id", True, _ACTOR),
        Param("object", "actor", "relations", "object_id", True, _ACTOR),
        Param(
            "predicate",
            "vocabulary",
            "relations",
            "predicate",
            True,
            "kind of tie",
            ("relations", "predicate"),
        ),
        Param("status", "status", "relations", "status", False, _STATUS),
        Param("start", "date", "relations", "end", False, _START + "; overlapping periods"),
        Param("end", "date", "relations", "start", False, _END),
    ],
    "evidence": [
        Param(
            "target",
            "target",
            "evidence",
            "target_id",
            True,
            "id of an actor, event, participant or relation (an event brings its "
            "participants' evidence)",
        ),
        Param(
            "target_kind",
            "vocabulary",
            "evidence",
            "target_kind",
            True,
            "kind of record",
            ("evidence", "target_kind"),
        ),
        Param("stance", "vocabulary", "evidence", "stance", True, "stance", ("evidence", "stance")),
        Param("chapter", "chapter", "evidence", "chapter", True, _CHAPTER),
        Param("page", "page", "evidence", "page", True, "printed page number"),
        Param("source", "id", "sources", "source_id", True, "source id"),
    ],
}
"""Each public table function's parameters, in their signature's order."""


EXPORTED = ("actor", "chapter", "start", "end", "status", "type", "place", "text", "within")
"""The filters of :func:`events` that ``sjc.export`` (and ``sjc export``) take."""


def param(function: str, name: str) -> Param:
    """The declaration of one parameter of one function."""
    for found in FILTERS[function]:
        if found.name == name:
            return found
    raise KeyError(f"{function}({name}=)")


def help_text(p: Param, vocabulary: Callable[[str, str], list[str]] | None = None) -> str:
    """The option's help: the declared text, whether it repeats, and its values."""
    text = p.help
    if p.many:
        text += " (repeatable: any of them)"
    values = p.values(vocabulary)
    if values and p.kind != "status":  # the status help names the order itself
        text += "; one of: " + ", ".join(values)
    return text


READMESTART, READMEEND = "<!-- filters:start -->", "<!-- filters:end -->"

_ACCEPTS = {
    "vocabulary": "a value of the vocabulary",
    "choice": "a value listed",
    "actor": "actor id, name or alias",
    "place": "place id, name, modern name or alias",
    "id": "id",
    "target": "any id",
    "claimant": "actor or source id",
    "chapter": "integer 0-6",
    "page": "printed page (integer)",
    "status": "a status (a minimum)",
    "date": "EDTF string, year or `datetime.date`",
    "text": "string",
    "flag": "`True` or `False`",
}


def markdown(vocabulary: Callable[[str, str], list[str]]) -> str:
    """The README's filter table, one row per parameter, between its markers."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        READMESTART,
        "",
        "| function | parameter | takes | list | values | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for function, params in FILTERS.items():
        for p in params:
            values = ", ".join(f"`{v}`" for v in p.values(vocabulary))
            lines.append(
                f"| `sjc.{function}()` | `{p.name}` | {_ACCEPTS[p.kind]} | "
                f"{'yes' if p.many else 'no'} | {values} | {cell(p.help)} |"
            )
    lines += ["", READMEEND]
    return "\n".join(lines)
