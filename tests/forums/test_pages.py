"""The forums' pages: each renders for those allowed, refuses the others, keeps what was typed on errors, and
reads with a constant number of queries."""

import pytest
from django.urls import reverse

from network.forums import services
from network.forums.models import Post, Topic

pytestmark = pytest.mark.django_db


def test_it_shows_the_index_with_a_listed_group_but_not_its_content(client, public_forum, group_forum):
    response = client.get(reverse("forums:index"))
    assert response.status_code == 200
    assert public_forum.name in response.text and "Mayors&#x27; working group" in response.text
    page = client.get(reverse("forums:forum", args=[group_forum.slug]))
    assert page.status_code == 200 and "private working group" in page.text


def test_it_shows_a_topic_to_a_visitor(client, public_forum, member, start_topic, reply):
    topic = start_topic(public_forum, member, body="Hello **world** @luis_r")
    reply(topic, member, body="More words")
    response = client.get(reverse("forums:topic", args=[topic.pk]))
    assert response.status_code == 200
    assert "<strong>world</strong>" in response.text and "More words" in response.text
    assert member.handle in response.text


def test_a_member_starts_a_topic_through_the_page(client, public_forum, member):
    client.force_login(member)
    response = client.post(
        reverse("forums:topic_create", args=[public_forum.slug]),
        {"title": "A topic from the page", "body": "Words", "language": "en"},
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()


def test_a_bad_topic_form_keeps_what_was_typed(client, public_forum, member):
    client.force_login(member)
    response = client.post(
        reverse("forums:topic_create", args=[public_forum.slug]),
        {"title": "abc", "body": "Kept words here", "language": "en"},
    )
    assert response.status_code == 400
    assert "Kept words here" in response.text and "There is a problem" in response.text
    assert not Topic.objects.exists()


def test_a_member_replies_and_quotes(client, public_forum, member, other_member, start_topic):
    topic = start_topic(public_forum, member)
    opening = topic.posts.get()
    client.force_login(other_member)
    form = client.get(reverse("forums:reply", args=[topic.pk]) + f"?quote={opening.pk}")
    assert form.status_code == 200
    response = client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": "Quoting you", "language": "fr", "quote_of": opening.pk}
    )
    post = Post.objects.get(number=2)
    assert response.status_code == 302 and post.quote_of == opening and post.language == "fr"
    page = client.get(reverse("forums:topic", args=[topic.pk]))
    assert "forum-quote" in page.text


def test_visitors_are_sent_to_sign_in_to_post(client, public_forum):
    response = client.get(reverse("forums:topic_create", args=[public_forum.slug]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.fixture
def staff_client(client, staff_member, pass_second_factor, enable_totp):
    enable_totp(staff_member)
    client.force_login(staff_member)
    pass_second_factor(staff_member)
    return client


@pytest.mark.parametrize(
    ("name", "target", "data", "kept"),
    [
        ("forums:reply", "topic", {"body": "   ", "language": "en"}, None),
        ("forums:reply", "topic", {"body": "Kept reply", "language": "xx"}, "Kept reply"),
        ("forums:post_edit", "post", {"title": "Kept title words", "body": ""}, "Kept title words"),
        ("forums:post_report", "reply", {"reason": "boring", "note": "Kept note"}, "Kept note"),
        ("forums:topic_moderate", "topic", {"action": "move", "reason": "Kept reason"}, "Kept reason"),
        ("forums:post_sanction", "reply", {"kind": "suspend", "reason": "Kept reason"}, "Kept reason"),
        ("forums:post_unmask", "reply", {"reason": ""}, None),
        ("forums:members", "forum", {"handle": "nobody_here", "role": "moderator"}, "nobody_here"),
        ("forums:blocks", None, {"handle": "nobody_here"}, "nobody_here"),
        ("forums:forum_create", None, {"name": "Kept name", "slug": "search", "access": "public", "position": "0"},
         "Kept name"),
    ],
)  # fmt: skip
def test_every_form_refuses_bad_input_and_keeps_what_was_typed(
    staff_client, staff_member, public_forum, member, start_topic, reply, name, target, data, kept
):
    topic = start_topic(public_forum, staff_member)
    answer = reply(topic, member)
    args = {
        "topic": [topic.pk],
        "post": [topic.posts.get(number=1).pk],
        "reply": [answer.pk],
        "forum": [public_forum.slug],
        None: [],
    }[target]
    response = staff_client.post(reverse(name, args=args), data)
    assert response.status_code == 400, response.status_code
    assert "There is a problem" in response.text
    if kept:
        assert kept in response.text


def test_a_member_sees_their_own_reactions_pressed(client, public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, other_member)
    post = reply(topic, other_member)
    services.reaction_toggle(actor=member, post=post, kind="agree")
    services.reaction_toggle(actor=other_member, post=topic.posts.get(number=1), kind="thanks")
    client.force_login(member)
    page = client.get(reverse("forums:topic", args=[topic.pk])).text
    assert page.count('aria-pressed="true"') == 1
    pressed = page.index('aria-pressed="true"')
    assert page.rindex('id="post-2"', 0, pressed) > page.index('id="post-1"')
    assert page[pressed:].startswith('aria-pressed="true">Agree <span>1</span>')
    # Their author sees the counts of their posts' reactions, with no button to react.
    client.force_login(other_member)
    page = client.get(reverse("forums:topic", args=[topic.pk])).text
    assert "aria-pressed" not in page
    assert "<span>Thanks 1</span>" in page and "<span>Agree 1</span>" in page and "Insightful" not in page
