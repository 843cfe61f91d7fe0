"""`{% url %}` looks a fixed address up once per process and is otherwise Django's own tag."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from network.templatetags import fixed_urls


def render(text: str, **context) -> str:
    return Template(text).render(Context(context))


@pytest.fixture
def calls(monkeypatch) -> list:
    """The arguments of every `reverse()` the tag makes."""
    made = []
    original = fixed_urls.reverse
    monkeypatch.setattr(fixed_urls, "reverse", lambda *args, **kwargs: made.append(args) or original(*args, **kwargs))
    return made


def test_it_gives_the_same_addresses_as_reverse(db):
    assert render("{% url 'home' %}") == reverse("home")
    assert render("{% url 'practices:detail' slug='ban-chokeholds' %}") == "/practices/ban-chokeholds/"
    assert render("{% url 'cities:detail' name %}", name="kampala-ug") == "/cities/kampala-ug/"
    assert render("{% url 'api_docs' as docs %}[{{ docs }}]") == "[/api/docs/]"


def test_it_looks_a_fixed_address_up_once(db, calls):
    fixed_urls._FIXED.clear()
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


def test_it_fills_in_whole_numbers_as_reverse_does(db):
    for pk in (0, 7, 2501, 123_456_789_012):
        assert render("{% url 'forums:topic' pk %}", pk=pk) == reverse("forums:topic", args=[pk])
        assert render("{% url 'forums:post_react' pk %}", pk=pk) == f"/forums/posts/{pk}/react/"
    assert render("{% url 'forums:post' 12 as link %}[{{ link }}]") == "[/forums/posts/12/]"


def test_it_reverses_a_numbered_address_once_per_name(db, calls):
    fixed_urls._NUMBERED.clear()
    pages = [render("{% url 'forums:topic' pk %}", pk=pk) for pk in (1, 2, 3)]
    assert pages == ["/forums/topics/1/", "/forums/topics/2/", "/forums/topics/3/"]
    assert calls == [("forums:topic",)]


def test_other_arguments_and_routes_go_through_reverse_every_time(db, calls):
    fixed_urls._NUMBERED.clear()
    # A `<str:…>` route, a keyword argument, a string of digits and a flag (which `reverse()` refuses) are not
    # filled in.
    assert render("{% url 'forums:topic_follow' 5 %}") == "/forums/topics/5/follow/"
    assert render("{% url 'forums:topic_follow' 6 %}") == "/forums/topics/6/follow/"
    assert render("{% url 'forums:topic' pk=8 %}") == "/forums/topics/8/"
    assert render("{% url 'forums:topic' '9' %}") == "/forums/topics/9/"
    with pytest.raises(NoReverseMatch):
        render("{% url 'forums:topic' flag %}", flag=True)
    assert fixed_urls._NUMBERED == {("forums:topic_follow", 1, None, None, "/"): None}
    # Only the route was tried once for a memo; the rest went to Django's own tag.
    assert calls == [("forums:topic_follow",)]


def test_a_number_a_route_refuses_is_still_an_error(db):
    with pytest.raises(NoReverseMatch):
        render("{% url 'forums:topic' -1 %}")
