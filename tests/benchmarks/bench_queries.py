"""Warm query times at full-book size, run by hand (README "Benchmarks").

    python tests/benchmarks/bench_queries.py [--times 5]

Builds the same synthetic dataset as ``bench_build.py`` (``--times`` copies of
``data/`` with suffixed ids and names), points the loader at it, and times each
query warm (median of repeated calls after one untimed call). Targets at 5x
(performance issue): every warm query, fuzzy look-ups included, <= 5 ms, and
``network()`` <= 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import ROOT, synthesize

import stalin_japan_china
from stalin_japan_china import loading
from stalin_japan_china.curate import building


def median_ms(call, repeat: int = 30) -> float:
    try:
        call()  # warm: caches filled, like any second call in a session
    except Exception:
        pass
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            call()
        except Exception:
            pass
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        synthesize(ROOT / "data", tmp / "data", args.times)
        building.build(
            tmp / "data", tmp / "out", tmp / "schema", version=stalin_japan_china.__version__
        )
        loading.data_dir = lambda: tmp / "out"
        import stalin_japan_china as sjc

        last = args.times  # ids and names of the last copy exist whatever --times is
        cases = {
            "events(actor=id, start=, end=)": lambda: sjc.events(
                actor="iosif-stalin-x1", start="1928", end="1931"
            ),
            "events(actor='Shumei 1') (part of a name)": lambda: sjc.events(actor="Shumei 1"),
            "actors(name='okawa')": lambda: sjc.actors(name="okawa"),
            "actor('Stallin') (fuzzy: suggestions)": lambda: sjc.actor("Stallin"),
            f"actor('Zhang Xueliang {last}') (exact name)": lambda: sjc.actor(
                f"Zhang Xueliang {last}"
            ),
            "event(id)": lambda: sjc.event(f"assassination-of-zhang-zuolin-x{last}"),
            "relations(predicate=, status=)": lambda: sjc.relations(
                predicate="agent_of", status="likely"
            ),
            "evidence(target=event id)": lambda: sjc.evidence(
                target=f"assassination-of-zhang-zuolin-x{last}"
            ),
            "network()": lambda: sjc.network(),
        }
        rows = sjc.load_table("evidence").num_rows
        print(f"synthetic data: {args.times}x ({rows:,} evidence rows)")
        for label, call in cases.items():
            ms = median_ms(call, repeat=10 if label == "network()" else 30)
            target = 50 if label == "network()" else 5
            print(
                f"{label:<46} {ms:8.2f} ms  (target <= {target} ms: "
                f"{'met' if ms <= target else 'MISSED'})"
            )


if __name__ == "__main__":
    main()
