"""The forums' services: each move, and who may make it."""

import pytest
from django.core.exceptions import ValidationError

from network.audit.models import AuditEntry
from network.forums import selectors, services
from network.forums.errors import ForumConflict, ForumError
from network.forums.models import Forum, MemberRole, Post, Reaction, ReadState, Topic

pytestmark = pytest.mark.django_db


def test_it_starts_a_topic_with_its_opening_post(public_forum, member, start_topic):
    topic = start_topic(public_forum, member, body="See [the orders](https://example.org/orders).")
    post = Post.objects.get(topic=topic)
    assert post.number == 1 and topic.last_post_number == 1 and topic.reply_count == 0
    assert 'rel="nofollow ugc noopener noreferrer"' in post.body_html
    assert topic.language == member.preferred_language == post.language
    public_forum.refresh_from_db()
    assert (public_forum.topic_count, public_forum.post_count) == (1, 1)
    assert post.search_vector is not None
    assert ReadState.objects.get(user=member, topic=topic).last_read_number == 1


def test_it_numbers_replies_and_keeps_the_counters(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    first = reply(topic, other_member)
    second = reply(topic, member, quote_of=first, language="fr")
    topic.refresh_from_db()
    public_forum.refresh_from_db()
    assert (first.number, second.number) == (2, 3)
    assert (topic.last_post_number, topic.reply_count, public_forum.post_count) == (3, 2, 3)
    assert second.quote_of == first and second.language == "fr"


def test_it_refuses_a_quote_from_another_topic(public_forum, member, start_topic, reply):
    one, two = start_topic(public_forum, member), start_topic(public_forum, member, title="Another topic here")
    elsewhere = reply(two, member)
    with pytest.raises(ValidationError):
        reply(one, member, quote_of=elsewhere)


@pytest.mark.parametrize("title", ["", "abc", "x" * 201])
def test_it_refuses_a_title_too_short_or_too_long(public_forum, member, start_topic, title):
    with pytest.raises(ValidationError) as error:
        start_topic(public_forum, member, title=title)
    assert "title" in error.value.message_dict
    assert not Topic.objects.exists()


def test_it_refuses_an_empty_body_and_an_unknown_language(public_forum, member, start_topic):
    with pytest.raises(ValidationError):
        start_topic(public_forum, member, body="   ")
    with pytest.raises(ValidationError):
        start_topic(public_forum, member, language="xx")


def test_visitors_read_public_forums_only(public_forum, members_forum, group_forum, client):
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    assert list(selectors.forums_visible(visitor)) == [public_forum]
    assert set(selectors.forums_listed(visitor)) == {public_forum, group_forum}
    assert not selectors.can_post(visitor, public_forum)


def test_participants_read_members_forums_but_not_groups(public_forum, members_forum, group_forum, member):
    assert set(selectors.forums_visible(member)) == {public_forum, members_forum}
    assert selectors.can_post(member, members_forum)
    assert not selectors.can_read(member, group_forum) and not selectors.can_post(member, group_forum)


def test_group_members_read_and_post_in_their_group(group_forum, group_moderator, member, start_topic):
    services.member_add(actor=group_moderator, forum=group_forum, user=member)
    assert selectors.can_read(member, group_forum) and selectors.can_post(member, group_forum)
    topic = start_topic(group_forum, member)
    assert topic.forum == group_forum
    assert not selectors.can_moderate(member, group_forum)
    assert selectors.can_moderate(group_moderator, group_forum)


def test_a_group_member_cannot_add_members(group_forum, group_moderator, member, other_member):
    services.member_add(actor=group_moderator, forum=group_forum, user=member)
    with pytest.raises(ForumError):
        services.member_add(actor=member, forum=group_forum, user=other_member)


def test_only_staff_create_forums_and_name_moderators(staff_member, member, public_forum):
    with pytest.raises(ForumError):
        services.forum_create(actor=member, slug="mine", name="Mine")
    with pytest.raises(ForumError):
        services.member_add(actor=member, forum=public_forum, user=member, role=MemberRole.MODERATOR)
    forum = services.forum_create(actor=staff_member, slug="crisis-response", name="Crisis response")
    services.member_add(actor=staff_member, forum=forum, user=member, role=MemberRole.MODERATOR)
    assert selectors.can_moderate(member, forum)
    assert AuditEntry.objects.filter(action="forums.forum.create", target_id=str(forum.pk)).exists()


def test_it_refuses_a_reserved_or_taken_slug(staff_member, public_forum):
    for slug in ("search", public_forum.slug):
        with pytest.raises(ValidationError):
            services.forum_create(actor=staff_member, slug=slug, name="Anything")
    assert Forum.objects.count() == 1


def test_outsiders_cannot_post_in_a_group(group_forum, member, start_topic):
    with pytest.raises(ForumError):
        start_topic(group_forum, member)


def test_pseudonyms_only_where_the_forum_allows(members_forum, member, start_topic):
    with pytest.raises(ForumError):
        start_topic(members_forum, member, pseudonymous=True)


def test_the_author_edits_and_the_history_keeps_the_old_text(public_forum, member, other_member, start_topic):
    topic = start_topic(public_forum, member, body="First words")
    post = topic.posts.get()
    with pytest.raises(ForumError):
        services.post_edit(actor=other_member, post=post, body="Not mine")
    services.post_edit(actor=member, post=post, body="Better words", title="Duty to intervene, revised")
    post.refresh_from_db()
    topic.refresh_from_db()
    assert (post.body, post.edit_count, topic.title) == ("Better words", 1, "Duty to intervene, revised")
    assert [revision.body for revision in selectors.post_revisions(post)] == ["First words"]


def test_the_author_deletes_softly(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    answer = reply(topic, other_member)
    with pytest.raises(ForumError):
        services.post_delete(actor=member, post=answer)
    services.post_delete(actor=other_member, post=answer)
    answer.refresh_from_db()
    assert answer.deleted_at is not None and Post.objects.filter(pk=answer.pk).exists()
    assert answer not in selectors.posts_visible(member)
    with pytest.raises(ForumConflict):
        services.post_delete(actor=other_member, post=answer)


def test_reactions_toggle_from_a_fixed_set(public_forum, member, other_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    assert services.reaction_toggle(actor=other_member, post=post, kind="thanks") is True
    assert services.reaction_toggle(actor=other_member, post=post, kind="thanks") is False
    with pytest.raises(ValidationError):
        services.reaction_toggle(actor=other_member, post=post, kind="<script>")
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("move", ["lock", "pin", "close"])
def test_moderators_flag_topics_and_refuse_repeating(move, public_forum, member, staff_member, start_topic):
    topic = start_topic(public_forum, member)
    with pytest.raises(ForumError):
        services.topic_flag(actor=member, topic=topic, move=move, reason="Because")
    services.topic_flag(actor=staff_member, topic=topic, move=move, reason="Because")
    with pytest.raises(ForumConflict):
        services.topic_flag(actor=staff_member, topic=topic, move=move, reason="Again")
    field = services.TOPIC_MOVES[move][0]
    assert getattr(Topic.objects.get(pk=topic.pk), field) is True
    assert AuditEntry.objects.filter(action=f"forums.topic.{move}", target_id=str(topic.pk)).count() == 1


def test_a_locked_topic_takes_no_reply_and_a_closed_one_only_moderators(
    public_forum, member, other_member, staff_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    services.topic_close(actor=staff_member, topic=topic, reason="Finished")
    with pytest.raises(ForumConflict):
        reply(topic, other_member)
    reply(topic, staff_member)
    services.topic_lock(actor=staff_member, topic=topic, reason="Heated")
    with pytest.raises(ForumConflict):
        reply(topic, staff_member)


def test_a_reason_is_required_for_moderation(public_forum, member, staff_member, start_topic):
    post = start_topic(public_forum, member).posts.get()
    with pytest.raises(ValidationError):
        services.post_hide(actor=staff_member, post=post, reason="  ")


def test_moving_a_topic_moves_its_counts(public_forum, members_forum, member, staff_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    reply(topic, member)
    services.topic_move(actor=staff_member, topic=topic, forum=members_forum, reason="Members only")
    public_forum.refresh_from_db()
    members_forum.refresh_from_db()
    assert (public_forum.topic_count, public_forum.post_count) == (0, 0)
    assert (members_forum.topic_count, members_forum.post_count) == (1, 2)
    with pytest.raises(ForumConflict):
        services.topic_move(actor=staff_member, topic=topic, forum=members_forum, reason="Again")


def test_a_forum_moderator_moves_only_between_forums_they_moderate(
    group_forum, public_forum, group_moderator, start_topic
):
    topic = start_topic(group_forum, group_moderator)
    with pytest.raises(ForumError):
        services.topic_move(actor=group_moderator, topic=topic, forum=public_forum, reason="Out")


def test_a_suspended_member_cannot_post_until_it_ends(public_forum, member, staff_member, start_topic):
    services.member_suspend(actor=staff_member, user=member, forum=public_forum, days=3, reason="Insults")
    with pytest.raises(ForumError, match="suspended"):
        start_topic(public_forum, member)


def test_a_ban_is_refused_twice_and_a_suspension_needs_sane_days(public_forum, member, staff_member):
    services.member_ban(actor=staff_member, user=member, forum=public_forum, reason="Threats")
    with pytest.raises(ForumConflict):
        services.member_ban(actor=staff_member, user=member, forum=public_forum, reason="Again")
    with pytest.raises(ValidationError):
        services.member_suspend(actor=staff_member, user=member, forum=public_forum, days=0, reason="Zero")


def test_only_staff_sanction_network_wide(member, other_member, group_moderator):
    with pytest.raises(ForumError):
        services.member_warn(actor=group_moderator, user=other_member, forum=None, reason="Everywhere")


def test_read_marks_only_move_forward(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    for _ in range(3):
        reply(topic, member)
    topic.refresh_from_db()
    services.read_mark(user=other_member, topic=topic, number=3)
    services.read_mark(user=other_member, topic=topic, number=2)
    assert ReadState.objects.get(user=other_member, topic=topic).last_read_number == 3
    assert selectors.first_unread_after(topic, selectors.read_position(topic, other_member)) == 4


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer", "staff"])
def test_only_staff_hold_the_forum_powers(all_roles, role, public_forum, group_forum, members_forum):
    user = all_roles[role]
    staff = role == "staff"
    assert selectors.can_manage_forums(user) is staff
    assert selectors.can_unmask(user) is staff
    assert selectors.can_moderate(user, public_forum) is staff
    assert selectors.can_read(user, group_forum) is staff
    assert selectors.can_read(user, members_forum) and selectors.can_post(user, public_forum)


def test_staff_powers_do_not_travel_with_an_api_token(staff_member, public_forum):
    from network.accounts.second_factor import SignInState, mark_sign_in

    mark_sign_in(staff_member, SignInState(second_factor_passed=False, by_api_token=True))
    assert not selectors.can_moderate(staff_member, public_forum)
    assert not selectors.can_manage_forums(staff_member)


def test_a_forum_moderator_named_by_staff_moderates_that_forum_only(staff_member, member, public_forum, members_forum):
    services.member_add(actor=staff_member, forum=public_forum, user=member, role=MemberRole.MODERATOR)
    assert selectors.can_moderate(member, public_forum) and not selectors.can_moderate(member, members_forum)
    services.member_remove(actor=staff_member, forum=public_forum, user=member)
    assert not selectors.can_moderate(member, public_forum)
