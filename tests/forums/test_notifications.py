"""Mentions and replies reach the people concerned, by their preferences; never the author, never someone who
blocks the author, never someone who may not read the forum."""

import pytest

from network.forums import services
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create

pytestmark = pytest.mark.django_db


def _told(user, kind: str) -> int:
    return Notification.objects.filter(recipient=user, event__kind=kind).count()


def test_a_mention_tells_the_person_mentioned(public_forum, member, other_member, start_topic):
    start_topic(public_forum, member, body=f"What does @{other_member.handle.upper()} think? email@{member.handle}")
    assert _told(other_member, "forums.mention") == 1
    assert _told(member, "forums.mention") == 0
    event = Event.objects.get(kind="forums.mention")
    assert event.actor_id == member.pk and event.data["author"] == member.handle


def test_a_mention_of_someone_who_blocks_the_author_is_not_delivered(public_forum, member, other_member, start_topic):
    services.block_create(actor=other_member, blocked=member)
    start_topic(public_forum, member, body=f"Hello @{other_member.handle}")
    assert _told(other_member, "forums.mention") == 0


def test_a_mention_in_a_group_reaches_only_its_members(group_forum, group_moderator, member, start_topic):
    start_topic(group_forum, group_moderator, body=f"Hello @{member.handle}")
    assert _told(member, "forums.mention") == 0


def test_followers_of_the_topic_and_the_forum_hear_of_replies(
    public_forum, member, other_member, third_member, start_topic, reply, django_capture_on_commit_callbacks
):
    topic = start_topic(public_forum, member)
    follow_create(user=other_member, target=topic)
    follow_create(user=third_member, target=public_forum)
    follow_create(user=member, target=topic)
    with django_capture_on_commit_callbacks(execute=True):
        reply(topic, member, body="An update")
    assert _told(other_member, "forums.reply") == 1
    assert _told(third_member, "forums.reply") == 1
    assert _told(member, "forums.reply") == 0  # never the author


def test_a_follower_who_blocks_the_author_hears_nothing(
    public_forum, member, other_member, start_topic, reply, django_capture_on_commit_callbacks
):
    topic = start_topic(public_forum, member)
    follow_create(user=other_member, target=topic)
    services.block_create(actor=other_member, blocked=member)
    with django_capture_on_commit_callbacks(execute=True):
        reply(topic, member)
    assert _told(other_member, "forums.reply") == 0


def test_a_mentioned_follower_hears_once(
    public_forum, member, other_member, start_topic, reply, django_capture_on_commit_callbacks
):
    topic = start_topic(public_forum, member)
    follow_create(user=other_member, target=topic)
    with django_capture_on_commit_callbacks(execute=True):
        reply(topic, member, body=f"@{other_member.handle} look")
    assert _told(other_member, "forums.mention") == 1 and _told(other_member, "forums.reply") == 0


def test_a_pseudonymous_author_following_their_topic_is_not_told_of_their_own_reply(
    public_forum, member, other_member, start_topic, reply, django_capture_on_commit_callbacks
):
    topic = start_topic(public_forum, member, pseudonymous=True)
    follow_create(user=member, target=topic)
    follow_create(user=other_member, target=topic)
    with django_capture_on_commit_callbacks(execute=True):
        reply(topic, member)
    assert _told(member, "forums.reply") == 0 and _told(other_member, "forums.reply") == 1
    event = Event.objects.get(kind="forums.reply")
    assert event.actor_id is None and member.handle not in str(event.data)


def test_the_person_concerned_hears_of_a_moderators_decision(public_forum, member, staff_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    services.post_hide(actor=staff_member, post=post, reason="A home address")
    event = Event.objects.get(kind="forums.moderation")
    assert event.data["reason"] == "A home address" and event.actor_id is None
    assert _told(member, "forums.moderation") == 1
    services.member_suspend(actor=staff_member, user=member, forum=public_forum, days=2, reason="Again")
    assert _told(member, "forums.sanction") == 1
