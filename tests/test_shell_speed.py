"""The command line answers filters with csv, json and parquet output from pyarrow alone:
pandas, a third of a second to import, is not loaded (the timing is a benchmark,
tests/benchmarks/bench_cli.py, not a test)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from stalin_japan_china.cli import main
status = main({argv!r})
print("PANDAS" if "pandas" in sys.modules else "NO-PANDAS", status, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--actor", "Stalin", "--format", "csv"],
        ["events", "--start", "1928", "--end", "1931", "--within", "--format", "json"],
        ["events", "--place", "Mukden", "--text", "Zhang", "--status", "likely", "--format", "csv"],
        ["participants", "--role", "organizer", "--chapter", "2", "--format", "json"],
        ["claims", "--contested", "--actor", "Stalin", "--format", "csv"],
        ["relations", "--actor", "Stalin", "--start", "1930", "--format", "csv"],
        ["actors", "--name", "okawa", "--alive-in", "1930", "--format", "json"],
        ["evidence", "--target", "assassination-of-zhang-zuolin", "--format", "csv"],
    ],
)
def test_machine_output_does_not_import_pandas(argv, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.stderr.strip().splitlines()[-1] == "NO-PANDAS 0", done.stderr
    assert done.stdout


def test_parquet_output_does_not_import_pandas(tmp_path):
    target = tmp_path / "e.parquet"
    argv = ["events", "--actor", "Stalin", "--format", "parquet", "-o", str(target)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True
    )
    assert done.stderr.strip().splitlines()[-1] == "NO-PANDAS 0", done.stderr
    import pyarrow.parquet as pq

    import stalin_japan_china as sjc

    assert pq.read_table(target).column("id").to_pylist() == sjc.events(actor="Stalin").id.tolist()
