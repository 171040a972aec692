"""Reading and validating the curated YAML: flattening, every rule, one report."""

from __future__ import annotations

import re

import pytest

from .conftest import SECTION
from stalin_japan_china.curate.reading import BuildError, read_curated
from stalin_japan_china.curate.rules import validate


def problems_of(data_dir) -> list[str]:
    with pytest.raises(BuildError) as caught:
        validate(read_curated(data_dir))
    return caught.value.problems


def test_minimal_dataset_flattens_into_seven_tables(minimal_docs, write_data):
    records = validate(read_curated(write_data(minimal_docs)))
    assert {t: len(r) for t, r in records.items()} == {
        "actors": 2,
        "places": 1,
        "sources": 1,
        "events": 1,
        "participants": 1,
        "relations": 1,
        "evidence": 6,
        "redirects": 0,
    }
    (participant,) = records["participants"]
    assert participant.id == "event-e/person-a/organizer"
    evidence_ids = {e.id for e in records["evidence"]}
    assert "event-e/person-a/organizer@p140-n280-contradicts" in evidence_ids
    (event,) = records["events"]
    assert event.pages == [117, 132, 140] and event.chapter == 2
    assert all(e.chapter == 2 for e in records["evidence"])


def test_every_problem_is_reported_once_with_file_line_and_id(minimal_docs, write_data):
    docs = minimal_docs
    docs["actors.yaml"]["actors"][0]["born"] = 1940  # born after died
    docs[SECTION]["events"][0]["place"] = "place-x"  # dangling place
    docs[SECTION]["events"][0]["participants"][0]["actor"] = "person-z"  # dangling actor
    docs[SECTION]["relations"][0]["evidence"][0]["source"] = "source-q"  # dangling source
    docs[SECTION]["relations"][0]["evidence"][0]["page"] = 999  # page outside book
    problems = problems_of(write_data(docs))
    text = "\n".join(problems)
    assert (
        "registry.yaml:" in text
        and "actors person-a: record: Value error, born (1940) is after died (1930)" in text
    )
    assert (
        "events event-e: place_id: 'place-x' is not an id in places; did you mean place-c?" in text
    )
    assert (
        "participants event-e/person-z/organizer: actor_id: 'person-z' is not an id in actors; "
        "did you mean person-a?" in text
    )
    assert "page: Input should be less than or equal to 450" in text
    assert len(problems) == 4, (
        problems
    )  # the bad-page evidence row fails first, so its source is not checked
    assert all(p.split(":")[0].endswith(".yaml") and p.split(":")[1].isdigit() for p in problems)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["actors.yaml"]["actors"].append(dict(d["actors.yaml"]["actors"][0])),
            "actors person-a: id: used 2 times",
        ),
        (lambda d: d["actors.yaml"]["actors"][0].update(id="Person_A"), "should match pattern"),
        (
            lambda d: d[SECTION]["events"][0]["participants"][0].update(evidence=[]),
            "participants event-e/person-a/organizer: evidence: none given",
        ),
        (
            lambda d: d[SECTION]["relations"][0].update(evidence=[]),
            "relations person-a/agent_of/org-b: evidence: none given",
        ),
        (
            lambda d: d[SECTION]["relations"][0].update(object="person-a"),
            "a relation needs two different actors",
        ),
        (
            lambda d: d[SECTION]["relations"][0].update(
                claimed_by="nobody", status="alleged"
            ),
            "claimed_by: 'nobody' is not an id in actors or sources",
        ),
        (
            lambda d: d[SECTION]["events"][0].update(type="murder"),
            "events event-e: type: Input should be",
        ),
        (
            lambda d: d[SECTION]["events"][0]["evidence"][0].update(footnote=500),
            "footnote 500 does not exist",
        ),
        (lambda d: d[SECTION]["events"][0].update(date="1928-06-31"), "not"),
        (lambda d: d[SECTION].update(people=[]), "unknown top-level key 'people'"),
        (
            lambda d: d[SECTION]["events"][0].update(place_id="place-c"),
            "events event-e: place: Extra inputs are not permitted",
        ),
        (
            lambda d: d[SECTION]["events"][0]["evidence"].append(
                dict(d[SECTION]["events"][0]["evidence"][0])
            ),
            "event-e@p132-n245: id: used 2 times",
        ),
    ],
)
def test_each_rule_names_record_and_field(minimal_docs, write_data, edit, message):
    edit(minimal_docs)
    problems = problems_of(write_data(minimal_docs))
    assert any(message in p or re.search(message, p) for p in problems), problems


def test_evidence_key_separates_two_items_on_one_page(minimal_docs, write_data):
    items = minimal_docs[SECTION]["events"][0]["evidence"]
    items.append({**items[0], "key": "second", "note": "Another point on the same page."})
    records = validate(read_curated(write_data(minimal_docs)))
    assert "event-e@p132-n245-second" in {e.id for e in records["evidence"]}


def test_yaml_is_parsed_safely(write_data):
    folder = write_data({})
    (folder / "evil.yaml").write_text("actors: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(BuildError, match="not valid YAML"):
        validate(read_curated(folder))
