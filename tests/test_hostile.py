"""Hostile input at every public function and every ``sjc`` option: a clean error or a result.

The functions and options are discovered, not listed: every function in
``stalin_japan_china.__all__`` and ``stalin_japan_china.plot``, and every subcommand and
option of the ``sjc`` parser, so a new one is fuzzed from the day it is added. A call may
return a result or raise one of the package's own errors (``sjc.Error``); a ``TypeError``,
``KeyError`` or any other escape is a bug. Timings are not asserted here (CI machines vary);
``tests/benchmarks/bench_hostile.py`` times the worst inputs.
"""

from __future__ import annotations

import argparse
import inspect
import math
import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import matplotlib.figure
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stalin_japan_china as sjc
from stalin_japan_china import cli, query

matplotlib.use("Agg")

MEGABYTE = "x" * 1_000_000
INVISIBLE = [
    "\x00",
    "a\x00b",
    "\u200b",  # zero-width space
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u202e",  # right-to-left override
    "\u2028",  # line separator
    " \t ",
    "Stalin\x00",
    "\x1b[31m",
]
PLAUSIBLE = [
    "Stalin",
    "komoto-daisaku",
    "assassination-of-zhang-zuolin",
    "assassination",
    "confirmed",
    "likely",
    "person",
    "japan",
    "agent_of",
    "supports",
    "events",
    "actors",
    "bibtex",
    "status",
    "pandas",
    "1928",
    "1928-06",
    "Mukden",
    "",
    " ",
]


class Opaque:
    """An object with nothing a function could use, and a repr that fails."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def _scalars() -> st.SearchStrategy:
    return st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30),
        st.sampled_from([0, 1, 6, 137, 450, 451, -1, 10**5000]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.just(math.nan),
        st.booleans(),
        st.none(),
        st.binary(max_size=12),
        st.builds(object),
        st.builds(Opaque),
        st.text(max_size=30),
        st.sampled_from(INVISIBLE),
        st.sampled_from(PLAUSIBLE),
    )


HOSTILE = st.one_of(
    _scalars(),
    st.sampled_from([[], (), {}, set(), frozenset(), [[]], [None], ["Stalin", 1], {"a": 1}]),
    st.lists(_scalars(), max_size=4),
    st.lists(st.sampled_from(PLAUSIBLE), min_size=1, max_size=3),
    st.builds(Path, st.sampled_from(["nowhere.png", "x.svg", "/", "/proc/no/such.png"])),
)
"""Values for any argument: wrong types, edge numbers, junk and plausible strings, lists."""


def public_functions() -> dict[str, object]:
    """Every public function of the package, found by inspection."""
    found = {}
    for name in sjc.__all__:
        value = getattr(sjc, name)
        if inspect.isfunction(value):
            found[f"sjc.{name}"] = value
    for name, value in inspect.getmembers(sjc.plot, inspect.isfunction):
        if not name.startswith("_") and value.__module__ == sjc.plot.__name__:
            found[f"sjc.plot.{name}"] = value
    found["query.lookup"] = query.lookup  # behind `sjc show`, public in query's __all__
    return found


FUNCTIONS = public_functions()
EVENT_FILTERS = list(inspect.signature(sjc.events).parameters)


def test_discovery_finds_the_whole_api():
    expected = {"sjc.events", "sjc.actor", "sjc.network", "sjc.load", "sjc.verify"}
    assert expected | {"sjc.plot.timeline", "sjc.plot.map", "sjc.cite"} <= set(FUNCTIONS)


@pytest.fixture(scope="module", autouse=True)
def _in_a_scratch_folder(tmp_path_factory):
    """Junk strings become relative paths for save= and verify(); keep them out of the repo."""
    before = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("hostile"))
    yield
    os.chdir(before)


def _close(result: object) -> None:
    if isinstance(result, matplotlib.figure.Figure):
        import matplotlib.pyplot as plt

        plt.close(result)


def _is_result(result: object) -> bool:
    """Whatever a public function returns: a table, a record, a graph, a figure, text, files."""
    import networkx as nx
    from pydantic import BaseModel

    from stalin_japan_china.verifying import Report

    kinds = (pd.DataFrame, pa.Table, BaseModel, nx.MultiDiGraph, matplotlib.figure.Figure)
    kinds += (
        str,
        dict,
        tuple,
        list,
        Report,
        Path,
    )  # list: files sjc.export wrote; Path: sjc.explore's index.html
    return isinstance(result, kinds)


def _call(function, kwargs: dict) -> None:
    try:
        result = function(**kwargs)
    except sjc.Error:
        return
    _close(result)
    assert _is_result(result), f"{function.__name__}({kwargs}) returned {type(result)}"


# sjc.explore writes a 10,000-page site for every junk folder name it accepts: fewer examples.
WRITING = ["sjc.explore"]


@pytest.mark.parametrize("name", sorted(set(FUNCTIONS) - set(WRITING)))
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_argument_takes_hostile_values(name, data):
    _hostile_arguments(name, data)


@pytest.mark.parametrize("name", WRITING)
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_argument_of_a_writing_function_takes_hostile_values(name, data):
    _hostile_arguments(name, data)


def _hostile_arguments(name, data):
    function = FUNCTIONS[name]
    kwargs = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.VAR_KEYWORD:  # plot's **filters: those of events()
            keys = st.sampled_from([*EVENT_FILTERS, "bogus", "save"])
            kwargs |= data.draw(st.dictionaries(keys, HOSTILE, max_size=2), label="filters")
            continue
        if parameter.default is not parameter.empty and data.draw(st.integers(0, 2)) == 0:
            continue  # left at its default: the other arguments get a chance to succeed
        kwargs[parameter.name] = data.draw(HOSTILE, label=parameter.name)
    _call(function, kwargs)


PATHS = ("source", "pages", "notes", "save")  # 700 characters is a possible file path
HUGE = {"1MB": MEGABYTE, "list-of-1MB": [MEGABYTE], "700-chars": "Stalin " * 100}


def _huge_cases() -> list:
    cases = []
    for name, function in sorted(FUNCTIONS.items()):
        for parameter in inspect.signature(function).parameters.values():
            argument = "actor" if parameter.kind is parameter.VAR_KEYWORD else parameter.name
            for label, value in HUGE.items():
                if not (argument in PATHS and label == "700-chars"):
                    cases.append(
                        pytest.param(name, argument, value, id=f"{name}-{argument}-{label}")
                    )
    return cases


@pytest.mark.parametrize(("name", "argument", "value"), _huge_cases())
def test_a_huge_value_is_refused_at_once(name, argument, value):
    """1 MB (or 700 characters of a real name) in any argument: refused before any matching.

    Required arguments get the same value, so every call reaches its checks.
    """
    function = FUNCTIONS[name]
    required = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.default is p.empty and p.kind is not p.VAR_KEYWORD
    ]
    with pytest.raises(sjc.Error):
        function(**dict.fromkeys(required, value) | {argument: value})


# --- the command line ----------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> dict:
    """Every (sub)command's argv prefix with its options, from the parser itself."""
    found = {}
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in subparsers:
        for name, sub in action.choices.items():
            found |= _commands(sub, (*prefix, name))
    if prefix and not subparsers:
        found[prefix] = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    return found


COMMANDS = _commands(cli._parser())
# `curate format` rewrites data/ of this checkout, so only its read-only `--check` form runs.
SAFE = {k: v for k, v in COMMANDS.items() if k != ("curate", "format")}
SAFE[("curate", "format", "--check")] = []
# each curating call reads all of data/, and each explore call writes a whole site: fewer
CURATING = sorted(k for k in SAFE if k[0] in ("curate", "explore"))
CLI_VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from([*INVISIBLE, *PLAUSIBLE, "-1", "0", "9", "1e9", "nan", "--", "-o", "x.csv"]),
    st.sampled_from(["/", "/proc/no/such.csv", "/dev/full", "\x00.csv", "x" * 600]),
)


def test_discovery_finds_every_subcommand():
    assert {("events",), ("show",), ("verify",), ("cite",), ("curate", "dates")} <= set(COMMANDS)


def _one_clean_line(err: str) -> None:
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("sjc"), err


CLI_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}


@pytest.mark.parametrize("command", sorted(set(SAFE) - set(CURATING)), ids=" ".join)
@settings(max_examples=30, **CLI_SETTINGS)
@given(data=st.data())
def test_every_option_takes_hostile_values(command, data, capsys):
    _run_hostile(command, data, capsys)


@pytest.mark.parametrize("command", CURATING, ids=" ".join)
@settings(max_examples=6, **CLI_SETTINGS)
@given(data=st.data())
def test_every_curating_option_takes_hostile_values(command, data, capsys):
    _run_hostile(command, data, capsys)


def _run_hostile(command: tuple[str, ...], data, capsys) -> None:
    argv = list(command)
    for action in SAFE[command]:
        if action.option_strings and data.draw(st.integers(0, 2), label="skip") == 0:
            continue
        if action.nargs == 0:  # a flag such as --check
            argv.append(action.option_strings[0])
            continue
        if action.option_strings:
            argv.append(action.option_strings[-1])
        argv.append(data.draw(CLI_VALUES, label=action.dest))
    if any(a in ("--help", "--version") for a in argv):
        return
    try:
        status = cli.main(argv)
    except SystemExit as stop:  # argparse refused the command line
        out, err = capsys.readouterr()
        assert stop.code == 2, (argv, err)
        _one_clean_line(err)
        return
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), (argv, status, err)
    if status == 2:
        _one_clean_line(err)
        assert out == ""


def sjc_process(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stalin_japan_china", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--chapter", "x"],
        ["events", "--type", "1"],
        ["actors", "--kind", ""],
        ["relations", "--status", "nope"],
        ["evidence", "--page", "0"],
        ["show", ""],
        ["show", "x" * 600],
        ["cite", "--style", "mla"],
        ["verify", "--source", "/no/such/book.txt"],
        ["curate", "dates", "--source", "x", "--chapter", "9"],
        ["events", "--format", "parquet"],
    ],
    ids=lambda argv: " ".join(a[:20] for a in argv),
)
def test_bad_values_exit_2_with_one_line(argv):
    done = sjc_process(*argv)
    assert done.returncode == 2 and done.stdout == ""
    _one_clean_line(done.stderr)


@pytest.mark.parametrize("command", ["events", "actors", "relations", "evidence"])
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_unwritable_output_exits_2_with_one_line(command, fmt, tmp_path):
    for target in ("/proc/no/such/file", str(tmp_path)):  # missing folder; a folder itself
        done = sjc_process(command, "--format", fmt, "-o", target)
        assert done.returncode == 2, done.stderr
        _one_clean_line(done.stderr)
        assert "cannot write --output" in done.stderr


def test_output_into_a_closed_pipe_is_quiet():
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "stalin_japan_china", "evidence", "--format", "json"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == cli.EXIT_PIPE and done.stderr == ""


def test_piping_into_head_prints_no_broken_pipe():
    command = f"'{sys.executable}' -m stalin_japan_china evidence --format csv | head -1"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("id,") and done.stderr == ""


def test_c_locale_and_no_home_still_work():
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "LANG", "LC_ALL")}
    env["LC_ALL"] = "C"
    done = sjc_process("show", "Okawa Shumei", env=env)
    assert done.returncode == 0 and "Ōkawa Shūmei" in done.stdout, done.stderr
    done = sjc_process("events", "--type", "murder", env=env)
    assert done.returncode == 2
    _one_clean_line(done.stderr)


def test_an_output_encoding_without_the_names_is_one_line():
    env = dict(os.environ, PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    done = sjc_process("show", "Okawa Shumei", env=env)
    assert done.returncode == 2
    _one_clean_line(done.stderr)
