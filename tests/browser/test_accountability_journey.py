# ruff: noqa: F811 (fixtures imported from the other conftests)
"""Holding a pledge to account, in the browser: a city's representative pledges, an activist files a shadow report
under a pseudonym with its evidence, the city answers it once, and the public boards show the city's pledge with the
shadow report's verdict beside it. Accessibility checked on each page; the activist's handle appears nowhere."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices import pledge_services
from practices.models import Pledge, ShadowReport
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import GLASGOW, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.practices.conftest import activist, publish, second_curator  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


def test_a_city_pledges_an_activist_files_a_shadow_report_the_city_answers_and_the_board_shows_both(
    live_server, page, password, city_rep, staff_member, member_city, publish, activist
):
    city = member_city(city_rep, GLASGOW)
    publish(slug="duty-to-intervene", title="Duty to intervene")

    # The representative pledges from the city's page; staff publish it (their own journey is tested elsewhere).
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(city.get_absolute_url())
    page.get_by_role("link", name="Make a pledge").click()
    page.get_by_label("Duty to intervene").check()
    page.get_by_label("Adopted by").fill((timezone.localdate() + timedelta(days=200)).isoformat())
    page.get_by_label("Planned steps").fill("Write the duty to intervene into the general orders.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r".*/practices/pledges/\d+/$"))
    page.get_by_role("button", name="Submit to staff").click()
    expect(page.get_by_text("Waiting for staff", exact=True)).to_be_visible()
    _sign_out(page)
    pledge = pledge_services.pledge_publish(actor=staff_member, pledge=Pledge.objects.get())

    # An activist files a shadow report under a pseudonym; what is missing is said and what was typed stays.
    sign_in(page, activist, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(pledge.get_absolute_url())
    page.get_by_role("link", name="File a shadow report").click()
    assert_accessible(page)
    page.get_by_label("Delayed").check()
    page.locator("#id_statement").fill("No officer has been **trained** yet.")
    page.get_by_label("File it under a pseudonym").check()
    page.get_by_role("button", name="Publish the shadow report").click()
    expect(page.get_by_text("at least one piece of evidence").first).to_be_visible()
    assert page.locator("#id_statement").input_value() == "No officer has been **trained** yet."
    page.get_by_label("Link").first.fill("https://example.org/council-minutes")
    page.get_by_label("What it is").first.fill("Council minutes, March")
    page.get_by_role("button", name="Publish the shadow report").click()
    page.wait_for_url(re.compile(r".*/practices/pledges/\d+/#shadow-\d+$"))
    report = ShadowReport.objects.get()
    expect(page.get_by_text(f"By {report.pseudonym} (a pseudonym)")).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    # The city answers it, once.
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(pledge.get_absolute_url())
    page.get_by_role("link", name="Answer for the city").click()
    assert_accessible(page)
    page.get_by_label("The city's answer").fill("Training starts in May; the schedule is public.")
    page.get_by_role("button", name="Publish the answer").click()
    page.wait_for_url(re.compile(r".*/practices/pledges/\d+/.*"))
    expect(page.get_by_text("Training starts in May; the schedule is public.")).to_be_visible()
    expect(page.get_by_role("link", name="Answer for the city")).to_have_count(0)
    _sign_out(page)

    # Anyone reads the pledge with the city's status and the shadow report side by side, then the boards.
    page.goto(pledge.get_absolute_url())
    expect(page.locator("strong", has_text="trained")).to_be_visible()
    expect(page.get_by_text("Answer of Glasgow")).to_be_visible()
    body = page.content()
    assert activist.handle not in body and activist.affiliation not in body
    assert_accessible(page)
    page.get_by_role("link", name="The city on the accountability board").click()
    row = page.locator("tbody tr", has_text="1 practice")
    expect(row).to_contain_text("Open")
    expect(row).to_contain_text("Delayed")
    assert activist.handle not in page.content()
    assert_accessible(page)
    page.goto("/practices/board/")
    expect(page.locator("tr", has_text="Glasgow")).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []
