from django.core import mail

from network.accounts.roles import Role
from network.accounts.services import role_grant, role_revoke
from network.notifications.models import Delivery, Notification
from tests.factories import PASSWORD


def test_a_password_change_is_told_in_the_app_and_by_email_in_the_persons_language(
    client, participant, reauthenticate, django_capture_on_commit_callbacks
):
    participant.preferred_language = "fr"
    participant.save()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"},
        )
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=participant)
    assert notification.event.kind == "accounts.security"
    assert notification.event.data == {"change": "password_changed"}
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert mail.outbox[0].subject == "[Cities for Just Policing] Votre mot de passe a été modifié."
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_a_role_grant_and_revoke_are_told_to_the_person(staff_member, outsider, enable_totp):
    role_grant(actor=staff_member, user=outsider, role=Role.CITY_REPRESENTATIVE, reason="Approved by the board")
    role_revoke(actor=staff_member, user=outsider, role=Role.CITY_REPRESENTATIVE, reason="Left the office")
    events = [n.event for n in Notification.objects.filter(recipient=outsider).order_by("id")]
    assert [(e.kind, e.data["change"], e.actor_id) for e in events] == [
        ("accounts.role_changed", "granted", staff_member.pk),
        ("accounts.role_changed", "revoked", staff_member.pk),
    ]
    assert "Approved by the board" not in str(events[0].data)  # staff's reasons stay in the audit log
    assert Delivery.objects.filter(recipient=outsider).count() == 2


def test_the_data_export_holds_notifications_emails_choices_and_follows(client, participant, outsider):
    from network.notifications.models import EmailSchedule, Preference
    from network.notifications.services import follow_create, notify

    notify(kind="accounts.security", recipients=[participant], data={"change": "password_changed"})
    Preference.objects.create(user=participant, kind="tests.anything", in_app=False, email=EmailSchedule.WEEKLY)
    follow_create(user=participant, target=outsider)
    client.force_login(participant)
    export = client.get("/accounts/data/download/").json()
    assert [n["summary"] for n in export["notifications"]] == ["Your password was changed."]
    assert [(e["kind"], e["status"]) for e in export["notification_emails"]] == [("accounts.security", "pending")]
    assert export["notification_choices"] == [{"kind": "tests.anything", "in_app": False, "email": "weekly"}]
    assert [(f["type"], f["id"]) for f in export["following"]] == [("accounts.user", str(outsider.pk))]
