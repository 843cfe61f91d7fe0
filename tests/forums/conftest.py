"""Forums for each kind of access, people who have been around for a while (past a new account's first day), and
a helper that posts through the real services."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from network.accounts.second_factor import acting_at_the_console
from network.accounts.system import SYSTEM
from network.forums import services
from network.forums.models import Access, MemberRole
from tests.factories import UserFactory


def rename(user, handle: str) -> None:
    """Changes a person's handle through the profile service, the rest of the profile as it was."""
    from network.accounts import services as account_services

    account_services.user_update_profile(
        actor=user,
        user=user,
        handle=handle,
        affiliation_kind=user.affiliation_kind,
        affiliation=user.affiliation,
        preferred_language=user.preferred_language,
    )


def signed_in(user, **headers) -> Client:
    """A test client signed in as `user`, sending `headers` with every request."""
    client = Client(headers=headers)
    client.force_login(user)
    return client


def seasoned(handle: str, **fields):
    """A participant whose account is older than a day, so the first day's allowance does not apply."""
    user = UserFactory(handle=handle, email=f"{handle}@example.org", **fields)
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return acting_at_the_console(user)


@pytest.fixture
def member(db):
    return seasoned("amara_k")


@pytest.fixture
def other_member(db):
    return seasoned("luis_r")


@pytest.fixture
def third_member(db):
    return seasoned("claire_p")


@pytest.fixture
def public_forum(db):
    return services.forum_create(
        actor=SYSTEM, slug="use-of-force", name="Use of force", access=Access.PUBLIC, pseudonyms_allowed=True
    )


@pytest.fixture
def members_forum(db):
    return services.forum_create(actor=SYSTEM, slug="network-lounge", name="Network lounge", access=Access.MEMBERS)


@pytest.fixture
def group_forum(db):
    return services.forum_create(
        actor=SYSTEM,
        slug="mayors-working-group",
        name="Mayors' working group",
        access=Access.GROUP,
        listed=True,
        pseudonyms_allowed=True,
    )


@pytest.fixture
def group_moderator(db, group_forum):
    user = seasoned("group_mod")
    services.member_add(actor=SYSTEM, forum=group_forum, user=user, role=MemberRole.MODERATOR)
    return user


@pytest.fixture
def start_topic():
    def start(forum, author, *, title="Duty to intervene in practice", body="How did your city write it?", **extra):
        return services.topic_start(actor=author, forum=forum, title=title, body=body, limits=False, **extra)

    return start


@pytest.fixture
def reply():
    def post(topic, author, body="We wrote it into the general orders.", **extra):
        return services.post_reply(actor=author, topic=topic, body=body, limits=False, **extra)

    return post


@pytest.fixture
def group_member(group_forum):
    user = seasoned("wg_member")
    services.member_add(actor=services.SYSTEM, forum=group_forum, user=user, role=MemberRole.MEMBER)
    return user


@pytest.fixture
def group_topic(group_forum, group_moderator, start_topic):
    return start_topic(group_forum, group_moderator, title="Our budget talks", body="Confidential figures.")
