"""What people are told: the comment window to the city's followers, assignments, decisions, reminders; and
comments hidden after three reports."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exchanges import services
from exchanges.models import Proposal, Review
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create
from tests.exchanges.conftest import checklist

pytestmark = pytest.mark.django_db


def test_it_tells_the_citys_followers_when_the_comment_window_opens(
    make_proposal, city, participant, django_capture_on_commit_callbacks
):
    follow_create(user=participant, target=city)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = make_proposal("in_review")
    event = Event.objects.get(kind="exchanges.comments_open")
    assert event.audience == {"name": "followers", "target_type": "cities.city", "target_id": str(city.pk)}
    assert Notification.objects.filter(recipient=participant, event=event).exists()
    assert event.target_url == proposal.get_absolute_url()


def test_it_tells_reviewers_of_their_assignment_and_the_city_of_the_decision(make_proposal, reviewers, city_rep):
    make_proposal("approved")
    assert Notification.objects.filter(recipient=reviewers[0], event__kind="exchanges.assigned").exists()
    assert Notification.objects.filter(recipient=city_rep, event__kind="exchanges.decided").exists()


def test_it_reminds_overdue_reviewers_reports_and_conditions_once_a_day(make_proposal, reviewers, city_rep):
    in_review = make_proposal("in_review")
    Review.objects.filter(proposal=in_review, reviewer=reviewers[0]).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    services.review_submit(actor=reviewers[1], proposal=in_review, checklist=checklist(), recommendation="approve")
    Review.objects.filter(proposal=in_review, reviewer=reviewers[1]).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    done = make_proposal("approved_with_conditions", recommendations=("approve_with_conditions",) * 2)
    yesterday = timezone.localdate() - timedelta(days=1)
    Proposal.objects.filter(pk=done.pk).update(starts_on=yesterday, ends_on=yesterday)
    today = timezone.localdate()
    # One overdue review (the submitted one is not), one report, one condition.
    assert services.reminders_send(today=today) == 3
    assert services.reminders_send(today=today) == 0
    reminders = Notification.objects.filter(event__kind="exchanges.reminder")
    assert set(reminders.values_list("recipient_id", flat=True)) == {reviewers[0].pk, city_rep.pk}


def test_it_hides_a_comment_after_three_independent_reports(make_proposal, participant, outsider, reviewers, client):
    proposal = make_proposal("in_review")
    comment = services.comment_create(actor=participant, proposal=proposal, body="Name-calling.")
    for person in (outsider, reviewers[0], outsider):
        services.comment_report(actor=person, comment=comment, reason="Abuse.")
    comment.refresh_from_db()
    assert comment.reports == 2 and not comment.hidden
    services.comment_report(actor=reviewers[1], comment=comment, reason="Abuse.")
    comment.refresh_from_db()
    assert comment.hidden
    assert "Name-calling." not in client.get(reverse("exchanges:proposal", args=[proposal.pk])).content.decode()


def test_it_lists_the_citys_exchanges_on_its_page(client, make_proposal, city):
    make_proposal("approved", title="Decided visit")
    make_proposal("submitted", title="Pending visit")
    body = client.get(city.get_absolute_url()).content.decode()
    assert "Decided visit" in body and "Pending visit" not in body
