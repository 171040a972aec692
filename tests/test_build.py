"""The build: deterministic, derived outputs, and staleness of what is committed."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from stalin_japan_china import models
from stalin_japan_china.curate import building as build


def build_to(tmp_path, data_dir):
    return build.build(data_dir, tmp_path / "out", tmp_path / "schema", version="9.9.9")


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
    minimal_docs["actors.yaml"]["actors"][0]["description"] = "Changed."
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
    minimal_docs["actors.yaml"]["actors"][0]["kind"] = "warlord"
    data = write_data(minimal_docs)
    code = build.main(
        ["--data", str(data), "--out", str(tmp_path / "o"), "--schema", str(tmp_path / "s")]
    )
    assert code == 1
    assert "actors person-a: kind: Input should be 'person'" in capsys.readouterr().err
