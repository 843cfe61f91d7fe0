"""Pledges: a city's representatives draft and submit them, staff publish or send them back, the adoption record
closes them (adopted AND verified only), overdue is computed from the date and today, and the city is reminded at
each milestone once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create
from practices import notices, pledge_services, services
from practices.errors import MoveNotAllowed, NotYourMove
from practices.models import Pledge, PledgeReminder, PledgeReport, PledgeStatus
from tests.practices.conftest import in_a_year


@pytest.fixture
def published(pledge_of, city_rep, staff_member, two_practices, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_of(two_practices)
        pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
        return pledge_services.pledge_publish(actor=staff_member, pledge=pledge)


# --- Drafting ------------------------------------------------------------------------------------------------


def test_it_expands_a_collection_into_its_practices(pledge_of, eight_cant_wait):
    pledge = pledge_of(collection=eight_cant_wait)
    assert pledge.items.count() == 8
    assert pledge.collection == eight_cant_wait
    assert pledge.items.values_list("practice__slug", flat=True).first() == "require-de-escalation"


def test_it_names_each_practice_once_when_a_collection_repeats_one(pledge_of, eight_cant_wait):
    duty = eight_cant_wait.practices.get(slug="duty-to-intervene")
    pledge = pledge_of(practices=[duty], collection=eight_cant_wait)
    assert pledge.items.count() == 8


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"practices": []}, "practices"),
        ({"target_date": date(2000, 1, 1)}, "target_date"),
        ({"steps": "   "}, "steps"),
    ],
)
def test_it_refuses_an_incomplete_pledge(kampala, city_rep, two_practices, fields, field):
    base = {"target_date": in_a_year(), "steps": "Steps.", "practices": two_practices}
    with pytest.raises(ValidationError) as error:
        pledge_services.pledge_create(actor=city_rep, city=kampala, **{**base, **fields})
    assert field in error.value.message_dict
    assert not Pledge.objects.exists()


def test_it_refuses_a_draft_practice(kampala, city_rep, staff_member):
    from tests.practices.conftest import record

    draft = services.practice_create(actor=staff_member, sources=[], **record(slug="secret"))
    with pytest.raises(ValidationError) as error:
        pledge_services.pledge_create(
            actor=city_rep, city=kampala, target_date=in_a_year(), steps="Steps.", practices=[draft]
        )
    assert "practices" in error.value.message_dict


@pytest.mark.parametrize("role", ["participant", "staff", "reviewer", "other_rep"])
def test_only_the_citys_representatives_pledge_for_it(
    role, kampala, glasgow, glasgow_rep, participant, staff_member, reviewer, two_practices
):
    actor = {"participant": participant, "staff": staff_member, "reviewer": reviewer, "other_rep": glasgow_rep}[role]
    with pytest.raises(NotYourMove):
        pledge_services.pledge_create(
            actor=actor, city=kampala, target_date=in_a_year(), steps="Steps.", practices=two_practices
        )


# --- The workflow, role by role ------------------------------------------------------------------------------------


def test_the_city_submits_and_staff_publish_with_audit_and_notices(
    pledge_of, city_rep, staff_member, two_practices, kampala, participant, django_capture_on_commit_callbacks
):
    follow_create(user=participant, target=kampala)
    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_of(two_practices)
        pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
        pledge.refresh_from_db()
        assert pledge.status == PledgeStatus.SUBMITTED and pledge.submitted_at
        assert Event.objects.filter(kind=notices.PLEDGE_SUBMITTED).exists()
        pledge_services.pledge_publish(actor=staff_member, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PUBLISHED and pledge.published_at
    actions = list(
        AuditEntry.objects.filter(target_type="practices.pledge").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["practices.pledge.create", "practices.pledge.submit", "practices.pledge.publish"]
    assert Notification.objects.filter(recipient=city_rep, event__kind=notices.PLEDGE_DECIDED).exists()
    assert Notification.objects.filter(recipient=participant, event__kind=notices.PLEDGE_NEWS).exists()


@pytest.mark.parametrize("role", ["participant", "other_rep", "reviewer", "own_rep"])
def test_only_staff_publish_or_send_back(
    role, pledge_of, city_rep, glasgow, glasgow_rep, participant, reviewer, two_practices
):
    actor = {"participant": participant, "other_rep": glasgow_rep, "reviewer": reviewer, "own_rep": city_rep}[role]
    pledge = pledge_of(two_practices)
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    with pytest.raises(NotYourMove):
        pledge_services.pledge_publish(actor=actor, pledge=pledge)
    with pytest.raises(NotYourMove):
        pledge_services.pledge_return(actor=actor, pledge=pledge, reason="No.")
    assert Pledge.objects.get().status == PledgeStatus.SUBMITTED


@pytest.mark.parametrize("role", ["participant", "other_rep", "reviewer", "staff"])
def test_only_the_city_submits_or_withdraws(
    role, pledge_of, glasgow, glasgow_rep, participant, reviewer, staff_member, two_practices
):
    actor = {"participant": participant, "other_rep": glasgow_rep, "reviewer": reviewer, "staff": staff_member}[role]
    pledge = pledge_of(two_practices)
    with pytest.raises(NotYourMove):
        pledge_services.pledge_submit(actor=actor, pledge=pledge)
    with pytest.raises(NotYourMove):
        pledge_services.pledge_withdraw(actor=actor, pledge=pledge, reason="No.")
    assert Pledge.objects.get().status == PledgeStatus.DRAFT


def test_staff_send_back_with_a_reason_and_the_city_edits_and_resubmits(
    pledge_of, city_rep, staff_member, two_practices, django_capture_on_commit_callbacks
):
    pledge = pledge_of(two_practices)
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    with pytest.raises(ValidationError):
        pledge_services.pledge_return(actor=staff_member, pledge=pledge, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        pledge_services.pledge_return(actor=staff_member, pledge=pledge, reason="Name a date for the training.")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DRAFT and pledge.reason == "Name a date for the training."
    assert Notification.objects.filter(recipient=city_rep, event__data__decision="return").exists()
    pledge_services.pledge_update(
        actor=city_rep, pledge=pledge, target_date=in_a_year(), steps="Train by June.", practices=two_practices[:1]
    )
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SUBMITTED and pledge.items.count() == 1 and pledge.reason == ""


@pytest.mark.parametrize(
    ("move", "status"),
    [("publish", PledgeStatus.DRAFT), ("submit", PledgeStatus.SUBMITTED), ("return", PledgeStatus.PUBLISHED)],
)
def test_a_move_the_state_forbids_is_refused(move, status, pledge_of, city_rep, staff_member, two_practices):
    pledge = pledge_of(two_practices)
    if status != PledgeStatus.DRAFT:
        pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    if status == PledgeStatus.PUBLISHED:
        pledge_services.pledge_publish(actor=staff_member, pledge=pledge)
    actor = city_rep if move == "submit" else staff_member
    kwargs = {"reason": "Because."} if move == "return" else {}
    with pytest.raises(MoveNotAllowed):
        getattr(pledge_services, f"pledge_{move}")(actor=actor, pledge=pledge, **kwargs)
    assert Pledge.objects.get().status == status


def test_a_published_pledge_cannot_be_edited(published, city_rep, two_practices):
    with pytest.raises(MoveNotAllowed):
        pledge_services.pledge_update(
            actor=city_rep, pledge=published, target_date=in_a_year(), steps="New.", practices=two_practices
        )


def test_a_withdrawn_published_pledge_stays_public_with_its_reason(published, city_rep):
    pledge_services.pledge_withdraw(actor=city_rep, pledge=published, reason="The council voted it down.")
    published.refresh_from_db()
    assert published.status == PledgeStatus.WITHDRAWN and published.is_public
    assert published.reason == "The council voted it down."


# --- Closed by the adoption record: adopted AND verified -------------------------------------------------------


def test_an_unverified_adoption_does_not_close_the_item(published, kampala, city_rep, two_practices):
    services.adoption_record(actor=city_rep, city=kampala, practice=two_practices[0], status="adopted")
    assert not published.items.filter(closed_at__isnull=False).exists()
    published.refresh_from_db()
    assert published.status == PledgeStatus.PUBLISHED


def test_a_verified_adoption_short_of_adopted_does_not_close_the_item(
    published, kampala, city_rep, staff_member, two_practices
):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=two_practices[0], status="piloting")
    services.adoption_verify(actor=staff_member, adoption=adoption)
    assert not published.items.filter(closed_at__isnull=False).exists()


def test_verification_closes_items_and_the_last_honours_the_pledge(
    published, kampala, city_rep, staff_member, two_practices, django_capture_on_commit_callbacks
):
    first, second = two_practices
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=first, status="adopted")
    services.adoption_verify(actor=staff_member, adoption=adoption)
    assert published.items.get(practice=first).closed_at is not None
    published.refresh_from_db()
    assert published.status == PledgeStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        # Staff recording an adoption record it as verified at once.
        services.adoption_record(actor=staff_member, city=kampala, practice=second, status="adopted")
    published.refresh_from_db()
    assert published.status == PledgeStatus.HONOURED and published.honoured_at is not None
    assert AuditEntry.objects.filter(action="practices.pledge.honour", actor=None).exists()
    assert Notification.objects.filter(recipient=city_rep, event__data__decision="honour").exists()


def test_another_citys_adoption_closes_nothing(published, glasgow, glasgow_rep, staff_member, two_practices):
    services.adoption_record(actor=staff_member, city=glasgow, practice=two_practices[0], status="adopted")
    assert not published.items.filter(closed_at__isnull=False).exists()


def test_a_draft_pledge_is_not_closed_but_publishing_closes_what_is_already_verified(
    pledge_of, kampala, city_rep, staff_member, two_practices
):
    pledge = pledge_of(two_practices)
    services.adoption_record(actor=staff_member, city=kampala, practice=two_practices[0], status="adopted")
    assert not pledge.items.filter(closed_at__isnull=False).exists()
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)
    pledge_services.pledge_publish(actor=staff_member, pledge=pledge)
    assert list(pledge.items.filter(closed_at__isnull=False).values_list("practice", flat=True)) == [
        two_practices[0].pk
    ]


def test_a_failing_audit_when_honouring_leaves_nothing_behind(
    published, kampala, city_rep, staff_member, two_practices, monkeypatch
):
    for practice in two_practices[:1]:
        services.adoption_record(actor=staff_member, city=kampala, practice=practice, status="adopted")
    original = pledge_services.audit_record

    def failing(**kwargs):
        if kwargs["action"] == "practices.pledge.honour":
            raise RuntimeError("audit down")
        return original(**kwargs)

    monkeypatch.setattr(pledge_services, "audit_record", failing)
    with pytest.raises(RuntimeError):
        services.adoption_record(actor=staff_member, city=kampala, practice=two_practices[1], status="adopted")
    published.refresh_from_db()
    assert published.status == PledgeStatus.PUBLISHED
    assert published.items.filter(closed_at__isnull=True).count() == 1
    assert not kampala.adoptions.filter(practice=two_practices[1]).exists()


def test_a_failing_notice_when_publishing_leaves_nothing_behind(
    pledge_of, city_rep, staff_member, two_practices, monkeypatch
):
    pledge = pledge_of(two_practices)
    pledge_services.pledge_submit(actor=city_rep, pledge=pledge)

    def failing(**kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(pledge_services, "notify", failing)
    with pytest.raises(RuntimeError):
        pledge_services.pledge_publish(actor=staff_member, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SUBMITTED and pledge.published_at is None
    assert not AuditEntry.objects.filter(action="practices.pledge.publish").exists()


# --- Overdue, with frozen time ---------------------------------------------------------------------------------


def test_overdue_is_computed_from_the_date_and_today(published):
    target = published.target_date
    with time_machine.travel(target, tick=False):
        assert not Pledge.objects.get().is_overdue()
    with time_machine.travel(target + timedelta(days=1), tick=False):
        assert Pledge.objects.get().is_overdue()
        from practices.pledge_selectors import overdue_filter

        assert overdue_filter(Pledge.objects.all(), True).count() == 1
        assert overdue_filter(Pledge.objects.all(), False).count() == 0


def test_an_honoured_or_draft_pledge_is_never_overdue(pledge_of, two_practices):
    pledge = pledge_of(two_practices)
    with time_machine.travel(pledge.target_date + timedelta(days=30), tick=False):
        assert not Pledge.objects.get().is_overdue()


# --- Progress reports ------------------------------------------------------------------------------------------


def test_the_city_reports_progress_with_a_status_per_practice(published, city_rep, kampala, participant):
    items = list(published.items.all())
    report = pledge_services.pledge_report_create(
        actor=city_rep,
        pledge=published,
        reported_on=timezone.localdate(),
        text="The policy is **drafted**.",
        statuses={items[0].pk: "piloting", items[1].pk: "considering"},
    )
    assert report.author_handle == city_rep.handle and "<strong>drafted</strong>" in report.text_html
    assert list(report.items.values_list("status", flat=True)) == ["piloting", "considering"]
    assert AuditEntry.objects.filter(action="practices.pledge.report").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reported_on": date(2999, 1, 1)}, "reported_on"),
        ({"text": " "}, "text"),
        ({"statuses": {}}, "statuses"),
    ],
)
def test_a_bad_report_is_refused(published, city_rep, change, field):
    items = list(published.items.all())
    base = {
        "reported_on": timezone.localdate(),
        "text": "Done.",
        "statuses": {item.pk: "adopted" for item in items},
    }
    with pytest.raises(ValidationError) as error:
        pledge_services.pledge_report_create(actor=city_rep, pledge=published, **{**base, **change})
    assert field in error.value.message_dict
    assert not PledgeReport.objects.exists()


def test_another_city_does_not_report_and_a_draft_takes_no_report(published, glasgow, glasgow_rep, pledge_of, city_rep):
    with pytest.raises(NotYourMove):
        pledge_services.pledge_report_create(
            actor=glasgow_rep, pledge=published, reported_on=timezone.localdate(), text="x", statuses={}
        )
    draft = pledge_of(list(published.practices.all()))
    with pytest.raises(MoveNotAllowed):
        pledge_services.pledge_report_create(
            actor=city_rep, pledge=draft, reported_on=timezone.localdate(), text="x", statuses={}
        )


# --- Reminders: each milestone of each pledge exactly once -------------------------------------------------------


def test_reminders_go_out_once_per_pledge_and_milestone(published, city_rep, django_capture_on_commit_callbacks):
    target = published.target_date
    assert pledge_services.pledge_reminders_send(today=target - timedelta(days=60)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert pledge_services.pledge_reminders_send(today=target - timedelta(days=30)) == 1
        assert pledge_services.pledge_reminders_send(today=target - timedelta(days=29)) == 0
        assert pledge_services.pledge_reminders_send(today=target) == 0
        assert pledge_services.pledge_reminders_send(today=target + timedelta(days=1)) == 1
        assert pledge_services.pledge_reminders_send(today=target + timedelta(days=2)) == 0
    milestones = sorted(PledgeReminder.objects.values_list("milestone", flat=True))
    assert milestones == ["due_soon", "overdue"]
    reminders = Notification.objects.filter(recipient=city_rep, event__kind=notices.PLEDGE_REMINDER)
    assert sorted(reminders.values_list("event__data__milestone", flat=True)) == ["due_soon", "overdue"]


def test_the_daily_task_reminds_through_the_service(published):
    from practices.tasks import send_pledge_reminders

    with time_machine.travel(published.target_date + timedelta(days=3), tick=False):
        assert send_pledge_reminders() == 1  # overdue; the "due soon" window has passed
        assert send_pledge_reminders() == 0


def test_an_honoured_pledge_is_not_reminded(published, kampala, staff_member, two_practices):
    for practice in two_practices:
        services.adoption_record(actor=staff_member, city=kampala, practice=practice, status="adopted")
    assert pledge_services.pledge_reminders_send(today=published.target_date + timedelta(days=1)) == 0


def test_the_data_export_holds_the_pledges_a_person_drafted_and_the_reports_they_signed(published, city_rep):
    from network.accounts.selectors import user_data_export

    item = published.items.first()
    pledge_services.pledge_report_create(
        actor=city_rep,
        pledge=published,
        reported_on=timezone.localdate(),
        text="Drafted.",
        statuses={item.pk: "considering" for item in published.items.all()} | {item.pk: "piloting"},
    )
    exported = user_data_export(city_rep)["pledges"]
    assert [row["status"] for row in exported["pledges_drafted"]] == ["published"]
    assert exported["pledge_reports"][0]["text"] == "Drafted."
