"""Citing the release: every style rendered from the one CITATION.cff."""

from __future__ import annotations

import re

import pytest
import yaml

import stalin_japan_china as sjc

from .conftest import REPO


def test_packaged_citation_is_the_repository_file():
    assert sjc.cite("cff") == (REPO / "CITATION.cff").read_text(encoding="utf-8")


def test_bibtex_names_this_release_and_the_book():
    text = sjc.cite("bibtex")
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert f"version = {{{sjc.__version__}}}" in text
    assert f"pypi.org/project/stalin-japan-china/{sjc.__version__}/" in text
    assert "doi = {10.4324/9781003203353}" in text
    assert text.count("@") == 2 and text.count("{") == text.count("}")
    assert f"year = {{{str(cff['date-released'])[:4]}}}" in text


def test_apa_has_the_dataset_then_the_book():
    dataset, book = sjc.cite("apa").splitlines()
    assert re.search(rf"\(Version {re.escape(sjc.__version__)}\) \[Data set\]", dataset)
    assert (
        book.startswith("Kuromiya, H. (2023).") and "https://doi.org/10.4324/9781003203353" in book
    )


def test_unknown_style_lists_the_styles():
    with pytest.raises(
        sjc.InvalidValueError, match="style='mla' is not one of 'bibtex', 'apa', 'cff'"
    ):
        sjc.cite("mla")
