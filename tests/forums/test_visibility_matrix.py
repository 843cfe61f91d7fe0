"""Who may do what in which forum, through the pages and the API: visitor, participant, city representative,
working-group member, moderator and staff by a public forum, a members' forum and a working group by reading a topic,
starting one, replying, moderating a post, finding it by search, and reading it through the API. Each cell states
the exact answer and whether the topic's words are shown."""

import pytest
from rest_framework.test import APIClient

from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import api_token_rotate, role_grant
from network.accounts.system import SYSTEM
from network.forums import services
from network.forums.models import Access, MemberRole, Post, Topic
from tests.forums.conftest import seasoned

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "representative", "group_member", "moderator", "staff"]
FORUMS = ["public", "members", "group"]

# Outcomes: SHOWN (200, the words there), HIDDEN (404, the words nowhere), LOGIN (sent to sign in), DONE (the
# move made, redirected to its result), REFUSED (403), FOUND / NOT_FOUND (search results).
SHOWN, HIDDEN, LOGIN, DONE, REFUSED, FOUND, NOT_FOUND = "shown", "hidden", "login", "done", "refused", "found", "none"


def _row(visitor, participant, representative, group_member, moderator, staff) -> dict:
    return dict(zip(ROLES, (visitor, participant, representative, group_member, moderator, staff), strict=True))


EXPECTED = {
    "read": {
        "public": _row(SHOWN, SHOWN, SHOWN, SHOWN, SHOWN, SHOWN),
        "members": _row(HIDDEN, SHOWN, SHOWN, SHOWN, SHOWN, SHOWN),
        "group": _row(HIDDEN, HIDDEN, HIDDEN, SHOWN, SHOWN, SHOWN),
    },
    "post": {
        "public": _row(LOGIN, DONE, DONE, DONE, DONE, DONE),
        "members": _row(LOGIN, DONE, DONE, DONE, DONE, DONE),
        "group": _row(LOGIN, HIDDEN, HIDDEN, DONE, DONE, DONE),
    },
    "reply": {
        "public": _row(LOGIN, DONE, DONE, DONE, DONE, DONE),
        "members": _row(LOGIN, DONE, DONE, DONE, DONE, DONE),
        "group": _row(LOGIN, HIDDEN, HIDDEN, DONE, DONE, DONE),
    },
    "moderate": {
        "public": _row(LOGIN, REFUSED, REFUSED, REFUSED, DONE, DONE),
        "members": _row(LOGIN, REFUSED, REFUSED, REFUSED, DONE, DONE),
        "group": _row(LOGIN, HIDDEN, HIDDEN, REFUSED, DONE, DONE),
    },
    "search": {
        "public": _row(FOUND, FOUND, FOUND, FOUND, FOUND, FOUND),
        "members": _row(NOT_FOUND, FOUND, FOUND, FOUND, FOUND, FOUND),
        "group": _row(NOT_FOUND, NOT_FOUND, NOT_FOUND, FOUND, FOUND, FOUND),
    },
    # Through an API token (the visitor without one). A token carries no staff power: staff read through it what a
    # participant reads, so the working group's topic is not theirs to read there.
    "api": {
        "public": _row(SHOWN, SHOWN, SHOWN, SHOWN, SHOWN, SHOWN),
        "members": _row(HIDDEN, SHOWN, SHOWN, SHOWN, SHOWN, SHOWN),
        "group": _row(HIDDEN, HIDDEN, HIDDEN, SHOWN, SHOWN, HIDDEN),
    },
}
CASES = [(action, forum, role) for action in EXPECTED for forum in FORUMS for role in ROLES]


@pytest.fixture
def world(db):
    forums = {
        "public": services.forum_create(actor=SYSTEM, slug="use-of-force", name="Use of force", access=Access.PUBLIC),
        "members": services.forum_create(actor=SYSTEM, slug="lounge", name="Lounge", access=Access.MEMBERS),
        "group": services.forum_create(
            actor=SYSTEM, slug="mayors", name="Mayors' working group", access=Access.GROUP, listed=True
        ),
    }
    author = seasoned("topic_author")
    representative = seasoned("paris_office")
    representative = acting_at_the_console(
        role_grant(actor=SYSTEM, user=representative, role=Role.CITY_REPRESENTATIVE, reason="test set-up")
    )
    people = {
        "visitor": None,
        "participant": seasoned("river_reader"),
        "representative": representative,
        "group_member": seasoned("wg_member"),
        "moderator": seasoned("forum_mod"),
        "staff": acting_at_the_console(
            role_grant(actor=SYSTEM, user=seasoned("secretariat"), role=Role.STAFF, reason="test set-up")
        ),
    }
    services.member_add(actor=SYSTEM, forum=forums["group"], user=author, role=MemberRole.MEMBER)
    services.member_add(actor=SYSTEM, forum=forums["group"], user=people["group_member"], role=MemberRole.MEMBER)
    for forum in forums.values():
        services.member_add(actor=SYSTEM, forum=forum, user=people["moderator"], role=MemberRole.MODERATOR)
    topics = {
        name: services.topic_start(
            actor=author,
            forum=forum,
            title=f"Budget of the {name} forum",
            body=f"The {name} forum talks of quinquennial budgets.",
            limits=False,
        )
        for name, forum in forums.items()
    }
    return {"forums": forums, "people": people, "topics": topics}


@pytest.fixture
def browser_of(client, pass_second_factor):
    def sign_in(user):
        if user is not None:
            client.force_login(user)
            pass_second_factor(user)  # staff act with the second factor passed; for others it changes nothing
        return client

    return sign_in


def _api(user) -> APIClient:
    api = APIClient()
    if user is not None:
        _token, key = api_token_rotate(actor=user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _assert_login(response) -> None:
    assert response.status_code == 302 and response.url.startswith("/accounts/login/"), response


@pytest.mark.parametrize(("action", "forum", "role"), CASES)
def test_the_matrix(world, browser_of, action, forum, role):
    expected = EXPECTED[action][forum][role]
    user = world["people"][role]
    topic = world["topics"][forum]
    opening = topic.posts.get(number=1)
    slug = world["forums"][forum].slug
    client = browser_of(user)
    words = f"The {forum} forum talks of quinquennial budgets."

    if action == "read":
        response = client.get(topic.get_absolute_url())
        assert response.status_code == {SHOWN: 200, HIDDEN: 404}[expected]
        assert (words in response.text) is (expected == SHOWN)

    elif action == "post":
        title = f"A new topic by {role}"
        response = client.post(f"/forums/{slug}/new/", {"title": title, "body": "What do you think?", "language": "en"})
        created = Topic.objects.filter(title=title).first()
        if expected == LOGIN:
            _assert_login(response)
        elif expected == HIDDEN:
            assert response.status_code == 404
        else:
            assert response.status_code == 302 and response.url == created.get_absolute_url()
            assert created.forum.slug == slug and created.author == user
        assert (created is not None) is (expected == DONE)

    elif action == "reply":
        response = client.post(f"/forums/topics/{topic.pk}/reply/", {"body": f"A reply by {role}.", "language": "en"})
        replied = Post.objects.filter(topic=topic, body=f"A reply by {role}.").first()
        if expected == LOGIN:
            _assert_login(response)
        elif expected == HIDDEN:
            assert response.status_code == 404
        else:
            assert response.status_code == 302 and response.url == replied.get_absolute_url()
        assert (replied is not None) is (expected == DONE)

    elif action == "moderate":
        response = client.post(
            f"/forums/posts/{opening.pk}/moderate/", {"action": "hide", "reason": "Off topic for this forum."}
        )
        if expected == LOGIN:
            _assert_login(response)
        else:
            assert response.status_code == {HIDDEN: 404, REFUSED: 403, DONE: 302}[expected]
        opening.refresh_from_db()
        assert opening.hidden is (expected == DONE)

    elif action == "search":
        response = client.get("/forums/search/", {"q": "quinquennial"})
        assert response.status_code == 200
        assert (f"Budget of the {forum} forum" in response.text) is (expected == FOUND)
        other_forums_found = [name for name in FORUMS if f"Budget of the {name} forum" in response.text]
        readable = [name for name in FORUMS if EXPECTED["search"][name][role] == FOUND]
        assert other_forums_found == readable  # nothing more is found, and nothing less

    elif action == "api":
        api = _api(user)
        for path in (f"/api/v1/forums/topics/{topic.pk}/", f"/api/v1/forums/topics/{topic.pk}/posts/"):
            response = api.get(path)
            assert response.status_code == {SHOWN: 200, HIDDEN: 404}[expected], (path, response.content)
        assert (words in response.content.decode()) is (expected == SHOWN)
        search = api.get("/api/v1/forums/search/", {"q": "quinquennial"})
        assert search.status_code == 200
        assert (f"Budget of the {forum} forum" in search.content.decode()) is (expected == SHOWN)
