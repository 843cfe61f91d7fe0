"""The post search page keeps what it shows below the site's frame in the shared cache, once for every reader of the
same class (`selectors.reading_class`: staff moderators, visitors, and the others by the forums they are members
of and their role there): the search runs and renders once for all of them. A reader of another class never gets
it (a working group's posts, a hidden post shown to its forum's moderators), every change the results show (a new
post, an edit, a hidden post, a changed handle) is there on the very next request, and each language and each
address has its own."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from network.forums import search, services
from tests.forums.conftest import rename, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

URL = "/forums/search/?q=koban"


def unmarked(text: str) -> str:
    return text.replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def searched(monkeypatch):
    """The queries whose results were searched and rendered rather than read from the cache, one per search."""
    seen = []
    content = search._content

    def counting(query, user):
        seen.append(query.urlencode())
        return content(query, user)

    monkeypatch.setattr(search, "_content", counting)
    return seen


@pytest.fixture
def koban_topics(public_forum, group_forum, group_moderator, member, start_topic):
    public = start_topic(public_forum, member, title="Koban posts in our city", body="The koban works well here.")
    group = start_topic(group_forum, group_moderator, title="Budget", body="The koban budget is confidential.")
    return public, group


def test_members_who_read_the_same_forums_share_one_search_and_each_keeps_their_own_frame(
    koban_topics, member, other_member, third_member, searched
):
    pages = [signed_in(person).get(URL) for person in (member, other_member, third_member)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert searched == ["q=koban"]
    for page, person in zip(pages, (member, other_member, third_member), strict=True):
        assert "Koban posts in our city" in unmarked(page.text)
        assert "1 post found" in page.text
        # The frame is each reader's own: their handle, never another's.
        assert f"({person.handle})" in page.text
        others = {member, other_member, third_member} - {person}
        assert all(f"({other.handle})" not in page.text for other in others)


def test_a_reader_of_another_class_never_gets_the_results_kept_for_one(
    koban_topics, member, group_member, group_moderator, staff_member, login_with_second_factor, searched
):
    _public, group = koban_topics
    # A working group's member first: their class's results hold the group's post.
    assert "koban budget is confidential" in unmarked(signed_in(group_member).get(URL).text)
    # A member of no group, a visitor, then the staff moderator, at the same address.
    assert "koban budget" not in unmarked(signed_in(member).get(URL).text)
    assert "koban budget" not in unmarked(Client().get(URL).text)
    staff = Client()
    login_with_second_factor(staff_member, client=staff)
    assert "koban budget" in unmarked(staff.get(URL).text)
    # A hidden post: its forum's moderator finds it, marked hidden; the group's other members no longer do.
    opening = group.posts.get(number=1)
    services.post_hide(actor=group_moderator, post=opening, reason="Figures not final")
    moderators = signed_in(group_moderator).get(URL).text
    assert "koban budget" in unmarked(moderators)
    assert '<span class="badge">hidden</span>' in moderators
    members = signed_in(group_member).get(URL).text
    assert "koban budget" not in unmarked(members)
    assert '<span class="badge">hidden</span>' not in members
    # One search per class and per version of the data: group member, member, visitor (its own whole page),
    # staff; after the hide, the moderator's class and the member's.
    assert len(searched) == 6


def test_a_new_post_an_edit_and_a_changed_handle_show_on_the_next_request(
    koban_topics, public_forum, member, other_member, reply, searched
):
    public, _group = koban_topics
    reader = signed_in(other_member)
    assert "1 post found" in reader.get(URL).text
    assert "1 post found" in reader.get(URL).text
    assert len(searched) == 1
    answer = reply(public, other_member, body="Our koban opened on Monday.")
    assert "2 posts found" in reader.get(URL).text
    services.post_edit(actor=other_member, post=answer, body="Our police box opened on Monday.")
    assert "1 post found" in reader.get(URL).text
    rename(member, "amara_koban")
    page = reader.get(URL).text
    assert "amara_koban" in page
    assert len(searched) == 4


def test_each_language_and_each_address_has_its_own(koban_topics, member, searched):
    reader = signed_in(member)
    assert "Search the forums" in reader.get(URL).text
    french = signed_in(member, accept_language="fr").get(URL).text
    assert "Rechercher dans les forums" in french and "Search the forums" not in french
    assert "Search the forums" in reader.get(URL).text
    newest = reader.get(URL + "&sort=newest")
    assert newest.status_code == 200
    assert 'value="newest" selected' in newest.text
    assert len(searched) == 3


def test_bad_input_is_answered_400_with_its_error_every_time_and_keeps_what_was_typed(member, searched):
    reader = signed_in(member)
    for _ in range(2):
        page = reader.get("/forums/search/?q=koban+officers&since=last+week")
        assert page.status_code == 400
        assert "Enter a valid date." in page.text
        assert 'value="koban officers"' in page.text
        assert 'value="last week"' in page.text
    assert len(searched) == 1


def test_a_kept_search_costs_the_frame_and_the_readers_memberships_only(koban_topics, member):
    reader = signed_in(member)
    reader.get(URL)
    with CaptureQueriesContext(connection) as kept:
        assert reader.get(URL).status_code == 200
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in kept.captured_queries]
    assert not any("forums_post" in table or "forums_topic" in table for table in tables), tables
    assert len(kept) == 4, [query["sql"] for query in kept.captured_queries]
