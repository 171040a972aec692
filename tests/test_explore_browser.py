"""The explore site in a real browser, opened from ``file://`` with no server.

Debian's ``chromium`` driven by Playwright (``playwright install`` cannot download
browsers on these machines). Where no chromium exists the tests are skipped with that
reason, except in CI (``CI=true``), where a missing browser is a failure: ``.ci/run``
installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

import stalin_japan_china as sjc
from stalin_japan_china.website import pages

CHROMIUM = os.environ.get("SJC_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
MURDER = "assassination-of-zhang-zuolin"
KOMOTO = f"{MURDER}/komoto-daisaku/organizer"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """A page that records console errors, page errors and failed requests."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture
def watched(browser):
    tab = Watched(browser)
    yield tab
    tab.page.close()


def open_page(tab: Watched, site: Path, relative: str, ready: str = "main") -> None:
    tab.page.goto(site.joinpath(relative.split("#")[0]).as_uri() + _hash(relative))
    tab.page.wait_for_selector(ready, state="attached", timeout=30_000)


def _hash(relative: str) -> str:
    return "#" + relative.split("#", 1)[1] if "#" in relative else ""


def test_index_paints_fast_and_searches_latin_and_cjk(watched, explore_site):
    open_page(watched, explore_site, "index.html", "#search[data-ready]")
    paint = watched.page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    assert paint <= 1000, f"first contentful paint took {paint:.0f} ms"
    okawa = sjc.actor("okawa-shumei")
    for query in ("Okawa", "Ōkawa", "大川", okawa.name_native):
        watched.page.fill("#q", query)
        watched.page.wait_for_function(
            "q => location.hash.includes(encodeURIComponent(q))", arg=query
        )
        hits = watched.page.locator("#actor-hits a")
        assert okawa.name in hits.all_inner_texts(), query
    watched.page.locator("#actor-hits a", has_text=okawa.name).first.click()
    watched.page.wait_for_url("**/actors/okawa-shumei.html")
    assert watched.page.locator("h1").inner_text() == okawa.name
    native = watched.page.locator(".native [lang]")
    assert native.get_attribute("lang") == "ja"
    assert not watched.problems, watched.problems
    assert all(u.startswith("file://") for u in watched.requests), watched.requests


def test_claim_page_shows_evidence_for_and_against_with_pages(watched, explore_site):
    open_page(watched, explore_site, pages.url("claim", KOMOTO))
    rows = sjc.evidence(target=KOMOTO)
    for stance, css in (("supports", "supports"), ("contradicts", "contradicts")):
        shown = watched.page.locator(f"section.stance.{css} li.evidence .page").all_inner_texts()
        expected = sorted(f"p. {p}" for p in rows[rows.stance == stance].page)
        assert sorted(shown) == expected, stance
        assert shown, stance
    decisive = sjc.claims().set_index("id").loc[KOMOTO, "decisive_page"]
    assert f"p. {decisive}" in watched.page.locator(".decisive-page").inner_text()
    assert watched.page.locator(".cards .card").count() >= 2  # competing organizers
    assert not watched.problems, watched.problems


@pytest.mark.parametrize(
    ("view", "ready", "drawn"),
    [
        ("timeline.html", "#timeline[data-ready]", ".vis-item"),
        ("network.html", "#network[data-ready]", "#network canvas"),
        ("map.html", "#map[data-ready]", "#map path.leaflet-interactive"),
    ],
)
def test_views_render_offline_without_errors(watched, explore_site, view, ready, drawn):
    open_page(watched, explore_site, view, ready)
    watched.page.wait_for_selector(drawn, state="attached", timeout=30_000)
    assert watched.page.locator(drawn).count() > 0
    watched.page.wait_for_timeout(300)
    assert not watched.problems, watched.problems
    assert all(u.startswith(("file://", "data:", "blob:")) for u in watched.requests), [
        u for u in watched.requests if not u.startswith(("file://", "data:", "blob:"))
    ]


def test_a_shared_hash_restores_a_filtered_view(watched, explore_site):
    events = sjc.load("events")
    meetings = events[(events.type == "meeting") & (events.status == "likely")]
    open_page(watched, explore_site, "index.html#type=meeting&status=likely", "#search[data-ready]")
    assert watched.page.locator("#count").inner_text().startswith(f"{len(meetings)} of ")
    visible = watched.page.locator("#events tbody tr:not([hidden])")
    assert visible.count() == len(meetings)
    assert watched.page.locator("input[name=type][value=meeting]").is_checked()
    with watched.page.expect_download() as download:
        watched.page.click("#csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,date,when,type,status")
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(meetings.id)
    name = sjc.actor("iosif-stalin").name
    timeline = f"timeline.html#colour=type&actor={quote(name)}&type=meeting"
    open_page(watched, explore_site, timeline, "#timeline[data-ready]")
    assert watched.page.locator("#colour").input_value() == "type"
    assert watched.page.locator("#type").input_value() == "meeting"
    assert watched.page.locator("#actor").input_value() == name
    stalin = sjc.events(actor="iosif-stalin", type="meeting")
    dated = stalin[stalin.date.notna()]
    assert watched.page.locator("#shown").inner_text().startswith(f"{dated.id.nunique()} events")
    assert not watched.problems, watched.problems


def test_event_page_shows_its_place_on_a_map(watched, explore_site):
    open_page(watched, explore_site, pages.url("event", MURDER), "#place-map[data-ready]")
    assert watched.page.locator("#place-map path.leaflet-interactive").count() > 0
    assert not watched.problems, watched.problems


def test_the_map_opens_the_place_named_in_the_hash(watched, explore_site):
    place = sjc.event(MURDER).place_id
    open_page(watched, explore_site, f"map.html#place={place}", "#map[data-ready]")
    popup = watched.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert sjc.event(MURDER).title in popup.inner_text()
