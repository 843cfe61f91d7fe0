"""Shadow reports on the pledge's page and in the API: side by side with the city's reports, forms that keep what
was typed, pseudonyms nobody but staff can link to an account on any page or answer, the city's one answer,
flags and staff's queue, and a fixed number of queries however many reports there are."""

import json
import re

import pytest
from rest_framework.test import APIClient

from network.audit.models import AuditEntry
from network.notifications.services import follow_create
from practices import pledge_services, shadow_api, shadow_services
from practices.models import ShadowReport
from tests.factories import UserFactory
from tests.practices.conftest import EVIDENCE


@pytest.fixture
def unthrottled(monkeypatch):
    for view in (
        shadow_api.ShadowReportListCreateApi,
        shadow_api.ShadowAnswerCreateApi,
        shadow_api.ShadowFlagCreateApi,
        shadow_api.ShadowHideApi,
        shadow_api.ShadowRestoreApi,
    ):
        monkeypatch.setattr(view, "throttle_classes", [])


def _form(**fields) -> dict:
    data = {
        "verdict": "delayed",
        "statement": "No training has started.",
        "language": "en",
        "evidence-TOTAL_FORMS": "10",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "10",
        "evidence-0-url": "https://example.org/minutes",
        "evidence-0-title": "Council minutes",
        "evidence-0-quote": "",
    }
    return {**data, **fields}


def _identity_leaks(body: str, person) -> list[str]:
    """What of `person` shows in `body`: handle, email, affiliation, or their id as a user reference."""
    found = [value for value in (person.handle, person.email, person.affiliation) if value and value in body]
    if re.search(rf'(author|user)(_id)?["\']?\s*[:=]\s*["\']?{person.pk}\b', body):
        found.append("author id")
    return found


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_page_shows_the_citys_reports_beside_the_shadow_reports(
    client, published_pledge, city_rep, activist, file_shadow
):
    pledge_services.pledge_report_create(
        actor=city_rep,
        pledge=published_pledge,
        reported_on=published_pledge.published_at.date(),
        text="Policy drafted.",
        statuses={item.pk: "considering" for item in published_pledge.items.all()},
    )
    report = file_shadow(activist, statement="Training has **not** started.")
    shadow_services.shadow_answer_create(actor=city_rep, report=report, text="It starts in **May**.")
    body = client.get(published_pledge.get_absolute_url()).content.decode()
    assert 'class="side-by-side"' in body
    assert body.index("Policy drafted.") < body.index("Training has <strong>not</strong> started.")
    assert "Delayed" in body and "watchful_owl" in body and "Kampala Police Watch" in body
    assert "It starts in <strong>May</strong>." in body
    assert 'href="https://example.org/minutes" rel="nofollow noopener noreferrer ugc"' in body


def test_a_hidden_report_is_absent_for_others_and_marked_for_its_author(
    client, published_pledge, activist, participant, staff_member, file_shadow
):
    report = file_shadow(activist, statement="Hidden words.")
    shadow_services.shadow_report_hide(actor=staff_member, report=report, reason="It names a witness.")
    url = published_pledge.get_absolute_url()
    assert "Hidden words." not in client.get(url).content.decode()
    client.force_login(participant)
    assert "Hidden words." not in client.get(url).content.decode()
    client.force_login(activist)
    body = client.get(url).content.decode()
    assert "Hidden words." in body and "It names a witness." in body


def test_who_sees_the_filing_form(client, published_pledge, activist, participant, city_rep):
    url = f"/practices/pledges/{published_pledge.pk}/shadow/"
    assert client.get(url).status_code == 302
    client.force_login(participant)
    assert client.get(url).status_code == 403
    assert "state how you take part" in client.get(published_pledge.get_absolute_url()).content.decode()
    client.force_login(city_rep)
    assert client.get(url).status_code == 403
    client.force_login(activist)
    assert client.get(url).status_code == 200
    assert url in client.get(published_pledge.get_absolute_url()).content.decode()


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, published_pledge, activist):
    client.force_login(activist)
    url = f"/practices/pledges/{published_pledge.pk}/shadow/"
    response = client.post(url, _form(**{"evidence-0-url": "javascript:alert(1)", "statement": "Kept text."}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kept text." in body and "javascript:alert(1)" in body and "http" in body
    response = client.post(url, _form(**{"evidence-0-url": "", "evidence-0-title": ""}))
    assert response.status_code == 400 and "at least one piece of evidence" in response.content.decode()
    assert not ShadowReport.objects.exists()
    response = client.post(url, _form(pseudonymous="on"))
    report = ShadowReport.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#shadow-{report.pk}")
    assert report.pseudonym and report.evidence.count() == 1
    assert client.post(url, _form()).status_code == 409  # one a day


def test_the_city_answers_once_through_its_page(client, published_pledge, activist, city_rep, glasgow_rep, file_shadow):
    report = file_shadow(activist)
    url = f"/practices/shadow-reports/{report.pk}/answer/"
    client.force_login(glasgow_rep)
    assert client.get(url).status_code == 403
    client.force_login(city_rep)
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "Our answer."}).status_code == 302
    assert client.post(url, {"text": "Again."}).status_code == 409
    assert url not in client.get(published_pledge.get_absolute_url()).content.decode()


def test_a_reader_flags_through_the_page_once(client, published_pledge, activist, participant, file_shadow):
    report = file_shadow(activist)
    url = f"/practices/shadow-reports/{report.pk}/flag/"
    client.force_login(participant)
    assert client.post(url, {"reason": "nonsense"}).status_code == 400
    assert client.post(url, {"reason": "doxxing", "note": "Names my neighbour."}).status_code == 302
    assert client.post(url, {"reason": "spam"}).status_code == 409
    client.force_login(activist)
    assert client.get(url).status_code == 409


def test_the_page_shows_shadow_reports_a_page_at_a_time(client, published_pledge, file_shadow, monkeypatch):
    from practices import pledge_views

    monkeypatch.setattr(pledge_views, "SHADOW_PER_PAGE", 2)
    for n in range(3):
        file_shadow(UserFactory(affiliation_kind="resident"), statement=f"Report number {n}.")
    body = client.get(published_pledge.get_absolute_url()).content.decode()
    assert "Report number 2." in body and "Report number 1." in body and "Report number 0." not in body
    older = re.search(r'href="\?after=([^"]+)" rel="next"', body).group(1)
    body = client.get(f"{published_pledge.get_absolute_url()}?after={older}").content.decode()
    assert "Report number 0." in body and "Report number 1." not in body


# --- Pseudonyms are not linkable --------------------------------------------------------------------------------


def test_a_pseudonymous_author_is_not_linkable_through_any_page_or_answer(
    client,
    published_pledge,
    activist,
    participant,
    city_rep,
    kampala,
    file_shadow,
    unthrottled,
    django_capture_on_commit_callbacks,
):
    follow_create(user=participant, target=kampala)
    with django_capture_on_commit_callbacks(execute=True):
        report = file_shadow(activist, pseudonymous=True, statement="Under a pseudonym.")
        shadow_services.shadow_answer_create(actor=city_rep, report=report, text="Answered.")
    pledge_url = published_pledge.get_absolute_url()
    api = APIClient()
    readers = {"visitor": None, "participant": participant, "city_rep": city_rep}
    for name, reader in readers.items():
        client.logout()
        api.force_authenticate(reader)
        if reader is not None:
            client.force_login(reader)
        responses = {
            "pledge page": client.get(pledge_url),
            "city page": client.get(kampala.get_absolute_url()),
            "api list": api.get(f"/api/v1/pledges/{published_pledge.pk}/shadow-reports/"),
            "api pledge": api.get(f"/api/v1/pledges/{published_pledge.pk}/"),
        }
        if reader is not None:
            responses["notifications"] = client.get("/notifications/")
            responses["api notifications"] = api.get("/api/v1/notifications/")
            responses["export"] = client.get("/accounts/data/download/")
        for where, response in responses.items():
            assert response.status_code == 200, (name, where)
            body = response.content.decode()
            assert _identity_leaks(body, activist) == [], (name, where)
        assert report.pseudonym in responses["pledge page"].content.decode()
        row = responses["api list"].json()["results"][0]
        assert "author" not in row and row["pseudonym"] == report.pseudonym and row["yours"] is False
    # The author alone is told it is theirs, and finds it in their own export.
    client.force_login(activist)
    assert "<strong>you</strong>" in client.get(pledge_url).content.decode()
    export = json.loads(client.get("/accounts/data/download/").content)
    assert export["shadow_reports"]["shadow_reports"][0]["signed_as"] == report.pseudonym
    api.force_authenticate(activist)
    assert api.get(f"/api/v1/pledges/{published_pledge.pk}/shadow-reports/").json()["results"][0]["yours"] is True


def test_a_signed_report_carries_its_signature_in_the_api(client, published_pledge, organisation, file_shadow):
    file_shadow(organisation)
    row = client.get(f"/api/v1/pledges/{published_pledge.pk}/shadow-reports/").json()["results"][0]
    assert row["author"] == {"handle": "community_voice", "affiliation": "Voices of Kawempe"}
    assert row["pseudonym"] == "" and row["evidence"] == EVIDENCE


# --- Query counts -----------------------------------------------------------------------------------------------


def _reports(count, file_shadow, city_rep):
    for n in range(count):
        author = UserFactory(affiliation_kind="activist", affiliation=f"Group {n}")
        report = file_shadow(author, pseudonymous=n % 2 == 0, evidence=EVIDENCE * 3)
        shadow_services.shadow_answer_create(actor=city_rep, report=report, text=f"Answer {n}.")


@pytest.mark.parametrize("count", [1, 4])
def test_the_pledge_page_makes_a_fixed_number_of_queries(
    client, published_pledge, file_shadow, city_rep, count, django_assert_num_queries
):
    _reports(count, file_shadow, city_rep)
    # the pledge with its city and collection, its items, the city's reports (none, so no lines); the shadow
    # reports with their answers, their evidence
    with django_assert_num_queries(5):
        response = client.get(published_pledge.get_absolute_url())
    assert response.content.decode().count('class="card shadow-report') == count


@pytest.mark.parametrize("count", [1, 4])
def test_the_api_list_makes_a_fixed_number_of_queries(
    client, published_pledge, file_shadow, city_rep, count, unthrottled, django_assert_num_queries
):
    _reports(count, file_shadow, city_rep)
    # the pledge with its city and collection, its items, its reports (the visibility check); the page of shadow
    # reports with their answers; their evidence
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/pledges/{published_pledge.pk}/shadow-reports/")
    assert len(response.json()["results"]) == count


def test_the_staff_queue_makes_a_fixed_number_of_queries(
    client, published_pledge, file_shadow, city_rep, staff_member, participant, login_with_second_factor,
    django_assert_num_queries,
):  # fmt: skip
    for n in range(3):
        report = file_shadow(UserFactory(affiliation_kind="resident"), pseudonymous=n == 0)
        shadow_services.shadow_report_flag(actor=participant, report=report, reason="spam", note=f"Note {n}.")
    login_with_second_factor(staff_member)
    client.get("/staff/practices/shadow-reports/")
    # the person and their second factor (as every staff page); the reports with their pledges, cities
    # and answers and their open flags counted; their evidence; their open flags
    with django_assert_num_queries(9):
        response = client.get("/staff/practices/shadow-reports/")
    body = response.content.decode()
    assert body.count("1 open flag") == 3 and all(
        f'Spam: <span class="pre-line">Note {n}.</span>' in body for n in range(3)
    )


# --- API --------------------------------------------------------------------------------------------------------


def test_the_api_files_answers_flags_and_refuses(
    published_pledge, activist, participant, city_rep, glasgow_rep, glasgow, unthrottled
):
    api = APIClient()
    url = f"/api/v1/pledges/{published_pledge.pk}/shadow-reports/"
    body = {"verdict": "not_honoured", "statement": "Nothing done.", "evidence": EVIDENCE, "pseudonymous": True}
    assert api.post(url, body, format="json").status_code == 401
    api.force_authenticate(participant)
    assert api.post(url, body, format="json").status_code == 403
    api.force_authenticate(activist)
    bad = api.post(url, {**body, "evidence": [{"url": "javascript:alert(1)", "title": "x"}]}, format="json")
    assert bad.status_code == 400 and "evidence" in bad.json()
    assert api.post(url, {**body, "evidence": EVIDENCE * 11}, format="json").status_code == 400
    assert api.post(url, {**body, "verdict": "fine"}, format="json").json().keys() == {"verdict"}
    created = api.post(url, body, format="json")
    assert created.status_code == 201 and "author" not in created.json() and created.json()["yours"] is True
    assert api.post(url, body, format="json").status_code == 409
    report_id = created.json()["id"]
    answer_url = f"/api/v1/shadow-reports/{report_id}/answer/"
    api.force_authenticate(glasgow_rep)
    assert api.post(answer_url, {"text": "Not ours."}, format="json").status_code == 403
    api.force_authenticate(city_rep)
    answered = api.post(answer_url, {"text": "We answer."}, format="json")
    assert answered.status_code == 201 and answered.json()["answer"]["text"] == "We answer."
    assert api.post(answer_url, {"text": "Again."}, format="json").status_code == 409
    flag_url = f"/api/v1/shadow-reports/{report_id}/flag/"
    api.force_authenticate(participant)
    assert api.post(flag_url, {"reason": "spam"}, format="json").status_code == 201
    assert api.post(flag_url, {"reason": "spam"}, format="json").status_code == 409
    # Staff powers need a browser session that passed the second factor: anyone else is refused.
    assert api.post(f"/api/v1/shadow-reports/{report_id}/hide/", {"reason": "x"}, format="json").status_code == 403


def test_a_draft_pledge_has_no_shadow_reports_to_list(client, pledge_of, two_practices, unthrottled):
    draft = pledge_of(two_practices)
    assert client.get(f"/api/v1/pledges/{draft.pk}/shadow-reports/").status_code == 404


# --- Staff ------------------------------------------------------------------------------------------------------


def test_staff_hide_restore_and_unmask_through_their_pages(
    client, published_pledge, file_shadow, activist, participant, staff_member, login_with_second_factor
):
    report = file_shadow(activist, pseudonymous=True)
    client.force_login(participant)
    assert client.get("/staff/practices/shadow-reports/").status_code == 403
    assert client.post(f"/staff/practices/shadow-reports/{report.pk}/unmask/", {"reason": "x"}).status_code == 403
    client.logout()
    login_with_second_factor(staff_member)
    base = f"/staff/practices/shadow-reports/{report.pk}"
    assert client.post(f"{base}/hide/", {"reason": ""}).status_code == 409
    assert client.post(f"{base}/hide/", {"reason": "Names a witness."}).status_code == 302
    assert report.pseudonym in client.get("/staff/practices/shadow-reports/").content.decode()
    assert client.post(f"{base}/restore/", {"reason": "Reviewed."}).status_code == 302
    unmasked = client.post(f"{base}/unmask/", {"reason": "A threat to a witness."})
    assert unmasked.status_code == 200 and "watchful_owl" in unmasked.content.decode()
    assert unmasked["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="practices.shadow_report.unmask", actor=staff_member).count() == 1
    assert client.post(f"{base}/nonsense/", {"reason": "x"}).status_code == 404
