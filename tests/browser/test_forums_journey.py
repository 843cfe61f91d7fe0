# ruff: noqa: F811 (fixtures imported from the other conftests)
"""The forums through the browser: an activist opens a topic on a practice from the practice's page, a city
representative replies quoting it and mentioning the activist, a third person reports the reply, a moderator hides
it and restores it, and the practice's page lists the topic. Accessibility and the CSP are checked on each page."""

import re

import pytest
from playwright.sync_api import expect

from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from network.forums import services
from network.forums.models import Access, MemberRole, Post, Report, Topic
from network.notifications.models import Notification
from tests.browser.conftest import assert_accessible, sign_in
from tests.forums.conftest import seasoned
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Duty to intervene: what does it take beyond the policy text?"
OPENING = "Which cities trained officers to intervene, and how do they record each intervention?"
REPLY = "@river_watch we record each intervention on the use-of-force report itself."


@pytest.fixture
def cast(publish):
    practice = publish(slug="duty-to-intervene", title="Duty to intervene", themes=["use_of_force"])
    forum = services.forum_create(
        actor=SYSTEM, slug="use-of-force", name="Use of force", access=Access.PUBLIC, theme="use_of_force"
    )
    moderator = seasoned("forum_mod")
    services.member_add(actor=SYSTEM, forum=forum, user=moderator, role=MemberRole.MODERATOR)
    representative = acting_at_the_console(
        role_grant(actor=SYSTEM, user=seasoned("minneapolis_office"), role=Role.CITY_REPRESENTATIVE, reason="set-up")
    )
    return {
        "practice": practice,
        "activist": seasoned("river_watch"),
        "representative": representative,
        "reporter": seasoned("claire_p"),
        "moderator": moderator,
    }


def _as(browser, live_server, user, password):
    """A browser window of its own for each person, signed in."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
    )
    sign_in(page, user, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _moderate(page, post: Post, action: str, reason: str) -> None:
    page.get_by_role("link", name=f"Moderate #{post.number}").click()
    page.wait_for_url(f"**/forums/posts/{post.pk}/moderate/")
    assert_accessible(page)
    page.get_by_label(action).check()
    page.get_by_label("Reason (the person concerned reads it)").fill(reason)
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Done; the author is told, and the decision is in the audit log.")).to_be_visible()


def test_a_topic_on_a_practice_is_discussed_reported_hidden_restored_and_listed(
    browser, live_server, page, cast, password
):
    practice = cast["practice"]

    # The activist starts a topic from the practice's page.
    activist = _as(browser, live_server, cast["activist"], password)
    activist.goto(practice.get_absolute_url())
    activist.get_by_role("link", name="Discuss this practice").click()
    activist.wait_for_url(f"**/forums/use-of-force/new/?practice={practice.slug}")
    expect(activist.get_by_text("This topic discusses the practice “Duty to intervene”")).to_be_visible()
    assert_accessible(activist)
    activist.get_by_label("Title:", exact=True).fill(TITLE)
    activist.get_by_label("Message:", exact=True).fill(OPENING)
    activist.get_by_role("button", name="Start the topic").click()
    activist.wait_for_url(re.compile(r".*/forums/topics/\d+/$"))
    expect(activist.get_by_role("heading", level=1)).to_have_text(TITLE)
    topic = Topic.objects.get(title=TITLE)
    assert topic.practice == practice and topic.author == cast["activist"]
    assert_accessible(activist)

    # A city representative replies, quoting the opening post and mentioning the activist.
    representative = _as(browser, live_server, cast["representative"], password)
    representative.goto(topic.get_absolute_url())
    representative.get_by_role("link", name="Quote #1").click()
    representative.wait_for_url(f"**/forums/topics/{topic.pk}/reply/?quote=*")
    assert_accessible(representative)
    representative.get_by_label("Message:", exact=True).fill(REPLY)
    representative.get_by_role("button", name="Post the reply").click()
    representative.wait_for_url(re.compile(rf".*/forums/topics/{topic.pk}/\?from=1#post-2$"))
    reply = Post.objects.get(topic=topic, number=2)
    assert reply.quote_of == topic.posts.get(number=1) and reply.author == cast["representative"]
    quote = representative.locator("#post-2 blockquote")
    expect(quote).to_contain_text("river_watch wrote (#1):")
    expect(quote).to_contain_text(OPENING)
    expect(representative.locator("#post-2 .prose").last).to_contain_text("we record each intervention")
    assert_accessible(representative)
    mention = Notification.objects.get(recipient=cast["activist"], event__kind="forums.mention")
    assert mention.event.data["author"] == "minneapolis_office"

    # A third person reports the reply.
    reporter = _as(browser, live_server, cast["reporter"], password)
    reporter.goto(topic.get_absolute_url())
    reporter.get_by_role("link", name="Report #2").click()
    reporter.wait_for_url(f"**/forums/posts/{reply.pk}/report/")
    assert_accessible(reporter)
    reporter.get_by_label("Abuse or harassment").check()
    reporter.get_by_label("Anything the moderators should know (optional)").fill("It singles out one person.")
    reporter.get_by_role("button", name="Send the report").click()
    expect(reporter.get_by_text("Thank you: the moderators will look at it.")).to_be_visible()
    assert Report.objects.get(post=reply).reporter == cast["reporter"]

    # The moderator finds it in the forum's queue, hides it, and a visitor no longer reads it.
    moderator = _as(browser, live_server, cast["moderator"], password)
    moderator.goto("/forums/use-of-force/moderation/")
    expect(moderator.get_by_text("It singles out one person.")).to_be_visible()
    assert_accessible(moderator)
    moderator.goto(topic.get_absolute_url())
    _moderate(moderator, reply, "Hide it", "Under review after a report.")
    expect(moderator.locator("#post-2")).to_contain_text("Hidden from others: Under review after a report.")
    page.goto(topic.get_absolute_url())
    expect(page.locator("#post-2")).to_contain_text("This post is hidden while the moderators review it.")
    expect(page.locator("#post-2")).not_to_contain_text("we record each intervention")

    # The moderator restores it; the visitor reads it again.
    _moderate(moderator, reply, "Show it / keep it (closes the reports)", "Nothing wrong with it after all.")
    page.goto(topic.get_absolute_url())
    expect(page.locator("#post-2")).to_contain_text("we record each intervention")
    reply.refresh_from_db()
    assert not reply.hidden and Report.objects.get(post=reply).resolved_at is not None

    # The practice's page lists the topic among its discussions.
    page.goto(practice.get_absolute_url())
    discussions = page.locator("section", has=page.get_by_role("heading", name="Discussions", exact=True))
    discussions.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{topic.get_absolute_url()}")
    page.goto(practice.get_absolute_url())
    assert_accessible(page)
    for window in (page, activist, representative, reporter, moderator):
        assert window.csp_violations == []
    for window in (activist, representative, reporter, moderator):
        window.context.close()
