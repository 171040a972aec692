"""The Introduction and chapter 1 (pp. 1–68): the Timeline, page coverage and key claims."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc

from .conftest import check_timeline_entry

# Chapter 1's Timeline paragraph (p. 29): every entry an event, dated in its years.
TIMELINE = {
    "first-sino-japanese-war": ("1894", "1895"),
    "triple-intervention": ("1895", "1895"),
    "li-lobanov-treaty": ("1896", "1896"),
    "open-door-policy": ("1899", "1899"),
    "boxer-rebellion": ("1899", "1901"),
    "anglo-japanese-alliance": ("1902", "1902"),
    "completion-of-chinese-eastern-railway": ("1903", "1903"),
    "russo-japanese-war": ("1904", "1905"),
    "japanese-annexation-of-korea": ("1910", "1910"),
    "xinhai-revolution": ("1911", "1911"),
    "us-japanese-war-scare-1913": ("1913", "1913"),
    "world-war-i": ("1914", "1918"),
    "twenty-one-demands": ("1915", "1915"),
    "russo-japanese-alliance-1916": ("1916", "1916"),
    "february-revolution": ("1917", "1917"),
    "bolshevik-overthrow-of-kerenskii": ("1917", "1917"),
    "foreign-intervention-in-russian-civil-war": ("1918", "1921"),
    "versailles-conference": ("1919", "1920"),
    "washington-conference": ("1921", "1922"),
    "end-of-anglo-japanese-alliance": ("1922", "1922"),
}


@pytest.mark.parametrize("ident", TIMELINE)
def test_every_entry_of_the_chapter_one_timeline_is_an_event_in_its_years(ident):
    check_timeline_entry(ident, *TIMELINE[ident], pages={29})


@pytest.mark.parametrize(("chapter", "pages"), [(0, range(1, 28)), (1, range(28, 69))])
def test_every_printed_page_is_cited(chapter, pages):
    cited = set(sjc.load("evidence").query(f"chapter == {chapter}").page)
    assert set(pages) - cited == set()


def test_the_introductions_agents_are_actors_with_their_claims():
    for name in ("Ozaki Hotsumi", "Richard Sorge", "Tanaka Ryūkichi", "Karl Radek", "Semenov"):
        assert sjc.actor(name)
    relations = sjc.load("relations").set_index("id")
    # A flat summary does not decide a status: the Introduction calls Semenov a Japanese
    # agent only to report Moscow's story, which it calls disinformation.
    assert relations.loc["grigorii-semenov/agent_of/japan", "status"] == "refuted"
    # Chapter 3 states flatly what the Introduction hedges: Moscow used Komatsubara.
    assert relations.loc["komatsubara-michitaro/agent_of/soviet-union", "status"] == "confirmed"


def test_a_claim_decided_in_a_later_chapter_keeps_its_decisive_row_there():
    evidence = sjc.load("evidence")
    row = evidence[
        evidence.decisive
        & (evidence.target_id == "kamei-mission-to-europe-1937-1938/otto-kuusinen/participant")
    ]
    assert row.page.tolist() == [364] and row.chapter.tolist() == [4]
