"""The forum's topic list and a topic's page read with a constant number of queries, whatever their size."""

import pytest
from django.urls import reverse

from network.forums import services
from network.forums.models import ReadState
from network.notifications.services import follow_create

pytestmark = pytest.mark.django_db

# A visitor's topic page: the topic, its page of posts (with authors and quoted posts), the reaction counts, and what
# the shell reads. A signed-in member adds their user, groups, memberships, sanctions, blocks, read state
# (read, then written in a transaction of two statements when the page is new to them), follows and the notification
# bell; their own reactions come with the counts. The same whatever the topic's size.
TOPIC_VISITOR_QUERIES = 5
TOPIC_MEMBER_QUERIES = 15
TOPIC_MEMBER_REREAD_QUERIES = TOPIC_MEMBER_QUERIES - 4
# The forum page: the forum, its page of topics (with the read state of each as a subquery), and the shell's.
FORUM_VISITOR_QUERIES = 2
FORUM_MEMBER_QUERIES = 8


@pytest.fixture
def long_topic(public_forum, member, other_member, third_member, start_topic, reply):
    topic = start_topic(public_forum, member, pseudonymous=True)
    people = (member, other_member, third_member)
    previous = None
    for number in range(200):
        previous = reply(topic, people[number % 3], body=f"Reply {number}", quote_of=previous if number % 7 else None)
        if number % 5 == 0:
            services.reaction_toggle(actor=people[(number + 1) % 3], post=previous, kind="agree")
    return topic


@pytest.fixture
def busy_forum(public_forum, member, other_member, staff_member, start_topic, reply):
    for number in range(50):
        topic = start_topic(public_forum, member if number % 2 else other_member, title=f"Topic number {number}")
        if number % 3 == 0:
            reply(topic, other_member)
            services.read_mark(user=member, topic=topic, number=1)
        if number % 10 == 0:
            services.topic_pin(actor=staff_member, topic=topic, reason="Important")
    return public_forum


def _get(client, url, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_topic_with_200_replies_reads_in_constant_queries(
    client, long_topic, member, participant, django_assert_num_queries
):
    url = reverse("forums:topic", args=[long_topic.pk])
    middle = f"{url}?from=101"
    response = _get(client, middle, TOPIC_VISITOR_QUERIES, django_assert_num_queries)
    assert "Reply 99" in response.text and "Reply 118" in response.text and "Reply 119" not in response.text
    # A newcomer's first page is written down; a later page moves the position on; a page read before writes nothing.
    client.force_login(participant)
    follow_create(user=participant, target=long_topic)
    _get(client, middle, TOPIC_MEMBER_QUERIES, django_assert_num_queries)
    _get(client, f"{url}?from=121", TOPIC_MEMBER_QUERIES - 1, django_assert_num_queries)
    _get(client, middle, TOPIC_MEMBER_REREAD_QUERIES, django_assert_num_queries)
    assert ReadState.objects.get(user=participant, topic=long_topic).last_read_number == 140
    # The author has read their topic to their last reply.
    client.force_login(member)
    follow_create(user=member, target=long_topic)
    _get(client, middle, TOPIC_MEMBER_REREAD_QUERIES, django_assert_num_queries)
    _get(client, url, TOPIC_MEMBER_REREAD_QUERIES, django_assert_num_queries)


def test_a_forum_with_50_topics_reads_in_constant_queries(client, busy_forum, member, django_assert_num_queries):
    url = reverse("forums:forum", args=[busy_forum.slug])
    response = _get(client, url, FORUM_VISITOR_QUERIES, django_assert_num_queries)
    assert response.text.count("Pinned") >= 5
    client.force_login(member)
    response = _get(client, url, FORUM_MEMBER_QUERIES, django_assert_num_queries)
    cursor = response.context["page"].next_cursor
    assert cursor
    second = _get(client, f"{url}?after={cursor}", FORUM_MEMBER_QUERIES, django_assert_num_queries)
    first_titles = {topic.pk for topic in response.context["page"].topics}
    second_titles = {topic.pk for topic in second.context["page"].topics}
    assert len(first_titles | second_titles) == 50 and not first_titles & second_titles


def test_the_topic_list_counts_unread_from_read_state(client, public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, other_member)
    services.read_mark(user=member, topic=topic, number=1)
    for _ in range(4):
        reply(topic, other_member)
    client.force_login(member)
    response = client.get(reverse("forums:forum", args=[public_forum.slug]))
    assert "4 unread" in response.text
    assert "?from=2#post-2" in response.text
    page = client.get(reverse("forums:topic", args=[topic.pk]))
    assert "Jump to the first unread post" in page.text
    response = client.get(reverse("forums:forum", args=[public_forum.slug]))
    assert "4 unread" not in response.text
