"""Facts about the printed book that every evidence row is checked against.

The dataset cites the book by printed page, and footnotes restart at 1 in every
chapter, so a page alone decides the chapter and a (chapter, note) pair is only
valid inside that chapter's numbering. These figures are taken from the book's
table of contents and its last footnote per chapter.
"""

from __future__ import annotations

from typing import NamedTuple

TITLE = "Stalin, Japan, and the Struggle for Supremacy over China, 1894–1945"
AUTHOR = "Hiroaki Kuromiya"
PUBLISHER = "Routledge"
YEAR = 2023
DOI = "10.4324/9781003203353"
LICENSE = "CC BY-NC-ND 4.0"

FIRST_PAGE = 1
LAST_PAGE = 450


class Chapter(NamedTuple):
    number: int  # 0 = Introduction, 6 = Conclusion
    title: str
    first_page: int
    last_page: int
    notes: int  # footnotes are numbered 1..notes within the chapter


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(0, "Introduction", 1, 27, 81),
    Chapter(1, "War and Romance (1894–1922)", 28, 68, 143),
    Chapter(2, "Stalin, Zhang, and Tanaka (1922–1929)", 69, 173, 449),
    Chapter(3, "Japan’s Manchurian Saga (1929–1934)", 174, 277, 387),
    Chapter(4, "China’s Firetrap (1935–1938)", 278, 376, 446),
    Chapter(5, "Dénouement (1938–1945)", 377, 433, 247),
    Chapter(6, "Conclusion", 434, 450, 37),
)


def chapter_of_page(page: int) -> Chapter:
    """Return the chapter a printed page belongs to, or raise ValueError."""
    for chapter in CHAPTERS:
        if chapter.first_page <= page <= chapter.last_page:
            return chapter
    raise ValueError(f"page {page} is outside the book (pages {FIRST_PAGE}–{LAST_PAGE})")
