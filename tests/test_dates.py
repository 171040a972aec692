"""EDTF strings → calendar bounds: every rule of stalin_japan_china.dates, one row each."""

import datetime as dt

import pytest

from stalin_japan_china.dates import DateError, parse

D = dt.date

CASES = [
    # text, start, end, precision
    ("1928-06-04", D(1928, 6, 4), D(1928, 6, 4), "day"),
    ("1928-06", D(1928, 6, 1), D(1928, 6, 30), "month"),
    ("1928-02", D(1928, 2, 1), D(1928, 2, 29), "month"),  # leap year
    ("1929-02", D(1929, 2, 1), D(1929, 2, 28), "month"),
    ("1928", D(1928, 1, 1), D(1928, 12, 31), "year"),
    ("192X", D(1920, 1, 1), D(1929, 12, 31), "decade"),
    ("19XX", D(1900, 1, 1), D(1999, 12, 31), "century"),
    ("1928-21", D(1928, 3, 1), D(1928, 5, 31), "season"),
    ("1928-22", D(1928, 6, 1), D(1928, 8, 31), "season"),
    ("1928-23", D(1928, 9, 1), D(1928, 11, 30), "season"),
    ("1928-24", D(1928, 1, 1), D(1929, 2, 28), "season"),  # winter: either end of the year
    # qualifiers widen by one unit of their own precision, not by years
    ("1931-09~", D(1931, 8, 1), D(1931, 10, 31), "month"),
    ("1931-12~", D(1931, 11, 1), D(1932, 1, 31), "month"),
    ("1928~", D(1927, 1, 1), D(1929, 12, 31), "year"),
    ("1928?", D(1927, 1, 1), D(1929, 12, 31), "year"),
    ("1928%", D(1927, 1, 1), D(1929, 12, 31), "year"),
    ("1928-06-04?", D(1928, 6, 3), D(1928, 6, 5), "day"),
    ("1928-01-01~", D(1927, 12, 31), D(1928, 1, 2), "day"),
    ("192X~", D(1910, 1, 1), D(1939, 12, 31), "decade"),
    # intervals run from the start of the first to the end of the last
    ("1928-06-04/1928-06-21", D(1928, 6, 4), D(1928, 6, 21), "day"),
    ("1928-06/1929", D(1928, 6, 1), D(1929, 12, 31), "year"),
    ("1928~/1929-03", D(1927, 1, 1), D(1929, 3, 31), "year"),
    # open or unknown ends have no bound
    ("1928-06/", D(1928, 6, 1), None, "month"),
    ("1928-06/..", D(1928, 6, 1), None, "month"),
    ("/1928", None, D(1928, 12, 31), "year"),
    ("../1928-06-04", None, D(1928, 6, 4), "day"),
    # one of a set: two readings the book gives
    ("[1953, 1955]", D(1953, 1, 1), D(1955, 12, 31), "year"),
    ("[1928-06-03, 1928-06-04]", D(1928, 6, 3), D(1928, 6, 4), "day"),
    ("[1928-06, 1929]", D(1928, 6, 1), D(1929, 12, 31), "year"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), CASES)
def test_bounds(text, start, end, precision):
    bounds = parse(text)
    assert (bounds.start, bounds.end, bounds.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "non-empty"),
        (" 1928", "surrounding spaces"),
        ("1928-02-30", "not"),
        ("1929-02-29", "not a real calendar date"),
        ("1928-13", "not"),
        ("June 1928", "not"),
        ("1928-6-4", "not"),
        ("1929/1928", "ends .* before it starts"),
        ("/", "not"),
        ("../..", "open at both ends"),
        ("192X-06", "not"),
        ("1928-21~", "not valid EDTF"),
        ("[1953]", "not valid EDTF"),
        ("[1953..1955]", "two or more single dates"),  # edtf has no approximate season
    ],
)
def test_rejects(text, message):
    with pytest.raises(DateError, match=message):
        parse(text)


def test_rejects_non_string():
    with pytest.raises(DateError, match="must be a non-empty string"):
        parse(1928)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("1928-06-04", "4 June 1928"),
        ("1928-06", "June 1928"),
        ("1928", "1928"),
        ("1928-21", "spring 1928"),
        ("1928-24", "winter 1928"),
        ("1930~", "c. 1930"),
        ("1930?", "1930 (uncertain)"),
        ("1917/", "1917 onward"),
        ("/1905", "until 1905"),
        ("1921-11/1922-02", "November 1921 – February 1922"),
        ("[1953, 1955]", "1953 or 1955"),
        ("192X", "the 1920s"),
        (None, "undated"),
        (float("nan"), "undated"),
    ],
)
def test_every_date_reads_in_words(edtf, words):
    from stalin_japan_china.dates import gloss

    assert gloss(edtf) == words
