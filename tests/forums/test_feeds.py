"""Atom feeds: one per public forum and one per public topic, none for a members' forum or a working group (404),
authors by their public name, content sanitised and escaped, nothing a visitor could not read."""

from xml.etree import ElementTree

import pytest

from network.forums import services

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list:
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


def test_a_public_forum_has_a_feed_of_its_newest_topics(client, public_forum, member, other_member, start_topic):
    start_topic(public_forum, member, title="First topic", body="Opening words")
    start_topic(public_forum, other_member, title="Second topic", body="More **words**")
    found = entries(client.get(f"/forums/{public_forum.slug}/feed.atom"))
    assert [entry.findtext(f"{ATOM}title") for entry in found] == ["Second topic", "First topic"]
    assert [entry.find(f"{ATOM}author").findtext(f"{ATOM}name") for entry in found] == ["luis_r", "amara_k"]
    assert found[0].findtext(f"{ATOM}summary") == "<p>More <strong>words</strong></p>"
    assert found[0].find(f"{ATOM}link").get("href").startswith("http://testserver/forums/posts/")


def test_a_public_topic_has_a_feed_of_its_newest_posts(
    client, public_forum, member, other_member, start_topic, reply, staff_member
):
    topic = start_topic(public_forum, member, title="A topic", body="Opening")
    reply(topic, other_member, body="First reply")
    hidden = reply(topic, other_member, body="Hidden reply")
    services.post_hide(actor=staff_member, post=hidden, reason="Rude")
    found = entries(client.get(f"/forums/topics/{topic.pk}/feed.atom"))
    assert [entry.findtext(f"{ATOM}summary") for entry in found] == ["<p>First reply</p>", "<p>Opening</p>"]
    assert found[0].findtext(f"{ATOM}title") == "Reply 2 to “A topic”"


def test_no_feed_for_a_members_forum_or_a_working_group(
    client, members_forum, group_forum, group_moderator, member, start_topic, staff_member, login_with_second_factor
):
    members_topic = start_topic(members_forum, member)
    group_topic = start_topic(group_forum, group_moderator)
    client.force_login(member)
    for url in (
        f"/forums/{members_forum.slug}/feed.atom",
        f"/forums/{group_forum.slug}/feed.atom",
        f"/forums/topics/{members_topic.pk}/feed.atom",
        f"/forums/topics/{group_topic.pk}/feed.atom",
        "/forums/no-such-forum/feed.atom",
        "/forums/topics/999999/feed.atom",
    ):
        assert client.get(url).status_code == 404, url
    client.logout()
    login_with_second_factor(staff_member)  # not even staff: a feed is public or does not exist
    assert client.get(f"/forums/topics/{group_topic.pk}/feed.atom").status_code == 404


def test_a_hidden_topic_has_no_feed(client, public_forum, member, start_topic, staff_member):
    topic = start_topic(public_forum, member)
    services.post_hide(actor=staff_member, post=topic.posts.get(), reason="Doxxing")
    assert client.get(f"/forums/topics/{topic.pk}/feed.atom").status_code == 404
    assert entries(client.get(f"/forums/{public_forum.slug}/feed.atom")) == []


def test_a_pseudonymous_post_shows_its_pseudonym_in_feeds(client, public_forum, member, start_topic):
    topic = start_topic(public_forum, member, pseudonymous=True)
    pseudonym = topic.posts.get().pseudonym
    for url in (f"/forums/{public_forum.slug}/feed.atom", f"/forums/topics/{topic.pk}/feed.atom"):
        response = client.get(url)
        assert pseudonym in response.text and member.handle not in response.text and member.email not in response.text


def test_feeds_escape_what_people_write(client, public_forum, member, start_topic):
    topic = start_topic(
        public_forum,
        member,
        title="<script>alert('pwned')</script> ]]> &amp;",
        body="<img src=x onerror=alert('pwned')> <a href=\"javascript:alert(1)\">link</a>",
    )
    for url in (f"/forums/{public_forum.slug}/feed.atom", f"/forums/topics/{topic.pk}/feed.atom"):
        response = client.get(url)
        entry = entries(response)[0]
        # Well-formed XML whose text is what was written: a feed reader shows it, it does not run it.
        assert entry.findtext(f"{ATOM}title") == "<script>alert('pwned')</script> ]]> &amp;"
        summary = entry.findtext(f"{ATOM}summary")
        # The HTML a reader renders has no element from the body: what was written is its text.
        assert "<img" not in summary and "<a " not in summary and "&lt;img src=x onerror" in summary
        assert "<script>" not in response.text and "<img" not in response.text


def test_the_feeds_read_with_a_constant_number_of_queries(
    client, public_forum, member, other_member, start_topic, reply, django_assert_num_queries
):
    topic = start_topic(public_forum, member)
    for _ in range(3):
        reply(topic, other_member)
    with django_assert_num_queries(2):
        client.get(f"/forums/{public_forum.slug}/feed.atom")
    with django_assert_num_queries(2):
        assert len(entries(client.get(f"/forums/topics/{topic.pk}/feed.atom"))) == 4
    for number in range(3):
        start_topic(public_forum, other_member, title=f"More topics {number}")
        reply(topic, member)
    with django_assert_num_queries(2):
        assert len(entries(client.get(f"/forums/{public_forum.slug}/feed.atom"))) == 4
    with django_assert_num_queries(2):
        assert len(entries(client.get(f"/forums/topics/{topic.pk}/feed.atom"))) == 7
