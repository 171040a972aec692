"""Consistency of the claims: where two rows say different things about one fact.

The models and rules check each record is well formed; they cannot see that the
same meeting makes Kuhara a `likely` participant but a `confirmed` visitor, or
that a hedged claim's decisive page comes before the page where the book says
the opposite. Those are the mistakes an independent re-read of chapter 2 found,
so each is a check here. A finding that stands is listed, with its reason, in
``data/curation.yaml`` (``lint_explained``) and the reason is written in the
row's own note, so a user reading the row sees it too.

With the book's text, the lint also warns about wording too close to the book:
eight words of ours that match eight of the book's with at most two words
changed. The ten-word rule (``overlap.py``, ``sjc verify``) stays the hard gate;
this sharper one catches a sentence with a word or two swapped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

PARALLEL_YEARS = 3
"""Events of one type this many years apart or less count as parallel."""

CLOSE_RUN, CLOSE_CHANGES = 8, 2
"""Close wording: a run of this many words with at most this many changed."""

STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is was were be been that this "
    "which who whom his her its their he she it they them not no into than then also had has "
    "have did do does".split()
)


@dataclass(frozen=True)
class Finding:
    check: str
    ids: tuple[str, ...]
    message: str
    warning: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """How ``lint_explained`` names the finding: its check and first id."""
        return self.check, self.ids[0]

    def __str__(self) -> str:
        return f"{'warning' if self.warning else 'finding'} [{self.check}] {self.message}"


def lint(records: dict[str, list[Any]], book: Any | None = None) -> list[Finding]:
    """Every finding on the validated records; close wording only when ``book`` is given."""
    findings = [
        *_roles_of_one_actor(records),
        *_parallel_claims(records),
        *_decisive_before_opposite(records),
    ]
    if book is not None:
        findings += list(_close_wording(records, book))
    return findings


def unexplained(findings: Iterable[Finding], facts: dict[str, Any]) -> list[Finding]:
    """The findings not listed in ``lint_explained`` (warnings are never blocking)."""
    explained = {(e["check"], e["id"]) for e in facts.get("lint_explained", [])}
    return [f for f in findings if not f.warning and f.key not in explained]


def stale_explanations(findings: Iterable[Finding], facts: dict[str, Any]) -> list[str]:
    """Entries of ``lint_explained`` that no longer match a finding (fixed since)."""
    live = {f.key for f in findings}
    return [
        f"lint_explained: [{e['check']}] {e['id']} matches no finding any more; remove it"
        for e in facts.get("lint_explained", [])
        if (e["check"], e["id"]) not in live
    ]


def _roles_of_one_actor(records: dict[str, list[Any]]) -> Iterator[Finding]:
    by_pair: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in records["participants"]:
        by_pair[(row.event_id, row.actor_id)].append(row)
    for (event_id, actor_id), rows in sorted(by_pair.items()):
        if len(rows) < 2:
            continue
        ids = tuple(sorted(r.id for r in rows))
        # Competing accounts of one role (a claimant's row beside the book's) are the
        # design, not a contradiction: compare only the book's own stances.
        own = [r for r in rows if r.status != "alleged"]
        statuses = {r.status for r in own}
        if len(statuses) > 1:
            listing = ", ".join(f"{r.role} {r.status}" for r in sorted(own, key=lambda r: r.id))
            yield Finding(
                "roles-differ",
                ids,
                f"{actor_id} in {event_id} has roles with different statuses ({listing}); "
                "one fact should carry one status unless the book distinguishes them",
            )
        roles = {r.role for r in rows}
        if "participant" in roles and len(roles) > 1:
            yield Finding(
                "generic-beside-specific",
                ids,
                f"{actor_id} in {event_id} is a generic participant beside "
                f"{', '.join(sorted(roles - {'participant'}))}; drop the generic row or say "
                "what it adds",
            )


def _parallel_claims(records: dict[str, list[Any]]) -> Iterator[Finding]:
    events = {e.id: e for e in records["events"]}
    groups: dict[tuple[str, str, str], list[tuple[int, Any]]] = defaultdict(list)
    for row in records["participants"]:
        event = events.get(row.event_id)
        # Hedged rows only: a documented event beside an inferred one differs by design;
        # two inferences of one pattern a year apart should follow the book's wording.
        if event is None or event.date_start is None or row.status in ("alleged", "confirmed"):
            continue
        groups[(row.actor_id, row.role, event.type)].append((event.date_start.year, row))
    for (actor_id, role, event_type), dated in sorted(groups.items()):
        dated.sort(key=lambda pair: (pair[0], pair[1].id))
        for i, (year, row) in enumerate(dated):
            for other_year, other in dated[i + 1 :]:
                if other_year - year > PARALLEL_YEARS:
                    break
                if other.status != row.status and other.event_id != row.event_id:
                    yield Finding(
                        "parallel-claims",
                        (row.id, other.id),
                        f"{actor_id} as {role} in two {event_type} events {other_year - year} "
                        f"year(s) apart: {row.event_id} is {row.status}, {other.event_id} is "
                        f"{other.status}; check each against the book's wording",
                    )


def _decisive_before_opposite(records: dict[str, list[Any]]) -> Iterator[Finding]:
    by_target: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for item in records["evidence"]:
        by_target[(item.target_kind, item.target_id)].append(item)
    opposite = {"supports": "contradicts", "contradicts": "supports"}
    for (kind, target), items in sorted(by_target.items()):
        decisive = [i for i in items if i.decisive]
        if len(decisive) != 1 or decisive[0].stance not in opposite:
            continue
        chosen = decisive[0]
        later = [i for i in items if i.stance == opposite[chosen.stance] and i.page > chosen.page]
        if later:
            pages = ", ".join(f"p. {i.page}" for i in sorted(later, key=lambda i: i.page))
            yield Finding(
                "decisive-before-opposite",
                (chosen.id, *sorted(i.id for i in later)),
                f"{kind} {target}: decisive row on p. {chosen.page} ({chosen.stance}) comes "
                f"before {pages} ({opposite[chosen.stance]}); does the later page decide?",
            )


def words(text: str) -> list[str]:
    """Lowercase words without accents or punctuation, as both sides are compared."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'")).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9']+", folded)


class _PageIndex:
    """Each page's words, with where each three- and two-word block occurs."""

    def __init__(self, book: Any):
        self.book = book
        self.cache: dict[int, tuple[list[str], dict[tuple[str, ...], list[int]]]] = {}

    def page(self, number: int):
        if number not in self.cache:
            try:
                tokens = words(self.book.pages_text(number, number))
            except (KeyError, ValueError):
                tokens = []
            index: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for i in range(len(tokens) - 1):
                index[tuple(tokens[i : i + 2])].append(i)
                if i + 2 < len(tokens):
                    index[tuple(tokens[i : i + 3])].append(i)
            self.cache[number] = (tokens, index)
        return self.cache[number]


def close_match(ours: list[str], tokens: list[str], index: dict) -> int | None:
    """Start of a run in ``ours`` that matches the page with at most two words changed.

    Of eight aligned words with at most two changed, one of the blocks [0:3], [3:6]
    and [6:8] is intact (pigeonhole), so only book positions sharing a block are tried.
    """
    n = CLOSE_RUN
    for start in range(len(ours) - n + 1):
        window = ours[start : start + n]
        if sum(w not in STOPWORDS for w in window) < 4:
            continue
        candidates = set()
        for offset, size in ((0, 3), (3, 3), (6, 2)):
            for pos in index.get(tuple(window[offset : offset + size]), ()):
                candidates.add(pos - offset)
        for pos in candidates:
            if pos < 0 or pos + n > len(tokens):
                continue
            changed = sum(a != b for a, b in zip(window, tokens[pos : pos + n], strict=True))
            if changed <= CLOSE_CHANGES:
                return start
    return None


def _close_wording(records: dict[str, list[Any]], book: Any) -> Iterator[Finding]:
    from ..verifying import FREE_TEXT  # the same fields the ten-word rule reads

    pages_of: dict[str, set[int]] = defaultdict(set)
    participant_event = {p.id: p.event_id for p in records["participants"]}
    for item in records["evidence"]:
        pages_of[item.target_id].add(item.page)
        if item.target_kind == "participant":
            pages_of[participant_event.get(item.target_id, "")].add(item.page)
    index = _PageIndex(book)
    for table, fields in FREE_TEXT.items():
        for record in records[table]:
            # An evidence note is compared with its own page; other records with the pages
            # of all the evidence about them.
            pages = {record.page} if table == "evidence" else pages_of.get(record.id, set())
            nearby = sorted({p + d for p in pages for d in (-1, 0, 1)})
            for field in fields:
                text = getattr(record, field)
                if not text:
                    continue
                ours = words(text)
                if len(ours) < CLOSE_RUN:
                    continue
                for number in nearby:
                    tokens, page_index = index.page(number)
                    start = close_match(ours, tokens, page_index)
                    if start is not None:
                        run = " ".join(ours[start : start + CLOSE_RUN])
                        yield Finding(
                            "close-wording",
                            (record.id,),
                            f"{table} {record.id} {field}: “{run}…” is the book's wording on "
                            f"p. {number} with at most {CLOSE_CHANGES} words changed; rephrase",
                            warning=True,
                        )
                        break
