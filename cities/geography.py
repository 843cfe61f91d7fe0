"""Countries and world regions, from the gazetteer's country table (`cities/data/countries.json`).

A city's region follows from its country: the package's continent, with the Americas joined into one region and
the countries of western Asia (and Egypt) that the network calls the Middle East set apart.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.gazetteer import countries_data


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    MIDDLE_EAST = "middle_east", _("Middle East")
    OCEANIA = "oceania", _("Oceania")


MIDDLE_EAST = frozenset(
    {"AE", "BH", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"}
)
CONTINENT_REGIONS = {
    "AF": Region.AFRICA,
    "NA": Region.AMERICAS,
    "SA": Region.AMERICAS,
    "AS": Region.ASIA,
    "EU": Region.EUROPE,
    "OC": Region.OCEANIA,
    "AN": Region.OCEANIA,
}


def _countries() -> dict[str, dict]:
    return countries_data()["countries"]


def country_name(code: str) -> str:
    country = _countries().get(code)
    return country["name"] if country else code


def country_choices() -> list[tuple[str, str]]:
    return sorted(((code, country["name"]) for code, country in _countries().items()), key=lambda item: item[1])


def region_of(country_code: str) -> Region:
    if country_code in MIDDLE_EAST:
        return Region.MIDDLE_EAST
    continent = _countries().get(country_code, {}).get("continent", "")
    # Every country of the gazetteer has a continent; a test checks it.
    return CONTINENT_REGIONS[continent]
