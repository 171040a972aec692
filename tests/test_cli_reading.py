"""The ``table`` output and ``sjc show`` read well: they fit the terminal, say what they
shortened, name what ids point at, and never print None, nan or Python lists."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc
from stalin_japan_china.cli import EXAMPLES, main


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--actor", "Stalin", "--role", "organizer"],
        ["claims", "--contested"],
        ["evidence", "--target", "assassination-of-zhang-zuolin"],
        ["participants", "--event", "assassination-of-zhang-zuolin"],
    ],
)
def test_table_fits_columns_and_says_it_shortened(capsys, monkeypatch, columns, argv):
    monkeypatch.setenv("COLUMNS", str(columns))
    out = run(capsys, *argv)
    body, last = out.rstrip("\n").rsplit("\n", 1)
    assert all(len(line) <= columns for line in body.splitlines()), out
    if "shortened" in last:
        assert "--wide" in last and f"{columns} columns" in last


def test_wide_shows_every_title_whole(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = run(capsys, "events", "--actor", "Stalin", "--wide")
    for title in sjc.events(actor="Stalin").title:
        assert " ".join(title.split()) in out
    assert "shortened" not in out


def test_evidence_table_shows_note_and_source(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    rows = sjc.evidence(target="assassination-of-zhang-zuolin")
    out = run(capsys, "evidence", "--target", "assassination-of-zhang-zuolin")
    header = out.splitlines()[0].split()
    assert "note" in header and "source_id" in header
    cited = rows.source_id.dropna()
    assert cited.empty or cited.iloc[0][:20] in out


def _first(table: str, column: str = "id") -> str:
    return sjc.load_table(table).column(column)[0].as_py()


@pytest.mark.parametrize(
    "table", ["actors", "places", "sources", "events", "participants", "relations", "evidence"]
)
def test_show_takes_an_id_of_any_table_and_prints_no_none_nan_or_lists(capsys, table):
    ident = _first(table)
    out = run(capsys, "show", ident)
    assert out.split()[0] == table[:-1] if table != "evidence" else out.startswith("evidence ")
    assert ident in out.splitlines()[0]
    for bad in ("None", "nan", "['", "NaT"):
        assert bad not in out, (bad, out)


def test_show_event_has_title_roles_statuses_claims_and_dates_in_words(capsys):
    murder = sjc.event("assassination-of-zhang-zuolin")
    out = run(capsys, "show", murder.id)
    assert murder.title in out
    assert f"{murder.date} (" in out  # the EDTF, then its reading in words
    for p in murder.participants:
        assert f"as {p.role}: {p.status}" in out
        if p.claimed_by:
            assert f"claimed by {p.claimed_by}" in out


def test_show_actor_has_aliases_as_text_and_each_role_status(capsys):
    actor = sjc.actor("Kōmoto Daisaku")
    out = run(capsys, "show", actor.id)
    assert "aliases: " + ", ".join(actor.aliases) in out
    for row in sjc.events(actor=actor.id).itertuples():
        assert f"({row.id}): {row.role}, {row.role_status}" in out


def test_show_participant_names_its_event_and_actor(capsys):
    row = sjc.participants(claimed_by="komoto-daisaku").iloc[0]
    out = run(capsys, "show", row.id)
    assert f"event_id: {row.event_title} ({row.event_id})" in out
    assert "claimed_by: " in out


def test_help_examples_are_one_per_line(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    for example in EXAMPLES:
        assert example in lines


def test_output_format_follows_the_file_extension(capsys, tmp_path):
    import pyarrow.parquet as pq

    target = tmp_path / "stalin.parquet"
    assert main(["events", "--actor", "Stalin", "-o", str(target)]) == 0
    assert pq.read_table(target).column("id").to_pylist() == sjc.events(actor="Stalin").id.tolist()
    listing = tmp_path / "stalin.txt"
    assert main(["events", "--actor", "Stalin", "-o", str(listing)]) == 0
    assert listing.read_text(encoding="utf-8").startswith("id ")


@pytest.mark.parametrize(
    "argv",
    [
        ["-o", "x.dat"],
        ["--format", "csv", "-o", "x.parquet"],
        ["--format", "table", "-o", "x.json"],
    ],
)
def test_an_output_whose_extension_does_not_say_or_disagrees_is_refused(capsys, tmp_path, argv):
    argv = [a if not a.startswith("x.") else str(tmp_path / a) for a in argv]
    assert main(["events", "--actor", "Stalin", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--output" in err
    assert not any(tmp_path.iterdir())
