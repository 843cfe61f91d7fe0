"""Warning, suspending and banning a post's author through the API, as the post's page does: the same services,
a reason required, the decision audited and the person told; refused to API tokens, to members who do not
moderate the forum and, for every forum at once, to anyone but staff."""

import pytest
from rest_framework.test import APIClient

from network.audit.models import AuditEntry
from network.forums import api as forums_api
from network.forums import services
from network.forums.models import Sanction
from network.notifications.models import Notification
from tests.forums.test_api import session_client, token_client, unthrottled  # noqa: F401
from tests.transactions import InjectedFault, database_state, fail_at

pytestmark = pytest.mark.django_db


def _post(api, post, kind: str, body: dict):
    return api.post(f"/api/v1/forums/posts/{post.pk}/{kind}/", body, format="json")


def test_every_sanction_is_an_endpoint_of_its_own():
    assert set(forums_api.SANCTIONS) == {"warn", "suspend", "ban"}


def test_a_forum_moderator_warns_suspends_and_bans_a_posts_author(
    group_forum, group_topic, group_moderator, group_member, reply
):
    post = reply(group_topic, group_member, body="Rude words.")
    api = session_client(group_moderator)
    warned = _post(api, post, "warn", {"reason": "Mind your words"})
    assert warned.status_code == 201
    assert warned.json() | {"created_at": None} == {
        "post": post.pk,
        "kind": "warn",
        "forum": group_forum.slug,
        "until": None,
        "reason": "Mind your words",
        "created_at": None,
    }
    suspended = _post(api, post, "suspend", {"reason": "Again", "days": 3})
    assert suspended.status_code == 201 and suspended.json()["until"] is not None
    assert _post(api, post, "ban", {"reason": "Threats"}).status_code == 201
    kinds = list(Sanction.objects.filter(user=group_member, forum=group_forum).values_list("kind", flat=True))
    assert sorted(kinds) == ["ban", "suspend", "warn"]
    for kind in ("warn", "suspend", "ban"):
        entry = AuditEntry.objects.get(action=f"forums.member.{kind}")
        assert entry.actor_id == group_moderator.pk and entry.data["forum"] == group_forum.slug
    told = Notification.objects.filter(recipient=group_member, event__kind="forums.sanction")
    assert told.count() == 3
    # Banned twice is a move the state forbids.
    again = _post(api, post, "ban", {"reason": "Threats"})
    assert again.status_code == 409 and "already banned" in again.json()["detail"]
    # The banned member can no longer post in the forum.
    answer = session_client(group_member).post(
        f"/api/v1/forums/topics/{group_topic.pk}/posts/", {"body": "Still here?"}, format="json"
    )
    assert answer.status_code == 403


def test_a_sanction_of_a_pseudonymous_author_does_not_name_them(public_forum, member, other_member, start_topic):
    topic = start_topic(
        public_forum, member, title="A safe question", body="Asked under a pseudonym.", pseudonymous=True
    )
    post = topic.posts.get(number=1)
    moderator = other_member
    services.member_add(actor=services.SYSTEM, forum=public_forum, user=moderator, role="moderator")
    answer = _post(session_client(moderator), post, "warn", {"reason": "Off topic"})
    assert answer.status_code == 201
    assert member.handle not in answer.text and f'"{member.pk}"' not in answer.text
    assert Sanction.objects.get().user_id == member.pk


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("warn", {}, "reason"),
        ("warn", {"reason": "   "}, "reason"),
        ("warn", {"reason": "x" * 2001}, "reason"),
        ("ban", {"reason": ""}, "reason"),
        ("suspend", {"reason": "Insults"}, "days"),
        ("suspend", {"reason": "Insults", "days": 0}, "days"),
        ("suspend", {"reason": "Insults", "days": 366}, "days"),
        ("suspend", {"reason": "Insults", "days": "three"}, "days"),
        ("suspend", {"days": 3}, "reason"),
        ("warn", {"reason": "Insults", "everywhere": "perhaps"}, "everywhere"),
    ],
)
def test_it_answers_bad_input_with_field_errors(group_topic, group_moderator, group_member, reply, kind, body, field):
    post = reply(group_topic, group_member, body="Rude words.")
    answer = _post(session_client(group_moderator), post, kind, body)
    assert answer.status_code == 400 and field in answer.json(), answer.json()
    assert not Sanction.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["forums.member.warn", "forums.member.suspend", "forums.member.ban"]
    ).exists()


def test_sanctions_are_refused_to_tokens_non_moderators_and_visitors(
    group_topic, group_moderator, group_member, reply, staff_member, participant
):
    post = reply(group_topic, group_member, body="Rude words.")
    for person in (group_moderator, staff_member):
        answer = _post(token_client(person), post, "ban", {"reason": "Threats"})
        assert answer.status_code == 403 and "API token" in answer.json()["detail"]
    # A member of the group who does not moderate it.
    assert _post(session_client(group_member), post, "warn", {"reason": "x"}).status_code == 403
    # Someone outside the working group does not see the post at all.
    assert _post(session_client(participant), post, "warn", {"reason": "x"}).status_code == 404
    assert _post(APIClient(), post, "warn", {"reason": "x"}).status_code == 401
    # Staff signed in without the second factor have a participant's powers.
    assert _post(session_client(staff_member), post, "warn", {"reason": "x"}).status_code == 404
    assert not Sanction.objects.exists()


def test_only_staff_sanction_in_every_forum_and_no_one_sanctions_themselves(
    group_topic, group_moderator, group_member, reply, staff_member, login_with_second_factor, client
):
    post = reply(group_topic, group_member, body="Rude words.")
    refused = _post(session_client(group_moderator), post, "ban", {"reason": "Threats", "everywhere": True})
    assert refused.status_code == 403 and "staff" in refused.json()["detail"]
    own = group_topic.posts.get(number=1)
    assert _post(session_client(group_moderator), own, "warn", {"reason": "Me"}).status_code == 403
    login_with_second_factor(staff_member)
    banned = client.post(
        f"/api/v1/forums/posts/{post.pk}/ban/",
        {"reason": "Threats", "everywhere": True},
        content_type="application/json",
    )
    assert banned.status_code == 201 and banned.json()["forum"] is None
    assert Sanction.objects.get().forum is None


def test_a_sanction_whose_notification_fails_through_the_api_leaves_nothing_behind(
    monkeypatch, group_topic, group_moderator, group_member, reply
):
    post = reply(group_topic, group_member, body="Rude words.")
    api = session_client(group_moderator)
    before = database_state()
    fail_at(monkeypatch, services, "notify")
    with pytest.raises(InjectedFault):
        _post(api, post, "suspend", {"reason": "Insults", "days": 3})
    assert database_state() == before
    assert not Sanction.objects.exists()
