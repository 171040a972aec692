"""Draw the README's two pictures from the installed data; ``--check`` says if they drifted.

    python scripts/make_figures.py          # writes docs/map.png, docs/timeline.png and
                                            # docs/figures.json (what each one shows)
    python scripts/make_figures.py --check  # exit 1 if the data no longer draws them so

Pixels differ between matplotlib versions, so the check compares what the figures say
(titles, footnotes, captions, legend entries and the number of marks), which is what
changes when the data does. ``tests/test_figures.py`` runs the check.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import stalin_japan_china as sjc

DOCS = Path(__file__).resolve().parents[1] / "docs"
FIGURES = {
    "map.png": lambda save: sjc.plot.map(save=save),
    "timeline.png": lambda save: sjc.plot.timeline(
        actor="Zhang Xueliang", colour_by="status", start="1928", end="1931", save=save
    ),
}


def summary(figure) -> dict:
    axes = figure.axes[0]
    legends = [c for c in axes.get_children() if isinstance(c, matplotlib.legend.Legend)]
    return {
        "title": axes.get_title(loc="left"),
        "notes": [t.get_text() for t in figure.texts],
        "legend": [t.get_text() for legend in legends for t in legend.get_texts()],
        "marks": len(axes.patches) + sum(len(c.get_offsets()) for c in axes.collections[1:]),
    }


def main(argv: list[str]) -> int:
    import matplotlib.pyplot as plt

    check = "--check" in argv
    found = {}
    for name, draw in FIGURES.items():
        figure = draw(None if check else DOCS / name)
        found[name] = summary(figure)
        plt.close(figure)
    record = DOCS / "figures.json"
    if check:
        committed = json.loads(record.read_text(encoding="utf-8"))
        if committed != found:
            print(f"{record} and the pictures are stale: run python scripts/make_figures.py")
            return 1
        print("the README's pictures match the data")
        return 0
    DOCS.mkdir(exist_ok=True)
    record.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {', '.join(FIGURES)} and figures.json in {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
