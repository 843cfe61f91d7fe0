"""A reply's followers are told after the commit by the notifications' fan-out, in batches: the reply itself makes
the same queries whatever the number of followers, and each follower who may hear of it is told exactly once."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from network.forums import services
from network.notifications.models import Event, Notification
from network.notifications.services import event_fan_out_batch, follow_create
from tests.forums.conftest import seasoned

pytestmark = pytest.mark.django_db


def _followers(topic, forum, count: int, prefix: str) -> list:
    people = [seasoned(f"{prefix}{n}") for n in range(count)]
    for n, person in enumerate(people):
        follow_create(user=person, target=topic if n % 2 else forum)
        if n % 3 == 0:
            follow_create(user=person, target=topic)  # following both the topic and its forum
    return people


def _reply_queries(topic, author, body: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.post_reply(actor=author, topic=topic, body=body, limits=False)
    return len(queries)


def test_a_reply_makes_the_same_queries_for_3_or_60_followers(
    public_forum, member, start_topic, django_assert_num_queries
):
    small = start_topic(public_forum, member, title="A small topic")
    large = start_topic(public_forum, member, title="A large topic")
    _followers(small, small, 3, "few_")
    for n in range(60):
        follow_create(user=seasoned(f"many_{n}"), target=large)
    # Warm the per-person caches the services read, so both replies start alike.
    services.post_reply(actor=member, topic=small, body="Warm-up", limits=False)
    few = _reply_queries(small, member, "For a few followers")
    many = _reply_queries(large, member, "For many followers")
    assert few == many
    with django_assert_num_queries(few):
        services.post_reply(actor=member, topic=large, body="Once more", limits=False)
    # Nobody was told during the request: the fan-out runs after the commit.
    assert not Notification.objects.filter(event__kind="forums.reply").exists()


def test_each_follower_is_told_exactly_once_in_batches(
    settings, public_forum, member, other_member, start_topic, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_FANOUT_BATCH = 7
    topic = start_topic(public_forum, member)
    followers = _followers(topic, public_forum, 25, "follower_")
    blocker, mentioned = followers[0], followers[1]
    services.block_create(actor=blocker, blocked=member)
    follow_create(user=member, target=topic)  # the author follows their own topic
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(actor=member, topic=topic, body=f"An update, @{mentioned.handle}", limits=False)
    told = dict(
        Notification.objects.filter(event__kind="forums.reply").values_list("recipient_id").annotate(count=Count("pk"))
    )
    expected = {person.pk for person in followers} - {blocker.pk, mentioned.pk}
    assert set(told) == expected and set(told.values()) == {1}
    assert Notification.objects.filter(recipient=mentioned, event__kind="forums.mention").count() == 1
    assert not Notification.objects.filter(recipient=mentioned, event__kind="forums.reply").exists()
    event = Event.objects.get(kind="forums.reply")
    assert event.fanout_done_at is not None
    # Running the fan-out again tells nobody twice.
    assert event_fan_out_batch(event_id=event.pk) is False
    assert Notification.objects.filter(event__kind="forums.reply").count() == len(expected)


def test_a_working_groups_followers_who_left_it_hear_nothing(
    group_forum, group_moderator, member, start_topic, django_capture_on_commit_callbacks
):
    topic = start_topic(group_forum, group_moderator)
    insider = seasoned("insider")
    services.member_add(actor=services.SYSTEM, forum=group_forum, user=insider, role="member")
    follow_create(user=insider, target=topic)
    follow_create(user=member, target=topic)  # followed it once; not a member of the group
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(actor=group_moderator, topic=topic, body="Minutes attached.", limits=False)
    assert list(
        Notification.objects.filter(event__kind="forums.reply").values_list("recipient__handle", flat=True)
    ) == ["insider"]


def test_a_post_hidden_before_the_fan_out_tells_no_one(
    public_forum, member, other_member, staff_member, start_topic, django_capture_on_commit_callbacks
):
    topic = start_topic(public_forum, member)
    follow_create(user=other_member, target=topic)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = services.post_reply(actor=member, topic=topic, body="Home address of an officer", limits=False)
        services.post_hide(actor=staff_member, post=post, reason="Doxxing")
    for callback in callbacks:
        callback()
    assert not Notification.objects.filter(event__kind="forums.reply").exists()
