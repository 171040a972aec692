"""The seven tables of the dataset, one Pydantic model each.

These models are the single definition of every column: the build validates
curated records with them, and the Parquet schemas, JSON Schemas, Frictionless
descriptor and README data dictionary are all generated from them. A column's
``description`` is therefore its documentation everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from . import book, dates

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Participant, relation and evidence ids are built from slugs: "event/actor/role",
# "subject/predicate/object", "target@p117-n179" (plus an optional curator key).
ROW_ID_PATTERN = r"^[a-z0-9]+(?:[-_/@.][a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
RowId = Annotated[str, StringConstraints(pattern=ROW_ID_PATTERN, max_length=300)]
# Free text: non-empty, one line, no stray spaces at either end.
Text = Annotated[str, StringConstraints(pattern=r"^\S(?:.*\S)?$")]
# Years as printed; BCE years are negative (the book prints Confucius as 551–479 BCE).
# Numbers are strict: YAML's `true` or "117" is an error, never silently 1 or 117.
Year = Annotated[int, Field(ge=-3000, le=2100, strict=True)]
Page = Annotated[int, Field(ge=book.FIRST_PAGE, le=book.LAST_PAGE, strict=True)]

ActorKind = Literal["person", "organization", "state", "agency", "party", "military_unit", "group"]
Nationality = Literal[
    "china",
    "japan",
    "russian_empire",
    "soviet_union",
    "mongolia",
    "korea",
    "manchukuo",
    "united_kingdom",
    "united_states",
    "germany",
    "france",
    "italy",
    "poland",
    "other",
]
PlaceKind = Literal["site", "town", "city", "region", "country", "sea", "river"]
EventType = Literal[
    "assassination",
    "attempted_assassination",
    "bombing",
    "battle",
    "war",
    "treaty",
    "agreement",
    "negotiation",
    "meeting",
    "visit",
    "conference",
    "incident",
    "coup",
    "rebellion",
    "uprising",
    "mutiny",
    "arrest",
    "detention",
    "interrogation",
    "execution",
    "death",
    "trial",
    "investigation",
    "publication",
    "forgery",
    "defection",
    "recruitment",
    "invasion",
    "intervention",
    "appointment",
    "dismissal",
    "resignation",
    "operation",
    "plot",
    "raid",
    "cover_up",
    "report",
    "policy_decision",
    "founding",
    "travel",
    "funding",
    "other",
]
SourceKind = Literal[
    "archive",
    "book",
    "article",
    "newspaper",
    "memoir",
    "diary",
    "official_record",
    "trial_record",
    "intelligence_report",
    "interview",
    "document_collection",
    "website",
    "other",
]
Role = Literal[
    "perpetrator",
    "organizer",
    "instigator",
    "planner",
    "accomplice",
    "executor",
    "target",
    "victim",
    "signatory",
    "participant",
    "commander",
    "agent",
    "handler",
    "informant",
    "author",
    "subject",
    "witness",
    "investigator",
    "negotiator",
    "host",
    "visitor",
    "envoy",
    "beneficiary",
    "appointee",
    "appointer",
    "defendant",
    "prosecutor",
    "judge",
    "funder",
    "concealer",
    "observer",
]
Predicate = Literal[
    "agent_of",
    "handler_of",
    "informant_of",
    "member_of",
    "leader_of",
    "served_in",
    "subordinate_of",
    "adviser_to",
    "collaborator_of",
    "ally_of",
    "rival_of",
    "friend_of",
    "employed_by",
    "recruited",
    "funded",
    "relative_of",
    "parent_of",
    "spouse_of",
    "sibling_of",
    "successor_of",
    "protege_of",
    "representative_of",
    "part_of",
    "controlled_by",
    "opponent_of",
]
Status = Literal["confirmed", "likely", "possible", "alleged", "refuted"]
Stance = Literal["supports", "contradicts", "context"]
TargetKind = Literal["actor", "event", "participant", "relation"]

STATUS_MEANING = {
    "confirmed": "the book states it as fact",
    "likely": "the book leans towards it (probably, almost certainly, it now appears)",
    "possible": "the book leaves it open (may have, perhaps, suspected)",
    "alleged": "another party claims it and the book reports this without endorsing it",
    "refuted": "the book argues it is false",
}


def vocabulary(annotation: object) -> tuple[str, ...]:
    """The allowed values of a vocabulary type such as ``Status``."""
    return get_args(annotation)


def vocabulary_of(annotation: object) -> tuple[str, ...]:
    """The allowed values of a field's annotation, looking inside ``X | None``; () if free."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        values = vocabulary_of(arg)
        if values:
            return values
    return ()


class Record(BaseModel):
    """Shared behaviour: unknown fields are errors and records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _status_field():
    return Field(
        description="The book's own stance on this claim: "
        + "; ".join(f"{k} = {v}" for k, v in STATUS_MEANING.items())
    )


def _claimed_by_field():
    return Field(
        None,
        json_schema_extra={"references": ["actors", "sources"]},
        description="Id of the actor or source that makes the claim; required when status "
        "is 'alleged'.",
    )


CERTAINTY_RANK = {"refuted": 0, "alleged": 1, "possible": 2, "likely": 3, "confirmed": 4}
"""``status`` as an integer that every tool orders the same way (0 = refuted … 4 = confirmed).

Statuses are words, and Polars, DuckDB, R and spreadsheets compare words alphabetically
("likely" < "possible"); a rank column beside each status answers "at least likely" with
``certainty >= 3`` anywhere.
"""


def _certainty_field():
    return Field(
        None,
        ge=0,
        le=4,
        description="The status as a rank that sorts the same in every tool: "
        + ", ".join(f"{v} = {k}" for k, v in CERTAINTY_RANK.items())
        + " (derived from status at build time).",
    )


class Claim(Record):
    """A row whose truth the book weighs: it carries ``status`` and ``claimed_by``.

    The two fields are declared in each subclass, after its own columns, so that
    every table reads id first and its certainty last.
    """

    @model_validator(mode="after")
    def _alleged_needs_claimant(self):
        if getattr(self, "status", None) == "alleged" and getattr(self, "claimed_by", None) is None:
            raise ValueError(
                "status 'alleged' needs claimed_by: the actor or source making the claim"
            )
        return self

    @model_validator(mode="after")
    def _certainty_follows_status(self):
        rank = CERTAINTY_RANK[self.status]  # type: ignore[attr-defined]
        given = getattr(self, "certainty", None)
        if given is not None and given != rank:
            raise ValueError(f"certainty {given} does not follow status {self.status!r} ({rank})")  # type: ignore[attr-defined]
        object.__setattr__(self, "certainty", rank)
        return self


class Actor(Record):
    """A person, organization, state, agency, party, military unit or group."""

    id: Slug = Field(description="Stable lowercase slug, never reused (e.g. zhang-zuolin).")
    kind: ActorKind = Field(description="What sort of actor this is.")
    name: Text = Field(
        description="Name as the book spells it; family name first for Japanese, Chinese and "
        "Korean persons, macrons kept."
    )
    name_native: Text | None = Field(
        None, description="Name in CJK or Cyrillic script as the book prints it, else null."
    )
    aliases: list[Text] = Field(
        default_factory=list,
        description="Other spellings, romanizations, full names and code names the book gives.",
    )
    born: Year | None = Field(
        None, description="Year of birth as printed in the book (negative for BCE), or null."
    )
    died: Year | None = Field(
        None, description="Year of death as printed in the book (negative for BCE), or null."
    )
    nationality: Nationality | None = Field(
        None, description="Polity the actor chiefly served or belonged to in the period, or null."
    )
    description: Text = Field(description="Who or what this is, in the curators' own words.")
    disambiguation: Text | None = Field(
        None,
        description="Why this actor shares a name or alias with another actor, and how to "
        "tell them apart; required exactly when it does.",
    )

    @model_validator(mode="after")
    def _born_before_died(self):
        if self.born is not None and self.died is not None and self.born > self.died:
            raise ValueError(f"born ({self.born}) is after died ({self.died})")
        return self


class Place(Record):
    """Where an event happened; the kind says how precise the coordinates are."""

    id: Slug = Field(description="Stable lowercase slug (e.g. huanggutun).")
    name: Text = Field(description="Name as the book spells it.")
    name_native: Text | None = Field(None, description="Name in native script as printed, or null.")
    modern_name: Text = Field(description="Present-day name and province or country.")
    latitude: float = Field(
        ge=-90, le=90, strict=True, description="WGS84 latitude, decimal degrees."
    )
    longitude: float = Field(
        ge=-180, le=180, strict=True, description="WGS84 longitude, decimal degrees."
    )
    kind: PlaceKind = Field(
        description="site (coordinates within about 1 km), town or city (city centre), region, "
        "country, sea or river (a representative point)."
    )


class Source(Record):
    """A work or archival file that the book's footnotes cite."""

    id: Slug = Field(description="Stable lowercase slug (e.g. fo-262-1698).")
    kind: SourceKind = Field(description="What sort of source the footnote cites.")
    citation: Text = Field(description="The citation as the book prints it, without page numbers.")
    archive: Text | None = Field(
        None, description="Archive abbreviation for archival files (RGASPI, AVP RF, JACAR, FO …)."
    )
    year: Year | None = Field(None, description="Year of publication or of the document, if given.")


class Event(Claim):
    """Something that happened, or that the book says may or may not have happened."""

    id: Slug = Field(
        description="Stable slug saying what happened (e.g. assassination-of-zhang-zuolin)."
    )
    type: EventType = Field(description="Kind of event.")
    title: Text = Field(description="Short title in the curators' own words.")
    date: str | None = Field(
        description="EDTF date exactly at the book's precision (1928-06-04, "
        "1928-06, 1928, 1928~, 1928-06-04/1928-06-21, 1928-06/, [1953, 1955]); "
        "null when the book gives no date at all."
    )
    date_start: dt.date | None = Field(
        None, description="Earliest calendar day the date allows (derived from date at build time)."
    )
    date_end: dt.date | None = Field(
        None, description="Latest calendar day the date allows (derived from date at build time)."
    )
    precision: dates.Precision | None = Field(
        None,
        description="Coarsest unit the date is given in (derived from date); null when undated.",
    )
    place_id: Slug | None = Field(
        None,
        json_schema_extra={"references": ["places"]},
        description="Id in places, or null when the book gives none.",
    )
    summary: Text = Field(description="What happened, in the curators' own words.")
    chapter: int = Field(
        ge=0,
        le=6,
        description="Chapter where the book first treats the event "
        "(0 = Introduction, 6 = Conclusion); derived from its evidence.",
    )
    pages: list[Page] = Field(
        min_length=1, description="Printed pages of all evidence on the event and its participants."
    )
    status: Status = _status_field()
    certainty: int | None = _certainty_field()
    claimed_by: Slug | None = _claimed_by_field()

    @model_validator(mode="after")
    def _bounds_follow_date(self):
        if self.date is None:
            derived = (None, None, None)
        else:
            try:
                derived = tuple(dates.parse(self.date))
            except dates.DateError as error:
                raise ValueError(str(error)) from None
        given = (self.date_start, self.date_end, self.precision)
        if given != (None, None, None) and given != derived:
            raise ValueError(
                f"date_start/date_end/precision {given} do not follow date "
                f"{self.date!r}, which gives {derived}"
            )
        for name, value in zip(("date_start", "date_end", "precision"), derived, strict=True):
            object.__setattr__(self, name, value)
        return self


class Participant(Claim):
    """One actor's role in one event, as a claim with its own certainty."""

    id: RowId = Field(
        description="event_id/actor_id/role, plus /key when one actor holds the "
        "same role under two competing claims."
    )
    event_id: Slug = Field(
        json_schema_extra={"references": ["events"]}, description="Id in events."
    )
    actor_id: Slug = Field(
        json_schema_extra={"references": ["actors"]}, description="Id in actors."
    )
    role: Role = Field(description="What the actor did in the event.")
    status: Status = _status_field()
    certainty: int | None = _certainty_field()
    claimed_by: Slug | None = _claimed_by_field()
    note: Text | None = Field(None, description="Curators' note in their own words, or null.")


class Relation(Claim):
    """A tie between two actors (subject predicate object), as a claim with its own certainty."""

    id: RowId = Field(description="subject_id/predicate/object_id, plus /key where needed.")
    subject_id: Slug = Field(
        json_schema_extra={"references": ["actors"]}, description="Id in actors."
    )
    predicate: Predicate = Field(description="The tie, read as subject-predicate-object.")
    object_id: Slug = Field(
        json_schema_extra={"references": ["actors"]}, description="Id in actors."
    )
    start: str | None = Field(None, description="EDTF date the tie began, or null.")
    end: str | None = Field(None, description="EDTF date the tie ended, or null.")
    status: Status = _status_field()
    certainty: int | None = _certainty_field()
    claimed_by: Slug | None = _claimed_by_field()
    note: Text | None = Field(None, description="Curators' note in their own words, or null.")

    @model_validator(mode="after")
    def _period_in_order(self):
        bounds = {}
        for field in ("start", "end"):
            value = getattr(self, field)
            if value is not None:
                try:
                    bounds[field] = dates.parse(value)
                except dates.DateError as error:
                    raise ValueError(f"{field}: {error}") from None
        if len(bounds) == 2 and bounds["end"].end < bounds["start"].start:
            raise ValueError(f"end {self.end!r} is before start {self.start!r}")
        return self


class Evidence(Record):
    """Where the book makes, supports or undercuts a claim: page, footnote and cited source."""

    id: RowId = Field(
        description="target_id@key. The key is minted once from the row's first page, "
        "footnote and stance (p117-n179, p140-n280-contradicts) and then kept when the row "
        "is corrected: it identifies the row; read page and footnote from their columns."
    )
    target_kind: TargetKind = Field(description="Which table target_id points into.")
    target_id: RowId = Field(description="Id of the actor, event, participant or relation.")
    stance: Stance = Field(
        description="supports, contradicts (evidence the book gives against the claim) or context."
    )
    page: Page = Field(description="Printed page of the book.")
    chapter: int = Field(
        ge=0,
        le=6,
        description="Chapter of that page (0 = Introduction, "
        "6 = Conclusion); footnote numbers restart in every chapter.",
    )
    footnote: int | None = Field(
        None,
        ge=1,
        strict=True,
        description="Footnote number within the chapter, or null when the statement has none.",
    )
    source_id: Slug | None = Field(
        None,
        json_schema_extra={"references": ["sources"]},
        description="Id in sources of the work the footnote cites.",
    )
    locator: Text | None = Field(None, description="Pages, folios or item within the cited source.")
    decisive: bool = Field(
        False,
        strict=True,
        description="True on the one row whose page decides the status of a claim that is "
        "not confirmed: where the book argues it in full, so its wording there is the status.",
    )
    note: Text = Field(description="What this evidence says, in the curators' own words.")

    @model_validator(mode="after")
    def _page_chapter_footnote_agree(self):
        chapter = book.chapter_of_page(self.page)
        if chapter.number != self.chapter:
            raise ValueError(f"page {self.page} is in chapter {chapter.number}, not {self.chapter}")
        if self.footnote is not None and self.footnote > chapter.notes:
            raise ValueError(
                f"footnote {self.footnote} does not exist: chapter "
                f"{chapter.number} has notes 1–{chapter.notes}"
            )
        return self


class LinkedEvent(Event):
    """An event with its participant rows and all evidence on it and on them.

    Not a table: what ``sjc.event(id)`` returns, so a user holds one validated
    record with everything the book says about the event.
    """

    participants: list[Participant] = Field(
        default_factory=list, description="Participant rows of the event."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Evidence on the event and on its participants, by page.",
    )


class Redirect(Record):
    """A retired id and the id that replaced it (after two records were merged).

    Published ids are never reused; a merged duplicate keeps working through its
    redirect, so a user's saved query or citation of an old id still resolves. A
    record withdrawn outright (a claim the book turned out not to make) has no
    successor: looking it up says so and why, rather than "not found".
    """

    id: RowId = Field(description="The retired id.")
    to: RowId | None = Field(
        description="The id that replaced it, in the same table; null when the record was "
        "withdrawn without a successor."
    )
    table: Literal[
        "actors", "places", "sources", "events", "participants", "relations", "evidence"
    ] = Field(description="Table of both ids.")
    note: Text = Field(description="Why the record was merged, in the curators' own words.")


TABLES: dict[str, type[Record]] = {
    "actors": Actor,
    "places": Place,
    "sources": Source,
    "events": Event,
    "participants": Participant,
    "relations": Relation,
    "evidence": Evidence,
}


def references() -> dict[str, list[str]]:
    """Which columns point into which tables, from each field's ``references`` metadata."""
    found: dict[str, list[str]] = {}
    for model in TABLES.values():
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if "references" in extra:
                found[name] = list(extra["references"])
    return found
