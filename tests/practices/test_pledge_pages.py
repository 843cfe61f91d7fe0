"""Pledges' pages and API: who sees and does what, forms that keep what was typed, overdue shown plainly, and a
fixed number of queries however many pledges, practices and reports there are."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from network.accounts import services as account_services
from practices import pledge_api, pledge_services, pledge_views
from practices.models import Pledge, PledgeReport, PledgeStatus
from tests.keyset_plans import next_cursor, page_query_plans
from tests.practices.conftest import in_a_year


@pytest.fixture
def unthrottled(monkeypatch):
    for view in (pledge_api.PledgeListApi, pledge_api.PledgeDetailApi, pledge_api.PledgeReportCreateApi):
        monkeypatch.setattr(view, "throttle_classes", [])


@pytest.fixture
def three_practices(publish):
    return [publish(slug=f"practice-{n}", title=f"Practice {n}") for n in range(3)]


@pytest.fixture
def publish_pledge(pledge_of, city_rep, staff_member):
    def make(practices) -> Pledge:
        pledge = pledge_of(practices)
        pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
        return pledge_services.pledge_publish(actor=staff_member, pledge=pledge)

    return make


def _report(pledge, rep, text="Progress **made**.", days_ago=0):
    return pledge_services.pledge_report_create(
        actor=rep,
        pledge=pledge,
        reported_on=timezone.localdate() - timedelta(days=days_ago),
        text=text,
        statuses={item.pk: "piloting" for item in pledge.items.all()},
    )


def _staff_client(client, staff_member, pass_second_factor):
    client.force_login(staff_member)
    pass_second_factor(staff_member)
    return client


# --- Who sees a pledge -----------------------------------------------------------------------------------------


def test_a_draft_is_seen_by_its_city_and_staff_only(
    client, pledge_of, three_practices, participant, city_rep, glasgow_rep, staff_member, pass_second_factor
):
    pledge = pledge_of(three_practices)
    url = pledge.get_absolute_url()
    assert client.get(url).status_code == 404
    for person, expected in ((participant, 404), (glasgow_rep, 404), (city_rep, 200)):
        client.force_login(person)
        assert client.get(url).status_code == expected, person
    _staff_client(client, staff_member, pass_second_factor)
    assert client.get(url).status_code == 200


def test_a_published_pledge_is_public_with_the_citys_reports_and_their_dates(
    client, publish_pledge, three_practices, city_rep
):
    pledge = publish_pledge(three_practices)
    _report(pledge, city_rep, text="The <script>alert(1)</script> policy is **drafted**.", days_ago=0)
    response = client.get(pledge.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>drafted</strong>" in page and "<script>alert(1)" not in page
    assert f'datetime="{timezone.localdate().isoformat()}"' in page
    assert "Practice 0" in page and "Overdue" not in page


def test_overdue_is_shown_plainly(client, publish_pledge, three_practices):
    pledge = publish_pledge(three_practices)
    with time_machine.travel(pledge.target_date + timedelta(days=1), tick=False):
        page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Overdue: the city pledged to adopt these practices by" in page


# --- The city's forms ------------------------------------------------------------------------------------------


def test_the_city_drafts_a_pledge_in_its_form(client, kampala, city_rep, three_practices):
    client.force_login(city_rep)
    url = f"/practices/pledges/new/{kampala.slug}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"practices": ["practice-0"], "target_date": "2001-01-01", "steps": "Typed steps"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The date must be in the future." in page and "Typed steps" in page
    response = client.post(url, {"target_date": in_a_year().isoformat(), "steps": "Typed steps"})
    assert response.status_code == 400 and "Name at least one practice, or a collection." in response.content.decode()
    response = client.post(
        url, {"practices": ["practice-0", "practice-2"], "target_date": in_a_year().isoformat(), "steps": "Steps"}
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response.url == pledge.get_absolute_url()
    assert list(pledge.items.values_list("practice__slug", flat=True)) == ["practice-0", "practice-2"]


def test_others_may_not_open_the_citys_forms(client, kampala, participant, glasgow_rep, pledge_of, three_practices):
    pledge = pledge_of(three_practices)
    for person in (participant, glasgow_rep):
        client.force_login(person)
        assert client.get(f"/practices/pledges/new/{kampala.slug}/").status_code == 403
        assert client.get(f"/practices/pledges/{pledge.pk}/edit/").status_code == 403


def test_submit_publish_and_send_back_through_the_pages(
    client, pledge_of, three_practices, city_rep, glasgow_rep, staff_member, pass_second_factor
):
    pledge = pledge_of(three_practices)
    client.force_login(glasgow_rep)
    assert client.post(f"/practices/pledges/{pledge.pk}/submit/").status_code == 404  # not theirs to see
    client.force_login(city_rep)
    assert client.post(f"/practices/pledges/{pledge.pk}/submit/").status_code == 302
    assert client.post(f"/practices/pledges/{pledge.pk}/submit/").status_code == 409  # already submitted
    assert client.post(f"/practices/pledges/{pledge.pk}/publish/").status_code == 403
    assert client.get(f"/practices/pledges/{pledge.pk}/publish/").status_code == 405
    assert client.post(f"/practices/pledges/{pledge.pk}/honour/").status_code == 404
    _staff_client(client, staff_member, pass_second_factor)
    response = client.post(f"/practices/pledges/{pledge.pk}/return/", {"reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert client.post(f"/practices/pledges/{pledge.pk}/publish/").status_code == 302
    assert Pledge.objects.get().status == PledgeStatus.PUBLISHED
    assert client.post(f"/practices/pledges/{pledge.pk}/publish/").status_code == 409


def test_the_city_reports_progress_in_its_form(client, publish_pledge, three_practices, city_rep, glasgow_rep):
    pledge = publish_pledge(three_practices)
    url = f"/practices/pledges/{pledge.pk}/report/"
    client.force_login(glasgow_rep)
    assert client.get(url).status_code == 403
    client.force_login(city_rep)
    assert client.get(url).status_code == 200
    items = list(pledge.items.all())
    data = {"reported_on": timezone.localdate().isoformat(), "text": "What we typed"}
    response = client.post(url, data)
    assert response.status_code == 400 and "What we typed" in response.content.decode()
    response = client.post(url, {**data, **{f"item_{item.pk}": "adopted" for item in items}})
    assert response.status_code == 302
    assert PledgeReport.objects.get().items.count() == 3


# --- Query counts ----------------------------------------------------------------------------------------------


def test_the_pledge_page_makes_a_fixed_number_of_queries(
    client, publish_pledge, three_practices, city_rep, django_assert_num_queries
):
    pledge = publish_pledge(three_practices)
    for _ in range(3):
        _report(pledge, city_rep)
    # pledge with city and collection, items with practices, reports, report lines with practices; shadow reports
    with django_assert_num_queries(5):
        response = client.get(pledge.get_absolute_url())
    assert response.status_code == 200


def test_the_staff_queue_makes_a_fixed_number_of_queries(
    client, pledge_of, three_practices, city_rep, staff_member, login_with_second_factor, django_assert_num_queries
):
    for _ in range(3):
        pledge_services.pledge_submit(actor=city_rep, pledge=pledge_of(three_practices))
    login_with_second_factor(staff_member)
    client.get("/staff/practices/pledges/")
    # the person and their second factor (as every staff page); the pledges with their cities; their
    # items with their practices
    with django_assert_num_queries(8):
        response = client.get("/staff/practices/pledges/")
    assert response.content.decode().count("/practices/pledges/") >= 3


def test_refused_staff_queue(client, participant, city_rep, staff_member):
    assert client.get("/staff/practices/pledges/").status_code == 302
    for person in (participant, city_rep):
        client.force_login(person)
        assert client.get("/staff/practices/pledges/").status_code == 403
    # Staff without the second factor are sent to set it up first.
    client.force_login(staff_member)
    response = client.get("/staff/practices/pledges/")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/2fa/totp/activate/")


# --- API -------------------------------------------------------------------------------------------------------


def test_the_api_list_makes_a_fixed_number_of_queries_and_filters(
    client, publish_pledge, pledge_of, three_practices, eight_cant_wait, unthrottled, django_assert_num_queries
):
    for _ in range(3):
        publish_pledge(three_practices)
    pledge_of(three_practices)  # a draft: not listed for a visitor
    collection_pledge = publish_pledge(list(eight_cant_wait.practices.all()[:2]))
    with django_assert_num_queries(2):  # page of pledges with cities and collections, their items with practices
        response = client.get("/api/v1/pledges/")
    body = response.json()
    assert len(body["results"]) == 4 and body["results"][0]["overdue"] is False
    assert len(body["results"][0]["items"]) == 3
    assert client.get("/api/v1/pledges/", {"status": "draft"}).json()["results"] == []
    ids = [row["id"] for row in client.get("/api/v1/pledges/", {"collection": "8-cant-wait"}).json()["results"]]
    assert ids == [collection_pledge.pk]
    ids = [row["id"] for row in client.get("/api/v1/pledges/", {"practice": "practice-1"}).json()["results"]]
    assert len(ids) == 3
    assert client.get("/api/v1/pledges/", {"city": "nowhere"}).json()["results"] == []
    assert client.get("/api/v1/pledges/", {"overdue": "maybe"}).status_code == 400
    assert client.get("/api/v1/pledges/", {"status": "lost"}).status_code == 400
    assert len(client.get("/api/v1/pledges/", {"overdue": "true"}).json()["results"]) == 0
    with time_machine.travel(collection_pledge.target_date + timedelta(days=1), tick=False):
        overdue = client.get("/api/v1/pledges/", {"overdue": "true"}).json()["results"]
        assert len(overdue) == 4 and all(row["overdue"] for row in overdue)
        assert client.get("/api/v1/pledges/", {"overdue": "false"}).json()["results"] == []


def test_the_api_detail_with_reports(client, publish_pledge, three_practices, city_rep, unthrottled, pledge_of):
    pledge = publish_pledge(three_practices)
    _report(pledge, city_rep)
    body = client.get(f"/api/v1/pledges/{pledge.pk}/").json()
    assert body["status"] == "published" and body["city"]["slug"] == pledge.city.slug
    assert body["reports"][0]["items"][0] == {"practice": "practice-0", "status": "piloting"}
    assert body["reports"][0]["author"] == city_rep.handle
    draft = pledge_of(three_practices)
    assert client.get(f"/api/v1/pledges/{draft.pk}/").status_code == 404


def test_the_api_takes_a_report_from_the_city_only(
    publish_pledge, pledge_of, three_practices, city_rep, glasgow_rep, unthrottled
):
    pledge = publish_pledge(three_practices)
    url = f"/api/v1/pledges/{pledge.pk}/reports/"
    statuses = [{"practice": f"practice-{n}", "status": "adopted"} for n in range(3)]
    body = {"reported_on": timezone.localdate().isoformat(), "text": "Done.", "statuses": statuses}
    api = APIClient()
    assert api.post(url, body, format="json").status_code == 401
    _token, key = account_services.api_token_rotate(actor=glasgow_rep)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(url, body, format="json").status_code == 403
    _token, key = account_services.api_token_rotate(actor=city_rep)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post(url, {**body, "statuses": statuses[:1]}, format="json")
    assert response.status_code == 400 and "statuses" in response.json()
    response = api.post(
        url, {**body, "statuses": [*statuses, {"practice": "other", "status": "adopted"}]}, format="json"
    )
    assert response.status_code == 400
    response = api.post(url, {**body, "text": ""}, format="json")
    assert response.status_code == 400 and "text" in response.json()
    response = api.post(url, body, format="json")
    assert response.status_code == 201 and response.json()["items"][2] == {
        "practice": "practice-2",
        "status": "adopted",
    }
    pledge_services.pledge_withdraw(actor=city_rep, pledge=pledge, reason="Council vote.")
    assert api.post(url, body, format="json").status_code == 409


def test_the_city_page_shows_its_pledges_in_a_fixed_number_of_queries(
    client, publish_pledge, pledge_of, three_practices, kampala, django_assert_num_queries
):
    for _ in range(3):
        publish_pledge(three_practices)
    pledge_of(three_practices)  # a draft: not on the public page
    # the city page's queries (tests/cities/test_city_pages.py), with its challenges, its pledges and their practices
    with django_assert_num_queries(10):
        response = client.get(kampala.get_absolute_url())
    assert response.text.count("/practices/pledges/") == 3
    assert "0 of 3 adopted and verified" in response.text


def test_the_practice_page_shows_the_pledges_that_name_it_in_a_fixed_number_of_queries(
    client, publish_pledge, three_practices, django_assert_num_queries
):
    for _ in range(3):
        publish_pledge(three_practices)
    # the practice page's queries (tests/practices/test_pages.py) with the pledges and their practices
    with django_assert_num_queries(11):
        response = client.get(three_practices[1].get_absolute_url())
    assert response.text.count("/practices/pledges/") == 3 and "Kampala" in response.text


def test_staff_work_the_submitted_pledges_oldest_first_from_their_index(
    client, pledge_of, three_practices, city_rep, staff_member, login_with_second_factor, monkeypatch
):
    monkeypatch.setattr(pledge_views, "STAFF_PER_PAGE", 2)
    submitted = []
    for _ in range(3):
        submitted.append(pledge_services.pledge_submit(actor=city_rep, pledge=pledge_of(three_practices)).pk)
    login_with_second_factor(staff_member)
    first = client.get("/staff/practices/pledges/").text
    second = client.get("/staff/practices/pledges/", {"after": unquote(next_cursor(first))}).text
    links = [int(pk) for body in (first, second) for pk in re.findall(r'href="/practices/pledges/(\d+)/"', body)]
    assert list(dict.fromkeys(links)) == submitted
    for plan in page_query_plans(client, "/staff/practices/pledges/", {}, "practices_pledge"):
        assert "pledge_queue" in plan and "Sort" not in plan, plan
