"""Suggestions: anyone signed in suggests a practice; staff accept it as a draft (crediting the person), merge it
into an existing record, or decline it with a reason; the person is told."""

import pytest
from django.core.exceptions import ValidationError

from network.notifications.models import Event, Notification
from practices import notices, services
from practices.errors import MoveNotAllowed
from practices.models import Practice, Suggestion


def suggest(person, **fields) -> Suggestion:
    values = {
        "title": "Street triage",
        "summary": "Mental-health nurses ride with officers.",
        "where": "Leeds",
        "links": "https://example.org/evaluation",
    }
    return services.suggestion_create(actor=person, **{**values, **fields})


def test_staff_hear_of_a_suggestion(participant, staff_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        suggest(participant)
    event = Event.objects.get(kind=notices.SUGGESTION_RECEIVED)
    assert list(Notification.objects.filter(event=event).values_list("recipient_id", flat=True)) == [staff_member.pk]
    assert event.data == {"handle": "river_watch", "title": "Street triage"}


def test_accepting_makes_a_draft_that_credits_the_person(
    participant, staff_member, client, second_curator, django_capture_on_commit_callbacks
):
    suggestion = suggest(participant)
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.suggestion_accept(actor=staff_member, suggestion=suggestion)
    assert practice.status == "draft" and practice.suggested_by == participant
    assert list(practice.sources.values_list("url", flat=True)) == ["https://example.org/evaluation"]
    assert Suggestion.objects.get().status == "accepted"
    event = Event.objects.get(kind=notices.SUGGESTION_DECIDED)
    assert Notification.objects.filter(event=event, recipient=participant).exists()
    # Once published, the page credits the person by handle.
    services.practice_update(actor=staff_member, practice=practice, themes=["crisis_response"], rating="promising")
    services.practice_submit(actor=staff_member, practice=practice)
    services.practice_publish(actor=second_curator, practice=practice)
    response = client.get(practice.get_absolute_url())
    assert "Suggested by" in response.text and "river_watch" in response.text
    assert participant.email not in response.text


def test_merging_and_declining(participant, staff_member, publish, django_capture_on_commit_callbacks):
    existing = publish()
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_merge(actor=staff_member, suggestion=suggest(participant), practice=existing)
    assert Suggestion.objects.get().status == "merged" and Suggestion.objects.get().practice == existing
    declined = suggest(participant, title="Stop and frisk")
    with pytest.raises(ValidationError):
        services.suggestion_decline(actor=staff_member, suggestion=declined, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_decline(actor=staff_member, suggestion=declined, reason="Evidence shows harm.")
    assert Suggestion.objects.get(pk=declined.pk).reason == "Evidence shows harm."
    decisions = Event.objects.filter(kind=notices.SUGGESTION_DECIDED).values_list("data__decision", flat=True)
    assert sorted(decisions) == ["declined", "merged"]
    with pytest.raises(MoveNotAllowed):
        services.suggestion_accept(actor=staff_member, suggestion=declined)


def test_only_staff_decide(participant, city_rep, reviewer):
    suggestion = suggest(participant)
    for person in (participant, city_rep, reviewer):
        with pytest.raises(MoveNotAllowed):
            services.suggestion_accept(actor=person, suggestion=suggestion)
    assert Suggestion.objects.get().status == "open" and not Practice.objects.exists()


def test_the_form_keeps_what_was_typed(client, participant):
    client.force_login(participant)
    response = client.post(
        "/practices/suggest/", {"title": "Street triage", "summary": "", "links": "not a link\nhttps://ok.example"}
    )
    assert response.status_code == 400
    assert 'value="Street triage"' in response.text and "not a link" in response.text
    assert "is not a link" in response.text and "This field is required." in response.text
    assert not Suggestion.objects.exists()
    response = client.post("/practices/suggest/", {"title": "Street triage", "summary": "Nurses ride along."})
    assert response.status_code == 302
    listing = client.get("/practices/suggestions/")
    assert "Street triage" in listing.text and "Waiting for staff" in listing.text


def test_anonymous_people_are_asked_to_sign_in(client, db):
    assert client.get("/practices/suggest/").status_code == 302
    assert client.post("/practices/suggest/", {"title": "x", "summary": "y"}).status_code == 302
    assert not Suggestion.objects.exists()


def test_staff_decide_through_the_page(client, participant, staff_member, publish, login_with_second_factor):
    existing = publish()
    first, second, third = suggest(participant), suggest(participant, title="B"), suggest(participant, title="C")
    login_with_second_factor(staff_member)
    listing = client.get("/staff/practices/suggestions/")
    assert listing.text.count("/staff/practices/suggestions/") >= 3
    response = client.post(f"/staff/practices/suggestions/{first.pk}/", {"move": "accept"})
    assert response.status_code == 302 and response.url == "/staff/practices/street-triage/edit/"
    response = client.post(f"/staff/practices/suggestions/{second.pk}/", {"move": "decline", "decline-reason": ""})
    assert response.status_code == 400 and "This field is required." in response.text
    response = client.post(
        f"/staff/practices/suggestions/{third.pk}/",
        {"move": "merge", "merge-practice": existing.slug, "merge-reason": "Same practice."},
    )
    assert response.status_code == 302
    assert Suggestion.objects.get(pk=third.pk).status == "merged"
    assert client.post(f"/staff/practices/suggestions/{first.pk}/", {"move": "accept"}).status_code == 409


def test_a_persons_export_holds_their_suggestions_and_the_records_they_entered(
    participant, city_rep, member_city, publish
):
    from network.accounts.selectors import user_data_export
    from practices.models import Adoption
    from tests.cities.conftest import KAMPALA

    suggest(participant)
    kampala = member_city(city_rep, KAMPALA)
    services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="piloting")
    assert user_data_export(participant)["practice_library"]["suggestions"][0]["title"] == "Street triage"
    exported = user_data_export(city_rep)
    assert exported["practice_library"]["adoptions_recorded"] == [
        {
            "city": "Kampala",
            "practice": "Duty to intervene",
            "status": "piloting",
            "updated_at": Adoption.objects.get().updated_at.isoformat(),
        }
    ]
    assert exported["member_cities"]["representing"][0]["city"] == "Kampala"
    assert exported["member_cities"]["applications"][0]["official_email"] == "mayor@city.example"
