"""The build: flattening, cross-table validation, deterministic output, staleness."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from stalin_japan_china import build, models
from stalin_japan_china.build import BuildError


def build_to(tmp_path, data_dir):
    return build.build(data_dir, tmp_path / "out", tmp_path / "schema", version="9.9.9")


def problems_of(tmp_path, data_dir) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build_to(tmp_path, data_dir)
    return caught.value.problems


def test_minimal_dataset_flattens_into_seven_tables(tmp_path, minimal_docs, write_data):
    records = build_to(tmp_path, write_data(minimal_docs))
    assert {t: len(r) for t, r in records.items()} == {
        "actors": 2,
        "places": 1,
        "sources": 1,
        "events": 1,
        "participants": 1,
        "relations": 1,
        "evidence": 6,
    }
    (participant,) = records["participants"]
    assert participant.id == "event-e/person-a/organizer"
    evidence_ids = {e.id for e in records["evidence"]}
    assert "event-e/person-a/organizer@p140-n280-contradicts" in evidence_ids
    (event,) = records["events"]
    assert event.pages == [117, 132, 140] and event.chapter == 2
    assert all(e.chapter == 2 for e in records["evidence"])


def test_every_problem_is_reported_once_with_file_line_and_id(tmp_path, minimal_docs, write_data):
    docs = minimal_docs
    docs["registry.yaml"]["actors"][0]["born"] = 1940  # born after died
    docs["events.yaml"]["events"][0]["place"] = "place-x"  # dangling place
    docs["events.yaml"]["events"][0]["participants"][0]["actor"] = "person-z"  # dangling actor
    docs["events.yaml"]["relations"][0]["evidence"][0]["source"] = "source-q"  # dangling source
    docs["events.yaml"]["relations"][0]["evidence"][0]["page"] = 999  # page outside book
    problems = problems_of(tmp_path, write_data(docs))
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
            lambda d: d["registry.yaml"]["actors"].append(dict(d["registry.yaml"]["actors"][0])),
            "actors person-a: id: used 2 times",
        ),
        (lambda d: d["registry.yaml"]["actors"][0].update(id="Person_A"), "should match pattern"),
        (
            lambda d: d["events.yaml"]["events"][0]["participants"][0].update(evidence=[]),
            "participants event-e/person-a/organizer: evidence: none given",
        ),
        (
            lambda d: d["events.yaml"]["relations"][0].update(evidence=[]),
            "relations person-a/agent_of/org-b: evidence: none given",
        ),
        (
            lambda d: d["events.yaml"]["relations"][0].update(object="person-a"),
            "a relation needs two different actors",
        ),
        (
            lambda d: d["events.yaml"]["relations"][0].update(
                claimed_by="nobody", status="alleged"
            ),
            "claimed_by: 'nobody' is not an id in actors or sources",
        ),
        (
            lambda d: d["events.yaml"]["events"][0].update(type="murder"),
            "events event-e: type: Input should be",
        ),
        (
            lambda d: d["events.yaml"]["events"][0]["evidence"][0].update(footnote=500),
            "footnote 500 does not exist",
        ),
        (lambda d: d["events.yaml"]["events"][0].update(date="1928-06-31"), "not"),
        (lambda d: d["events.yaml"].update(people=[]), "unknown top-level key 'people'"),
        (
            lambda d: d["events.yaml"]["events"][0]["evidence"].append(
                dict(d["events.yaml"]["events"][0]["evidence"][0])
            ),
            "event-e@p132-n245: id: used 2 times",
        ),
    ],
)
def test_each_rule_names_record_and_field(tmp_path, minimal_docs, write_data, edit, message):
    edit(minimal_docs)
    problems = problems_of(tmp_path, write_data(minimal_docs))
    assert any(message in p for p in problems) or any(
        __import__("re").search(message, p) for p in problems
    ), problems


def test_evidence_key_separates_two_items_on_one_page(tmp_path, minimal_docs, write_data):
    items = minimal_docs["events.yaml"]["events"][0]["evidence"]
    items.append({**items[0], "key": "second", "note": "Another point on the same page."})
    records = build_to(tmp_path, write_data(minimal_docs))
    assert "event-e@p132-n245-second" in {e.id for e in records["evidence"]}


def test_yaml_is_parsed_safely(tmp_path, write_data):
    folder = write_data({})
    (folder / "evil.yaml").write_text("actors: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(BuildError, match="not valid YAML"):
        build_to(tmp_path, folder)


def test_two_builds_are_byte_identical(tmp_path, minimal_docs, write_data):
    data = write_data(minimal_docs)
    first = build.build(data, tmp_path / "a", tmp_path / "sa", version="1.0.0")
    build.build(data, tmp_path / "b", tmp_path / "sb", version="1.0.0")
    assert first
    for name in sorted(p.name for p in (tmp_path / "a").iterdir()):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    for name in sorted(p.name for p in (tmp_path / "sa").iterdir()):
        assert (tmp_path / "sa" / name).read_bytes() == (tmp_path / "sb" / name).read_bytes(), name


def test_outputs_are_sorted_compressed_and_versioned(tmp_path, minimal_docs, write_data):
    build_to(tmp_path, write_data(minimal_docs))
    for table in models.TABLES:
        path = tmp_path / "out" / f"{table}.parquet"
        meta = pq.ParquetFile(path).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"
        arrow = pq.read_table(path)
        assert arrow.schema.metadata[b"dataset_version"] == b"9.9.9"
        ids = arrow.column("id").to_pylist()
        assert ids == sorted(ids)
        assert arrow.schema.names == list(models.TABLES[table].model_fields)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert set(manifest["sha256"]) == {f"{t}.parquet" for t in models.TABLES}


def test_descriptor_and_schemas_come_from_the_models(tmp_path, minimal_docs, write_data):
    build_to(tmp_path, write_data(minimal_docs))
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert descriptor["version"] == "9.9.9"
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(models.TABLES)
    participants = resources["participants"]["schema"]
    roles = next(f for f in participants["fields"] if f["name"] == "role")
    assert roles["constraints"]["enum"] == list(models.vocabulary(models.Role))
    assert {
        "fields": "event_id",
        "reference": {"resource": "events", "fields": "id"},
    } in participants["foreignKeys"]
    schema = json.loads((tmp_path / "schema" / "evidence.schema.json").read_text())
    assert set(schema["properties"]) == set(models.Evidence.model_fields)
    assert schema["properties"]["stance"]["enum"] == ["supports", "contradicts", "context"]


def test_committed_artefacts_are_up_to_date():
    stale = build.stale_artefacts()
    assert not stale, f"stale: {stale}; run `python -m stalin_japan_china.build` and commit"


def test_staleness_is_detected(tmp_path, minimal_docs, write_data):
    data = write_data(minimal_docs)
    out, schema = tmp_path / "out", tmp_path / "schema"
    build.build(data, out, schema)
    assert build.stale_artefacts(data, out, schema, readme=None) == []
    minimal_docs["registry.yaml"]["actors"][0]["description"] = "Changed."
    data = write_data(minimal_docs)
    assert build.stale_artefacts(data, out, schema, readme=None) == [str(out / "actors.parquet")]


def test_readme_data_dictionary_is_generated_and_checked(tmp_path, minimal_docs, write_data):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{build.README_START}\nold\n{build.README_END}\n\nEnd.\n")
    data = write_data(minimal_docs)
    build.build(data, tmp_path / "out", tmp_path / "schema", readme=readme)
    text = readme.read_text()
    assert text.startswith("# Title") and text.endswith("End.\n")
    assert "| `actors` | 2 |" in text and "| `stance` | string |" in text
    assert "`supports`, `contradicts`, `context`" in text
    assert build.stale_artefacts(data, tmp_path / "out", tmp_path / "schema", readme) == []
    readme.write_text(text.replace("| `actors` | 2 |", "| `actors` | 3 |"))
    assert build.stale_artefacts(data, tmp_path / "out", tmp_path / "schema", readme) == [
        str(readme)
    ]


def test_build_command_reports_problems_and_exit_status(tmp_path, minimal_docs, write_data, capsys):
    minimal_docs["registry.yaml"]["actors"][0]["kind"] = "warlord"
    data = write_data(minimal_docs)
    code = build.main(
        ["--data", str(data), "--out", str(tmp_path / "o"), "--schema", str(tmp_path / "s")]
    )
    assert code == 1
    assert "actors person-a: kind: Input should be 'person'" in capsys.readouterr().err
