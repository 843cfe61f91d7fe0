"""The directory opens on the members, and "Newest members first" lists members, newest first, before the
cities that never joined."""

import pytest

from cities import services
from cities.models import City, GazetteerPlace
from tests.cities.conftest import GLASGOW, KAMPALA, TBILISI


@pytest.fixture
def members_and_others(participant, outsider, city_rep, member_city):
    ids = GazetteerPlace.objects.order_by("-population").values_list("geonames_id", flat=True)[:30]
    for geonames_id in ids:
        services.city_for_place(geonames_id=geonames_id)
    cities = [member_city(participant, TBILISI), member_city(outsider, GLASGOW), member_city(city_rep, KAMPALA)]
    # Joined on different days: Glasgow last.
    for days_ago, city in zip((30, 1, 10), cities, strict=True):
        City.objects.filter(pk=city.pk).update(member_since=city.member_since.replace(year=2025, day=days_ago))
    return cities


def _rows(response) -> list[str]:
    table = response.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row.split("</a></th>", 1)[0].rsplit(">", 1)[1] for row in table.split('<th scope="row">')[1:]]


def test_it_opens_on_the_member_cities(client, members_and_others):
    response = client.get("/cities/")
    assert response.status_code == 200
    assert sorted(_rows(response)) == ["Glasgow", "Kampala", "Tbilisi"]
    assert '<option value="member" selected>' in response.text


def test_it_shows_every_city_when_asked_for_any_membership(client, members_and_others):
    response = client.get("/cities/", {"membership": ""})
    assert len(_rows(response)) == 25
    assert "33 cities" in response.text


def test_it_lists_the_newest_members_first_and_the_others_after_them(client, members_and_others):
    rows = _rows(client.get("/cities/", {"membership": "", "sort": "newest"}))
    assert rows[:3] == ["Tbilisi", "Kampala", "Glasgow"]
    assert len(rows) == 25


def test_a_bad_filter_is_summarised_and_shown_beside_its_box(client, db):
    response = client.get("/cities/", {"region": "atlantis"})
    assert response.status_code == 400
    assert "data-error-summary" in response.text and 'href="#id_region"' in response.text


def test_a_bad_filter_sent_in_the_background_loads_the_whole_page_with_its_summary(client, db):
    # htmx puts no 400 answer in the page: it is told to load the whole page, at the same address, instead.
    response = client.get("/cities/", {"region": "atlantis"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="city-results")
    assert response.status_code == 400 and response.content == b""
    assert response["HX-Redirect"] == "/cities/?region=atlantis"
    assert 'href="#id_region"' in client.get(response["HX-Redirect"]).text
    good = client.get("/cities/", {"region": ""}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="city-results")
    assert good.status_code == 200 and "HX-Redirect" not in good
