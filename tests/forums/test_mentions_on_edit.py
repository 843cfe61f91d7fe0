"""Editing a post tells the handles it newly mentions, once: not those an earlier version mentioned, not someone
who blocks the author, not someone who may not read the forum, and never through a pseudonymous post's author."""

import pytest

from network.forums import services
from network.notifications.models import Event, Notification
from tests.forums.conftest import seasoned
from tests.transactions import InjectedFault, database_state, fail_at

pytestmark = pytest.mark.django_db


def _told(user) -> int:
    return Notification.objects.filter(recipient=user, event__kind="forums.mention").count()


def test_an_edit_tells_the_newly_mentioned_handles_once(public_forum, member, other_member, third_member, reply,
                                                         start_topic):  # fmt: skip
    topic = start_topic(public_forum, member)
    post = reply(topic, member, body=f"Thanks @{other_member.handle}.")
    assert _told(other_member) == 1 and _told(third_member) == 0
    services.post_edit(actor=member, post=post, body=f"Thanks @{other_member.handle} and @{third_member.handle}.")
    assert _told(other_member) == 1  # mentioned before: not told again
    assert _told(third_member) == 1
    event = Event.objects.filter(kind="forums.mention").latest("pk")
    assert event.target_url == post.get_absolute_url() and event.actor_id == member.pk
    # Removed, then mentioned again: an earlier version mentioned them, so nobody hears twice.
    services.post_edit(actor=member, post=post, body="Thanks to everyone.")
    services.post_edit(actor=member, post=post, body=f"Thanks @{third_member.handle.upper()}, again.")
    assert _told(third_member) == 1 and _told(other_member) == 1
    # A change of wording that mentions nobody new tells nobody.
    before = Event.objects.count()
    services.post_edit(actor=member, post=post, body=f"Thanks @{third_member.handle}, once more.")
    assert Event.objects.count() == before


def test_an_edit_tells_no_one_who_blocks_the_author_or_may_not_read(group_forum, group_moderator, member, other_member,
                                                                   start_topic):  # fmt: skip
    insider = seasoned("insider")
    services.member_add(actor=services.SYSTEM, forum=group_forum, user=insider, role="member")
    services.block_create(actor=insider, blocked=group_moderator)
    topic = start_topic(group_forum, group_moderator, body="Our agenda.")
    post = topic.posts.get(number=1)
    services.post_edit(actor=group_moderator, post=post, body=f"Our agenda, @{insider.handle} @{member.handle}.")
    assert _told(insider) == 0  # blocks the author
    assert _told(member) == 0  # not in the working group


def test_an_edit_of_a_pseudonymous_post_does_not_reveal_its_author(public_forum, member, other_member, start_topic):
    topic = start_topic(public_forum, member, body="A question.", pseudonymous=True)
    post = topic.posts.get(number=1)
    services.post_edit(actor=member, post=post, body=f"A question for @{other_member.handle}.")
    assert _told(other_member) == 1
    event = Event.objects.get(kind="forums.mention")
    assert event.actor_id is None
    assert event.data["author"] == post.pseudonym and member.handle not in str(event.data)


def test_a_failing_notification_leaves_the_edit_undone(monkeypatch, public_forum, member, other_member, start_topic):
    post = start_topic(public_forum, member, body="A question.").posts.get(number=1)
    before = database_state()
    fail_at(monkeypatch, services, "notify")
    with pytest.raises(InjectedFault):
        services.post_edit(actor=member, post=post, body=f"A question for @{other_member.handle}.")
    assert database_state() == before
