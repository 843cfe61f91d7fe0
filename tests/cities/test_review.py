"""Staff review: approve, decline with a reason, ask for more information; each move audited and told to the
applicant; every other role refused; moves the workflow forbids answered 409."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError

from cities import services
from cities.errors import MoveNotAllowed
from cities.models import City, Representative
from network.accounts.permissions import is_city_representative
from network.audit.models import AuditEntry
from network.notifications.models import Notification
from tests.cities.conftest import KAMPALA, OFFICE, TBILISI


def _notified(user, decision: str) -> bool:
    return Notification.objects.filter(
        recipient=user, event__kind="cities.application_decided", event__data__decision=decision
    ).exists()


def test_approval_makes_the_city_a_member_and_the_applicant_its_lead(participant, staff_member, submitted):
    application = submitted(participant)
    application = services.application_approve(actor=staff_member, application=application)
    city = City.objects.get(pk=application.city_id)
    assert application.status == "approved" and application.decided_by == staff_member
    assert city.membership_status == "member" and city.member_since is not None
    assert (city.office_name, city.office_website) == (OFFICE["office_name"], OFFICE["office_website"])
    assert Representative.objects.get(city=city).user == participant
    assert Representative.objects.get(city=city).is_lead
    participant.__dict__.pop("_network_roles", None)
    assert is_city_representative(participant)
    assert _notified(participant, "approved")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"cities.application.approve", "cities.membership.begin", "cities.representative.add"} <= actions
    assert "accounts.role.grant" in actions


def test_declining_needs_a_reason_which_the_applicant_reads(participant, staff_member, submitted):
    application = submitted(participant)
    with pytest.raises(ValidationError):
        services.application_decline(actor=staff_member, application=application, reason="  ")
    application = services.application_decline(
        actor=staff_member, application=application, reason="We could not reach the office."
    )
    assert application.status == "declined"
    assert application.decision_reason == "We could not reach the office."
    assert _notified(participant, "declined")
    entry = AuditEntry.objects.get(action="cities.application.decline")
    assert entry.data["reason"] == "We could not reach the office."
    assert City.objects.get(pk=application.city_id).membership_status == "not_member"


def test_asking_for_more_lets_the_applicant_edit_and_resubmit(participant, staff_member, submitted):
    application = submitted(participant)
    application = services.application_request_info(
        actor=staff_member, application=application, reason="Please attach a letter signed by the mayor."
    )
    assert application.status == "more_info_requested"
    assert _notified(participant, "more_info_requested")
    application = services.application_update(actor=participant, application=application, office_name="Mayor")
    application = services.application_submit(actor=participant, application=application)
    assert application.status == "submitted"
    assert AuditEntry.objects.filter(action="cities.application.submit").count() == 2


@pytest.mark.parametrize(
    ("state", "move"),
    [
        ("draft", "approve"),
        ("draft", "decline"),
        ("approved", "approve"),
        ("approved", "decline"),
        ("approved", "request_info"),
        ("declined", "approve"),
        ("more_info_requested", "approve"),
        ("more_info_requested", "request_info"),
    ],
)
def test_a_move_the_workflow_forbids_is_refused(participant, staff_member, draft, state, move):
    application = draft(participant)
    if state != "draft":
        application = services.application_submit(actor=participant, application=application)
    if state == "approved":
        application = services.application_approve(actor=staff_member, application=application)
    elif state == "declined":
        application = services.application_decline(actor=staff_member, application=application, reason="No.")
    elif state == "more_info_requested":
        application = services.application_request_info(actor=staff_member, application=application, reason="?")
    service = getattr(services, f"application_{move}")
    with pytest.raises(MoveNotAllowed):
        service(actor=staff_member, application=application, reason="A reason")
    application.refresh_from_db()
    assert application.status == state


def test_a_city_is_approved_once(participant, outsider, staff_member, submitted):
    first, second = submitted(participant), submitted(outsider)
    services.application_approve(actor=staff_member, application=first)
    with pytest.raises(MoveNotAllowed, match="already a member"):
        services.application_approve(actor=staff_member, application=second)


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_only_staff_decide(all_roles, submitted, outsider, role):
    application = submitted(outsider)
    for service in (services.application_approve, services.application_decline, services.application_request_info):
        with pytest.raises(MoveNotAllowed):
            service(actor=all_roles[role], application=application, reason="Because")


# --- The staff pages ------------------------------------------------------------------------------------------


def test_the_queue_lists_submitted_applications(
    client,
    staff_member,
    participant,
    outsider,
    city_rep,
    submitted,
    draft,
    login_with_second_factor,
    django_assert_num_queries,
):
    submitted(participant, KAMPALA)
    submitted(outsider, TBILISI)
    submitted(city_rep, 2314302)
    draft(participant, 2648579)
    login_with_second_factor(staff_member)
    # user, authenticators (second-factor check), user and group permissions, groups for the header,
    # unread count, the page of applications with their cities and applicants (by keyset: no count).
    with django_assert_num_queries(7):
        response = client.get("/staff/cities/applications/")
    assert response.status_code == 200
    assert response.text.count('href="/staff/cities/applications/') == 3
    assert "Glasgow" not in response.text  # drafts are the applicant's own business
    assert participant.email not in response.text and "mayor@city.example" not in response.text
    drafts = client.get("/staff/cities/applications/", {"status": "draft"})
    assert drafts.status_code == 200  # the queue, not the drafts
    assert drafts.text.count('href="/staff/cities/applications/') == 3


def test_staff_approve_from_the_page(client, staff_member, participant, submitted, login_with_second_factor):
    application = submitted(participant)
    login_with_second_factor(staff_member)
    page = client.get(f"/staff/cities/applications/{application.pk}/")
    assert page.status_code == 200 and "an address on city.example" in page.text
    assert OFFICE["official_email"] not in page.text
    response = client.post(f"/staff/cities/applications/{application.pk}/", {"move": "approve", "approve-reason": ""})
    assert (response.status_code, response["Location"]) == (302, f"/staff/cities/applications/{application.pk}/")
    application.refresh_from_db()
    assert (application.status, application.decided_by_id) == ("approved", staff_member.pk)
    assert City.objects.get(pk=application.city_id).membership_status == "member"


@pytest.mark.parametrize(("move", "status"), [("decline", "declined"), ("request_info", "more_info_requested")])
def test_staff_decline_or_ask_for_more_with_a_reason(
    client, staff_member, participant, submitted, login_with_second_factor, move, status
):
    application = submitted(participant)
    login_with_second_factor(staff_member)
    url = f"/staff/cities/applications/{application.pk}/"
    response = client.post(url, {"move": move, f"{move}-reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.text
    response = client.post(url, {"move": move, f"{move}-reason": "The letter is unsigned."})
    assert (response.status_code, response["Location"]) == (302, url)
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (status, "The letter is unsigned.")


def test_a_forbidden_move_on_the_page_answers_409(
    client, staff_member, participant, submitted, login_with_second_factor
):
    application = submitted(participant)
    services.application_decline(actor=staff_member, application=application, reason="No.")
    login_with_second_factor(staff_member)
    response = client.post(f"/staff/cities/applications/{application.pk}/", {"move": "approve"})
    assert response.status_code == 409
    assert client.post(f"/staff/cities/applications/{application.pk}/", {"move": "explode"}).status_code == 404


@pytest.mark.parametrize("role", ["participant", "city_rep"])
def test_the_staff_pages_refuse_other_roles(client, all_roles, participant, submitted, role):
    application = submitted(all_roles["staff"])
    client.force_login(all_roles[role])
    assert client.get("/staff/cities/applications/").status_code == 403
    assert client.get(f"/staff/cities/applications/{application.pk}/").status_code == 403
    response = client.post(f"/staff/cities/applications/{application.pk}/", {"move": "approve"})
    assert response.status_code == 403


def test_staff_pages_need_a_second_factor(client, staff_member, reviewer):
    for person in (staff_member, reviewer):
        client.force_login(person)
        response = client.get("/staff/cities/applications/")
        assert (response.status_code, response["Location"]) == (
            302,
            "/accounts/2fa/totp/activate/?next=" + quote(response.request["PATH_INFO"], safe=""),
        )


def test_the_staff_home_shows_the_queue_to_staff(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    assert 'href="/staff/cities/applications/"' in client.get("/staff/").text
