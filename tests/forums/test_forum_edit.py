"""Staff edit a forum after creating it: its name, description (its rules), who reads it — narrowed at any time,
widened only while it holds no topic — pseudonymity, theme and place; its address stays. Every change is audited;
everyone else is refused."""

import pytest

from network.audit.models import AuditEntry
from network.forums import services
from network.forums.errors import ForumConflict, ForumError
from network.forums.models import Access, Forum, MemberRole
from tests.transactions import InjectedFault, database_state, fail_at

pytestmark = pytest.mark.django_db


def _settings(forum: Forum, **changes) -> dict:
    values = {
        "name": forum.name,
        "description": forum.description,
        "access": forum.access,
        "pseudonyms_allowed": "on" if forum.pseudonyms_allowed else "",
        "theme": forum.theme,
        "position": str(forum.position),
        **changes,
    }
    return {key: value for key, value in values.items() if value != ""}


def test_staff_edit_a_forums_settings_and_the_change_is_audited(
    client, public_forum, staff_member, login_with_second_factor
):
    login_with_second_factor(staff_member)
    url = f"/forums/{public_forum.slug}/edit/"
    page = client.get(url)
    assert page.status_code == 200 and 'value="Use of force"' in page.text and 'name="slug"' not in page.text
    response = client.post(
        url,
        _settings(
            public_forum,
            name="  Use of   force policies ",
            description="## Rules\n\nBe kind. <script>alert(1)</script>",
            pseudonyms_allowed="",
            position="4",
        ),
    )
    assert response.status_code == 302 and response["Location"] == f"/forums/{public_forum.slug}/"
    forum = Forum.objects.get(pk=public_forum.pk)
    assert forum.name == "Use of force policies" and forum.slug == "use-of-force" and forum.position == 4
    assert forum.pseudonyms_allowed is False
    assert "<h2>Rules</h2>" in forum.description_html and "<script" not in forum.description_html
    entry = AuditEntry.objects.get(action="forums.forum.update")
    assert entry.actor_id == staff_member.pk
    assert set(entry.after) == {"name", "description", "pseudonyms_allowed", "position"}
    assert entry.before["name"] == "Use of force" and entry.after["pseudonyms_allowed"] is False
    shown = client.get(f"/forums/{forum.slug}/").text
    assert "<h1>Use of force policies</h1>" in shown and "<h2>Rules</h2>" in shown and "Forum settings" in shown
    # Saving the same settings again changes nothing and writes no audit row.
    client.post(url, _settings(forum))
    assert AuditEntry.objects.filter(action="forums.forum.update").count() == 1


def test_a_forum_is_narrowed_at_any_time_and_widened_only_while_empty(
    client, public_forum, members_forum, member, start_topic, staff_member, login_with_second_factor
):
    start_topic(members_forum, member)
    login_with_second_factor(staff_member)
    # Members only → public, with a topic in it: refused, the form kept as typed.
    response = client.post(
        f"/forums/{members_forum.slug}/edit/", _settings(members_forum, access="public", name="Open lounge")
    )
    assert response.status_code == 409 and "not opened to more readers" in response.text
    assert 'value="Open lounge"' in response.text
    assert Forum.objects.get(pk=members_forum.pk).access == Access.MEMBERS
    # Narrowed to a working group, listed: allowed.
    response = client.post(f"/forums/{members_forum.slug}/edit/", _settings(members_forum, access="group", listed="on"))
    assert response.status_code == 302
    narrowed = Forum.objects.get(pk=members_forum.pk)
    assert narrowed.access == Access.GROUP and narrowed.listed is True
    # An empty forum may be widened; `listed` means nothing outside a working group.
    empty = services.forum_create(actor=staff_member, slug="empty", name="Empty", access=Access.GROUP)
    assert client.post("/forums/empty/edit/", _settings(empty, access="public", listed="on")).status_code == 302
    widened = Forum.objects.get(pk=empty.pk)
    assert widened.access == Access.PUBLIC and widened.listed is False


def test_it_answers_bad_input_with_field_errors_and_keeps_what_was_typed(
    client, public_forum, staff_member, login_with_second_factor
):
    login_with_second_factor(staff_member)
    url = f"/forums/{public_forum.slug}/edit/"
    for changes, field in [
        ({"name": "", "description": "Kept rules"}, "name"),
        ({"name": "x" * 121, "description": "Kept rules"}, "name"),
        ({"access": "secret", "description": "Kept rules"}, "access"),
        ({"theme": "nonsense", "description": "Kept rules"}, "theme"),
        ({"position": "-1", "description": "Kept rules"}, "position"),
        ({"position": "many", "description": "Kept rules"}, "position"),
        ({"description": "Kept rules" + "x" * 5000}, "description"),
    ]:
        response = client.post(url, _settings(public_forum, **changes))
        assert response.status_code == 400, (changes, response.status_code)
        assert list(response.context["form"].errors) == [field], (changes, response.context["form"].errors)
        assert "Kept rules" in response.text
    assert not AuditEntry.objects.filter(action="forums.forum.update").exists()
    assert Forum.objects.get(pk=public_forum.pk).name == "Use of force"


def test_only_staff_edit_a_forum(client, public_forum, group_forum, group_moderator, member, staff_member):
    url = f"/forums/{public_forum.slug}/edit/"
    assert client.get(url).status_code == 302  # a visitor is sent to sign in
    services.member_add(actor=services.SYSTEM, forum=public_forum, user=member, role=MemberRole.MODERATOR)
    for person in (member, group_moderator, staff_member):  # staff without the second factor, too
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, _settings(public_forum, name="Taken over")).status_code == 403
    assert Forum.objects.get(pk=public_forum.pk).name == "Use of force"
    with pytest.raises(ForumError):
        services.forum_update(actor=member, forum=public_forum, name="Taken over", access=Access.PUBLIC)
    assert not AuditEntry.objects.filter(action="forums.forum.update").exists()


def test_the_service_refuses_a_widening_with_a_conflict(public_forum, members_forum, member, start_topic, staff_member):
    start_topic(members_forum, member)
    with pytest.raises(ForumConflict):
        services.forum_update(actor=staff_member, forum=members_forum, name="Lounge", access=Access.PUBLIC)


def test_a_failing_audit_step_leaves_the_forum_as_it_was(monkeypatch, public_forum, staff_member):
    before = database_state()
    fail_at(monkeypatch, services, "audit_record")
    with pytest.raises(InjectedFault):
        services.forum_update(actor=staff_member, forum=public_forum, name="Renamed", access=Access.MEMBERS)
    assert database_state() == before
    assert Forum.objects.get(pk=public_forum.pk).name == "Use of force"
