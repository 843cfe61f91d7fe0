"""Reports, the three-report hide, the queues, and the moderators' moves on posts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from network.accounts.system import SYSTEM
from network.audit.models import AuditEntry
from network.forums import selectors, services
from network.forums.errors import ForumConflict, ForumError
from network.forums.models import Report, Topic
from tests.forums.conftest import seasoned

pytestmark = pytest.mark.django_db


def test_a_post_reported_by_three_people_is_hidden_until_reviewed(
    public_forum, member, other_member, third_member, staff_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    post = reply(topic, member, body="Something nasty")
    fourth = seasoned("dmitri_v")
    services.post_report(actor=other_member, post=post, reason="abuse")
    services.post_report(actor=third_member, post=post, reason="threat", note="It names a street")
    post.refresh_from_db()
    assert not post.hidden and post in selectors.posts_visible(fourth)
    services.post_report(actor=fourth, post=post, reason="doxxing")
    post.refresh_from_db()
    assert post.hidden and post.report_count == 3
    assert post not in selectors.posts_visible(fourth)
    assert post in selectors.posts_visible(staff_member)
    assert AuditEntry.objects.filter(action="forums.post.auto_hide", target_id=str(post.pk)).count() == 1
    assert [queued.pk for queued in selectors.moderation_queue(staff_member)] == [post.pk]
    services.post_restore(actor=staff_member, post=post, reason="Harsh but fair")
    post.refresh_from_db()
    assert not post.hidden
    assert not Report.objects.filter(post=post, resolved_at__isnull=True).exists()
    assert selectors.moderation_queue(staff_member) == []


def test_one_person_reports_a_post_once(public_forum, member, other_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    services.post_report(actor=other_member, post=post, reason="spam")
    with pytest.raises(ForumConflict):
        services.post_report(actor=other_member, post=post, reason="spam")
    with pytest.raises(ForumError):
        services.post_report(actor=member, post=post, reason="spam")
    with pytest.raises(ValidationError):
        services.post_report(actor=seasoned("zed_q"), post=post, reason="boring")


def test_hiding_the_opening_post_hides_the_topic(public_forum, member, other_member, staff_member, start_topic):
    topic = start_topic(public_forum, member)
    services.post_hide(actor=staff_member, post=topic.posts.get(), reason="Spam")
    assert Topic.objects.get(pk=topic.pk).hidden
    assert selectors.topics_for_forum(public_forum, other_member).topics == []
    assert [t.pk for t in selectors.topics_for_forum(public_forum, staff_member).topics] == [topic.pk]


def test_a_removed_post_stays_as_a_placeholder(client, public_forum, member, other_member, staff_member, start_topic):
    topic = start_topic(public_forum, member)
    post = services.post_reply(actor=other_member, topic=topic, body="Spam link here", limits=False)
    services.post_remove(actor=staff_member, post=post, reason="Spam")
    response = client.get(reverse("forums:topic", args=[topic.pk]))
    assert "deleted by the moderators" in response.text and "Spam link here" not in response.text
    with pytest.raises(ForumConflict):
        services.post_hide(actor=staff_member, post=post, reason="Again")


def test_a_group_moderator_moderates_their_group_only(
    group_forum, public_forum, group_moderator, member, other_member, start_topic
):
    services.member_add(actor=group_moderator, forum=group_forum, user=member)
    services.member_add(actor=group_moderator, forum=group_forum, user=other_member)
    inside = start_topic(group_forum, member).posts.get()
    outside = start_topic(public_forum, member, title="A public topic here").posts.get()
    services.post_report(actor=other_member, post=inside, reason="abuse")
    services.post_report(actor=other_member, post=outside, reason="abuse")
    assert [post.pk for post in selectors.moderation_queue(group_moderator, forum=group_forum)] == [inside.pk]
    assert [post.pk for post in selectors.moderation_queue(group_moderator)] == [inside.pk]
    services.post_hide(actor=group_moderator, post=inside, reason="Off topic")
    with pytest.raises(ForumError):
        services.post_hide(actor=group_moderator, post=outside, reason="Off topic")
    assert selectors.moderation_queue(group_moderator, forum=group_forum) == []


def test_the_moderation_pages_refuse_non_moderators(client, public_forum, member, other_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    client.force_login(other_member)
    assert client.get(reverse("forums:post_moderate", args=[post.pk])).status_code == 403
    assert client.get(reverse("forums:forum_moderation", args=[public_forum.slug])).status_code == 403
    assert client.get(reverse("forums:moderation")).status_code == 403


def test_a_bad_moderation_form_keeps_what_was_typed(client, public_forum, member, start_topic, group_moderator):
    post = start_topic(public_forum, member).posts.get()
    services.member_add(actor=SYSTEM, forum=public_forum, user=group_moderator, role="moderator")
    client.force_login(group_moderator)
    response = client.post(reverse("forums:post_moderate", args=[post.pk]), {"action": "explode", "reason": "Kept"})
    assert response.status_code == 400 and "Kept" in response.text
    response = client.post(reverse("forums:post_moderate", args=[post.pk]), {"action": "hide", "reason": ""})
    assert response.status_code == 400
    response = client.post(reverse("forums:post_moderate", args=[post.pk]), {"action": "hide", "reason": "Doxxing"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "Doxxing"


def test_blocked_posts_collapse_for_the_blocker_only(client, public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    reply(topic, other_member, body="Words from the blocked one")
    services.block_create(actor=member, blocked=other_member)
    page = selectors.posts_for_topic(topic, member)
    assert [post.collapsed for post in page.posts] == [False, True]
    client.force_login(member)
    response = client.get(reverse("forums:topic", args=[topic.pk]))
    assert "A post by someone you block" in response.text
    assert not any(post.collapsed for post in selectors.posts_for_topic(topic, other_member).posts)
