"""Country names in the reader's language, from Babel's locale data (the Unicode CLDR), never a table of our own."""

from django.utils import translation

from cities.geography import country_choices, country_name


def test_it_names_countries_in_the_active_language():
    with translation.override("fr"):
        assert country_name("GE") == "Géorgie"
        assert country_name("US") == "États-Unis"
    with translation.override("es"):
        assert country_name("DE") == "Alemania"
    with translation.override("en"):
        assert country_name("CI") == "Côte d\u2019Ivoire"
    assert country_name("ES", language="fr") == "Espagne"
    assert country_name("ZZ") == "ZZ"


def test_it_sorts_countries_alphabetically_ignoring_accents():
    with translation.override("fr"):
        names = [name for _code, name in country_choices()]
    # "États-Unis" under E, between "Estonie" and "Éthiopie", not after "Zimbabwe".
    assert names.index("Estonie") < names.index("États-Unis") < names.index("Éthiopie")
    assert names[-1] != "États-Unis"
    with translation.override("es"):
        assert [name for _code, name in country_choices(["GE", "DE", "FR"])] == ["Alemania", "Francia", "Georgia"]


def test_the_directory_speaks_the_readers_language(client, db):
    from cities import services
    from tests.cities.conftest import TBILISI

    services.city_for_place(geonames_id=TBILISI)
    client.cookies["django_language"] = "fr"
    text = client.get("/cities/", {"membership": ""}).text  # every city, members or not
    assert '<td data-label="Pays">Géorgie</td>' in text
    assert '<option value="US">États-Unis</option>' in text
