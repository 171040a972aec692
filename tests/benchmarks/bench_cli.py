"""Cold command line against a bare pyarrow import (run by hand; not a timed test).

    python tests/benchmarks/bench_cli.py [--runs 15]

Times, each in fresh processes (wall clock of the whole process, medians):

* ``sjc events --actor Stalin --format csv`` (the installed ``sjc`` script beside this
  Python, output to /dev/null);
* ``python -c "import pyarrow.parquet"``, the floor any pyarrow-based tool pays;
* ``python -c "import pandas"``, for scale.

and prints the ratio of the first to the second (target: at most 1.5), the figure the
README's Performance section reports.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def walls(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall-clock seconds of each command in fresh processes, run in turn (so a
    busy moment of the machine falls on all of them alike), after one warm-up run each
    (which fills the operating system's file cache, not the interpreter's)."""
    for argv in commands:
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, found in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
            found.append(time.perf_counter() - start)
    return [statistics.median(found) for found in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sjc = Path(sys.executable).with_name("sjc")
    command = [str(sjc)] if sjc.exists() else [shutil.which("sjc") or "sjc"]
    cli, floor, pandas = walls(
        [
            [*command, "events", "--actor", "Stalin", "--format", "csv"],
            [sys.executable, "-c", "import pyarrow.parquet"],
            [sys.executable, "-c", "import pandas"],
        ],
        args.runs,
    )
    print(f"sjc events --actor Stalin --format csv  {cli * 1000:7.1f} ms")
    print(f'python -c "import pyarrow.parquet"      {floor * 1000:7.1f} ms')
    print(f'python -c "import pandas"               {pandas * 1000:7.1f} ms')
    print(
        f"ratio to pyarrow.parquet: {cli / floor:.2f} (target <= 1.5); to pandas: "
        f"{cli / pandas:.2f}"
    )


if __name__ == "__main__":
    main()
