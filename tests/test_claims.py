"""Claims first: an actor's part in an event carries its own certainty, in every view."""

from __future__ import annotations

import json

import stalin_japan_china as sjc
from stalin_japan_china.cli import main


def test_an_actor_query_shows_the_certainty_of_the_actors_part():
    """The book confirms the murder happened, not that Stalin organized it."""
    found = sjc.events(actor="Stalin", role="organizer")
    row = found[found.id == "assassination-of-zhang-zuolin"].iloc[0]
    assert (row.status, row.role, row.role_status) == ("confirmed", "organizer", "likely")
    assert row.participant_id == "assassination-of-zhang-zuolin/iosif-stalin/organizer"
    assert str(found.role_status.dtype) == "category" and found.role_status.cat.ordered


def test_each_role_of_an_actor_in_one_event_is_its_own_row():
    found = sjc.events(actor="komoto-daisaku")
    murder = found[found.id == "assassination-of-zhang-zuolin"]
    participants = sjc.load("participants")
    expected = participants[
        (participants.event_id == "assassination-of-zhang-zuolin")
        & (participants.actor_id == "komoto-daisaku")
    ]
    assert len(murder) == len(expected) > 1
    assert set(murder.participant_id) == set(expected.id)


def test_without_actor_or_role_events_have_one_row_each_and_no_role_columns():
    found = sjc.events(start="1928", end="1928")
    assert found.id.is_unique and "role_status" not in found.columns


def test_participants_filter_by_claimant_status_chapter_and_date():
    alleged = sjc.participants(claimed_by="komoto-daisaku")
    assert len(alleged) > 0 and set(alleged.claimed_by) == {"komoto-daisaku"}
    likely = sjc.participants(actor="Stalin", status="likely")
    assert set(likely.status.astype(str)) <= {"likely", "confirmed"}
    assert "assassination-of-zhang-zuolin/iosif-stalin/organizer" in set(likely.id)
    chapter_one = sjc.participants(chapter=1)
    evidence = sjc.load("evidence")
    cited = set(
        evidence[(evidence.chapter == 1) & (evidence.target_kind == "participant")].target_id
    )
    assert set(chapter_one.id) == cited
    in_1905 = sjc.participants(start="1905", end="1905", role="negotiator")
    assert "treaty-of-portsmouth/sergei-witte/negotiator" in set(in_1905.id)
    assert in_1905.event_title.notna().all()


def test_claims_have_statements_counts_and_the_decisive_page():
    found = sjc.claims(actor="Stalin", kind="participant")
    row = found[found.id == "assassination-of-zhang-zuolin/iosif-stalin/organizer"].iloc[0]
    assert row.statement.startswith("Iosif V. Stalin — organizer — Assassination of Zhang Zuolin")
    evidence = sjc.load("evidence")
    rows = evidence[evidence.target_id == row.id]
    assert row.supporting == (rows.stance == "supports").sum()
    assert row.contradicting == (rows.stance == "contradicts").sum()
    assert row.decisive_page == rows[rows.decisive].page.item()
    assert list(row.pages) == sorted(set(rows.page))
    everything = sjc.claims()
    assert set(everything.kind) == {"event", "participant", "relation"}
    assert len(everything) == sum(
        sjc.load_table(t).num_rows for t in ("events", "participants", "relations")
    )
    assert everything[everything.status == "confirmed"].decisive_page.isna().all()


def test_contested_claims_have_both_sides_or_a_rival():
    contested = sjc.claims(contested=True)
    assert ((contested.supporting > 0) & (contested.contradicting > 0) | contested.competing).all()
    assert "assassination-of-zhang-zuolin/komoto-daisaku/organizer" in set(contested.id)
    assert set(sjc.claims(contested=False).id).isdisjoint(contested.id)


def test_the_claims_and_participants_commands_give_the_api_rows(capsys):
    assert main(["claims", "--actor", "Stalin", "--contested", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in printed] == list(sjc.claims(actor="Stalin", contested=True).id)
    assert (
        main(
            [
                "participants",
                "--event",
                "assassination-of-zhang-zuolin",
                "--role",
                "organizer",
                "--format",
                "json",
            ]
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    expected = sjc.participants(event="assassination-of-zhang-zuolin", role="organizer")
    assert [r["id"] for r in printed] == list(expected.id)


def test_tables_describe_themselves_from_the_shipped_files(capsys):
    described = sjc.describe("participants").set_index("column")
    assert list(described.index) == list(sjc.load("participants").columns)
    assert "organizer" in described.loc["role", "vocabulary"]
    assert "0 = refuted" in described.loc["certainty", "meaning"]
    assert sjc.load("events").attrs == {"dataset_version": sjc.__version__, "table": "events"}
    assert main(["vocab", "status"]) == 0
    assert capsys.readouterr().out.split() == [
        "confirmed",
        "likely",
        "possible",
        "alleged",
        "refuted",
    ]
    assert main(["info", "events"]) == 0
    assert "certainty (int16)" in capsys.readouterr().out
    assert main(["vocab", "colour"]) == 2
    assert "not a vocabulary column" in capsys.readouterr().err


def test_within_keeps_only_events_whose_whole_span_is_inside_the_window():
    day = sjc.events(start="1928-06-04", end="1928-06-04", within=True)
    assert "assassination-of-zhang-zuolin" in set(day.id)
    assert (day.date_start >= "1928-06-04").all() and (day.date_end <= "1928-06-04").all()
    overlapping = sjc.events(start="1928-06-04", end="1928-06-04")
    assert len(overlapping) > len(day)  # the year 1928 and open-ended events overlap it
    late = sjc.events(start="1940", end="1945", within=True)
    assert late.date_end.notna().all() and not late.date.str.endswith("/").any()
    assert (
        main(
            [
                "events",
                "--start",
                "1928-06-04",
                "--end",
                "1928-06-04",
                "--within",
                "--format",
                "json",
            ]
        )
        == 0
    )
