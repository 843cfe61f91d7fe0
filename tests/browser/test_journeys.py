import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from network.accounts.models import User
from network.audit.services import audit_record
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_up_verifies_logs_in_and_switches_to_french(page):
    page.goto("/")
    page.get_by_role("link", name="Join the network").click()

    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_label("Public handle").fill("nadia_speaks")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-42")
    page.get_by_label("Password (again):").fill("a-long-passphrase-42")
    page.get_by_label("I take part as").select_option("activist")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/")

    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_label("Password").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("link", name=re.compile("nadia_speaks")).is_visible()
    assert User.objects.get(handle="nadia_speaks").email == "nadia@example.org"

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Aller au contenu principal").count() == 1
    assert page.csp_violations == []


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_public_pages_pass_the_accessibility_check(page, path):
    page.goto(path)
    assert_accessible(page)
    assert page.csp_violations == []


def test_the_account_pages_pass_the_accessibility_check(page, participant, password):
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    for path in [
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/data/",
        "/accounts/api-token/",
        "/accounts/delete/",
    ]:
        page.goto(path)
        assert_accessible(page)
    assert page.csp_violations == []


def test_the_french_pages_pass_the_accessibility_check(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    for path in ["/", "/accounts/login/", "/accounts/signup/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "fr"
        assert_accessible(page)


def test_the_home_page_fits_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_the_api_docs_load_under_the_content_security_policy(page):
    page.goto("/api/docs/")
    paths = page.locator(".opblock-summary-path")
    paths.first.wait_for()
    assert "/api/v1/me/" in paths.all_text_contents()
    # Swagger UI sets a few style attributes, which the policy blocks harmlessly; no script may be blocked.
    assert [violation for violation in page.csp_violations if "script-src" in violation] == []


def test_a_staff_member_sets_up_totp_before_reaching_staff_pages(page, staff_member, password):
    sign_in(page, staff_member, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto("/staff/")
    # Signed in a moment ago: no second password prompt, straight to setting up the authenticator.
    page.wait_for_url("**/accounts/2fa/totp/activate/?next=**")
    assert page.get_by_text("Staff pages need a second factor").is_visible()
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    # Setting it up proves the person holds it: they land on the staff page they asked for.
    page.wait_for_url("**/staff/")
    assert page.get_by_text("Your second factor is set up").is_visible()
    page.get_by_role("link", name="People and roles").click()
    assert page.get_by_role("row", name=re.compile("secretariat")).count() == 1
    assert staff_member.email not in page.content()
    assert_accessible(page)
    assert page.csp_violations == []


def test_a_person_adds_a_passkey_and_signs_in_with_it(page, participant, password, settings):
    # The live server speaks HTTP on localhost, which browsers count as secure; the server must agree.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    authenticator = page.context.new_cdp_session(page)
    authenticator.send("WebAuthn.enable")
    authenticator.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    # Signed in a moment ago: adding a key asks for no second password.
    page.goto("/accounts/2fa/webauthn/add/")
    assert_accessible(page)
    page.get_by_label("Name").fill("Laptop key")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=participant, type="webauthn").count() == 1

    page.context.clear_cookies()
    sign_in(page, participant, password)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    assert page.get_by_role("link", name=re.compile(participant.handle)).is_visible()
    assert page.csp_violations == []


def test_the_admin_site_works_under_the_content_security_policy(page, superuser, password, enable_totp):
    secret = enable_totp(superuser)
    audit_record(actor=superuser, action="test.admin.visit", target=superuser)
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Email").fill(superuser.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/admin/")
    for path in ["/admin/accounts/user/", "/admin/audit/auditentry/"]:
        page.goto(path)
        assert page.locator("#result_list").count() == 1, path
    assert page.csp_violations == []
