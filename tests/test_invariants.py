"""Rules across tables, each fed a record that breaks it."""

from __future__ import annotations

import pytest

from stalin_japan_china.curate.reading import read_curated
from stalin_japan_china.curate.rules import POSTHUMOUS_ROLES, validate

from .conftest import SECTION
from .test_curation import problems_of


def person(docs: dict) -> dict:
    return docs["actors.yaml"]["actors"][0]  # person-a, 1880–1930


def event(docs: dict) -> dict:
    return docs[SECTION]["events"][0]  # event-e, 1928-06, person-a organizer


def test_the_minimal_dataset_keeps_every_invariant(minimal_docs, write_data):
    validate(read_curated(write_data(minimal_docs)))


def test_acting_after_death_is_refused(minimal_docs, write_data):
    event(minimal_docs)["date"] = "1931"
    problems = problems_of(write_data(minimal_docs))
    assert any(
        "participants event-e/person-a/organizer: role: person-a died in 1930" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("role", sorted(POSTHUMOUS_ROLES))
def test_posthumous_roles_are_allowed_after_death(minimal_docs, write_data, role):
    event(minimal_docs)["date"] = "1931"
    event(minimal_docs)["participants"][0].update(role=role)
    validate(read_curated(write_data(minimal_docs)))


def test_an_uncertain_date_reaching_into_the_life_is_not_posthumous(minimal_docs, write_data):
    event(minimal_docs)["date"] = "1931~"  # 1930–1932: may fall in the death year
    validate(read_curated(write_data(minimal_docs)))


def test_acting_before_birth_is_refused(minimal_docs, write_data):
    event(minimal_docs)["date"] = "1870"
    problems = problems_of(write_data(minimal_docs))
    assert any("person-a was born in 1880, after the event (1870)" in p for p in problems)


def test_relation_must_fall_inside_both_lifetimes(minimal_docs, write_data):
    relation = minimal_docs[SECTION]["relations"][0]
    relation.update(start="1935", end="1936")
    problems = problems_of(write_data(minimal_docs))
    assert any(
        "relations person-a/agent_of/org-b: start: 1935 is after person-a died" in p
        for p in problems
    )
    relation.update(start="1860", end="1870")
    problems = problems_of(write_data(minimal_docs))
    assert any("the tie ends before person-a was born (1880)" in p for p in problems)


def test_successor_may_follow_a_dead_predecessor(minimal_docs, write_data):
    docs = minimal_docs
    docs["actors.yaml"]["actors"].append(
        {
            "id": "person-f",
            "kind": "person",
            "name": "Person F",
            "born": 1900,
            "died": 1960,
            "description": "A later test person.",
        }
    )
    docs[SECTION]["evidence"].append(
        {"actor": "person-f", "page": 119, "stance": "context", "note": "Test evidence."}
    )
    docs[SECTION]["relations"].append(
        {
            "subject": "person-f",
            "predicate": "successor_of",
            "object": "person-a",
            "start": "1935",
            "status": "confirmed",
            "note": "Test succession.",
            "evidence": [{"page": 121, "stance": "supports", "note": "Test."}],
        }
    )
    validate(read_curated(write_data(docs)))


def test_event_interval_ending_before_it_starts_is_refused(minimal_docs, write_data):
    event(minimal_docs)["date"] = "1928-06/1927"
    problems = problems_of(write_data(minimal_docs))
    assert any(
        "events event-e: record: Value error, interval '1928-06/1927' ends (1927) before" in p
        for p in problems
    ), problems


def test_every_actor_needs_its_own_evidence(minimal_docs, write_data):
    section = minimal_docs[SECTION]
    section["evidence"] = [e for e in section["evidence"] if e.get("actor") != "org-b"]
    problems = problems_of(write_data(minimal_docs))
    assert any("actors org-b: evidence: none given" in p for p in problems)


def test_a_shared_name_needs_a_disambiguation_on_both(minimal_docs, write_data):
    docs = minimal_docs
    docs["actors.yaml"]["actors"][1]["aliases"] = ["Person A"]  # the agency also called so
    problems = problems_of(write_data(docs))
    assert any(
        "actors org-b: disambiguation: the name 'person a' is shared with person-a" in p
        for p in problems
    )
    assert any("actors person-a: disambiguation:" in p for p in problems)
    docs["actors.yaml"]["actors"][0]["disambiguation"] = "The person, not the agency."
    docs["actors.yaml"]["actors"][1]["disambiguation"] = "The agency, not the person."
    validate(read_curated(write_data(docs)))


def test_names_are_compared_without_accents_and_case(minimal_docs, write_data):
    minimal_docs["actors.yaml"]["actors"][1]["aliases"] = ["ÁLPHA"]  # person-a's alias Alpha
    problems = problems_of(write_data(minimal_docs))
    assert any("the name 'alpha' is shared" in p for p in problems)


def test_redirects_must_point_at_a_live_id(minimal_docs, write_data):
    docs = minimal_docs
    docs["redirects.yaml"] = {
        "redirects": [
            {"id": "old-event", "to": "event-e", "table": "events", "note": "Merged duplicate."},
        ]
    }
    records = validate(read_curated(write_data(docs)))
    assert [(r.id, r.to) for r in records["redirects"]] == [("old-event", "event-e")]
    docs["redirects.yaml"]["redirects"].append(
        {"id": "other", "to": "event-x", "table": "events", "note": "Typo."}
    )
    docs["redirects.yaml"]["redirects"].append(
        {"id": "event-e", "to": "event-e", "table": "events", "note": "Loop."}
    )
    problems = problems_of(write_data(docs))
    assert any("redirects other: to: 'event-x' is not an id in events" in p for p in problems)
    assert any("redirects event-e: id: still in use in events" in p for p in problems)
