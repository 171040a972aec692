"""Each model accepts a good record and rejects each kind of bad one, naming the field."""

import datetime as dt

import pytest
from pydantic import ValidationError

from stalin_japan_china.models import (
    Actor,
    Event,
    Evidence,
    Participant,
    Place,
    Relation,
    Source,
    Status,
    vocabulary,
)

ACTOR = dict(
    id="zhang-zuolin",
    kind="person",
    name="Zhang Zuolin",
    name_native="張作霖",
    aliases=["Chang Tso-lin"],
    born=1875,
    died=1928,
    nationality="china",
    description="Manchurian warlord.",
)
EVENT = dict(
    id="assassination-of-zhang-zuolin",
    type="assassination",
    title="Train bombed",
    date="1928-06-04",
    place_id="huanggutun",
    summary="A train is blown up.",
    chapter=2,
    pages=[132],
    status="confirmed",
)
EVIDENCE = dict(
    id="x@p132",
    target_kind="event",
    target_id="x",
    stance="supports",
    page=132,
    chapter=2,
    footnote=245,
    source_id=None,
    locator=None,
    note="Date of the bombing.",
)
PARTICIPANT = dict(id="e/a/victim", event_id="e", actor_id="a", role="victim", status="confirmed")
RELATION = dict(
    id="a/agent_of/b",
    subject_id="a",
    predicate="agent_of",
    object_id="b",
    start="1925",
    end="1928-06",
    status="possible",
)
PLACE = dict(
    id="huanggutun",
    name="Huanggutun",
    modern_name="Huanggutun, Shenyang",
    latitude=41.83,
    longitude=123.39,
    kind="site",
)
SOURCE = dict(id="fo-262-1698", kind="archive", citation="FO 262/1698", archive="TNA", year=None)


@pytest.mark.parametrize(
    ("model", "good"),
    [
        (Actor, ACTOR),
        (Event, EVENT),
        (Evidence, EVIDENCE),
        (Participant, PARTICIPANT),
        (Relation, RELATION),
        (Place, PLACE),
        (Source, SOURCE),
    ],
)
def test_good_records_validate(model, good):
    assert model.model_validate(good).id == good["id"]


BAD = [
    (Actor, {"id": "Zhang Zuolin"}, "id", "should match pattern"),
    (Actor, {"id": "zhang--zuolin"}, "id", "should match pattern"),
    (Actor, {"kind": "warlord"}, "kind", "Input should be 'person'"),
    (Actor, {"born": 1930}, "record", r"born \(1930\) is after died \(1928\)"),
    (Actor, {"nationality": "manchuria"}, "nationality", "Input should be"),
    (Actor, {"colour": "red"}, "colour", "Extra inputs are not permitted"),
    (Actor, {"description": ""}, "description", "should match pattern"),
    (Actor, {"description": "Warlord. "}, "description", "should match pattern"),
    (Actor, {"aliases": ["Chang Tso-lin", ""]}, "aliases.1", "should match pattern"),
    (Participant, {"note": "two\nlines"}, "note", "should match pattern"),
    (Event, {"date": "June 1928"}, "record", "June 1928"),
    (Event, {"date": "1928-06-21/1928-06-04"}, "record", "ends .* before it starts"),
    (Event, {"type": "murder"}, "type", "Input should be"),
    (Event, {"status": "alleged"}, "record", "needs claimed_by"),
    (Event, {"pages": []}, "pages", "at least 1 item"),
    (Event, {"pages": [451]}, "pages", "less than or equal to 450"),
    (Event, {"date_start": dt.date(1928, 6, 1)}, "record", "do not follow date"),
    (Evidence, {"page": 0}, "page", "greater than or equal to 1"),
    (Evidence, {"page": 451}, "page", "less than or equal to 450"),
    (Evidence, {"chapter": 3}, "record", "page 132 is in chapter 2, not 3"),
    (
        Evidence,
        {"footnote": 450},
        "record",
        "footnote 450 does not exist: chapter 2 has notes 1–449",
    ),
    (Evidence, {"footnote": 0}, "footnote", "greater than or equal to 1"),
    (Evidence, {"page": None}, "page", "valid integer"),
    (Evidence, {"chapter": None}, "chapter", "valid integer"),
    (Evidence, {"stance": "agrees"}, "stance", "Input should be 'supports'"),
    (Evidence, {"target_kind": "source"}, "target_kind", "Input should be"),
    (Participant, {"role": "killer"}, "role", "Input should be"),
    (Participant, {"status": "certain"}, "status", "Input should be 'confirmed'"),
    (Relation, {"predicate": "spy_for"}, "predicate", "Input should be"),
    (Relation, {"start": "1929", "end": "1928"}, "record", "end '1928' is before start '1929'"),
    (Relation, {"start": "1928-02-30"}, "record", "start:"),
    (Place, {"latitude": 123.4}, "latitude", "less than or equal to 90"),
    (Place, {"kind": "village"}, "kind", "Input should be"),
    (Source, {"kind": "rumour"}, "kind", "Input should be"),
    (Source, {"year": 2150}, "year", "less than or equal to 2100"),
]


@pytest.mark.parametrize(("model", "change", "field", "message"), BAD)
def test_bad_records_are_rejected_with_field_and_reason(model, change, field, message):
    good = {
        Actor: ACTOR,
        Event: EVENT,
        Evidence: EVIDENCE,
        Participant: PARTICIPANT,
        Relation: RELATION,
        Place: PLACE,
        Source: SOURCE,
    }[model]
    with pytest.raises(ValidationError, match=message) as caught:
        model.model_validate({**good, **change})
    locations = {".".join(map(str, e["loc"])) or "record" for e in caught.value.errors()}
    assert any(loc.startswith(field) for loc in locations), locations


def test_event_derives_bounds_and_precision():
    event = Event.model_validate({**EVENT, "date": "1928-06"})
    assert (event.date_start, event.date_end, event.precision) == (
        dt.date(1928, 6, 1),
        dt.date(1928, 6, 30),
        "month",
    )


def test_records_are_immutable():
    actor = Actor.model_validate(ACTOR)
    with pytest.raises(ValidationError, match="frozen"):
        actor.name = "Chang Tso-lin"


def test_status_vocabulary_is_the_documented_one():
    assert vocabulary(Status) == ("confirmed", "likely", "possible", "alleged", "refuted")
