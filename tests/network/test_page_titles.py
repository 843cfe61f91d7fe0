"""The document title names the page, then the site, with a separator between them on every page, the home page
included (never two titles run together)."""

import re

import pytest

from tests.factories import UserFactory


def _title(response) -> str:
    # As browsers show it: white space collapsed.
    return " ".join(re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).split())


def test_the_home_page_title_separates_the_site_from_its_tagline(client, db, settings):
    title = _title(client.get("/"))
    assert title == f"{settings.SITE_NAME} · A network of cities for just policing"


@pytest.mark.parametrize(
    ("path", "page_title"),
    [
        ("/cities/", "Member cities"),
        ("/practices/", "Practice library"),
        ("/accounts/login/", "Sign In"),
        ("/accounts/signup/", "Signup"),
    ],
)
def test_every_page_title_ends_with_the_site_after_a_separator(client, db, settings, path, page_title):
    assert _title(client.get(path)) == f"{page_title} · {settings.SITE_NAME}"


def test_a_signed_in_page_title_is_separated_too(client, db, settings):
    client.force_login(UserFactory())
    assert _title(client.get("/accounts/profile/")) == f"Profile and language · {settings.SITE_NAME}"
