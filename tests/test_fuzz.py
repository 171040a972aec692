"""Random input at the public filters and the command line: a clean error or a result."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stalin_japan_china as sjc
from stalin_japan_china.cli import main

CLEAN = (sjc.InvalidValueError, sjc.NotFoundError, sjc.AmbiguousNameError)
junk = st.text(max_size=25) | st.sampled_from(
    ["", " ", "1928", "1928-13", "/..", "Stalin", "zhang", "%", "confirmed", "\x00", "é"]
)


@settings(max_examples=150, deadline=None)
@given(
    field=st.sampled_from(["start", "end", "actor", "role", "type", "place", "status", "text"]),
    value=junk,
)
def test_event_filters_never_crash(field, value):
    try:
        result = sjc.events(**{field: value})
    except CLEAN:
        return
    assert isinstance(result, pd.DataFrame)


@settings(max_examples=100, deadline=None)
@given(
    function=st.sampled_from(["actors", "relations", "evidence"]),
    field=st.sampled_from(
        [
            "kind",
            "nationality",
            "alive_in",
            "name",
            "actor",
            "predicate",
            "status",
            "target",
            "stance",
            "source",
        ]
    ),
    value=junk,
)
def test_other_filters_never_crash(function, field, value):
    call = getattr(sjc, function)
    import inspect

    if field not in inspect.signature(call).parameters:
        return
    try:
        result = call(**{field: value})
    except CLEAN:
        return
    assert isinstance(result, pd.DataFrame)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    argv=st.lists(
        st.sampled_from(
            [
                "events",
                "actors",
                "show",
                "--actor",
                "--start",
                "--type",
                "--format",
                "csv",
                "json",
                "--status",
                "x",
                "1928",
                "Zhang",
            ]
        )
        | junk,
        max_size=5,
    )
)
def test_command_line_never_crashes(capsys, argv):
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        assert exit_.code in (0, 2)
        return
    finally:
        capsys.readouterr()
    assert status in (0, 1, 2)
