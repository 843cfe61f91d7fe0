"""A mayor's office applies: a draft saved and finished later, submitted to staff, edited and resubmitted."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cities import services
from cities.errors import MoveNotAllowed
from cities.models import City, MembershipApplication
from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from tests.cities.conftest import COMMITMENTS, KAMPALA, OFFICE, TBILISI, letter


def test_it_starts_a_draft_for_a_city_found_in_the_gazetteer(participant):
    application = services.application_create(actor=participant, geonames_id=TBILISI)
    assert application.status == "draft"
    city = application.city
    assert (city.name, city.country_code, city.region, city.slug) == ("Tbilisi", "GE", "asia", "tbilisi-ge")
    assert city.time_zone == "Asia/Tbilisi" and city.population > 1_000_000
    assert city.membership_status == "not_member"
    assert AuditEntry.objects.filter(action="cities.application.create").count() == 1


def test_starting_again_returns_the_open_application(participant):
    first = services.application_create(actor=participant, geonames_id=TBILISI)
    assert services.application_create(actor=participant, geonames_id=TBILISI) == first
    assert City.objects.filter(geonames_id=TBILISI).count() == 1


def test_the_database_holds_one_open_application_per_applicant_and_city(participant):
    first = services.application_create(actor=participant, geonames_id=TBILISI)
    with pytest.raises(IntegrityError):
        MembershipApplication.objects.create(applicant=participant, city=first.city)


def test_it_refuses_a_place_not_in_the_gazetteer(participant):
    with pytest.raises(ValidationError):
        services.application_create(actor=participant, geonames_id=1)


def test_it_refuses_to_start_for_a_city_that_is_already_a_member(outsider, participant, member_city):
    member_city(participant, TBILISI)
    with pytest.raises(MoveNotAllowed, match="already a member"):
        services.application_create(actor=outsider, geonames_id=TBILISI)


def test_a_draft_may_be_incomplete_but_cannot_be_submitted_so(participant):
    application = services.application_create(actor=participant, geonames_id=KAMPALA)
    application = services.application_update(actor=participant, application=application, office_name="City Hall")
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=participant, application=application)
    missing = set(refused.value.message_dict)
    assert missing == {"office_address", "office_website", "applicant_position", "official_email", "letter"} | set(
        COMMITMENTS
    )
    application.refresh_from_db()
    assert application.status == "draft"


def test_submitting_tells_staff_and_is_audited(participant, staff_member, draft, django_capture_on_commit_callbacks):
    application = draft(participant)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(actor=participant, application=application)
    application.refresh_from_db()
    assert application.status == "submitted" and application.submitted_at is not None
    event = Event.objects.get(kind="cities.application_submitted")
    assert event.audience == {"name": "permission", "permission": "cities.review_application"}
    assert Notification.objects.filter(event=event, recipient=staff_member).exists()
    assert not Notification.objects.filter(event=event, recipient=participant).exists()
    entry = AuditEntry.objects.get(action="cities.application.submit")
    assert (entry.before, entry.after) == ({"status": "draft"}, {"status": "submitted"})


def test_only_the_applicant_submits(participant, outsider, draft):
    application = draft(participant)
    with pytest.raises(MoveNotAllowed):
        services.application_submit(actor=outsider, application=application)


def test_nobody_else_edits_and_a_submitted_application_is_frozen(participant, outsider, submitted):
    application = submitted(participant)
    for person in (participant, outsider):
        with pytest.raises(MoveNotAllowed):
            services.application_update(actor=person, application=application, office_name="Changed")


def test_a_submitted_application_cannot_be_submitted_again(participant, submitted):
    application = submitted(participant)
    with pytest.raises(MoveNotAllowed, match="can be submitted"):
        services.application_submit(actor=participant, application=application)


def test_it_warns_when_the_official_email_is_not_on_the_websites_domain(participant, draft):
    assert not draft(
        participant, office_website="https://www.kampala.go.ug", official_email="m@kcca.kampala.go.ug"
    ).email_domain_differs
    application = draft(participant, TBILISI, office_website="https://tbilisi.gov.ge/", official_email="m@gmail.com")
    assert application.email_domain_differs
    assert (application.email_domain, application.website_domain) == ("gmail.com", "tbilisi.gov.ge")


# --- In the browser's terms: the pages ------------------------------------------------------------------------


def test_the_apply_page_finds_the_city_with_a_plain_search_form(client, participant):
    client.force_login(participant)
    response = client.get("/cities/apply/", {"q": "Kinsh"})
    assert response.status_code == 200
    assert 'value="2314302"' in response.text and "Kinshasa, Congo - Kinshasa" in response.text


def test_the_apply_page_asks_to_sign_in(client, db):
    response = client.get("/cities/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_choosing_a_city_opens_the_draft(client, participant):
    client.force_login(participant)
    response = client.post("/cities/apply/", {"place": KAMPALA})
    application = MembershipApplication.objects.get(applicant=participant)
    assert response.status_code == 302 and response.url == f"/cities/applications/{application.pk}/edit/"


def test_choosing_nothing_says_so(client, participant):
    client.force_login(participant)
    response = client.post("/cities/apply/", {})
    assert response.status_code == 400
    assert "Find your city, then choose it." in response.text
    assert client.post("/cities/apply/", {"place": "1"}).status_code == 400


def test_a_draft_is_saved_and_finished_later(client, participant):
    client.force_login(participant)
    client.post("/cities/apply/", {"place": KAMPALA})
    application = MembershipApplication.objects.get(applicant=participant)
    url = f"/cities/applications/{application.pk}/edit/"
    response = client.post(url, {"office_name": "Kampala Capital City Authority", "action": "save"})
    assert response.status_code == 302
    assert "Kampala Capital City Authority" in client.get(url).text

    form = {**OFFICE, **dict.fromkeys(COMMITMENTS, "on"), "letter": letter(), "action": "submit"}
    response = client.post(url, form)
    assert response.status_code == 302 and response.url == f"/cities/applications/{application.pk}/"
    application.refresh_from_db()
    assert application.status == "submitted"
    assert client.get(url).status_code == 409  # no longer editable
    assert "Submitted" in client.get(f"/cities/applications/{application.pk}/").text


def test_submitting_an_incomplete_form_shows_what_is_missing(client, participant, draft):
    application = draft(participant, commits_vet_exchanges=False)
    client.force_login(participant)
    form = {**OFFICE, "commits_use_of_force_policy": "on", "action": "submit"}
    response = client.post(f"/cities/applications/{application.pk}/edit/", form)
    assert response.status_code == 400
    assert "Every commitment of the charter is required." in response.text
    application.refresh_from_db()
    assert application.status == "draft"


def test_the_form_warns_about_an_email_on_another_domain(client, participant, draft):
    application = draft(participant, official_email="mayor@gmail.com")
    client.force_login(participant)
    response = client.get(f"/cities/applications/{application.pk}/edit/")
    assert 'id="email-domain-warning"' in response.text and "gmail.com" in response.text


def test_bad_input_is_answered_with_field_errors(client, participant, draft):
    application = draft(participant)
    client.force_login(participant)
    response = client.post(
        f"/cities/applications/{application.pk}/edit/",
        {"office_website": "not a url", "official_email": "nope", "action": "save"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"office_website", "official_email"}


def test_someone_elses_application_is_not_found(client, participant, outsider, city_rep, draft):
    application = draft(participant)
    for person in (outsider, city_rep):
        client.force_login(person)
        for path in ("", "edit/"):
            assert client.get(f"/cities/applications/{application.pk}/{path}").status_code == 404


def test_my_applications_lists_only_mine(client, participant, outsider, draft, django_assert_num_queries):
    draft(participant, KAMPALA)
    draft(participant, TBILISI)
    draft(participant, 2314302)
    draft(outsider, KAMPALA)
    client.force_login(participant)
    # user, count, page (with cities), groups for the header, unread notifications.
    with django_assert_num_queries(5):
        response = client.get("/cities/applications/")
    assert response.text.count("/cities/applications/") >= 3
    assert "Tbilisi" in response.text and "Kinshasa" in response.text


def test_the_application_pages_do_not_accept_other_methods(client, participant, draft):
    application = draft(participant)
    client.force_login(participant)
    assert client.put(f"/cities/applications/{application.pk}/edit/").status_code == 405
    assert client.post(f"/cities/applications/{application.pk}/").status_code == 405


def test_attaching_and_replacing_the_letter_are_audited(participant, draft, django_capture_on_commit_callbacks):
    application = draft(participant)
    first_name = application.letter.name
    attached = AuditEntry.objects.get(action="cities.application.letter_attach", target_id=str(application.pk))
    assert attached.actor == participant
    with django_capture_on_commit_callbacks(execute=True):
        services.application_update(actor=participant, application=application, letter=letter(name="second.pdf"))
    replaced = AuditEntry.objects.get(action="cities.application.letter_replace", target_id=str(application.pk))
    assert replaced.actor == participant
    stored = MembershipApplication.objects.get(pk=application.pk)
    assert replaced.data == {"city": "Kampala", "size": stored.letter.size}
    assert stored.letter.name != first_name and not stored.letter.storage.exists(first_name)
