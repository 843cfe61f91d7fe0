"""Adoption records: a city's representatives record them (self-reported), staff verify them, the history is kept,
followers of the practice hear of it, and the city's page shows its record."""

import re
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities import services as city_services
from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create
from practices import notices, services
from practices.errors import MoveNotAllowed
from practices.models import Adoption, AdoptionRevision
from tests.cities.conftest import GLASGOW, KAMPALA
from tests.keyset_plans import next_cursor, page_query_plans


@pytest.fixture
def kampala(member_city, city_rep):
    """Kampala, a member city whose lead representative is `city_rep`."""
    return member_city(city_rep, KAMPALA)


def test_a_representative_records_their_citys_adoption(
    kampala, city_rep, publish, participant, django_capture_on_commit_callbacks
):
    practice = publish()
    follow_create(user=participant, target=practice)
    with django_capture_on_commit_callbacks(execute=True):
        adoption = services.adoption_record(
            actor=city_rep,
            city=kampala,
            practice=practice,
            status="adopted",
            policy_text="Every officer shall intervene.",
            policy_url="https://kcca.example/policy",
        )
    assert adoption.source == "self_reported" and adoption.recorded_by == city_rep and adoption.verified_at is None
    assert AdoptionRevision.objects.filter(adoption=adoption).count() == 1
    assert AuditEntry.objects.filter(action="practices.adoption.record", actor_id=city_rep.pk).exists()
    event = Event.objects.get(kind=notices.ADOPTED)
    assert Notification.objects.filter(event=event, recipient=participant).exists()
    assert event.data == {"city": "Kampala", "practice": "Duty to intervene", "status": "adopted"}


def test_changing_a_record_keeps_its_history_and_followers_hear_only_of_adoption(
    kampala, city_rep, publish, participant, django_capture_on_commit_callbacks
):
    practice = publish()
    follow_create(user=participant, target=practice)
    with django_capture_on_commit_callbacks(execute=True):
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="considering")
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="piloting")
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="piloting")
    adoption = Adoption.objects.get()
    statuses = list(adoption.revisions.order_by("created_at", "id").values_list("status", flat=True))
    assert statuses == ["considering", "piloting", "piloting"]
    assert Event.objects.filter(kind=notices.ADOPTED).count() == 1  # piloting, once


def test_staff_verify_a_citys_own_report(kampala, city_rep, staff_member, publish):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")
    verified = services.adoption_verify(actor=staff_member, adoption=adoption, note="Checked the general order.")
    assert verified.source == "verified" and verified.verified_by == staff_member
    assert verified.source_note == "Checked the general order."
    with pytest.raises(MoveNotAllowed):
        services.adoption_verify(actor=staff_member, adoption=adoption)
    # A new report by the city is its own word again until staff check it.
    again = services.adoption_record(actor=city_rep, city=kampala, practice=adoption.practice, status="discontinued")
    assert again.source == "self_reported" and again.verified_by is None


def test_what_staff_record_is_verified(staff_member, publish):
    glasgow = city_services.city_for_place(geonames_id=GLASGOW)
    adoption = services.adoption_record(actor=staff_member, city=glasgow, practice=publish(), status="adopted")
    assert adoption.source == "verified"


def test_who_may_record(kampala, city_rep, participant, reviewer, outsider, publish, staff_member):
    practice = publish()
    for person in (participant, reviewer):
        with pytest.raises(MoveNotAllowed):
            services.adoption_record(actor=person, city=kampala, practice=practice, status="adopted")
    with pytest.raises(MoveNotAllowed):
        services.adoption_verify(
            actor=city_rep,
            adoption=services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="adopted"),
        )
    # Representatives of another city cannot record for this one.
    glasgow = city_services.city_for_place(geonames_id=GLASGOW)
    with pytest.raises(MoveNotAllowed):
        services.adoption_record(actor=city_rep, city=glasgow, practice=practice, status="adopted")


def test_a_suspended_city_cannot_record(kampala, city_rep, staff_member, publish):
    city_services.membership_suspend(actor=staff_member, city=kampala, reason="Charter breach under review.")
    with pytest.raises(MoveNotAllowed):
        services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")


def test_adoption_is_recorded_for_published_practices_only(kampala, city_rep, staff_member, publish):
    practice = publish()
    services.practice_archive(actor=staff_member, practice=practice, reason="Superseded.")
    with pytest.raises(MoveNotAllowed):
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="adopted")


def test_a_bad_status_or_link_is_refused(kampala, city_rep, publish):
    practice = publish()
    with pytest.raises(ValidationError):
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="perhaps")
    with pytest.raises(ValidationError):
        services.adoption_record(
            actor=city_rep, city=kampala, practice=practice, status="adopted", policy_url="javascript:alert(1)"
        )
    assert not Adoption.objects.exists()


# --- Pages -------------------------------------------------------------------------------------------------------


def test_the_representative_records_through_the_form_and_sees_the_history(client, kampala, city_rep, publish):
    practice = publish()
    client.force_login(city_rep)
    page = client.get(practice.get_absolute_url())
    assert f"/practices/adoptions/{kampala.slug}/record/?practice={practice.slug}" in page.text
    form = client.get(f"/practices/adoptions/{kampala.slug}/record/", {"practice": practice.slug})
    assert form.status_code == 200 and f'value="{practice.slug}" selected' in form.text
    bad = client.post(
        f"/practices/adoptions/{kampala.slug}/record/",
        {
            "practice": practice.slug,
            "status": "adopted",
            "policy_text": "Officers shall intervene.",
            "policy_url": "nope",
        },
    )
    assert bad.status_code == 400 and "Officers shall intervene." in bad.text and "Enter a valid URL." in bad.text
    response = client.post(
        f"/practices/adoptions/{kampala.slug}/record/",
        {"practice": practice.slug, "status": "adopted", "policy_text": "Officers shall intervene.",
         "effective_date": "2025-03-01"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response.url == f"/practices/{practice.slug}/cities/{kampala.slug}/"
    detail = client.get(response.url)
    assert "Officers shall intervene." in detail.text and "Reported by the city" in detail.text
    assert "glasgow_office" in detail.text  # the history names the representative by handle
    city_page = client.get(kampala.get_absolute_url())
    assert "Adoption record" in city_page.text and practice.title in city_page.text


@pytest.mark.parametrize("role", ["anonymous", "participant", "outsider"])
def test_others_cannot_open_the_form(client, kampala, publish, role, participant, outsider):
    publish()
    if role != "anonymous":
        client.force_login({"participant": participant, "outsider": outsider}[role])
    response = client.get(f"/practices/adoptions/{kampala.slug}/record/")
    assert response.status_code == (302 if role == "anonymous" else 403)
    response = client.post(f"/practices/adoptions/{kampala.slug}/record/", {"practice": "duty-to-intervene"})
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert not Adoption.objects.exists()


def test_staff_verify_through_the_page(client, kampala, city_rep, staff_member, publish, login_with_second_factor):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")
    login_with_second_factor(staff_member)
    queue = client.get("/staff/practices/adoptions/")
    assert "Kampala" in queue.text
    response = client.post(f"/practices/adoptions/{adoption.pk}/verify/", {"note": "Matches the order."})
    assert response.status_code == 302
    assert Adoption.objects.get().source == "verified"
    assert client.post(f"/practices/adoptions/{adoption.pk}/verify/").status_code == 409


def test_the_verification_queue_pages_by_keyset(
    client, kampala, city_rep, staff_member, publish, login_with_second_factor, monkeypatch
):
    practices = [publish(title=f"Practice {n}", slug=f"practice-{n}") for n in range(5)]
    for practice in practices:
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="adopted")
    monkeypatch.setattr("practices.views.STAFF_PER_PAGE", 2)
    login_with_second_factor(staff_member)
    seen, queries, url = [], [], "/staff/practices/adoptions/"
    while url:
        with CaptureQueriesContext(connection) as captured:
            text = client.get(url).text
        queries.append(len(captured))
        seen += re.findall(r"<td>(Practice \d)</td>", text)
        older = re.search(r'href="\?(after=[^"]+)" rel="next"', text)
        url = f"/staff/practices/adoptions/?{older.group(1)}" if older else None
    assert seen == [f"Practice {n}" for n in reversed(range(5))]  # newest first, each once
    assert len(queries) == 3 and len(set(queries)) == 1  # a deeper page costs what the first does


def test_the_verification_queue_is_read_from_its_index_without_a_sort(
    client, kampala, city_rep, staff_member, publish, login_with_second_factor, monkeypatch
):
    for n in range(3):
        practice = publish(title=f"Practice {n}", slug=f"practice-{n}")
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="adopted")
    monkeypatch.setattr("practices.views.STAFF_PER_PAGE", 2)
    login_with_second_factor(staff_member)
    url = "/staff/practices/adoptions/"
    for params in ({}, {"after": unquote(next_cursor(client.get(url).text))}):
        for plan in page_query_plans(client, url, params, "practices_adoption"):
            assert "adoption_to_verify" in plan, plan
            assert "Sort" not in plan, plan


def test_a_representative_cannot_verify_through_the_page(client, kampala, city_rep, publish):
    adoption = services.adoption_record(actor=city_rep, city=kampala, practice=publish(), status="adopted")
    client.force_login(city_rep)
    assert client.post(f"/practices/adoptions/{adoption.pk}/verify/").status_code == 403
    assert Adoption.objects.get().source == "self_reported"


def test_the_city_page_shows_its_adoption_record_in_a_fixed_number_of_queries(
    client, kampala, city_rep, publish, django_assert_num_queries
):
    for number in range(3):
        services.adoption_record(
            actor=city_rep, city=kampala, practice=publish(title=f"Practice {number}"), status="adopted"
        )
    # city, agencies, representatives, followers, challenges, adoption record, discussions, exchanges, pledges (none)
    with django_assert_num_queries(9):
        response = client.get(kampala.get_absolute_url())
    assert response.text.count('<a href="/practices/practice-') == 3


def test_it_names_the_status_in_each_readers_language(
    kampala, city_rep, publish, participant, django_capture_on_commit_callbacks
):
    from django.utils import translation

    from network.notifications.emails import render_event_email

    participant.preferred_language = "fr"
    participant.save(update_fields=["preferred_language"])
    practice = publish()
    follow_create(user=participant, target=practice)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.adoption_record(actor=city_rep, city=kampala, practice=practice, status="piloting")
    message = render_event_email(Event.objects.get(kind=notices.ADOPTED), participant)
    text = message.subject + message.body
    assert "en phase pilote" in text
    assert "piloting" not in text
