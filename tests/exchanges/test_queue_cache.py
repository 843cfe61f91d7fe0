"""The review queue's table and its agencies to check are the same for every member of staff, so they are kept in
the shared cache, and they are never wrong: a proposal screened, a reviewer assigned, a city renamed or an agency
added or checked shows on the next request; a table is kept for its own address and language; what is the viewer's
own (the findings they entered, their form tokens) is never kept for anyone; nobody but staff is given either."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from cities.models import City
from exchanges import services
from network import page_cache

pytestmark = pytest.mark.page_cache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AGENCY = "Quito Metropolitan Police"


def _table(body: str) -> str:
    return body.split("<h2>Review queue</h2>")[1].split("<h2>Findings")[0]


@pytest.fixture
def url():
    return reverse("exchanges_staff:queue")


@pytest.fixture
def staff_client(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    return client


def test_a_second_look_reads_the_table_from_the_cache(staff_client, url, make_proposal, django_assert_num_queries):
    for title in ("One", "Two", "Three"):
        make_proposal("in_review", title=title)
    # The first look reads the page of proposals, their agencies and the agencies to check; the next ones only what
    # is not kept (the person and their powers, the findings, the bell).
    with django_assert_num_queries(10):
        first = staff_client.get(url).text
    with django_assert_num_queries(7):
        second = staff_client.get(url).text
    assert _table(first) == _table(second)
    assert second.count("Politie Amsterdam") == 3


def test_a_screened_proposal_shows_on_the_next_request(staff_client, url, make_proposal, staff_member):
    proposal = make_proposal("submitted", title="Waiting its turn")
    staff_client.get(url)
    services.proposal_screen(actor=staff_member, proposal=proposal)
    body = staff_client.get(url).text
    assert '<td data-label="Status">Screening</td>' in body
    assert '<td data-label="Status">Submitted</td>' not in body
    assert "Waiting its turn" not in staff_client.get(url, {"status": "submitted"}).text


def test_an_assigned_reviewer_shows_on_the_next_request(staff_client, url, make_proposal, staff_member, reviewers):
    proposal = make_proposal("screening", title="To review")
    assert '<td data-label="Reviews">0 / 0</td>' in staff_client.get(url).text
    services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=reviewers[2])
    assert '<td data-label="Reviews">0 / 1</td>' in staff_client.get(url).text


def test_a_renamed_city_shows_on_the_next_request(staff_client, url, make_proposal, city):
    make_proposal("submitted", title="From Kampala")
    assert city.name in staff_client.get(url).text
    # Any write to the table names a new version, whatever issues it.
    City.objects.filter(pk=city.pk).update(name="Kampala Capital City")
    assert "Kampala Capital City" in staff_client.get(url).text


def test_each_address_and_language_has_its_own_table(staff_client, url, make_proposal):
    make_proposal("submitted", title="Sent")
    make_proposal("in_review", title="Looked at")
    assert "Looked at" in staff_client.get(url).text
    body = staff_client.get(url, {"status": "submitted"}).text
    assert "Sent" in body and "Looked at" not in body
    staff_client.cookies["django_language"] = "fr"
    body = staff_client.get(url).text
    assert '<td data-label="Statut">Déposée</td>' in body


def test_the_findings_a_person_entered_are_never_kept_for_another(
    client, url, partner, staff_member, second_staff, login_with_second_factor
):
    finding = services.finding_create(
        actor=staff_member, partner=partner, source_kind="press", publisher="A paper", title="A claim to check",
        published_on="2026-01-01", categories=["corruption"], severity="low", credibility="low", summary="Claim.",
    )  # fmt: skip
    verify = reverse("exchanges_staff:finding_verify", args=[finding.pk])
    login_with_second_factor(staff_member)
    own = client.get(url).text
    assert "yours: a colleague verifies it" in own and verify not in own
    other = Client()
    login_with_second_factor(second_staff, client=other)
    theirs = other.get(url).text
    assert "yours: a colleague verifies it" not in theirs and verify in theirs


def test_nobody_but_staff_is_given_the_kept_table(
    staff_client, url, make_proposal, city_rep, reviewer, login_with_second_factor
):
    make_proposal("submitted", title="For staff only")
    assert "For staff only" in staff_client.get(url).text
    for person in (city_rep, reviewer):
        other = Client()
        login_with_second_factor(person, client=other)
        response = other.get(url)
        assert response.status_code == 403
        assert "For staff only" not in response.text
    assert Client().get(url).status_code == 302


def test_an_agency_to_check_shows_and_goes_on_the_next_request(staff_client, url, city, city_rep, staff_member):
    assert AGENCY not in staff_client.get(url).text
    partner = services.partner_create(actor=city_rep, name=AGENCY, country_code="EC", level="municipal")
    assert AGENCY in staff_client.get(url).text
    services.partner_verify(actor=staff_member, partner=partner)
    assert AGENCY not in staff_client.get(url).text


def _agencies(body: str) -> str:
    return body.split("Agencies added by cities, to check")[1]


def test_each_person_checks_a_kept_agency_with_their_own_form_token(
    url, city, city_rep, staff_member, second_staff, login_with_second_factor
):
    partner = services.partner_create(actor=city_rep, name=AGENCY, country_code="EC", level="municipal")
    verify = reverse("exchanges_staff:partner_verify", args=[partner.pk])
    first, second = Client(), Client()
    login_with_second_factor(staff_member, client=first)
    login_with_second_factor(second_staff, client=second)
    for person in (first, second):
        person.handler.enforce_csrf_checks = True
    firsts = TOKEN.findall(_agencies(first.get(url).text))
    body = second.get(url).text
    assert page_cache.form_token_mark() not in body
    seconds = TOKEN.findall(_agencies(body))
    assert len(firsts) == len(seconds) == 1
    # The token of whoever asked first is no good to the second: each page holds its own person's.
    assert second.post(verify, {"csrfmiddlewaretoken": firsts[0]}).status_code == 403
    assert second.post(verify, {"csrfmiddlewaretoken": seconds[0]}).status_code == 302
    partner.refresh_from_db()
    assert partner.verified
