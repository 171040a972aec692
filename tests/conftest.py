"""Shared fixtures: a tiny hand-made dataset that tests can copy and break."""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

MINIMAL = Path(__file__).parent / "data" / "minimal"
SECTION = "ch2/2.4-test.yaml"
"""The minimal dataset's one section file, as a key of ``minimal_docs``."""
REPO = Path(__file__).resolve().parents[1]
BOOK_ENV = "SJC_BOOK_TEXT"
"""Environment variable naming the book's text for the tests that check against it."""


def book_text() -> Path:
    """The book's text: ``$SJC_BOOK_TEXT`` if set, else ``../shared/source/`` beside the repo.

    ``pages.tsv`` and ``notes.tsv`` are looked for in the same folder (see the README,
    "Checking the data").
    """
    given = os.environ.get(BOOK_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    return REPO.parent / "shared" / "source" / "kuromiya-2023.txt"


SOURCE_TEXT = book_text()


def check_timeline_entry(ident: str, first: str, last: str, pages: set[int]) -> None:
    """A chapter's Timeline entry is an event dated within its years and cited on the
    Timeline's own page(s): the same test for every chapter, so they cannot drift apart."""
    import pandas as pd

    import stalin_japan_china as sjc

    event = sjc.load("events").set_index("id").loc[ident]
    assert event.date_start <= pd.Timestamp(f"{last}-12-31"), event.date
    assert pd.isna(event.date_end) or event.date_end >= pd.Timestamp(f"{first}-01-01"), event.date
    cited = set(sjc.load("evidence").query("target_id == @ident").page)
    assert cited & pages, f"{ident}: no evidence row on the Timeline's page(s) {sorted(pages)}"


NEEDS_BOOK = (
    f"the book's text is not at {SOURCE_TEXT}; to run this test set {BOOK_ENV}=/path/to/"
    "kuromiya-2023.txt (with pages.tsv and notes.tsv beside it) or put the three files in "
    "../shared/source/ next to this checkout"
)


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


@pytest.fixture(scope="session")
def explore_site(tmp_path_factory) -> Path:
    """The explore site, written once from the shipped data for every test that reads it."""
    from stalin_japan_china.website import explore

    return explore(tmp_path_factory.mktemp("explore") / "site").parent


# Files for the type checker, not modules to import (misuse.py fails on purpose).
collect_ignore = ["typing"]
