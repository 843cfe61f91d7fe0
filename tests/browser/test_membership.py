"""A mayor's office joins through the browser: sign-up, the application (a draft finished later), staff approval,
the lead inviting a colleague, and the colleague's first sign-in; accessibility and CSP checked on each page."""

import re

import pytest
from django.core import mail

from cities.models import City, MembershipApplication, Representative
from tests.browser.conftest import assert_accessible, sign_in
from tests.cities.conftest import pdf_bytes
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-passphrase-42"


def _mail_to(address: str):
    return [message for message in mail.outbox if address in message.to][-1]


def _sign_up(page, email: str, handle: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Public handle").fill(handle)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_label("I take part as").select_option("public_official")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", _mail_to(email).body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/**")


def _sign_in(page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_mayors_office_joins_and_its_lead_invites_a_colleague(browser, live_server, page, staff_member, password):
    # The mayor's office signs up.
    _sign_up(page, "mayor@kampala.example", "kampala_mayor")
    _sign_in(page, "mayor@kampala.example")

    # It finds its city in the directory's "apply" link, typing the start of its name.
    page.get_by_role("link", name="Cities", exact=True).click()
    page.wait_for_url("**/cities/")
    assert_accessible(page)
    page.get_by_role("link", name="Apply for your city").click()
    page.wait_for_url("**/cities/apply/")
    page.get_by_label("City name").press_sequentially("Kampa", delay=50)
    page.get_by_role("radio", name=re.compile("^Kampala, Uganda")).wait_for()
    # Nothing is chosen for the person: they choose.
    assert not page.get_by_role("radio", name=re.compile("^Kampala, Uganda")).is_checked()
    page.get_by_role("radio", name=re.compile("^Kampala, Uganda")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Start the application").click()
    page.wait_for_url(re.compile(r".*/cities/applications/\d+/edit/$"))

    # A first draft, saved.
    page.get_by_label("Name of the office").fill("Kampala Capital City Authority")
    page.get_by_label("Postal address of the office").fill("City Hall\nPlot 1-3 Apollo Kaggwa Road")
    page.get_by_label("Official website").fill("https://www.kcca.go.ug/")
    page.get_by_label("Your position in the office").fill("Chief of staff")
    page.get_by_label("Official email address").fill("mayor@gmail.example")
    page.get_by_label("Letter of commitment (PDF, at most 10 MB)").set_input_files(
        {"name": "commitment.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Your draft has been saved.").wait_for()
    assert page.get_by_text("not on the website's domain kcca.go.ug").count() == 1
    assert_accessible(page)

    # Later, it comes back, mends the address and takes on the charter.
    page.goto("/")
    page.goto("/cities/applications/")
    page.get_by_role("link", name="Kampala", exact=True).click()
    page.get_by_role("link", name="Continue the application").click()
    page.get_by_label("Official email address").fill("mayor@kcca.go.ug")
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name="Submit the application").click()
    page.get_by_text("Your application has been submitted.").wait_for()
    assert page.get_by_text("Submitted", exact=True).count() == 1
    application = MembershipApplication.objects.get(applicant__handle="kampala_mayor")
    assert application.status == "submitted" and application.letter.name.startswith("letters/")
    assert page.csp_violations == []

    # Staff, with their second factor, approve it.
    secret = _enable_totp(staff_member)
    staff = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    staff.csp_violations = []
    staff.on("console", lambda m: "Content Security Policy" in m.text and staff.csp_violations.append(m.text))
    sign_in(staff, staff_member, password)
    staff.get_by_label("Code").fill(totp_code(secret))
    staff.get_by_role("button", name="Sign In").click()
    staff.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    staff.goto("/staff/")
    staff.get_by_role("link", name="Membership applications").click()
    assert_accessible(staff)
    staff.get_by_role("link", name="Kampala", exact=True).click()
    assert staff.get_by_text("an address on kcca.go.ug").count() == 1
    assert "mayor@kcca.go.ug" not in staff.content()
    assert_accessible(staff)
    staff.get_by_role("button", name="Approve").click()
    staff.get_by_text("Your decision has been recorded").wait_for()
    assert staff.csp_violations == []
    staff.context.close()

    city = City.objects.get(slug="kampala-ug")
    assert city.membership_status == "member"

    # The lead sees the news and invites a colleague from the city's page.
    page.goto("/notifications/")
    page.get_by_role("link", name=re.compile("Kampala is now a member")).click()
    page.goto(city.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Invite or remove representatives").click()
    assert_accessible(page)
    page.get_by_label("Your colleague's email address").fill("deputy@kcca.go.ug")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("The invitation is on its way.").wait_for()
    # The mail links to SITE_URL: in the browser tests, the live server.
    body = _mail_to("deputy@kcca.go.ug").body
    assert f"{live_server.url}/cities/invitations/" in body
    link = re.search(r"/cities/invitations/\S+/", body).group(0)
    assert page.csp_violations == []

    # The colleague opens the link, creates an account, signs in for the first time and accepts.
    colleague = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    colleague.csp_violations = []
    colleague.on("console", lambda m: "Content Security Policy" in m.text and colleague.csp_violations.append(m.text))
    colleague.goto(link)
    assert colleague.get_by_text("kampala_mayor invites you to represent Kampala").count() == 1
    assert_accessible(colleague)
    # "Create an account" keeps the invitation: the address is filled in, and confirming it leads back here.
    colleague.get_by_role("link", name="Create an account").click()
    assert colleague.get_by_label("Email").input_value() == "deputy@kcca.go.ug"
    colleague.get_by_label("Public handle").fill("kampala_deputy")
    colleague.get_by_label("Password:", exact=True).fill(PASSWORD)
    colleague.get_by_label("Password (again):").fill(PASSWORD)
    colleague.get_by_role("button", name="Sign Up").click()
    colleague.wait_for_url("**/accounts/confirm-email/")
    confirmation = re.search(r"/accounts/confirm-email/\S+/", _mail_to("deputy@kcca.go.ug").body).group(0)
    colleague.goto(confirmation)
    colleague.get_by_role("button", name="Confirm").click()
    colleague.wait_for_url(f"**{link}")
    colleague.get_by_role("link", name="Sign in to accept").click()
    _sign_in(colleague, "deputy@kcca.go.ug")
    colleague.wait_for_url("**/cities/invitations/**")
    colleague.get_by_role("button", name="Accept and represent Kampala").click()
    colleague.wait_for_url(f"**{city.get_absolute_url()}")
    colleague.get_by_text("Welcome: you now represent Kampala.").wait_for()
    assert colleague.get_by_role("link", name="Add a police agency").count() == 1
    assert "deputy@kcca.go.ug" not in colleague.content()
    assert colleague.csp_violations == []
    assert set(Representative.objects.filter(city=city).values_list("user__handle", "is_lead")) == {
        ("kampala_mayor", True),
        ("kampala_deputy", False),
    }


def _enable_totp(user) -> str:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_the_directory_fits_a_phone_and_its_map_has_a_name(page, live_server, participant):
    from cities import services

    services.city_for_place(geonames_id=611717)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/cities/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("group", name=re.compile("Map of 0 member cities")).count() == 1
    assert_accessible(page)
    # The directory opens on the members; the others are one choice away.
    page.get_by_label("Membership").select_option("")
    page.get_by_label("Name", exact=True).fill("tbil")
    page.get_by_role("link", name="Tbilisi").wait_for()
    assert page.csp_violations == []


def test_the_application_form_fits_a_phone(page, participant, password):
    from cities import services

    application = services.application_create(actor=participant, geonames_id=611717)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/cities/applications/{application.pk}/edit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.goto("/cities/tbilisi-ge/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Follow Tbilisi").click()
    page.get_by_role("button", name="Stop following Tbilisi").wait_for()
    assert page.get_by_text("1 follower", exact=True).count() == 1
    assert_accessible(page)
    assert page.csp_violations == []
