"""The directory's map and member list come from the shared cache, rendered once per language for each state of the
membership: a city joining, suspended or reinstated shows on the very next request. The country filter is written
without the widget templates, as Django's own select would be."""

import pytest
from django import forms
from django.core.cache import cache
from django.utils import translation

from cities import services
from cities.country_select import CountrySelect
from cities.geography import country_choices
from cities.member_map import VERSION_KEY, current_version
from tests.cities.conftest import GLASGOW, KAMPALA, TBILISI


def map_title(client, **params) -> str:
    text = client.get("/cities/", params).text
    return text[text.index('<title id="map-title">') : text.index("</title>", text.index('<title id="map-title">'))]


@pytest.fixture
def two_members(participant, outsider, member_city):
    return [member_city(participant, TBILISI), member_city(outsider, GLASGOW)]


def test_the_map_is_rendered_once_then_served_from_the_cache(client, two_members, django_assert_num_queries):
    with django_assert_num_queries(3):  # count, page, the member cities for the map
        first = client.get("/cities/").text
    with django_assert_num_queries(2):  # count, page
        second = client.get("/cities/").text
    section = slice(first.index('<section class="directory-map"'), first.index('<section class="directory-search"'))
    assert first[section] == second[section] and "Map of 2 member cities" in second


def test_a_city_joining_shows_on_the_next_request(client, two_members, city_rep, member_city):
    assert "Map of 2 member cities" in map_title(client)
    kampala = member_city(city_rep, KAMPALA)
    text = client.get("/cities/").text
    assert "Map of 3 member cities" in text
    assert f'<li><a href="{kampala.get_absolute_url()}">Kampala</a>' in text


def test_a_suspension_and_a_reinstatement_show_on_the_next_request(client, two_members, staff_member):
    tbilisi = two_members[1] if two_members[1].name == "Tbilisi" else two_members[0]
    assert "map-marker-suspended" not in client.get("/cities/").text
    services.membership_suspend(actor=staff_member, city=tbilisi, reason="Under review.")
    text = client.get("/cities/").text
    assert text.count("map-marker-suspended") == 1 and '<span class="badge">suspended</span>' in text
    services.membership_reinstate(actor=staff_member, city=tbilisi, reason="Reviewed.")
    assert "map-marker-suspended" not in client.get("/cities/").text


def test_a_map_rendered_before_the_commit_is_not_served_after_it(
    client, two_members, staff_member, django_capture_on_commit_callbacks
):
    tbilisi = next(city for city in two_members if city.name == "Tbilisi")
    with django_capture_on_commit_callbacks() as callbacks:
        services.membership_suspend(actor=staff_member, city=tbilisi, reason="Under review.")
        # A request served by another process between the change and its commit saw the rows as they were, and
        # kept its map under the version the change had named.
        cache.set(f"cities:member-map:{current_version()}:en", "<p>the map as it was</p>")
        assert "the map as it was" in client.get("/cities/").text
    for callback in callbacks:  # the commit
        callback()
    text = client.get("/cities/").text
    assert "the map as it was" not in text and "map-marker-suspended" in text


def test_each_language_has_its_own_map(client, two_members):
    english = client.get("/cities/").text
    client.cookies["django_language"] = "fr"
    french = client.get("/cities/").text
    assert "Géorgie" in french and "Georgia" in english
    assert "Géorgie" not in english


def test_a_lost_version_never_names_a_map_of_the_past(client, two_members, participant, staff_member):
    client.get("/cities/")
    cache.delete(VERSION_KEY)  # evicted
    services.membership_suspend(actor=staff_member, city=two_members[0], reason="Under review.")
    cache.delete(VERSION_KEY)
    assert "map-marker-suspended" in client.get("/cities/").text


def test_the_country_select_writes_what_djangos_select_would(db):
    choices = [("", "Any"), *country_choices()]
    for value in ("", "GB", "nothing", None):
        ours = CountrySelect(choices=choices).render("country", value, attrs={"id": "id_country", "required": True})
        django = forms.Select(choices=choices).render("country", value, attrs={"id": "id_country", "required": True})
        assert ours.split() == django.split()
    with translation.override("fr"):
        french = [("", "Tous"), *country_choices()]
        rendered = CountrySelect(choices=french).render("country", "US", attrs={"id": "id_country"})
        assert '<option value="US" selected>États-Unis</option>' in rendered
    rendered = CountrySelect(choices=[("", "Any"), ("XX", "<b>&</b>")]).render("country", "", attrs={})
    assert '<option value="XX">&lt;b&gt;&amp;&lt;/b&gt;</option>' in rendered


def test_the_directory_keeps_the_chosen_country(client, two_members):
    text = client.get("/cities/", {"country": "GE"}).text
    assert '<option value="GE" selected>Georgia</option>' in text
    assert text.count(" selected>") >= 1 and '<option value="GB">United Kingdom</option>' in text
