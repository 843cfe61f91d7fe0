"""People appear by handle or by a per-topic pseudonym that only staff can link to the account; IP addresses are
kept only as a keyed hash, and only for FORUMS_IP_HASH_DAYS."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from network.audit.models import AuditEntry
from network.forums import selectors, services
from network.forums.errors import ForumConflict, ForumError
from network.forums.identity import ip_hash
from network.forums.models import Post, Unmasking
from network.forums.tasks import purge_ip_hashes
from network.notifications.models import Event, Notification

pytestmark = pytest.mark.django_db


def test_a_pseudonym_is_stable_within_a_topic_and_differs_across_topics(public_forum, member, start_topic, reply):
    one = start_topic(public_forum, member, pseudonymous=True)
    two = start_topic(public_forum, member, title="Another topic entirely", pseudonymous=True)
    first = one.posts.get()
    again = reply(one, member)  # pseudonymous=None keeps the person's choice in the topic
    elsewhere = two.posts.get()
    assert first.pseudonym and again.pseudonym == first.pseudonym
    assert elsewhere.pseudonym and elsewhere.pseudonym != first.pseudonym
    assert member.handle not in first.pseudonym
    assert selectors.author_label(first) == first.pseudonym


def test_two_people_never_share_a_pseudonym_in_a_topic(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member, pseudonymous=True)
    theirs = reply(topic, other_member, pseudonymous=True)
    assert theirs.pseudonym != topic.posts.get(number=1).pseudonym


def test_a_handle_signed_post_is_labelled_by_handle(public_forum, member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    assert post.pseudonym == "" and selectors.author_label(post) == member.handle


def test_the_topic_page_never_shows_the_handle_behind_a_pseudonym(
    client, public_forum, member, other_member, start_topic, reply
):
    topic = start_topic(public_forum, member, pseudonymous=True, body="Pseudonymous words")
    services.post_edit(actor=member, post=topic.posts.get(), body="Edited pseudonymous words")
    services.reaction_toggle(actor=other_member, post=topic.posts.get(), kind="thanks")
    client.force_login(other_member)
    for url in (
        reverse("forums:topic", args=[topic.pk]),
        reverse("forums:post_history", args=[topic.posts.get().pk]),
        reverse("forums:reply", args=[topic.pk]) + f"?quote={topic.posts.get().pk}",
        reverse("forums:forum", args=[public_forum.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert member.handle not in response.text, url
        assert f"/{member.pk}/" not in response.text


def test_a_mention_from_a_pseudonymous_post_names_the_pseudonym_and_no_actor(
    public_forum, member, other_member, start_topic
):
    topic = start_topic(public_forum, member, pseudonymous=True, body=f"Hello @{other_member.handle}")
    event = Event.objects.get(kind="forums.mention")
    assert event.actor_id is None
    assert event.data["author"] == topic.posts.get().pseudonym
    assert member.handle not in str(event.data)
    assert Notification.objects.filter(event=event, recipient=other_member).exists()


def test_staff_unmask_with_a_reason_and_it_is_audited(public_forum, member, staff_member, start_topic):
    post = start_topic(public_forum, member, pseudonymous=True).posts.get()
    assert services.pseudonym_unmask(actor=staff_member, post=post, reason="A death threat") == member
    unmasking = Unmasking.objects.get()
    assert (unmasking.post, unmasking.by, unmasking.reason) == (post, staff_member, "A death threat")
    entry = AuditEntry.objects.get(action="forums.pseudonym.unmask")
    assert entry.data["reason"] == "A death threat" and entry.actor_id == staff_member.pk


def test_nobody_but_staff_unmasks(public_forum, member, other_member, group_moderator, start_topic):
    post = start_topic(public_forum, member, pseudonymous=True).posts.get()
    for person in (other_member, group_moderator):
        with pytest.raises(ForumError):
            services.pseudonym_unmask(actor=person, post=post, reason="Curious")
    assert not Unmasking.objects.exists()


def test_unmasking_a_signed_post_is_refused(public_forum, member, staff_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    with pytest.raises(ForumConflict):
        services.pseudonym_unmask(actor=staff_member, post=post, reason="Nothing")


def test_the_address_is_kept_only_as_a_keyed_hash(public_forum, member, start_topic):
    post = start_topic(public_forum, member, ip="203.0.113.7").posts.get()
    assert post.ip_hash == ip_hash("203.0.113.7") and len(post.ip_hash) == 64
    assert "203.0.113.7" not in str(Post.objects.filter(pk=post.pk).values().get())


def test_the_daily_task_removes_the_hash_after_its_time(settings, public_forum, member, start_topic, reply):
    settings.FORUMS_IP_HASH_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = start_topic(public_forum, member, ip="203.0.113.7").posts.get()
    with time_machine.travel(start + timedelta(days=20), tick=False):
        recent = reply(old.topic, member, ip="198.51.100.4")
    with time_machine.travel(start + timedelta(days=30, minutes=1), tick=False):
        assert purge_ip_hashes() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_hash, old.ip_hashed_at) == ("", None)
    assert recent.ip_hash == ip_hash("198.51.100.4")


def test_the_purge_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["forum-ip-hash-purge"]
    assert entry == {"task": "network.forums.tasks.purge_ip_hashes", "schedule": 60 * 60 * 24}
