"""Fresh processes that load the data exit cleanly.

Reading a Parquet file from an in-memory buffer on Arrow's thread pool left a
worker thread alive at interpreter exit often enough that about one process in
fifteen was aborted (SIGABRT, "terminate called without an active exception").
The loader reads single-threaded; this holds it to zero aborts in 50 processes.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CODE = "import stalin_japan_china as s\nfor t in s.TABLES: s.load_table(t)\n"


def test_fifty_fresh_processes_load_every_table_and_exit_cleanly():
    def run(_):
        return subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, range(50)))
    failed = [(r.returncode, r.stderr.strip()[-200:]) for r in results if r.returncode != 0]
    assert not failed, f"{len(failed)} of 50 processes did not exit cleanly: {failed[:3]}"
