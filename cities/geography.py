"""Countries and world regions: the countries from the gazetteer's country table (`cities/data/countries.json`),
their names in the reader's language from Babel's locale data (the Unicode CLDR).

A city's region follows from its country: the package's continent, with the Americas joined into one region and
the countries of western Asia (and Egypt) that the network calls the Middle East set apart.
"""

import unicodedata
from functools import cache

from babel import Locale
from django.db import models
from django.utils.translation import get_language
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


@cache
def _territory_names(language: str) -> dict[str, str]:
    return dict(Locale.parse(language, sep="-").territories)


def country_name(code: str, *, language: str | None = None) -> str:
    """The country's name in `language` (the active language by default), or the gazetteer's English name where
    the locale data has none."""
    country = _countries().get(code)
    if country is None:
        return code
    names = _territory_names((language or get_language() or "en").split("-")[0])
    return names.get(code) or country["name"]


def _sort_key(name: str) -> str:
    """Alphabetical order that reads "États-Unis" under E, not after Z."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def country_choices(codes=None) -> list[tuple[str, str]]:
    """(code, name in the active language) of every country, or of the given codes, in alphabetical order."""
    if codes is None:
        return list(_every_country_choice((get_language() or "en").split("-")[0]))
    codes = [code for code in codes if code in _countries()]
    return sorted(((code, country_name(code)) for code in codes), key=lambda item: _sort_key(item[1]))


@cache
def _every_country_choice(language: str) -> tuple[tuple[str, str], ...]:
    """Every country in `language`, sorted once (a form of every request lists them). Codes of countries that no
    longer exist (Serbia and Montenegro, the Netherlands Antilles), which the locale data does not name and no city
    of the gazetteer lies in, are left out."""
    named = _territory_names("en")
    names = ((code, country_name(code, language=language)) for code in _countries() if code in named)
    return tuple(sorted(names, key=lambda item: _sort_key(item[1])))


def region_of(country_code: str) -> Region:
    if country_code in MIDDLE_EAST:
        return Region.MIDDLE_EAST
    continent = _countries().get(country_code, {}).get("continent", "")
    # Every country of the gazetteer has a continent; a test checks it.
    return CONTINENT_REGIONS[continent]
