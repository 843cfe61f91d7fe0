from urllib.parse import quote

import pytest

from network.audit.models import AuditEntry
from network.notifications.models import Delivery
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE


@pytest.fixture
def deliveries(participant, outsider, city_rep, update_kind):
    """One failed email, one sent, one pending."""
    rows = []
    for person, status in [(participant, "failed"), (outsider, "sent"), (city_rep, "pending")]:
        event = notify(kind=UPDATE, recipients=[person], target=person)
        delivery = Delivery.objects.get(event=event)
        delivery.status = status
        delivery.attempts = 8 if status == "failed" else 1
        delivery.last_error = "SMTPServerDisconnected: gone" if status == "failed" else ""
        delivery.save()
        rows.append(delivery)
    return rows


def test_staff_see_delivery_status_with_handles_never_addresses(
    client, staff_member, login_with_second_factor, deliveries
):
    login_with_second_factor(staff_member)
    response = client.get("/staff/notifications/")
    assert response.status_code == 200
    text = response.text
    assert "river_watch" in text and "someone_else" in text and "glasgow_office" in text
    assert "river@example.org" not in text and "outsider@example.org" not in text
    assert "SMTPServerDisconnected: gone" in text
    assert text.count(">Retry<") == 1


def test_staff_filter_deliveries(client, staff_member, login_with_second_factor, deliveries):
    login_with_second_factor(staff_member)
    text = client.get("/staff/notifications/?status=failed").text
    assert "river_watch" in text and "someone_else" not in text
    text = client.get(f"/staff/notifications/?kind={UPDATE}&schedule=immediate&since=2000-01-01").text
    assert text.count("News from what you follow</td>") == 3
    response = client.get("/staff/notifications/?status=lost&since=yesterday")
    assert response.status_code == 400
    assert "Select a valid choice" in response.text and "Enter a valid date" in response.text


def test_the_delivery_list_costs_the_same_queries_whatever_its_length(
    client, staff_member, login_with_second_factor, deliveries, update_kind, participant, django_assert_num_queries
):
    login_with_second_factor(staff_member)
    # user, groups, authenticator, permissions x2, page with events and recipients (no count), bell
    with django_assert_num_queries(7):
        before = client.get("/staff/notifications/").text.count("<tr>")
    for _ in range(5):
        notify(kind=UPDATE, recipients=[participant])
    with django_assert_num_queries(7):
        response = client.get("/staff/notifications/")
    assert response.text.count("<tr>") == before + 5


def test_staff_retry_a_failed_email_and_it_is_audited(
    client, staff_member, login_with_second_factor, deliveries, django_capture_on_commit_callbacks
):
    from django.core import mail

    failed = deliveries[0]
    login_with_second_factor(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/notifications/{failed.pk}/retry/", {"next": "/staff/notifications/?status=failed"}
        )
    assert response.status_code == 302 and response.url == "/staff/notifications/?status=failed"
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 1
    assert [message.to for message in mail.outbox] == [["river@example.org"]]
    entry = AuditEntry.objects.get(action="notifications.delivery.retry")
    assert entry.actor == staff_member and entry.before["status"] == "failed" and entry.target_id == str(failed.pk)


def test_only_a_failed_email_can_be_retried(client, staff_member, login_with_second_factor, deliveries):
    login_with_second_factor(staff_member)
    response = client.post(f"/staff/notifications/{deliveries[1].pk}/retry/")
    assert response.status_code == 409
    assert "Only a failed email can be retried." in response.text
    assert client.post("/staff/notifications/999999/retry/").status_code == 404
    assert client.get(f"/staff/notifications/{deliveries[0].pk}/retry/").status_code == 405
    assert not AuditEntry.objects.filter(action="notifications.delivery.retry").exists()


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_other_roles_are_refused(client, all_roles, role, deliveries, login_with_second_factor):
    person = all_roles[role]
    if role == "reviewer":
        login_with_second_factor(person)
    else:
        client.force_login(person)
    assert client.get("/staff/notifications/").status_code == 403
    assert client.post(f"/staff/notifications/{deliveries[0].pk}/retry/").status_code == 403
    deliveries[0].refresh_from_db()
    assert deliveries[0].status == "failed"


def test_staff_without_a_second_factor_in_the_session_are_sent_to_pass_it(client, staff_member, deliveries):
    client.force_login(staff_member)
    response = client.get("/staff/notifications/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/2fa/totp/activate/?next=" + quote(response.request["PATH_INFO"], safe=""),
    )


def test_signed_out_visitors_are_sent_to_sign_in(client, deliveries):
    response = client.get("/staff/notifications/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/staff/notifications/")
