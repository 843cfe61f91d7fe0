"""A topic page keeps each post's header and body, the same for every reader, in the shared cache
(network/forums/fragments.py): a page renders them once for all its readers, and every change they show (an
edit, a changed handle or pseudonym, a hidden post, another language) is there on the very next request, while what
is the reader's own (the reactions they pressed, their buttons, the moderators' note) is never another's."""

import pytest

from network.forums import fragments, services
from network.forums.models import Post
from tests.forums.conftest import rename, signed_in

pytestmark = pytest.mark.page_cache


@pytest.fixture
def rendered(monkeypatch):
    """The posts whose shared parts were rendered rather than read from the cache, request by request."""
    seen = []
    render = fragments.render_posts

    def counting(posts, topic, first_number):
        seen.append(sorted(post.number for post in posts))
        return render(posts, topic, first_number)

    monkeypatch.setattr(fragments, "render_posts", counting)
    return seen


def test_it_renders_a_pages_shared_parts_once_for_all_its_readers(
    public_forum, member, other_member, third_member, start_topic, reply, rendered
):
    topic = start_topic(public_forum, member)
    reply(topic, other_member)
    reply(topic, third_member, body="Ours is in the union contract.")
    pages = [signed_in(person).get(topic.get_absolute_url()) for person in (member, other_member, third_member)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert rendered == [[1, 2, 3]]
    assert all("Ours is in the union contract." in page.text for page in pages)


def test_an_edit_shows_on_the_next_request(public_forum, member, other_member, start_topic, reply, rendered):
    topic = start_topic(public_forum, member)
    post = reply(topic, other_member, body="We wrote it into the general orders.")
    reader = signed_in(member)
    assert "general orders" in reader.get(topic.get_absolute_url()).text
    services.post_edit(actor=other_member, post=post, body="We wrote it into the union contract.")
    page = reader.get(topic.get_absolute_url()).text
    assert "union contract" in page and "general orders" not in page
    assert "edited once" in page
    assert rendered == [[1, 2], [1, 2]]


def test_a_changed_handle_and_a_changed_pseudonym_show_on_the_next_request(
    public_forum, member, other_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    masked = reply(topic, other_member, body="From a city that asked not to be named.", pseudonymous=True)
    reader = signed_in(member)
    page = reader.get(topic.get_absolute_url()).text
    assert "amara_k" in page and masked.pseudonym in page
    rename(member, "amara_k2")
    assert "amara_k2" in reader.get(topic.get_absolute_url()).text
    # Whatever writes the row: a new version of the forums part all the same.
    Post.objects.filter(pk=masked.pk).update(pseudonym="Quiet Heron 4")
    page = reader.get(topic.get_absolute_url()).text
    assert "Quiet Heron 4" in page and masked.pseudonym not in page


def test_a_hidden_post_is_hidden_on_the_next_request(
    public_forum, member, other_member, staff_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    post = reply(topic, other_member, body="A rumour about an officer.")
    reader, author = signed_in(member), signed_in(other_member)
    assert "A rumour about an officer." in reader.get(topic.get_absolute_url()).text
    assert "A rumour about an officer." in author.get(topic.get_absolute_url()).text
    services.post_hide(actor=staff_member, post=post, reason="Unverified claim")
    page = reader.get(topic.get_absolute_url()).text
    assert "A rumour about an officer." not in page
    assert "This post is hidden while the moderators review it." in page
    # Its author still reads it, with the moderators' reason: their own state, from the same kept parts.
    own = author.get(topic.get_absolute_url()).text
    assert "A rumour about an officer." in own and "Unverified claim" in own
    assert "forum-post-hidden" in own


def test_another_language_gets_its_own_parts(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member)
    reply(topic, other_member, body="From a city that asked not to be named.", pseudonymous=True)
    english = signed_in(member).get(topic.get_absolute_url()).text
    french = signed_in(member, accept_language="fr").get(topic.get_absolute_url()).text
    assert "(pseudonym)" in english and "(nom d'emprunt)" not in english
    assert "(nom d'emprunt)" in french and "(pseudonym)" not in french
    assert "(pseudonym)" in signed_in(member).get(topic.get_absolute_url()).text


def test_two_readers_never_get_each_others_reactions_or_buttons(
    public_forum, member, other_member, third_member, start_topic, reply, rendered
):
    topic = start_topic(public_forum, member)
    post = reply(topic, other_member)
    services.reaction_toggle(actor=member, post=post, kind="agree")
    url = topic.get_absolute_url()
    mine = signed_in(member).get(url).text
    theirs = signed_in(third_member).get(url).text
    authors = signed_in(other_member).get(url).text
    assert rendered == [[1, 2]]
    assert mine.count('aria-pressed="true"') == 1
    assert theirs.count('aria-pressed="true"') == 0 and theirs.count('aria-pressed="false"') == 8
    # The post's author reacts to nobody's post but the opening one, and edits their own.
    assert authors.count('aria-pressed="false"') == 4
    assert f"/forums/posts/{post.pk}/edit/" in authors
    assert f"/forums/posts/{post.pk}/edit/" not in mine and f"/forums/posts/{post.pk}/edit/" not in theirs
    opening = Post.objects.get(topic=topic, number=1)
    assert f"/forums/posts/{opening.pk}/edit/" in mine


def test_a_forums_rows_show_a_new_title_and_a_lock_on_the_next_request(
    public_forum, member, other_member, staff_member, start_topic, monkeypatch
):
    topic = start_topic(public_forum, member, title="Stop-and-search data")
    rendered = []
    render = fragments.render_topic_rows
    monkeypatch.setattr(fragments, "render_topic_rows", lambda topics: rendered.append(len(topics)) or render(topics))
    url = public_forum.get_absolute_url()
    assert "Stop-and-search data" in signed_in(member).get(url).text
    assert "Stop-and-search data" in signed_in(other_member).get(url).text
    assert rendered == [1]
    opening = Post.objects.get(topic=topic, number=1)
    services.post_edit(actor=member, post=opening, body=opening.body, title="Stop-and-search figures")
    page = signed_in(other_member).get(url).text
    assert "Stop-and-search figures" in page and "Stop-and-search data" not in page
    services.topic_lock(actor=staff_member, topic=topic, reason="Settled")
    assert "badge-declined" in signed_in(other_member).get(url).text


def test_two_readers_never_get_each_others_unread_counts(
    public_forum, member, other_member, third_member, start_topic, reply
):
    topic = start_topic(public_forum, member)
    reply(topic, other_member)
    url = public_forum.get_absolute_url()
    signed_in(third_member).get(topic.get_absolute_url())
    reply(topic, other_member, body="And a third post.")
    theirs = signed_in(third_member).get(url).text
    mine = signed_in(member).get(url).text
    assert "1 unread" in theirs and "badge-submitted" not in theirs
    # The author read up to their own opening post.
    assert "2 unread" in mine and "1 unread" not in mine
