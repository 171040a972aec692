"""The worst inputs of the bad-input catalogue, timed (README "Benchmarks"; not a test).

    python tests/benchmarks/bench_hostile.py [--times 5]

Every public call must answer, with a result or a clear error, in under a second for
any input (issue 17). Before the bounds, a 1 MB name spent minutes in the fuzzy
suggestions: ``sjc.actor("x" * 1_000_000)`` 68 s, ``events(actor=…)`` 114 s,
``evidence(target=…)`` 83 s. The cases are those, the longest strings the bound lets
through to the fuzzy matching (500 characters), and wrong types. Each is timed cold
(first call in the process, caches empty) and warm (median of five). ``--times N``
runs them on ``bench_queries.py``'s synthetic data, N copies of data/, instead of the
shipped tables.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

MEGABYTE = "x" * 1_000_000
LONGEST = "zhang stalin okawa kōmoto " * 19 + "zhang"  # 499 characters of real name parts
RANDOM = "".join(chr(97 + (i * 7919) % 26) for i in range(500))  # no spaces, no match


def cases(sjc, query) -> dict:
    return {
        "actor(1 MB)": lambda: sjc.actor(MEGABYTE),
        "events(actor=1 MB)": lambda: sjc.events(actor=MEGABYTE),
        "evidence(target=1 MB)": lambda: sjc.evidence(target=MEGABYTE),
        "evidence(target=[1 MB])": lambda: sjc.evidence(target=[MEGABYTE]),
        "relations(subject=1 MB)": lambda: sjc.relations(subject=MEGABYTE),
        "events(place=1 MB)": lambda: sjc.events(place=MEGABYTE),
        "events(text=1 MB)": lambda: sjc.events(text=MEGABYTE),
        "actors(name=1 MB)": lambda: sjc.actors(name=MEGABYTE),
        "lookup(1 MB) (sjc show)": lambda: query.lookup(MEGABYTE),
        "load(1 MB)": lambda: sjc.load(MEGABYTE),
        "cite(1 MB)": lambda: sjc.cite(MEGABYTE),
        "verify(source=1 MB)": lambda: sjc.verify(MEGABYTE),
        "plot.timeline(actor=1 MB)": lambda: sjc.plot.timeline(actor=MEGABYTE),
        "actor(500 chars of name parts)": lambda: sjc.actor(LONGEST),
        "actor(500 random letters)": lambda: sjc.actor(RANDOM),
        "events(actor=500 random letters)": lambda: sjc.events(actor=RANDOM),
        "evidence(target=500 random letters)": lambda: sjc.evidence(target=RANDOM),
        "evidence(source=500 random letters)": lambda: sjc.evidence(source=RANDOM),
        "events(place=500 random letters)": lambda: sjc.events(place=RANDOM),
        "actors(name=500 random letters)": lambda: sjc.actors(name=RANDOM),
        "events(type=[1000 x 500 chars])": lambda: sjc.events(type=[RANDOM] * 1000),
        "events(type=1)": lambda: sjc.events(type=1),
        "events(chapter=[])": lambda: sjc.events(chapter=[]),
        "network(status=1)": lambda: sjc.network(status=1),
        "network(co_participation='no')": lambda: sjc.network(co_participation="no"),
        "evidence(target=every participant id)": lambda: sjc.evidence(
            target=sjc.load_table("participants").column("id").to_pylist()
        ),
    }


def timed(call) -> float:
    start = time.perf_counter()
    try:
        call()
    except Exception:  # every case but the last ends in a clear error, by design
        pass
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=0, help="synthetic copies of data/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        import stalin_japan_china as sjc
        from stalin_japan_china import loading, query

        if args.times:
            from bench_build import ROOT, synthesize

            from stalin_japan_china.curate import building

            tmp = Path(tmp)
            synthesize(ROOT / "data", tmp / "data", args.times)
            building.build(tmp / "data", tmp / "out", tmp / "schema", version=sjc.__version__)
            loading.data_dir = lambda: tmp / "out"
        import matplotlib

        matplotlib.use("Agg")
        rows = sjc.load_table("evidence").num_rows
        print(f"data: {'shipped' if not args.times else f'{args.times}x'} ({rows:,} evidence rows)")
        worst = 0.0
        for label, call in cases(sjc, query).items():
            cold = timed(call)
            warm = statistics.median(timed(call) for _ in range(5))
            worst = max(worst, cold, warm)
            verdict = "met" if max(cold, warm) <= 1000 else "MISSED"
            print(f"{label:<42} cold {cold:8.1f} ms  warm {warm:8.1f} ms  (<= 1 s: {verdict})")
        print(f"slowest: {worst:.1f} ms")


if __name__ == "__main__":
    main()
