"""All or nothing, and one at a time: a failing audit step leaves nothing behind; two moderators hiding the same
post at once record exactly one decision."""

import pytest
from django.db import connections

from network.accounts.roles import Role
from network.audit.models import AuditEntry
from network.forums import services
from network.forums.errors import ForumConflict
from network.forums.models import Post, Sanction
from network.notifications.models import Event
from tests.conftest import _with_role
from tests.transactions import InjectedFault, database_state, fail_at, race


@pytest.mark.django_db
def test_a_failing_audit_step_leaves_no_hide_behind(monkeypatch, public_forum, member, staff_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    before = database_state()
    fail_at(monkeypatch, services, "audit_record")
    with pytest.raises(InjectedFault):
        services.post_hide(actor=staff_member, post=post, reason="Doxxing")
    assert database_state() == before
    assert not Post.objects.get(pk=post.pk).hidden


@pytest.mark.django_db
def test_a_failing_audit_step_leaves_no_sanction_and_no_notification(monkeypatch, public_forum, member, staff_member):
    before = database_state()
    fail_at(monkeypatch, services, "audit_record")
    with pytest.raises(InjectedFault):
        services.member_ban(actor=staff_member, user=member, forum=public_forum, reason="Threats")
    assert database_state() == before
    assert not Sanction.objects.exists() and not Event.objects.filter(kind="forums.sanction").exists()


@pytest.mark.django_db
def test_a_failing_notification_leaves_no_reply_behind(monkeypatch, public_forum, member, other_member, start_topic):
    topic = start_topic(public_forum, member)
    before = database_state()
    fail_at(monkeypatch, services, "notify")
    with pytest.raises(InjectedFault):
        services.post_reply(actor=other_member, topic=topic, body=f"@{member.handle} hi", limits=False)
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
def test_two_moderators_hiding_the_same_post_record_one_decision(monkeypatch, public_forum, member, staff_member):
    other_staff = _with_role("secretariat_two", "staff2@network.example", Role.STAFF)
    topic = services.topic_start(actor=member, forum=public_forum, title="A heated topic", body="Words", limits=False)
    post = topic.posts.get()

    def hide(actor):
        def move():
            try:
                return services.post_hide(actor=actor, post=post, reason=f"By {actor.handle}")
            finally:
                connections.close_all()

        return move

    first, second = race(monkeypatch, services, "audit_record", hide(staff_member), hide(other_staff))
    assert first.error is None
    assert isinstance(second.error, ForumConflict)
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == f"By {staff_member.handle}"
    assert AuditEntry.objects.filter(action="forums.post.hide", target_id=str(post.pk)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_replies_at_once_get_consecutive_numbers(monkeypatch, public_forum, member, other_member):
    topic = services.topic_start(actor=member, forum=public_forum, title="A busy topic", body="Words", limits=False)

    def answer(actor):
        def move():
            try:
                return services.post_reply(actor=actor, topic=topic, body="At once", limits=False)
            finally:
                connections.close_all()

        return move

    first, second = race(monkeypatch, services, "_write_post", answer(member), answer(other_member))
    assert first.error is None and second.error is None
    assert sorted(Post.objects.filter(topic=topic).values_list("number", flat=True)) == [1, 2, 3]
