"""One declaration per filter parameter: the validation, the CLI and the README agree with it.

Issue 14 named three broken promises of "every filter accepts one value or a list":
``events(place=[…])`` raised a raw ``TypeError``, ``evidence(source=[a, b])`` used only
``a``, and ``--actor X --actor Y`` kept only the last value. Each is a test here, with
expectations computed from the shipped data.
"""

from __future__ import annotations

import inspect
import json

import pandas as pd
import pytest

import stalin_japan_china as sjc
from stalin_japan_china import filters
from stalin_japan_china.cli import _parser, main
from stalin_japan_china.curate.building import _model_vocabulary

from .conftest import REPO


def _json(capsys, *argv: str) -> list[dict]:
    status = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out)


def test_every_declared_parameter_is_in_the_signature_and_back():
    for function, params in filters.FILTERS.items():
        signature = inspect.signature(getattr(sjc, function)).parameters
        assert [p.name for p in params] == list(signature), function


def test_events_place_takes_a_list_of_names():
    places = sjc.load("events").place_id.dropna().value_counts().index[:2].tolist()
    names = sjc.load("places").set_index("id").loc[places, "name"].tolist()
    found = sjc.events(place=names)
    one, other = (set(sjc.events(place=n).id) for n in names)
    assert set(found.id) == one | other and one and other and one != other


def test_evidence_source_takes_every_source_of_a_list():
    counts = sjc.load("evidence").source_id.value_counts()
    a, b = counts.index[:2].tolist()
    found = sjc.evidence(source=[a, b])
    assert set(found.source_id) == {a, b}
    assert len(found) == counts[a] + counts[b]


def test_repeated_actor_option_keeps_every_value(capsys):
    rows = _json(capsys, "events", "--actor", "Stalin", "--actor", "Zhang Zuolin")
    expected = sjc.events(actor=["Stalin", "Zhang Zuolin"])
    assert [r["id"] for r in rows] == expected.id.tolist()
    only_stalin = set(sjc.events(actor="Stalin").id)
    assert {r["id"] for r in rows} > only_stalin


@pytest.mark.parametrize(
    "argv, call",
    [
        (["relations", "--subject", "Stalin", "--subject", "Okawa"], "subject"),
        (["evidence", "--page", "1", "--page", "2"], "page"),
    ],
)
def test_every_list_option_repeats(capsys, argv, call):
    rows = _json(capsys, *argv)
    values = argv[2::2]
    if call == "page":
        values = [int(v) for v in values]
    expected = getattr(sjc, argv[0])(**{call: values})
    assert len(rows) == len(expected)


def test_single_value_parameters_refuse_a_list_cleanly():
    for function, params in filters.FILTERS.items():
        for p in params:
            if p.many:
                continue
            value = ["likely"] if p.kind == "status" else ["1928"]
            with pytest.raises(sjc.InvalidValueError, match=p.name):
                getattr(sjc, function)(**{p.name: value})


def test_cli_options_are_the_declared_parameters():
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for function, params in filters.FILTERS.items():
        sub = commands[function]
        declared = {a.dest for a in sub._actions if hasattr(a, "declared")}
        assert declared == {p.name for p in params}, function
        for action in sub._actions:
            if hasattr(action, "declared"):
                assert (action.nargs is None and action.__class__.__name__ == "_AppendAction") == (
                    action.declared.many
                ), action.dest


def test_help_lists_each_vocabulary(capsys):
    with pytest.raises(SystemExit):
        main(["events", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for role in sjc.describe("participants").set_index("column").loc["role", "vocabulary"]:
        assert role in out
    with pytest.raises(SystemExit):
        main(["claims", "--help"])
    assert "event, participant, relation" in " ".join(capsys.readouterr().out.split())


def test_readme_filter_table_is_the_declaration():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert filters.markdown(_model_vocabulary) in readme


def test_model_vocabularies_are_the_shipped_ones():
    """The README is built from the models, the help from the Parquet files: the same lists."""
    from stalin_japan_china.cli import _schema_vocabulary

    for params in filters.FILTERS.values():
        for p in params:
            if p.kind == "vocabulary":
                assert _model_vocabulary(*p.vocabulary) == _schema_vocabulary(*p.vocabulary)


def test_network_takes_status_and_predicate_like_relations():
    new = sjc.network(status="likely", predicate="agent_of", co_participation=False)
    old = sjc.network(min_status="likely", predicates=["agent_of"], co_participation=False)
    assert sorted(new.edges(keys=True)) == sorted(old.edges(keys=True))
    with pytest.raises(sjc.InvalidValueError, match="predicate"):
        sjc.network(predicate="spy")
    with pytest.raises(sjc.InvalidValueError, match="not both"):
        sjc.network(status="likely", min_status="likely")


@pytest.mark.parametrize(
    "function", [sjc.network, sjc.plot.timeline, sjc.plot.map, sjc.events, sjc.claims]
)
def test_no_positional_arguments(function):
    for parameter in inspect.signature(function).parameters.values():
        assert parameter.kind in (parameter.KEYWORD_ONLY, parameter.VAR_KEYWORD), parameter


def test_json_of_a_repeated_option_equals_the_api(capsys):
    rows = _json(capsys, "participants", "--role", "organizer", "--role", "agent")
    expected = sjc.participants(role=["organizer", "agent"])
    assert pd.DataFrame(rows).id.tolist() == expected.id.tolist()
