"""Filters and look-ups against the shipped data: right at the edges, loud when wrong."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import stalin_japan_china as sjc
from stalin_japan_china import query

MURDER = "assassination-of-zhang-zuolin"


def dated(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame.date.notna()]


# --- dates overlap ------------------------------------------------------------------


def test_a_year_precision_event_matches_a_range_inside_its_year():
    events = sjc.load("events")
    year_only = events[events.precision == "year"].iloc[0]
    year = int(year_only.date[:4])
    hits = sjc.events(start=f"{year}-06-01", end=f"{year}-06-30")
    assert year_only.id in set(hits.id)


def test_overlap_rule_matches_a_plain_pandas_computation():
    """Every dated event whose span touches 1928-06 is returned, and nothing else."""
    events = dated(sjc.load("events"))
    first, last = pd.Timestamp("1928-06-01"), pd.Timestamp("1928-06-30")
    starts_ok = events.date_start.isna() | (events.date_start <= last)
    ends_ok = events.date_end.isna() | (events.date_end >= first)
    expected = set(events[starts_ok & ends_ok].id)
    assert set(sjc.events(start="1928-06", end="1928-06").id) == expected
    assert MURDER in expected


def test_open_ended_events_match_later_queries_and_undated_never_match_dates():
    events = sjc.load("events")
    open_ended = events[events.date.str.endswith("/", na=False)].iloc[0]
    assert open_ended.id in set(sjc.events(start="1990", end="1990").id)
    undated = set(events[events.date.isna()].id)
    assert undated and not undated & set(sjc.events(start="1000", end="2100").id)
    assert undated <= set(sjc.events().id)


def test_events_come_in_date_order():
    starts = dated(sjc.events()).date_start.dropna()
    assert starts.is_monotonic_increasing


def test_dates_accept_date_objects_and_reject_reversed_spans():
    by_object = sjc.events(start=dt.date(1928, 6, 4), end=dt.date(1928, 6, 4))
    assert MURDER in set(by_object.id)
    with pytest.raises(sjc.InvalidValueError, match="end '1927' is before start '1928'"):
        sjc.events(start="1928", end="1927")
    with pytest.raises(sjc.InvalidValueError, match=r"start='June 1928' is not a date.*1928-06"):
        sjc.events(start="June 1928")


# --- actors, roles, statuses ------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling", ["zhang-xueliang", "Zhang Xueliang", "zhang xueliang", "ZHANG XUELIANG"]
)
def test_actor_filter_takes_id_name_and_any_case(spelling):
    participants = sjc.load("participants")
    expected = set(participants[participants.actor_id == "zhang-xueliang"].event_id)
    assert set(sjc.events(actor=spelling).id) == expected


def test_actor_filter_takes_aliases_and_romanizations():
    assert sjc.resolve_actor("Jiang Jieshi") == "chiang-kai-shek"
    assert sjc.resolve_actor("Chiang Kai-shek") == "chiang-kai-shek"
    for spelling in ("Ōkawa Shūmei", "Okawa Shumei", "Ookawa Shuumei", "Ohkawa", "ōkawa"):
        assert sjc.resolve_actor(spelling) == "okawa-shumei", spelling
    assert sjc.resolve_actor("Kōmoto Daisaku") == sjc.resolve_actor("Komoto Daisaku")
    assert sjc.resolve_actor("Komoto Daisaku") == "komoto-daisaku"
    with pytest.raises(sjc.AmbiguousNameError, match="komoto-daisaku, komoto-kiyoko"):
        sjc.resolve_actor("Kōmoto")  # a surname two people of the book share


def test_role_and_status_filter_the_participation():
    organizers = sjc.events(actor="Stalin", role="organizer")
    assert MURDER in set(organizers.id)
    assert MURDER in set(sjc.events(actor="Stalin", role="organizer", status="likely").id)
    assert MURDER not in set(sjc.events(actor="Stalin", role="organizer", status="confirmed").id)


def test_minimum_status_keeps_the_more_certain_levels():
    participants = sjc.load("participants")
    for level in query.CERTAINTY:
        allowed = set(query.CERTAINTY[: query.CERTAINTY.index(level) + 1])
        kept = participants[participants.status.isin(allowed)]
        assert set(kept.status) <= allowed
    frame = sjc.load("participants")
    assert (frame[frame.status >= "likely"].status.isin(["confirmed", "likely"])).all()
    ties = sjc.relations(status="possible")
    assert set(ties.status) <= {"confirmed", "likely", "possible"}
    assert len(ties) == int(
        sjc.load("relations").status.isin(["confirmed", "likely", "possible"]).sum()
    )


def test_type_place_chapter_and_text_filters():
    murders = sjc.events(type="assassination")
    assert set(murders.type) == {"assassination"} and MURDER in set(murders.id)
    both = sjc.events(type=["assassination", "bombing"])
    assert set(both.type) <= {"assassination", "bombing"} and len(both) >= len(murders)
    assert MURDER in set(sjc.events(place="huanggutun").id)
    assert MURDER in set(sjc.events(place="Huanggutun").id)
    assert set(sjc.events(chapter=2).chapter) == {2}
    found = sjc.events(text="HUANGGUTUN")
    assert MURDER in set(found.id)
    assert found.apply(lambda r: "huanggutun" in (r.title + " " + r.summary).lower(), axis=1).all()


# --- the other tables --------------------------------------------------------------------


def test_actors_filters():
    people = sjc.actors(kind="person")
    assert set(people.kind) == {"person"} and len(people) > 50
    alive = sjc.actors(alive_in=1950, kind="person")
    assert "iosif-stalin" in set(alive.id) and "zhang-zuolin" not in set(alive.id)
    assert ((alive.born.isna()) | (alive.born <= 1950)).all()
    assert ((alive.died.isna()) | (alive.died >= 1950)).all()
    japanese = sjc.actors(nationality="japan")
    assert set(japanese.nationality) == {"japan"}
    assert "okawa-shumei" in set(sjc.actors(name="ookawa").id)


def test_relations_filters():
    eitingon = sjc.relations(actor="Eitingon")
    assert len(eitingon) > 0
    assert (
        (eitingon.subject_id == "naum-eitingon") | (eitingon.object_id == "naum-eitingon")
    ).all()
    agents = sjc.relations(predicate="agent_of", status="likely")
    assert set(agents.predicate) == {"agent_of"}
    assert "komoto-daisaku" in set(agents.subject_id)
    assert set(sjc.relations(subject="komoto-daisaku").subject_id) == {"komoto-daisaku"}


def test_evidence_for_an_event_includes_its_participants():
    rows = sjc.evidence(target=MURDER)
    assert MURDER in set(rows.target_id)
    assert any(t.startswith(MURDER + "/") for t in rows.target_id)
    against = sjc.evidence(target=MURDER, stance="contradicts")
    assert set(against.stance) == {"contradicts"} and len(against) > 0
    page = sjc.evidence(page=137)
    assert set(page.page) == {137}


# --- typed look-ups -----------------------------------------------------------------------


def test_actor_lookup_returns_the_model():
    from stalin_japan_china.models import Actor

    chiang = sjc.actor("Jiang Jieshi")
    assert isinstance(chiang, Actor) and chiang.id == "chiang-kai-shek"
    assert sjc.actor("Stalin").born == 1878


def test_event_lookup_attaches_participants_and_evidence():
    murder = sjc.event(MURDER)
    assert murder.date == "1928-06-04"
    roles = {(p.actor_id, p.role): p.status for p in murder.participants}
    assert roles[("komoto-daisaku", "organizer")] == "alleged"
    targets = {e.target_id for e in murder.evidence}
    assert MURDER in targets and len(targets) > 5
    assert [e.page for e in murder.evidence] == sorted(e.page for e in murder.evidence)


# --- errors ---------------------------------------------------------------------------------


def test_unknown_name_lists_the_closest_actors():
    with pytest.raises(sjc.NotFoundError) as caught:
        sjc.actor("Stallin")
    assert "Iosif V. Stalin (iosif-stalin)" in caught.value.suggestions
    assert "no actor matches 'Stallin'" in str(caught.value)


def test_a_name_shared_by_several_actors_asks_which():
    with pytest.raises(sjc.AmbiguousNameError) as caught:
        sjc.resolve_actor("Zhang")
    assert {"zhang-zuolin", "zhang-xueliang"} <= set(caught.value.candidates)


def test_unknown_event_id_suggests_ids():
    with pytest.raises(sjc.NotFoundError, match="assassination-of-zhang-zuolin"):
        sjc.event("assassination-of-zhang-zoulin")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: sjc.events(type="murder"),
            r"type='murder' is not a valid type; valid values: .*assassination",
        ),
        (lambda: sjc.events(role="killer"), r"role='killer' .* valid values: .*organizer"),
        (lambda: sjc.events(status="sure"), r"status='sure' is not a status; use one of confirmed"),
        (lambda: sjc.actors(kind="human"), r"kind='human' .*person"),
        (lambda: sjc.relations(predicate="spy_for"), r"predicate='spy_for' .*agent_of"),
        (lambda: sjc.evidence(stance="neutral"), r"stance='neutral' .*supports"),
        (lambda: sjc.events(chapter=9), r"chapter=9 must be a chapter number 0-6"),
        (lambda: sjc.evidence(page=0), r"page=0 must be a printed page"),
        (lambda: sjc.events(type=[]), r"type must be a string or a non-empty list"),
        (lambda: sjc.events(text=""), r"text must be a non-empty string"),
    ],
)
def test_bad_filter_values_name_the_problem_and_the_valid_values(call, message):
    with pytest.raises(sjc.InvalidValueError, match=message):
        call()


def test_results_are_fresh_copies():
    first = sjc.events(type="assassination")
    first.loc[:, "title"] = "changed"
    assert "changed" not in set(sjc.events(type="assassination").title)


def test_alive_in_takes_an_open_ended_date():
    """ "1950/" bounds only the start: anyone not dead before 1950 may be alive."""
    after = sjc.actors(alive_in="1950/", kind="person")
    assert "iosif-stalin" in set(after.id) and "zhang-zuolin" not in set(after.id)
    before = sjc.actors(alive_in="/1900", kind="person")
    assert "zhang-zuolin" in set(before.id)
    assert ((before.born.isna()) | (before.born <= 1900)).all()
