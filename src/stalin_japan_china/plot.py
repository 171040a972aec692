"""Pictures of the data: an honest timeline of events and a map of where they happened.

Both need the ``plot`` extra (matplotlib), take the same filters as
:func:`stalin_japan_china.events`, return the matplotlib ``Figure`` and, given
``save=``, write it as PNG, SVG or PDF (chosen by the file's suffix).

Both say what they leave out rather than dropping it silently: the timeline counts the
events it shows of those that matched and lists the undated ones under the figure; the
map lists the places outside its frame. Status is always coloured on the one ordered
scale of :mod:`stalin_japan_china.scale`, refuted (red) to confirmed (blue).

The map is drawn over Natural Earth's 1:50m coastlines and modern borders, shipped in
the package (public domain; see ``basemap/NOTICE.md``), so it works offline.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import os
import textwrap
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import checks
from .errors import InvalidValueError
from .query import events
from .scale import STATUS_COLOURS, STATUS_ORDER

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

COLOUR_BY = ("type", "status")
SUFFIXES = (".png", ".svg", ".pdf")
EAST_ASIA = (95.0, 150.0, 18.0, 58.0)  # lon min, lon max, lat min, lat max
TYPE_COLOURS = 9
"""Event types drawn in their own colour; rarer ones share grey as "rarer types"."""
_PALETTE = (  # tab10 without its grey, which "rarer types" uses
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)
_OTHER = "#9a9a9a"
EXACT = ("day",)
"""Precisions drawn as solid bars; coarser or approximate dates are faded over their span."""
SOURCE = "Kuromiya 2023"


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "sjc.plot needs matplotlib: pip install 'stalin-japan-china[plot]'"
        ) from error
    return plt


def _save_path(save: Any) -> Path | None:
    """Checked before drawing, so a bad name does not cost a figure first."""
    path = checks.path(save, "save")
    if path is not None and path.suffix.lower() not in SUFFIXES:
        raise InvalidValueError(
            f"save= must end in .png, .svg or .pdf, not {checks.shown(path.name)}"
        )
    if path is not None and not os.access(path.parent, os.W_OK):
        # Drawing every event takes seconds; an unwritable folder should fail before that.
        raise InvalidValueError(
            f"save={checks.shown(str(path))}: the folder {checks.shown(str(path.parent))} "
            "does not exist or is not writable"
        )
    return path


def _save(figure: Figure, path: Path | None) -> None:
    if path is None:
        return
    try:
        figure.savefig(path, bbox_inches="tight", dpi=150)
    except OSError as error:  # a folder that is missing or not writable: the caller's path
        _pyplot().close(figure)
        raise InvalidValueError(f"save={checks.shown(str(path))}: cannot write ({error})") from None


def _finished(
    figure: Figure, notes: list[str], path: Path | None, *, left: float, width: int
) -> Figure:
    """Put the caption under the axes (what was left out, what the marks mean), lay the
    figure out and save it: every picture says in its own frame what it does not show."""
    figure.text(
        left,
        0.0,
        _wrapped(" ".join(notes), width),
        fontsize=7,
        va="top",
        ha="left",
        transform=figure.transFigure,
    )
    figure.tight_layout()
    _save(figure, path)
    return figure


def _events(filters: dict[str, Any]) -> pd.DataFrame:
    """The events to draw, once each: the filters of :func:`~stalin_japan_china.events`."""
    known = inspect.signature(events).parameters
    unknown = [name for name in filters if name not in known]
    if unknown:
        raise InvalidValueError(
            f"{checks.shown(unknown[0])} is not a filter of sjc.events; the filters are: "
            f"{', '.join(known)}"
        )
    # With actor= or role=, an event comes once per role; it is still one event.
    return events(**filters).drop_duplicates("id").reset_index(drop=True)


def _described(filters: dict[str, Any]) -> str:
    return ", ".join(f"{k}={checks.shown(v)}" for k, v in filters.items()) or "no filter"


def _listed(names: list[str], most: int = 12) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _wrapped(text: str, width: int = 120) -> str:
    return "\n".join(textwrap.wrap(text, width))


# --- timeline -------------------------------------------------------------------------------


def _approximate(event: Any) -> bool:
    date = event.date or ""
    return event.precision not in EXACT or any(mark in date for mark in "~?%")


def _type_colours(frame: pd.DataFrame) -> dict[str, str]:
    """The commonest types of the selection get colours; the rest share grey."""
    common = frame.type.astype(str).value_counts().index.tolist()
    return {t: _PALETTE[i] if i < TYPE_COLOURS else _OTHER for i, t in enumerate(common)}


def timeline(
    *,
    colour_by: str = "type",
    save: str | Path | None = None,
    limit: int = 60,
    page: int = 1,
    **filters: Any,
) -> Figure:
    """Events as bars over their date span, one row each, ``limit`` rows a page.

    The subtitle says how many of the matching events are drawn. Events the book dates
    only to a month, season or year, or marks approximate (``~``) or uncertain (``?``),
    are faded bars over the whole span they may fall in; an open end ("1936-12/") is an
    arrow to the edge. Undated events are named in the footnote. ``colour_by="status"``
    uses the ordered certainty scale; by type, the nine commonest types of the selection
    get colours and the rest share grey as "rarer types" (the vocabulary has its own
    "other"). More than ``limit`` events are paged: ``page=2`` draws the next ``limit``,
    and the figure says which page it is.
    """
    checks.choice(colour_by, "colour_by", COLOUR_BY)
    limit = checks.integer(limit, "limit", 1, 500, "a number of rows")
    page = checks.integer(page, "page", 1, 10_000, "a page number")
    path = _save_path(save)
    matched = _events(filters)
    plt = _pyplot()
    dated_mask = matched.date_start.notna() | matched.date_end.notna()
    dated, undated = matched[dated_mask], matched[~dated_mask]
    if dated.empty:
        raise InvalidValueError(f"no dated events match {_described(filters)}; nothing to draw")
    pages = math.ceil(len(dated) / limit)
    if page > pages:
        raise InvalidValueError(f"page={page}, but {len(dated)} dated events fill {pages} page(s)")
    rows = dated.iloc[(page - 1) * limit : page * limit]
    # Each page spans its own events: one 16th-century event must not squeeze the rest.
    import pandas as pd

    known = pd.concat([rows.date_start, rows.date_end]).dropna()
    earliest, latest = known.min(), known.max()
    margin = max((latest - earliest) / 40, _days(30))
    left, right = earliest - margin, latest + margin
    least = max((right - left) / 250, _days(1))  # a one-day event must still show
    colours = (
        _type_colours(dated)
        if colour_by == "type"
        else {s: STATUS_COLOURS[s] for s in STATUS_ORDER}
    )
    figure, axes = plt.subplots(figsize=(12, 2.2 + 0.2 * len(rows)))
    open_ends = 0
    for row, event in enumerate(rows.itertuples()):
        start, end = event.date_start, event.date_end
        colour = colours[str(getattr(event, colour_by))]
        faded = _approximate(event)
        if _missing(start) or _missing(end):  # open: an arrow from the known end outwards
            open_ends += 1
            known = end if _missing(start) else start
            edge = left if _missing(start) else right
            axes.barh(
                row, least, left=known - least / 2, height=0.6, color=colour, edgecolor=colour
            )
            axes.annotate(
                "",
                xy=(edge, row),
                xytext=(known, row),
                arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.2},
            )
            continue
        width = max(end - start, least)
        axes.barh(
            row,
            width,
            left=start if end - start >= least else start - least / 2,
            height=0.6,
            # Faded and hatched in the full colour, so a faded "confirmed" never reads
            # as the paler "likely": the edge and hatching keep the scale's colour.
            color=_rgba(colour, 0.25 if faded else 1.0),
            edgecolor=colour,
            hatch="////" if faded else None,
            linewidth=0.8,
        )
    labels = [f"{_short(str(e.title), 55)}  [{e.date}]" for e in rows.itertuples()]
    axes.set_yticks(range(len(rows)), labels, fontsize=7)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.set_xlim(left, right)
    axes.grid(axis="x", alpha=0.3)
    present = [str(v) for v in rows[colour_by].astype(str)]
    if colour_by == "status":
        groups = [(s, STATUS_COLOURS[s]) for s in STATUS_ORDER if s in present]
        legend_title = "event status (least to most certain)"
    else:
        named = [t for t in colours if colours[t] != _OTHER and t in present]
        groups = [(t, colours[t]) for t in named]
        rare = sorted({t for t in present if colours[t] == _OTHER})
        if rare:
            groups.append((f"rarer types ({len(rare)})", _OTHER))
        legend_title = "event type"
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for _, c in groups]
    handles += [
        plt.Rectangle((0, 0), 1, 1, fc=_rgba("#555555", 0.25), ec="#555555", hatch="////"),
        plt.Line2D([], [], color="#555555", marker=">", lw=1),
    ]
    names = [g for g, _ in groups] + ["approximate: whole possible span", "open end"]
    axes.legend(
        handles,
        names,
        fontsize=7,
        title=legend_title,
        title_fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        borderaxespad=0,
    )
    shown = f"{len(rows)} of {len(matched)} events shown"
    if pages > 1:
        shown += f" (page {page} of {pages}, {limit} a page)"
    axes.set_title(f"Events, {_described(filters)}\n{shown}; {SOURCE}", fontsize=10, loc="left")
    notes = []
    if len(undated):
        titles = [str(t) for t in undated.title]
        notes.append(f"Undated, not drawn ({len(undated)}): {_listed(titles)}.")
    if open_ends:
        notes.append(f"{open_ends} open-ended event(s) drawn as arrows to the edge.")
    notes.append(
        "Faded bars: dated only to a month, season or year, or approximate (~) or "
        "uncertain (?), drawn over the whole span the date allows."
    )
    return _finished(figure, notes, path, left=0.01, width=150)


def _rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def _days(n: int) -> Any:
    import pandas as pd

    return pd.Timedelta(days=n)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- map ------------------------------------------------------------------------------------


@functools.cache
def basemap() -> dict[str, Any]:
    """The shipped Natural Earth land and borders, as GeoJSON (see ``basemap/NOTICE.md``)."""
    path = resources.files("stalin_japan_china") / "basemap" / "eurasia-50m.geojson"
    return json.loads(path.read_text(encoding="utf-8"))


def _draw_basemap(axes: Any) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    land, borders = basemap()["features"]
    vertices, codes = [], []
    for polygon in land["geometry"]["coordinates"]:
        for ring in polygon:
            vertices += ring
            codes += [MPath.MOVETO] + [MPath.LINETO] * (len(ring) - 2) + [MPath.CLOSEPOLY]
    axes.add_patch(
        PathPatch(
            MPath(vertices, codes), facecolor="#f1efe8", edgecolor="#8a8a8a", lw=0.5, zorder=0
        )
    )
    axes.add_collection(
        LineCollection(
            borders["geometry"]["coordinates"],
            colors="#b0a898",
            linewidths=0.5,
            linestyles=(0, (3, 2)),
            zorder=1,
        )
    )


def _median_status(statuses: list[str]) -> str:
    """The lower median on the ordered scale: at least half the events are this sure."""
    ranked = sorted(statuses, key=STATUS_ORDER.index)
    return ranked[(len(ranked) - 1) // 2]


def map(
    *,
    save: str | Path | None = None,
    extent: tuple[float, float, float, float] = EAST_ASIA,
    labels: int = 12,
    **filters: Any,
) -> Figure:
    """Places as circles sized by their number of events, over coastlines and borders.

    ``extent`` is (west, east, south, north) in degrees, East Asia by default; places
    outside it are listed in the caption, never allowed to stretch the frame. A circle's
    colour is the median status of its events on the ordered certainty scale. The
    ``labels`` places with most events are named on the map when a name fits without
    overlapping another; every other place drawn is named in the caption.
    """
    path = _save_path(save)
    frame_extent = _extent(extent)
    labels = checks.integer(labels, "labels", 0, 200, "a number of labels")
    found = _events(filters)
    plt = _pyplot()
    at_place = found[found.place_id.notna()]
    if at_place.empty:
        raise InvalidValueError(
            f"no events with a place match {_described(filters)}; nothing to draw"
        )
    from .loading import load_table

    places = {p["id"]: p for p in load_table("places").to_pylist()}
    groups = at_place.groupby(at_place.place_id.astype(str))
    counts = groups.size().sort_values(ascending=False, kind="stable")
    west, east, south, north = frame_extent
    inside = [
        p
        for p in counts.index
        if west <= places[p]["longitude"] <= east and south <= places[p]["latitude"] <= north
    ]
    outside = [p for p in counts.index if p not in inside]
    figure, axes = plt.subplots(figsize=(10, 8.5))
    _draw_basemap(axes)
    statuses = {p: _median_status([str(s) for s in groups.get_group(p).status]) for p in inside}
    largest = counts.max()
    size = {p: 20 + 480 * math.sqrt(counts[p] / largest) for p in counts.index}
    axes.scatter(
        [places[p]["longitude"] for p in inside],
        [places[p]["latitude"] for p in inside],
        s=[size[p] for p in inside],
        c=[STATUS_COLOURS[statuses[p]] for p in inside],
        edgecolors="#333333",
        linewidths=0.6,
        alpha=0.85,
        zorder=3,
    )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    labelled = _place_labels(figure, axes, [p for p in inside][:labels], places, counts, size)
    axes.set_xlabel("longitude (°E)")
    axes.set_ylabel("latitude (°N)")
    status_handles = [
        plt.Line2D(
            [],
            [],
            marker="o",
            ls="",
            markersize=8,
            markerfacecolor=STATUS_COLOURS[s],
            markeredgecolor="#333333",
            label=s,
        )
        for s in STATUS_ORDER
    ]
    first = axes.legend(
        handles=status_handles,
        title="median status of its events",
        fontsize=7,
        title_fontsize=7,
        loc="lower left",
    )
    axes.add_artist(first)
    samples = sorted({1, max(1, round(largest / 4)), int(largest)})
    size_handles = [
        plt.scatter(
            [],
            [],
            s=20 + 480 * math.sqrt(n / largest),
            facecolor="none",
            edgecolor="#333333",
            label=f"{n} event{'s' if n > 1 else ''}",
        )
        for n in samples
    ]
    axes.legend(
        handles=size_handles,
        title="events at the place",
        fontsize=7,
        title_fontsize=7,
        loc="lower right",
        labelspacing=1.4,
        borderpad=1,
    )
    drawn = int(sum(counts[p] for p in inside))
    axes.set_title(
        f"Where the events happened, {_described(filters)}\n{drawn} events at {len(inside)} "
        f"places shown, of {len(at_place)} events with a place ({len(found)} matched); "
        f"{SOURCE}",
        fontsize=10,
        loc="left",
    )
    caption = []
    unlabelled = [f"{places[p]['name']} ({counts[p]})" for p in inside if p not in labelled]
    if unlabelled:
        caption.append(f"Also drawn, not labelled: {', '.join(unlabelled)}.")
    if outside:
        away = [f"{places[p]['name']} ({counts[p]})" for p in outside]
        caption.append(f"Outside the frame: {', '.join(away)}.")
    caption.append(
        "Coastlines and borders are modern (Natural Earth 1:50m, public domain), not those "
        "of 1894–1945. Region and country points mark a label position, not a site."
    )
    return _finished(figure, caption, path, left=0.02, width=140)


def _extent(extent: Any) -> tuple[float, float, float, float]:
    try:
        west, east, south, north = (float(v) for v in extent)
    except (TypeError, ValueError):
        raise checks.wrong(
            "extent", extent, "four numbers (west, east, south, north) in degrees"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InvalidValueError(
            f"extent={checks.shown(extent)} must have -180 <= west < east <= 180 and "
            "-90 <= south < north <= 90"
        )
    return west, east, south, north


def _place_labels(
    figure: Figure, axes: Any, candidates: list[str], places: dict, counts: Any, size: dict
) -> list[str]:
    """Label the largest places first, each where it overlaps no label or frame edge.

    Four positions are tried around each circle; a place whose name fits nowhere is left
    for the caption, so no two labels ever overlap.
    """
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    taken: list[Any] = []
    labelled = []
    for ident in candidates:
        place = places[ident]
        radius = math.sqrt(size[ident]) / 2 + 2  # points
        for dx, dy, ha, va in (
            (radius, radius * 0.6, "left", "bottom"),
            (radius, -radius * 0.6, "left", "top"),
            (-radius, radius * 0.6, "right", "bottom"),
            (-radius, -radius * 0.6, "right", "top"),
        ):
            text = axes.annotate(
                f"{place['name']} ({counts[ident]})",
                (place["longitude"], place["latitude"]),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7.5,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            fits = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if fits and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                labelled.append(ident)
                text.set_gid("place-label")
                break
            text.remove()
    return labelled
