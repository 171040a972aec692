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


class Section(NamedTuple):
    id: str  # "2.4"; the Introduction and Conclusion are sections of their own ("0", "6")
    title: str
    first_page: int
    last_page: int

    @property
    def chapter(self) -> int:
        return int(self.id.split(".")[0])


# From the table of contents. A chapter's opening pages (its title, Timeline and first
# paragraphs, before the first numbered section) belong to its first section here, so
# every page has a section; a page where one section ends and the next begins is in both.
SECTIONS: tuple[Section, ...] = (
    Section("0", "Introduction", 1, 27),
    Section("1.1", "Russia, Japan, and the United States to 1917", 28, 49),
    Section(
        "1.2",
        "Soviet-American Secret Cooperation and the End of the Anglo-Japanese Alliance, 1917–1922",
        49,
        68,
    ),
    Section("2.1", "Soviet-Japanese Rapprochement", 69, 83),
    Section("2.2", "Marriage of Insurance", 83, 106),
    Section("2.3", "The Stalin Meetings", 106, 117),
    Section("2.4", "The Assassination of Zhang Zuolin, June 1928", 117, 162),
    Section("2.5", "The Aftermath", 162, 173),
    Section("3.1", "The Tanaka Memorial", 174, 187),
    Section("3.2", "Lull before the Storm", 188, 212),
    Section("3.3", "Invasion and Trap", 212, 244),
    Section("3.4", "Sino-Soviet-American Rapprochements", 244, 255),
    Section("3.5", "Duel of Political Operatives", 256, 273),
    Section("3.6", "The “Mad Dog”", 273, 277),
    Section("4.1", "The Might of the State", 278, 289),
    Section("4.2", "The Level of Threat", 289, 304),
    Section("4.3", "The Hidden Hand", 304, 336),
    Section("4.4", "The Shadow Master", 336, 376),
    Section("5.1", "New Provocations", 377, 389),
    Section("5.2", "Road to Neutrality", 389, 407),
    Section("5.3", "War and Tribunal", 407, 425),
    Section("5.4", "The Day of Reckoning", 425, 433),
    Section("6", "Conclusion", 434, 450),
)


def sections_of_page(page: int) -> list[Section]:
    """The section(s) a printed page belongs to: two where one section ends mid-page."""
    return [s for s in SECTIONS if s.first_page <= page <= s.last_page]


def section(section_id: str) -> Section:
    """The section with this id ("2.4", or "0" / "6" for Introduction / Conclusion)."""
    for candidate in SECTIONS:
        if candidate.id == section_id:
            return candidate
    raise ValueError(f"no section {section_id!r}; sections are {', '.join(s.id for s in SECTIONS)}")
