# ruff: noqa: F811 (fixtures imported from the other conftests)
"""A pseudonymous post is not linkable to its author by anyone but staff who passed the second factor: every page
and endpoint that shows it — topic, forum lists, edit history, quoting, reporting, moderation, search (by words and
by handle), feeds, API, the notifications of the people it mentions or who follow it, the practice page it is
attached to, and the data export of everyone else — is fetched as each other role, and none of them holds the
author's handle, email or account id."""

import json

import pytest
from rest_framework.test import APIClient

from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import api_token_rotate, role_grant
from network.accounts.system import SYSTEM
from network.forums import services
from network.forums.models import Access, MemberRole
from tests.forums.conftest import seasoned
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = pytest.mark.django_db

# An account id that cannot be mistaken for another number on the pages.
AUTHOR_ID = 987_654


@pytest.fixture
def world(publish, staff_member):
    practice = publish(slug="duty-to-intervene", title="Duty to intervene")
    public = services.forum_create(
        actor=SYSTEM, slug="protest-policing", name="Protest policing", access=Access.PUBLIC, pseudonyms_allowed=True
    )
    circle = services.forum_create(
        actor=SYSTEM, slug="circle", name="Activists' circle", access=Access.GROUP, pseudonyms_allowed=True
    )
    author = seasoned("quiet_source", id=AUTHOR_ID)
    people = {
        "visitor": None,
        "mentioned": seasoned("river_reader"),
        "replier": seasoned("luis_r"),
        "reporter": seasoned("claire_p"),
        "circle_member": seasoned("circle_friend"),
        "moderator": seasoned("forum_mod"),
        "representative": acting_at_the_console(
            role_grant(actor=SYSTEM, user=seasoned("paris_office"), role=Role.CITY_REPRESENTATIVE, reason="set-up")
        ),
        # Staff in a session without the second factor hold no staff power: they see what a participant sees.
        "staff_without_second_factor": acting_at_the_console(
            role_grant(actor=SYSTEM, user=seasoned("staff_two"), role=Role.STAFF, reason="set-up")
        ),
    }
    for member in (author, people["circle_member"]):
        services.member_add(actor=SYSTEM, forum=circle, user=member, role=MemberRole.MEMBER)
    for forum in (public, circle):
        services.member_add(actor=SYSTEM, forum=forum, user=people["moderator"], role=MemberRole.MODERATOR)
    services.follow_set(user=people["mentioned"], target=public, follow=True)

    topic = services.topic_start(
        actor=author,
        forum=public,
        title="Documenting protests without exposing yourself",
        body="Strip the metadata from every photo first. @river_reader you asked about this.",
        pseudonymous=True,
        practice=practice,
        limits=False,
    )
    opening = topic.posts.get(number=1)
    answer = services.post_reply(
        actor=people["replier"], topic=topic, body="Note the time apart from the video.", quote_of=opening, limits=False
    )
    again = services.post_reply(
        actor=author, topic=topic, body="Good point, I had forgotten.", quote_of=answer, limits=False
    )
    services.post_edit(actor=author, post=again, body="Good point, I had forgotten it. @river_reader see above.")
    services.reaction_toggle(actor=people["mentioned"], post=opening, kind="thanks")
    services.reaction_toggle(actor=author, post=answer, kind="insightful")
    services.post_report(actor=people["reporter"], post=opening, reason="other", note="Please check this one.")
    inner = services.topic_start(
        actor=author,
        forum=circle,
        title="Rules for the circle",
        body="Never name a meeting place here.",
        pseudonymous=True,
        limits=False,
    )
    return {
        "author": author,
        "people": people,
        "practice": practice,
        "forums": (public, circle),
        "topics": (topic, inner),
        "posts": (opening, answer, again, inner.posts.get(number=1)),
    }


def _pages(world) -> list[str]:
    public, circle = world["forums"]
    topic, inner = world["topics"]
    opening, _answer, again, inner_opening = world["posts"]
    pages = ["/forums/", "/forums/search/?q=metadata", "/forums/search/?author=quiet_source", "/forums/moderation/"]
    pages += [world["practice"].get_absolute_url()]
    for forum in (public, circle):
        pages += [f"/forums/{forum.slug}/", f"/forums/{forum.slug}/moderation/", f"/forums/{forum.slug}/feed.atom"]
    for one in (topic, inner):
        pages += [f"/forums/topics/{one.pk}/", f"/forums/topics/{one.pk}/feed.atom"]
        pages += [f"/forums/topics/{one.pk}/reply/?quote={one.posts.get(number=1).pk}"]
    for post in (opening, again, inner_opening):
        pages += [f"/forums/posts/{post.pk}/{what}/" for what in ("history", "report", "moderate", "sanction")]
    pages += ["/notifications/", "/accounts/data/download/"]
    return pages


def _api_paths(world) -> list[str]:
    paths = ["/api/v1/forums/", "/api/v1/forums/search/?q=metadata", "/api/v1/forums/search/?author=quiet_source"]
    for forum in world["forums"]:
        paths += [f"/api/v1/forums/{forum.slug}/", f"/api/v1/forums/{forum.slug}/topics/"]
    for topic in world["topics"]:
        paths += [f"/api/v1/forums/topics/{topic.pk}/", f"/api/v1/forums/topics/{topic.pk}/posts/"]
    for post in world["posts"]:
        paths += [f"/api/v1/forums/posts/{post.pk}/", f"/api/v1/forums/posts/{post.pk}/reactions/"]
    paths += ["/api/v1/notifications/"]
    return paths


def _assert_unlinked(text: str, author, where: str) -> None:
    # Searching by the handle echoes what the person typed (in the search box, in the links of the pages): that is
    # their own words, not the page naming anyone.
    text = text.replace("author=quiet_source", "").replace('value="quiet_source"', "")
    lowered = text.lower()
    assert author.handle not in lowered, f"{where} names the author's handle"
    assert author.email.lower() not in lowered, f"{where} shows the author's email"
    assert str(AUTHOR_ID) not in text, f"{where} holds the author's account id"


ROLES = [
    "visitor",
    "mentioned",
    "replier",
    "reporter",
    "circle_member",
    "moderator",
    "representative",
    "staff_without_second_factor",
]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_or_endpoint_links_a_pseudonym_to_its_author(client, world, role):
    user = world["people"][role]
    author = world["author"]
    if user is not None:
        client.force_login(user)
    fetched = {}
    for path in _pages(world):
        response = client.get(path, follow=True)
        text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        fetched[path] = (response.status_code, text)
        _assert_unlinked(text, author, f"{path} as {role}")
    api = APIClient()
    if user is not None:
        _token, key = api_token_rotate(actor=user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    for path in _api_paths(world):
        response = api.get(path)
        fetched[path] = (response.status_code, response.content.decode())
        _assert_unlinked(response.content.decode(), author, f"{path} (API) as {role}")

    # What was fetched is the real thing: the topic page names the replier by handle and the author by pseudonym.
    opening = world["posts"][0]
    status, text = fetched[f"/forums/topics/{world['topics'][0].pk}/"]
    assert status == 200 and opening.pseudonym in text and "luis_r" in text
    status, text = fetched[f"/api/v1/forums/topics/{world['topics'][0].pk}/posts/"]
    assert status == 200 and opening.pseudonym in text
    # Searching by the author's handle finds none of their pseudonymous posts, though searching their words does.
    assert "Documenting protests" in fetched["/forums/search/?q=metadata"][1]
    assert "Documenting protests" not in fetched["/forums/search/?author=quiet_source"][1]
    assert "Documenting protests" not in fetched["/api/v1/forums/search/?author=quiet_source"][1]


def test_the_mentioned_person_hears_of_the_mention_under_the_pseudonym(client, world):
    client.force_login(world["people"]["mentioned"])
    text = client.get("/notifications/").text
    assert world["posts"][0].pseudonym in text
    _assert_unlinked(text, world["author"], "the notifications page")


def test_the_moderator_sees_the_reported_post_under_its_pseudonym(client, world):
    client.force_login(world["people"]["moderator"])
    text = client.get("/forums/protest-policing/moderation/").text
    assert world["posts"][0].pseudonym in text and "Please check this one." in text
    _assert_unlinked(text, world["author"], "the moderation queue")


@pytest.mark.parametrize("role", [role for role in ROLES if role != "visitor"])
def test_no_one_elses_data_export_links_the_pseudonym(world, role):
    from network.accounts.exports import export_sections

    text = json.dumps(export_sections(world["people"][role]), default=str)
    _assert_unlinked(text, world["author"], f"the data export of {role}")
    for post in world["posts"]:
        if post.pseudonym:
            assert post.pseudonym not in text
