"""The id policy: a published id is never reused, renamed or dropped without a redirect."""

from __future__ import annotations

import re

import pytest

import stalin_japan_china as sjc
from stalin_japan_china import query

from .conftest import REPO

LEDGER = REPO / "data" / "ids.tsv"


def current_ids() -> set[tuple[str, str]]:
    return {(t, i) for t in sjc.TABLES for i in sjc.load_table(t).column("id").to_pylist()}


def ledger() -> list[tuple[str, str, str]]:
    return [tuple(line.split("\t")) for line in LEDGER.read_text(encoding="utf-8").splitlines()[1:]]


def test_the_ledger_covers_every_release_in_the_changelog():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    released = set(re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.M))
    assert {"0.1.0", "0.2.0", sjc.__version__} <= released
    assert {version for _, _, version in ledger()} <= released


def test_the_ledger_records_every_shipped_id():
    """A release publishes what the ledger holds (build --record-ids at release time)."""
    recorded = {(table, ident) for table, ident, _ in ledger()}
    missing = sorted(current_ids() - recorded)
    assert not missing, (
        f"{len(missing)} shipped ids are not in data/ids.tsv: run "
        f"`python -m stalin_japan_china.build --record-ids` ({missing[:5]} …)"
    )
    assert len(recorded) == len(ledger()), "an id is recorded twice"


def test_every_published_id_still_resolves():
    live = current_ids()
    redirects, withdrawn = query.redirects(), query.withdrawn()
    lost = []
    for table, ident, version in ledger():
        if (table, ident) in live or ident in withdrawn:
            continue
        target = redirects.get(ident)
        if target is None or (table, target) not in live:
            lost.append(f"{table} {ident} ({version})")
    assert not lost, (
        f"{len(lost)} published ids vanished without a redirect "
        "(add them to data/redirects.yaml):\n" + "\n".join(lost[:30])
    )


def test_a_withdrawn_id_says_why():
    withdrawn = query.withdrawn()
    assert "sino-soviet-treaties-1924/lev-karakhan/negotiator" in withdrawn
    with pytest.raises(query.NotFoundError, match=r"was withdrawn: Withdrawn in 0\.3\.0"):
        query._follow("sino-soviet-treaties-1924/lev-karakhan/negotiator")


def test_a_retired_id_is_never_reused():
    live = {i for _, i in current_ids()}
    assert not set(query.redirects()) & live


def test_looking_up_a_retired_id_follows_its_redirect_with_a_warning(monkeypatch):
    retired = {
        "zhang-zuolin-murder": "assassination-of-zhang-zuolin",
        "chang-tso-lin": "zhang-zuolin",
    }
    monkeypatch.setattr(query, "redirects", lambda: retired)
    with pytest.warns(UserWarning, match="id 'zhang-zuolin-murder' was merged into"):
        assert sjc.event("zhang-zuolin-murder").id == "assassination-of-zhang-zuolin"
    with pytest.warns(UserWarning, match="id 'chang-tso-lin' was merged into 'zhang-zuolin'"):
        assert sjc.resolve_actor("chang-tso-lin") == "zhang-zuolin"
