"""Reading and validating the curated YAML: flattening, every rule, one report."""

from __future__ import annotations

import re

import pytest

from stalin_japan_china.curate.reading import BuildError, read_curated, read_ledger
from stalin_japan_china.curate.rules import validate

from .conftest import SECTION


def problems_of(data_dir) -> list[str]:
    with pytest.raises(BuildError) as caught:
        validate(read_curated(data_dir), read_ledger(data_dir))
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
    evidence = {e.id: e for e in records["evidence"]}
    assert "event-e/person-a/organizer@p116-n178-contradicts" in evidence
    assert evidence["person-a@p118-context"].target_kind == "actor"  # a section's own list
    assert evidence["event-e/person-a/organizer@p117-n179"].decisive
    (event,) = records["events"]
    assert event.pages == [116, 117, 132] and event.chapter == 2
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
        "actors.yaml:" in text
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
            lambda d: d[SECTION]["relations"][0].update(claimed_by="nobody", status="alleged"),
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


def test_a_second_row_alike_gets_its_own_minted_id(minimal_docs, write_data):
    items = minimal_docs[SECTION]["events"][0]["evidence"]
    items.append({**items[0], "note": "Another point on the same page."})
    del items[-1]["id"]
    records = validate(read_curated(write_data(minimal_docs)))
    assert "event-e@p132-n245-b" in {e.id for e in records["evidence"]}


def test_yaml_is_parsed_safely(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    (folder / "ch2" / "2.5-evil.yaml").write_text(
        "events: !!python/object/apply:os.system ['echo pwned']\n"
    )
    with pytest.raises(BuildError, match="not valid YAML"):
        validate(read_curated(folder))


# --- the gate that loses nothing ---------------------------------------------------------


def _write_section(folder, text: str, name: str = "2.4-test.yaml"):
    path = folder / "ch2" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_a_key_written_twice_in_one_record_is_refused(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    path = folder / "ch2" / "2.4-test.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  type: incident\n", "  type: incident\n  type: war\n"
    )
    path.write_text(text, encoding="utf-8")
    problems = problems_of(folder)
    pattern = r"data/ch2/2\.4-test\.yaml:\d+: not valid YAML: key 'type' is written twice"
    assert any(re.match(pattern, p) for p in problems), problems


def test_a_second_top_level_list_is_refused_not_merged_away(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    path = folder / "ch2" / "2.4-test.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "events:\n- id: other\n", encoding="utf-8")
    problems = problems_of(folder)
    assert any("key 'events' is written twice" in p and "2.4-test.yaml:" in p for p in problems)


def test_an_emptied_section_file_is_refused(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    _write_section(folder, "# emptied by mistake\n", "2.5-empty.yaml")
    problems = problems_of(folder)
    assert any("2.5-empty.yaml: holds no records" in p for p in problems), problems
    _write_section(folder, "events: []\n", "2.5-empty.yaml")
    assert any("2.5-empty.yaml: holds no records" in p for p in problems_of(folder))


def test_a_bad_unquoted_date_names_file_line_record_and_field(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    path = folder / "ch2" / "2.4-test.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 1928-06\n", "date: 1928-13-45\n"),
        encoding="utf-8",
    )
    problems = problems_of(folder)
    assert any(
        re.match(r"data/ch2/2\.4-test\.yaml:\d+: events event-e: record: .*1928-13-45", p)
        for p in problems
    ), problems


def test_a_byte_that_is_not_utf8_names_file_and_line(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    path = folder / "ch2" / "2.4-test.yaml"
    raw = path.read_bytes().replace(b"Something happened.", b"Something happ\xe9ned.")
    path.write_bytes(raw)
    problems = problems_of(folder)
    assert any(
        re.match(r"data/ch2/2\.4-test\.yaml:\d+: byte 0xe9 is not UTF-8", p) for p in problems
    )


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["actors.yaml"]["actors"][0].update(born=True), "born"),
        (lambda d: d[SECTION]["events"][0]["evidence"][0].update(page="132"), "page"),
        (lambda d: d[SECTION]["events"][0]["evidence"][0].update(footnote=True), "footnote"),
        (lambda d: d[SECTION]["events"][0]["evidence"][0].update(decisive="yes"), "decisive"),
        (lambda d: d["places.yaml"]["places"][0].update(latitude=True), "latitude"),
    ],
)
def test_numbers_and_flags_are_never_coerced(minimal_docs, write_data, edit, field):
    edit(minimal_docs)
    problems = problems_of(write_data(minimal_docs))
    assert any(f": {field}: Input should be a valid" in p for p in problems), problems


def test_evidence_without_an_id_says_how_to_mint_one(minimal_docs, write_data):
    del minimal_docs[SECTION]["events"][0]["evidence"][0]["id"]
    problems = problems_of(write_data(minimal_docs, mint=False))
    assert any("id: none; run `sjc curate format`" in p for p in problems), problems


def test_evidence_filed_in_another_chapter_is_refused(minimal_docs, write_data):
    minimal_docs[SECTION]["events"][0]["evidence"][0]["page"] = 200
    minimal_docs[SECTION]["evidence"][0]["page"] = 150  # in 2.4, but chapter 2 is fine
    minimal_docs[SECTION]["evidence"][1]["page"] = 90  # section 2.2, not 2.4
    problems = problems_of(write_data(minimal_docs))
    assert any(
        "p. 200 is in chapter 3, not 2; move the row" in p and "data/ch3/" in p for p in problems
    ), problems
    assert any("p. 90 is not in section 2.4" in p and "section 2.2" in p for p in problems)
    assert not any("p. 150" in p for p in problems)


def test_registries_hold_identities_only(minimal_docs, write_data):
    minimal_docs["actors.yaml"]["actors"][0]["evidence"] = [
        {"id": "p118", "page": 118, "stance": "context", "note": "Misplaced."}
    ]
    problems = problems_of(write_data(minimal_docs))
    assert any("registries hold identities only" in p for p in problems), problems


def test_files_outside_the_layout_are_named(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    (folder / "events.yaml").write_text("events: []\n")
    (folder / "chapter2").mkdir()
    (folder / "ch3").mkdir()
    (folder / "ch3" / "2.4-wrong.yaml").write_text("events: []\n")
    text = "\n".join(problems_of(folder))
    assert "events.yaml: not a registry" in text
    assert "chapter2: unknown folder" in text
    assert "section 2.4 is not in chapter 3" in text


# --- decisive rows and the id ledger -----------------------------------------------------


def test_a_hedged_claim_needs_exactly_one_decisive_row(minimal_docs, write_data):
    rows = minimal_docs[SECTION]["events"][0]["participants"][0]["evidence"]
    rows[0].pop("decisive")
    assert any(
        "participants event-e/person-a/organizer: status: alleged needs exactly one evidence "
        "row marked decisive: true"
        in p
        and "found none" in p
        for p in problems_of(write_data(minimal_docs))
    )
    rows[0]["decisive"] = rows[1]["decisive"] = True
    assert any(
        "found event-e/person-a/organizer@p116-n178-contradicts, " in p
        or "found event-e/person-a/organizer@p117-n179, " in p
        for p in problems_of(write_data(minimal_docs))
    )


def test_a_confirmed_claim_marks_no_decisive_row(minimal_docs, write_data):
    minimal_docs[SECTION]["events"][0]["evidence"][0]["decisive"] = True
    assert any(
        "events event-e: status: confirmed, yet event-e@p132-n245 is marked decisive" in p
        for p in problems_of(write_data(minimal_docs))
    )


def test_a_decisive_row_supports_or_contradicts(minimal_docs, write_data):
    row = minimal_docs[SECTION]["relations"][0]["evidence"][0]
    row["stance"] = "context"
    assert any(
        "a decisive row must support or contradict" in p
        for p in problems_of(write_data(minimal_docs))
    )


def test_a_published_id_renamed_away_fails_the_build(minimal_docs, write_data):
    folder = write_data(minimal_docs)
    (folder / "ids.tsv").write_text(
        "table\tid\tsince\nevents\tevent-e\t0.1.0\nevents\tevent-old\t0.1.0\n"
    )
    (problem,) = problems_of(folder)
    assert problem.startswith("data/ids.tsv: events event-old: published in 0.1.0 but no longer")
    assert "add a redirect" in problem
    minimal_docs["redirects.yaml"] = {
        "redirects": [{"id": "event-old", "to": "event-e", "table": "events", "note": "Merged."}]
    }
    folder = write_data(minimal_docs)
    (folder / "ids.tsv").write_text("table\tid\tsince\nevents\tevent-old\t0.1.0\n")
    validate(read_curated(folder), read_ledger(folder))
