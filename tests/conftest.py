"""Shared fixtures: a tiny hand-made dataset that tests can copy and break."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

MINIMAL = Path(__file__).parent / "data" / "minimal"
REPO = Path(__file__).resolve().parents[1]
SOURCE_TEXT = REPO.parent / "shared" / "source" / "kuromiya-2023.txt"


@pytest.fixture
def minimal_docs() -> dict[str, dict]:
    """The minimal dataset's YAML documents, by file name, ready to be edited."""
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in MINIMAL.glob("*.yaml")}


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[dict[str, dict]], Path]:
    """Write edited documents to a fresh data folder and return its path."""

    def write(docs: dict[str, dict]) -> Path:
        folder = tmp_path / "data"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for name, doc in copy.deepcopy(docs).items():
            (folder / name).write_text(
                yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        return folder

    return write
