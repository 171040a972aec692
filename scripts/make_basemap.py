"""Turn Natural Earth's TopoJSON (npm ``world-atlas``) into the map's compact GeoJSON basemap.

Run once when the basemap is updated, from a folder holding the unpacked npm package::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_basemap.py package/countries-50m.json

It writes ``src/stalin_japan_china/basemap/eurasia-50m.geojson``: two features, the land
(coastlines, as polygons) and the land borders between countries (as lines, each drawn
once), rounded to 0.02 degrees (about 2 km) and kept only where a ring or border comes
near Europe, Asia or the western Pacific (the frames the map can show), so the file
stays small and works offline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/stalin_japan_china/basemap/eurasia-50m.geojson"
REGION = (-12.0, 180.0, -15.0, 82.0)  # lon min, lon max, lat min, lat max kept
STEP = 0.02  # degrees: finer than a 1:50m line's width at any size we draw


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc in degrees: TopoJSON stores quantized, delta-encoded integers."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(round(x / STEP) * STEP, 2), round(round(y / STEP) * STEP, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def near(points: list[tuple[float, float]]) -> bool:
    west, east, south, north = REGION
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) >= west and min(xs) <= east and max(ys) >= south and min(ys) <= north


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode(topology)
    land = []
    for geometry in topology["objects"]["land"]["geometries"]:
        for polygon in polygons(geometry):
            rings = [ring(arcs, r) for r in polygon]
            if near(rings[0]):
                kept = [rounded(r) for r in rings]
                land.append([r for r in kept if len(r) >= 4])
    # An arc used by two countries is a border between them; one used once is coast.
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        for polygon in polygons(geometry):
            for r in polygon:
                for index in r:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    borders = [
        rounded(arcs[i]) for i, who in sorted(users.items()) if len(who) > 1 and near(arcs[i])
    ]
    collection = {
        "type": "FeatureCollection",
        "name": "Natural Earth 1:50m land and country borders, Europe to the western Pacific",
        "source": "Natural Earth 4.1.0 via npm world-atlas 2.0.2 (countries-50m.json); "
        "public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "features": [
            {
                "type": "Feature",
                "properties": {"layer": "land"},
                "geometry": {"type": "MultiPolygon", "coordinates": land},
            },
            {
                "type": "Feature",
                "properties": {"layer": "borders"},
                "geometry": {"type": "MultiLineString", "coordinates": borders},
            },
        ],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(land)} land polygons, {len(borders)} borders")


if __name__ == "__main__":
    main(*sys.argv[1:])
