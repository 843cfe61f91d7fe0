"""The review queue's table is the same for every member of staff, so it is kept in the shared cache, and it is
never wrong: a proposal screened, a reviewer assigned or a city renamed shows on the next request; a page is kept
for its own address and language; what is the viewer's own (the findings they entered, their form tokens) is never
kept for anyone; nobody but staff is ever given the table."""

import pytest
from django.test import Client
from django.urls import reverse

from cities.models import City
from exchanges import services

pytestmark = pytest.mark.page_cache


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
    # The first look reads the page of proposals and their agencies; the next ones only what is not in the table
    # (the session, the person, the findings and the agencies to check, the bell).
    with django_assert_num_queries(11):
        first = staff_client.get(url).text
    with django_assert_num_queries(9):
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
