"""The injection corpus (tests/security/injection_corpus.py: 67 payloads of script, handlers, URLs, SVG, breakouts,
templates and polyglots) written where people write in the forums — topic titles, post bodies, quoted replies —
then read back from every forum page, both feeds, the search page and the API: none of it becomes markup, an
attribute, a script or a link to run. Handles and reaction names cannot hold a payload at all: both are refused."""

import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from network.accounts.models import User
from network.forums.models import Reaction, Topic
from tests.security.injection_corpus import PAYLOADS

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "srcdoc"}
# Elements no page of ours holds: one found came from a payload (others are caught by their handlers and URLs).
DANGEROUS = {"iframe", "object", "embed", "base", "marquee", "math"}


class Injected(HTMLParser):
    """What a payload would leave in a document if it were rendered as markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if "pwned" in tag or tag in DANGEROUS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" and (value or "").lower() == "refresh" for name, value in attrs):
            self.found.append("<meta refresh>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or "pwned" in name or name == "srcdoc":
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag}[{name}={value[:20]}]")
            if tag == "script" and name == "src" and "pwned" in value:
                self.found.append("<script src=pwned>")
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "pwned" in data:
            self.found.append("script text")


def injected(html: str) -> list[str]:
    parser = Injected()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


@pytest.fixture
def written(public_forum, member, other_member, start_topic, reply):
    """Every payload as a topic title and a post body, some pseudonymous, with quoted replies."""
    topics = []
    for index, (_kind, payload) in enumerate(PAYLOADS):
        topic = start_topic(
            public_forum,
            member,
            title=f"pwned {index} {payload}"[:200],
            body=f"pwned {index} {payload}",
            pseudonymous=index % 5 == 0,
        )
        opening = topic.posts.get()
        reply(topic, other_member, body=f"{payload} quoting pwned {index}", quote_of=opening)
        topics.append(topic)
    return topics


def test_payloads_are_inert_in_pages_feeds_search_and_api(client, written, public_forum, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    pages = [
        "/forums/",
        f"/forums/{public_forum.slug}/",
        "/forums/search/?q=pwned",
        "/forums/search/?q=pwned&sort=newest",
        *[f"/forums/topics/{topic.pk}/" for topic in written],
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert injected(response.text) == [], url
        assert "7777778" not in response.text, url  # template syntax is never evaluated
    shown = client.get("/forums/search/?q=pwned").text
    assert "<mark>pwned</mark>" in shown and "&lt;" in shown  # the payloads are there, as text

    feeds = [f"/forums/{public_forum.slug}/feed.atom", *[f"/forums/topics/{topic.pk}/feed.atom" for topic in written]]
    titles = set()
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        for entry in ElementTree.fromstring(response.content).findall(f"{ATOM}entry"):
            titles.add(entry.findtext(f"{ATOM}title"))
            # What a feed reader renders as HTML: the sanitised body, the payload in it only as text.
            assert injected(entry.findtext(f"{ATOM}summary")) == [], url
    assert {topic.title for topic in Topic.objects.filter(pk__in=[topic.pk for topic in written])} <= titles

    api = APIClient()
    answers = [
        f"/api/v1/forums/{public_forum.slug}/topics/",
        "/api/v1/forums/search/?q=pwned",
        *[f"/api/v1/forums/topics/{topic.pk}/posts/" for topic in written],
    ]
    for url in answers:
        response = api.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json" and response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(response.content)
        for row in data["results"]:
            for field in ("body_html", "snippet", "title_snippet"):
                if field in row:
                    assert injected(row[field]) == [], (url, field)
    # JSON carries what was written exactly: the client that shows it must escape it, as these pages do.
    first = api.get(f"/api/v1/forums/topics/{written[1].pk}/posts/").json()["results"][0]
    assert first["body"] == f"pwned 1 {PAYLOADS[1][1]}"


@pytest.mark.parametrize(("kind", "payload"), PAYLOADS)
def test_a_handle_cannot_hold_a_payload(member, kind, payload):
    member.handle = payload[:30]
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert "handle" in refused.value.message_dict
    assert not User.objects.filter(handle=payload[:30]).exists()


def test_a_reaction_name_cannot_hold_a_payload(written, other_member):
    from network.accounts.services import api_token_rotate

    _token, key = api_token_rotate(actor=other_member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    post = written[0].posts.get(number=1)
    for _kind, payload in PAYLOADS:
        response = api.post(f"/api/v1/forums/posts/{post.pk}/reactions/", {"kind": payload}, format="json")
        assert response.status_code == 400 and "kind" in response.json()
    assert not Reaction.objects.exists()
    page = APIClient().get(f"/forums/topics/{written[0].pk}/")
    assert injected(page.content.decode()) == []
