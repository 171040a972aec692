"""Every hedged claim in the shipped tables names its decisive page, and only hedged ones."""

from __future__ import annotations

import stalin_japan_china as sjc

CLAIMS = {"events": "event", "participants": "participant", "relations": "relation"}


def test_every_claim_not_confirmed_has_exactly_one_decisive_row():
    evidence = sjc.load("evidence")
    decisive = evidence[evidence.decisive]
    counts = decisive.groupby(["target_kind", "target_id"], observed=True).size()
    for table, kind in CLAIMS.items():
        frame = sjc.load(table)
        hedged = frame[frame.status != "confirmed"]
        assert len(hedged) > 0, table
        for ident in hedged.id:
            assert counts.get((kind, ident), 0) == 1, f"{table} {ident}"
        for ident in frame[frame.status == "confirmed"].id:
            assert (kind, ident) not in counts.index, (
                f"confirmed {table} {ident} has a decisive row"
            )


def test_decisive_rows_support_or_contradict_a_claim():
    evidence = sjc.load("evidence")
    decisive = evidence[evidence.decisive]
    assert set(decisive.target_kind) <= {"event", "participant", "relation"}
    assert set(decisive.stance) <= {"supports", "contradicts"}


def test_the_kuhara_meeting_carries_one_status_for_one_fact():
    """The re-read's model case: the book hedges on whether they met (p. 108)."""
    participants = sjc.load("participants")
    rows = participants[
        (participants.event_id == "meeting-of-stalin-and-kuhara-fusanosuke")
        & participants.actor_id.isin(["kuhara-fusanosuke", "iosif-stalin"])
    ]
    assert set(rows.status) == {"likely"}
    assert "participant" not in set(rows.role)
    evidence = sjc.load("evidence")
    decisive = evidence[evidence.decisive & (evidence.target_id == rows.id.iloc[0])]
    assert decisive.page.tolist() == [108]


def test_a_refuted_claim_is_decided_by_a_contradicting_row():
    participants = sjc.load("participants")
    refuted = participants[participants.status == "refuted"]
    evidence = sjc.load("evidence")
    decisive = evidence[evidence.decisive & evidence.target_id.isin(refuted.id)]
    assert (decisive.stance == "contradicts").all()
