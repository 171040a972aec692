"""Regenerate the README's screenshots of the explore site (run by maintainers).

    python docs/screenshots.py

Writes the site from the installed data into a temporary folder, opens it from
``file://`` in Debian's chromium (``apt-get install -y chromium fonts-noto-cjk``; the
CJK fonts matter, or Chinese and Japanese names render as boxes) and saves PNGs into
``docs/images/``. Look at them before committing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import stalin_japan_china as sjc
from stalin_japan_china.website import pages

IMAGES = Path(__file__).parent / "images"
SHOTS = {
    "explore-index.png": (
        "index.html#q=Zhang%20Zuolin&status=likely,alleged",
        "#search[data-ready]",
    ),
    "explore-claim.png": (
        pages.url("claim", "assassination-of-zhang-zuolin/komoto-daisaku/organizer"),
        "main",
    ),
    "explore-timeline.png": (
        "timeline.html#colour=status&actor=K%C5%8Dmoto%20Daisaku",
        "#timeline .vis-item",
    ),
    "explore-network.png": ("network.html#actor=K%C5%8Dmoto%20Daisaku", "#network[data-ready]"),
    "explore-map.png": ("map.html", "#map[data-ready]"),
}


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = sjc.explore(out=Path(tmp) / "site").parent
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        for name, (relative, ready) in SHOTS.items():
            path, _, fragment = relative.partition("#")
            page.goto((site / path).as_uri() + (f"#{fragment}" if fragment else ""))
            page.wait_for_selector(ready, state="attached", timeout=30_000)
            page.wait_for_timeout(3000)  # let the views finish drawing (vis-timeline redraws late)
            page.screenshot(path=IMAGES / name)
            print(IMAGES / name)
        browser.close()


if __name__ == "__main__":
    main()
