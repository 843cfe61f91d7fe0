# ruff: noqa: F811 (fixtures imported from the forums' conftest)
"""Deleting an account that wrote in discussions others took part in: the person's forum topics and posts and their
shadow reports stay where others read and answered them, signed by the placeholder account; neither their handle nor
their affiliation stays on any page; a member of staff who sanctioned someone can delete their account too."""

from django.test import Client

from network.accounts.deletion import DELETED_HANDLE, placeholder_account
from network.accounts.models import User
from network.forums import services as forum_services
from network.forums.models import Post, Sanction, Topic
from practices.models import ShadowReport
from tests.forums.conftest import public_forum, seasoned  # noqa: F401


def _delete_through_the_page(client, user, password, reauthenticate) -> None:
    client.force_login(user)
    reauthenticate()
    response = client.post("/accounts/delete/", {"password": password, "confirm": "on"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_person_who_posted_and_filed_a_shadow_report_can_delete_their_account(
    client, password, reauthenticate, activist, file_shadow, public_forum, published_pledge
):
    other = seasoned("luis_r")
    topic = forum_services.topic_start(
        actor=activist, forum=public_forum, title="Stop-and-search data", body="Who publishes it?", limits=False
    )
    forum_services.post_reply(actor=other, topic=topic, body="Our city does, monthly.", limits=False)
    signed = file_shadow(activist)

    _delete_through_the_page(client, activist, password, reauthenticate)

    placeholder = User.objects.get(handle=DELETED_HANDLE)
    assert not placeholder.is_active and not placeholder.has_usable_password()
    assert Topic.objects.get(pk=topic.pk).author_id == placeholder.pk
    assert list(Post.objects.filter(topic=topic).values_list("author__handle", flat=True).order_by("number")) == [
        DELETED_HANDLE,
        "luis_r",
    ]
    report = ShadowReport.objects.get(pk=signed.pk)
    assert (report.author_id, report.signed_handle, report.signed_affiliation) == (placeholder.pk, DELETED_HANDLE, "")
    for url in (topic.get_absolute_url(), published_pledge.get_absolute_url(), "/forums/search/?q=publishes"):
        body = Client().get(url).text
        assert "watchful_owl" not in body and "Kampala Police Watch" not in body, url
    assert DELETED_HANDLE in Client().get(topic.get_absolute_url()).text


def test_a_pseudonymous_report_keeps_its_pseudonym_and_staff_who_sanctioned_can_leave(
    client, password, reauthenticate, activist, file_shadow, staff_member
):
    report = file_shadow(activist, pseudonymous=True)
    offender = seasoned("loud_voice")
    forum_services.member_warn(actor=staff_member, user=offender, forum=None, reason="Keep it civil.")

    _delete_through_the_page(client, activist, password, reauthenticate)
    kept = ShadowReport.objects.get(pk=report.pk)
    assert kept.pseudonym == report.pseudonym and kept.signed_handle == ""

    staff_client = Client()
    _delete_through_the_page(staff_client, staff_member, password, lambda: reauthenticate(client=staff_client))
    assert Sanction.objects.get().by_id == placeholder_account().pk


def test_nobody_can_choose_the_placeholders_handle(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "handle": DELETED_HANDLE,
            "password1": "a-long-pass-phrase-1",
            "password2": "a-long-pass-phrase-1",
        },
    )
    assert response.status_code == 200 and "This handle is reserved" in response.text
    assert not User.objects.filter(handle=DELETED_HANDLE).exists()
