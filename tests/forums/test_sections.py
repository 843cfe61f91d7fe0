# ruff: noqa: F811 (fixtures imported from the other conftests)
"""The discussions the forums add to a practice's page and a city's page."""

import re

import pytest

from network.accounts.second_factor import acting_at_the_console
from network.forums import services
from network.forums.models import Access, MemberRole, Topic
from tests.cities.conftest import KINSHASA, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.factories import UserFactory
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums(staff_member, city_rep):
    """A public forum on the use of force, a members' forum and a working group of which `city_rep` is a member."""
    made = {
        "public": services.forum_create(
            actor=staff_member, slug="use-of-force", name="Use of force", access=Access.PUBLIC, theme="use_of_force"
        ),
        "members": services.forum_create(actor=staff_member, slug="lounge", name="Lounge", access=Access.MEMBERS),
        "group": services.forum_create(
            actor=staff_member, slug="mayors", name="Mayors", access=Access.GROUP, listed=True
        ),
    }
    services.member_add(actor=staff_member, forum=made["group"], user=city_rep, role=MemberRole.MEMBER)
    return made


def start(actor, forum, title: str, **attached) -> Topic:
    return services.topic_start(
        actor=acting_at_the_console(actor),
        forum=forum,
        title=title,
        body=f"What do you think of {title.lower()}?",
        limits=False,
        **attached,
    )


@pytest.fixture
def practice(publish):
    return publish(slug="duty-to-intervene", title="Duty to intervene")


@pytest.fixture
def discussed(forums, practice, city_rep, participant):
    for access in ("public", "members", "group"):
        author = city_rep if access == "group" else participant
        start(author, forums[access], f"Talk in the {access} forum", practice=practice)
    return practice


def _titles(text: str) -> set[str]:
    return set(re.findall(r"Talk in the (\w+) forum", text))


def test_a_visitor_sees_the_public_discussions_of_a_practice(client, discussed):
    text = client.get(discussed.get_absolute_url()).text
    assert 'id="section-discussions">Discussions</h2>' in text
    assert _titles(text) == {"public"}
    assert "Sign in to discuss this practice" in text and "/new/?practice=" not in text


def test_a_participant_also_sees_the_members_forum_but_not_a_group_they_are_not_in(client, discussed, outsider):
    client.force_login(outsider)
    assert _titles(client.get(discussed.get_absolute_url()).text) == {"public", "members"}


def test_a_working_group_member_sees_the_groups_discussions_too(client, discussed, city_rep):
    client.force_login(city_rep)
    assert _titles(client.get(discussed.get_absolute_url()).text) == {"public", "members", "group"}


def test_a_hidden_topic_is_not_listed(client, discussed, staff_member):
    topic = Topic.objects.get(title="Talk in the public forum")
    services.post_hide(actor=staff_member, post=topic.posts.get(number=1), reason="Spam")
    assert _titles(client.get(discussed.get_absolute_url()).text) == set()


def test_discuss_this_practice_opens_the_new_topic_page_of_its_themes_forum(client, discussed, outsider):
    client.force_login(outsider)
    text = client.get(discussed.get_absolute_url()).text
    link = f'href="/forums/use-of-force/new/?practice={discussed.slug}"'
    assert link in text and "Discuss this practice" in text
    page = client.get(f"/forums/use-of-force/new/?practice={discussed.slug}")
    assert page.status_code == 200 and "Duty to intervene" in page.text


def test_without_a_forum_of_its_theme_the_link_leads_to_the_forums(client, forums, publish, outsider):
    practice = publish(slug="koban", title="Koban", themes=["community_policing"])
    client.force_login(outsider)
    assert 'href="/forums/">Discuss this practice' in client.get(practice.get_absolute_url()).text


def test_the_practice_page_reads_the_discussions_in_a_fixed_number_of_queries(
    client, discussed, forums, participant, django_assert_num_queries
):
    for number in range(3):
        start(participant, forums["public"], f"More talk {number}", practice=discussed)
    # The page's nine queries (see tests/practices/test_pages.py) and the discussions.
    with django_assert_num_queries(10):
        response = client.get(discussed.get_absolute_url())
    assert response.text.count('<a href="/forums/topics/') == 4
    assert "/forums/search/?practice=" not in response.text
    for number in range(3, 10):
        start(participant, forums["public"], f"More talk {number}", practice=discussed)
    with django_assert_num_queries(10):
        response = client.get(discussed.get_absolute_url())
    # The ten most recent of the eleven a visitor may read, and the way to the others.
    assert response.text.count('<a href="/forums/topics/') == 10
    assert "More talk 9" in response.text and "Talk in the public forum" not in response.text
    assert 'href="/forums/search/?practice=duty-to-intervene"' in response.text
    client.force_login(participant)
    # + user, following?, the viewer's representations, groups for the header, unread count; and for the
    # forums' section the person's forum memberships and the forum where "discuss this practice" starts a topic;
    # the pledges that name the practice.
    with django_assert_num_queries(17):
        assert client.get(discussed.get_absolute_url()).status_code == 200


def test_a_city_page_lists_the_discussions_attached_to_the_city(client, forums, participant, city_rep, member_city):
    kinshasa = member_city(UserFactory(handle="kinshasa_lead"), KINSHASA)
    start(participant, forums["public"], "Talk in the public forum", city=kinshasa)
    start(city_rep, forums["group"], "Talk in the group forum", city=kinshasa)
    text = client.get(kinshasa.get_absolute_url()).text
    assert 'id="section-discussions">Discussions</h2>' in text
    assert _titles(text) == {"public"}
    client.force_login(city_rep)
    assert _titles(client.get(kinshasa.get_absolute_url()).text) == {"public", "group"}


def test_the_topic_list_names_each_topics_practice_and_city(client, forums, practice, member_city, participant):
    city = member_city(participant)
    start(participant, forums["public"], "On a practice in a city", practice=practice, city=city)
    for reader in ("a visitor", "a member"):
        if reader == "a member":
            client.force_login(participant)
        text = client.get("/forums/use-of-force/").text
        assert "Practice: Duty to intervene" in text, reader
        assert f"City: {city.name}" in text, reader
