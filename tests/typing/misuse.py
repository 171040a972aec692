"""Wrong uses that a type checker must flag (tests/test_typing.py expects each error)."""

from __future__ import annotations

import pandas as pd

import stalin_japan_china as sjc

sjc.events("Stalin")  # positional: filters are keyword-only
sjc.events(actor=1)  # not a string or list of strings
sjc.events(colour="red")  # no such filter
sjc.load("events", backend="arrow")  # no such backend
sjc.network(min_status="likely", predicates=["agent_of"], colour="red")  # no such argument
reveal_type(sjc.load("events", backend="polars"))  # noqa: F821 - mypy's own
frame: pd.DataFrame = sjc.load("events", backend="polars")  # a Polars frame, not pandas
