"""One version everywhere: distribution, CITATION.cff, descriptor, Parquet metadata, CHANGELOG."""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import yaml

import stalin_japan_china as sjc
from stalin_japan_china.curate.building import read_version

from .conftest import REPO


def test_every_place_agrees_on_the_version():
    version = read_version(REPO)
    found = {
        "installed distribution": sjc.__version__,
        "CITATION.cff": str(
            yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["version"]
        ),
        "datapackage.json": json.loads(
            (REPO / "src/stalin_japan_china/data/datapackage.json").read_text()
        )["version"],
        "manifest.json": json.loads(
            (REPO / "src/stalin_japan_china/data/manifest.json").read_text()
        )["version"],
        "CHANGELOG.md": re.search(
            r"^## \[(\d[^\]]*)\]", (REPO / "CHANGELOG.md").read_text(), re.M
        ).group(1),
    }
    for name, path in sjc.paths().items():
        found[f"{name}.parquet"] = pq.read_schema(path).metadata[b"dataset_version"].decode()
    assert {k: v for k, v in found.items() if v != version} == {}, f"pyproject.toml says {version}"


def test_the_fast_version_lookup_agrees_with_importlib_metadata():
    from importlib import metadata

    from stalin_japan_china import _dist_info_version

    assert _dist_info_version() == metadata.version("stalin-japan-china")
