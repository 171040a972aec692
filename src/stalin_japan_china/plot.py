"""Pictures of the data: a timeline of events and a map of where they happened.

Both need the ``plot`` extra (matplotlib), take the same filters as
:func:`stalin_japan_china.events`, return the matplotlib ``Figure`` and, given
``save=``, write it as PNG or SVG (chosen by the file's suffix).

The map draws places on a longitude/latitude grid of East Asia with their
names; it ships no coastlines (they would need a geodata download), so read it
as a schematic, or pass the returned axes to cartopy or geopandas.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import checks
from .errors import InvalidValueError
from .query import CERTAINTY, events

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLOUR_BY = ("type", "status")
EAST_ASIA = (95.0, 150.0, 20.0, 56.0)  # lon min, lon max, lat min, lat max


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
    if path is not None and path.suffix.lower() not in (".png", ".svg"):
        raise InvalidValueError(f"save= must end in .png or .svg, not {checks.shown(path.name)}")
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
        figure.savefig(path, bbox_inches="tight")
    except OSError as error:  # a folder that is missing or not writable: the caller's path
        _pyplot().close(figure)
        raise InvalidValueError(f"save={checks.shown(str(path))}: cannot write ({error})") from None


def _events(filters: dict[str, Any]) -> Any:
    """The events to draw: the filters of :func:`~stalin_japan_china.events`, names checked."""
    known = inspect.signature(events).parameters
    unknown = [name for name in filters if name not in known]
    if unknown:
        raise InvalidValueError(
            f"{checks.shown(unknown[0])} is not a filter of sjc.events; the filters are: "
            f"{', '.join(known)}"
        )
    return events(**filters)


def _described(filters: dict[str, Any]) -> str:
    return ", ".join(f"{k}={checks.shown(v)}" for k, v in filters.items()) or "no filter"


def timeline(colour_by: str = "type", save: str | Path | None = None, **filters: Any) -> Figure:
    """Dated events as bars from ``date_start`` to ``date_end``, one row per event."""
    checks.choice(colour_by, "colour_by", COLOUR_BY)
    path = _save_path(save)
    frame = _events(filters)
    plt = _pyplot()
    frame = frame[frame.date_start.notna() & frame.date_end.notna()]
    if frame.empty:
        raise InvalidValueError(f"no dated events match {_described(filters)}; nothing to draw")
    groups = list(CERTAINTY) if colour_by == "status" else sorted(set(frame[colour_by]))
    colours = {g: plt.get_cmap("tab20")(i % 20) for i, g in enumerate(groups)}
    figure, axes = plt.subplots(figsize=(10, max(3, 0.22 * len(frame))))
    # A day-dated event would be invisible on a decades-wide axis: give every bar
    # at least 1/300 of the span, so each event shows.
    least = max((frame.date_end.max() - frame.date_start.min()).days / 300, 1)
    for row, event in enumerate(frame.itertuples()):
        start, end = event.date_start, event.date_end
        width = max((end - start).days, least)
        value = getattr(event, colour_by)
        axes.barh(row, width, left=start, height=0.7, color=colours[value])
    axes.set_yticks(range(len(frame)), frame.title.tolist(), fontsize=7)
    axes.invert_yaxis()
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=colours[g]) for g in groups if g in set(frame[colour_by])
    ]
    axes.legend(
        handles, [g for g in groups if g in set(frame[colour_by])], fontsize=7, title=colour_by
    )
    axes.set_title(f"{len(frame)} events (Kuromiya 2023)")
    _save(figure, path)
    return figure


def map(save: str | Path | None = None, **filters: Any) -> Figure:
    """Events per place, as circles sized by count, on a grid of East Asia."""
    from .loading import load_table

    path = _save_path(save)
    frame = _events(filters)
    plt = _pyplot()
    counts = frame.place_id.dropna().value_counts()
    if counts.empty:
        raise InvalidValueError(
            f"no events with a place match {_described(filters)}; nothing to draw"
        )
    places = {p["id"]: p for p in load_table("places").to_pylist()}
    figure, axes = plt.subplots(figsize=(8, 7))
    for place_id, count in counts.items():
        place = places[place_id]
        axes.scatter(place["longitude"], place["latitude"], s=30 + 25 * count, alpha=0.6)
        axes.annotate(
            f"{place['name']} ({count})",
            (place["longitude"], place["latitude"]),
            fontsize=7,
            xytext=(4, 4),
            textcoords="offset points",
        )
    west, east, south, north = EAST_ASIA
    axes.set_xlim(
        min(west, *(places[p]["longitude"] for p in counts.index)) - 1,
        max(east, *(places[p]["longitude"] for p in counts.index)) + 1,
    )
    axes.set_ylim(south, max(north, *(places[p]["latitude"] for p in counts.index)) + 1)
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.grid(alpha=0.3)
    axes.set_title(f"{int(counts.sum())} events at {len(counts)} places (Kuromiya 2023)")
    _save(figure, path)
    return figure
