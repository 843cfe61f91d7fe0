"""Staff reach an applicant through the platform (the official email's address is never shown to them), and the
applicant answers on the application's page; each side is told by a notification; every text says so truly."""

import pytest

from cities import services
from cities.errors import MoveNotAllowed
from cities.models import ApplicationMessage
from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from tests.cities.conftest import OFFICE


def test_staff_write_to_the_applicant_who_is_told_and_answers(participant, staff_member, submitted):
    application = submitted(participant, official_email="mayor@gmail.com")
    message = services.application_message_send(
        actor=staff_member, application=application, body="Could you confirm from an address of the city?"
    )
    assert message.from_staff and message.author == staff_member
    notification = Notification.objects.get(recipient=participant, event__kind="cities.application_message")
    assert notification.event.target_url == f"/cities/applications/{application.pk}/"
    assert notification.event.data == {"city": "Kampala", "from_staff": True}  # the text stays on the page
    entry = AuditEntry.objects.get(action="cities.application.message")
    assert entry.actor == staff_member and entry.data == {"message": message.pk, "from_staff": True}

    answer = services.application_message_send(actor=participant, application=application, body="Done: see below.")
    assert not answer.from_staff
    event = Event.objects.get(kind="cities.application_message", data__from_staff=False)
    assert event.audience == {"name": "permission", "permission": "cities.review_application"}
    assert event.target_url == f"/staff/cities/applications/{application.pk}/"


def test_nobody_else_writes_and_a_draft_has_no_messages(participant, outsider, city_rep, staff_member, draft):
    application = draft(participant)
    with pytest.raises(MoveNotAllowed, match="once it is submitted"):
        services.application_message_send(actor=staff_member, application=application, body="Hello")
    application = services.application_submit(actor=participant, application=application)
    for stranger in (outsider, city_rep):
        with pytest.raises(MoveNotAllowed):
            services.application_message_send(actor=stranger, application=application, body="Hello")
    assert not ApplicationMessage.objects.exists()


def test_staff_write_from_their_page_without_seeing_the_address(
    client, participant, staff_member, submitted, login_with_second_factor
):
    application = submitted(participant, official_email="mayor@gmail.com")
    login_with_second_factor(staff_member)
    url = f"/staff/cities/applications/{application.pk}/"
    page = client.get(url).text
    assert "mayor@gmail.com" not in page and participant.email not in page
    assert "You can write to the applicant below." in page
    assert f'action="/staff/cities/applications/{application.pk}/messages/"' in page
    empty = client.post(f"{url}messages/", {"body": "  "})
    assert empty.status_code == 400 and "error-summary" in empty.text
    response = client.post(f"{url}messages/", {"body": "Please confirm from an address on city.example."})
    assert response.status_code == 302 and response.url == url
    assert "Please confirm from an address on city.example." in client.get(url).text


def test_the_applicant_reads_and_answers_on_the_application_page(client, participant, staff_member, submitted):
    application = submitted(participant)
    services.application_message_send(actor=staff_member, application=application, body="Who signed the letter?")
    client.force_login(participant)
    url = f"/cities/applications/{application.pk}/"
    page = client.get(url).text
    assert "Who signed the letter?" in page and "Network staff" in page
    assert staff_member.email not in page
    response = client.post(f"{url}messages/", {"body": "The mayor herself."})
    assert response.status_code == 302
    assert ApplicationMessage.objects.filter(from_staff=False, body="The mayor herself.").exists()
    assert client.get(f"{url}messages/").status_code == 405


def test_other_people_cannot_post_messages(client, participant, outsider, submitted):
    application = submitted(participant)
    client.force_login(outsider)
    assert client.post(f"/cities/applications/{application.pk}/messages/", {"body": "Hi"}).status_code == 404
    assert client.post(f"/staff/cities/applications/{application.pk}/messages/", {"body": "Hi"}).status_code == 403
    assert not ApplicationMessage.objects.exists()


def test_the_texts_about_the_official_email_say_the_truth(client, participant, draft):
    application = draft(participant, official_email="mayor@gmail.com")
    client.force_login(participant)
    page = client.get(f"/cities/applications/{application.pk}/edit/").text
    assert "staff will check with you" not in page and "Only staff see it" not in page
    assert "Network staff see only its domain" in page
    assert "staff may write to you on the application" in page
    assert OFFICE["office_name"] in page
