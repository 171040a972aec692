"""Chapter 4 (pp. 278–376): its Timeline, page coverage and who provoked the 1937 war."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc

from .conftest import check_timeline_entry

TIMELINE = {
    "north-china-incident": ("1935", "1936"),
    "soviet-mongolian-protocol-of-mutual-assistance": ("1936", "1936"),
    "anti-comintern-pact": ("1936", "1936"),
    "xian-incident": ("1936", "1936"),
    "kanchazu-island-incident": ("1937", "1937"),
    "marco-polo-bridge-incident": ("1937", "1937"),
    "sino-soviet-non-aggression-pact": ("1937", "1937"),
    "great-terror": ("1937", "1938"),
    "second-sino-japanese-war": ("1937", "1945"),
}


@pytest.mark.parametrize("ident", TIMELINE)
def test_every_entry_of_the_chapter_four_timeline_is_an_event_in_its_years(ident):
    check_timeline_entry(ident, *TIMELINE[ident], pages={278})


def test_every_printed_page_of_chapter_four_is_cited():
    cited = set(sjc.load("evidence").query("chapter == 4").page)
    assert set(range(278, 377)) - cited == set()


def test_who_fired_first_at_the_marco_polo_bridge_stays_open():
    claims = sjc.claims(kind="participant").set_index("id")
    stalin = claims.loc["marco-polo-bridge-incident/iosif-stalin/instigator"]
    assert (stalin.status, stalin.decisive_page) == ("likely", 371)  # not the Introduction's p. 5
    assert claims.loc["marco-polo-bridge-incident/japan/instigator", "status"] == "possible"
    alleged = sjc.participants(event="marco-polo-bridge-incident", status="alleged")
    assert {"tanaka-ryukichi", "shigekawa-hidekazu", "liu-shaoqi"} <= set(alleged.actor_id)
