import re

import pytest

from network.accounts.roles import Role
from network.accounts.services import role_grant
from network.notifications.kinds import kinds_reaching
from network.notifications.models import Delivery, Preference
from network.notifications.services import notify
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bell_counts_unread_notifications_and_follows_what_is_read(page, participant, staff_member, password):
    role_grant(actor=staff_member, user=participant, role=Role.CITY_REPRESENTATIVE, reason="Approved")
    notify(
        kind="accounts.security",
        recipients=[participant],
        target_url="/accounts/email/",
        data={"change": "password_changed"},
    )
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    bell = page.get_by_role("link", name="Notifications: 2 unread")
    assert bell.is_visible()
    bell.click()
    page.wait_for_url("**/notifications/")
    assert_accessible(page)

    # Marking one as read updates the item in place (htmx) and the bell follows.
    page.get_by_role("button", name=re.compile("Mark as read.*Your password was changed")).click()
    page.get_by_role("link", name="Notifications: 1 unread").wait_for()
    assert page.get_by_role("button", name=re.compile("Mark as read")).count() == 1
    # The swapped-in bell listens for events only once htmx has settled it (htmx-added is then removed).
    page.wait_for_function("!document.querySelector('#notification-bell.htmx-added')")

    # Something new happens while the page is open: the bell picks it up when it refreshes.
    notify(kind="accounts.security", recipients=[participant], data={"change": "webauthn_added"})
    page.evaluate("document.body.dispatchEvent(new Event('notifications-changed'))")
    page.get_by_role("link", name="Notifications: 2 unread").wait_for()

    page.get_by_role("button", name="Mark all as read").click()
    page.get_by_role("link", name="Notifications: none unread").wait_for()
    # Opening one goes to what it is about.
    page.get_by_role("link", name="Your password was changed.").click()
    page.wait_for_url("**/accounts/email/")
    assert page.csp_violations == []


def test_a_person_chooses_a_daily_digest_on_the_preferences_page(page, participant, password, monkeypatch):
    from network.notifications import kinds
    from tests.notifications.kinds_for_tests import UPDATE, UPDATE_KIND

    monkeypatch.setitem(kinds._KINDS, UPDATE, UPDATE_KIND)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/notifications/preferences/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_label("Email for: News from what you follow").select_option("daily")
    page.get_by_role("checkbox", name=re.compile("News from what you follow")).uncheck()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("Your choices have been saved.").wait_for()
    preference = Preference.objects.get(user=participant, kind=UPDATE)
    assert (preference.in_app, preference.email) == (False, "daily")
    assert page.get_by_label("Email for: News from what you follow").input_value() == "daily"
    # What a person must hear of (security notices, role decisions, decisions on their applications …), as the
    # parts registered it: each such kind that can reach them says it cannot be turned off.
    mandatory = [kind for kind in kinds_reaching(participant) if not kind.optional]
    assert len(mandatory) >= 4
    assert page.get_by_text("you cannot turn this off").count() == len(mandatory)
    assert page.csp_violations == []


def test_staff_see_and_retry_failed_email(page, staff_member, participant, password, enable_totp):
    secret = enable_totp(staff_member)
    notify(kind="accounts.security", recipients=[participant], data={"change": "password_changed"})
    Delivery.objects.filter(recipient=participant).update(
        status="failed", attempts=8, last_error="SMTPServerDisconnected"
    )
    sign_in(page, staff_member, password)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    page.goto("/staff/")
    page.get_by_role("link", name="Email delivery").click()
    page.get_by_label("Status").select_option("failed")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/staff/notifications/?status=failed**")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Retry")).click()
    page.get_by_text("The email is queued again.").wait_for()
    assert Delivery.objects.get(recipient=participant).status == "sent"
    assert page.csp_violations == []
