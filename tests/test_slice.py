"""The curated slice against the book itself: section 2.4 (printed pp. 117-162).

These tests read the book's text and are skipped, with the reason shown, when
it is not beside the checkout (CI lays it at ../shared/source/).
"""

from __future__ import annotations

import re

import pytest

import stalin_japan_china as sjc

from .conftest import SOURCE_TEXT

pytestmark = pytest.mark.skipif(
    not SOURCE_TEXT.is_file(), reason=f"the book's text is not at {SOURCE_TEXT}"
)
SECTION_LINES = (5549, 7570)  # section 2.4, from ../shared/source/sections.tsv
LIFE_DATES = re.compile(r"\(([^()]{0,60}?)\b(1\d{3})[–-](\d{2,4}|\?)\)")
# Parenthesised year ranges in section 2.4 that are not a person's life dates.
NOT_LIFE_DATES = {
    "Northern Expedition (1926–28)": "a campaign's years (figure caption)",
    "(1952-1956)": "a publication's date range in a citation",
    "(1950–53)": "a period of interrogation records",
    "phase of expedition (1926–27)": "the first phase of the same campaign",
}


def section_text() -> str:
    lines = SOURCE_TEXT.read_text(encoding="utf-8").splitlines()
    first, last = SECTION_LINES
    text = " ".join(lines[first - 1 : last])
    return re.sub(r"(\w)- (\w)", r"\1\2", re.sub(r"\s+", " ", text))


def life_date_mentions() -> list[tuple[str, int, int | None]]:
    """(context, born, died) for every "Name (…, YYYY–YYYY)" in the section."""
    text = section_text()
    mentions = []
    for match in LIFE_DATES.finditer(text):
        context = text[max(0, match.start() - 60) : match.end()]
        if any(context.endswith(excluded) for excluded in NOT_LIFE_DATES):
            continue
        born, end = int(match.group(2)), match.group(3)
        died = None if end == "?" else int(end) if len(end) == 4 else int(str(born)[:2] + end)
        if died is not None and died < born:  # e.g. 1998–2001 written 1998–01
            died += 100
        mentions.append((context, born, died))
    return mentions


def names(actor: dict) -> list[str]:
    found = [actor["name"], *actor["aliases"]]
    if actor["name_native"]:
        found.append(actor["name_native"])
    family = actor["name"].split()[-1] if actor["kind"] == "person" else None
    return [n for n in found if n] + ([family] if family else [])


def test_every_life_date_mention_in_the_section_is_an_actor_with_those_years():
    actors = sjc.load_table("actors").to_pylist()
    mentions = life_date_mentions()
    assert len(mentions) >= 40  # the section prints about 45; fewer means the regex broke
    missing = []
    for context, born, died in mentions:
        candidates = [a for a in actors if a["born"] == born and a["died"] == died]
        if not any(n in context for a in candidates for n in names(a)):
            missing.append(f"{context!r} -> born {born}, died {died}")
    assert not missing, "life dates printed in 2.4 with no matching actor:\n" + "\n".join(missing)


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


def test_footnotes_cited_in_the_slice_are_chapter_two_notes_on_or_near_their_page():
    """A footnote number must be one whose marker or text the page map puts within a page."""
    notes = {}
    for line in (SOURCE_TEXT.parent / "notes.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        chapter, note, _, _, page = line.split("\t")
        if chapter == "2":
            notes[int(note)] = int(page)
    evidence = sjc.load("evidence")
    cited = evidence[evidence.footnote.notna() & evidence.page.between(117, 162)]
    far = [
        f"{r.id} (note on p. {notes.get(int(r.footnote))})"
        for r in cited.itertuples()
        if abs(notes.get(int(r.footnote), -99) - r.page) > 1
    ]
    assert not far, "footnotes more than a page from the cited page:\n" + "\n".join(far)
