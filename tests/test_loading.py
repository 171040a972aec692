"""Loading every shipped table through the public API, and failing loudly when damaged."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pytest

import stalin_japan_china as sjc
from stalin_japan_china import loading as load_module
from stalin_japan_china.models import TABLES


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_with_the_contract_columns(name):
    frame = sjc.load(name)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) > 0
    assert list(frame.columns) == list(TABLES[name].model_fields)
    assert frame["id"].is_unique


@pytest.mark.parametrize("name", list(TABLES))
def test_every_row_validates_against_its_model(name):
    model = TABLES[name]
    for row in sjc.load_table(name).to_pylist():
        model.model_validate(row)


def test_dtypes_are_useful():
    events = sjc.load("events")
    assert str(events["date_start"].dtype).startswith("datetime64")
    actors = sjc.load("actors")
    assert isinstance(actors["born"].dtype, pd.Int16Dtype)


def test_frames_are_copies_and_tables_are_cached():
    first = sjc.load("actors")
    first.loc[:, "name"] = "vandalised"
    assert (sjc.load("actors")["name"] != "vandalised").all()
    assert sjc.load_table("actors") is sjc.load_table("actors")
    assert isinstance(sjc.load_table("actors"), pa.Table)


def test_paths_point_at_the_installed_parquet_files():
    paths = sjc.paths()
    assert list(paths) == list(TABLES)
    assert all(p.is_file() and p.suffix == ".parquet" for p in paths.values())


def test_unknown_table_names_the_tables_and_suggests_one():
    with pytest.raises(ValueError, match=r"unknown table 'event'.*Did you mean 'events'"):
        sjc.load("event")


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    """A copy of the shipped data folder that the test may break."""
    folder = tmp_path / "data"
    shutil.copytree(load_module.data_dir(), folder)
    monkeypatch.setattr(load_module, "data_dir", lambda: folder)
    load_module.load_table.cache_clear()
    load_module.manifest.cache_clear()
    yield folder
    load_module.load_table.cache_clear()
    load_module.manifest.cache_clear()


def test_missing_file_says_which_and_to_reinstall(damaged):
    (damaged / "events.parquet").unlink()
    with pytest.raises(sjc.DataFileError, match=r"events\.parquet is missing.*reinstall"):
        sjc.load("events")


def test_truncated_file_says_which_and_to_reinstall(damaged):
    path = damaged / "actors.parquet"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(
        sjc.DataFileError, match=r"actors\.parquet does not match its SHA-256.*reinstall"
    ):
        sjc.load("actors")


def test_tampered_file_of_the_same_size_is_caught_by_its_checksum(damaged):
    """An edit pyarrow would happily read (one byte of a string changed) must not load."""
    path = damaged / "events.parquet"
    content = bytearray(path.read_bytes())
    at = content.find(b"assassination")
    content[at] = ord("A")
    path.write_bytes(bytes(content))
    with pytest.raises(
        sjc.DataFileError, match=r"events\.parquet .*truncated or edited.*reinstall"
    ):
        sjc.load_table("events")


def _with_manifest_updated(folder, name):
    """Rewrite manifest.json's hash of one file, so the checksum check passes on it."""
    import hashlib
    import json

    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["sha256"][name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_a_table_copied_over_another_is_caught_by_its_metadata(damaged):
    """The checksum passes (manifest updated), but the file says it holds actors."""
    shutil.copy(damaged / "actors.parquet", damaged / "events.parquet")
    _with_manifest_updated(damaged, "events.parquet")
    with pytest.raises(
        sjc.DataFileError, match=r"events\.parquet holds the table 'actors', not 'events'"
    ):
        sjc.load("events")


def test_a_table_from_another_release_is_caught_by_its_metadata(damaged):
    import pyarrow.parquet as pq

    path = damaged / "places.parquet"
    table = pq.read_table(path)
    metadata = dict(table.schema.metadata) | {b"dataset_version": b"0.0.1"}
    pq.write_table(table.replace_schema_metadata(metadata), path)
    _with_manifest_updated(damaged, "places.parquet")
    with pytest.raises(
        sjc.DataFileError, match=r"places\.parquet is from dataset version '0\.0\.1'"
    ):
        sjc.load_table("places")


def test_missing_manifest_is_a_damaged_install(damaged):
    (damaged / "manifest.json").unlink()
    with pytest.raises(sjc.DataFileError, match=r"manifest\.json is missing.*reinstall"):
        sjc.load("places")


def test_damaged_install_is_a_clear_cli_error(damaged, capsys):
    from stalin_japan_china.cli import main

    (damaged / "events.parquet").write_bytes(b"not parquet")
    assert main(["events"]) == 3
    assert "events.parquet" in capsys.readouterr().err


def test_import_is_light():
    code = (
        "import sys, stalin_japan_china as s; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_is_one_string_for_code_and_data():
    assert sjc.__version__ == sjc.DATA_VERSION != "0.0.0+unknown"


def test_info_command_lists_every_table(capsys):
    from stalin_japan_china.cli import main

    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert sjc.__version__ in out
    for name in TABLES:
        assert f"  {name}" in out


def test_manifest_checksums_match_the_shipped_files():
    import hashlib
    import json

    manifest = json.loads((load_module.data_dir() / "manifest.json").read_text())
    actual = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sjc.paths().values()
    }
    assert manifest["sha256"] == actual
    assert manifest["version"] == sjc.__version__
