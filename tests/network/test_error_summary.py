"""Every form of the platform, refused, opens with one summary of its errors that links to each field and is
announced (role="alert", focused by a static script: no inline script under the strict CSP); each message also
sits beside its own field and what was typed stays."""

import re

import pytest

from cities import services
from tests.cities.conftest import COMMITMENTS, OFFICE, TBILISI, letter


def _summary(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)
    assert match, "no error summary"
    summary = match.group(0)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "data-error-summary" in summary
    return summary


def test_the_sign_up_form_summarises_its_errors(client, db):
    response = client.post("/accounts/signup/", {"email": "not an address", "password1": "x", "password2": "y"})
    assert response.status_code == 200
    summary = _summary(response)
    assert 'href="#id_email"' in summary
    assert 'value="not an address"' in response.text


def test_the_profile_form_summarises_its_errors(client, participant):
    client.force_login(participant)
    response = client.post("/accounts/profile/", {"handle": "", "language": "xx"})
    summary = _summary(response)
    assert 'href="#id_handle"' in summary


def test_the_agency_form_summarises_its_errors_and_keeps_what_was_typed(
    client, participant, staff_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application = services.application_create(actor=participant, geonames_id=TBILISI)
    services.application_update(actor=participant, application=application, letter=letter(), **OFFICE, **COMMITMENTS)
    services.application_submit(actor=participant, application=application)
    city = services.application_approve(actor=staff_member, application=application).city
    client.force_login(participant)
    response = client.post(f"/cities/{city.slug}/agencies/create/", {"name": "City Police", "headcount": "many"})
    assert response.status_code == 400
    summary = _summary(response)
    assert 'href="#id_level"' in summary and 'href="#id_headcount"' in summary
    assert 'value="City Police"' in response.text
    # Each message beside its own box, tied to it for screen readers.
    assert 'aria-describedby="id_headcount_error"' in response.text
    assert 'id="id_headcount_error"' in response.text


def test_the_suggestion_form_summarises_its_errors(client, participant):
    client.force_login(participant)
    response = client.post("/practices/suggest/", {})
    assert response.status_code == 400
    assert "<li><a href=" in _summary(response)


def test_a_valid_page_has_no_summary_and_the_focus_script_is_a_static_file(client, participant):
    client.force_login(participant)
    response = client.get("/accounts/profile/")
    assert "error-summary" not in response.text
    assert re.search(r'<script src="/static/js/forms(\.[0-9a-f]+)?\.js" defer></script>', response.text)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_summary_heading_is_translated(client, participant, language):
    client.force_login(participant)
    response = client.post("/accounts/profile/", {"handle": ""}, HTTP_ACCEPT_LANGUAGE=language)
    assert "There is a problem" not in _summary(response)


def test_an_account_page_that_draws_its_fields_one_by_one_summarises_them_once(client, participant):
    client.force_login(participant)
    response = client.post("/accounts/email/", {"action_add": "", "email": "not an address"})
    assert 'href="#id_email"' in _summary(response)
    assert response.text.count("data-error-summary") == 1


def test_a_form_drawn_whole_has_one_summary(client, db):
    response = client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    assert response.text.count("data-error-summary") == 1
