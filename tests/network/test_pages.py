import re

import pytest

from network.accounts.models import User


def test_the_home_page_says_what_the_network_is_for(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cities learning from each other" in response.text
    assert 'href="#main"' in response.text
    assert 'href="/accounts/signup/"' in response.text


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_home_page_links_only_to_pages_that_exist(client, participant, signed_in):
    if signed_in:
        client.force_login(participant)
    response = client.get("/")
    links = {link for link in re.findall(r'href="(/[^"#]*)"', response.text) if not link.startswith("/static/")}
    assert len(links) > 4
    for link in links:
        assert client.get(link).status_code == 200, link


def test_no_page_shows_another_persons_email(client, all_roles, login_with_second_factor):
    emails = {user.email for user in User.objects.all()}
    staff = all_roles["staff"]
    login_with_second_factor(staff)
    for path in ["/", "/staff/", "/staff/people/", "/staff/audit/", "/accounts/profile/", "/admin/accounts/user/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        shown = {email for email in emails - {staff.email} if email in response.text}
        assert shown == set(), path
    for user in all_roles.values():
        assert client.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200
        assert user.email not in client.get(f"/admin/accounts/user/{user.pk}/change/").text or user == staff


def test_an_unknown_page_answers_404_with_the_site_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_the_api_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "cdn" not in response.text.lower()
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me/" in schema.content
    for path in (
        b"/api/v1/practices/",
        b"/api/v1/collections/{slug}/matrix/",
        b"/api/v1/adoptions/",
        b"/api/v1/pledges/",
        b"/api/v1/pledges/{id}/reports/",
    ):
        assert path in schema.content


def test_the_admin_shows_no_emails_tokens_or_second_factors_even_to_a_superuser(
    client, superuser, participant, login_with_second_factor
):
    from network.accounts.services import api_token_rotate

    token, _key = api_token_rotate(actor=participant)
    login_with_second_factor(superuser)
    index = client.get("/admin/")
    assert index.status_code == 200
    for path in [
        "/admin/account/emailaddress/",
        "/admin/accounts/apitoken/",
        "/admin/mfa/authenticator/",
        "/admin/auth/group/",
    ]:
        assert client.get(path).status_code == 404, path
    for path in ["/admin/accounts/user/", f"/admin/accounts/user/{participant.pk}/change/", "/admin/audit/auditentry/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert participant.email not in response.text and token.digest not in response.text, path
    assert client.post(f"/admin/accounts/user/{participant.pk}/change/", {"is_active": ""}).status_code == 403
    participant.refresh_from_db()
    assert participant.is_active


def test_the_api_root_lists_its_resources(client, db):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json", secure=True)
    assert response.status_code == 200
    assert response.json() == {
        "me": "https://testserver/api/v1/me/",
        "cities": "https://testserver/api/v1/cities/",
        "my_applications": "https://testserver/api/v1/applications/mine/",
        "practices": "https://testserver/api/v1/practices/",
        "collections": "https://testserver/api/v1/collections/",
        "adoptions": "https://testserver/api/v1/adoptions/",
        "pledges": "https://testserver/api/v1/pledges/",
        "partners": "https://testserver/api/v1/partners/",
        "findings": "https://testserver/api/v1/findings/",
        "proposals": "https://testserver/api/v1/proposals/",
        "exchange_register": "https://testserver/api/v1/exchange-register/",
        "funding": "https://testserver/api/v1/funding/",
        "forums": "https://testserver/api/v1/forums/",
        "forum_search": "https://testserver/api/v1/forums/search/",
        "schema": "https://testserver/api/schema/",
        "docs": "https://testserver/api/docs/",
    }
    assert client.post("/api/v1/", secure=True).status_code == 405


def test_only_network_staff_see_the_staff_link(client, participant, staff_member, login_with_second_factor):
    client.force_login(participant)
    assert 'href="/staff/"' not in client.get("/").text
    client.logout()
    login_with_second_factor(staff_member)
    assert 'href="/staff/"' in client.get("/").text


def test_the_api_schema_is_valid_and_without_warnings(db, tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert b"/api/v1/practices/{slug}/" in (tmp_path / "schema.yml").read_bytes()
