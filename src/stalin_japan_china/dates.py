"""EDTF date strings → the earliest and latest calendar day they allow.

Curators write dates exactly at the book's precision as EDTF strings; users
filter on real calendar days. This module is the one place that turns the first
into the second, so every table and every query agrees on what ``1928`` or
``1931-09~`` covers.

The rules (each pinned by a row of ``tests/test_dates.py``):

* ``1928-06-04`` is that day; ``1928-06`` the whole month; ``1928`` the whole year.
* ``192X`` is the decade 1920–1929, ``19XX`` the century 1900–1999.
* Seasons ``1928-21``…``-24`` are spring (Mar–May), summer (Jun–Aug), autumn
  (Sep–Nov); winter (``-24``) spans 1 January of that year to the end of February
  of the next, because the book's "winter 1928" can mean either end of the year.
* A qualifier ``~`` (approximate), ``?`` (uncertain) or ``%`` (both) widens the
  range by one unit of its own precision on each side: ``1931-09~`` is
  1 August–31 October 1931, ``1928~`` is 1927–1929. The ``edtf`` package's
  default padding is far wider (years for a month), which would make approximate
  events match almost any query.
* ``A/B`` runs from the start of A to the end of B; an open or unknown end
  (``1928-06/``, ``1928-06/..``, ``/1928``) has no bound on that side (None).
* ``[1953, 1955]`` (one of a set: the book gives two readings) runs from the
  start of the earliest member to the end of the latest.

``edtf`` checks the syntax; the bounds are computed here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Literal, NamedTuple

Precision = Literal["day", "month", "season", "year", "decade", "century"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "season", "year", "decade", "century")

_SINGLE = re.compile(
    r"""^(?P<year>\d{2}XX|\d{3}X|\d{4})
        (?:-(?P<month>\d{2}))?
        (?:-(?P<day>\d{2}))?
        (?P<qualifier>[~?%])?$""",
    re.VERBOSE,
)
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11)}


class DateError(ValueError):
    """An EDTF string the dataset cannot turn into calendar bounds."""


class DateBounds(NamedTuple):
    start: dt.date | None
    end: dt.date | None
    precision: Precision


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int, *, to_end: bool) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return _month_end(year, month + 1) if to_end else dt.date(year, month + 1, 1)


def _single(text: str) -> DateBounds:
    match = _SINGLE.match(text)
    if not match:
        raise DateError(
            f"unsupported EDTF date {text!r}: use YYYY, YYYY-MM, YYYY-MM-DD, a season "
            "YYYY-21..24, a decade 192X, optionally followed by ~, ? or %"
        )
    year_text, month, day, qualifier = match.group("year", "month", "day", "qualifier")
    try:
        if year_text.endswith("XX"):
            if month or day:
                raise DateError(f"{text!r}: a century cannot carry a month or day")
            century = int(year_text[:2]) * 100
            start, end, precision = dt.date(century, 1, 1), dt.date(century + 99, 12, 31), "century"
        elif year_text.endswith("X"):
            if month or day:
                raise DateError(f"{text!r}: a decade cannot carry a month or day")
            decade = int(year_text[:3]) * 10
            start, end, precision = dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade"
        else:
            year = int(year_text)
            if month is None:
                start, end, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
            elif int(month) in _SEASONS and day is None:
                first, last = _SEASONS[int(month)]
                start, end, precision = dt.date(year, first, 1), _month_end(year, last), "season"
            elif int(month) == 24 and day is None:
                start, end, precision = dt.date(year, 1, 1), _month_end(year + 1, 2), "season"
            elif day is None:
                start, end, precision = (
                    dt.date(year, int(month), 1),
                    _month_end(year, int(month)),
                    "month",
                )
            else:
                start = end = dt.date(year, int(month), int(day))
                precision = "day"
    except ValueError as error:
        if isinstance(error, DateError):
            raise
        raise DateError(f"{text!r} is not a real calendar date ({error})") from None
    if qualifier:
        start, end = _widen(start, end, precision)
    return DateBounds(start, end, precision)


def _widen(start: dt.date, end: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    """Widen an approximate or uncertain date by one unit of its precision."""
    if precision == "day":
        return start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    months = {"month": 1, "season": 3, "year": 12, "decade": 120, "century": 1200}[precision]
    return _shift_months(start, -months, to_end=False), _shift_months(end, months, to_end=True)


def _coarser(a: Precision, b: Precision) -> Precision:
    return max(a, b, key=PRECISIONS.index)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> DateBounds:
    """Return the earliest day, latest day and precision an EDTF string allows.

    >>> parse("1928-06")
    DateBounds(start=datetime.date(1928, 6, 1), end=datetime.date(1928, 6, 30), precision='month')
    """
    if not isinstance(text, str) or not text.strip():
        raise DateError(f"an EDTF date must be a non-empty string, got {text!r}")
    if text != text.strip():
        raise DateError(f"EDTF date {text!r} has surrounding spaces")
    _check_syntax(text)
    if text.startswith("[") and text.endswith("]"):
        return _one_of(text)
    if "/" not in text:
        return _single(text)
    first, _, last = text.partition("/")
    lower = None if first in ("", "..") else _single(first)
    upper = None if last in ("", "..") else _single(last)
    if lower is None and upper is None:
        raise DateError(f"interval {text!r} is open at both ends")
    if lower and upper and upper.end < lower.start:
        raise DateError(f"interval {text!r} ends ({last}) before it starts ({first})")
    precisions = [b.precision for b in (lower, upper) if b is not None]
    precision = precisions[0] if len(precisions) == 1 else _coarser(*precisions)
    return DateBounds(lower.start if lower else None, upper.end if upper else None, precision)


def _one_of(text: str) -> DateBounds:
    members = [m.strip() for m in text[1:-1].split(",")]
    if len(members) < 2 or any(not m or ".." in m or "/" in m for m in members):
        raise DateError(f"set {text!r} must list two or more single dates, e.g. [1953, 1955]")
    bounds = [_single(m) for m in members]
    precision = bounds[0].precision
    for b in bounds[1:]:
        precision = _coarser(precision, b.precision)
    return DateBounds(min(b.start for b in bounds), max(b.end for b in bounds), precision)


def _check_syntax(text: str) -> None:
    """Reject what is not EDTF at all, with the edtf package's own grammar."""
    try:
        from edtf import parse_edtf
    except ImportError:  # the grammar check is a build-time extra; _single still validates
        return
    try:
        parse_edtf(text)
    except Exception as error:  # edtf raises its own exception types
        raise DateError(f"{text!r} is not valid EDTF: {error}") from None


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


def gloss(text: str | None) -> str:
    """The EDTF date in words, for people: what every table, ``show`` and plot prints.

    >>> [gloss(d) for d in ("1928-06-04", "1928-21", "1930~", "1917/", "[1953, 1955]", None)]
    ['4 June 1928', 'spring 1928', 'c. 1930', '1917 onward', '1953 or 1955', 'undated']
    >>> gloss("1928-06/1928-07"), gloss("/1905-05"), gloss("192X"), gloss("1934?/1935")
    ('June 1928 – July 1928', 'until May 1905', 'the 1920s', '1934 (uncertain) – 1935')
    """
    if text is None or text != text or not str(text).strip():  # None, NaN or blank
        return "undated"
    text = str(text).strip()
    if text.startswith("["):
        members = [gloss(m.strip()) for m in text.strip("[]{}").split(",") if m.strip()]
        return " or ".join(members)
    if "/" in text:
        first, _, last = text.partition("/")
        first, last = first.strip(), last.strip()
        if first in ("", ".."):
            return f"until {gloss(last)}"
        if last in ("", ".."):
            return f"{gloss(first)} onward"
        return f"{gloss(first)} – {gloss(last)}"
    match = _SINGLE.match(text)
    if match is None:
        return text
    year, month, day, qualifier = match.group("year", "month", "day", "qualifier")
    if year.endswith("XX"):
        words = f"the {int(year[:2]) + 1}th century"
    elif year.endswith("X"):
        words = f"the {year[:3]}0s"
    else:
        words = year
    if month is not None:
        number = int(month)
        if number in _SEASON_NAMES:
            words = f"{_SEASON_NAMES[number]} {words}"
        else:
            words = f"{_MONTHS[number - 1]} {words}"
            if day is not None:
                words = f"{int(day)} {words}"
    return {
        None: words,
        "~": f"c. {words}",
        "?": f"{words} (uncertain)",
        "%": f"c. {words} (uncertain)",
    }[qualifier]
