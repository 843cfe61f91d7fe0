"""`{% url %}` looks a fixed address up once per process and is otherwise Django's own tag."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from network.templatetags import fixed_urls


def render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_it_gives_the_same_addresses_as_reverse(db):
    assert render("{% url 'home' %}") == reverse("home")
    assert render("{% url 'practices:detail' slug='ban-chokeholds' %}") == "/practices/ban-chokeholds/"
    assert render("{% url 'cities:detail' name %}", name="kampala-ug") == "/cities/kampala-ug/"
    assert render("{% url 'api_docs' as docs %}[{{ docs }}]") == "[/api/docs/]"


def test_it_looks_a_fixed_address_up_once(db, monkeypatch):
    fixed_urls._FIXED.clear()
    calls = []
    original = fixed_urls.reverse
    monkeypatch.setattr(fixed_urls, "reverse", lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs))
    for _ in range(3):
        assert render("{% url 'healthz' %}") == "/healthz"
    assert calls == [("healthz",)]


def test_an_unknown_name_is_still_an_error_unless_kept_as_a_variable(db):
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")
    assert render("{% url 'no-such-page' as missing %}[{{ missing }}]") == "[]"


def test_a_new_urlconf_empties_the_memo(db, settings):
    render("{% url 'home' %}")
    assert fixed_urls._FIXED
    settings.ROOT_URLCONF = "network.urls"
    assert not fixed_urls._FIXED
