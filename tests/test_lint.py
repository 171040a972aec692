"""The consistency check: each kind of contradiction it exists to catch, and the data's state."""

from __future__ import annotations

from typing import ClassVar

from stalin_japan_china.curate.lint import close_match, lint, stale_explanations, unexplained, words
from stalin_japan_china.curate.reading import read_curated, read_facts, read_ledger
from stalin_japan_china.curate.rules import validate

from .conftest import REPO, SECTION


def records_of(folder):
    return validate(read_curated(folder), read_ledger(folder))


def _second_role(docs, role, status, decisive=True):
    row = {"page": 133, "stance": "supports", "note": "Second role."}
    if status != "confirmed" and decisive:
        row["decisive"] = True
    docs[SECTION]["events"][0]["participants"].append(
        {"actor": "person-a", "role": role, "status": status, "evidence": [row]}
    )


def test_one_actor_with_roles_of_different_status_is_found(minimal_docs, write_data):
    minimal_docs[SECTION]["events"][0]["participants"][0].update(status="likely")
    minimal_docs[SECTION]["events"][0]["participants"][0].pop("claimed_by")
    _second_role(minimal_docs, "planner", "confirmed")
    (finding,) = [
        f for f in lint(records_of(write_data(minimal_docs))) if f.check == "roles-differ"
    ]
    assert finding.ids == ("event-e/person-a/organizer", "event-e/person-a/planner")
    assert "organizer likely, planner confirmed" in finding.message


def test_a_claimants_row_beside_the_books_is_not_a_contradiction(minimal_docs, write_data):
    _second_role(minimal_docs, "planner", "confirmed")  # the organizer row is alleged
    assert not [f for f in lint(records_of(write_data(minimal_docs))) if f.check == "roles-differ"]


def test_a_generic_participant_beside_a_specific_role_is_found(minimal_docs, write_data):
    _second_role(minimal_docs, "participant", "alleged", decisive=True)
    minimal_docs[SECTION]["events"][0]["participants"][-1]["claimed_by"] = "person-a"
    checks = [f.check for f in lint(records_of(write_data(minimal_docs)))]
    assert "generic-beside-specific" in checks


def test_parallel_hedged_claims_with_different_status_are_found(minimal_docs, write_data):
    events = minimal_docs[SECTION]["events"]
    events[0]["participants"][0].update(status="likely")
    events[0]["participants"][0].pop("claimed_by")
    twin = {
        "id": "event-f",
        "type": "incident",
        "title": "A second incident",
        "date": "1929",
        "summary": "Something like it happened again.",
        "status": "confirmed",
        "evidence": [{"page": 134, "stance": "supports", "note": "Test."}],
        "participants": [
            {
                "actor": "person-a",
                "role": "organizer",
                "status": "possible",
                "evidence": [{"page": 134, "stance": "supports", "decisive": True, "note": "T."}],
            }
        ],
    }
    events.append(twin)
    (finding,) = [
        f for f in lint(records_of(write_data(minimal_docs))) if f.check == "parallel-claims"
    ]
    assert finding.ids == ("event-e/person-a/organizer", "event-f/person-a/organizer")


def test_a_decisive_page_before_a_contrary_page_is_found(minimal_docs, write_data):
    rows = minimal_docs[SECTION]["relations"][0]["evidence"]
    rows.append({"page": 150, "stance": "contradicts", "note": "Later doubt."})
    (finding,) = [
        f
        for f in lint(records_of(write_data(minimal_docs)))
        if f.check == "decisive-before-opposite"
    ]
    assert finding.ids[0] == "person-a/agent_of/org-b@p137-n263"
    assert "p. 150 (contradicts)" in finding.message


def test_an_explained_finding_stops_blocking_and_a_stale_one_is_reported(minimal_docs, write_data):
    rows = minimal_docs[SECTION]["relations"][0]["evidence"]
    rows.append({"page": 150, "stance": "contradicts", "note": "Later doubt."})
    findings = lint(records_of(write_data(minimal_docs)))
    facts = {
        "lint_explained": [
            {
                "check": "decisive-before-opposite",
                "id": "person-a/agent_of/org-b@p137-n263",
                "reason": "The later page reports another's doubt.",
            },
            {"check": "roles-differ", "id": "gone", "reason": "Fixed since."},
        ]
    }
    assert unexplained(findings, facts) == []
    assert stale_explanations(findings, facts) == [
        "lint_explained: [roles-differ] gone matches no finding any more; remove it"
    ]


def test_close_wording_allows_two_changed_words_and_no_more():
    book = words("the consul reported that two Russian agents had arrived in Mukden that week")
    index = {}
    for i in range(len(book) - 1):
        index.setdefault(tuple(book[i : i + 2]), []).append(i)
        index.setdefault(tuple(book[i : i + 3]), []).append(i)
    two = words("the consul wrote that two Soviet agents had arrived in Mukden")
    three = words("a consul wrote that two Soviet agents had come to Mukden")
    assert close_match(two, book, index) is not None
    assert close_match(three, book, index) is None


def test_the_shipped_data_has_no_unexplained_finding():
    data = REPO / "data"
    findings = lint(records_of(data))
    facts = read_facts(data)
    assert [str(f) for f in unexplained(findings, facts)] == []
    assert stale_explanations(findings, facts) == []


class _FakeBook:
    """Two pages of 'book' text, for the close-wording check."""

    text: ClassVar[dict[int, str]] = {
        150: "the consul reported that two russian agents had arrived in mukden that week"
    }

    def pages_text(self, first, last):
        return self.text.get(first, "")


def test_each_evidence_note_is_compared_with_its_own_page(minimal_docs, write_data):
    """Regression: notes were once compared with the page of the row before them."""
    rows = minimal_docs[SECTION]["events"][0]["evidence"]
    rows.append(
        {
            "page": 150,
            "stance": "context",
            "note": "The consul wrote that two Soviet agents had arrived in Mukden.",
        }
    )
    rows.append({"page": 120, "stance": "context", "note": "Nothing like the book at all here."})
    findings = [
        f
        for f in lint(records_of(write_data(minimal_docs)), _FakeBook())
        if f.check == "close-wording"
    ]
    assert [f.ids for f in findings] == [("event-e@p150-context",)]
