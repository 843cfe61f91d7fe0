"""A topic page's per-reader parts: each post's reactions and links as the reader may use them, and the blank reply
form drawn for the reader's language and choices."""

import re

import pytest
from django.urls import reverse

from network.forums import services
from tests.forums.conftest import seasoned, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(group_forum, group_moderator, group_member, start_topic, reply):
    opening = start_topic(group_forum, group_member, title="Budget talks", body="Where do we start?")
    reply(opening, group_moderator, body="With the overtime line.")
    reply(opening, group_member, body="Under a pseudonym, then.", pseudonymous=True)
    return opening


def posts_of(response) -> dict[int, str]:
    """Each post's markup by its number."""
    html = response.content.decode()
    return {
        int(number): body
        for number, body in re.findall(r'<article class="forum-post" id="post-(\d+)"(.*?)</article>', html, re.S)
    }


def links(article: str) -> list[str]:
    """The labels of a post's action links, in order."""
    actions = re.search(r'<p class="actions">(.*?)</p>', article, re.S).group(1)
    return re.findall(r'<a href="[^"]+">([^<]+)<span class="visually-hidden"> #\d+</span></a>', actions)


def test_a_member_reacts_to_and_quotes_others_and_edits_their_own(topic, group_member):
    posts = posts_of(signed_in(group_member).get(topic.get_absolute_url()))
    opening, moderators, pseudonymous = posts[1], posts[2], posts[3]
    # Their own posts: edit and delete, counts but no buttons.
    assert links(opening) == ["Quote", "Edit", "Delete"]
    assert "<button" not in opening.split('<p class="actions">')[0]
    assert links(pseudonymous) == ["Quote", "Edit", "Delete"]
    # Another's: a button per reaction kind, with the page's form token, and a report link.
    assert links(moderators) == ["Quote", "Report"]
    assert moderators.count('name="csrfmiddlewaretoken"') == 4
    first = topic.posts.order_by("number")[1]
    assert f'href="{reverse("forums:post_report", args=[first.pk])}"' in moderators
    assert f'action="{reverse("forums:post_react", args=[first.pk])}"' in moderators
    assert f'href="{reverse("forums:reply", args=[topic.pk])}?quote={first.pk}"' in moderators


def test_a_moderator_moderates_and_sanctions_every_post(topic, group_moderator):
    posts = posts_of(signed_in(group_moderator).get(topic.get_absolute_url()))
    assert links(posts[1]) == ["Quote", "Report", "Moderate", "Sanction the author"]
    assert links(posts[2]) == ["Quote", "Edit", "Delete", "Moderate", "Sanction the author"]


def test_staff_who_may_unmask_see_the_link_on_pseudonymous_posts_only(
    topic, group_forum, staff_member, client, login_with_second_factor
):
    services.member_add(actor=services.SYSTEM, forum=group_forum, user=staff_member)
    login_with_second_factor(staff_member)
    posts = posts_of(client.get(topic.get_absolute_url()))
    assert "Unmask" not in links(posts[1])
    assert links(posts[3])[-1] == "Unmask"


def test_a_locked_topic_offers_no_quote_nor_edit(topic, group_member, group_moderator):
    services.topic_lock(actor=group_moderator, topic=topic, reason="Settled.")
    response = signed_in(group_member).get(topic.get_absolute_url())
    posts = posts_of(response)
    assert links(posts[1]) == ["Delete"]
    assert links(posts[2]) == ["Report"]
    assert 'id="reply-title"' not in response.content.decode()


def test_a_visitor_reads_counts_and_no_links(public_forum, member, other_member, start_topic, client):
    opening = start_topic(public_forum, member)
    services.reaction_toggle(actor=other_member, post=opening.posts.get(), kind="thanks")
    article = posts_of(client.get(opening.get_absolute_url()))[1]
    assert links(article) == []
    assert "<button" not in article
    assert "<span>Thanks 1</span>" in article


def test_each_reader_gets_the_reply_form_for_their_language_and_choices(public_forum, member, start_topic, reply):
    opening = start_topic(public_forum, member)
    french_writer = seasoned("ecrit_fr", preferred_language="fr")
    reply(opening, french_writer, body="Sous un pseudonyme.", pseudonymous=True)
    selected = re.compile(r'<option value="(\w+)" selected>')
    pseudonym_box = re.compile(r'<input type="checkbox" name="pseudonymous"[^>]*>')

    def form(user, **headers):
        html = signed_in(user, **headers).get(opening.get_absolute_url()).content.decode()
        return html[html.index('id="reply-title"') :]

    for _ in range(2):  # drawn, then kept: the same each time
        mine = form(member)
        assert selected.findall(mine) == ["en"]
        assert "checked" not in pseudonym_box.search(mine).group(0)
        theirs = form(french_writer)
        assert selected.findall(theirs) == ["fr"]
        # They wrote under a pseudonym here: the box starts ticked for them.
        assert "checked" in pseudonym_box.search(theirs).group(0)
    # The same reader, the page in French: the form's labels in French.
    french_page = form(member, accept_language="fr")
    assert "Langue du message" in french_page
    assert selected.findall(french_page) == ["en"]


def test_a_forum_without_pseudonyms_offers_no_pseudonym_box(members_forum, member, start_topic):
    opening = start_topic(members_forum, member)
    html = signed_in(member).get(opening.get_absolute_url()).content.decode()
    assert 'name="body"' in html
    assert 'name="pseudonymous"' not in html
