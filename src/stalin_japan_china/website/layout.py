"""Positions for the network view, computed once when the site is written.

A force-directed layout of ~600 actors takes the browser several seconds on every page
load (cytoscape's ``cose``); done here with numpy (a pandas dependency) it costs about a
second at generation time, is the same on every load, and the page draws at once.
"""

from __future__ import annotations

from collections.abc import Iterable


def force_layout(
    nodes: list[str], edges: Iterable[tuple[str, str]], iterations: int = 150, seed: int = 16
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in a 1000 × 1000 box, deterministic for a seed.

    >>> spots = force_layout(["a", "b", "c"], [("a", "b")])
    >>> sorted(spots) == ["a", "b", "c"] and all(0 <= v <= 1000 for p in spots.values() for v in p)
    True
    """
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    count = len(nodes)
    if count == 0:
        return {}
    pairs = np.array(
        [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b],
        dtype=int,
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    position = rng.uniform(-1, 1, size=(count, 2)).astype(np.float32)
    k = np.sqrt(4.0 / count)  # ideal distance in a 2 × 2 box
    temperature = 0.2
    x, y = position[:, 0].copy(), position[:, 1].copy()
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        factor = k * k / np.maximum(dx * dx + dy * dy, 1e-6)
        move_x = (factor * dx).sum(axis=1)
        move_y = (factor * dy).sum(axis=1)
        if len(pairs):
            ex = x[pairs[:, 0]] - x[pairs[:, 1]]
            ey = y[pairs[:, 0]] - y[pairs[:, 1]]
            length = np.sqrt(ex * ex + ey * ey) / k
            np.add.at(move_x, pairs[:, 0], -ex * length)
            np.add.at(move_y, pairs[:, 0], -ey * length)
            np.add.at(move_x, pairs[:, 1], ex * length)
            np.add.at(move_y, pairs[:, 1], ey * length)
        move_x -= x * 0.05  # a weak pull to the centre keeps loose parts in view
        move_y -= y * 0.05
        size = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), 1e-9)
        step = np.minimum(size, temperature) / size
        x += move_x * step
        y += move_y * step
        temperature *= 0.98
    position = np.column_stack([x, y])
    low, high = position.min(axis=0), position.max(axis=0)
    scaled = (position - low) / np.maximum(high - low, 1e-9) * 1000
    return {
        n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, scaled, strict=True)
    }
