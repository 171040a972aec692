"""Typed use of the public API: ``mypy tests/typing/usage.py`` must pass (CI runs it).

It checks that type checkers see the real signatures through the lazy ``__init__``:
keyword-only filters, the overloads of ``load(backend=…)`` and the type aliases.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import polars as pl

import stalin_japan_china as sjc

frame: pd.DataFrame = sjc.events(actor=["Stalin", "Okawa"], start="1928", end=1931)
late: pd.DataFrame = sjc.events(start=dt.date(1937, 7, 7), status="likely", chapter=[4, 5])
people: pd.DataFrame = sjc.actors(kind="person", alive_in=1930)
ties: pd.DataFrame = sjc.relations(predicate=["agent_of"], status="possible")
rows: pd.DataFrame = sjc.evidence(page=[95, 96], source=None)
parts: pd.DataFrame = sjc.participants(role="organizer", claimed_by=None)
weighed: pd.DataFrame = sjc.claims(contested=True, kind=("participant", "relation"))

as_pandas: pd.DataFrame = sjc.load("events")
as_polars: pl.DataFrame = sjc.load("events", backend="polars")

when: sjc.DateLike = "1928-06"
who: sjc.Values = ["Stalin"]
chapters: sjc.Numbers = 2
name: str = sjc.actor("Stalin").name
version: str = sjc.__version__

try:
    sjc.events(type="treaty")
except sjc.InvalidValueError as error:
    message: str = str(error)
