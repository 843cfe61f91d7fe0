"""What a person's data export holds of the forums: their own writing and choices, never a link between someone
else's pseudonym and their account."""

import json

import pytest

from network.accounts.exports import export_sections
from network.accounts.second_factor import acting_at_the_console
from network.forums import services
from network.forums.models import Access, MemberRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff_member):
    forum = services.forum_create(
        actor=staff_member,
        slug="protest-policing",
        name="Protest policing",
        access=Access.PUBLIC,
        pseudonyms_allowed=True,
    )
    circle = services.forum_create(actor=staff_member, slug="circle", name="Circle", access=Access.GROUP)
    writer = acting_at_the_console(UserFactory(handle="kin_veille"))
    hidden = acting_at_the_console(UserFactory(handle="hidden_author"))
    reader = acting_at_the_console(UserFactory(handle="plain_reader"))
    services.member_add(actor=staff_member, forum=circle, user=writer, role=MemberRole.MEMBER)
    topic = services.topic_start(
        actor=writer, forum=forum, title="Documenting protests", body="Strip the metadata first.", language="fr"
    )
    secret = services.post_reply(
        actor=hidden, topic=topic, body="Note the time apart from the video.", pseudonymous=True
    )
    mine = services.post_reply(actor=writer, topic=topic, body="Good advice.", quote_of=secret)
    services.post_edit(actor=writer, post=mine, body="Very good advice.")
    services.reaction_toggle(actor=writer, post=secret, kind="thanks")
    services.post_report(actor=reader, post=secret, reason="other", note="Just checking the queue.")
    services.read_mark(user=writer, topic=topic, number=3)
    services.block_create(actor=writer, blocked=reader)
    return {"writer": writer, "hidden": hidden, "reader": reader, "topic": topic, "secret": secret, "mine": mine}


def test_it_holds_the_persons_own_topics_posts_reactions_blocks_read_states_and_memberships(world):
    data = export_sections(world["writer"])["forums"]
    assert [t["title"] for t in data["topics"]] == ["Documenting protests"]
    assert [(p["number"], p["body"]) for p in data["posts"]] == [
        (1, "Strip the metadata first."),
        (3, "Very good advice."),
    ]
    assert data["posts"][1]["revisions"][0]["body"] == "Good advice."
    assert data["posts"][1]["quoting_post"] == world["secret"].pk
    assert data["reactions"] == [
        {"post": world["secret"].pk, "kind": "thanks", "created_at": data["reactions"][0]["created_at"]}
    ]
    assert [b["blocked"] for b in data["blocks"]] == ["plain_reader"]
    assert [(r["topic"], r["last_read_number"]) for r in data["read_states"]] == [(world["topic"].pk, 3)]
    assert [(m["forum"], m["role"]) for m in data["memberships"]] == [("circle", "member")]
    assert data["reports"] == []


def test_it_holds_the_reports_a_person_filed(world):
    reports = export_sections(world["reader"])["forums"]["reports"]
    assert [(r["post"], r["reason"], r["note"]) for r in reports] == [
        (world["secret"].pk, "other", "Just checking the queue.")
    ]


def test_a_pseudonymous_author_finds_their_own_pseudonym_in_their_export(world):
    posts = export_sections(world["hidden"])["forums"]["posts"]
    assert [p["pseudonym"] for p in posts] == [world["secret"].pseudonym] and world["secret"].pseudonym


@pytest.mark.parametrize("who", ["writer", "reader"])
def test_no_one_elses_export_links_the_pseudonym_to_its_author(world, who):
    # The writer quoted, reacted to and read the pseudonymous post; the reader reported it.
    text = json.dumps(export_sections(world[who]), default=str)
    hidden = world["hidden"]
    assert "hidden_author" not in text and hidden.email not in text
    assert world["secret"].pseudonym not in text
    assert f'"user": {hidden.pk}' not in text and f'"author": {hidden.pk}' not in text
