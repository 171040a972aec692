"""The README's pictures are drawn by scripts/make_figures.py; they must match the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_figures.py"


@pytest.mark.skipif(not SCRIPT.exists(), reason="needs a source checkout (scripts/)")
def test_readme_pictures_match_the_data():
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("map.png", "timeline.png"):
        assert f"docs/{name}" in readme and (ROOT / "docs" / name).stat().st_size > 10_000
