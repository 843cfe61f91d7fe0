"""Adoption records from a published data set: a CSV file with a row per city and a column per practice.

The whole file is read and checked before anything is written: every bad row is reported with its line number
(as an editor shows it, the header being line 1) and then nothing at all is applied. A good file is applied in one
transaction, in a fixed number of queries whatever its length. Records a city reported itself, or that staff
verified, are people's word and are never overwritten by a data set.
"""

import csv
import io
import itertools
import json
from dataclasses import dataclass, field
from functools import cache

from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.utils import timezone

from cities.gazetteer import ALIAS_SEPARATOR, countries_data, fold
from cities.models import City, GazetteerPlace
from cities.services import cities_for_places
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from practices.errors import ImportRefused, MappingInvalid
from practices.models import (
    Adoption,
    AdoptionRevision,
    AdoptionSource,
    AdoptionStatus,
    Collection,
    CollectionItem,
    Practice,
    PracticeStatus,
)
from practices.services import ADOPTION_FIELDS

# Campaign Zero's Police Use of Force Policy Analysis (2016), as kept in ../shared/data/: its eight policy
# columns are the eight practices of the "8 Can't Wait" collection.
EIGHT_CANT_WAIT_MAPPING = {
    "city": "city",
    "region": "state",
    "country": "US",
    "practices": {
        "require deescalation": "require-de-escalation",
        "use force continuum or matrix": "use-of-force-continuum",
        "restrict holds": "ban-chokeholds-and-strangleholds",
        "require warning": "require-warning-before-shooting",
        "require exhaustion of alternatives": "exhaust-alternatives-before-shooting",
        "require officer intervention": "duty-to-intervene",
        "prohibit shooting at moving vehicles": "ban-shooting-at-moving-vehicles",
        "require reporting": "require-comprehensive-reporting",
    },
}
# The mapping used for a collection when none is given.
BUILT_IN_MAPPINGS = {"8-cant-wait": EIGHT_CANT_WAIT_MAPPING}

VALUES = {"1": AdoptionStatus.ADOPTED, "0": AdoptionStatus.NOT_ADOPTED}
# A city's own report and staff's verification are people's word: a data set never overwrites them.
PEOPLES_SOURCES = frozenset({AdoptionSource.SELF_REPORTED, AdoptionSource.VERIFIED})
# Abbreviations data sets write and the gazetteer may spell out, or the other way round: "St Louis", "St. Louis".
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
# Cities whose usual name carries their state: "Washington DC" is Washington in the District of Columbia.
NAMES_WITH_THEIR_STATE = {("US", "washington dc"): ("washington", "DC")}
HEADER_LINE = 1
BATCH_SIZE = 1000


# --- The column mapping --------------------------------------------------------------------------------------


def _column_key(name: str) -> str:
    """Column names are matched without regard to case or repeated spaces."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds the city, its region (a US state) and country, and which columns are which practices."""

    city: str
    practices: dict[str, str]
    region: str = ""
    country: str = ""
    country_column: str = ""

    @classmethod
    def from_dict(cls, data) -> "ColumnMapping":
        problems = []
        if not isinstance(data, dict):
            raise MappingInvalid(["the mapping must be a JSON object"])
        unknown = set(data) - {"city", "region", "country", "practices"}
        if unknown:
            problems.append(f"the mapping has unknown keys: {', '.join(sorted(unknown))}")
        city, region = data.get("city"), data.get("region", "")
        if not isinstance(city, str) or not city.strip():
            problems.append('"city" must name the column that holds the city')
        if not isinstance(region, str):
            problems.append('"region" must name the column that holds the region (the state), or be left out')
        country, country_column = data.get("country"), ""
        if isinstance(country, dict) and set(country) == {"column"} and isinstance(country["column"], str):
            country, country_column = "", country["column"]
        elif not (isinstance(country, str) and len(country.strip()) == 2 and country.strip().isalpha()):
            problems.append('"country" must be a two-letter country code ("US") or {"column": "<column>"}')
        practices = data.get("practices")
        if not isinstance(practices, dict) or not practices:
            problems.append('"practices" must map at least one column to a practice\'s slug')
        elif not all(isinstance(k, str) and isinstance(v, str) and k.strip() and v for k, v in practices.items()):
            problems.append('"practices" must map column names to practice slugs')
        else:
            slugs = list(practices.values())
            twice = sorted({slug for slug in slugs if slugs.count(slug) > 1})
            if twice:
                problems.append(f"more than one column is mapped to {', '.join(twice)}")
        if problems:
            raise MappingInvalid(problems)
        return cls(
            city=city,
            practices=dict(practices),
            region=region,
            country=country.strip().upper() if country else "",
            country_column=country_column,
        )

    @classmethod
    def from_json(cls, text: str) -> "ColumnMapping":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise MappingInvalid([f"the mapping is not valid JSON: {error}"]) from None
        return cls.from_dict(data)

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads; the others (population, deaths …) are ignored."""
        named = [self.city, self.region, self.country_column, *self.practices]
        return [column for column in named if column]


def mapped_practices(*, collection: Collection, mapping: ColumnMapping) -> dict[str, Practice]:
    """The practice of each mapped column. Each must be a published practice of the collection."""
    slugs = set(mapping.practices.values())
    in_collection = CollectionItem.objects.filter(collection=collection, practice=OuterRef("pk"))
    found = {
        practice.slug: practice
        for practice in Practice.objects.filter(slug__in=slugs).annotate(in_collection=Exists(in_collection))
    }
    practices, problems = {}, []
    for column, slug in mapping.practices.items():
        practice = found.get(slug)
        if practice is None:
            problems.append(f'the column "{column}" is mapped to "{slug}", which is not a practice of the library')
        elif not practice.in_collection:
            problems.append(f'the practice "{slug}" (column "{column}") is not in the collection "{collection.slug}"')
        elif practice.status != PracticeStatus.PUBLISHED:
            problems.append(f'the practice "{slug}" (column "{column}") is not published: it is "{practice.status}"')
        else:
            practices[column] = practice
    if problems:
        raise MappingInvalid(problems)
    return practices


# --- Reading the file ----------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows with the line each starts on: UTF-8 with or without a byte-order mark, any line
    ends (CRLF, LF, CR), a last row with or without its line end."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8-sig")
        line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
        raise ImportRefused([(line, "the file is not UTF-8 text")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 0
    try:
        for fields in reader:
            start, line = line + 1, reader.line_num
            if fields:
                rows.append((start, fields))
    except csv.Error as error:
        raise ImportRefused([(reader.line_num, f"the file cannot be read as CSV: {error}")]) from None
    return rows


@cache
def us_states() -> dict[str, str]:
    """Folded state name or code → the state's two-letter code, as the gazetteer's admin1 code holds it."""
    states = {}
    for code, name in countries_data()["us_states"].items():
        states[fold(name)] = code
        states[code.lower()] = code
    states["d.c."] = "DC"
    return states


def name_forms(name: str) -> frozenset[str]:
    """The folded forms the gazetteer may list a name under: "St Louis" as "st louis", "st. louis", "saint louis"."""
    spelled_out = {full: short for short, full in ABBREVIATIONS.items()}
    options = []
    for word in fold(name).split():
        bare = word.rstrip(".")
        short = bare if bare in ABBREVIATIONS else spelled_out.get(word)
        options.append({word, short, f"{short}.", ABBREVIATIONS[short]} if short else {word})
    return frozenset(" ".join(words) for words in itertools.product(*options))


@dataclass
class _Row:
    line: int
    name: str
    forms: frozenset[str]
    country: str
    admin1: str
    where: str
    # Practice id → the status the file gives it.
    statuses: dict[int, str]
    place: GazetteerPlace | None = None
    city: City | None = None


def _parse(
    rows: list[tuple[int, list[str]]], mapping: ColumnMapping, practices: dict[str, Practice]
) -> tuple[list[_Row], list[tuple[int, str]]]:
    if not rows:
        raise ImportRefused([(HEADER_LINE, "the file is empty")])
    (header_line, header), body = rows[0], rows[1:]
    keys = [_column_key(name) for name in header]
    problems = []
    for column in mapping.columns:
        count = keys.count(_column_key(column))
        if count != 1:
            reason = f'the header has no column "{column}"' if not count else f'the column "{column}" is there twice'
            problems.append((header_line, reason))
    if problems:
        raise ImportRefused(problems)
    if not body:
        raise ImportRefused([(header_line, "the file has a header but no rows")])
    index = {_column_key(column): keys.index(_column_key(column)) for column in mapping.columns}
    parsed = []
    for line, fields in body:
        if len(fields) != len(header):
            problems.append((line, f"the row has {len(fields)} fields where the header has {len(header)}"))
            continue
        row_problems = []
        name = fields[index[_column_key(mapping.city)]].strip()
        if not name:
            row_problems.append("the city name is empty")
        country = mapping.country or fields[index[_column_key(mapping.country_column)]].strip().upper()
        if not (len(country) == 2 and country.isalpha()):
            row_problems.append(f'the country "{country}" is not a two-letter country code')
        region = fields[index[_column_key(mapping.region)]].strip() if mapping.region else ""
        forms, admin1 = name_forms(name), ""
        special = NAMES_WITH_THEIR_STATE.get((country, " ".join(fold(name).replace(".", "").replace(",", " ").split())))
        if special:
            forms, admin1 = frozenset({special[0]}), special[1]
        elif mapping.region and not region:
            row_problems.append(f"the {'state' if country == 'US' else 'region'} is empty")
        elif region and country == "US":
            admin1 = us_states().get(fold(region), "")
            if not admin1:
                row_problems.append(f'"{region}" is not a US state')
        elif region:
            admin1 = region.upper()
        statuses = {}
        for column, practice in practices.items():
            value = fields[index[_column_key(column)]].strip()
            if value in VALUES:
                statuses[practice.pk] = VALUES[value]
            elif not value:
                row_problems.append(f'the value of "{column}" is empty, not 0 or 1')
            else:
                row_problems.append(f'the value "{value}" of "{column}" is not 0 or 1')
        problems += [(line, reason) for reason in row_problems]
        where = f"{region} ({country})" if region else country
        parsed.append(
            _Row(line=line, name=name, forms=forms, country=country, admin1=admin1, where=where, statuses=statuses)
        )
    return parsed, problems


# --- Placing the cities --------------------------------------------------------------------------------------


def _place(rows: list[_Row]) -> list[tuple[int, str]]:
    """Find each row's city: an existing one (by its gazetteer place, or by name for a city made without one), or
    else the gazetteer place to make it from. Two queries for the whole file."""
    rows = [row for row in rows if row.name]
    if not rows:
        return []
    forms = sorted(set().union(*(row.forms for row in rows)))
    countries = sorted({row.country for row in rows})
    aliases = Func(
        F("aliases"), Value(ALIAS_SEPARATOR), function="string_to_array", output_field=ArrayField(models.TextField())
    )
    places = (
        GazetteerPlace.objects.annotate(alias_list=aliases)
        .filter(country_code__in=countries)
        .filter(Q(search_name__in=forms) | Q(alias_list__overlap=forms))
    )
    by_form: dict[str, list[GazetteerPlace]] = {}
    for place in places:
        for form in {place.search_name, *place.alias_list} & set(forms):
            by_form.setdefault(form, []).append(place)
    for row in rows:
        candidates = [
            place
            for form in row.forms
            for place in by_form.get(form, [])
            if place.country_code == row.country and (not row.admin1 or place.admin1_code == row.admin1)
        ]
        # Several places of one name in one state: the city a data set means is the most populous.
        row.place = max(candidates, key=lambda place: (place.population, -place.geonames_id), default=None)
    place_ids = [row.place.geonames_id for row in rows if row.place]
    cities = City.objects.filter(
        Q(geonames_id__in=place_ids) | Q(geonames_id__isnull=True, country_code__in=countries, search_name__in=forms)
    )
    by_place, by_name = {}, {}
    for city in cities:
        if city.geonames_id is None:
            by_name.setdefault((city.country_code, city.search_name), city)
        else:
            by_place[city.geonames_id] = city
    problems, seen = [], {}
    for row in rows:
        if row.place and row.place.geonames_id in by_place:
            row.city = by_place[row.place.geonames_id]
        else:
            named = [by_name[(row.country, form)] for form in sorted(row.forms) if (row.country, form) in by_name]
            row.city = named[0] if named else None
        if row.city is None and row.place is None:
            problems.append((row.line, f'the gazetteer has no city "{row.name}" in {row.where}'))
            continue
        key = ("city", row.city.pk) if row.city else ("place", row.place.geonames_id)
        if key in seen:
            problems.append((row.line, f'"{row.name}" is the same city as line {seen[key]}'))
        seen.setdefault(key, row.line)
    return problems


# --- Planning and applying -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptRecord:
    """A record the import left alone because a person recorded it."""

    line: int
    city: str
    practice: str
    source: str


@dataclass
class ImportResult:
    rows: int = 0
    cities_matched: int = 0
    cities_created: int = 0
    records_created: int = 0
    records_changed: int = 0
    records_unchanged: int = 0
    kept: list[KeptRecord] = field(default_factory=list)
    applied: bool = False

    @property
    def records_kept(self) -> int:
        return len(self.kept)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "cities_matched": self.cities_matched,
            "cities_created": self.cities_created,
            "records_created": self.records_created,
            "records_changed": self.records_changed,
            "records_unchanged": self.records_unchanged,
            "records_kept": self.records_kept,
        }


def _imported_values(source_note: str) -> dict:
    """What an imported record holds besides its status: the data set says nothing of policy text or dates."""
    return {
        "policy_text": "",
        "policy_url": "",
        "effective_date": None,
        "source": AdoptionSource.IMPORTED,
        "source_note": source_note,
    }


@transaction.atomic
def adoptions_import(
    *, collection: Collection, mapping: ColumnMapping, data: bytes, source_note: str, dry_run: bool = False
) -> ImportResult:
    """Record the file's adoptions for the collection's practices, as the system (no person acts), with one audit
    row. Raises MappingInvalid before reading the rows when the mapping does not fit the collection, and
    ImportRefused, with every bad row, when the file has any. `dry_run` checks and counts but writes nothing."""
    source_note = source_note.strip()
    practices = mapped_practices(collection=collection, mapping=mapping)
    rows, problems = _parse(read_csv(data), mapping, practices)
    problems += _place(rows)
    if problems:
        raise ImportRefused(sorted(problems, key=lambda problem: problem[0]))

    imported = _imported_values(source_note)
    practice_slugs = {practice.pk: practice.slug for practice in practices.values()}
    # Locked, so that what a representative records meanwhile is neither overwritten nor lost.
    existing = {
        (adoption.city_id, adoption.practice_id): adoption
        for adoption in Adoption.objects.select_for_update(of=("self",))
        .filter(city__in=[row.city.pk for row in rows if row.city], practice__in=practice_slugs)
        .order_by()
    }
    result = ImportResult(rows=len(rows))
    to_create: list[tuple[_Row, int, str]] = []
    to_change: list[tuple[Adoption, str]] = []
    for row in rows:
        if row.city:
            result.cities_matched += 1
        else:
            result.cities_created += 1
        for practice_id, status in row.statuses.items():
            adoption = existing.get((row.city.pk, practice_id)) if row.city else None
            if adoption is None:
                to_create.append((row, practice_id, status))
            elif adoption.source in PEOPLES_SOURCES:
                result.kept.append(
                    KeptRecord(row.line, row.city.name, practice_slugs[practice_id], adoption.get_source_display())
                )
            elif adoption.status == status and all(getattr(adoption, name) == imported[name] for name in imported):
                result.records_unchanged += 1
            else:
                to_change.append((adoption, status))
    result.records_created, result.records_changed = len(to_create), len(to_change)
    if dry_run:
        return result

    cities, result.cities_created = cities_for_places(places=[row.place for row in rows if not row.city])
    now = timezone.now()
    created = Adoption.objects.bulk_create(
        [
            Adoption(
                city=row.city or cities[row.place.geonames_id],
                practice_id=practice_id,
                status=status,
                updated_at=now,
                **imported,
            )
            for row, practice_id, status in to_create
        ],
        batch_size=BATCH_SIZE,
    )
    changed = []
    for adoption, status in to_change:
        for name, value in {**imported, "status": status, "recorded_by": None, "verified_by": None}.items():
            setattr(adoption, name, value)
        adoption.verified_at = None
        adoption.updated_at = now
        changed.append(adoption)
    Adoption.objects.bulk_update(
        changed,
        [*ADOPTION_FIELDS, "recorded_by", "verified_by", "verified_at", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    AdoptionRevision.objects.bulk_create(
        [
            AdoptionRevision(
                adoption=adoption,
                actor_handle="",
                created_at=now,
                **{name: getattr(adoption, name) for name in ADOPTION_FIELDS},
            )
            for adoption in [*created, *changed]
        ],
        batch_size=BATCH_SIZE,
    )
    audit_record(
        actor=SYSTEM,
        action="practices.adoption.import",
        target=collection,
        data={"source": source_note, "practices": sorted(practice_slugs.values()), **result.counts()},
    )
    result.applied = True
    return result
