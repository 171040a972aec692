"""Certainty orders the same in every tool: pandas, Polars and DuckDB give the same rows."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc
from stalin_japan_china.models import CERTAINTY_RANK


@pytest.mark.parametrize("table", ["events", "participants", "relations"])
def test_certainty_is_the_rank_of_status(table):
    frame = sjc.load(table)
    assert (frame.certainty == frame.status.astype(str).map(CERTAINTY_RANK)).all()
    assert CERTAINTY_RANK == {
        "refuted": 0,
        "alleged": 1,
        "possible": 2,
        "likely": 3,
        "confirmed": 4,
    }


def test_at_least_likely_is_the_same_question_in_pandas_polars_and_duckdb():
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    frame = sjc.load("participants")
    by_pandas = set(frame.loc[frame.status >= "likely", "id"])
    polars_frame = sjc.load("participants", backend="polars")
    by_polars = set(polars_frame.filter(pl.col("status") >= "likely")["id"].to_list())
    path = sjc.paths()["participants"]
    rows = duckdb.sql(f"select id from '{path}' where certainty >= 3").fetchall()
    by_duckdb = {r[0] for r in rows}
    assert by_pandas == by_polars == by_duckdb
    assert {"likely", "confirmed"} == set(frame.loc[frame.id.isin(by_pandas), "status"].astype(str))
    # the mistake the rank exists to prevent: strings compared alphabetically
    alphabetic = set(polars_frame.filter(pl.col("status").cast(pl.Utf8) >= "likely")["id"])
    assert alphabetic != by_pandas
