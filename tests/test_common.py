"""The common contract of every public table function, in the style of scikit-learn's
``test_common``: the functions are discovered with :mod:`inspect`, not listed by hand, and
each is held to the same checks, the command line included.

A new public function that returns a DataFrame is picked up here; it passes only once
its parameters are declared in ``stalin_japan_china/filters.py`` (or it is a loader that
takes a table's name, listed in :data:`LOADERS`). Every expectation comes from the
shipped data, never from counts written down here.
"""

from __future__ import annotations

import inspect
import io
import json
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stalin_japan_china as sjc
from stalin_japan_china import filters
from stalin_japan_china.cli import _parser, main

LOADERS = {"load", "describe"}
"""Public DataFrame functions that take a table's name, not filters."""

CLEAN = (sjc.Error,)

TABLE_OF = {
    "events": "events",
    "participants": "participants",
    "actors": "actors",
    "relations": "relations",
    "evidence": "evidence",
    "claims": None,  # computed from several tables; checked against itself
}


def _table_functions() -> list[str]:
    found = []
    for name in sjc.__all__:
        value = getattr(sjc, name)
        if not inspect.isfunction(value):
            continue
        annotation = inspect.signature(value).return_annotation
        if "DataFrame" in str(annotation) and name not in LOADERS:
            found.append(name)
    return sorted(found)


FUNCTIONS = _table_functions()


def test_every_table_function_is_discovered_and_declared():
    assert FUNCTIONS, "inspect found no public table function"
    assert set(FUNCTIONS) == set(filters.FILTERS), "declare each one in filters.FILTERS"
    assert set(FUNCTIONS) == set(TABLE_OF)


def _sample(function: str, p: filters.Param) -> object:
    """A valid value of the parameter, read from the shipped data."""
    if p.kind == "vocabulary":
        table, column = p.vocabulary
        present = sjc.load(table)[column].dropna().astype(str)
        return present.value_counts().index[0]
    if p.kind == "choice":
        return p.vocabulary[0]
    if p.kind == "actor":
        return "Stalin"
    if p.kind == "place":
        return sjc.load("events").place_id.dropna().value_counts().index[0]
    if p.kind == "id":
        column = "id" if p.table != "sources" else "source_id"
        frame = sjc.load(p.table) if p.table != "sources" else sjc.load("evidence")
        return frame[column].dropna().value_counts().index[0]
    if p.kind == "target":
        return sjc.load("evidence").target_id.value_counts().index[0]
    if p.kind == "claimant":
        return sjc.load("participants").claimed_by.dropna().value_counts().index[0]
    if p.kind == "chapter":
        return int(sjc.load("evidence").chapter.value_counts().index[0])
    if p.kind == "page":
        return int(sjc.load("evidence").page.value_counts().index[0])
    if p.kind == "status":
        return "likely"
    if p.kind == "date":
        return "1931" if p.name == "end" else "1928"
    if p.kind == "text":
        return "Zhang" if function == "events" else "zhang"
    if p.kind == "flag":
        return True
    raise AssertionError(p.kind)


def _key(frame: pd.DataFrame) -> list[tuple]:
    columns = [c for c in ("id", "participant_id") if c in frame.columns]
    return [tuple(r) for r in frame[columns].astype(str).itertuples(index=False)]


def _params() -> list[tuple[str, filters.Param]]:
    return [(f, p) for f in FUNCTIONS for p in filters.FILTERS[f]]


def _id(case: tuple[str, filters.Param]) -> str:
    return f"{case[0]}-{case[1].name}"


@pytest.mark.parametrize("function", FUNCTIONS)
def test_arguments_are_keyword_only(function):
    for parameter in inspect.signature(getattr(sjc, function)).parameters.values():
        assert parameter.kind is parameter.KEYWORD_ONLY, f"{function}({parameter.name})"


@pytest.mark.parametrize("function", FUNCTIONS)
def test_columns_and_dtypes_match_the_table(function):
    call = getattr(sjc, function)
    everything = call()
    table = TABLE_OF[function]
    if table is not None:
        shipped = sjc.load(table)
        assert list(everything.columns[: len(shipped.columns)]) == list(shipped.columns)
        for column in shipped.columns:
            assert everything[column].dtype == shipped[column].dtype, column
    # A filter, an empty result included, never changes a column or its type.
    for p in filters.FILTERS[function]:
        found = call(**{p.name: _sample(function, p)})
        base = everything.columns.tolist()
        assert found.columns.tolist()[: len(base)] == base, p.name
        for column in base:
            assert found[column].dtype == everything[column].dtype, (p.name, column)


@pytest.mark.parametrize("case", _params(), ids=_id)
def test_every_filter_returns_a_subset(case):
    function, p = case
    call = getattr(sjc, function)
    everything = set(_key(call()))
    found = call(**{p.name: _sample(function, p)})
    ids = [k[:1] for k in _key(found)]
    assert set(ids) <= {k[:1] for k in everything}
    if p.kind in ("vocabulary", "choice") and p.column in found.columns:
        assert set(found[p.column].astype(str)) <= {str(_sample(function, p))}


@pytest.mark.parametrize(
    "case", [c for c in _params() if c[1].kind in ("vocabulary", "choice", "status")], ids=_id
)
def test_every_vocabulary_rejects_a_bad_value_listing_the_valid_ones(case):
    function, p = case
    with pytest.raises(sjc.InvalidValueError) as caught:
        getattr(sjc, function)(**{p.name: "no-such-value"})
    message = str(caught.value)
    assert p.name in message
    valid = p.values(lambda t, c: sjc.describe(t).set_index("column").loc[c, "vocabulary"])
    assert valid and all(v in message for v in valid), message


@pytest.mark.parametrize("case", _params(), ids=_id)
def test_every_argument_takes_a_list_or_refuses_it_cleanly(case):
    function, p = case
    call = getattr(sjc, function)
    value = _sample(function, p)
    if p.many:
        assert _key(call(**{p.name: [value, value]})) == _key(call(**{p.name: value}))
    else:
        with pytest.raises(sjc.InvalidValueError, match=p.name):
            call(**{p.name: [value]})


def _subcommands() -> dict:
    parser = _parser()
    return next(a for a in parser._actions if a.dest == "command").choices


@pytest.mark.parametrize("function", FUNCTIONS)
def test_cli_options_equal_the_parameters(function):
    sub = _subcommands()[function]
    output = ("help", "format", "output", "wide")
    options = {a.dest for a in sub._actions if a.dest not in output}
    assert options == set(inspect.signature(getattr(sjc, function)).parameters)


def _argv(function: str, p: filters.Param, value: object) -> list[str]:
    if p.kind == "flag":
        return [function, p.option]
    return [function, p.option, str(value)]


@pytest.mark.parametrize("case", _params(), ids=_id)
def test_format_json_equals_the_api(case, capsys):
    function, p = case
    value = _sample(function, p)
    status = main([*_argv(function, p, value), "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    expected = getattr(sjc, function)(**{p.name: value})
    assert json.loads(out) == _api_json(expected)


def _api_json(frame: pd.DataFrame) -> list[dict]:
    """The DataFrame as JSON records, calendar days as ISO dates (the CLI's JSON comes
    from pyarrow, which writes a date as 1928-06-04, not pandas' midnight timestamp)."""
    rows = json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    midnight = re.compile(r"^\d{4}-\d\d-\d\dT00:00:00\.000$")
    return [
        {k: v[:10] if isinstance(v, str) and midnight.match(v) else v for k, v in row.items()}
        for row in rows
    ]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_format_csv_has_the_api_rows(function, capsys):
    assert main([function, "--format", "csv"]) == 0
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    expected = getattr(sjc, function)()
    assert list(printed.columns) == list(expected.columns)
    assert len(printed) == len(expected)


# --- fuzz: lists, integers, None and mixed types, not only strings ---------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-10, max_value=2000)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.sampled_from(["Stalin", "likely", "1928", "organizer", "zhang", "é", "", "\x00"])
)
values = scalars | st.lists(scalars, max_size=4) | st.tuples(scalars, scalars) | st.just({})


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=st.sampled_from(_params()), value=values)
def test_fuzz_every_parameter_gives_a_result_or_a_clean_error(case, value):
    function, p = case
    try:
        result = getattr(sjc, function)(**{p.name: value})
    except CLEAN:
        return
    assert isinstance(result, pd.DataFrame)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    function=st.sampled_from(FUNCTIONS),
    given_=st.dictionaries(st.sampled_from(["actor", "status", "chapter", "start"]), values),
)
def test_fuzz_mixed_arguments(function, given_):
    known = {p.name for p in filters.FILTERS[function]}
    arguments = {k: v for k, v in given_.items() if k in known}
    try:
        result = getattr(sjc, function)(**arguments)
    except CLEAN:
        return
    assert isinstance(result, pd.DataFrame)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_has_help_and_refuses_an_unknown_option_in_one_line(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage: sjc")
    with pytest.raises(SystemExit) as done:
        main([command, "--no-such-option"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err
