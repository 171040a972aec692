"""Chapter 3 (pp. 174–277): its Timeline, page coverage and the Tanaka Memorial's authorship."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc

from .conftest import check_timeline_entry

TIMELINE = {
    "death-of-tanaka-giichi": "1929",
    "sino-soviet-war": "1929",
    "release-of-tanaka-memorial": "1929",
    "end-of-warlord-era": "1930",
    "mukden-incident": "1931",
    "founding-of-manzhouguo": "1932",
    "soviet-polish-non-aggression-pact": "1932",
    "mass-rebellions-in-mpr": "1932",
    "restoration-of-sino-soviet-diplomatic-relations": "1932",
    "great-famine": "1932",
    "hitler-ascension-to-power": "1933",
    "japanese-withdrawal-from-league-of-nations": "1933",
    "opening-of-soviet-american-diplomatic-relations": "1933",
}


@pytest.mark.parametrize("ident", TIMELINE)
def test_every_entry_of_the_chapter_three_timeline_is_an_event_in_its_year(ident):
    check_timeline_entry(ident, TIMELINE[ident], TIMELINE[ident], pages={175})


def test_every_printed_page_of_chapter_three_is_cited():
    cited = set(sjc.load("evidence").query("chapter == 3").page)
    assert set(range(174, 278)) - cited == set()


def test_the_tanaka_memorials_authorship_is_a_set_of_competing_claims():
    participants = sjc.participants(event="forgery-of-tanaka-memorial")
    status = {(r.actor_id, r.role): r.status for r in participants.itertuples()}
    assert status[("tanaka-giichi", "author")] == "refuted"  # no Japanese original (p. 178)
    assert status[("soviet-union", "author")] == "confirmed"
    assert status[("china", "author")] == "refuted"
    assert status[("roman-kim", "author")] == "alleged"
    claims = sjc.claims(kind="participant").set_index("id")
    assert claims.loc["forgery-of-tanaka-memorial/tanaka-giichi/author", "decisive_page"] == 178


def test_the_soviet_hand_in_mukden_is_likely_and_decided_in_chapter_three():
    claims = sjc.claims(actor="Stalin").set_index("id")
    row = claims.loc["mukden-incident/iosif-stalin/instigator"]
    assert (row.status, row.decisive_page) == ("likely", 193)
    assert sjc.event("mukden-incident").date == "1931-09-18"
