"""Finding one's way: the home page tells a mayor's office how to join; the account menu leads back to one's
cities and applications; a page gathers what a city's representatives can do."""

import re

from cities import services
from cities.models import Invitation
from network.accounts.system import SYSTEM
from tests.cities.conftest import GLASGOW, KAMPALA, TBILISI


def test_the_home_page_tells_a_mayors_office_how_to_join(client, db, participant):
    page = client.get("/").text
    link = re.search(r'<a [^>]*id="mayors-office-join"[^>]*href="([^"]+)"', page) or re.search(
        r'<a [^>]*href="([^"]+)"[^>]*id="mayors-office-join"', page
    )
    assert link.group(1) == "/accounts/signup/?next=/cities/apply/"
    client.force_login(participant)
    assert 'id="mayors-office-join" href="/cities/apply/"' in client.get("/").text


def test_the_home_page_promises_only_what_exists(client, db):
    page = client.get("/").text.lower()
    assert "vet police exchanges" not in page and "independent reviewers weigh" not in page


def test_the_account_menu_leads_back_to_ones_cities_and_applications(client, participant):
    client.force_login(participant)
    page = client.get("/accounts/profile/").text
    assert '<a href="/cities/mine/">Your cities and applications</a>' in page


def test_the_page_gathers_what_a_representative_can_do(
    client, participant, outsider, member_city, submitted, draft, django_assert_num_queries
):
    kampala = member_city(participant, KAMPALA)
    tbilisi = member_city(outsider, TBILISI)
    services.representative_add(actor=SYSTEM, city=tbilisi, user=participant, is_lead=False)
    services.invitation_create(actor=participant, city=kampala, email="deputy@kampala.example")
    draft(participant, GLASGOW)
    client.force_login(participant)
    response = client.get("/cities/mine/")
    assert response.status_code == 200
    page = response.text
    assert "Kampala" in page and "Tbilisi" in page
    assert page.count("You are a lead representative.") == 1 and page.count("You are a representative.") == 1
    # A lead manages colleagues and invitations; every representative adds police agencies.
    assert f'href="/cities/{kampala.slug}/representatives/"' in page
    assert f'href="/cities/{tbilisi.slug}/representatives/"' not in page
    assert "(1 invitation not yet accepted)" in page
    assert f'href="/cities/{tbilisi.slug}/agencies/create/"' in page
    # The adoption record, added by the library, with its way to record an adoption.
    assert "Adoption record" in page and f'href="/practices/adoptions/{kampala.slug}/record/"' in page
    # The applications, the approved ones and the draft.
    assert "Glasgow" in page and "badge-draft" in page
    assert Invitation.objects.count() == 1


def test_the_page_asks_to_sign_in(client, db):
    response = client.get("/cities/mine/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_page_for_someone_who_represents_nothing_says_how_to_start(client, participant):
    client.force_login(participant)
    page = client.get("/cities/mine/").text
    assert "You do not represent a city." in page and 'href="/cities/apply/"' in page
    assert client.post("/cities/mine/").status_code == 405


def test_the_page_makes_a_fixed_number_of_queries_for_a_city(
    client, participant, member_city, draft, django_assert_num_queries
):
    kampala = member_city(participant, KAMPALA)
    for email in ("one@kampala.example", "two@kampala.example", "three@kampala.example"):
        services.invitation_create(actor=participant, city=kampala, email=email)
    draft(participant, GLASGOW)
    draft(participant, TBILISI)
    client.force_login(participant)
    # user, the representations with their pending invitations, the person's representations for the
    # permission checks (once a request), the sections added to a city (its challenges, its adoption record, its
    # discussions with the person's forum memberships, its exchanges, its pledges), the applications, groups for the
    # header, unread notifications.
    with django_assert_num_queries(12):
        response = client.get("/cities/mine/")
    assert "(3 invitations not yet accepted)" in response.text
