"""A topic hidden by moderators stays visible to its author — marked hidden, with the reason they were told — and
to no one else but the moderators: not in the forum's list, not on the topic's page, not through the API."""

import pytest
from rest_framework.test import APIClient

from network.forums import services
from network.forums.models import Access

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_topic(public_forum, member, staff_member, start_topic):
    topic = start_topic(public_forum, member, title="Names of the officers", body="Here are their home addresses.")
    services.post_hide(actor=staff_member, post=topic.posts.get(number=1), reason="Doxxing: addresses removed.")
    topic.refresh_from_db()
    assert topic.hidden
    return topic


def test_the_author_sees_their_hidden_topic_marked_with_the_reason(client, hidden_topic, member, public_forum):
    client.force_login(member)
    page = client.get(f"/forums/topics/{hidden_topic.pk}/")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Names of the officers</h1>" in text and "Here are their home addresses." in text
    assert "The moderators hid this topic: only you and they can see it." in text
    assert "Doxxing: addresses removed." in text
    assert 'name="body"' not in text  # a hidden topic takes no replies
    listing = client.get(f"/forums/{public_forum.slug}/").text
    assert "Names of the officers" in listing and "badge-failed" in listing
    # The post's history is theirs to read too.
    assert client.get(f"/forums/posts/{hidden_topic.posts.get(number=1).pk}/history/").status_code == 200


def test_no_one_else_but_moderators_sees_a_hidden_topic(client, hidden_topic, other_member, public_forum):
    for person in (None, other_member):
        if person:
            client.force_login(person)
        assert client.get(f"/forums/topics/{hidden_topic.pk}/").status_code == 404
        assert "Names of the officers" not in client.get(f"/forums/{public_forum.slug}/").text
        post = hidden_topic.posts.get(number=1)
        assert client.get(f"/forums/posts/{post.pk}/history/").status_code == 404


def test_the_api_shows_the_hidden_topic_to_its_author_only(hidden_topic, member, other_member, public_forum):
    author = APIClient()
    author.force_login(member)
    topic = author.get(f"/api/v1/forums/topics/{hidden_topic.pk}/")
    assert topic.status_code == 200 and topic.json()["hidden"] is True
    posts = author.get(f"/api/v1/forums/topics/{hidden_topic.pk}/posts/").json()["results"]
    assert posts[0]["body"] == "Here are their home addresses." and posts[0]["hidden"] is True
    listed = author.get(f"/api/v1/forums/{public_forum.slug}/topics/").json()["results"]
    assert [row["id"] for row in listed] == [hidden_topic.pk]
    other = APIClient()
    other.force_login(other_member)
    assert other.get(f"/api/v1/forums/topics/{hidden_topic.pk}/").status_code == 404
    assert other.get(f"/api/v1/forums/{public_forum.slug}/topics/").json()["results"] == []
    assert APIClient().get(f"/api/v1/forums/topics/{hidden_topic.pk}/").status_code == 404


def test_a_hidden_pseudonymous_topic_shows_only_to_its_author(client, member, other_member, staff_member, start_topic):
    forum = services.forum_create(
        actor=services.SYSTEM, slug="safe", name="Safe", access=Access.PUBLIC, pseudonyms_allowed=True
    )
    topic = start_topic(forum, member, title="Under a pseudonym", body="Words.", pseudonymous=True)
    services.post_hide(actor=staff_member, post=topic.posts.get(number=1), reason="Off topic.")
    client.force_login(member)
    assert client.get(f"/forums/topics/{topic.pk}/").status_code == 200
    client.force_login(other_member)
    assert client.get(f"/forums/topics/{topic.pk}/").status_code == 404
    assert "Under a pseudonym" not in client.get("/forums/safe/").text


def test_a_topic_its_author_deleted_is_gone_for_them_too(client, member, public_forum, start_topic):
    topic = start_topic(public_forum, member, title="A mistake", body="Posted too soon.")
    services.post_delete(actor=member, post=topic.posts.get(number=1))
    client.force_login(member)
    assert client.get(f"/forums/topics/{topic.pk}/").status_code == 404
