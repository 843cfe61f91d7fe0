import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cities import services as city_services
from cities.models import City, GazetteerPlace
from network.audit.models import AuditEntry
from practices import services
from practices.datasets import USE_OF_FORCE_2016, data_file
from practices.errors import ImportRefused
from practices.importer import EIGHT_CANT_WAIT_MAPPING, ColumnMapping, adoptions_import, name_forms
from practices.models import Adoption, AdoptionRevision, Practice
from tests.conftest import require_service
from tests.practices.conftest import EIGHT_CANT_WAIT, record

DATA_SET = data_file(USE_OF_FORCE_2016)
SOURCE = "Campaign Zero, Police Use of Force Policy Analysis (2016)"
POLICY_COLUMNS = [
    "require deescalation",
    "use force continuum or matrix",
    "restrict holds",
    "require warning",
    "prohibit shooting at moving vehicles",
    "require exhaustion of alternatives",
    "require officer intervention",
    "require reporting",
]
HEADER = ["city", "state", "pop2010", "black_pop2010", "white_pop2010", *POLICY_COLUMNS, "deaths2016"]
CHICAGO = 4887398
BOSTON = 4930956


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Nobody signs in here: the staff who publish the practices need no costly password hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_set() -> Path:
    if not DATA_SET.is_file():
        require_service(f"The data set {DATA_SET} is missing: it is kept in ../shared/data/, beside the repository")
    return DATA_SET


def the_file_says(path: Path) -> dict[str, int]:
    """The data set's own counts, read without the importer."""
    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    values = [row[column] for row in rows for column in POLICY_COLUMNS]
    return {"rows": len(rows), "ones": values.count("1"), "zeros": values.count("0")}


def write_csv(folder: Path, rows: list[list[str]], *, header=HEADER, name="adoptions.csv", newline="\r\n", bom=True):
    """A small file as data sets are published: a byte-order mark, CRLF line ends, no line end after the last row."""
    lines = StringIO()
    csv.writer(lines, lineterminator=newline).writerows([header, *rows])
    text = lines.getvalue().removesuffix(newline)
    path = folder / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


def row(city: str, state: str, *values: str) -> list[str]:
    values = values or ("1", "0", "1", "0", "1", "0", "1", "0")
    return [city, state, "300000", "60000", "200000", *values, "0"]


def import_adoptions(path, *args: str, source: str = SOURCE, collection: str = "8-cant-wait") -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "import_adoptions", str(path), "--collection", collection, "--source", source, *args, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def refused(path, *args: str, collection: str = "8-cant-wait") -> tuple[str, str]:
    """Run the command expecting it to refuse; return the refusal and what it printed about the rows."""
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_adoptions",
            str(path),
            "--collection",
            collection,
            "--source",
            SOURCE,
            *args,
            stdout=StringIO(),
            stderr=err,
        )
    return str(error.value), err.getvalue()


def written() -> dict[str, int]:
    return {
        "cities": City.objects.count(),
        "adoptions": Adoption.objects.count(),
        "revisions": AdoptionRevision.objects.count(),
        "imports": AuditEntry.objects.filter(action="practices.adoption.import").count(),
    }


NOTHING = {"cities": 0, "adoptions": 0, "revisions": 0, "imports": 0}


def placed_in(city_name: str) -> tuple[str, str]:
    city = City.objects.get(name=city_name)
    place = GazetteerPlace.objects.get(geonames_id=city.geonames_id)
    return place.country_code, place.admin1_code


# --- The data set --------------------------------------------------------------------------------------------


def test_it_imports_a_city_for_each_row_and_a_record_for_each_policy(eight_cant_wait, data_set):
    expected = the_file_says(data_set)
    assert expected == {"rows": 91, "ones": expected["ones"], "zeros": 728 - expected["ones"]}

    out, _ = import_adoptions(data_set)

    assert "Cities: 0 matched, 91 created." in out
    assert "Adoption records: 728 created, 0 changed, 0 unchanged, 0 kept" in out
    assert City.objects.count() == 91
    assert set(City.objects.values_list("country_code", "region", "membership_status").distinct()) == {
        ("US", "americas", "not_member")
    }
    adoptions = Adoption.objects.filter(practice__collections=eight_cant_wait)
    assert adoptions.count() == 728
    assert adoptions.filter(status="adopted").count() == expected["ones"]
    assert adoptions.filter(status="not_adopted").count() == expected["zeros"]
    assert set(adoptions.values_list("source", "source_note", "recorded_by", "verified_by").distinct()) == {
        ("imported", SOURCE, None, None)
    }
    for slug in EIGHT_CANT_WAIT:
        assert adoptions.filter(practice__slug=slug).count() == 91
    revisions = AdoptionRevision.objects.all()
    assert revisions.count() == 728
    assert set(revisions.values_list("actor_handle", "source", "source_note").distinct()) == {("", "imported", SOURCE)}
    entry = AuditEntry.objects.get(action="practices.adoption.import")
    assert entry.actor is None
    assert (entry.target_type, entry.target_id) == ("practices.collection", str(eight_cant_wait.pk))
    assert entry.data == {
        "source": SOURCE,
        "practices": sorted(EIGHT_CANT_WAIT),
        "rows": 91,
        "cities_matched": 0,
        "cities_created": 91,
        "records_created": 728,
        "records_changed": 0,
        "records_unchanged": 0,
        "records_kept": 0,
    }


def test_it_maps_each_policy_column_to_its_practice(eight_cant_wait, data_set):
    import_adoptions(data_set)
    with data_set.open(encoding="utf-8-sig", newline="") as source:
        albuquerque = next(csv.DictReader(source))
    assert albuquerque["city"] == "Albuquerque"
    columns = {
        "require deescalation": "require-de-escalation",
        "use force continuum or matrix": "use-of-force-continuum",
        "restrict holds": "ban-chokeholds-and-strangleholds",
        "require warning": "require-warning-before-shooting",
        "prohibit shooting at moving vehicles": "ban-shooting-at-moving-vehicles",
        "require exhaustion of alternatives": "exhaust-alternatives-before-shooting",
        "require officer intervention": "duty-to-intervene",
        "require reporting": "require-comprehensive-reporting",
    }
    recorded = dict(Adoption.objects.filter(city__name="Albuquerque").values_list("practice__slug", "status"))
    assert recorded == {
        slug: "adopted" if albuquerque[column] == "1" else "not_adopted" for column, slug in columns.items()
    }


def test_it_places_each_city_in_its_state(eight_cant_wait, data_set):
    import_adoptions(data_set)
    assert placed_in("St. Louis") == ("US", "MO")
    assert placed_in("Saint Paul") == ("US", "MN")
    assert placed_in("St. Petersburg") == ("US", "FL")
    assert placed_in("Washington") == ("US", "DC")
    assert placed_in("Kansas City") == ("US", "MO")
    assert placed_in("Portland") == ("US", "OR")
    assert placed_in("Aurora") == ("US", "CO")
    assert placed_in("Glendale") == ("US", "AZ")
    assert placed_in("Arlington") == ("US", "TX")
    assert placed_in("Lexington") == ("US", "KY")
    assert City.objects.filter(name="Washington").count() == 1


def test_it_reads_the_names_as_data_sets_write_them():
    assert {"st louis", "st. louis", "saint louis"} <= name_forms("St Louis")
    assert {"st. petersburg", "saint petersburg"} <= name_forms("Saint Petersburg")
    assert name_forms("Winston-Salem") == {"winston-salem"}


def test_it_places_washington_dc_written_as_one_name(eight_cant_wait, tmp_path):
    path = write_csv(tmp_path, [row("Washington DC", ""), row("Washington, D.C.", "District of Columbia")])
    _, err = refused(path)
    assert err == 'line 3: "Washington, D.C." is the same city as line 2\n'
    import_adoptions(write_csv(tmp_path, [row("Washington DC", ""), row("Spokane", "Washington")]))
    assert placed_in("Washington") == ("US", "DC")
    assert placed_in("Spokane") == ("US", "WA")


def test_it_matches_the_cities_the_network_already_knows(eight_cant_wait, data_set):
    chicago = city_services.city_for_place(geonames_id=CHICAGO)
    out, _ = import_adoptions(data_set)
    assert "Cities: 1 matched, 90 created." in out
    assert City.objects.count() == 91
    assert Adoption.objects.filter(city=chicago).count() == 8


def test_it_changes_nothing_when_the_same_file_is_imported_again(eight_cant_wait, data_set):
    import_adoptions(data_set)
    first = written()
    updated = list(Adoption.objects.order_by("pk").values_list("pk", "updated_at"))

    out, _ = import_adoptions(data_set)

    assert "Cities: 91 matched, 0 created." in out
    assert "Adoption records: 0 created, 0 changed, 728 unchanged, 0 kept" in out
    # Only the import itself is recorded again: one audit row for each run.
    assert written() == {**first, "imports": 2}
    assert list(Adoption.objects.order_by("pk").values_list("pk", "updated_at")) == updated
    latest = AuditEntry.objects.filter(action="practices.adoption.import").order_by("-id").first()
    assert latest.data["records_created"] == latest.data["records_changed"] == 0
    assert latest.data["records_unchanged"] == 728


def test_it_changes_a_record_when_a_data_set_says_otherwise(eight_cant_wait, tmp_path):
    import_adoptions(write_csv(tmp_path, [row("Chicago", "Illinois", "0", "0", "0", "0", "0", "0", "0", "0")]))
    corrected = write_csv(tmp_path, [row("Chicago", "Illinois", "0", "0", "1", "0", "0", "0", "0", "0")])

    out, _ = import_adoptions(corrected, source="Chicago Police Department, General Order G03-02 (2017)")

    assert "Adoption records: 0 created, 8 changed, 0 unchanged" in out  # the source of every record changed
    holds = Adoption.objects.get(city__name="Chicago", practice__slug="ban-chokeholds-and-strangleholds")
    assert holds.status == "adopted"
    assert holds.source_note == "Chicago Police Department, General Order G03-02 (2017)"
    assert list(holds.revisions.values_list("status", flat=True)) == ["adopted", "not_adopted"]

    out, _ = import_adoptions(corrected, source="Chicago Police Department, General Order G03-02 (2017)")
    assert "Adoption records: 0 created, 0 changed, 8 unchanged" in out


def test_a_dry_run_writes_nothing_and_reports_what_the_import_would_do(eight_cant_wait, data_set):
    dry, _ = import_adoptions(data_set, "--dry-run")
    assert written() == NOTHING
    assert "Dry run: nothing was written." in dry

    real, _ = import_adoptions(data_set)
    counts = [line for line in dry.splitlines() if line.startswith(("Cities:", "Adoption records:"))]
    assert counts == [line for line in real.splitlines() if line.startswith(("Cities:", "Adoption records:"))]
    assert counts == [
        "Cities: 0 matched, 91 created.",
        "Adoption records: 728 created, 0 changed, 0 unchanged, 0 kept because a person recorded them.",
    ]


def test_the_command_says_what_it_did(eight_cant_wait, data_set):
    out, err = import_adoptions(data_set)
    assert err == ""
    assert out == (
        'use-of-force-policies-100-largest-us-cities-2016.csv: 91 rows, 8 practices of "8 Can\'t Wait".\n'
        "Cities: 0 matched, 91 created.\n"
        "Adoption records: 728 created, 0 changed, 0 unchanged, 0 kept because a person recorded them.\n"
        "Source: Campaign Zero, Police Use of Force Policy Analysis (2016)\n"
        "Imported.\n"
    )


# --- Files as they come ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("newline", "bom"),
    [("\r\n", True), ("\n", False), ("\r", True), ("\n", True)],
    ids=["crlf-bom", "lf", "cr-bom", "lf-bom"],
)
def test_it_reads_any_line_ends_with_or_without_a_byte_order_mark(eight_cant_wait, tmp_path, newline, bom):
    path = write_csv(tmp_path, [row("Boston", "Massachusetts"), row("Denver", "Colorado")], newline=newline, bom=bom)
    out, _ = import_adoptions(path)
    assert "Adoption records: 16 created" in out
    assert set(City.objects.values_list("name", flat=True)) == {"Boston", "Denver"}


def test_it_ignores_empty_lines_and_counts_them_in_line_numbers(eight_cant_wait, tmp_path):
    path = tmp_path / "gaps.csv"
    lines = [",".join(HEADER), "", ",".join(row("Boston", "Massachusetts")), "", ",".join(row("Nowhere", "Ohio"))]
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    _, err = refused(path)
    assert err == 'line 5: the gazetteer has no city "Nowhere" in Ohio (US)\n'


# --- Bad rows ------------------------------------------------------------------------------------------------


def test_it_reports_every_bad_row_with_its_line_and_imports_nothing(eight_cant_wait, tmp_path):
    path = write_csv(
        tmp_path,
        [
            row("Boston", "Massachusetts"),
            row("Denver", "Colorado", "1", "1", "2", "1", "1", "1", "1", "1"),
            row("", "Texas"),
            row("Atlantis", "Texas"),
            ["Seattle", "Washington", "1", "1"],
            row("Miami", "Florida"),
        ],
    )

    message, err = refused(path)

    assert message == "Nothing was imported."
    assert err.splitlines() == [
        'line 3: the value "2" of "restrict holds" is not 0 or 1',
        "line 4: the city name is empty",
        'line 5: the gazetteer has no city "Atlantis" in Texas (US)',
        "line 6: the row has 4 fields where the header has 14",
    ]
    assert written() == NOTHING


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (row("Denver", "Colorado", "1", "1", "1", "1", "1", "1", "1", "yes"), 'the value "yes" of "require reporting"'),
        (row("Denver", "Colorado", "1", "1", "1", "1", "", "1", "1", "1"), 'the value of "prohibit shooting at moving'),
        (row(" ", "Colorado"), "the city name is empty"),
        (row("Atlantis", "Colorado"), 'the gazetteer has no city "Atlantis" in Colorado (US)'),
        (row("Denver", "Narnia"), '"Narnia" is not a US state'),
        (row("Denver", ""), "the state is empty"),
        (row("Denver", "Colorado")[:-1], "the row has 13 fields where the header has 14"),
        ([*row("Denver", "Colorado"), "5"], "the row has 15 fields where the header has 14"),
        (row("Boston", "Massachusetts"), '"Boston" is the same city as line 2'),
    ],
    ids=["value", "empty-value", "no-city", "unplaceable", "no-such-state", "no-state", "short", "long", "twice"],
)
def test_one_bad_row_stops_the_whole_import(eight_cant_wait, tmp_path, bad, reason):
    path = write_csv(tmp_path, [row("Boston", "Massachusetts"), row("Miami", "Florida"), bad])
    with pytest.raises(ImportRefused) as error:
        adoptions_import(
            collection=eight_cant_wait,
            mapping=ColumnMapping.from_dict(EIGHT_CANT_WAIT_MAPPING),
            data=path.read_bytes(),
            source_note=SOURCE,
        )
    assert len(error.value.problems) == 1
    line, problem = error.value.problems[0]
    assert line == 4 and problem.startswith(reason)
    assert written() == NOTHING


def test_it_refuses_a_file_whose_header_lacks_a_mapped_column(eight_cant_wait, tmp_path):
    header = [column for column in HEADER if column != "restrict holds"]
    boston = row("Boston", "Massachusetts")
    del boston[HEADER.index("restrict holds")]
    path = write_csv(tmp_path, [boston], header=header)
    message, err = refused(path)
    assert err == 'line 1: the header has no column "restrict holds"\n'
    assert message == "Nothing was imported."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "line 1: the file is empty"),
        (",".join(HEADER).encode() + b"\r\n", "line 1: the file has a header but no rows"),
        (",".join(HEADER).encode() + b"\r\nBoston,Massachusetts,\xff\xfe", "line 2: the file is not UTF-8 text"),
    ],
    ids=["empty", "header-only", "not-utf-8"],
)
def test_it_refuses_a_file_it_cannot_read(eight_cant_wait, tmp_path, content, reason):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    _, err = refused(path)
    assert err == reason + "\n"
    assert written() == NOTHING


# --- Mappings and collections ----------------------------------------------------------------------------------

CRISIS_RESPONSE = {
    "mental-health-crisis-teams": "Mental-health crisis response teams",
    "violence-reduction-unit": "Public-health violence reduction unit",
}


@pytest.fixture
def crisis_response(publish, collection_of):
    practices = [publish(slug=slug, title=title) for slug, title in CRISIS_RESPONSE.items()]
    return collection_of("crisis-response", practices, title="Crisis response")


def test_it_imports_another_collection_with_a_mapping_file(crisis_response, tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "city": "Municipality",
                "country": {"column": "Country"},
                "practices": {"Crisis team": "mental-health-crisis-teams", "VRU": "violence-reduction-unit"},
            }
        )
    )
    path = write_csv(
        tmp_path,
        [["Glasgow", "gb", "1", "1", "note"], ["Tbilisi", "GE", "0", "1", ""], ["São Paulo", "BR", "1", "0", ""]],
        header=["Municipality", "Country", "Crisis team", "VRU", "Remarks"],
        newline="\n",
        bom=False,
    )

    out, _ = import_adoptions(
        path, "--mapping", str(mapping), source="Network survey 2026", collection="crisis-response"
    )

    assert "Cities: 0 matched, 3 created." in out
    assert "Adoption records: 6 created" in out
    assert placed_in("Glasgow") == ("GB", "SCT")
    assert placed_in("Tbilisi")[0] == "GE"
    recorded = set(Adoption.objects.values_list("city__name", "practice__slug", "status"))
    assert recorded == {
        ("Glasgow", "mental-health-crisis-teams", "adopted"),
        ("Glasgow", "violence-reduction-unit", "adopted"),
        ("Tbilisi", "mental-health-crisis-teams", "not_adopted"),
        ("Tbilisi", "violence-reduction-unit", "adopted"),
        ("São Paulo", "mental-health-crisis-teams", "adopted"),
        ("São Paulo", "violence-reduction-unit", "not_adopted"),
    }
    assert AuditEntry.objects.get(action="practices.adoption.import").target_id == str(crisis_response.pk)


def test_it_refuses_a_mapping_to_a_practice_outside_the_collection(eight_cant_wait, crisis_response, tmp_path):
    mapping = tmp_path / "mapping.json"
    practices = {**EIGHT_CANT_WAIT_MAPPING["practices"], "require reporting": "violence-reduction-unit"}
    mapping.write_text(json.dumps({**EIGHT_CANT_WAIT_MAPPING, "practices": practices}))
    path = write_csv(tmp_path, [row("Boston", "Massachusetts", "9", "9", "9", "9", "9", "9", "9", "9")])

    message, err = refused(path, "--mapping", str(mapping))

    # Refused for the mapping, before any row is read: the row's bad values are not even looked at.
    assert message == (
        'The column mapping cannot be used for "8-cant-wait":\n'
        '  the practice "violence-reduction-unit" (column "require reporting") is not in the collection "8-cant-wait"\n'
        "Nothing was imported."
    )
    assert err == ""
    assert written() == NOTHING


def test_it_refuses_a_practice_not_yet_published_or_not_in_the_library(publish, collection_of, staff_member, tmp_path):
    practices = [
        services.practice_create(actor=staff_member, **record(slug=slug, title=title))
        if slug == "duty-to-intervene"
        else publish(slug=slug, title=title)
        for slug, title in EIGHT_CANT_WAIT.items()
    ]
    collection_of("8-cant-wait", practices)
    path = write_csv(tmp_path, [row("Boston", "Massachusetts")])
    message, _ = refused(path)
    assert 'the practice "duty-to-intervene" (column "require officer intervention") is not published' in message

    mapping = tmp_path / "mapping.json"
    practices = {**EIGHT_CANT_WAIT_MAPPING["practices"], "require warning": "warn-first"}
    mapping.write_text(json.dumps({**EIGHT_CANT_WAIT_MAPPING, "practices": practices}))
    message, _ = refused(path, "--mapping", str(mapping))
    assert 'the column "require warning" is mapped to "warn-first", which is not a practice of the library' in message
    assert written() == NOTHING


@pytest.mark.parametrize(
    ("mapping", "reason"),
    [
        ("[]", "the mapping must be a JSON object"),
        ("{", "the mapping is not valid JSON"),
        ('{"city": "city", "country": "USA", "practices": {"a": "b"}}', '"country" must be a two-letter'),
        ('{"city": "city", "country": "US", "practices": {}}', '"practices" must map at least one column'),
        ('{"city": "city", "country": "US", "practices": {"a": "x", "b": "x"}}', "more than one column is mapped"),
        ('{"city": "city", "country": "US", "practice": {"a": "x"}}', "the mapping has unknown keys: practice"),
    ],
)
def test_it_refuses_a_mapping_file_it_cannot_use(eight_cant_wait, tmp_path, mapping, reason):
    path = tmp_path / "mapping.json"
    path.write_text(mapping)
    message, _ = refused(write_csv(tmp_path, [row("Boston", "Massachusetts")]), "--mapping", str(path))
    assert reason in message
    assert written() == NOTHING


def test_it_needs_a_mapping_for_a_collection_without_one_built_in(crisis_response, tmp_path):
    message, _ = refused(write_csv(tmp_path, [row("Boston", "Massachusetts")]), collection="crisis-response")
    assert message == 'The collection "crisis-response" has no built-in column mapping: give one with --mapping.'


def test_it_refuses_an_unknown_collection_a_missing_file_and_an_empty_source(eight_cant_wait, tmp_path):
    path = write_csv(tmp_path, [row("Boston", "Massachusetts")])
    assert refused(path, collection="9-cant-wait")[0] == 'There is no collection "9-cant-wait".'
    assert refused(tmp_path / "missing.csv")[0].startswith(f"Cannot read {tmp_path / 'missing.csv'}")
    with pytest.raises(CommandError, match="--source must say"):
        import_adoptions(path, source="  ")
    assert written() == NOTHING


# --- People's records ----------------------------------------------------------------------------------------


def test_it_keeps_what_a_city_or_staff_recorded(eight_cant_wait, data_set, staff_member, city_rep, member_city):
    chicago = member_city(city_rep, CHICAGO)
    practices = {practice.slug: practice for practice in Practice.objects.all()}
    services.adoption_record(actor=city_rep, city=chicago, practice=practices["duty-to-intervene"], status="piloting")
    boston = city_services.city_for_place(geonames_id=BOSTON)
    services.adoption_record(
        actor=staff_member,
        city=boston,
        practice=practices["ban-chokeholds-and-strangleholds"],
        status="adopted",
        policy_url="https://www.boston.gov/police/rules",
    )
    before = AdoptionRevision.objects.count()

    out, _ = import_adoptions(data_set)

    assert "Cities: 2 matched, 89 created." in out
    assert "Adoption records: 726 created, 0 changed, 0 unchanged, 2 kept because a person recorded them." in out
    assert "  kept (line 12): Boston, ban-chokeholds-and-strangleholds: Verified by staff" in out
    assert "  kept (line 16): Chicago, duty-to-intervene: Reported by the city" in out
    own = Adoption.objects.get(city=chicago, practice=practices["duty-to-intervene"])
    assert (own.status, own.source, own.recorded_by) == ("piloting", "self_reported", city_rep)
    verified = Adoption.objects.get(city=boston, practice=practices["ban-chokeholds-and-strangleholds"])
    assert (verified.status, verified.source) == ("adopted", "verified")
    assert AdoptionRevision.objects.count() == before + 726

    out, _ = import_adoptions(data_set)
    assert "Adoption records: 0 created, 0 changed, 726 unchanged, 2 kept" in out


# --- Queries -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 10, 91])
def test_its_queries_do_not_grow_with_the_file(eight_cant_wait, data_set, tmp_path, django_assert_num_queries, rows):
    lines = data_set.read_bytes().split(b"\r\n")
    path = tmp_path / "part.csv"
    path.write_bytes(b"\r\n".join(lines[: rows + 1]))
    mapping = ColumnMapping.from_dict(EIGHT_CANT_WAIT_MAPPING)

    # The practices, the gazetteer, the known cities; the cities again and the slugs taken; the new cities, the
    # records, their revisions and the audit row (and a savepoint and its release).
    with django_assert_num_queries(11):
        result = adoptions_import(
            collection=eight_cant_wait, mapping=mapping, data=path.read_bytes(), source_note=SOURCE
        )
    assert (result.cities_created, result.records_created) == (rows, rows * 8)

    # Again: the practices, the gazetteer, the cities, their records locked, and the audit row; nothing to write.
    with django_assert_num_queries(7):
        result = adoptions_import(
            collection=eight_cant_wait, mapping=mapping, data=path.read_bytes(), source_note=SOURCE
        )
    assert (result.cities_matched, result.records_unchanged) == (rows, rows * 8)
