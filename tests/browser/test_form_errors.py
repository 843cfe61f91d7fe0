"""A refused form, in a browser: the error summary takes the focus (from a static script, under the strict CSP),
and each of its links moves the focus to its field."""

import pytest

from cities import services
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_summary_takes_the_focus_and_leads_to_each_field(page, participant, password, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = services.application_create(actor=participant, geonames_id=611717)
    sign_in(page, participant, password)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/cities/applications/{application.pk}/edit/")
    page.get_by_label("Name of the office").fill("Tbilisi City Hall")
    page.get_by_label("Letter of commitment (PDF, at most 10 MB)").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"plain text, not a PDF"}
    )
    page.get_by_role("button", name="Submit the application").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.get_by_role("link").count() >= 9  # the file, four empty fields, four commitments
    assert page.get_by_label("Name of the office").input_value() == "Tbilisi City Hall"
    summary.get_by_role("link", name="Official email address: This is needed before you submit.").click()
    assert page.evaluate("document.activeElement.id") == "id_official_email"
    assert_accessible(page)
    assert page.csp_violations == []
