"""The id policy: a published id is never reused, renamed or dropped without a redirect."""

from __future__ import annotations

import re

import pytest

import stalin_japan_china as sjc
from stalin_japan_china import query

from .conftest import REPO

RELEASES = sorted((REPO / "data" / "releases").glob("ids-*.txt"))


def current_ids() -> set[tuple[str, str]]:
    return {(t, i) for t in sjc.TABLES for i in sjc.load_table(t).column("id").to_pylist()}


def test_there_is_a_frozen_id_list_for_every_earlier_release():
    versions = [re.match(r"ids-(.+)\.txt", p.name).group(1) for p in RELEASES]
    assert "0.1.0" in versions
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.M)
    assert set(released) - {sjc.__version__} <= set(versions)


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.stem)
def test_every_published_id_still_resolves(release):
    live = current_ids()
    redirects = query.redirects()
    lost = []
    for line in release.read_text(encoding="utf-8").splitlines():
        table, ident = line.split("\t")
        if (table, ident) in live:
            continue
        target = redirects.get(ident)
        if target is None or (table, target) not in live:
            lost.append(f"{table} {ident}")
    assert not lost, (
        f"{len(lost)} ids of {release.stem} vanished without a redirect "
        "(add them to data/redirects.yaml):\n" + "\n".join(lost[:30])
    )


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
