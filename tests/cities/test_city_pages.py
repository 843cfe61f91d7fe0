"""The directory (search, filters, sort, pagination, the map) and a city's page (overview, police agencies,
representatives, followers), with exact query counts."""

import re

import pytest

from cities import services
from cities.challenges import challenge_create
from cities.models import City, GazetteerPlace, PoliceAgency
from cities.sections import CITY_PAGE, Section
from network.accounts.system import SYSTEM
from network.notifications.models import Follow
from tests.cities.conftest import GLASGOW, KAMPALA, TBILISI
from tests.factories import UserFactory


@pytest.fixture
def fifty_cities(db):
    """The 50 most populous places of the gazetteer, referenced as cities."""
    ids = GazetteerPlace.objects.order_by("-population").values_list("geonames_id", flat=True)[:50]
    return [services.city_for_place(geonames_id=geonames_id) for geonames_id in ids]


@pytest.fixture
def three_members(participant, outsider, city_rep, member_city):
    return [member_city(participant, TBILISI), member_city(outsider, GLASGOW), member_city(city_rep, KAMPALA)]


def test_the_directory_with_50_cities_makes_a_fixed_number_of_queries(
    client, fifty_cities, three_members, django_assert_num_queries
):
    # count, the page of cities, the member cities for the map.
    with django_assert_num_queries(3):
        response = client.get("/cities/", {"membership": ""})
    assert response.status_code == 200
    assert "53 cities" in response.text
    assert response.text.count('<tr>\n      <th scope="row">') == 25
    assert 'role="group"' in response.text and "Map of 3 member cities" in response.text
    assert response.text.count('class="map-dot"') == 3


def test_the_directory_for_a_signed_in_person_makes_a_fixed_number_of_queries(
    client, fifty_cities, three_members, participant, django_assert_num_queries
):
    client.force_login(participant)
    # user, count, page, members for the map, groups for the header, unread notifications.
    with django_assert_num_queries(6):
        assert client.get("/cities/", {"membership": "", "page": 2}).status_code == 200


def test_the_map_places_cities_by_their_coordinates(client, three_members):
    response = client.get("/cities/")
    tbilisi = three_members[0]
    # Equirectangular: x = longitude + 180, y = 90 - latitude.
    x, y = round(tbilisi.longitude + 180, 2), round(90 - tbilisi.latitude, 2)
    assert f'class="map-dot" cx="{x}" cy="{y}"' in response.text
    # Each marker is a link to the city's page, named and numbered as in the list beside the map.
    markers = re.findall(r'<a class="map-marker[^"]*" href="([^"]+)" aria-label="([^"]+)">', response.text)
    names = [city.name for city in sorted(three_members, key=lambda city: city.name)]
    assert markers == [
        (city.get_absolute_url(), f"{number}. {city.name}, {city.country_name}")
        for number, city in enumerate(sorted(three_members, key=lambda city: city.name), start=1)
    ]
    assert [int(n) for n in re.findall(r'<text class="map-number"[^>]*>(\d+)</text>', response.text)] == [1, 2, 3]
    member_list = re.search(r'<ol class="member-list".*?</ol>', response.text, re.S).group(0)
    assert re.findall(r'">([^<]+)</a>', member_list) == names  # the accessible list beside the map, same order
    # The world's outline: Natural Earth's land, drawn from the file kept with the code.
    land = re.search(r'<path class="map-land" d="([^"]+)"', response.text).group(1)
    assert land.startswith("M") and land.count("Z") > 50
    assert "http" not in re.search(r"<svg.*?</svg>", response.text, re.S).group(0).replace(
        "http://www.w3.org", ""
    )  # nothing fetched from anywhere


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "tbil"}, ["Tbilisi"], ["Glasgow"]),
        ({"q": "São", "membership": ""}, ["São Paulo"], ["Tbilisi"]),
        ({"region": "europe"}, ["Glasgow"], ["Tbilisi", "Kampala"]),
        ({"country": "UG"}, ["Kampala"], ["Glasgow"]),
        ({"membership": "member"}, ["Tbilisi", "Glasgow", "Kampala"], ["Shanghai"]),
        (
            {"membership": "not_member", "population": "over_5m", "sort": "population"},
            ["Shanghai"],
            ["Kampala", "Glasgow"],
        ),
        ({"population": "1m_5m", "membership": "member"}, ["Tbilisi", "Kampala"], ["Glasgow"]),
    ],
)
def test_the_directory_filters(client, fifty_cities, three_members, query, expected, absent):
    response = client.get("/cities/", query)
    assert response.status_code == 200
    table = response.text.split('<table class="stack">', 1)[1]
    for name in expected:
        assert f">{name}</a></th>" in table, name
    for name in absent:
        assert f">{name}</a></th>" not in table, name


def test_the_directory_sorts(client, fifty_cities, three_members):
    table = client.get("/cities/", {"membership": "member", "sort": "population"}).text.split(
        '<table class="stack">', 1
    )[1]
    assert table.index("Kampala") < table.index("Tbilisi") < table.index("Glasgow")
    table = client.get("/cities/", {"membership": "member", "sort": "name"}).text.split('<table class="stack">', 1)[1]
    assert table.index("Glasgow") < table.index("Kampala") < table.index("Tbilisi")


def test_bad_filters_answer_400(client, db):
    assert client.get("/cities/", {"region": "atlantis"}).status_code == 400
    assert client.get("/cities/", {"sort": "chaos"}).status_code == 400


def test_htmx_gets_only_the_results(client, three_members):
    response = client.get("/cities/", {"q": "glas"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="city-results")
    assert "<html" not in response.text and "Glasgow" in response.text


def test_a_city_page_with_its_agencies_and_representatives_makes_a_fixed_number_of_queries(
    client, fifty_cities, participant, outsider, member_city, django_assert_num_queries
):
    city = member_city(participant, TBILISI)
    for handle in ("tbilisi_one", "tbilisi_two", "tbilisi_three"):
        services.representative_add(actor=SYSTEM, city=city, user=UserFactory(handle=handle), is_lead=False)
    for name in ("Patrol Police", "Criminal Police", "Municipal Guard"):
        services.agency_create(actor=participant, city=city, name=name, level="national")
    Follow.objects.bulk_create(
        [Follow(user=UserFactory(), target_type="cities.city", target_id=str(city.pk)) for _ in range(3)]
    )
    for kind in ("corruption", "youth_violence", "surveillance"):
        challenge_create(actor=participant, city=city, kind=kind, description="Described.")
    # the city, its agencies, its representatives with their accounts, the follower count, its challenges, the
    # adoption record the practice library adds as a section, the discussions the forums add, and the decided
    # exchanges exchange vetting adds (none here), and the city's pledges the library adds (none here).
    with django_assert_num_queries(9):
        response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    for text in (
        "Patrol Police",
        "Municipal Guard",
        "tbilisi_three",
        "river_watch",
        "3 followers",
        "Police corruption",
    ):
        assert text in response.text
    client.force_login(outsider)
    # + user, following?, the viewer's representations, groups for the header, unread count; the challenges
    # section's 1; the adoption section's 1; the discussions section's 2 (the viewer's forum memberships, the
    # topics); the exchanges section's 1; the pledges section's 1. (Permissions are not read: a session without the
    # second factor holds no staff power.)
    with django_assert_num_queries(15):
        assert client.get(city.get_absolute_url()).status_code == 200


def test_a_city_page_shows_no_email_address(client, participant, member_city):
    city = member_city(participant)
    emails = {user.email for user in participant.__class__.objects.all()}
    text = client.get(city.get_absolute_url()).text
    assert not {email for email in emails if email in text}


def test_sections_of_parts_not_built_yet_are_absent(client, participant, member_city):
    city = member_city(participant)
    text = client.get(city.get_absolute_url()).text
    assert "soon" not in text.lower()  # no promise of a section to come
    assert 'id="section-adoption">Adoption record</h2>' in text  # the practice library's section is built
    assert 'id="section-discussions">Discussions</h2>' in text  # and the forums'
    assert 'id="section-exchanges">Police exchanges</h2>' in text  # and exchange vetting's


def test_a_registered_section_appears(client, participant, member_city, monkeypatch):
    city = member_city(participant)
    section = Section(
        key="adoption", title="Adoption record", template="cities/_follow.html", context=lambda request, city: {}
    )
    monkeypatch.setitem(CITY_PAGE._sections, "adoption", section)
    assert 'id="section-adoption">Adoption record</h2>' in client.get(city.get_absolute_url()).text


def test_an_unknown_city_is_not_found(client, db):
    assert client.get("/cities/atlantis-xx/").status_code == 404


# --- Following ----------------------------------------------------------------------------------------------


def test_a_signed_in_person_follows_and_unfollows_a_city(client, outsider, participant, member_city):
    city = member_city(participant)
    client.force_login(outsider)
    response = client.post(f"/cities/{city.slug}/follow/", {"follow": "1"})
    assert (response.status_code, response["Location"]) == (302, city.get_absolute_url())
    assert Follow.objects.filter(user=outsider, target_type="cities.city", target_id=str(city.pk)).exists()
    assert "1 follower" in client.get(city.get_absolute_url()).text
    response = client.post(f"/cities/{city.slug}/follow/", {"follow": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.text and "0 followers" in response.text
    assert not Follow.objects.filter(user=outsider).exists()


def test_visitors_cannot_follow(client, participant, member_city):
    city = member_city(participant)
    response = client.post(f"/cities/{city.slug}/follow/", {"follow": "1"})
    login = f"/accounts/login/?next=/cities/{city.slug}/follow/"
    assert (response.status_code, response["Location"]) == (302, login)
    response = client.get(f"/cities/{city.slug}/follow/")
    assert (response.status_code, response["Location"]) == (302, login)
    assert not Follow.objects.exists()
    assert "Sign in to follow this city" in client.get(city.get_absolute_url()).text


# --- Police agencies ----------------------------------------------------------------------------------------


def test_a_representative_adds_and_edits_an_agency(client, participant, member_city):
    city = member_city(participant)
    client.force_login(participant)
    url = f"/cities/{city.slug}/agencies/create/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "", "level": "galactic"}).status_code == 400
    form = {"name": "Uganda Police Force", "level": "national", "headcount": "45000", "oversight_body": ""}
    response = client.post(url, form)
    assert (response.status_code, response["Location"]) == (302, city.get_absolute_url())
    agency = PoliceAgency.objects.get(city=city)
    assert (agency.level, agency.headcount, agency.mayor_controls) == ("national", 45000, False)
    assert client.post(url, form).status_code == 400  # the same name twice
    edit = f"/cities/{city.slug}/agencies/{agency.pk}/edit/"
    response = client.post(edit, {**form, "oversight_body": "Police Authority", "mayor_controls": "on"})
    assert (response.status_code, response["Location"]) == (302, city.get_absolute_url())
    agency.refresh_from_db()
    assert (agency.oversight_body, agency.mayor_controls) == ("Police Authority", True)


@pytest.mark.parametrize("role", ["participant", "city_rep", "staff", "reviewer"])
def test_only_the_citys_representatives_edit_its_agencies(client, all_roles, outsider, member_city, role):
    city = member_city(outsider)
    agency = services.agency_create(actor=outsider, city=city, name="Uganda Police Force", level="national")
    client.force_login(all_roles[role])
    assert client.get(f"/cities/{city.slug}/agencies/create/").status_code == 403
    assert client.post(f"/cities/{city.slug}/agencies/{agency.pk}/edit/", {"name": "X"}).status_code == 403
    assert list(PoliceAgency.objects.values_list("name", flat=True)) == ["Uganda Police Force"]
    assert "/agencies/create/" not in client.get(city.get_absolute_url()).text


def test_a_non_member_city_has_a_page_but_no_one_edits_it(client, participant):
    application = services.application_create(actor=participant, geonames_id=KAMPALA)
    city = City.objects.get(pk=application.city_id)
    client.force_login(participant)
    assert "Not a member" in client.get(city.get_absolute_url()).text
    assert client.get(f"/cities/{city.slug}/agencies/create/").status_code == 403
