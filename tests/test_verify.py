"""``sjc verify``: integrity always, and the claims against the book when it is present."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pytest

import stalin_japan_china as sjc
from stalin_japan_china import loading, verifying
from stalin_japan_china.cli import main

from .conftest import BOOK_ENV, NEEDS_BOOK, SOURCE_TEXT, book_text

needs_book = pytest.mark.skipif(not SOURCE_TEXT.is_file(), reason=NEEDS_BOOK)


def test_the_book_is_found_through_the_environment(monkeypatch, tmp_path):
    text = tmp_path / "book.txt"
    monkeypatch.setenv(BOOK_ENV, str(text))
    assert book_text() == text
    monkeypatch.delenv(BOOK_ENV)
    assert book_text().parts[-3:] == ("shared", "source", "kuromiya-2023.txt")


def test_a_skipped_book_test_says_how_to_enable_it():
    assert BOOK_ENV in NEEDS_BOOK and "pages.tsv" in NEEDS_BOOK and "../shared/source" in NEEDS_BOOK


def test_integrity_passes_on_the_shipped_files():
    report = sjc.verify()
    assert report.ok and [c.name for c in report.checks] == [verifying.integrity().name]


def test_integrity_reports_a_tampered_file(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(loading.data_dir(), folder)
    monkeypatch.setattr(loading, "data_dir", lambda: folder)
    loading.manifest.cache_clear()
    try:
        (folder / "places.parquet").write_bytes(b"x")
        check = verifying.integrity()
        assert not check.ok and "places.parquet does not match its SHA-256" in check.failures[0]
    finally:
        loading.manifest.cache_clear()


def test_a_missing_page_map_is_a_clear_error(tmp_path):
    text = tmp_path / "book.txt"
    text.write_text("some text\n")
    with pytest.raises(verifying.SourceError, match=r"no page map at .*pages\.tsv; pass --pages"):
        sjc.verify(text)
    with pytest.raises(verifying.SourceError, match="no book text at"):
        sjc.verify(tmp_path / "nothing.txt")


@needs_book
def test_grounding_own_words_and_coverage_against_the_book():
    report = sjc.verify(SOURCE_TEXT)
    by_name = {c.name.split(" (")[0]: c for c in report.checks}
    grounding = by_name["grounding"]
    assert grounding.checked > 1000 and grounding.rate >= verifying.GROUNDING_THRESHOLD
    assert by_name["footnotes"].ok and by_name["own words"].ok
    chapter_2 = next(c for c in report.checks if c.name.startswith("life dates, chapter 2"))
    assert chapter_2.checked >= 95 and chapter_2.rate >= 0.98, chapter_2.failures
    assert report.ok, report.text()


@needs_book
def test_grounding_catches_a_miscited_page(monkeypatch):
    """Move Kōmoto's evidence to a page about something else: the check must notice."""
    text = verifying.BookText.read(SOURCE_TEXT)
    real = sjc.load_table

    def shifted(name):
        table = real(name)
        if name != "evidence":
            return table
        import pyarrow as pa
        import pyarrow.compute as pc

        pages = pc.if_else(pc.equal(table["target_id"], "komoto-daisaku"), 400, table["page"])
        pages = pages.cast(pa.int16())
        chapters = pc.if_else(pc.equal(table["target_id"], "komoto-daisaku"), 5, table["chapter"])
        table = table.set_column(table.schema.get_field_index("page"), "page", pages)
        return table.set_column(
            table.schema.get_field_index("chapter"), "chapter", chapters.cast(pa.int16())
        )

    monkeypatch.setattr(verifying, "load_table", shifted)
    names, _ = verifying.grounding(text)
    assert any(f.startswith("komoto-daisaku@") and "p. 400" in f for f in names.failures)


@needs_book
def test_own_words_catches_a_copied_sentence(monkeypatch):
    text = verifying.BookText.read(SOURCE_TEXT)
    copied = " ".join(verifying._words(verifying._join(text.lines[3335:3338])))[:200]
    real = sjc.load_table

    def with_copy(name):
        table = real(name)
        if name != "evidence":
            return table
        import pyarrow as pa

        notes = table["note"].to_pylist()
        notes[0] = copied
        return table.set_column(
            table.schema.get_field_index("note"), "note", pa.array(notes, pa.string())
        )

    monkeypatch.setattr(verifying, "load_table", with_copy)
    check = verifying.own_words(text)
    assert len(check.failures) == 1 and not check.ok


@needs_book
def test_cli_verify_and_coverage_exit_codes(capsys):
    assert main(["verify", "--source", str(SOURCE_TEXT), "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "grounding" in out and "own words" in out and "life dates, chapter 2" in out
    assert main(["curate", "coverage", "--source", str(SOURCE_TEXT), "--chapter", "2"]) == 0
    capsys.readouterr()


@needs_book
def test_cli_coverage_fails_and_lists_what_is_uncovered(capsys, monkeypatch):
    # Every chapter is curated now, so take the chapter 5 actors away to see it fail.
    real = verifying.load_table

    def without_chapter_five_people(name):
        table = real(name)
        if name != "actors":
            return table
        dropped = {"togo-shigenori", "umezu-yoshijiro", "kido-koichi", "tsuru-shigeto"}
        return table.filter(pa.array([i not in dropped for i in table["id"].to_pylist()]))

    monkeypatch.setattr(verifying, "load_table", without_chapter_five_people)
    assert main(["curate", "coverage", "--source", str(SOURCE_TEXT), "--chapter", "5"]) == 1
    out = capsys.readouterr().out
    assert "uncovered:" in out and "Tōgō Shigenori" in out
