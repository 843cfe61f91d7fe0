"""Shadow reports' rules, through the services: who may file on which pledge, evidence, the daily limit, per-pledge
pseudonyms, the city's one answer, flags and staff's moderation and unmasking, each audited and notified once."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.audit.models import AuditEntry
from network.notifications.models import Event, Notification
from network.notifications.services import follow_create
from practices import notices, pledge_services, shadow_services
from practices.errors import MoveNotAllowed, NotYourMove
from practices.models import ShadowFlag, ShadowReport
from tests.factories import UserFactory
from tests.practices.conftest import EVIDENCE


def _actions(report) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_type="practices.shadowreport", target_id=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- Who files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "no_affiliation", "public_official", "own_rep", "staff"])
def test_it_refuses_whoever_does_not_speak_for_civil_society(
    role, file_shadow, participant, city_rep, staff_member, published_pledge
):
    for person in (city_rep, staff_member):  # an affiliation does not make the city or staff civil society
        person.affiliation_kind = "activist"
        person.save(update_fields=["affiliation_kind"])
    official = UserFactory(handle="an_official", affiliation_kind="public_official")
    actor = {
        "visitor": AnonymousUser(),
        "no_affiliation": participant,
        "public_official": official,
        "own_rep": city_rep,
        "staff": staff_member,
    }[role]
    with pytest.raises(NotYourMove):
        file_shadow(actor)
    assert not ShadowReport.objects.exists()


def test_an_activist_and_another_citys_researcher_may_file(file_shadow, activist, glasgow_rep, glasgow):
    glasgow_rep.affiliation_kind = "researcher"
    glasgow_rep.save(update_fields=["affiliation_kind"])
    assert file_shadow(activist).signed_handle == "watchful_owl"
    assert file_shadow(glasgow_rep).signed_handle == glasgow_rep.handle


def test_it_assesses_published_pledges_only(pledge_of, two_practices, city_rep, activist, file_shadow):
    draft = pledge_of(two_practices)
    with pytest.raises(MoveNotAllowed):
        file_shadow(activist, pledge=draft)
    pledge_services.pledge_submit(actor=city_rep, pledge=draft)
    with pytest.raises(MoveNotAllowed):
        file_shadow(activist, pledge=draft)
    pledge_services.pledge_withdraw(actor=city_rep, pledge=draft, reason="Council vote.")
    with pytest.raises(MoveNotAllowed):
        file_shadow(activist, pledge=draft)


@pytest.mark.parametrize(
    ("evidence", "problem"),
    [
        ([], "at least one"),
        ([{"url": "", "title": "", "quote": ""}], "at least one"),
        ([{"url": "javascript:alert(1)", "title": "x", "quote": ""}], "http"),
        ([{"url": "ftp://example.org/file", "title": "x", "quote": ""}], "http"),
        ([{"url": "", "title": "Only a title", "quote": ""}], "link or a quoted passage"),
        ([{"url": "", "title": "", "quote": "q" * 2001}], "2000"),
        ([{"url": "https://example.org/", "title": "", "quote": ""}] * 11, "at most 10"),
    ],
)
def test_it_refuses_bad_evidence(file_shadow, activist, evidence, problem):
    with pytest.raises(ValidationError) as error:
        file_shadow(activist, evidence=evidence)
    assert problem in " ".join(error.value.message_dict["evidence"])
    assert not ShadowReport.objects.exists()


def test_it_refuses_an_empty_statement_and_an_unknown_verdict(file_shadow, activist):
    with pytest.raises(ValidationError) as error:
        file_shadow(activist, statement="  ", verdict="meh")
    assert set(error.value.message_dict) == {"statement", "verdict"}


def test_it_keeps_evidence_in_order_and_renders_the_statement_safely(file_shadow, activist):
    evidence = [
        {"url": "http://example.org/a", "title": "A", "quote": ""},
        {"url": "", "title": "", "quote": "Said in council."},
    ]
    report = file_shadow(activist, statement="<script>alert(1)</script>**Late**", evidence=evidence)
    assert "<script" not in report.statement_html and "<strong>Late</strong>" in report.statement_html
    assert list(report.evidence.values_list("url", "quote")) == [("http://example.org/a", ""), ("", "Said in council.")]


def test_one_report_per_author_and_pledge_a_day(file_shadow, activist, organisation):
    file_shadow(activist)
    with pytest.raises(MoveNotAllowed):
        file_shadow(activist, pseudonymous=True)
    file_shadow(organisation)  # someone else may
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        file_shadow(activist, verdict="on_track")
    assert ShadowReport.objects.filter(author=activist).count() == 2


# --- Signatures and pseudonyms ----------------------------------------------------------------------------------


def test_a_signed_report_keeps_the_signature_as_filed(file_shadow, activist):
    report = file_shadow(activist)
    activist.handle, activist.affiliation = "renamed_owl", "Another group"
    activist.save(update_fields=["handle", "affiliation"])
    report.refresh_from_db()
    assert (report.signed_handle, report.signed_affiliation, report.pseudonym) == (
        "watchful_owl",
        "Kampala Police Watch",
        "",
    )


def test_a_pseudonym_holds_on_one_pledge_and_differs_across_pledges(
    file_shadow, activist, organisation, pledge_of, two_practices, city_rep, staff_member, published_pledge
):
    first = file_shadow(activist, pseudonymous=True)
    assert first.pseudonym and first.signed_handle == "" and first.signed_affiliation == ""
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        again = file_shadow(activist, pseudonymous=True)
    assert again.pseudonym == first.pseudonym
    other = file_shadow(organisation, pseudonymous=True)
    assert other.pseudonym != first.pseudonym
    second_pledge = pledge_of(two_practices)
    pledge_services.pledge_submit(actor=city_rep, pledge=second_pledge)
    pledge_services.pledge_publish(actor=staff_member, pledge=second_pledge)
    elsewhere = file_shadow(activist, pledge=second_pledge, pseudonymous=True)
    expected = shadow_services.readable_name(
        salt=shadow_services.PSEUDONYM_SALT, message=f"{second_pledge.pk}:{activist.pk}:0"
    )
    assert elsewhere.pseudonym == expected != first.pseudonym


def test_two_authors_never_share_a_pseudonym_on_a_pledge(file_shadow, activist, organisation, monkeypatch):
    monkeypatch.setattr(
        shadow_services,
        "readable_name",
        lambda salt, message: "Calm Heron 42" if message.endswith(":0") else "Calm Heron 43",
    )
    assert file_shadow(activist, pseudonymous=True).pseudonym == "Calm Heron 42"
    assert file_shadow(organisation, pseudonymous=True).pseudonym == "Calm Heron 43"


# --- Notifications ----------------------------------------------------------------------------------------------


def test_filing_tells_the_citys_representatives_and_followers_once_without_naming_a_pseudonymous_author(
    file_shadow, activist, city_rep, participant, kampala, django_capture_on_commit_callbacks
):
    follow_create(user=participant, target=kampala)
    with django_capture_on_commit_callbacks(execute=True):
        report = file_shadow(activist, pseudonymous=True)
    rep_notes = Notification.objects.filter(recipient=city_rep, event__kind=notices.SHADOW_FILED)
    assert rep_notes.count() == 1
    follower_notes = Notification.objects.filter(recipient=participant, event__kind=notices.PLEDGE_NEWS)
    assert follower_notes.count() == 1
    news = Event.objects.get(kind=notices.PLEDGE_NEWS, data__news="shadow")
    assert news.actor_id is None and "watchful_owl" not in str(news.data)
    for event in Event.objects.filter(kind=notices.SHADOW_FILED):
        assert event.actor_id is None and event.data["author"] == report.pseudonym
        assert "watchful_owl" not in str(event.data) and "Kampala Police Watch" not in str(event.data)
    assert not Notification.objects.filter(recipient=activist).exists()
    assert _actions(report) == ["practices.shadow_report.file"]


# --- The city's answer ------------------------------------------------------------------------------------------


def test_the_city_answers_once_and_the_author_hears_of_it_once(
    file_shadow, activist, city_rep, django_capture_on_commit_callbacks
):
    report = file_shadow(activist, pseudonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        answer = shadow_services.shadow_answer_create(actor=city_rep, report=report, text="We **disagree**.")
    assert answer.author_handle == city_rep.handle and "<strong>" in answer.text_html
    assert Notification.objects.filter(recipient=activist, event__kind=notices.SHADOW_ANSWERED).count() == 1
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_answer_create(actor=city_rep, report=report, text="Again.")
    assert _actions(report) == ["practices.shadow_report.file", "practices.shadow_report.answer"]


@pytest.mark.parametrize("role", ["activist", "other_rep", "staff", "participant"])
def test_only_the_pledging_city_answers(
    role, file_shadow, activist, organisation, glasgow_rep, glasgow, staff_member, participant
):
    report = file_shadow(organisation)
    actor = {"activist": activist, "other_rep": glasgow_rep, "staff": staff_member, "participant": participant}[role]
    with pytest.raises(NotYourMove):
        shadow_services.shadow_answer_create(actor=actor, report=report, text="An answer.")


def test_an_empty_answer_is_a_field_error(file_shadow, activist, city_rep):
    with pytest.raises(ValidationError) as error:
        shadow_services.shadow_answer_create(actor=city_rep, report=file_shadow(activist), text=" ")
    assert "text" in error.value.message_dict


# --- Flags and moderation ---------------------------------------------------------------------------------------


def test_a_reader_flags_once_and_not_their_own(file_shadow, activist, participant):
    report = file_shadow(activist)
    shadow_services.shadow_report_flag(actor=participant, report=report, reason="doxxing", note="Names a witness.")
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_report_flag(actor=participant, report=report, reason="spam")
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_report_flag(actor=activist, report=report, reason="spam")
    with pytest.raises(ValidationError):
        shadow_services.shadow_report_flag(actor=participant, report=report, reason="boring")
    with pytest.raises(NotYourMove):
        shadow_services.shadow_report_flag(actor=AnonymousUser(), report=report, reason="spam")
    report.refresh_from_db()
    assert report.flag_count == 1 and not report.hidden
    assert _actions(report) == ["practices.shadow_report.file", "practices.shadow_report.flag"]


def test_three_readers_flags_hide_a_report_until_staff_review_it(file_shadow, activist):
    report = file_shadow(activist)
    for _n in range(shadow_services.FLAGS_TO_HIDE):
        shadow_services.shadow_report_flag(actor=UserFactory(), report=report, reason="abuse")
    report.refresh_from_db()
    assert report.hidden and report.hidden_at is not None
    assert "practices.shadow_report.auto_hide" in _actions(report)


def test_staff_hide_and_restore_with_reasons_audited_and_the_author_told(
    file_shadow, activist, participant, staff_member, django_capture_on_commit_callbacks
):
    report = file_shadow(activist, pseudonymous=True)
    shadow_services.shadow_report_flag(actor=participant, report=report, reason="threat")
    with pytest.raises(ValidationError):
        shadow_services.shadow_report_hide(actor=staff_member, report=report, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        shadow_services.shadow_report_hide(actor=staff_member, report=report, reason="It names a witness.")
    report.refresh_from_db()
    assert report.hidden and report.hidden_reason == "It names a witness."
    assert not ShadowFlag.objects.filter(report=report, resolved_at__isnull=True).exists()
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_report_hide(actor=staff_member, report=report, reason="Twice.")
    with django_capture_on_commit_callbacks(execute=True):
        shadow_services.shadow_report_restore(actor=staff_member, report=report, reason="Edited by the author.")
    report.refresh_from_db()
    assert not report.hidden and report.hidden_reason == ""
    with pytest.raises(MoveNotAllowed):  # neither hidden nor flagged
        shadow_services.shadow_report_restore(actor=staff_member, report=report, reason="Again.")
    moderated = Notification.objects.filter(recipient=activist, event__kind=notices.SHADOW_MODERATED)
    assert sorted(moderated.values_list("event__data__action", flat=True)) == ["hide", "restore"]
    assert _actions(report) == [
        "practices.shadow_report.file",
        "practices.shadow_report.flag",
        "practices.shadow_report.hide",
        "practices.shadow_report.restore",
    ]


@pytest.mark.parametrize("role", ["participant", "city_rep", "reviewer"])
def test_only_staff_moderate(role, file_shadow, activist, participant, city_rep, reviewer):
    report = file_shadow(activist)
    actor = {"participant": participant, "city_rep": city_rep, "reviewer": reviewer}[role]
    for service in (shadow_services.shadow_report_hide, shadow_services.shadow_report_restore):
        with pytest.raises(NotYourMove):
            service(actor=actor, report=report, reason="Because.")
    with pytest.raises(NotYourMove):
        shadow_services.shadow_report_unmask(actor=actor, report=report, reason="Because.")


def test_a_hidden_report_cannot_be_answered_and_staff_hide_an_answer(file_shadow, activist, city_rep, staff_member):
    report = file_shadow(activist)
    shadow_services.shadow_answer_create(actor=city_rep, report=report, text="Our answer.")
    answer = shadow_services.shadow_answer_hide(actor=staff_member, report=report, reason="Insults the author.")
    assert answer.hidden
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_answer_create(actor=city_rep, report=report, text="A second try.")
    shadow_services.shadow_answer_restore(actor=staff_member, report=report, reason="Reviewed again.")
    other = file_shadow(UserFactory(affiliation_kind="resident"))
    shadow_services.shadow_report_hide(actor=staff_member, report=other, reason="Spam.")
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_answer_create(actor=city_rep, report=other, text="Answer.")
    assert AuditEntry.objects.filter(action="practices.shadow_answer.hide").count() == 1


def test_staff_unmask_a_pseudonym_for_a_recorded_reason(file_shadow, activist, staff_member):
    report = file_shadow(activist, pseudonymous=True)
    with pytest.raises(ValidationError):
        shadow_services.shadow_report_unmask(actor=staff_member, report=report, reason="")
    assert shadow_services.shadow_report_unmask(actor=staff_member, report=report, reason="A court order.") == activist
    entry = AuditEntry.objects.get(action="practices.shadow_report.unmask")
    assert entry.actor_id == staff_member.pk and entry.data["reason"] == "A court order."
    signed = file_shadow(UserFactory(affiliation_kind="journalist"))
    with pytest.raises(MoveNotAllowed):
        shadow_services.shadow_report_unmask(actor=staff_member, report=signed, reason="Curious.")


def test_evidence_is_required_by_the_constant(file_shadow, activist):
    assert shadow_services.MAX_EVIDENCE == 10
    report = file_shadow(activist, evidence=EVIDENCE * 10)
    assert report.evidence.count() == 10
