"""The directory's map, drawn on the server as SVG from coordinates: an equirectangular projection of the whole
world into a 360 by 180 box, the land's outline from Natural Earth (map_data/SOURCE.md), a graticule every 30
degrees, and a numbered marker per member city that links to its page. No tiles, nothing fetched."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

WIDTH = 360
HEIGHT = 180
GRATICULE_STEP = 30


OUTLINE = Path(__file__).resolve().parent / "map_data" / "world-110m.svgpath"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    city: object
    number: int


@cache
def outline() -> str:
    """The land of the world as one SVG path in the map's box, made once by map_data/build_outline.py."""
    return OUTLINE.read_text().strip()


def project(latitude: float, longitude: float) -> tuple[float, float]:
    x = min(max(longitude, -180.0), 180.0) + 180.0
    y = 90.0 - min(max(latitude, -90.0), 90.0)
    return round(x, 2), round(y, 2)


def points(cities) -> list[Point]:
    """A marker per city, numbered as the list beside the map numbers them."""
    return [
        Point(*project(city.latitude, city.longitude), city=city, number=number)
        for number, city in enumerate(cities, start=1)
    ]


def meridians() -> list[int]:
    return list(range(GRATICULE_STEP, WIDTH, GRATICULE_STEP))


def parallels() -> list[int]:
    return list(range(GRATICULE_STEP, HEIGHT, GRATICULE_STEP))
