# ruff: noqa: F811 (fixtures imported from the other conftests)
"""A pledge through the browser: a city's representative pledges (a past date is refused and what was typed stays),
staff publish it, the city reports its progress, and the public pledge page shows the report with its date.
Accessibility checked on each page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.models import Pledge
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import GLASGOW, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.conftest import totp_code
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


def test_a_city_pledges_staff_publish_and_the_city_reports_in_the_browser(
    live_server, page, password, city_rep, staff_member, member_city, publish, enable_totp
):
    city = member_city(city_rep, GLASGOW)
    publish(slug="duty-to-intervene", title="Duty to intervene")
    publish(slug="ban-chokeholds", title="Ban chokeholds")
    publish(slug="koban", title="Koban")

    # The representative pledges from the city's page.
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(city.get_absolute_url())
    page.get_by_role("link", name="Make a pledge").click()
    assert_accessible(page)
    page.get_by_label("Duty to intervene").check()
    page.get_by_label("Ban chokeholds").check()
    page.get_by_label("Adopted by").fill("2001-01-01")
    page.get_by_label("Planned steps").fill("Rewrite the use-of-force directive by spring.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The date must be in the future.").first).to_be_visible()
    assert page.get_by_label("Planned steps").input_value() == "Rewrite the use-of-force directive by spring."
    assert_accessible(page)
    target = timezone.localdate() + timedelta(days=200)
    page.get_by_label("Adopted by").fill(target.isoformat())
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r".*/practices/pledges/\d+/$"))
    page.get_by_role("button", name="Submit to staff").click()
    expect(page.get_by_text("Waiting for staff", exact=True)).to_be_visible()
    pledge = Pledge.objects.get()
    assert sorted(pledge.items.values_list("practice__slug", flat=True)) == ["ban-chokeholds", "duty-to-intervene"]
    _sign_out(page)

    # Staff publish it from their queue.
    secret = enable_totp(staff_member)
    sign_in(page, staff_member, password)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    page.goto("/staff/practices/pledges/")
    assert_accessible(page)
    page.get_by_role("link", name="Glasgow").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("span.status", has_text="Published")).to_be_visible()
    _sign_out(page)

    # The city reports its progress; a report without each practice's status is refused.
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(pledge.get_absolute_url())
    page.get_by_role("link", name="Report progress").click()
    assert_accessible(page)
    page.locator("#id_text").fill("The draft directive is out for **comment**.")
    page.get_by_role("button", name="Publish the report").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.locator("#id_text").input_value() == "The draft directive is out for **comment**."
    page.get_by_label("Duty to intervene").select_option("piloting")
    page.get_by_label("Ban chokeholds").select_option("considering")
    page.get_by_role("button", name="Publish the report").click()
    page.wait_for_url(re.compile(r".*/practices/pledges/\d+/$"))
    _sign_out(page)

    # Anyone reads the pledge, the city's report and its date; the city's page lists the pledge.
    page.goto(pledge.get_absolute_url())
    expect(page.get_by_role("heading", name="Pledge of Glasgow")).to_be_visible()
    expect(page.locator("strong", has_text="comment")).to_be_visible()
    expect(page.locator(f'time[datetime="{timezone.localdate().isoformat()}"]')).to_be_visible()
    expect(page.get_by_text("Piloting").first).to_be_visible()
    assert_accessible(page)
    page.goto(city.get_absolute_url())
    expect(page.get_by_text("0 of 2 adopted and verified")).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []
