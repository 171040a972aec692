"""Pictures of the data: a timeline of events and a map of where they happened.

Both need the ``plot`` extra (matplotlib), take the same filters as
:func:`stalin_japan_china.events`, return the matplotlib ``Figure`` and, given
``save=``, write it as PNG or SVG (chosen by the file's suffix).

The map draws places on a longitude/latitude grid of East Asia with their
names; it ships no coastlines (they would need a geodata download), so read it
as a schematic, or pass the returned axes to cartopy or geopandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _save(figure: Figure, save: str | Path | None) -> None:
    if save is not None:
        path = Path(save)
        if path.suffix.lower() not in (".png", ".svg"):
            raise ValueError(f"save= must end in .png or .svg, not {path.name!r}")
        figure.savefig(path, bbox_inches="tight")


def timeline(colour_by: str = "type", save: str | Path | None = None, **filters: Any) -> Figure:
    """Dated events as bars from ``date_start`` to ``date_end``, one row per event."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}, not {colour_by!r}")
    plt = _pyplot()
    frame = events(**filters)
    frame = frame[frame.date_start.notna() & frame.date_end.notna()]
    if frame.empty:
        raise ValueError(f"no dated events match {filters}; nothing to draw")
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
    _save(figure, save)
    return figure


def map(save: str | Path | None = None, **filters: Any) -> Figure:
    """Events per place, as circles sized by count, on a grid of East Asia."""
    from .loading import load_table

    plt = _pyplot()
    frame = events(**filters)
    counts = frame.place_id.dropna().value_counts()
    if counts.empty:
        raise ValueError(f"no events with a place match {filters}; nothing to draw")
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
    _save(figure, save)
    return figure
