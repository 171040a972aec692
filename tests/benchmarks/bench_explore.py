"""Benchmark of ``sjc explore`` on the shipped data, run by hand (README "Explore without code").

    python tests/benchmarks/bench_explore.py [--runs 3] [--no-browser] [--no-wheel]

Measures:

1. generation time of the whole site, median of ``--runs`` fresh processes
   (target: 10 s or less);
2. the site's size: files, bytes, and how much of it is pages, ``data.js`` and the
   vendored libraries;
3. first contentful paint of ``index.html`` opened from ``file://`` in Debian's chromium
   (target: 1 s or less), median of five cold page loads;
4. how much the explore site adds to the wheel (compressed size of
   ``stalin_japan_china/website/`` inside a freshly built wheel).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATE = """
import sys, time
t = time.perf_counter()
import stalin_japan_china as sjc
sjc.explore(out=sys.argv[1])
print(time.perf_counter() - t)
"""


def generation(out: Path, runs: int) -> float:
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", GENERATE, str(out)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def size(site: Path) -> dict[str, tuple[int, int]]:
    groups: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        top = path.relative_to(site).parts[0]
        group = {"vendor": "vendored libraries", "static": "own CSS and JS"}.get(top)
        group = group or ("data.js" if top == "data.js" else "HTML pages")
        groups.setdefault(group, []).append(path.stat().st_size)
    return {k: (len(v), sum(v)) for k, v in sorted(groups.items())}


def first_paint(site: Path, loads: int = 5) -> float:
    from playwright.sync_api import sync_playwright

    paints = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for _ in range(loads):
            page = browser.new_page()
            page.goto((site / "index.html").as_uri())
            page.wait_for_selector("#search[data-ready]")
            paints.append(
                page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
            )
            page.close()
        browser.close()
    return statistics.median(paints)


def wheel_growth() -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(out).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            site = sum(
                i.compress_size
                for i in archive.infolist()
                if i.filename.startswith("stalin_japan_china/website/")
            )
        return wheel.stat().st_size, site


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-wheel", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        seconds = generation(site, args.runs)
        print(f"generation: {seconds:.2f} s median of {args.runs} (target <= 10 s)")
        total_files = total_bytes = 0
        for group, (files, nbytes) in size(site).items():
            total_files += files
            total_bytes += nbytes
            print(f"  {group:<20} {files:>6} files {nbytes / 1e6:>7.1f} MB")
        print(f"site: {total_files} files, {total_bytes / 1e6:.1f} MB")
        if not args.no_browser:
            paint = first_paint(site)
            print(f"index first contentful paint from file://: {paint:.0f} ms (target <= 1000)")
        if not args.no_wheel:
            wheel, grown = wheel_growth()
            print(f"wheel: {wheel / 1e6:.2f} MB, of which the explore site {grown / 1e6:.2f} MB")
        print(f"(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
