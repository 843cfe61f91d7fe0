"""Signing in, joining and asking for a new password: the same page for every visitor but for the form's token. The
page is kept with a mark where the token goes, and each response gets its own visitor's token: no token is ever
kept, served to someone else, or refused when a visitor sends the form of a page that came from the cache."""

import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from network import page_cache
from tests.factories import PASSWORD

pytestmark = pytest.mark.page_cache

HIT = page_cache.HIT_HEADER
FORM_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def token_of(response) -> str:
    (token,) = TOKEN.findall(response.text)
    return token


def kept_copy(url: str) -> bytes:
    """What the cache holds for a visitor asking for `url` in English."""
    with translation.override("en"):
        key = page_cache._key(RequestFactory().get(url))
    kept = cache.get(key)
    assert kept is not None, url
    return kept[3]


@pytest.mark.parametrize("url", FORM_PAGES)
def test_each_visitor_gets_the_kept_page_with_a_token_of_their_own(db, url):
    first, second = Client(), Client()
    one, two = first.get(url), second.get(url)
    assert (one.status_code, one[HIT], two.status_code, two[HIT]) == (200, "miss", 200, "hit")
    # Each has a token and the cookie it goes with; the rest of the page is the same.
    assert token_of(one) != token_of(two)
    assert "csrftoken" in one.cookies and "csrftoken" in two.cookies
    assert TOKEN.sub("", one.text) == TOKEN.sub("", two.text)
    assert int(two["Content-Length"]) == len(two.content)
    # The copy kept holds the mark, never a token.
    content = kept_copy(url)
    mark = page_cache.form_token_mark().encode()
    assert TOKEN.pattern.encode() and re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content) == [mark]
    assert token_of(one).encode() not in content and token_of(two).encode() not in content
    # Nor is the mark ever sent.
    assert page_cache.form_token_mark() not in one.text + two.text
    # Kept with the header that keeps every cache in between from keeping it.
    assert "no-store" in two["Cache-Control"] and "private" in two["Cache-Control"]


def test_a_visitor_signs_in_with_the_token_of_a_page_from_the_cache(participant):
    Client().get("/accounts/login/")
    visitor, stranger = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = visitor.get("/accounts/login/")
    assert page[HIT] == "hit"
    # Someone else's token does not go with this visitor's cookie.
    others = token_of(stranger.get("/accounts/login/"))
    refused = visitor.post("/accounts/login/", {"login": participant.email, "password": PASSWORD,
                                                "csrfmiddlewaretoken": others})  # fmt: skip
    assert refused.status_code == 403
    signed_in = visitor.post(
        "/accounts/login/",
        {"login": participant.email, "password": PASSWORD, "csrfmiddlewaretoken": token_of(page)},
    )
    assert signed_in.status_code == 302 and signed_in.url == "/"
    # Signed in, the form pages are their own: redirected, never kept nor served from the cache.
    mine = visitor.get("/accounts/login/")
    assert mine.status_code == 302 and HIT not in mine


def test_a_form_page_that_used_a_token_otherwise_is_not_kept(db, monkeypatch):
    from allauth.account.views import LoginView
    from django.middleware.csrf import get_token

    original = LoginView.get

    def get_with_a_token(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(LoginView, "get", get_with_a_token)
    for _ in range(2):
        response = Client().get("/accounts/login/")
        assert response.status_code == 200 and HIT not in response
        assert page_cache.form_token_mark() not in response.text and len(token_of(response)) == 64


def test_only_a_page_whose_every_token_is_the_mark_is_kept(rf):
    mark = page_cache.form_token_mark().encode()
    field = b'<input type="hidden" name="csrfmiddlewaretoken" value="%s">'
    request = rf.get("/accounts/login/")
    assert page_cache._keepable(request, HttpResponse(field % mark + field % mark), mark)
    assert not page_cache._keepable(request, HttpResponse(field % mark + field % (b"a" * 64)), mark)
    # A page without the hole is kept by the usual rule: no token at all.
    assert not page_cache._keepable(request, HttpResponse(field % mark))


def test_the_mark_comes_from_the_secret_key(settings):
    mark = page_cache.form_token_mark()
    settings.SECRET_KEY = "another-secret-key-that-is-long-enough-for-the-checks-0123456789"
    assert page_cache.form_token_mark() != mark and len(mark) == 64
