"""Chapter 5 (pp. 377–433) and the Conclusion (pp. 434–450): Timeline, page coverage,
the 1938–39 border battles, the Tokyo tribunal's findings, and the status rule for summaries."""

from __future__ import annotations

import pandas as pd
import pytest

import stalin_japan_china as sjc

from .conftest import check_timeline_entry

TIMELINE = {
    "battle-of-lake-khasan": ("1938", "1938"),
    "battle-of-khalkhin-gol": ("1939", "1939"),
    "molotov-ribbentrop-pact": ("1939", "1939"),
    "soviet-attack-on-finland": ("1939", "1939"),
    "expulsion-of-soviet-union-from-league-of-nations": ("1939", "1939"),
    "tripartite-pact": ("1940", "1940"),
    "soviet-japanese-neutrality-pact": ("1941", "1941"),
    "tehran-conference": ("1943", "1943"),
    "stalin-order-to-prepare-for-war-with-japan": ("1944", "1944"),
    "yalta-conference": ("1945", "1945"),
    "potsdam-conference": ("1945", "1945"),
    "surrender-of-germany": ("1945", "1945"),
    "atomic-bombings-of-japan": ("1945", "1945"),
    "surrender-of-japan": ("1945", "1945"),
    "tokyo-trial": ("1946", "1948"),
}


@pytest.mark.parametrize("ident", TIMELINE)
def test_every_entry_of_the_chapter_five_timeline_is_an_event_in_its_years(ident):
    check_timeline_entry(ident, *TIMELINE[ident], pages={378, 379})


def test_every_printed_page_of_chapter_five_and_the_conclusion_is_cited():
    evidence = sjc.load("evidence")
    assert set(range(377, 434)) - set(evidence.query("chapter == 5").page) == set()
    assert set(range(434, 451)) - set(evidence.query("chapter == 6").page) == set()


def test_every_printed_page_of_the_book_is_cited():
    assert set(range(1, 451)) - set(sjc.load("evidence").page) == set()


def test_nomonhan_is_decided_where_the_book_argues_it_not_in_the_introduction():
    claims = sjc.claims(kind="participant").set_index("id")
    stalin = claims.loc["battle-of-khalkhin-gol/iosif-stalin/instigator"]
    assert (stalin.status, stalin.decisive_page) == ("likely", 384)  # "almost certainly", p. 384


def test_the_tokyo_tribunal_findings_stand_beside_the_books_verdict():
    claims = sjc.claims().set_index("id")
    # the court's findings are claims of the court, which the book argues against
    for ident, page in {
        "japanese-conspiracy-for-aggression-against-ussr": 424,
        "neutrality-pact-as-cover-for-japanese-attack": 423,
        "battle-of-lake-khasan/japanese-conspirators-imtfe/organizer": 425,
        "battle-of-khalkhin-gol/japanese-conspirators-imtfe/organizer": 424,
    }.items():
        assert (claims.loc[ident, "status"], claims.loc[ident, "decisive_page"]) == (
            "refuted",
            page,
        ), ident
    tribunal = sjc.participants(event="tokyo-trial", role="judge")
    assert {"william-flood-webb", "radhabinod-pal"} <= set(tribunal.actor_id)


def test_a_summary_never_decides_a_hedged_claim_that_the_chapters_argue():
    claims = sjc.claims()
    evidence = sjc.load("evidence")
    argued = set(
        evidence[evidence.chapter.between(1, 5) & (evidence.stance != "context")].target_id
    )
    summary_pages = set(range(1, 28)) | set(range(434, 451))
    hedged = claims[claims.status.isin(["likely", "possible"]) & claims.decisive_page.notna()]
    decided_in_summary = hedged[hedged.decisive_page.astype(int).isin(summary_pages)]
    assert set(decided_in_summary.id) & argued == set()


def test_a_misprinted_life_date_is_kept_out_rather_than_corrected():
    kennan = sjc.load("actors").set_index("id").loc["george-f-kennan"]
    assert pd.isna(kennan.born) and kennan.died == 2005  # printed "(1994–2005)", p. 414
