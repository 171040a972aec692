"""The one colour scale of certainty, used by every picture and export that colours status.

Status is ordered, so its colours are too: a diverging scale from refuted (red) through
possible (pale) to confirmed (blue), colour-blind safe (ColorBrewer RdYlBu, five
classes), and never the repeating category palette that once drew "refuted" green.

    >>> STATUS_ORDER
    ('refuted', 'alleged', 'possible', 'likely', 'confirmed')
    >>> STATUS_COLOURS["confirmed"]
    '#2c7bb6'
"""

from __future__ import annotations

from .query import CERTAINTY

STATUS_ORDER: tuple[str, ...] = tuple(reversed(CERTAINTY))
"""Least to most certain, the order of every legend and scale."""

STATUS_COLOURS: dict[str, str] = dict(
    zip(STATUS_ORDER, ("#d7191c", "#fdae61", "#e0d890", "#abd9e9", "#2c7bb6"), strict=True)
)
"""Hex colour of each status, refuted to confirmed."""


def rgb(status: str) -> tuple[int, int, int]:
    """The status colour as 0-255 integers, as GEXF's ``viz:color`` wants it.

    >>> rgb("refuted")
    (215, 25, 28)
    """
    code = STATUS_COLOURS[status].lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)
