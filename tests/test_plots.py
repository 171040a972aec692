"""Each picture drawn to PNG on the real data, whole and for one actor, and read back.

The checks count marks against the data: every shown event is one bar, every place in
the frame one circle, and whatever is left out is named in the figure's own text.
"""

from __future__ import annotations

import matplotlib
import pytest

import stalin_japan_china as sjc
from stalin_japan_china.plot import EAST_ASIA
from stalin_japan_china.scale import STATUS_COLOURS, STATUS_ORDER

matplotlib.use("Agg")

PNG = b"\x89PNG"


def _texts(figure) -> str:
    """The figure's footnotes and captions, unwrapped."""
    return " ".join(t.get_text().replace("\n", " ") for t in figure.texts)


def _dated(frame):
    return frame[frame.date_start.notna() | frame.date_end.notna()]


@pytest.mark.parametrize("filters", [{}, {"actor": "Stalin"}], ids=["all", "stalin"])
@pytest.mark.parametrize("colour_by", ["type", "status"])
def test_timeline_counts_what_it_shows_and_what_it_leaves_out(tmp_path, filters, colour_by):
    path = tmp_path / "timeline.png"
    figure = sjc.plot.timeline(colour_by=colour_by, save=path, **filters)
    assert path.read_bytes()[:4] == PNG
    matched = sjc.events(**filters).drop_duplicates("id")
    dated = _dated(matched)
    (axes, *_) = figure.axes
    shown = min(len(dated), 60)
    bars = [p for p in axes.patches if p.get_height() == pytest.approx(0.6)]
    assert len(bars) == shown == len(axes.get_yticklabels())
    assert f"{shown} of {len(matched)} events shown" in axes.get_title(loc="left")
    if filters:
        assert "actor='Stalin'" in axes.get_title(loc="left")
    undated = matched[matched.date_start.isna() & matched.date_end.isna()]
    if len(undated):
        assert f"Undated, not drawn ({len(undated)})" in _texts(figure)
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    if colour_by == "status":
        present = [s for s in STATUS_ORDER if s in set(dated.status.head(shown).astype(str))]
        assert legend[: len(present)] == present  # least to most certain
    else:
        assert len(set(legend)) == len(legend) and len(legend) <= 9 + 3


def test_timeline_fades_approximate_dates_and_draws_open_ends_as_arrows():
    figure = sjc.plot.timeline(actor="Stalin", colour_by="status", limit=500)
    (axes, *_) = figure.axes
    dated = _dated(sjc.events(actor="Stalin").drop_duplicates("id"))
    bars = [p for p in axes.patches if p.get_height() == pytest.approx(0.6)]
    faded = [b for b in bars if b.get_facecolor()[3] < 1]
    exact = dated.precision.eq("day") & ~dated.date.str.contains("[~?%]", regex=True)
    open_ended = dated.date_start.isna() | dated.date_end.isna()
    assert len(faded) == (~exact & ~open_ended).sum()
    arrows = [t for t in axes.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == open_ended.sum()
    colours = {matplotlib.colors.to_hex(b.get_edgecolor()) for b in bars}
    assert colours <= set(STATUS_COLOURS.values())


def test_timeline_pages_large_selections_and_saves_svg_and_pdf(tmp_path):
    dated = len(_dated(sjc.load("events")))
    figure = sjc.plot.timeline(limit=50, page=2, save=tmp_path / "t.svg")
    pages = -(-dated // 50)
    assert f"page 2 of {pages}, 50 a page" in figure.axes[0].get_title(loc="left")
    assert (tmp_path / "t.svg").read_text()[:5] in ("<?xml", "<svg ")
    sjc.plot.timeline(actor="Zhang Zuolin", save=tmp_path / "t.pdf")
    assert (tmp_path / "t.pdf").read_bytes()[:5] == b"%PDF-"
    with pytest.raises(sjc.InvalidValueError, match=f"fill {pages} page"):
        sjc.plot.timeline(limit=50, page=pages + 1)


@pytest.mark.parametrize("filters", [{}, {"actor": "Zhang Zuolin"}], ids=["all", "zhang"])
def test_map_draws_coastlines_places_and_says_what_is_outside(tmp_path, filters):
    path = tmp_path / "map.png"
    figure = sjc.plot.map(save=path, **filters)
    assert path.read_bytes()[:4] == PNG
    axes = figure.axes[0]
    assert axes.get_xlim() == EAST_ASIA[:2] and axes.get_ylim() == EAST_ASIA[2:]
    land = [p for p in axes.patches if len(p.get_path().vertices) > 10_000]
    assert land, "the Natural Earth coastlines are drawn"
    places = sjc.load("places").set_index("id")
    found = sjc.events(**filters).drop_duplicates("id")
    counts = found.place_id.dropna().value_counts()
    west, east, south, north = EAST_ASIA
    inside = [
        p
        for p in counts.index
        if west <= places.loc[p, "longitude"] <= east
        and south <= places.loc[p, "latitude"] <= north
    ]
    (circles,) = [c for c in axes.collections if len(c.get_offsets()) == len(inside)]
    assert len(circles.get_offsets()) == len(inside)
    text = _texts(figure)
    assert "modern" in text
    for place in set(counts.index) - set(inside):
        assert f"{places.loc[place, 'name']} ({counts[place]})" in text
    labels = [t for t in axes.texts if t.get_gid() == "place-label"]
    assert 0 < len(labels) <= 12
    figure.canvas.draw()
    boxes = [t.get_window_extent() for t in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    named = {t.get_text().rsplit(" (", 1)[0] for t in labels}
    for place in inside:
        name = places.loc[place, "name"]
        assert name in named or f"{name} ({counts[place]})" in text
    legends = [c for c in axes.get_children() if isinstance(c, matplotlib.legend.Legend)]
    entries = {t.get_text() for legend in legends for t in legend.get_texts()}
    assert set(STATUS_ORDER) <= entries


def test_map_extent_reframes_and_errors_are_clear(tmp_path):
    figure = sjc.plot.map(extent=(-10, 45, 35, 62), save=tmp_path / "europe.png")
    assert figure.axes[0].get_xlim() == (-10, 45)
    assert "Tokyo (" in _texts(figure)  # now outside the frame, so listed
    with pytest.raises(sjc.InvalidValueError, match="extent"):
        sjc.plot.map(extent=(150, 95, 20, 56))
    with pytest.raises(sjc.InvalidValueError, match="extent must be four numbers"):
        sjc.plot.map(extent="asia")


def test_plot_errors_are_clear():
    with pytest.raises(
        sjc.InvalidValueError, match="colour_by='place' is not one of 'type', 'status'"
    ):
        sjc.plot.timeline(colour_by="place")
    with pytest.raises(ValueError, match="nothing to draw"):
        sjc.plot.timeline(text="no event has these words")
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        sjc.plot.map(save="map.jpg")
