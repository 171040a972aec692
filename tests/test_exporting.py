"""Every export format, read back by its own ecosystem's reader, on the shipped data.

Expectations are computed from the loaded tables, never typed in, so the tests hold for
whatever data the release ships.
"""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import stalin_japan_china as sjc
from stalin_japan_china import exporting
from stalin_japan_china.cli import main

CJK = "張作霖"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each format exported once, whole, into its own folder."""
    folders = {}

    def get(fmt: str, **options) -> Path:
        key = (fmt, tuple(sorted(options.items())))
        if key not in folders:
            folder = tmp_path_factory.mktemp(fmt)
            sjc.export(folder, format=fmt, **options)
            folders[key] = folder
        return folders[key]

    return get


def _rows(name: str) -> int:
    return sjc.load_table(name).num_rows


def test_csv_has_every_table_with_json_lists_and_iso_dates(exported):
    folder = exported("csv")
    for name in sjc.TABLES:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == _rows(name)
    events = sjc.load("events").set_index("id")
    with (folder / "events.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert json.loads(row["pages"]) == events.loc[row["id"], "pages"].tolist()
            if row["date_start"]:
                assert row["date_start"] == events.loc[row["id"], "date_start"].date().isoformat()
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as handle:
        natives = {r["id"]: r["name_native"] for r in csv.DictReader(handle)}
    shipped = sjc.load_table("actors").to_pydict()
    assert natives == {
        i: n or "" for i, n in zip(shipped["id"], shipped["name_native"], strict=True)
    }
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert sjc.__version__ in readme and "doi.org/10.4324/9781003203353" in readme


def test_csv_descriptor_matches_the_files(exported):
    import hashlib

    folder = exported("csv")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == list(sjc.TABLES)
    for resource in descriptor["resources"]:
        content = (folder / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        header = content.decode("utf-8").splitlines()[0].replace('"', "").split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_csv_export_passes_frictionless_validate(exported):
    frictionless = pytest.importorskip(
        "frictionless", reason="frictionless is kept out of the test extra; .ci/run validates"
    )
    for options in ({}, {"excel": True}):
        report = frictionless.validate(exported("csv", **options) / "datapackage.json")
        assert report.valid, report.flatten(["type", "note"])[:5]


def test_excel_csv_starts_with_a_byte_order_mark(exported):
    folder = exported("csv", excel=True)
    raw = (folder / "actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert CJK in raw.decode("utf-8-sig")
    assert not (exported("csv") / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_filtered_export_is_closed_under_its_references(tmp_path):
    sjc.export(tmp_path, format="csv", actor="Zhang Zuolin")
    ids = {}
    for name in sjc.TABLES:
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            ids[name] = {r["id"]: r for r in csv.DictReader(handle)}
    wanted = set(sjc.events(actor="Zhang Zuolin").id)
    assert set(ids["events"]) == wanted
    assert "zhang-zuolin" in ids["actors"]
    assert set(ids["relations"]) == set(sjc.relations(actor="Zhang Zuolin").id)
    for row in ids["participants"].values():
        assert row["event_id"] in wanted and row["actor_id"] in ids["actors"]
    for row in ids["evidence"].values():
        assert not row["source_id"] or row["source_id"] in ids["sources"]
    for row in ids["events"].values():
        assert not row["place_id"] or row["place_id"] in ids["places"]
    assert len(ids["actors"]) < _rows("actors")


def test_xlsx_has_a_sheet_per_table_and_a_dictionary(exported):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(exported("xlsx") / "stalin-japan-china.xlsx", read_only=True)
    assert book.sheetnames == ["dictionary", *sjc.TABLES]
    for name in sjc.TABLES:
        assert book[name].max_row == _rows(name) + 1
    dictionary = list(book["dictionary"].iter_rows(values_only=True))
    described = {(r[0], r[1]): r[3] for r in dictionary[1:]}
    from stalin_japan_china import models

    for name, model in models.TABLES.items():
        for column, info in model.model_fields.items():
            assert described[(name, column)] == info.description
    header = next(book["actors"].iter_rows(max_row=1, values_only=True))
    native = header.index("name_native")
    assert any(row[native] == CJK for row in book["actors"].iter_rows(values_only=True))


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import pyarrow as pa

    actors = sjc.load_table("actors").slice(0, 3)
    names = actors.column("name").to_pylist()
    names[0] = "=HYPERLINK(1)"
    index = actors.schema.get_field_index("name")
    actors = actors.set_column(index, actors.schema.field(index), pa.array(names))
    (path,) = exporting._write_xlsx(tmp_path, {"actors": actors})
    sheet = openpyxl.load_workbook(path)["actors"]
    cell = sheet.cell(row=2, column=index + 1)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


def test_sqlite_joins_keys_and_finds_cjk_substrings(exported):
    folder = exported("sqlite")
    db = sqlite3.connect(folder / "stalin-japan-china.sqlite")
    for name in sjc.TABLES:
        assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == _rows(name)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    (keys,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'participants'").fetchone()
    assert "PRIMARY KEY" in keys and 'REFERENCES "actors"' in keys
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"participants_event_id", "participants_actor_id", "evidence_target_id"} <= indexes
    joined = db.execute(
        "SELECT e.id FROM participants p JOIN events e ON e.id = p.event_id "
        "JOIN actors a ON a.id = p.actor_id WHERE a.name_native = ?",
        (CJK,),
    ).fetchall()
    actor = sjc.load("actors").set_index("name_native").loc[CJK, "id"]
    assert {r[0] for r in joined} == set(sjc.events(actor=actor).id)
    # The indexed title is "Zhang Zuolin 張作霖 …": the name is found inside longer text,
    # which the default tokenizer (words split at spaces) could not do for CJK.
    found = db.execute(
        "SELECT table_name, record_id, title FROM search WHERE search MATCH ?", (f'"{CJK}"',)
    ).fetchall()
    assert ("actors", actor) in {r[:2] for r in found} and all(r[2] != CJK for r in found)
    # Under three characters a trigram index matches nothing; LIKE on the table does.
    shorter = db.execute(
        "SELECT id FROM actors WHERE name_native LIKE ?", (f"%{CJK[1:]}%",)
    ).fetchall()
    assert (actor,) in shorter
    words = db.execute(
        "SELECT count(*) FROM search WHERE table_name = 'events' AND search MATCH 'Huanggutun'"
    ).fetchone()[0]
    assert words == sum(sjc.events(text="Huanggutun").id.notna())
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] == "CC BY 4.0" and "10.4324/9781003203353" in metadata["source_url"]
    tables = metadata["databases"]["stalin-japan-china"]["tables"]
    assert tables["events"]["columns"]["status"]
    assert set(sjc.TABLES) <= set(tables)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_datasette_serves_the_sqlite_export(exported):
    pytest.importorskip(
        "datasette", reason="datasette is not installed: pip install 'stalin-japan-china[test]'"
    )
    folder = exported("sqlite")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(folder / "stalin-japan-china.sqlite"),
            "--metadata",
            str(folder / "metadata.json"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = (
            f"http://127.0.0.1:{port}/stalin-japan-china/actors.json?_shape=objects&id=zhang-zuolin"
        )
        deadline, page = time.monotonic() + 60, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.3)
        assert page is not None, server.stderr.read().decode() if server.poll() else "timeout"
        assert [r["name_native"] for r in page["rows"]] == [CJK]
        html = f"http://127.0.0.1:{port}/stalin-japan-china/events"
        with urllib.request.urlopen(html, timeout=10) as response:
            text = response.read().decode()
        assert "Datasette" in text and "stalin-japan-china" in text
        assert f"{_rows('events'):,} rows" in text
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_in_networkx(exported, fmt):
    import networkx as nx

    path = exported(fmt) / f"stalin-japan-china.{fmt}"
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    built = exporting.graph()
    assert graph.number_of_nodes() == _rows("actors") == built.number_of_nodes()
    assert graph.number_of_edges() == built.number_of_edges()
    relations = [d for *_, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert len(relations) == _rows("relations")
    assert {d["predicate"] for d in relations} == set(sjc.load("relations").predicate)
    evidence = set(sjc.load("evidence").id)
    for _, _, data in graph.edges(data=True):
        assert data["status"] in sjc.CERTAINTY
        assert set(data["evidence"].split()) <= evidence
        assert "role" in data or "predicate" in data
    node = graph.nodes["zhang-zuolin"]
    actor = sjc.actor("zhang-zuolin")
    assert node["name"] == actor.name and node["kind"] == actor.kind
    assert int(node["born"]) == actor.born and int(node["died"]) == actor.died
    for _, data in graph.nodes(data=True):
        assert None not in data.values() and "None" not in data.values()


def test_geojson_is_valid_and_counts_each_places_events(exported):
    geojson = pytest.importorskip("geojson")
    shapely = pytest.importorskip("shapely.geometry")
    text = (exported("geojson") / "places.geojson").read_text(encoding="utf-8")
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    places = sjc.load("places").set_index("id")
    events = sjc.load("events")
    assert len(collection["features"]) == len(places)
    for feature in collection["features"]:
        point = shapely.shape(feature["geometry"])
        ident = feature["properties"]["id"]
        assert (point.x, point.y) == (places.loc[ident, "longitude"], places.loc[ident, "latitude"])
        here = events[events.place_id == ident]
        properties = feature["properties"]
        assert properties["event_count"] == len(here) == len(properties["events"])
        assert properties["precision"] == places.loc[ident, "kind"]
        for status, count in properties["status_counts"].items():
            assert count == (here.status == status).sum()


def test_parquet_export_equals_the_shipped_tables(exported):
    import pyarrow.parquet as pq

    folder = exported("parquet")
    for name in sjc.TABLES:
        assert pq.read_table(folder / f"{name}.parquet").equals(sjc.load_table(name))


def test_cli_export_writes_and_lists_the_files(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--format", "geojson", "--chapter", "2"]) == 0
    out = capsys.readouterr().out
    assert "places.geojson" in out and "README.txt" in out
    collection = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    counted = sum(f["properties"]["event_count"] for f in collection["features"])
    assert counted == sjc.events(chapter=2).place_id.notna().sum()


def test_export_errors_are_clear(tmp_path, capsys):
    with pytest.raises(sjc.InvalidValueError, match="format='pdf' is not one of 'csv'"):
        sjc.export(tmp_path, format="pdf")
    with pytest.raises(sjc.InvalidValueError, match="'colour' is not an export filter"):
        sjc.export(tmp_path, colour="red")
    with pytest.raises(sjc.InvalidValueError, match="applies to format='csv' only"):
        sjc.export(tmp_path, format="sqlite", excel=True)
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(sjc.InvalidValueError, match="is a file, not a folder"):
        sjc.export(afile)
    assert main(["export", str(afile)]) == 2
    assert "not a folder" in capsys.readouterr().err
    with pytest.raises(sjc.InvalidValueError, match="not empty and holds no earlier export"):
        sjc.export(tmp_path)  # holds "file", someone's own
    again = tmp_path / "again"
    sjc.export(again, format="geojson", chapter=1)
    sjc.export(again, format="geojson", chapter=2)  # an earlier export is replaced
    assert "chapter=2" in (again / "README.txt").read_text(encoding="utf-8")
