"""The editorial workflow: draft → in review → published → archived, the two-person rule on ratings, the history
shown as "changes", and reminders when a re-review falls due."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create
from practices import notices, services
from practices.errors import MoveNotAllowed
from practices.models import Practice, PracticeStatus, RatingProposal, Revision
from practices.permissions import can_view_practice
from practices.selectors import visible_practices
from tests.practices.conftest import record


def test_it_publishes_a_record_only_when_a_second_member_of_staff_approves_it(staff_member, second_curator):
    practice = services.practice_create(actor=staff_member, **record())
    assert practice.status == PracticeStatus.DRAFT and practice.rating_set_by == staff_member
    services.practice_submit(actor=staff_member, practice=practice)
    with pytest.raises(MoveNotAllowed, match="second member of staff"):
        services.practice_publish(actor=staff_member, practice=practice)
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.IN_REVIEW
    published = services.practice_publish(actor=second_curator, practice=practice)
    assert published.status == PracticeStatus.PUBLISHED
    assert published.published_at is not None
    assert published.review_due_on == published.last_reviewed_on + dt.timedelta(days=730)
    actions = list(AuditEntry.objects.filter(target_id=str(practice.pk)).values_list("action", "actor_id"))
    assert ("practices.practice.publish", second_curator.pk) in actions


def test_whoever_changes_the_rating_of_a_draft_may_no_longer_publish_it(staff_member, second_curator):
    practice = services.practice_create(actor=staff_member, **record())
    # The second curator now sets the rating: they become the one who may not publish it.
    services.practice_update(actor=second_curator, practice=practice, rating="promising", study_count=3)
    services.practice_submit(actor=staff_member, practice=practice)
    with pytest.raises(MoveNotAllowed):
        services.practice_publish(actor=second_curator, practice=practice)
    assert services.practice_publish(actor=staff_member, practice=practice).status == PracticeStatus.PUBLISHED


def test_a_published_rating_changes_only_through_a_proposal_a_colleague_approves(
    publish, staff_member, second_curator, participant, django_capture_on_commit_callbacks
):
    practice = publish()
    follow_create(user=participant, target=practice)
    with pytest.raises(MoveNotAllowed):
        services.practice_update(actor=staff_member, practice=practice, rating="effective")
    proposal = services.rating_propose(
        actor=staff_member,
        practice=practice,
        rating="promising",
        study_count=4,
        study_design="2 randomised trials, 2 quasi-experiments",
        single_study=False,
        rationale="Two trials since.",
    )
    assert Practice.objects.get(pk=practice.pk).rating == "inconclusive"  # nothing shows until approved
    with pytest.raises(MoveNotAllowed, match="already waits"):
        services.rating_propose(
            actor=second_curator, practice=practice, rating="effective", study_count=1, study_design="",
            single_study=True, rationale="x",
        )  # fmt: skip
    with pytest.raises(MoveNotAllowed, match="second member of staff"):
        services.rating_approve(actor=staff_member, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.rating_approve(actor=second_curator, proposal=proposal)
    assert (practice.rating, practice.study_count, practice.single_study) == ("promising", 4, False)
    assert RatingProposal.objects.get(pk=proposal.pk).status == "approved"
    revision = Revision.objects.filter(practice=practice, action="rating").get()
    assert revision.before["rating"] == "inconclusive" and revision.after["rating"] == "promising"
    event = Event.objects.get(kind=notices.RATING_CHANGED)
    assert Notification.objects.filter(event=event, recipient=participant).exists()
    assert event.data["before_rating"] == "inconclusive" and event.data["after_rating"] == "promising"


def test_a_decided_proposal_cannot_be_decided_again(publish, staff_member, second_curator):
    practice = publish()
    proposal = services.rating_propose(
        actor=staff_member, practice=practice, rating="effective", study_count=5, study_design="", single_study=False,
        rationale="Meta-analysis.",
    )  # fmt: skip
    services.rating_withdraw(actor=staff_member, proposal=proposal)
    with pytest.raises(MoveNotAllowed):
        services.rating_approve(actor=second_curator, proposal=proposal)


@pytest.mark.parametrize(
    ("move", "from_status"),
    [("publish", "draft"), ("archive", "draft"), ("submit", "published"), ("reopen", "published")],
)
def test_moves_outside_the_table_are_refused(publish, staff_member, second_curator, move, from_status):
    practice = publish() if from_status == "published" else services.practice_create(actor=staff_member, **record())
    functions = {
        "publish": lambda: services.practice_publish(actor=second_curator, practice=practice),
        "archive": lambda: services.practice_archive(actor=second_curator, practice=practice, reason="old"),
        "submit": lambda: services.practice_submit(actor=staff_member, practice=practice),
        "reopen": lambda: services.practice_reopen(actor=staff_member, practice=practice),
    }
    with pytest.raises(MoveNotAllowed):
        functions[move]()
    assert Practice.objects.get(pk=practice.pk).status == from_status


def test_only_staff_edit_the_library(participant, city_rep, reviewer, staff_member):
    for person in (participant, city_rep, reviewer):
        with pytest.raises(MoveNotAllowed):
            services.practice_create(actor=person, **record())
    assert not Practice.objects.exists()


def test_a_record_goes_to_review_only_with_a_rating(staff_member):
    practice = services.practice_create(actor=staff_member, **record(rating="not_rated"))
    with pytest.raises(ValidationError):
        services.practice_submit(actor=staff_member, practice=practice)


def test_archiving_needs_a_reason_and_an_archived_record_is_not_edited(publish, staff_member):
    practice = publish()
    with pytest.raises(ValidationError):
        services.practice_archive(actor=staff_member, practice=practice, reason="  ")
    services.practice_archive(actor=staff_member, practice=practice, reason="Superseded by a newer record.")
    with pytest.raises(MoveNotAllowed):
        services.practice_update(actor=staff_member, practice=practice, title="New title")
    assert services.practice_reopen(actor=staff_member, practice=practice).status == PracticeStatus.DRAFT


def test_edits_are_kept_as_changes_with_what_changed(publish, staff_member, client):
    practice = publish()
    services.practice_update(
        actor=staff_member, practice=practice, summary="A clearer summary.", note="Clarified the summary."
    )
    revision = Revision.objects.filter(practice=practice, action="edit").get()
    assert revision.fields == ["summary"]
    assert revision.after == {"summary": "A clearer summary."}
    response = client.get(practice.get_absolute_url())
    assert "Changes" in response.text
    assert "Clarified the summary." in response.text
    assert "approved and published" in response.text and "secretariat_two" in response.text


def test_the_body_is_sanitised_and_the_title_summary_and_body_are_searchable(staff_member):
    practice = services.practice_create(
        actor=staff_member,
        **record(body="Hello <script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"),
    )
    assert "<script" not in practice.body_html and "<img" not in practice.body_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in practice.body_html  # shown as written, as text
    assert "javascript:" not in practice.body_html
    assert Practice.objects.filter(pk=practice.pk, search_vector="excessive").exists()


def test_staff_are_reminded_once_when_a_re_review_falls_due(
    publish, staff_member, second_curator, participant, django_capture_on_commit_callbacks
):
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC), tick=False):
        practice = publish()
    assert practice.review_due_on == dt.date(2028, 1, 10)
    assert services.review_reminders_send(today=dt.date(2028, 1, 9)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.review_reminders_send(today=dt.date(2028, 1, 10)) == 1
    assert services.review_reminders_send(today=dt.date(2028, 1, 11)) == 0  # once per due date
    event = Event.objects.get(kind=notices.REVIEW_DUE)
    recipients = set(Notification.objects.filter(event=event).values_list("recipient_id", flat=True))
    assert recipients == {staff_member.pk, second_curator.pk}
    # A re-review moves the due date on; the next reminder comes two years later.
    with time_machine.travel(dt.datetime(2028, 1, 12, 9, tzinfo=dt.UTC), tick=False):
        services.practice_mark_reviewed(actor=staff_member, practice=practice, note="Still one study.")
    assert Practice.objects.get(pk=practice.pk).review_due_on == dt.date(2030, 1, 11)
    assert services.review_reminders_send(today=dt.date(2030, 1, 11)) == 1


def test_submitting_tells_the_other_curators(staff_member, second_curator, django_capture_on_commit_callbacks):
    practice = services.practice_create(actor=staff_member, **record())
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(actor=staff_member, practice=practice)
    event = Event.objects.get(kind=notices.IN_REVIEW)
    assert list(Notification.objects.filter(event=event).values_list("recipient_id", flat=True)) == [second_curator.pk]


# --- Through the staff pages -----------------------------------------------------------------------------------


def test_staff_publish_through_the_pages_and_the_author_is_refused_with_409(
    client, staff_member, second_curator, login_with_second_factor
):
    practice = services.practice_create(actor=staff_member, **record())
    login_with_second_factor(staff_member)
    response = client.post(f"/staff/practices/{practice.slug}/submit/")
    assert (response.status_code, response["Location"]) == (302, practice.get_absolute_url())
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.IN_REVIEW
    response = client.post(f"/staff/practices/{practice.slug}/publish/")
    assert response.status_code == 409
    assert "second member of staff" in response.text
    client.logout()
    login_with_second_factor(second_curator)
    response = client.post(f"/staff/practices/{practice.slug}/publish/")
    assert (response.status_code, response["Location"]) == (302, practice.get_absolute_url())
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED


def test_the_record_form_keeps_what_was_typed_and_shows_field_errors(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post(
        "/staff/practices/create/",
        {
            "title": "Street triage",
            "kind": "program",
            "summary": "Nurses ride with officers.",
            "rating": "promising",
            "study_count": "2",
            "transfer_mayoral_control": "helps",
            "sources_text": "Evaluation | NHS | 20x6 | https://example.org/report\nNo link | Publisher | 2019 | ftp://x",
        },
    )
    assert response.status_code == 400
    assert "Street triage" in response.text and "Nurses ride with officers." in response.text
    assert "Line 1: the year must be a year" in response.text
    assert "Line 2: the link must start with" in response.text
    assert "This field is required." in response.text  # themes
    assert not Practice.objects.exists()


def test_staff_write_a_record_through_the_form(client, staff_member, login_with_second_factor):
    login_with_second_factor(staff_member)
    response = client.post(
        "/staff/practices/create/",
        {
            "title": "Street triage",
            "kind": "program",
            "themes": ["crisis_response", "public_health"],
            "summary": "Nurses ride with officers.",
            "body": "## How\n\nTogether.",
            "rating": "promising",
            "study_count": "2",
            "origin_country": "GB",
            "transfer_police_levels": ["municipal", "national"],
            "transfer_mayoral_control": "helps",
            "sources_text": "Evaluation | NHS | 2016 | https://example.org/report",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/practices/street-triage/"), response.content
    practice = Practice.objects.get(slug="street-triage")
    assert practice.origin_region == "europe" and practice.themes == ["crisis_response", "public_health"]
    assert list(practice.sources.values_list("title", "publisher", "year", "url")) == [
        ("Evaluation", "NHS", 2016, "https://example.org/report")
    ]
    assert "<h2>How</h2>" in practice.body_html


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_other_roles_cannot_reach_the_editorial_pages(client, all_roles, role, login_with_second_factor, publish):
    practice = publish()
    user = all_roles[role]
    if role == "reviewer":
        login_with_second_factor(user)
    else:
        client.force_login(user)
    for url in (
        "/staff/practices/",
        "/staff/practices/create/",
        f"/staff/practices/{practice.slug}/edit/",
        "/staff/practices/suggestions/",
        "/staff/practices/adoptions/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/staff/practices/{practice.slug}/archive/", {"reason": "x"}).status_code == 403
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED


def test_staff_without_a_second_factor_in_the_session_are_sent_to_confirm_it(client, staff_member):
    client.force_login(staff_member)
    response = client.get("/staff/practices/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/2fa/totp/activate/?next=%2Fstaff%2Fpractices%2F",
    )


def test_drafts_are_hidden_from_the_public(client, staff_member, participant):
    practice = services.practice_create(actor=staff_member, **record())
    assert client.get(practice.get_absolute_url()).status_code == 404
    client.force_login(participant)
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/practices/duty-to-intervene/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "in_review", "published", "archived"])
def test_who_reads_a_record_is_one_rule_for_permission_selector_page_and_api(
    client, status, staff_member, second_curator, participant, reviewer
):
    anonymous_user = AnonymousUser()
    practice = services.practice_create(actor=staff_member, **record())
    if status != "draft":
        practice = services.practice_submit(actor=staff_member, practice=practice)
    if status in {"published", "archived"}:
        practice = services.practice_publish(actor=second_curator, practice=practice)
    if status == "archived":
        practice = services.practice_archive(actor=staff_member, practice=practice, reason="Superseded")
    public = status == "published"
    for user, expected in [(anonymous_user, public), (participant, public), (reviewer, public), (staff_member, True)]:
        assert can_view_practice(user, practice) is expected, (user, status)
        assert visible_practices(user).filter(pk=practice.pk).exists() is expected, (user, status)
    assert client.get(practice.get_absolute_url()).status_code == (200 if public else 404)
    assert client.get(f"/api/v1/practices/{practice.slug}/").status_code == (200 if public else 404)
