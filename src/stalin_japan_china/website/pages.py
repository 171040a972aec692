"""The explore site's HTML pages and its ``data.js``, rendered from the shipped tables.

Every page is complete HTML that reads without JavaScript; the views' scripts only add
to it. Pages are built from plain dicts with ``html.escape`` rather than a template
engine, so the site needs nothing beyond the package's own dependencies, and all ten
thousand pages render in a few seconds. URLs come from ids: ``actors/<id>.html``,
``events/<id>.html``, ``sources/<id>.html`` and ``claims/<id>.html``, where a claim id's
``/`` becomes ``~`` (``claims/assassination-of-zhang-zuolin~komoto-daisaku~organizer.html``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from html import escape
from typing import Any

from .. import book, dates
from ..models import STATUS_MEANING
from ..scale import STATUS_COLOURS

STATUSES = tuple(STATUS_MEANING)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
FIRST_YEAR, LAST_YEAR = 1894, 1945


def lang(text: str, nationality: str | None = None) -> str | None:
    """The ``lang`` tag a name needs so the browser picks the right glyphs.

    Han characters alone are Japanese for a Japanese actor and Chinese otherwise: the same
    code point is drawn differently in the two (``lang`` selects the font).

    >>> lang("大川周明", "japan"), lang("張作霖", "china"), lang("Сталин"), lang("Stalin")
    ('ja', 'zh', 'ru', None)
    """
    if _CYRILLIC.search(text):
        return "ru"
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "ja" if nationality == "japan" else "zh"
    return None


def url(kind: str, ident: str) -> str:
    """The page of a record, relative to the site's root.

    >>> url("claim", "assassination-of-zhang-zuolin/komoto-daisaku/organizer")
    'claims/assassination-of-zhang-zuolin~komoto-daisaku~organizer.html'
    """
    folder = {"actor": "actors", "event": "events", "source": "sources", "claim": "claims"}[kind]
    return f"{folder}/{ident.replace('/', '~')}.html"


def _bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest day of a shipped EDTF date, as ``dates.parse`` gives them.

    The shipped dates were checked against the EDTF grammar when the data was built, so
    each end is read with the dates module's own single-date reader, without the (slow)
    grammar check ``dates.parse`` runs on every new string.
    """
    if text.startswith("["):
        members = [dates._single(m.strip()) for m in text.strip("[]").split(",")]
        return min(m.start for m in members), max(m.end for m in members)
    first, slash, last = text.partition("/")
    if not slash:
        single = dates._single(first)
        return single.start, single.end
    start = dates._single(first).start if first not in ("", "..") else None
    end = dates._single(last).end if last not in ("", "..") else None
    return start, end


def core(text: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The span a date gives without its ``~``/``?``/``%`` widening: the bar's solid part.

    >>> core("1930~"), core("1928-06/")
    ((datetime.date(1930, 1, 1), datetime.date(1930, 12, 31)), (datetime.date(1928, 6, 1), None))
    """
    if not text or text.startswith("["):
        return None, None
    try:
        return _bounds(re.sub(r"[~?%]", "", text))
    except dates.DateError:
        return None, None


def _year(text: str | None, end: bool) -> int | None:
    """The first (or last) year an EDTF date allows, for the network's year range.

    >>> _year("1928~", end=False), _year("1931/1932", end=True), _year("1917/", end=True)
    (1927, 1932, None)
    """
    if not text:
        return None
    day = _bounds(text)[1 if end else 0]
    return day.year if day else None


def _iso(day: Any) -> str | None:
    if day is None or day != day:  # None or NaT
        return None
    return day.isoformat()[:10]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


class Data:
    """The shipped tables as plain Python, with the indexes the pages share."""

    def __init__(self) -> None:
        from .. import __version__
        from ..loading import load_table

        def rows(name: str) -> list[dict[str, Any]]:
            return load_table(name).to_pylist()

        self.version = __version__
        self.actors = {a["id"]: a for a in rows("actors")}
        self.places = {p["id"]: p for p in rows("places")}
        self.sources = {s["id"]: s for s in rows("sources")}
        self.events = {e["id"]: e for e in rows("events")}
        self.participants = {p["id"]: p for p in rows("participants")}
        self.relations = {r["id"]: r for r in rows("relations")}
        self.evidence = rows("evidence")
        self.on: dict[str, list[dict]] = defaultdict(list)
        self.citing: dict[str, list[dict]] = defaultdict(list)
        self.by_page: dict[int, list[dict]] = defaultdict(list)
        for e in sorted(self.evidence, key=lambda e: (e["page"], e["footnote"] or 0)):
            self.on[e["target_id"]].append(e)
            if e["source_id"]:
                self.citing[e["source_id"]].append(e)
            self.by_page[e["page"]].append(e)
        self.roles: dict[str, list[dict]] = defaultdict(list)
        self.taking_part: dict[str, list[dict]] = defaultdict(list)
        for p in self.participants.values():
            self.roles[p["event_id"]].append(p)
            self.taking_part[p["actor_id"]].append(p)
        self.ties: dict[str, list[dict]] = defaultdict(list)
        for r in self.relations.values():
            self.ties[r["subject_id"]].append(r)
            if r["object_id"] != r["subject_id"]:
                self.ties[r["object_id"]].append(r)
        self.rivals = self._rivals()
        self.lines: dict[tuple[str, str], str] = {}  # evidence lines, shared by pages

    def name(self, ident: str | None) -> str:
        if ident is None:
            return ""
        if ident in self.actors:
            return self.actors[ident]["name"]
        if ident in self.sources:
            return self.sources[ident]["citation"]
        return ident

    def claim(self, ident: str) -> tuple[str, dict] | None:
        """(kind, record) of a claim id: an event's occurrence, a participant or a relation."""
        for kind, table in (
            ("event", self.events),
            ("participant", self.participants),
            ("relation", self.relations),
        ):
            if ident in table:
                return kind, table[ident]
        return None

    def statement(self, ident: str) -> str:
        """A claim in words, as ``sjc.claims()`` states it."""
        found = self.claim(ident)
        if found is None:
            return self.name(ident)
        kind, r = found
        if kind == "event":
            return f"{r['title']} — took place"
        if kind == "participant":
            return (
                f"{self.name(r['actor_id'])} — {r['role']} — {self.events[r['event_id']]['title']}"
            )
        return f"{self.name(r['subject_id'])} — {r['predicate']} — {self.name(r['object_id'])}"

    def _rivals(self) -> dict[str, list[str]]:
        """Competing claims, grouped as ``sjc.claims(contested=True)`` groups them: another
        actor in the same event and role, the same actor and role under another account,
        or the same tie under another key (confirmed co-signatories do not compete)."""
        groups: dict[tuple, set[str]] = defaultdict(set)
        for ident in self.participants:
            event_id, actor_id, role, *_ = ident.split("/")
            groups[("role", event_id, role)].add(ident)
            groups[("same", event_id, actor_id, role)].add(ident)
        for ident in self.relations:
            subject, predicate, obj, *_ = ident.split("/")
            groups[("tie", subject, predicate, obj)].add(ident)
        rivals: dict[str, set[str]] = defaultdict(set)
        for key, ids in groups.items():
            if len(ids) < 2:
                continue
            records = [self.claim(i)[1] for i in ids]  # type: ignore[index]
            if key[0] == "role" and all(r["status"] == "confirmed" for r in records):
                continue
            for ident in ids:
                rivals[ident] |= ids - {ident}
        return {k: sorted(v) for k, v in rivals.items()}


# --- small pieces of HTML ----------------------------------------------------------------


def name_html(text: str, nationality: str | None = None) -> str:
    tag = lang(text, nationality)
    return f'<span lang="{tag}">{escape(text)}</span>' if tag else escape(text)


def link(root: str, kind: str, ident: str, text: str, nationality: str | None = None) -> str:
    return f'<a href="{root}{escape(url(kind, ident))}">{name_html(text, nationality)}</a>'


def badge(status: str) -> str:
    return f'<span class="status {status}" title="{escape(STATUS_MEANING[status])}">{status}</span>'


def actor_link(data: Data, root: str, ident: str | None) -> str:
    if not ident:
        return ""
    if ident in data.actors:
        a = data.actors[ident]
        return link(root, "actor", ident, a["name"], a["nationality"])
    if ident in data.sources:
        return link(root, "source", ident, data.sources[ident]["citation"])
    return escape(ident)


def claim_link(data: Data, root: str, ident: str) -> str:
    return link(root, "claim", ident, data.statement(ident))


def evidence_line(data: Data, root: str, e: dict) -> str:
    """Page, footnote, the cited source and what the evidence says (made once per row)."""
    key = (root, e["id"])
    if key not in data.lines:
        data.lines[key] = _evidence_line(data, root, e)
    return data.lines[key]


def _evidence_line(data: Data, root: str, e: dict) -> str:
    where = f'<a class="page" href="{root}book.html#p{e["page"]}">p. {e["page"]}</a>'
    if e["footnote"]:
        where += f", n.&nbsp;{e['footnote']}"
    parts = [where]
    if e["source_id"]:
        cited = link(root, "source", e["source_id"], data.name(e["source_id"]))
        parts.append(cited + (f", {escape(e['locator'])}" if e["locator"] else ""))
    decisive = ' <strong class="decisive">decisive</strong>' if e["decisive"] else ""
    return (
        f'<li class="evidence {e["stance"]}" id="{escape(e["id"])}">'
        f'<span class="where">{" — ".join(parts)}</span>{decisive}'
        f'<span class="note">{escape(e["note"])}</span></li>'
    )


def evidence_list(data: Data, root: str, rows: list[dict]) -> str:
    if not rows:
        return '<p class="none">No evidence rows.</p>'
    return (
        '<ul class="evidence-list">' + "".join(evidence_line(data, root, e) for e in rows) + "</ul>"
    )


def when(text: str | None, start: Any = None, end: Any = None) -> str:
    """The date as written, in words, and the span it allows: "c. 1930 (1929–1931)"."""
    if not text:
        return '<span class="date">undated</span>'
    words = escape(dates.gloss(text))
    span = ""
    # the span only where the words leave it unsaid: an approximate date or a set of dates
    if (_iso(start) or _iso(end)) and re.search(r"[~?%\[]", text):
        span = f' <span class="span">({escape(span_words(start, end))})</span>'
    return f'<span class="date"><code>{escape(text)}</code> {words}{span}</span>'


def span_words(start: Any, end: Any) -> str:
    """The days a date allows, as briefly as they can be said: whole years as years.

    >>> span_words(dt.date(1929, 1, 1), dt.date(1931, 12, 31))
    '1929–1931'
    >>> span_words(dt.date(1931, 8, 1), dt.date(1931, 10, 31))
    'Aug 1931–Oct 1931'
    >>> span_words(dt.date(1928, 6, 3), None)
    '3 Jun 1928–…'
    """
    start = start.date() if hasattr(start, "date") and callable(start.date) else start
    end = end.date() if hasattr(end, "date") and callable(end.date) else end
    if start is not None and start != start:  # NaT
        start = None
    if end is not None and end != end:
        end = None
    whole_years = (start is None or (start.month, start.day) == (1, 1)) and (
        end is None or (end.month, end.day) == (12, 31)
    )
    whole_months = (start is None or start.day == 1) and (
        end is None or (end + dt.timedelta(days=1)).day == 1
    )

    def say(day: dt.date | None) -> str:
        if day is None:
            return "…"
        if whole_years:
            return str(day.year)
        month = f"{dates._MONTHS[day.month - 1][:3]} {day.year}"  # not strftime: locale-free
        return month if whole_months else f"{day.day} {month}"

    return f"{say(start)}–{say(end)}"


def years(born: int | None, died: int | None) -> str:
    if born is None and died is None:
        return ""
    return f"{born if born is not None else '?'}–{died if died is not None else '?'}"


def _status_style() -> str:
    """The package's one status scale (``scale.STATUS_COLOURS``) as CSS variables, so the
    site colours certainty exactly as the plots and the GEXF export do; a badge on one of
    the scale's light colours gets dark text to stay readable."""

    def light(hex_colour: str) -> bool:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.55

    variables = ";".join(f"--{status}:{colour}" for status, colour in STATUS_COLOURS.items())
    dark = ",".join(f".status.{s}" for s, c in STATUS_COLOURS.items() if light(c))
    return f":root{{{variables}}}" + (f"{dark}{{color:#222}}" if dark else "")


STATUS_STYLE = _status_style()

NAV = (
    ("index.html", "Search"),
    ("timeline.html", "Timeline"),
    ("network.html", "Network"),
    ("map.html", "Map"),
    ("book.html", "Book pages"),
    ("about.html", "About"),
)


def page(
    data: Data,
    title: str,
    body: str,
    root: str = "",
    *,
    scripts: tuple[str, ...] = (),
    styles: tuple[str, ...] = (),
    data_js: bool = False,
) -> str:
    nav = " ".join(f'<a href="{root}{href}">{text}</a>' for href, text in NAV)
    links = "".join(f'<link rel="stylesheet" href="{root}{s}">' for s in styles)
    tail = (f'<script src="{root}data.js"></script>' if data_js else "") + "".join(
        f'<script src="{root}{s}"></script>' for s in scripts
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · stalin-japan-china {data.version}</title>{links}"
        f'<link rel="stylesheet" href="{root}static/site.css"><style>{STATUS_STYLE}</style>'
        "</head><body>"
        f'<header><a class="home" href="{root}index.html">stalin-japan-china</a>'
        f"<nav>{nav}</nav></header><main>{body}</main>"
        f"<footer>Dataset {data.version}, built from {escape(book.AUTHOR)}, "
        f"<cite>{escape(book.TITLE)}</cite> ({book.YEAR}), doi:{book.DOI}. "
        f'Data CC BY 4.0. <a href="{root}about.html">About and citation</a>.</footer>'
        f"{tail}</body></html>\n"
    )


# --- SVG drawings that need no JavaScript -----------------------------------------------------

DASH = {"confirmed": "", "likely": "6 4", "possible": "2 3", "alleged": "2 3", "refuted": "1 5"}


def ego_svg(data: Data, root: str, ident: str, limit: int = 16) -> str:
    """The actor and the actors tied to them, on a circle; edges styled by status."""
    ties = [r for r in data.ties[ident] if r["status"] != "refuted"]
    if not ties:
        return '<p class="none">No relations.</p>'
    import math

    counts: dict[str, int] = defaultdict(int)
    for r in ties:
        counts[r["object_id"] if r["subject_id"] == ident else r["subject_id"]] += 1
    others = sorted(counts, key=lambda o: (-counts[o], data.name(o)))[:limit]
    size, radius = 420, 150
    centre = size / 2
    spots = {
        o: (
            centre + radius * math.cos(2 * math.pi * i / len(others) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(others) - math.pi / 2),
        )
        for i, o in enumerate(others)
    }
    lines, marks = [], []
    for r in ties:
        other = r["object_id"] if r["subject_id"] == ident else r["subject_id"]
        if other not in spots:
            continue
        x, y = spots[other]
        dash = f' stroke-dasharray="{DASH[r["status"]]}"' if DASH[r["status"]] else ""
        lines.append(
            f'<line x1="{centre:.0f}" y1="{centre:.0f}" x2="{x:.0f}" y2="{y:.0f}" '
            f'class="edge {r["status"]}"{dash}><title>{escape(data.statement(r["id"]))} '
            f"({r['status']})</title></line>"
        )
    for other, (x, y) in spots.items():
        anchor = "start" if x > centre + 1 else "end" if x < centre - 1 else "middle"
        dx = 8 if anchor == "start" else -8 if anchor == "end" else 0
        marks.append(
            f'<a href="{root}{url("actor", other)}"><circle cx="{x:.0f}" cy="{y:.0f}" r="5"/>'
            f'<text x="{x + dx:.0f}" y="{y + 4:.0f}" text-anchor="{anchor}">'
            f"{escape(data.name(other)[:28])}</text></a>"
        )
    me = escape(data.name(ident)[:28])
    return (
        f'<svg class="ego" viewBox="-150 0 {size + 300} {size}" role="img" '
        f'aria-label="Relations of {me}">{"".join(lines)}'
        f'<circle class="me" cx="{centre:.0f}" cy="{centre:.0f}" r="8"/>'
        f'<text class="me" x="{centre:.0f}" y="{centre - 14:.0f}" text-anchor="middle">{me}</text>'
        f"{''.join(marks)}</svg>"
        f'<p class="legend-line">Solid: confirmed; dashed: likely; dotted: possible or '
        f"alleged. Refuted ties are not drawn. {len(others)} of {len(counts)} actors shown.</p>"
    )


def mini_timeline(data: Data, root: str, events: list[dict]) -> str:
    """One row per event on a 1894–1945 axis; faded where the date is uncertain."""
    dated = [e for e in events if e["date_start"] or e["date_end"]]
    if not dated:
        return ""
    width, row = 760, 7
    span = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days

    def x(day: dt.date | None, default: dt.date) -> float:
        day = day or default
        day = min(max(day, dt.date(FIRST_YEAR, 1, 1)), dt.date(LAST_YEAR, 12, 31))
        return (day - dt.date(FIRST_YEAR, 1, 1)).days / span * width

    dated.sort(key=lambda e: e["date_start"] or dt.date(FIRST_YEAR, 1, 1))
    bars = []
    for i, e in enumerate(dated):
        start = e["date_start"] or dt.date(FIRST_YEAR, 1, 1)
        end = e["date_end"] or dt.date(LAST_YEAR, 12, 31)
        x0, x1 = x(start, start), max(x(end, end), x(start, start) + 2)
        c0, c1 = core(e["date"])
        solid = ""
        if c0 and c1:
            s0, s1 = x(c0, start), max(x(c1, end), x(c0, start) + 2)
            solid = (
                f'<rect class="core" x="{s0:.1f}" y="{i * row}" width="{s1 - s0:.1f}" height="5"/>'
            )
        bars.append(
            f'<a href="{root}{url("event", e["id"])}"><g class="{e["status"]}">'
            f"<title>{escape(dates.gloss(e['date']))}: {escape(e['title'])}</title>"
            f'<rect class="bound" x="{x0:.1f}" y="{i * row}" width="{x1 - x0:.1f}" height="5"/>'
            f"{solid}</g></a>"
        )
    height = len(dated) * row + 16
    ticks = "".join(
        f'<text x="{x(dt.date(y, 1, 1), dt.date(y, 1, 1)):.0f}" y="{height - 2}">{y}</text>'
        for y in range(1895, LAST_YEAR + 1, 10)
    )
    return (
        f'<svg class="mini-timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Events on a 1894–1945 axis">{"".join(bars)}{ticks}</svg>'
    )


# --- the pages --------------------------------------------------------------------------------


def status_legend(current: str | None = None) -> str:
    items = "".join(
        f"<li{' class=current' if s == current else ''}>{badge(s)} {escape(STATUS_MEANING[s])}</li>"
        for s in STATUSES
    )
    return f'<ul class="legend">{items}</ul>'


def actor_page(data: Data, a: dict) -> str:
    root = "../"
    ident = a["id"]
    names = [f"<h1>{name_html(a['name'], a['nationality'])}</h1>"]
    if a["name_native"]:
        names.append(f'<p class="native">{name_html(a["name_native"], a["nationality"])}</p>')
    facts = [escape(a["kind"])]
    if a["nationality"]:
        facts.append(escape(a["nationality"].replace("_", " ")))
    if years(a["born"], a["died"]):
        facts.append(f'<span class="life">{years(a["born"], a["died"])}</span>')
    body = [*names, f'<p class="facts">{" · ".join(facts)}</p>']
    if a["aliases"]:
        aliases = ", ".join(name_html(n, a["nationality"]) for n in a["aliases"])
        body.append(f'<p class="aliases">Also: {aliases}</p>')
    body.append(f"<p>{escape(a['description'])}</p>")
    if a["disambiguation"]:
        body.append(f'<p class="disambiguation">{escape(a["disambiguation"])}</p>')
    if data.on.get(ident):
        body.append("<h2>Evidence on this actor</h2>" + evidence_list(data, root, data.on[ident]))
    claims = [*data.taking_part[ident], *data.ties[ident]]
    body.append(f"<h2>Claims ({len(claims)}), by status</h2>")
    for status in STATUSES:
        group = [c for c in claims if c["status"] == status]
        if not group:
            continue
        items = []
        for c in sorted(group, key=lambda c: c["id"]):
            by = f' <span class="by">claimed by {actor_link(data, root, c["claimed_by"])}</span>'
            items.append(
                f"<li>{claim_link(data, root, c['id'])}{by if c['claimed_by'] else ''}"
                f"{evidence_list(data, root, data.on.get(c['id'], []))}</li>"
            )
        body.append(
            f"<details {'open' if status != 'confirmed' or len(group) < 15 else ''}>"
            f"<summary>{badge(status)} {len(group)}</summary>"
            f'<ul class="claims">{"".join(items)}</ul></details>'
        )
    ties = data.ties[ident]
    if ties:
        rows = "".join(
            f"<tr><td>{actor_link(data, root, r['subject_id'])}</td>"
            f"<td>{escape(r['predicate'])}</td><td>{actor_link(data, root, r['object_id'])}</td>"
            f"<td>{escape(dates.gloss(r['start']) if r['start'] else '')}"
            f"{' – ' + escape(dates.gloss(r['end'])) if r['end'] else ''}</td>"
            f'<td><a href="{root}{url("claim", r["id"])}">{badge(r["status"])}</a></td></tr>'
            for r in sorted(ties, key=lambda r: (r["predicate"], r["id"]))
        )
        body.append(
            f"<h2>Relations ({len(ties)})</h2><table><thead><tr><th>Subject</th><th>Tie</th>"
            f"<th>Object</th><th>When</th><th>Status</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    body.append("<h2>Ego network</h2>" + ego_svg(data, root, ident))
    parts = data.taking_part[ident]
    events = {p["event_id"]: data.events[p["event_id"]] for p in parts}
    if parts:
        body.append(f"<h2>Events ({len(events)})</h2>")
        body.append(mini_timeline(data, root, list(events.values())))
        rows = "".join(
            f"<tr><td>{when(events[p['event_id']]['date'])}</td>"
            f"<td>{link(root, 'event', p['event_id'], events[p['event_id']]['title'])}</td>"
            f"<td>{escape(p['role'])}</td>"
            f'<td><a href="{root}{url("claim", p["id"])}">{badge(p["status"])}</a></td></tr>'
            for p in sorted(
                parts,
                key=lambda p: (events[p["event_id"]]["date_start"] or dt.date(9999, 1, 1), p["id"]),
            )
        )
        body.append(
            "<table><thead><tr><th>Date</th><th>Event</th><th>Role</th><th>Role status</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    return page(data, a["name"], "".join(body), root)


def event_page(data: Data, e: dict) -> str:
    root = "../"
    body = [
        f"<h1>{escape(e['title'])}</h1>",
        f'<p class="facts">{escape(e["type"])} · {when(e["date"], e["date_start"], e["date_end"])}'
        f' · that it happened: <a href="{root}{url("claim", e["id"])}">{badge(e["status"])}</a>'
        + (f" (claimed by {actor_link(data, root, e['claimed_by'])})" if e["claimed_by"] else "")
        + "</p>",
        f"<p>{escape(e['summary'])}</p>",
    ]
    chapter = book.CHAPTERS[e["chapter"]]
    pages = ", ".join(f'<a href="{root}book.html#p{p}">{p}</a>' for p in e["pages"])
    body.append(f"<p>Chapter {chapter.number}, “{escape(chapter.title)}”; pages {pages}.</p>")
    if e["place_id"]:
        p = data.places[e["place_id"]]
        native = f" ({name_html(p['name_native'])})" if p["name_native"] else ""
        body.append(
            f'<h2>Place</h2><p class="place">{escape(p["name"])}{native}, today '
            f"{escape(p['modern_name'])} ({p['latitude']:.2f}, {p['longitude']:.2f}). "
            f'<a href="{root}map.html#place={escape(p["id"])}">On the map of all places</a></p>'
            f'<div id="place-map" data-lat="{p["latitude"]}" data-lon="{p["longitude"]}" '
            f'data-name="{escape(p["name"])}"></div>'
        )
    roles = sorted(data.roles[e["id"]], key=lambda p: (p["role"], -p["certainty"], p["id"]))
    if roles:
        rows = "".join(
            f"<tr><td>{actor_link(data, root, p['actor_id'])}</td><td>{escape(p['role'])}</td>"
            f'<td><a href="{root}{url("claim", p["id"])}">{badge(p["status"])}</a></td>'
            f"<td>{actor_link(data, root, p['claimed_by'])}</td>"
            f"<td>{escape(p['note'] or '')}</td></tr>"
            for p in roles
        )
        body.append(
            f"<h2>Participants ({len(roles)})</h2><table><thead><tr><th>Actor</th><th>Role</th>"
            "<th>Status</th><th>Claimed by</th><th>Note</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    body.append("<h2>Evidence that it happened</h2>" + evidence_list(data, root, data.on[e["id"]]))
    for p in roles:
        if data.on.get(p["id"]):
            body.append(
                f"<h3>{claim_link(data, root, p['id'])} {badge(p['status'])}</h3>"
                + evidence_list(data, root, data.on[p["id"]])
            )
    if not e["place_id"]:
        return page(data, e["title"], "".join(body), root)
    return page(
        data,
        e["title"],
        "".join(body),
        root,
        scripts=(*MAP_SCRIPTS, "static/place.js"),
        styles=("vendor/leaflet/leaflet.css",),
    )


MAP_SCRIPTS = (
    "vendor/leaflet/leaflet.js",
    "vendor/topojson-client/topojson-client.min.js",
    "vendor/world-atlas/countries-50m.js",
    "static/basemap.js",
)


def _cite_page(rows: list[dict]) -> int | None:
    decisive = [e["page"] for e in rows if e["decisive"]]
    if decisive:
        return decisive[0]
    supporting = [e["page"] for e in rows if e["stance"] == "supports"]
    return (supporting or [e["page"] for e in rows] or [None])[0]


def claim_card(data: Data, root: str, ident: str) -> str:
    r = data.claim(ident)[1]  # type: ignore[index]
    rows = data.on.get(ident, [])
    decisive = next((e["page"] for e in rows if e["decisive"]), None)
    by = f"<br>claimed by {actor_link(data, root, r['claimed_by'])}" if r["claimed_by"] else ""
    return (
        f'<div class="card {r["status"]}">{badge(r["status"])} {claim_link(data, root, ident)}{by}'
        f"<br>{sum(e['stance'] == 'supports' for e in rows)} for, "
        f"{sum(e['stance'] == 'contradicts' for e in rows)} against"
        + (
            f', decisive <a href="{root}book.html#p{decisive}">p. {decisive}</a>'
            if decisive
            else ""
        )
        + "</div>"
    )


def claim_page(data: Data, ident: str) -> str:
    root = "../"
    kind, r = data.claim(ident)  # type: ignore[misc]
    rows = data.on.get(ident, [])
    statement = data.statement(ident)
    body = [f'<p class="kind">{kind} claim</p><h1>{escape(statement)}</h1>']
    about = []
    if kind == "event":
        about.append(f"Event: {link(root, 'event', ident, r['title'])}")
    elif kind == "participant":
        about.append(f"Actor: {actor_link(data, root, r['actor_id'])}")
        about.append(f"role: {escape(r['role'])}")
        event = data.events[r["event_id"]]
        about.append(
            f"event: {link(root, 'event', event['id'], event['title'])}, {when(event['date'])}"
        )
    else:
        about.append(
            f"{actor_link(data, root, r['subject_id'])} {escape(r['predicate'])} "
            f"{actor_link(data, root, r['object_id'])}"
        )
        if r["start"] or r["end"]:
            about.append(
                f"from {escape(dates.gloss(r['start']) if r['start'] else '…')} "
                f"to {escape(dates.gloss(r['end']) if r['end'] else '…')}"
            )
    body.append(f'<p class="facts">{"; ".join(about)}</p>')
    body.append(
        f'<p class="verdict">The book’s status: {badge(r["status"])} — '
        f"{escape(STATUS_MEANING[r['status']])}"
        + (f"; claimed by {actor_link(data, root, r['claimed_by'])}" if r["claimed_by"] else "")
        + "</p>"
    )
    if r.get("note"):
        body.append(f'<p class="note">{escape(r["note"])}</p>')
    decisive = [e for e in rows if e["decisive"]]
    if decisive:
        e = decisive[0]
        body.append(
            f'<p class="decisive-page">Decisive page: <a href="{root}book.html#p{e["page"]}">'
            f"p. {e['page']}</a>{', n. ' + str(e['footnote']) if e['footnote'] else ''} — where "
            "the book argues it in full.</p>"
        )
    sides = []
    for stance, heading in (("supports", "Evidence for"), ("contradicts", "Evidence against")):
        group = [e for e in rows if e["stance"] == stance]
        sides.append(
            f'<section class="stance {stance}"><h2>{heading} ({len(group)})</h2>'
            f"{evidence_list(data, root, group)}</section>"
        )
    body.append(f'<div class="for-against">{"".join(sides)}</div>')
    context = [e for e in rows if e["stance"] == "context"]
    if context:
        body.append(
            f'<section class="stance context"><h2>Context ({len(context)})</h2>'
            f"{evidence_list(data, root, context)}</section>"
        )
    rivals = data.rivals.get(ident, [])
    if rivals:
        cards = "".join(claim_card(data, root, i) for i in [ident, *rivals])
        body.append(f'<h2>Competing claims ({len(rivals)})</h2><div class="cards">{cards}</div>')
    if kind == "event" and data.roles[ident]:
        cards = "".join(claim_card(data, root, p["id"]) for p in data.roles[ident])
        body.append(f'<h2>Who took part, claim by claim</h2><div class="cards">{cards}</div>')
    body.append("<h2>What the statuses mean</h2>" + status_legend(r["status"]))
    cited = _cite_page(rows)
    body.append(
        '<h2>Cite this</h2><p class="cite">'
        f"{escape(book.AUTHOR.split()[-1])}, <cite>{escape(book.TITLE)}</cite> ({book.YEAR})"
        f"{f', p. {cited}' if cited else ''}; claim <code>{escape(ident)}</code> in "
        f"stalin-japan-china, version {data.version} (dataset), doi:{book.DOI} (book).</p>"
    )
    return page(data, statement, "".join(body), root)


def source_page(data: Data, s: dict) -> str:
    root = "../"
    rows = data.citing[s["id"]]
    facts = [escape(s["kind"])]
    if s["archive"]:
        facts.append(escape(s["archive"]))
    if s["year"]:
        facts.append(str(s["year"]))
    items = "".join(
        f"<li>{_target_link(data, root, e)} {badge_of(data, e)} "
        f'<span class="stance-word">{e["stance"]}</span>'
        f"{evidence_list(data, root, [e])}</li>"
        for e in rows
    )
    claims = len({e["target_id"] for e in rows})
    body = (
        f'<p class="kind">cited source</p><h1>{name_html(s["citation"])}</h1>'
        f'<p class="facts">{" · ".join(facts)}</p>'
        f"<h2>Claims resting on it ({claims} claims, {len(rows)} evidence rows)</h2>"
        f'<ul class="claims">{items}</ul>'
    )
    return page(data, s["citation"], body, root)


def _target_link(data: Data, root: str, e: dict) -> str:
    if e["target_kind"] == "actor":
        return actor_link(data, root, e["target_id"])
    return claim_link(data, root, e["target_id"])


def badge_of(data: Data, e: dict) -> str:
    found = data.claim(e["target_id"])
    return badge(found[1]["status"]) if found else ""


def _stance_word(e: dict) -> str:
    """On a list of claims, mark the evidence that is not in favour."""
    return "" if e["stance"] == "supports" else f' <span class="stance-word">{e["stance"]}</span>'


def book_page(data: Data) -> str:
    body = [
        "<h1>The book, page by page</h1>",
        "<p>Every printed page the dataset cites, with the claims and events cited there, "
        "so a reader with the book in hand can follow it page by page. "
        "Pages are the printed page numbers of the Routledge edition.</p>",
    ]
    by_chapter: dict[int, list[int]] = defaultdict(list)
    for number in sorted(data.by_page):
        by_chapter[book.chapter_of_page(number).number].append(number)
    body.append(
        '<p class="chapters">'
        + " · ".join(f'<a href="#ch{c}">{escape(book.CHAPTERS[c].title)}</a>' for c in by_chapter)
        + "</p>"
    )
    for chapter, numbers in by_chapter.items():
        c = book.CHAPTERS[chapter]
        body.append(
            f'<h2 id="ch{chapter}">{escape(c.title)} (pp. {c.first_page}–{c.last_page})</h2>'
        )
        for number in numbers:
            seen: dict[str, dict] = {}
            for e in data.by_page[number]:
                seen.setdefault(e["target_id"], e)
            items = "".join(
                f"<li>{_target_link(data, '', e)} {badge_of(data, e)}{_stance_word(e)}</li>"
                for e in seen.values()
            )
            body.append(f'<h3 id="p{number}">p. {number}</h3><ul class="page-list">{items}</ul>')
    return page(data, "Book pages", "".join(body))


def about_page(data: Data) -> str:
    from ..citing import cite

    counts = {
        "actors": len(data.actors),
        "events": len(data.events),
        "participant rows": len(data.participants),
        "relations": len(data.relations),
        "cited sources": len(data.sources),
        "places": len(data.places),
        "evidence rows": len(data.evidence),
    }
    chapters = sorted({e["chapter"] for e in data.evidence})
    pages = sorted(data.by_page)
    body = (
        "<h1>About this site</h1>"
        f"<p>The stalin-japan-china dataset, version {data.version}: the actors, events and "
        f"relations of {escape(book.AUTHOR)}, <cite>{escape(book.TITLE)}</cite> "
        f"({escape(book.PUBLISHER)} {book.YEAR}, open access, "
        f'<a href="https://doi.org/{book.DOI}">doi:{book.DOI}</a>), with how sure the book is '
        "of every contested claim and where it says so.</p>"
        "<h2>Coverage</h2>"
        f"<p>Chapters: {', '.join(escape(book.CHAPTERS[c].title) for c in chapters)}; printed "
        f"pages {pages[0]}–{pages[-1]} ({len(pages)} pages cited).</p><ul>"
        + "".join(f"<li>{n:,} {escape(k)}</li>" for k, n in counts.items())
        + "</ul><h2>Status rules</h2><p>Every claim (that an event happened, an actor’s part "
        "in it, a tie between two actors) carries the book’s own certainty, read from its "
        "wording. Competing accounts are kept side by side, each with its evidence for and "
        "against; an <em>alleged</em> claim names who makes it. A claim that is not "
        "confirmed names its <em>decisive page</em>, where the book argues it in full.</p>"
        + status_legend()
        + "<h2>Dates</h2><p>Dates are EDTF at the book’s precision: <code>1930~</code> is "
        "“c. 1930”, which may be 1929–1931; the timeline draws such widening as faded bar "
        "ends and open ends as arrows.</p>"
        "<h2>Licence</h2><p>Data: CC BY 4.0; code: MIT. The book itself is "
        f"{escape(book.LICENSE)}; the dataset holds only the curators’ own words. The map’s "
        "basemap is Natural Earth (public domain) and shows modern borders. The JavaScript "
        "libraries this site uses are listed with their licences below; their licence files "
        "are in the <code>vendor/</code> folder.</p><ul>"
        + "".join(
            f"<li>{escape(p['name'])} {escape(p['version'])} ({escape(p['license'])})</li>"
            for p in _vendored()
        )
        + "</ul><h2>Citation</h2>"
        f'<pre class="cite">{escape(cite("apa"))}</pre>'
        f'<pre class="cite">{escape(cite("bibtex"))}</pre>'
    )
    return page(data, "About", body)


def _vendored() -> list[dict]:
    from . import vendored

    return vendored()


FACETS = ("type", "status", "role", "chapter", "decade")


def decade(day: dt.date | None) -> str:
    return f"{day.year // 10 * 10}s" if day else "undated"


def index_page(data: Data) -> str:
    events = sorted(
        data.events.values(), key=lambda e: (e["date_start"] or dt.date(9999, 1, 1), e["id"])
    )
    rows = "".join(
        f'<tr data-id="{escape(e["id"])}"><td>{when(e["date"])}</td>'
        f"<td>{link('', 'event', e['id'], e['title'])}</td><td>{escape(e['type'])}</td>"
        f"<td>{badge(e['status'])}</td><td>{e['chapter']}</td></tr>"
        for e in events
    )
    actors = "".join(
        f"<li>{actor_link(data, '', a['id'])}"
        + (f" {name_html(a['name_native'], a['nationality'])}" if a["name_native"] else "")
        + "</li>"
        for a in sorted(data.actors.values(), key=lambda a: a["name"].casefold())
    )
    body = (
        "<h1>Stalin, Japan and China, 1894–1945: who did what, and how sure the book is</h1>"
        '<form id="search" role="search" onsubmit="return false">'
        '<input id="q" type="search" placeholder="Search names in any script, titles, notes: '
        'Okawa, 大川, Zhang Zuolin…" aria-label="Search" autocomplete="off">'
        '<button id="csv" type="button" hidden>Download selection as CSV</button></form>'
        '<div class="layout"><aside id="facets"><noscript>Facets and search need JavaScript; '
        "every event and actor is listed below.</noscript></aside><section>"
        '<div id="actor-hits"></div>'
        f'<h2 id="count">{len(events)} events</h2>'
        '<table id="events"><thead><tr><th>Date</th><th>Event</th><th>Type</th><th>Status</th>'
        f"<th>Ch.</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<details id="all-actors"><summary>All {len(data.actors)} actors</summary>'
        f'<ul class="columns">{actors}</ul></details></section></div>'
    )
    return page(
        data,
        "Search",
        body,
        scripts=("vendor/minisearch/minisearch.js", "static/common.js", "static/index.js"),
        data_js=True,
    )


def view_page(data: Data, name: str, title: str, body: str, scripts: tuple, styles: tuple) -> str:
    return page(
        data,
        title,
        body,
        scripts=(*scripts, "static/common.js", f"static/{name}.js"),
        styles=styles,
        data_js=True,
    )


def views(data: Data) -> dict[str, str]:
    statuses = "".join(f'<option value="{s}">{s}</option>' for s in STATUSES)
    types = "".join(
        f'<option value="{t}">{t}</option>'
        for t in sorted({e["type"] for e in data.events.values()})
    )
    timeline = view_page(
        data,
        "timeline",
        "Timeline",
        "<h1>Timeline</h1>"
        '<form class="controls" onsubmit="return false">'
        '<label>Colour by <select id="colour"><option value="status">status</option>'
        '<option value="type">type</option></select></label>'
        '<label>Actor <input id="actor" list="actor-names" placeholder="any actor"></label>'
        '<datalist id="actor-names"></datalist>'
        f'<label>Type <select id="type"><option value="">any</option>{types}</select></label>'
        f'<label>Status <select id="status"><option value="">any</option>{statuses}</select>'
        "</label></form>"
        '<p class="legend-line">A bar runs from the earliest to the latest day the book’s '
        "date allows; its faded ends are the widening of an approximate or uncertain date "
        "(“c. 1930”), an arrow an open end (“1928 onward”). "
        '<span id="shown"></span></p><div id="legend"></div><div id="timeline"></div>'
        "<noscript>The timeline needs JavaScript; the same events are listed by date on the "
        '<a href="index.html">search page</a>.</noscript>',
        ("vendor/vis-timeline/vis-timeline-graph2d.min.js",),
        ("vendor/vis-timeline/vis-timeline-graph2d.min.css",),
    )
    network = view_page(
        data,
        "network",
        "Network",
        "<h1>Network of relations</h1>"
        '<form class="controls" onsubmit="return false">'
        f'<label>From <input id="from" type="number" min="{FIRST_YEAR}" max="{LAST_YEAR}" '
        f'value="{FIRST_YEAR}"></label>'
        f'<label>to <input id="to" type="number" min="{FIRST_YEAR}" max="{LAST_YEAR}" '
        f'value="{LAST_YEAR}"></label>'
        '<label><input id="refuted" type="checkbox"> show refuted ties</label>'
        '<label>Actor <input id="actor" list="actor-names" placeholder="highlight an actor">'
        '</label><datalist id="actor-names"></datalist></form>'
        '<p class="legend-line">Edges: <span class="line confirmed"></span> confirmed '
        '<span class="line likely"></span> likely <span class="line possible"></span> possible '
        'or alleged <span class="line refuted"></span> refuted (hidden unless asked). A tie '
        "without dates is shown for every year range. Click an actor to open its page. "
        '<span id="shown"></span></p><div id="network"></div>'
        "<noscript>The network needs JavaScript; each actor page lists its relations.</noscript>",
        ("vendor/cytoscape/cytoscape.min.js",),
        (),
    )
    map_page = view_page(
        data,
        "map",
        "Map",
        "<h1>Map of places</h1>"
        '<p class="legend-line">Circles are the places events happened, sized by their number '
        "of events; click one for its events. The basemap is Natural Earth and shows "
        "<strong>modern borders</strong>, not those of 1894–1945. No map tiles are loaded: "
        'the site works offline.</p><div id="map"></div>'
        "<noscript>The map needs JavaScript; each event page names its place and "
        "coordinates.</noscript>",
        MAP_SCRIPTS,
        ("vendor/leaflet/leaflet.css",),
    )
    return {"timeline.html": timeline, "network.html": network, "map.html": map_page}


def data_js(data: Data) -> str:
    """Everything the scripts need, as one global: compact keys, no evidence text."""
    actors = [
        {
            "id": a["id"],
            "n": a["name"],
            "nn": a["name_native"],
            "nl": lang(a["name_native"], a["nationality"]) if a["name_native"] else None,
            "al": a["aliases"],
            "k": a["kind"],
            "na": a["nationality"],
            "b": a["born"],
            "d": a["died"],
            "ds": a["description"],
        }
        for a in data.actors.values()
    ]
    events = []
    for e in sorted(
        data.events.values(), key=lambda e: (e["date_start"] or dt.date(9999, 1, 1), e["id"])
    ):
        c0, c1 = core(e["date"])
        events.append(
            {
                "id": e["id"],
                "t": e["title"],
                "d": e["date"],
                "g": dates.gloss(e["date"]),
                "s": _iso(e["date_start"]),
                "e": _iso(e["date_end"]),
                "cs": _iso(c0),
                "ce": _iso(c1),
                "ty": e["type"],
                "st": e["status"],
                "ch": e["chapter"],
                "dc": decade(e["date_start"]),
                "pl": e["place_id"],
                "sm": e["summary"],
                "nt": " ".join(p["note"] for p in data.roles[e["id"]] if p["note"]),
                "p": [[p["actor_id"], p["role"], p["status"]] for p in data.roles[e["id"]]],
            }
        )
    relations = [
        {
            "id": r["id"],
            "s": r["subject_id"],
            "p": r["predicate"],
            "o": r["object_id"],
            "st": r["status"],
            "y0": _year(r["start"], end=False),
            "y1": _year(r["end"], end=True),
        }
        for r in data.relations.values()
    ]
    from .layout import force_layout

    tied = sorted(
        {r["subject_id"] for r in data.relations.values()}
        | {r["object_id"] for r in data.relations.values()}
    )
    spots = force_layout(tied, [(r["subject_id"], r["object_id"]) for r in data.relations.values()])
    places = [
        {
            "id": p["id"],
            "n": p["name"],
            "nn": p["name_native"],
            "nl": lang(p["name_native"]) if p["name_native"] else None,
            "m": p["modern_name"],
            "la": p["latitude"],
            "lo": p["longitude"],
        }
        for p in data.places.values()
    ]
    payload = {
        "version": data.version,
        "statuses": list(STATUSES),
        "meaning": STATUS_MEANING,
        "chapters": {c.number: c.title for c in book.CHAPTERS},
        "actors": actors,
        "events": events,
        "relations": relations,
        "places": places,
        "layout": spots,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"window.SJC = {text};\n"


def build() -> dict[str, str]:
    """Every generated file of the site, by path relative to its root."""
    data = Data()
    site = {
        "index.html": index_page(data),
        "about.html": about_page(data),
        "book.html": book_page(data),
        "data.js": data_js(data),
        **views(data),
    }
    for a in data.actors.values():
        site[url("actor", a["id"])] = actor_page(data, a)
    for e in data.events.values():
        site[url("event", e["id"])] = event_page(data, e)
    for ident in [*data.events, *data.participants, *data.relations]:
        site[url("claim", ident)] = claim_page(data, ident)
    for s in data.sources.values():
        site[url("source", s["id"])] = source_page(data, s)
    return site
