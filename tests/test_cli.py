"""The ``sjc`` command line: same answers as the API, exact machine output, clean errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

import stalin_japan_china as sjc
from stalin_japan_china.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_events_csv_is_exactly_the_api_result(capsys):
    status, out, _ = run(
        capsys,
        "events",
        "--actor",
        "Zhang Xueliang",
        "--start",
        "1928",
        "--end",
        "1931",
        "--format",
        "csv",
    )
    assert status == 0
    expected = sjc.events(actor="Zhang Xueliang", start="1928", end="1931")
    printed = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(printed.id) == list(expected.id)
    assert list(printed.columns) == list(expected.columns)
    assert json.loads(printed.pages.iloc[0]) == list(expected.pages.iloc[0])


def test_json_output_round_trips(capsys):
    status, out, _ = run(
        capsys, "relations", "--predicate", "agent_of", "--status", "likely", "--format", "json"
    )
    rows = json.loads(out)
    expected = sjc.relations(predicate="agent_of", status="likely")
    assert status == 0 and [r["id"] for r in rows] == list(expected.id)
    assert all(r["status"] in ("confirmed", "likely") for r in rows)


def test_parquet_output_is_written_to_a_file(capsys, tmp_path):
    target = tmp_path / "actors.parquet"
    status, out, _ = run(
        capsys, "actors", "--kind", "person", "--format", "parquet", "-o", str(target)
    )
    assert status == 0 and out == ""
    assert set(pd.read_parquet(target).id) == set(sjc.actors(kind="person").id)
    status, _, err = run(capsys, "actors", "--format", "parquet")
    assert status == 2 and "--format parquet needs --output FILE" in err


def test_table_output_is_aligned_and_counts_rows(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    status, out, _ = run(
        capsys, "evidence", "--target", "assassination-of-zhang-zuolin", "--stance", "contradicts"
    )
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:3] == ["page", "footnote", "stance"]
    assert set(lines[1]) <= {"-", " "}
    expected = len(sjc.evidence(target="assassination-of-zhang-zuolin", stance="contradicts"))
    assert lines[-1].startswith(f"({expected} rows")


def test_show_prints_an_actor_with_events_and_relations(capsys):
    status, out, _ = run(capsys, "show", "Ookawa Shumei")
    assert status == 0
    assert out.startswith("actor okawa-shumei")
    assert "zhang-xueliang-okawa-meetings-1928" in out and "relations (" in out


def test_show_prints_an_event_with_its_claims(capsys):
    status, out, _ = run(capsys, "show", "assassination-of-zhang-zuolin")
    assert status == 0
    assert "Kōmoto Daisaku (komoto-daisaku) as organizer: alleged, claimed by komoto-daisaku" in out
    assert "[contradicts]" in out


def test_cite_and_info(capsys):
    status, out, _ = run(capsys, "cite", "--style", "bibtex")
    assert (
        status == 0 and f"version = {{{sjc.__version__}}}" in out and "@book{kuromiya_2023" in out
    )
    status, out, _ = run(capsys, "info")
    assert status == 0 and "evidence" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["events", "--type", "murder"], "type='murder' is not a valid type; valid values:"),
        (["events", "--actor", "Stallin"], "closest: Iosif V. Stalin (iosif-stalin)"),
        (["events", "--start", "19x8"], "start='19x8' is not a date"),
        (["show", "no-such-thing-at-all"], "no actor matches"),
        (["relations", "--status", "certain"], "is not a status"),
        (["actors", "--alive-in", "soon"], "is not a date"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("sjc: error: ") and message in err
    assert "Traceback" not in err


def test_help_explains_every_filter():
    out = subprocess.run(
        [sys.executable, "-m", "stalin_japan_china", "events", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for flag in (
        "--start",
        "--end",
        "--actor",
        "--role",
        "--type",
        "--place",
        "--status",
        "--chapter",
        "--text",
        "--format",
    ):
        assert flag in out
    assert "overlaps" in out and "confirmed > likely" in out


def test_verify_without_source_checks_integrity(capsys):
    status, out, _ = run(capsys, "verify")
    assert status == 0 and out.startswith("ok    integrity")
