"""The forum pages in a browser at 390 px, in each language: nothing sticks out to the right, each page passes the
accessibility check, and the pages work without any script of their own."""

import pytest
from django.urls import reverse

from network.forums import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.support import overflow as overflowing
from tests.browser.test_phone_width import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_forum_pages_fit_a_phone_and_pass_the_accessibility_check(
    page, live_server, public_forum, group_forum, member, other_member, start_topic, reply
):
    topic = start_topic(
        public_forum,
        member,
        title="Duty to intervene: how did your city write it into the general orders?",
        body="We wrote a **duty to intervene** into our orders. See [the text](https://example.org/orders).",
        pseudonymous=True,
    )
    first = reply(topic, other_member, body=f"Thanks @{member.handle}, a long word: {'x' * 80}")
    reply(topic, member, body="And a quote", quote_of=first)
    services.reaction_toggle(actor=other_member, post=topic.posts.get(number=1), kind="thanks")
    paths = [
        reverse("forums:index"),
        reverse("forums:forum", args=[public_forum.slug]),
        reverse("forums:forum", args=[group_forum.slug]),
        reverse("forums:topic", args=[topic.pk]),
        reverse("forums:topic_create", args=[public_forum.slug]),
        reverse("forums:reply", args=[topic.pk]) + f"?quote={first.pk}",
        reverse("forums:post_report", args=[first.pk]),
        reverse("forums:post_history", args=[first.pk]),
        reverse("forums:blocks"),
    ]
    page.set_viewport_size(PHONE)
    sign_in(page, other_member, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    problems: list[str] = []
    for language in ("en", "fr", "es"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, f"{language} {path}: {response.status}"
            overflow = overflowing(page)
            if overflow:
                problems.append(f"{language} {path}: {', '.join(overflow)}")
            try:
                assert_accessible(page)
            except AssertionError as error:
                problems.append(f"{language} {path}: {error}")
    assert problems == [], "\n".join(problems)
    assert page.csp_violations == []


def test_a_reply_with_a_quote_works_without_javascript(
    browser, live_server, settings, public_forum, member, other_member, start_topic
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    topic = start_topic(public_forum, member)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, other_member, PASSWORD)
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.goto(reverse("forums:topic", args=[topic.pk]))
        page.get_by_role("link", name="Quote #1").click()
        page.get_by_role("textbox", name="Message").fill("Quoted without a script")
        page.get_by_role("button", name="Post the reply").click()
        page.wait_for_url(lambda url: "#post-2" in url)
        assert "Quoted without a script" in page.content()
        assert page.locator("blockquote.forum-quote").count() == 1
    finally:
        context.close()
