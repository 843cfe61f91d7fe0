# ruff: noqa: F811 (fixtures imported from the other conftests)
"""Funding through the browser: staff add an opportunity (a bad link is refused and what was typed stays), a city
proposes an exchange funded by it, and once the exchange is approved the register totals what the funder paid for.
Accessibility checked on each page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from exchanges import services
from exchanges.models import FundingOpportunity, Proposal
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.conftest import totp_code
from tests.exchanges.conftest import checklist, city, clean_partner, partner, reviewers  # noqa: F401
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


def test_staff_add_an_opportunity_a_city_is_funded_by_it_and_the_register_totals_it(
    live_server, page, password, city, city_rep, clean_partner, staff_member, reviewers, enable_totp
):
    # Staff add the opportunity; a link that is not http(s) is refused and what was typed stays.
    secret = enable_totp(staff_member)
    sign_in(page, staff_member, password)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    page.goto("/exchanges/funding/")
    assert_accessible(page)
    page.get_by_role("link", name="Add an opportunity").click()
    page.get_by_label("Funder:", exact=True).fill("Ministry of Foreign Affairs of Norway")
    page.get_by_label("Kind of funder").select_option("foreign_ministry")
    page.get_by_label("Programme").fill("Police reform exchanges")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Smallest grant").fill("5000")
    page.get_by_label("Largest grant").fill("50000")
    page.get_by_label("Deadline").fill(date(date.today().year + 1, 3, 1).isoformat())
    page.get_by_label("Who is eligible").fill("Member cities with a civilian oversight body.")
    page.get_by_label("Link").fill("ftp://ministry.example/call")
    page.get_by_role("button", name="Add the opportunity").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.get_by_label("Programme").input_value() == "Police reform exchanges"
    assert_accessible(page)
    page.get_by_label("Link").fill("https://ministry.example/call")
    page.get_by_role("button", name="Add the opportunity").click()
    page.wait_for_url(re.compile(r".*/exchanges/funding/\d+/$"))
    expect(page.get_by_role("heading", name="Police reform exchanges")).to_be_visible()
    assert_accessible(page)
    opportunity = FundingOpportunity.objects.get()
    _sign_out(page)

    # The city proposes an exchange funded by it; an amount above the range is refused.
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/exchanges/propose/{city.slug}/")
    page.get_by_label("Title").fill("Crisis team study visit")
    page.get_by_label("Partner agencies").select_option(label="Politie Amsterdam")
    page.get_by_label("Direction").select_option("mutual")
    page.get_by_label("Type").select_option("study_visit")
    page.get_by_label("Crisis intervention").check()
    page.get_by_label("First day").fill("2027-04-10")
    page.get_by_label("Last day").fill("2027-04-13")
    page.get_by_label("Objectives").fill("Learn how a crisis team answers mental-health calls.")
    page.get_by_label("Funding opportunity").select_option(str(opportunity.pk))
    page.get_by_label("Amount requested from the funder").fill("90000")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("This funder grants at most 50000.00 EUR.")).to_be_visible()
    assert page.get_by_label("Title").input_value() == "Crisis team study visit"
    page.get_by_label("Amount requested from the funder").fill("18000")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r".*/exchanges/\d+/$"))
    expect(page.get_by_text("Ministry of Foreign Affairs of Norway").first).to_be_visible()
    page.get_by_role("link", name="Submit for vetting").click()
    page.get_by_role("button", name="Submit for vetting").click()
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    _sign_out(page)

    # Vetting approves it (through the services the staff and reviewer pages call, tested on their own).
    proposal = services.proposal_screen(actor=staff_member, proposal=Proposal.objects.get())
    for person in reviewers[:2]:
        services.reviewer_assign(actor=staff_member, proposal=proposal, reviewer=person)
    proposal = services.proposal_open_review(actor=staff_member, proposal=proposal)
    for person in reviewers[:2]:
        services.review_submit(actor=person, proposal=proposal, checklist=checklist(), recommendation="approve")
    services.proposal_decide(actor=staff_member, proposal=proposal, move="approve", rationale="Weighed.")

    # The register totals what the funder paid for, and the opportunity's page lists the exchange.
    page.goto("/exchanges/")
    totals = page.locator("#funding-totals")
    expect(totals).to_contain_text("Ministry of Foreign Affairs of Norway: 18000.00 EUR")
    expect(totals).to_contain_text("Foreign ministry: 18000.00 EUR")
    assert_accessible(page)
    page.get_by_role("link", name="Ministry of Foreign Affairs of Norway").first.click()
    page.wait_for_url(re.compile(r".*/exchanges/funding/\d+/$"))
    expect(page.get_by_role("link", name="Crisis team study visit")).to_be_visible()
    assert_accessible(page)
