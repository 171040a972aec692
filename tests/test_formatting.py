"""The canonical YAML form: compact, stable, one evidence row a line, ids minted once."""

from __future__ import annotations

import yaml

from stalin_japan_china.curate import building
from stalin_japan_china.curate.formatting import format_tree, key_order
from stalin_japan_china.models import TABLES

from .conftest import REPO, SECTION


def test_the_shipped_data_is_in_canonical_form():
    assert format_tree(REPO / "data", write=False) == []


def test_messy_yaml_becomes_canonical_and_stays_so(minimal_docs, write_data):
    event = minimal_docs[SECTION]["events"][0]
    event.update(claimed_by=None)  # a default, written out
    long_note = "A long note " + "that goes on " * 30 + "and ends."
    event["evidence"][0].update(footnote=245, locator="12", note=long_note)
    event["evidence"][0] = dict(reversed(list(event["evidence"][0].items())))  # keys scrambled
    folder = write_data(minimal_docs, mint=False)
    path = folder / SECTION
    changed = format_tree(folder)
    assert path in changed
    text = path.read_text(encoding="utf-8")
    assert "claimed_by" not in text.split("participants:")[0]  # the default is left out
    assert ": null" not in text
    (line,) = [line for line in text.splitlines() if "A long note" in line]
    assert line.strip().startswith("- {id: p132-n245, page: 132, footnote: 245,")  # fixed order
    assert line.rstrip().endswith("and ends.}")  # one line, never wrapped
    assert format_tree(folder) == []  # idempotent


def test_canonical_form_builds_the_same_tables(minimal_docs, write_data, tmp_path):
    folder = write_data(minimal_docs)
    before = building.build(folder, tmp_path / "a", tmp_path / "sa", version="1.0.0")
    format_tree(folder)
    after = building.build(folder, tmp_path / "b", tmp_path / "sb", version="1.0.0")
    assert before == after
    for table in TABLES:
        name = f"{table}.parquet"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_ids_are_minted_once_and_alike_rows_get_letters(minimal_docs, write_data):
    rows = minimal_docs[SECTION]["events"][0]["evidence"]
    rows.append({"page": 132, "footnote": 245, "stance": "supports", "note": "A second point."})
    rows.append({"page": 133, "stance": "context", "note": "A third point."})
    folder = write_data(minimal_docs)
    written = yaml.safe_load((folder / SECTION).read_text(encoding="utf-8"))
    ids = [row["id"] for row in written["events"][0]["evidence"]]
    assert ids == ["p132-n245", "p132-n245-b", "p133-context"]


def test_an_evidence_id_survives_a_page_and_footnote_fix(minimal_docs, write_data, tmp_path):
    folder = write_data(minimal_docs)
    first = building.build(folder, tmp_path / "a", tmp_path / "sa", version="1.0.0")
    path = folder / SECTION
    text = path.read_text(encoding="utf-8").replace(
        "{id: p132-n245, page: 132, footnote: 245,", "{id: p132-n245, page: 133, footnote: 246,"
    )
    path.write_text(text, encoding="utf-8")
    assert format_tree(folder) == []  # a corrected row is still canonical: nothing re-minted
    second = building.build(folder, tmp_path / "b", tmp_path / "sb", version="1.0.0")
    before = {e.id: e for e in first["evidence"]}["event-e@p132-n245"]
    after = {e.id: e for e in second["evidence"]}["event-e@p132-n245"]
    assert (before.page, before.footnote) == (132, 245)
    assert (after.page, after.footnote) == (133, 246)
    assert {e.id for e in first["evidence"]} == {e.id for e in second["evidence"]}


def test_key_order_covers_every_authored_column():
    for table, model in TABLES.items():
        if table == "evidence":
            continue
        order = key_order(table)
        for name in model.model_fields:
            short = {"place_id": "place", "actor_id": "actor", "subject_id": "subject"}.get(name)
            short = short or {"object_id": "object", "source_id": "source"}.get(name, name)
            derived = name in {
                "date_start",
                "date_end",
                "precision",
                "chapter",
                "pages",
                "certainty",
            }
            assert (
                short in order
                or derived
                or (table in ("participants", "relations") and name in ("id", "event_id"))
            ), (table, name)
