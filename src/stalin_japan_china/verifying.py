"""Check the installed dataset: its files, and its claims against the book.

Two kinds of checks, because users have two kinds of doubt:

* **Integrity** (no book needed): every shipped Parquet file matches the SHA-256
  the build wrote into ``manifest.json``.
* **Grounding** (needs the book's open-access text, which the dataset does not
  ship): every evidence row's printed page, give or take one page because PDF
  extraction breaks pages imperfectly, names the actors the row is about; every
  footnote number exists in that chapter and sits within a page of the cited one;
  no curated text repeats a run of ten or more of the book's words; and every
  "Name (…, YYYY–YYYY)" life-date mention in a part of the book is an actor with
  those years.

The text is read with a page map, ``pages.tsv`` (printed page → first and last
line), and optionally ``notes.tsv`` (chapter, note → page), which ship beside
the text in the curators' copy; ``--pages``/``--notes`` point elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import book, checks, names
from .errors import InvalidValueError
from .loading import TABLES, DataFileError, check_file, load_table

GROUNDING_THRESHOLD = 0.95
"""Minimum share of evidence rows whose page names their actors.

Below 100% for two known reasons, both measured when the threshold was set:
the extraction moves a few lines across page breaks further than one page,
and the book often names an organization or state by a synonym (``Moscow`` for
the Soviet government, ``the Japanese army`` for a unit) that no alias can
list without becoming ambiguous. A fall below 95% means pages or actors were
mis-cited wholesale, not that the text is terse.
"""

OWN_WORDS_RUN = 10
"""Shared runs of this many words count as copying (the project's rule)."""

FREE_TEXT = {
    "actors": ("description", "disambiguation"),
    "events": ("title", "summary"),
    "participants": ("note",),
    "relations": ("note",),
    "evidence": ("note",),
}

LIFE_DATES = re.compile(r"\(([^()]{0,60}?)\b(1\d{3})[–-](\d{2,4}|\?)\)")


def curation_facts() -> dict[str, Any]:
    """The curators' facts (``data/curation.yaml``), shipped beside the tables.

    Which chapters are curated in full and which year ranges are not life dates are
    decided per chapter by curators, so they are data, read here, not code.
    """
    import json
    from importlib.resources import files

    path = files("stalin_japan_china").joinpath("data", "curation.json")
    return json.loads(path.read_text(encoding="utf-8"))


def not_life_dates() -> dict[str, str]:
    """Parenthesised year ranges that are not a person's life dates, with the reason."""
    return {item["text"]: item["reason"] for item in curation_facts().get("not_life_dates", [])}


def curated_chapters() -> frozenset[int]:
    """Chapters curated completely, whose life-date coverage must reach 98%."""
    return frozenset(curation_facts().get("curated_chapters", []))


# A person's life dates follow a capitalized name ("Viktor L. Kopp (1880–1930)") or
# open a parenthesis that holds the name in native script ("(袁世凱, 1859–1916)").
_NAME_BEFORE = re.compile(r"[A-ZĀĒĪŌŪÓÉ][\w’'.\-]*\)?\s*$")
_CHAPTER_TITLES = tuple(c.title for c in book.CHAPTERS if "(" in c.title)


class SourceError(InvalidValueError):
    """The book's text or its page map is missing or not the expected edition."""


@dataclass
class Check:
    """One check's outcome: how many passed, and each failure described."""

    name: str
    checked: int = 0
    failures: list[str] = field(default_factory=list)
    threshold: float = 1.0

    @property
    def rate(self) -> float:
        return 1.0 if not self.checked else 1 - len(self.failures) / self.checked

    @property
    def ok(self) -> bool:
        return self.rate >= self.threshold

    def summary(self) -> str:
        mark = "ok" if self.ok else "FAIL"
        return (
            f"{mark:4}  {self.name}: {self.checked - len(self.failures)}/{self.checked} "
            f"({self.rate:.1%}; threshold {self.threshold:.0%})"
        )


@dataclass
class Report:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def text(self, limit: int = 50) -> str:
        lines = [c.summary() for c in self.checks]
        for check in self.checks:
            if check.failures and check.threshold == 0:  # reported only: counts suffice
                continue
            if check.failures:
                shown = check.failures[:limit]
                lines.append(f"{check.name}: {len(check.failures)} failure(s)")
                lines += [f"  - {f}" for f in shown]
                if len(check.failures) > limit:
                    lines.append(f"  … and {len(check.failures) - limit} more")
        return "\n".join(lines)


# --- integrity ----------------------------------------------------------------------


def integrity() -> Check:
    """Every shipped table against its SHA-256 in the manifest."""
    check = Check("integrity (SHA-256 of the shipped Parquet files)")
    for table in TABLES:
        check.checked += 1
        try:
            check_file(table)
        except DataFileError as error:
            check.failures.append(str(error))
    return check


# --- the book -------------------------------------------------------------------------


@dataclass
class BookText:
    """The book's text split into printed pages."""

    lines: list[str]
    pages: dict[int, tuple[int, int]]
    notes: dict[tuple[int, int], int] | None = None

    @classmethod
    def read(cls, source: Path, pages: Path | None = None, notes: Path | None = None):
        source = Path(source)
        if not _is_file(source):  # first: "/" has no name to put pages.tsv beside
            raise SourceError(f"no book text at {source}; pass --source PATH to the text file")
        pages = Path(pages) if pages else source.with_name("pages.tsv")
        notes = Path(notes) if notes else source.with_name("notes.tsv")
        if not _is_file(pages):
            raise SourceError(
                f"no page map at {pages}; pass --pages PATH to the pages.tsv for this text"
            )
        try:
            lines = source.read_text(encoding="utf-8").splitlines()
            page_map = {}
            for row in _tsv(pages):
                page_map[int(row["page"])] = (int(row["first_line"]), int(row["last_line"]))
            note_pages = _note_pages(notes) if _is_file(notes) else None
        except (OSError, UnicodeDecodeError, KeyError, IndexError, ValueError) as error:
            # Any file can be passed here; one that is not the text or its maps says so.
            raise SourceError(
                f"cannot read {source} with its page and note maps ({type(error).__name__}: "
                f"{checks.shown(str(error))}): are they the book's text and its .tsv maps?"
            ) from None
        if len(page_map) < book.LAST_PAGE or max(last for _, last in page_map.values()) > len(
            lines
        ):
            raise SourceError(
                f"{pages} does not map all {book.LAST_PAGE} pages onto {source} "
                f"({len(lines)} lines): is it the page map of this text?"
            )
        return cls(lines, page_map, note_pages)

    def page_text(self, page: int, spread: int = 0) -> str:
        first = self.pages[max(book.FIRST_PAGE, page - spread)][0]
        last = self.pages[min(book.LAST_PAGE, page + spread)][1]
        return _join(self.lines[first - 1 : last])

    def pages_text(self, first_page: int, last_page: int) -> str:
        return _join(self.lines[self.pages[first_page][0] - 1 : self.pages[last_page][1]])


def _is_file(path: Path) -> bool:
    """``Path.is_file``, but False for a name the OS refuses (too long) instead of raising."""
    try:
        return path.is_file()
    except OSError:
        return False


def _note_pages(notes: Path) -> dict[tuple[int, int], int]:
    chapter_number = {c.title.split(" (")[0]: c.number for c in book.CHAPTERS}
    chapter_number |= {str(c.number): c.number for c in book.CHAPTERS}
    chapter_number["Conclusion"] = 6
    return {
        (chapter_number[row["chapter"]], int(row["note"])): int(row["page"])
        for row in _tsv(notes)
        if row["chapter"] in chapter_number
    }


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    for row in rows[1:]:
        if row.strip():
            yield dict(zip(header, row.split("\t"), strict=False))


def _join(lines: list[str]) -> str:
    """Lines as one string, words hyphenated across a line break rejoined."""
    text = re.sub(r"\s+", " ", " ".join(lines))
    return re.sub(r"(\w)- (\w)", r"\1\2", text)


def _padded_key(text: str) -> str:
    # A footnote's number is printed glued to its first word ("431Liu Ding"): split them.
    text = re.sub(r"(\d)([^\W\d_])", r"\1 \2", text)
    return f" {names.key(text)} "


# --- grounding -----------------------------------------------------------------------------


EAST_ASIAN = {"china", "japan", "korea", "manchukuo", "mongolia"}


def mention_keys(actor: dict[str, Any]) -> set[str]:
    """The forms in which the book may name an actor: names, aliases and a person's surname."""
    found = {actor["name"], *(actor["aliases"] or [])}
    if actor["name_native"]:
        found.add(actor["name_native"])
    if actor["kind"] == "person":
        parts = actor["name"].split()
        if len(parts) > 1:
            found.add(parts[0] if actor["nationality"] in EAST_ASIAN else parts[-1])
    return {names.key(n) for n in found if names.key(n)}


def grounding(text: BookText) -> tuple[Check, Check]:
    """Evidence pages that name their actors, and footnotes that exist near their page."""
    actors = {a["id"]: a for a in load_table("actors").to_pylist()}
    keys = {ident: mention_keys(a) for ident, a in actors.items()}
    participants = {p["id"]: p for p in load_table("participants").to_pylist()}
    relations = {r["id"]: r for r in load_table("relations").to_pylist()}
    cast: dict[str, list[str]] = {}
    for p in participants.values():
        cast.setdefault(p["event_id"], []).append(p["actor_id"])
    names_check = Check(
        "grounding (cited page ±1 names the row's actors)", threshold=GROUNDING_THRESHOLD
    )
    notes_check = Check("footnotes (number exists in the chapter, within a page of the citation)")
    page_cache: dict[int, str] = {}
    for row in load_table("evidence").to_pylist():
        kind, target = row["target_kind"], row["target_id"]
        if kind == "actor":
            required, any_of = [target], []
        elif kind == "participant":
            required, any_of = [participants[target]["actor_id"]], []
        elif kind == "relation":
            required = [relations[target]["subject_id"], relations[target]["object_id"]]
            any_of = []
        else:
            required, any_of = [], cast.get(target, [])
        page = row["page"]
        if page not in page_cache:
            page_cache[page] = _padded_key(text.page_text(page, spread=1))
        body = page_cache[page]

        def named(actor_id: str, body: str = body) -> bool:
            return any(f" {k} " in body for k in keys[actor_id])

        # Groups ("the Kōmoto group", "two Russian agents") are descriptions the
        # curators coined, not names the book prints; they are not looked for.
        required = [a for a in required if actors[a]["kind"] != "group"]
        any_of = [a for a in any_of if actors[a]["kind"] != "group"]

        if required or any_of:
            names_check.checked += 1
            missing = [a for a in required if not named(a)]
            if any_of and not any(named(a) for a in any_of):
                missing.append("any of " + ", ".join(sorted(set(any_of))))
            if missing:
                names_check.failures.append(
                    f"{row['id']}: p. {page} (±1) does not name {', '.join(missing)}"
                )
        if row["footnote"] is not None:
            notes_check.checked += 1
            chapter = book.CHAPTERS[row["chapter"]]
            note = row["footnote"]
            if not 1 <= note <= chapter.notes:
                notes_check.failures.append(
                    f"{row['id']}: chapter {chapter.number} has no note {note}"
                )
            elif text.notes is not None:
                where = text.notes.get((chapter.number, note))
                if where is None or abs(where - page) > 1:
                    notes_check.failures.append(
                        f"{row['id']}: note {note} is on p. {where}, not within a page of {page}"
                    )
    return names_check, notes_check


# --- own words -----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.U)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def own_words(text: BookText, run: int = OWN_WORDS_RUN) -> Check:
    """Curated free text that shares a run of ``run`` words with the book."""
    book_words = _words(re.sub(r"-\s*\n\s*", "", "\n".join(text.lines)))
    shingles = {hash(tuple(book_words[i : i + run])) for i in range(len(book_words) - run + 1)}
    check = Check(f"own words (no run of {run}+ words shared with the book)")
    for table, columns in FREE_TEXT.items():
        rows = load_table(table).select(["id", *columns]).to_pylist()
        for row in rows:
            for column in columns:
                value = row[column]
                if not value:
                    continue
                check.checked += 1
                ws = _words(value)
                shared = [
                    " ".join(ws[i : i + run])
                    for i in range(len(ws) - run + 1)
                    if hash(tuple(ws[i : i + run])) in shingles
                ]
                if shared:
                    check.failures.append(f"{table} {row['id']} {column}: {shared[0]!r}…")
    return check


# --- life-date coverage -------------------------------------------------------------------


@dataclass
class Mention:
    context: str
    born: int
    died: int | None
    actor_id: str | None


def life_date_mentions(text: BookText, first_page: int, last_page: int) -> list[Mention]:
    """Every "Name (…, YYYY–YYYY)" in the pages, matched to the actor with those years."""
    body = text.pages_text(first_page, last_page)
    actors = [a for a in load_table("actors").to_pylist() if a["born"] is not None]
    excluded_texts = tuple(not_life_dates())
    found = []
    for match in LIFE_DATES.finditer(body):
        context = body[max(0, match.start() - 60) : match.end()]
        if any(context.endswith(excluded) for excluded in excluded_texts):
            continue
        if not _NAME_BEFORE.search(body[: match.start()]) and not match.group(1).strip():
            continue  # "… otnoshenii (1919–1948)": a title's or period's years, not a name's
        if any(context.casefold().endswith(title.casefold()) for title in _CHAPTER_TITLES):
            continue  # the chapter's title or a running head
        born, end = int(match.group(2)), match.group(3)
        died = None if end == "?" else int(end) if len(end) == 4 else int(str(born)[:2] + end)
        if died is not None and died < born:  # 1998–01 means 2001
            died += 100
        padded = _padded_key(context)
        hits = [
            a["id"]
            for a in actors
            if a["born"] == born
            and a["died"] == died
            and any(f" {k} " in padded for k in mention_keys(a))
        ]
        found.append(Mention(context, born, died, hits[0] if hits else None))
    return found


def coverage(text: BookText, chapter: int) -> Check:
    """Life-date mentions of one chapter that are actors with those years."""
    part = book.CHAPTERS[chapter]
    check = Check(f"life dates, chapter {chapter} (pp. {part.first_page}–{part.last_page})")
    check.threshold = 0.98
    for mention in life_date_mentions(text, part.first_page, part.last_page):
        check.checked += 1
        if mention.actor_id is None:
            check.failures.append(
                f"…{mention.context[-70:]} -> no actor born {mention.born}, died {mention.died}"
            )
    return check


def chapters_with_data() -> list[int]:
    """Chapters that hold evidence, i.e. the parts curated so far."""
    return sorted(set(load_table("evidence").column("chapter").to_pylist()))


def verify(
    source: Path | str | None = None,
    pages: Path | str | None = None,
    notes: Path | str | None = None,
) -> Report:
    """Run every check; the book-dependent ones only when ``source`` is given."""
    source, pages, notes = (
        checks.path(source, "source"),
        checks.path(pages, "pages"),
        checks.path(notes, "notes"),
    )
    done = [integrity()]
    if source is None:
        return Report(done)
    text = BookText.read(source, pages, notes)
    names_check, notes_check = grounding(text)
    done += [names_check, notes_check, own_words(text)]
    for chapter in chapters_with_data():
        curated = coverage(text, chapter)
        # Only parts curated in full are held to the coverage threshold; chapters
        # reached so far only by cross-references are reported, not failed.
        if chapter not in curated_chapters():
            curated.threshold = 0.0
            curated.name += (
                f" (not yet curated in full: reported only; `sjc curate coverage --chapter "
                f"{chapter}` lists them)"
            )
        done.append(curated)
    return Report(done)
