"""A refused application form shows every error at once, in a summary that links to each field, keeps what was
typed, saves what was valid of a draft and says so, and puts each message beside its own box."""

import re

from cities.models import MembershipApplication
from tests.cities.conftest import COMMITMENTS, OFFICE, letter


def _post(client, application, data):
    return client.post(f"/cities/applications/{application.pk}/edit/", data)


def _blank_draft(participant):
    from cities import services
    from tests.cities.conftest import KAMPALA

    return services.application_create(actor=participant, geonames_id=KAMPALA)


def test_submitting_with_empty_fields_and_a_text_file_shows_every_error_at_once(client, participant):
    application = _blank_draft(participant)
    client.force_login(participant)
    text_file = letter(b"just some text, not a PDF", name="letter.pdf")
    response = _post(client, application, {"office_name": "City Hall", "letter": text_file, "action": "submit"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"letter", "office_address", "office_website", "applicant_position", "official_email"} <= set(errors)
    assert set(COMMITMENTS) <= set(errors)
    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S).group(0)
    assert 'role="alert"' in summary and "data-error-summary" in summary
    for field in ("letter", "office_address", "official_email", "commits_vet_exchanges"):
        assert f'href="#id_{field}"' in summary, field
    assert "This file is not a PDF document." in summary


def test_a_refused_file_does_not_lose_the_rest_of_the_draft(client, participant):
    application = _blank_draft(participant)
    client.force_login(participant)
    data = {**OFFICE, "letter": letter(b"not a pdf"), "action": "save"}
    response = _post(client, application, data)
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.office_name == OFFICE["office_name"] and application.official_email == OFFICE["official_email"]
    assert not application.letter
    assert 'id="draft-saved-partly"' in response.text and "not the file you chose" in response.text
    # What was typed is still in the form.
    assert f'value="{OFFICE["office_name"]}"' in response.text


def test_a_malformed_field_keeps_what_was_typed_and_saves_the_others(client, participant):
    application = _blank_draft(participant)
    client.force_login(participant)
    response = _post(client, application, {"office_name": "City Hall", "office_website": "not a url", "action": "save"})
    assert response.status_code == 400
    assert 'value="not a url"' in response.text
    application.refresh_from_db()
    assert application.office_name == "City Hall" and application.office_website == ""


def test_each_commitment_error_sits_beside_its_own_box(client, participant, draft):
    application = draft(participant, commits_vet_exchanges=False)
    client.force_login(participant)
    data = {**OFFICE, **dict.fromkeys(COMMITMENTS, "on"), "action": "submit"}
    del data["commits_vet_exchanges"]
    response = _post(client, application, data)
    assert response.status_code == 400
    group = re.search(r'<div class="field choice field-invalid">(.*?)</div>\s*$', response.text, re.S | re.M).group(1)
    assert 'id="id_commits_vet_exchanges"' in group
    assert "Every commitment of the charter is required." in group
    assert group.index('id="id_commits_vet_exchanges"') < group.index("Every commitment")
    assert 'aria-describedby="id_commits_vet_exchanges_error"' in group
    assert response.text.count("Every commitment of the charter is required.") == 2  # summary and beside the box
    assert MembershipApplication.objects.get(pk=application.pk).status == "draft"
