"""Dated mentions: every day or month the book's running text prints, against the events.

A curated part is complete only if each "4 June 1928" or "June 1928" in its
running text is the date of an event cited on that page, or a noted exclusion
(a document's or publication's date, a misprint) in ``data/curation.yaml``
under ``not_event_dates``. Footnote texts are left out: a date there is
usually a citation's. This sits beside the life-date coverage of ``sjc verify``
and answers the same question for events.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import book

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = "|".join(MONTHS)
DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}),?)"
    rf"?\s*(?P<bare>{_MONTH})?\s*(?P<year>1[89]\d\d)\b"
)


@dataclass
class Mention:
    page: int
    text: str
    iso: str  # 1928-06-04 or 1928-06

    def __str__(self) -> str:
        return f"p. {self.page}: {self.text} ({self.iso})"


@dataclass
class DatedReport:
    chapter: int
    mentions: list[Mention] = field(default_factory=list)
    uncovered: list[Mention] = field(default_factory=list)
    excluded: list[tuple[Mention, str]] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return len(self.mentions) - len(self.uncovered) - len(self.excluded)

    def summary(self) -> str:
        return (
            f"chapter {self.chapter}: {len(self.mentions)} day- or month-precision dates in the "
            f"running text; {self.covered} are event dates, {len(self.excluded)} noted "
            f"exclusions, {len(self.uncovered)} uncovered"
        )


def running_text(source: Path, page: int) -> str:
    """The page's lines before its first footnote text: the body, without the notes."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return _running_text(lines, _pages(source), _note_starts(source), page)


def _pages(source: Path) -> dict[int, tuple[int, int]]:
    with source.with_name("pages.tsv").open(encoding="utf-8") as handle:
        return {
            int(r["page"]): (int(r["first_line"]), int(r["last_line"]))
            for r in csv.DictReader(handle, delimiter="\t")
        }


def _note_starts(source: Path) -> set[int]:
    with source.with_name("notes.tsv").open(encoding="utf-8") as handle:
        return {
            int(r["text_line"]) for r in csv.DictReader(handle, delimiter="\t") if r["text_line"]
        }


def _running_text(lines: list[str], pages: dict, note_starts: set[int], page: int) -> str:
    first, last = pages[page]
    body = []
    for number in range(first, last + 1):
        if number in note_starts:
            break
        body.append(lines[number - 1])
    return re.sub(r"-\n(?=[a-z])", "", "\n".join(body)).replace("\n", " ")


def mentions(source: Path, chapter: int) -> list[Mention]:
    """Every day- or month-precision date with a year in the chapter's running text."""
    lines = source.read_text(encoding="utf-8").splitlines()
    pages, starts = _pages(source), _note_starts(source)
    part = book.CHAPTERS[chapter]
    found = []
    for page in range(part.first_page, part.last_page + 1):
        text = _running_text(lines, pages, starts, page)
        for match in DATE.finditer(text):
            month = match.group("month") or match.group("month2") or match.group("bare")
            if month is None:
                continue  # a bare year: year precision is not checked here
            day = match.group("day") or match.group("day2")
            iso = f"{match.group('year')}-{MONTHS.index(month) + 1:02d}"
            if day:
                iso += f"-{int(day):02d}"
            found.append(Mention(page, " ".join(match.group(0).split()), iso))
    return found


def check(source: Path, chapter: int, records: dict[str, list[Any]], facts: dict) -> DatedReport:
    """Each mention is covered by an event with that date cited within a page of it."""
    report = DatedReport(chapter, mentions(source, chapter))
    dated_pages: dict[str, set[int]] = {}
    for event in records["events"]:
        for iso in _isos(event.date):
            dated_pages.setdefault(iso, set()).update(event.pages)
    exclusions = {
        (item["page"], item["text"]): item["reason"] for item in facts.get("not_event_dates", [])
    }
    for mention in report.mentions:
        pages = dated_pages.get(mention.iso, set())
        if any(abs(p - mention.page) <= 1 for p in pages):
            continue
        reason = exclusions.get((mention.page, mention.text))
        if reason:
            report.excluded.append((mention, reason))
        else:
            report.uncovered.append(mention)
    return report


def _isos(date: str | None) -> set[str]:
    """The day and month dates an EDTF string names (each end of an interval, each member)."""
    if not date:
        return set()
    found = set()
    for part in re.findall(r"\d{4}-\d{2}(?:-\d{2})?", date):
        found.add(part)
        found.add(part[:7])
    return found
