# ruff: noqa: F811 (fixtures imported from the other conftests)
"""Exchange vetting through the browser: a representative proposes, staff screen and assign, an activist comments,
two reviewers recommend, staff decide with conditions and the register shows the decision; then a rejection's
letter and alternatives. Accessibility checked on each main page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from exchanges.models import Proposal
from network.accounts.roles import Role
from practices.services import adoption_record
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import GLASGOW, _media_in_a_temporary_folder, draft, member_city, submitted  # noqa: F401
from tests.conftest import _with_role, totp_code
from tests.exchanges.conftest import checklist, city, clean_partner, make_proposal, partner, reviewers  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_with_code(page, user, password, secret) -> None:
    sign_in(page, user, password)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


def test_an_exchange_is_proposed_vetted_and_decided_in_the_browser(
    browser, live_server, page, password, city, city_rep, clean_partner, staff_member, reviewers, participant,
    enable_totp,
):  # fmt: skip
    # The representative drafts a proposal; a wrong date is refused and what was typed stays.
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/exchanges/propose/{city.slug}/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Crisis team study visit")
    page.get_by_label("Partner agencies").select_option(label="Politie Amsterdam")
    page.get_by_label("Direction").select_option("mutual")
    page.get_by_label("Type").select_option("study_visit")
    page.get_by_label("Crisis intervention").check()
    page.get_by_label("First day").fill("2027-04-10")
    page.get_by_label("Last day").fill("2027-04-13")
    page.get_by_label("Number of officers").fill("-2")
    page.get_by_label("Objectives").fill("Learn how a crisis team answers mental-health calls.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.get_by_label("Title").input_value() == "Crisis team study visit"
    assert_accessible(page)
    page.get_by_label("Number of officers").fill("3")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r".*/exchanges/\d+/$"))
    page.get_by_role("link", name="Submit for vetting").click()
    page.get_by_role("button", name="Submit for vetting").click()
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    proposal = Proposal.objects.get()
    _sign_out(page)

    # Staff screen it, assign two reviewers and open the comment window.
    staff_secret = enable_totp(staff_member)
    _sign_in_with_code(page, staff_member, password, staff_secret)
    page.goto(f"/staff/exchanges/{proposal.pk}/")
    page.get_by_role("button", name="Start screening").click()
    for reviewer in reviewers[:2]:
        page.get_by_label("Reviewer").select_option(label=reviewer.handle)
        page.get_by_role("button", name="Assign", exact=True).click()
        expect(page.get_by_text("Recorded.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send to review").click()
    expect(page.get_by_text("In review", exact=True)).to_be_visible()
    _sign_out(page)

    # An activist comments during the window.
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/exchanges/{proposal.pk}/")
    page.get_by_label("Your comment (Markdown)").fill("Please ask how the **partner** trains for crises.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Thank you: your comment is recorded.")).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    # Two reviewers recommend, each blind to the other until they submit.
    for reviewer, recommendation in zip(
        reviewers[:2], ("Approve with conditions", "Approve with conditions"), strict=True
    ):
        secret = enable_totp(reviewer)
        _sign_in_with_code(page, reviewer, password, secret)
        page.goto("/staff/exchanges/reviews/")
        page.get_by_role("link", name="Crisis team study visit").click()
        expect(page.get_by_text("Please ask how the")).to_be_visible()
        for select in page.locator("select").all():
            select.select_option("4")
        for area in page.locator("textarea").all():
            area.fill("Weighed with care.")
        page.get_by_label(recommendation).check()
        assert_accessible(page)
        page.get_by_role("button", name="Submit my recommendation").click()
        expect(page.get_by_text("Your recommendation is recorded.")).to_be_visible()
        _sign_out(page)

    # Staff decide with a condition; the register shows it.
    _sign_in_with_code(page, staff_member, password, staff_secret)
    page.goto(f"/staff/exchanges/{proposal.pk}/")
    page.get_by_label("Approve with conditions").check()
    page.get_by_label("Rationale", exact=True).fill("Both reviewers agree, with an observer.")
    page.get_by_label("Public summary of the rationale").fill("Approved with an independent observer.")
    page.locator("#id_decide-condition_0_measure").fill("An independent observer attends.")
    page.locator("#id_decide-condition_0_owner").fill("Kampala Capital City Authority")
    page.locator("#id_decide-condition_0_due_on").fill("2027-04-01")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Recorded.")).to_be_visible()
    page.goto("/exchanges/")
    row = page.get_by_role("row").filter(has_text="Crisis team study visit")
    expect(row).to_contain_text("Approved with conditions")
    expect(row).to_contain_text("An independent observer attends.")
    assert_accessible(page)
    assert page.csp_violations == []


def test_a_rejection_offers_its_letter_and_alternatives(
    browser, live_server, page, password, make_proposal, city_rep, publish, member_city, staff_member
):
    practice = publish(title="Crisis teams", themes=["crisis_response"])
    host = member_city(_with_role("glasgow_lead", "lead@glasgow.example", Role.CITY_REPRESENTATIVE), GLASGOW)
    adoption_record(actor=staff_member, city=host, practice=practice, status="adopted")
    proposal = make_proposal("rejected", recommendations=("reject", "reject"))
    Proposal.objects.filter(pk=proposal.pk).update(letter_reasons="The curriculum teaches restraint holds.")
    sign_in(page, city_rep, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/exchanges/{proposal.pk}/")
    expect(page.get_by_role("heading", name="Letter to the partner agency")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Français").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "ne participera pas" in text and "restraint holds" in text
    expect(page.get_by_role("heading", name="Better alternatives in the library")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="start a study visit Glasgow").click()
    page.wait_for_url(re.compile(r".*/exchanges/propose/kampala-ug/\?practice=crisis-teams&host=glasgow-gb$"))
    assert page.get_by_label("Title").input_value() == "Study visit: Crisis teams"
