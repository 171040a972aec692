"""Shared fixtures: a tiny hand-made dataset that tests can copy and break."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

MINIMAL = Path(__file__).parent / "data" / "minimal"
SECTION = "ch2/2.4-test.yaml"
"""The minimal dataset's one section file, as a key of ``minimal_docs``."""
REPO = Path(__file__).resolve().parents[1]
SOURCE_TEXT = REPO.parent / "shared" / "source" / "kuromiya-2023.txt"


@pytest.fixture
def minimal_docs() -> dict[str, dict]:
    """The minimal dataset's YAML documents, by path under data/, ready to be edited."""
    return {
        p.relative_to(MINIMAL).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(MINIMAL.rglob("*.yaml"))
    }


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[dict[str, dict]], Path]:
    """Write edited documents to a fresh data folder and return its path."""

    def write(docs: dict[str, dict], mint: bool = True) -> Path:
        """With ``mint``, evidence rows written without an id get one, as the formatter does."""
        folder = tmp_path / "data"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for name, doc in copy.deepcopy(docs).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        if mint:
            from stalin_japan_china.curate.formatting import format_tree

            format_tree(folder)
        return folder

    return write


# Files for the type checker, not modules to import (misuse.py fails on purpose).
collect_ignore = ["typing"]
