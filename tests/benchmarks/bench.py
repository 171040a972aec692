"""Benchmarks, run by hand and recorded in the README (not part of the test suite).

    python tests/benchmarks/bench.py

Measures, in one run and side by side:

1. what ``import stalin_japan_china`` costs and whether it drags in pandas,
   pyarrow or pydantic (it must not);
2. a cold ``sjc.load("events")`` in a fresh process against a bare
   ``pandas.read_parquet`` of the same file in a fresh process (target: within 10%);
3. a warm filtered query, ``sjc.events(actor=..., start=..., end=...)`` (target: < 5 ms).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit

RUNS = 15

COLD_SJC = """
import time; t = time.perf_counter()
import stalin_japan_china as sjc
sjc.load("events")
print(time.perf_counter() - t)
"""
COLD_PANDAS = """
import time; t = time.perf_counter()
import pandas as pd
pd.read_parquet({path!r})
print(time.perf_counter() - t)
"""
IMPORT = """
import time, sys; t = time.perf_counter()
import stalin_japan_china
heavy = sorted(m for m in ("pandas", "pyarrow", "pydantic") if m in sys.modules)
print(time.perf_counter() - t, heavy)
"""


def fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def median_seconds(code: str) -> float:
    return statistics.median(float(fresh(code).split()[0]) for _ in range(RUNS))


def main() -> None:
    import stalin_japan_china as sjc

    path = str(sjc.paths()["events"])
    import_time = median_seconds(IMPORT)
    heavy = fresh(IMPORT).split(maxsplit=1)[1]
    # Alternate the two cold loads so that disk cache and CPU state favour neither.
    sjc_runs, pandas_runs = [], []
    for _ in range(RUNS):
        sjc_runs.append(float(fresh(COLD_SJC)))
        pandas_runs.append(float(fresh(COLD_PANDAS.format(path=path))))
    cold_sjc, cold_pandas = statistics.median(sjc_runs), statistics.median(pandas_runs)

    sjc.events(actor="Zhang Xueliang", start="1928", end="1931")  # warm the caches
    per_call = (
        min(
            timeit.repeat(
                lambda: sjc.events(actor="Zhang Xueliang", start="1928", end="1931"),
                number=50,
                repeat=7,
            )
        )
        / 50
    )
    print(
        f"stalin-japan-china {sjc.__version__}, Python {sys.version.split()[0]}, "
        f"median of {RUNS} fresh processes"
    )
    print("| measure | result | target |\n|---|---:|---|")
    print(
        f"| `import stalin_japan_china` | {import_time * 1000:.1f} ms, heavy modules loaded: "
        f"{heavy} | none of pandas, pyarrow, pydantic |"
    )
    print(f"| cold `sjc.load('events')` | {cold_sjc * 1000:.0f} ms | |")
    print(f"| cold `pandas.read_parquet` (same file) | {cold_pandas * 1000:.0f} ms | |")
    print(f"| ratio load / read_parquet | {cold_sjc / cold_pandas:.2f} | ≤ 1.10 |")
    print(f"| warm `sjc.events(actor=, start=, end=)` | {per_call * 1000:.2f} ms | < 5 ms |")


if __name__ == "__main__":
    main()
