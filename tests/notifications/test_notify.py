import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from network.accounts.models import User
from network.notifications.audiences import followers
from network.notifications.models import Delivery, EmailSchedule, Event, Notification, Preference
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE


def test_it_writes_the_notifications_and_outbox_rows_inside_the_acting_transaction(
    participant, outsider, update_kind, published, transactional_db
):
    with transaction.atomic():
        event = notify(kind=UPDATE, recipients=[participant, outsider.pk], target=participant, data={"headline": "x"})
        assert Notification.objects.filter(event=event).count() == 2
        assert Delivery.objects.filter(event=event, status="pending", schedule="immediate").count() == 2
        assert published == []  # nothing reaches the broker before the commit
    ids = sorted(Delivery.objects.filter(event=event).values_list("pk", flat=True))
    assert published == [("send_emails", (ids,))]


def test_a_rolled_back_action_notifies_no_one(participant, update_kind, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(kind=UPDATE, recipients=[participant])
        raise RuntimeError("the action failed")
    assert callbacks == []
    assert not Event.objects.exists() and not Notification.objects.exists() and not Delivery.objects.exists()
    assert mail.outbox == []


def test_the_actor_is_not_notified_of_their_own_action(participant, outsider, update_kind):
    event = notify(kind=UPDATE, recipients=[participant, outsider], actor=outsider)
    assert list(Notification.objects.filter(event=event).values_list("recipient", flat=True)) == [participant.pk]


def test_it_delivers_at_once_after_the_commit(participant, update_kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=UPDATE, recipients=[participant], target=participant, data={"headline": "Koban pilot"})
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert "Koban pilot" in mail.outbox[0].subject
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_it_follows_each_persons_choices(participant, outsider, city_rep, update_kind):
    Preference.objects.create(user=participant, kind=UPDATE, in_app=False, email=EmailSchedule.DAILY)
    Preference.objects.create(user=outsider, kind=UPDATE, in_app=True, email=EmailSchedule.OFF)
    event = notify(kind=UPDATE, recipients=[participant, outsider, city_rep])
    assert set(Notification.objects.filter(event=event).values_list("recipient", flat=True)) == {
        outsider.pk,
        city_rep.pk,
    }
    assert dict(Delivery.objects.filter(event=event).values_list("recipient", "schedule")) == {
        participant.pk: "daily",
        city_rep.pk: "immediate",
    }


def test_choices_do_not_silence_a_kind_nobody_may_turn_off(participant):
    Preference.objects.create(user=participant, kind="accounts.security", in_app=False, email=EmailSchedule.OFF)
    event = notify(kind="accounts.security", recipients=[participant], data={"change": "password_changed"})
    assert Notification.objects.filter(event=event).count() == 1
    assert Delivery.objects.filter(event=event, schedule="immediate").count() == 1


def test_it_refuses_an_unknown_kind_and_an_outside_link(participant, update_kind):
    with pytest.raises(LookupError):
        notify(kind="no.such_kind", recipients=[participant])
    for link in ["https://elsewhere.example/", "//elsewhere.example/x", "javascript:alert(1)"]:
        with pytest.raises(ValueError):
            notify(kind=UPDATE, recipients=[participant], target_url=link)


def _queries_to_notify(**arguments) -> int:
    with CaptureQueriesContext(connection) as queries:
        notify(kind=UPDATE, **arguments)
    return len(queries)


def test_notifying_named_people_costs_the_same_queries_for_ten_or_a_thousand(update_kind, participant):
    def people(count: int, prefix: str) -> list[int]:
        users = User.objects.bulk_create(
            [User(email=f"{prefix}{n}@example.org", handle=f"{prefix}_{n}", password="!") for n in range(count)]
        )
        return [user.pk for user in users]

    few, many = people(10, "few"), people(1000, "many")
    # the event, the choices of these people, their notifications, their emails
    assert _queries_to_notify(recipients=few) == 4
    assert _queries_to_notify(recipients=many) == 4
    assert Notification.objects.count() == 1010


def test_notifying_followers_costs_the_request_one_query_for_ten_or_a_thousand(
    update_kind, participant, outsider, make_followers, published
):
    make_followers(participant, 10, prefix="small")
    make_followers(outsider, 1000, prefix="large")
    assert _queries_to_notify(audience=followers(participant), target=participant) == 1
    assert _queries_to_notify(audience=followers(outsider), target=outsider) == 1
    assert not Notification.objects.exists()  # the fan-out happens in a task, after the commit
