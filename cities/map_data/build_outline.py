"""Build the directory map's world outline, once, from Natural Earth's 1:110m land (public domain), as the npm
package world-atlas 2.0.2 ships it (`countries-110m.json`, TopoJSON, object `land`).

Not run by the platform or its tests: its output, `world-110m.svgpath`, is kept in the repository. To rebuild it:

    npm install --prefix /tmp/world-atlas world-atlas@2.0.2
    python cities/map_data/build_outline.py /tmp/world-atlas/node_modules/world-atlas/countries-110m.json

It decodes the TopoJSON arcs (quantized, delta-encoded), simplifies each arc once (Douglas-Peucker, so that
neighbouring coasts stay joined), projects longitude and latitude onto the map's 360 by 180 box (equirectangular,
as `cities/map.py` places the cities) and writes one SVG path.
"""

import itertools
import json
import sys
from pathlib import Path

TOLERANCE = 0.35  # degrees: invisible at the map's size, and the file stays small
MIN_RING_AREA = 0.8  # square degrees: specks smaller than this are left out
OUTPUT = Path(__file__).resolve().parent / "world-110m.svgpath"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring: list[int], arcs: list) -> list:
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def across_the_antimeridian(points: list) -> list:
    """A ring that crosses longitude 180 (Chukotka, Fiji) jumps from one edge of the map to the other: shift its
    far side by 360 degrees so it runs on past the edge, where the map's frame cuts it. A ring that crosses it once
    goes round the pole (Antarctica): close it along the map's bottom edge."""
    jumps = [i for i in range(1, len(points)) if abs(points[i][0] - points[i - 1][0]) > 180]
    if not jumps:
        return points
    if len(jumps) == 1:
        i = jumps[0]
        return [*points[:i], (points[i - 1][0], -90.0), (points[i][0], -90.0), *points[i:]]
    shifted, offset = [points[0]], 0.0
    for (previous, _), (x, y) in itertools.pairwise(points):
        if x - previous > 180:
            offset -= 360
        elif previous - x > 180:
            offset += 360
        shifted.append((x + offset, y))
    return shifted


def area(points: list) -> float:
    closed = [*points, points[0]]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(closed))) / 2


def project(longitude: float, latitude: float) -> str:
    return f"{longitude + 180:.1f} {90 - latitude:.1f}".replace(".0 ", " ").removesuffix(".0")


def build(topology: dict) -> str:
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    polygons = []
    for geometry in topology["objects"]["land"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons.append(geometry["arcs"])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend(geometry["arcs"])
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = across_the_antimeridian(ring_points(ring, arcs))
            if len(points) < 4 or area(points) < MIN_RING_AREA:
                continue
            coordinates = [project(x, y) for x, y in points[:-1]]
            parts.append("M" + "L".join(coordinates) + "Z")
    return "".join(parts)


if __name__ == "__main__":
    path = build(json.loads(Path(sys.argv[1]).read_text()))
    OUTPUT.write_text(path + "\n")
    sys.stdout.write(f"{OUTPUT.name}: {len(path)} characters\n")
