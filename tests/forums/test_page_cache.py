"""A visitor reads the forums from the shared cache: the index, a forum's topics, a topic's posts and the search's
results are kept for the next visitor, and each change they show (a reply, a post hidden by a moderator, a topic
started, a handle changed) is there on the very next request. A member's pages (their unread counts, their reply
box, what their private forums add to a search) are never kept."""

import pytest
from django.test import Client

from network import page_cache
from network.forums import services
from tests.forums.conftest import rename

pytestmark = pytest.mark.page_cache

HIT = page_cache.HIT_HEADER


def twice(client, url):
    first, second = client.get(url), client.get(url)
    assert (first.status_code, first[HIT], second[HIT]) == (200, "miss", "hit"), url
    assert second.content == first.content, url
    return second


def kept(client, url):
    response = client.get(url)
    assert (response.status_code, response[HIT]) == (200, "hit"), url


def fresh(client, url):
    response = client.get(url)
    assert (response.status_code, response[HIT]) == (200, "miss"), url
    return response.text


def test_a_reply_and_a_hidden_post_show_on_the_next_request(
    public_forum, member, other_member, staff_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    visitor = Client()
    pages = ["/forums/", public_forum.get_absolute_url(), topic.get_absolute_url()]
    for url in pages:
        twice(visitor, url)
    answer = reply(topic, other_member, body="Our council adopted the ombudsman's wording.")
    assert "ombudsman" in fresh(visitor, topic.get_absolute_url())
    for url in pages[:2]:
        fresh(visitor, url)
    kept(visitor, topic.get_absolute_url())
    services.post_hide(actor=staff_member, post=answer, reason="Off topic")
    assert "ombudsman" not in fresh(visitor, topic.get_absolute_url())


def test_a_new_topic_and_a_changed_handle_show_on_the_next_request(public_forum, member, start_topic):
    start_topic(public_forum, member, title="Stop-and-search data")
    visitor = Client()
    twice(visitor, public_forum.get_absolute_url())
    later = start_topic(public_forum, member, title="Crisis teams at night")
    assert "Crisis teams at night" in fresh(visitor, public_forum.get_absolute_url())
    kept(visitor, public_forum.get_absolute_url())
    assert "amara_k" in twice(visitor, later.get_absolute_url()).text
    rename(member, "amara_k2")
    assert "amara_k2" in fresh(visitor, later.get_absolute_url())


def test_a_members_page_is_never_kept_nor_served_to_them(public_forum, member, other_member, start_topic):
    topic = start_topic(public_forum, member)
    visitor_page = twice(Client(), topic.get_absolute_url())
    signed_in = Client()
    signed_in.force_login(other_member)
    for _round in range(2):
        page = signed_in.get(topic.get_absolute_url())
        assert HIT not in page and page.content != visitor_page.content
        assert 'name="body"' in page.text
    again = Client().get(topic.get_absolute_url())
    assert again[HIT] == "hit" and again.content == visitor_page.content and 'name="body"' not in again.text


def test_a_visitors_search_shows_a_new_post_and_loses_a_hidden_one_on_the_next_request(
    public_forum, member, other_member, staff_member, start_topic, reply
):
    topic = start_topic(public_forum, member, title="Crisis teams", body="Our crisis teams answer at night.")
    visitor = Client()
    search = "/forums/search/?q=ombudsman"
    assert "reviews every complaint" not in twice(visitor, search).text
    answer = reply(topic, other_member, body="The ombudsman reviews every complaint.")
    found = fresh(visitor, search)
    assert f'href="{answer.get_absolute_url()}"' in found and "reviews every complaint" in found
    kept(visitor, search)
    services.post_hide(actor=staff_member, post=answer, reason="Off topic")
    assert "reviews every complaint" not in fresh(visitor, search)
    # Another query, another language: each its own copy.
    twice(visitor, "/forums/search/?q=crisis")
    french = Client(headers={"accept-language": "fr"})
    assert twice(french, "/forums/search/?q=crisis").text != visitor.get("/forums/search/?q=crisis").text


def test_a_members_search_is_never_kept_nor_served_to_them(group_forum, group_member, group_topic, reply):
    reply(group_topic, group_member, body="Only the working group reads this ombudsman note.")
    search = "/forums/search/?q=ombudsman"
    visitor_page = twice(Client(), search)
    assert "working group reads" not in visitor_page.text
    signed_in = Client()
    signed_in.force_login(group_member)
    for _round in range(2):
        page = signed_in.get(search)
        assert HIT not in page and "working group reads" in page.text
    again = Client().get(search)
    assert again[HIT] == "hit" and again.content == visitor_page.content
