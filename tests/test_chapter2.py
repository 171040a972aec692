"""Chapter 2's contested claims, as the book weighs them.

Life-date coverage, footnote placement and grounding against the book's text
are checked by ``sjc verify`` (tests/test_verify.py); these tests pin the
modelling of the claims themselves.
"""

from __future__ import annotations

import pandas as pd

import stalin_japan_china as sjc


def test_the_assassination_is_modelled_as_competing_claims():
    participants = sjc.load("participants")
    rows = participants[participants.event_id == "assassination-of-zhang-zuolin"]
    by_actor = {(r.actor_id, r.role): r.status for r in rows.itertuples()}
    assert by_actor[("zhang-zuolin", "victim")] == "confirmed"
    assert by_actor[("komoto-daisaku", "organizer")] == "alleged"
    assert by_actor[("iosif-stalin", "organizer")] == "likely"
    assert by_actor[("naum-eitingon", "organizer")] == "likely"
    komoto = rows[(rows.actor_id == "komoto-daisaku") & (rows.role == "organizer")].iloc[0]
    assert komoto.claimed_by == "komoto-daisaku"
    evidence = sjc.load("evidence")
    against = evidence[(evidence.target_id == komoto.id) & (evidence.stance == "contradicts")]
    assert len(against) >= 1
    events = sjc.load("events").set_index("id")
    assert events.loc["assassination-of-zhang-zuolin", "date"] == "1928-06-04"


def test_every_claim_has_evidence_with_page_and_chapter():
    evidence = sjc.load("evidence")
    for table, kind in (("participants", "participant"), ("relations", "relation")):
        ids = set(sjc.load(table)["id"])
        cited = set(evidence.loc[evidence.target_kind == kind, "target_id"])
        assert ids <= cited, f"{table} without evidence: {sorted(ids - cited)[:5]}"
    assert evidence["page"].between(1, 450).all()
    assert evidence["chapter"].notna().all()


TIMELINE = {
    "founding-of-ccp": "1921",
    "treaty-of-rapallo": "1922",
    "founding-of-jcp": "1922",
    "asian-exclusion-act": "1924",
    "opening-of-sino-soviet-diplomatic-relations": "1924",
    "first-kmt-ccp-united-front": "1924",
    "opening-of-soviet-japanese-diplomatic-relations": "1925",
    "death-of-sun-yat-sen": "1925",
    "fuse-katsuji-interview-with-stalin": "1925",
    "chiang-kai-shek-canton-coup": "1926",
    "british-christmas-memorandum": "1926",
    "chiang-kai-shek-shanghai-coup": "1927",
    "northern-expedition": "1927",
    "meeting-of-stalin-and-kuhara-fusanosuke": "1927",
    "meeting-of-stalin-and-goto-shinpei": "1928",
    "jinan-incident": "1928",
    "assassination-of-zhang-zuolin": "1928",
    "unification-of-china": "1928",
    "change-of-banner": "1928",
    "sino-soviet-war": "1929",
}


def test_every_entry_of_the_chapter_two_timeline_is_an_event_in_its_year():
    """The garbled Timeline box (p. 70): each entry an event, cited there, dated in its year."""
    events = sjc.load("events").set_index("id")
    evidence = sjc.load("evidence")
    for ident, year in TIMELINE.items():
        assert ident in events.index, ident
        event = events.loc[ident]
        first, last = f"{year}-01-01", f"{year}-12-31"
        assert event.date_start <= pd.Timestamp(last) and event.date_end >= pd.Timestamp(first), (
            ident,
            event.date,
        )
        pages = set(evidence[evidence.target_id == ident].page)
        assert 70 in pages, f"{ident} has no evidence row for the Timeline on p. 70"


def test_chapter_two_is_covered_throughout():
    """Every printed page of chapter 2 is cited by some evidence row."""
    pages = set(sjc.load("evidence").query("chapter == 2").page)
    assert set(range(69, 174)) - pages == set()
