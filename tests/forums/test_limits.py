"""A new account's first day (topics, replies, links) and the rate limit counted in the shared cache."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from network.forums import services
from network.forums.errors import ForumRateLimited
from network.forums.models import Post, Topic
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return UserFactory(handle="new_here", email="new@example.org")


def test_a_new_account_starts_at_most_three_topics_its_first_day(settings, public_forum, newcomer):
    settings.FORUMS_RATE_LIMIT_POSTS = 100
    for number in range(3):
        services.topic_start(actor=newcomer, forum=public_forum, title=f"Topic number {number}", body="Words")
    with pytest.raises(ForumRateLimited, match="at most 3 topics") as refused:
        services.topic_start(actor=newcomer, forum=public_forum, title="One too many", body="Words")
    assert 0 < refused.value.retry_after <= 24 * 3600
    assert Topic.objects.count() == 3


def test_a_new_account_posts_at_most_ten_replies_its_first_day(settings, public_forum, member, newcomer, start_topic):
    settings.FORUMS_RATE_LIMIT_POSTS = 100
    topic = start_topic(public_forum, member)
    for _ in range(10):
        services.post_reply(actor=newcomer, topic=topic, body="Words")
    with pytest.raises(ForumRateLimited, match="at most 10 replies"):
        services.post_reply(actor=newcomer, topic=topic, body="Words")


def test_the_first_day_allowance_follows_the_settings(settings, public_forum, newcomer):
    settings.FORUMS_NEW_ACCOUNT_TOPICS = 1
    services.topic_start(actor=newcomer, forum=public_forum, title="The only one", body="Words")
    with pytest.raises(ForumRateLimited):
        services.topic_start(actor=newcomer, forum=public_forum, title="The second one", body="Words")
    settings.FORUMS_NEW_ACCOUNT_HOURS = 0
    services.topic_start(actor=newcomer, forum=public_forum, title="Past the first day", body="Words")


def test_a_new_account_puts_at_most_two_links_in_a_post(public_forum, newcomer, member):
    links = "[a](https://a.example) [b](https://b.example) [c](https://c.example)"
    with pytest.raises(ValidationError) as error:
        services.topic_start(actor=newcomer, forum=public_forum, title="Three links", body=links)
    assert "body" in error.value.message_dict
    services.topic_start(actor=member, forum=public_forum, title="Three links", body=links)


def test_posting_is_rate_limited_with_a_clear_message(settings, public_forum, member, start_topic):
    settings.FORUMS_RATE_LIMIT_POSTS = 2
    topic = start_topic(public_forum, member)
    services.post_reply(actor=member, topic=topic, body="One")
    services.post_reply(actor=member, topic=topic, body="Two")
    with pytest.raises(ForumRateLimited, match="posting too fast") as refused:
        services.post_reply(actor=member, topic=topic, body="Three")
    assert 0 < refused.value.retry_after <= settings.FORUMS_RATE_WINDOW_SECONDS
    assert Post.objects.filter(topic=topic).count() == 3


def test_the_reply_page_keeps_the_text_when_rate_limited(client, settings, public_forum, member, start_topic):
    settings.FORUMS_RATE_LIMIT_POSTS = 1
    topic = start_topic(public_forum, member)
    client.force_login(member)
    url = reverse("forums:reply", args=[topic.pk])
    assert client.post(url, {"body": "First", "language": "en"}).status_code == 302
    response = client.post(url, {"body": "My careful second reply", "language": "en"})
    assert response.status_code == 429
    assert "posting too fast" in response.text and "My careful second reply" in response.text
