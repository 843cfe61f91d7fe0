"""The directory's map, drawn on the server as SVG from coordinates: an equirectangular projection of the whole
world into a 360 by 180 box, a graticule every 30 degrees, a dot per member city. No tiles, nothing fetched."""

from dataclasses import dataclass

WIDTH = 360
HEIGHT = 180
GRATICULE_STEP = 30


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    city: object


def project(latitude: float, longitude: float) -> tuple[float, float]:
    x = min(max(longitude, -180.0), 180.0) + 180.0
    y = 90.0 - min(max(latitude, -90.0), 90.0)
    return round(x, 2), round(y, 2)


def points(cities) -> list[Point]:
    return [Point(*project(city.latitude, city.longitude), city=city) for city in cities]


def meridians() -> list[int]:
    return list(range(GRATICULE_STEP, WIDTH, GRATICULE_STEP))


def parallels() -> list[int]:
    return list(range(GRATICULE_STEP, HEIGHT, GRATICULE_STEP))
