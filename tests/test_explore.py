"""``sjc explore``: the static site holds a page for every record, reads without
JavaScript, needs no network, and ships its libraries pinned and intact.

Expectations are computed from the shipped tables, so the tests follow the data.
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import stalin_japan_china as sjc
from stalin_japan_china.cli import main
from stalin_japan_china.website import HERE, pages, vendored

MURDER = "assassination-of-zhang-zuolin"
KOMOTO = f"{MURDER}/komoto-daisaku/organizer"


class Links(HTMLParser):
    """Every href/src of a page, and the lang attribute of every tagged element's text."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.langs: list[tuple[str, str]] = []
        self._lang: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.refs.append(attrs[key])
        self._lang.append(attrs.get("lang"))

    def handle_endtag(self, tag):
        if self._lang:
            self._lang.pop()

    def handle_data(self, data):
        if self._lang and self._lang[-1] and data.strip():
            self.langs.append((self._lang[-1], data.strip()))


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_record_has_its_page(explore_site):
    expected = {pages.url("actor", i) for i in sjc.load("actors").id}
    expected |= {pages.url("event", i) for i in sjc.load("events").id}
    expected |= {pages.url("source", i) for i in sjc.load("sources").id}
    expected |= {pages.url("claim", i) for i in sjc.claims().id}
    written = {p.relative_to(explore_site).as_posix() for p in explore_site.rglob("*.html")}
    assert expected <= written
    views = {"index.html", "about.html", "book.html", "timeline.html", "network.html", "map.html"}
    assert written - expected == views


def test_urls_are_stable_and_derived_from_ids():
    assert pages.url("claim", KOMOTO) == f"claims/{MURDER}~komoto-daisaku~organizer.html"
    assert pages.url("actor", "okawa-shumei") == "actors/okawa-shumei.html"


def test_links_resolve_and_nothing_points_off_the_site(explore_site):
    """No CDN, no absolute URL for a script or style: the site opens offline."""
    checked = [
        explore_site / "index.html",
        explore_site / "timeline.html",
        explore_site / "network.html",
        explore_site / "map.html",
        explore_site / "book.html",
        explore_site / "actors" / "iosif-stalin.html",
        explore_site / "events" / f"{MURDER}.html",
        explore_site / "claims" / f"{MURDER}~komoto-daisaku~organizer.html",
    ]
    for page in checked:
        for ref in parsed(page).refs:
            if ref.startswith(("https://doi.org/", "#")):
                continue
            assert "://" not in ref, (page.name, ref)
            target = (page.parent / ref.split("#")[0]).resolve()
            assert target.is_file(), (page.name, ref)
    own = [*explore_site.glob("static/*"), *explore_site.glob("*.html")]
    for path in own:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+type=.module", text), path
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", text), path
        assert not re.search(r"<link[^>]+href=\"(https?:)?//", text), path
        assert "fetch(" not in text, path


def test_claim_page_shows_evidence_for_and_against_with_pages(explore_site):
    html = (explore_site / pages.url("claim", KOMOTO)).read_text(encoding="utf-8")
    rows = sjc.evidence(target=KOMOTO)
    for stance, heading in (("supports", "Evidence for"), ("contradicts", "Evidence against")):
        group = rows[rows.stance == stance]
        assert f"{heading} ({len(group)})" in html
        section = html.split(f"{heading} (")[1].split("</section>")[0]
        for page in set(group.page):
            assert f">p. {page}</a>" in section, (stance, page)
    claim = sjc.claims().set_index("id").loc[KOMOTO]
    assert f'Decisive page: <a href="../book.html#p{claim.decisive_page}">' in html
    assert f'<span class="status {claim.status}"' in html
    assert f"stalin-japan-china, version {sjc.__version__}" in html
    assert f", p. {claim.decisive_page}; claim <code>{KOMOTO}</code>" in html  # cite this
    for status in sjc.CERTAINTY:  # the legend
        assert f'<span class="status {status}"' in html
    rivals = sjc.participants(event=MURDER, role="organizer")
    for other in rivals.id:
        if other != KOMOTO:
            assert pages.url("claim", other).split("/")[1] in html, other


def test_actor_page_tags_names_by_script(explore_site):
    actors = sjc.load("actors").set_index("id")
    links = parsed(explore_site / "actors" / "okawa-shumei.html")
    assert ("ja", actors.loc["okawa-shumei", "name_native"]) in links.langs
    for ident, row in actors[actors.name_native.notna()].head(60).iterrows():
        page = parsed(explore_site / pages.url("actor", ident))
        expected = pages.lang(row.name_native, row.nationality)
        assert (expected, row.name_native) in page.langs, ident
    assert pages.lang("Сталин") == "ru" and pages.lang("张作霖", "china") == "zh"


def test_actor_page_has_claims_by_status_relations_events_and_drawings(explore_site):
    html = (explore_site / "actors" / "komoto-daisaku.html").read_text(encoding="utf-8")
    claims = sjc.claims(actor="komoto-daisaku")
    own = claims[claims.kind != "event"]
    assert f"Claims ({len(own)}), by status" in html
    for status, group in own.groupby("status"):
        assert f'<span class="status {status}" title="' in html
        assert f"</span> {len(group)}</summary>" in html
    assert 'class="ego"' in html and 'class="mini-timeline"' in html
    assert f"Relations ({len(sjc.relations(actor='komoto-daisaku'))})" in html


def test_event_page_dates_in_words_place_and_participants(explore_site):
    event = sjc.event(MURDER)
    html = (explore_site / pages.url("event", MURDER)).read_text(encoding="utf-8")
    from stalin_japan_china.dates import gloss

    assert f"<code>{event.date}</code> {gloss(event.date)}" in html
    assert f"map.html#place={event.place_id}" in html
    assert f"Participants ({len(event.participants)})" in html
    for p in event.participants:
        assert pages.url("claim", p.id).split("/")[1] in html


def test_an_approximate_date_is_glossed_with_its_span(explore_site):
    events = sjc.load("events")
    row = events[events.date.str.endswith("~", na=False)].iloc[0]
    html = (explore_site / pages.url("event", row.id)).read_text(encoding="utf-8")
    assert f"({pages.span_words(row.date_start, row.date_end)})" in html
    years = events[events.date.str.fullmatch(r"\d{4}~", na=False)]
    if len(years):  # "c. 1930 (1929–1931)"
        row = years.iloc[0]
        year = int(row.date[:4])
        html = (explore_site / pages.url("event", row.id)).read_text(encoding="utf-8")
        assert f'c. {year} <span class="span">({year - 1}–{year + 1})</span>' in html
    assert "c. " in html


def test_source_and_book_pages_list_every_claim_citing_them(explore_site):
    evidence = sjc.load("evidence")
    source, rows = next(iter(evidence.dropna(subset=["source_id"]).groupby("source_id")))
    html = (explore_site / pages.url("source", source)).read_text(encoding="utf-8")
    assert f"({rows.target_id.nunique()} claims, {len(rows)} evidence rows)" in html
    book = (explore_site / "book.html").read_text(encoding="utf-8")
    for page in evidence.page.unique():
        assert f'id="p{page}"' in book
    on_135 = evidence[evidence.page == 135].target_id.unique()
    section = book.split('id="p135"')[1].split("<h3")[0]
    assert section.count("<li>") == len(on_135)


def test_about_page_gives_version_licence_rules_and_citation(explore_site):
    html = (explore_site / "about.html").read_text(encoding="utf-8")
    assert sjc.__version__ in html and "CC BY 4.0" in html
    assert sjc.cite("apa").splitlines()[0].split(" (")[0] in html
    for package in vendored():
        assert f"{package['name']} {package['version']}" in html
    assert "modern borders" in html


def test_data_js_is_a_plain_script_with_every_event(explore_site):
    text = (explore_site / "data.js").read_text(encoding="utf-8")
    assert text.startswith("window.SJC = ")
    payload = json.loads(text[len("window.SJC = ") : -2])
    assert len(payload["events"]) == len(sjc.load("events"))
    assert len(payload["actors"]) == len(sjc.load("actors"))
    approximate = next(e for e in payload["events"] if e["d"] and e["d"].endswith("~"))
    assert approximate["s"] < approximate["cs"] <= approximate["ce"] < approximate["e"]
    open_ended = next(e for e in payload["events"] if e["d"] and e["d"].endswith("/"))
    assert open_ended["e"] is None


def test_vendored_files_match_the_lock_and_carry_licences():
    lock = json.loads((HERE / "vendor.lock.json").read_text(encoding="utf-8"))
    expected = {f"{p['name']}/{name}" for p in vendored() for name in p["files"].values()}
    assert set(lock) == expected
    for name, digest in lock.items():
        assert hashlib.sha256((HERE / "vendor" / name).read_bytes()).hexdigest() == digest, name
    for package in vendored():
        assert package["integrity"].startswith("sha512-")
        assert any("LICENSE" in f for f in package["files"].values()), package["name"]


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(sjc.InvalidValueError, match="not written by sjc explore"):
        sjc.explore(out=tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert main(["explore", "--out", str(tmp_path)]) == 2
    assert "not written by sjc explore" in capsys.readouterr().err


def test_command_line_writes_and_rewrites_a_site(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["explore", "--out", str(out)]) == 0
    assert main(["explore", "--out", str(out)]) == 0  # its own earlier site is replaced
    printed = capsys.readouterr().out
    assert "open file://" in printed and (out / "index.html").is_file()
    assert (out / "vendor" / "leaflet" / "LICENSE").is_file()


def test_the_fast_date_reader_agrees_with_dates_parse():
    """The site reads shipped dates without the EDTF grammar check; same bounds as parse."""
    from stalin_japan_china import dates

    relations = sjc.load("relations")
    shipped = set(sjc.load("events").date.dropna())
    shipped |= set(relations.start.dropna()) | set(relations.end.dropna())
    assert shipped
    for text in shipped:
        assert pages._bounds(text) == tuple(dates.parse(text))[:2], text
