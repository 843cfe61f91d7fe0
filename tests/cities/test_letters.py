"""The letter of commitment: checked by content, stored under a random name outside the static files, and only
ever served as a download to the applicant and staff."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from cities import services
from cities.letters import validate_letter
from network import pdf_check
from network.pdf_check import check_pdf
from tests.cities.conftest import OFFICE, letter, pdf_bytes
from tests.network.pdf_samples import CLEAN, HOSTILE, clean_pdf, zip_archive


def _upload(client, application, upload):
    return client.post(f"/cities/applications/{application.pk}/edit/", {**OFFICE, "action": "save", "letter": upload})


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            letter(b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode", "letter.pdf"),
            "program",
        ),
        (letter(b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "letter.pdf"), "program"),
        (letter(b"", "letter.pdf"), "empty"),
        (letter(b"just some text, named like a PDF", "letter.pdf"), "not a PDF"),
        (letter(b"%PDF-1.7\n no end of file marker", "letter.pdf"), "not a PDF"),
    ],
    ids=["renamed-windows-program", "renamed-linux-program", "empty", "text", "truncated-pdf"],
)
def test_it_refuses_what_is_not_a_pdf_whatever_its_name(client, participant, draft, upload, message):
    application = draft(participant)
    stored = application.letter.name
    client.force_login(participant)
    response = _upload(client, application, upload)
    assert response.status_code == 400
    assert message in response.context["form"].errors["letter"][0]
    application.refresh_from_db()
    assert application.letter.name == stored


def test_it_refuses_a_file_over_10_mb(client, participant, draft):
    application = draft(participant)
    client.force_login(participant)
    big = pdf_bytes(b"%" + b"0" * (20 * 1024 * 1024) + b"\n")
    response = _upload(client, application, letter(big))
    assert response.status_code == 400
    assert "at most 10 MB" in response.context["form"].errors["letter"][0]


@pytest.mark.parametrize(("build", "reason"), list(HOSTILE.values()), ids=list(HOSTILE))
def test_it_refuses_a_pdf_with_active_or_foreign_content_saying_why(build, reason):
    with pytest.raises(ValidationError) as refusal:
        validate_letter(letter(build()))
    assert any(reason in message for message in refusal.value.messages), refusal.value.messages


@pytest.mark.parametrize("build", list(CLEAN.values()), ids=list(CLEAN))
def test_it_accepts_a_clean_pdf_in_the_shapes_writers_save(build):
    assert check_pdf(build()) == []
    validate_letter(letter(build()))


def test_it_accepts_a_hand_written_pdf_with_an_ordinary_open_action():
    validate_letter(letter(pdf_bytes(b"4 0 obj<</OpenAction[3 0 R/Fit]>>endobj\n")))


def test_the_form_shows_why_a_letter_is_refused_and_keeps_the_stored_one(client, participant, draft):
    application = draft(participant)
    stored = application.letter.name
    client.force_login(participant)
    build, _ = HOSTILE["script-in-object-stream-behind-ascii85"]
    response = _upload(client, application, letter(build()))
    assert response.status_code == 400
    assert any("JavaScript" in message for message in response.context["form"].errors["letter"])
    assert response.context["form"]["office_name"].value() == OFFICE["office_name"]
    application.refresh_from_db()
    assert application.letter.name == stored


def test_every_reason_is_given_not_only_the_first():
    problems = check_pdf(clean_pdf() + zip_archive())
    assert len(problems) == 2
    assert "after its last %%EOF" in problems[0] and "ZIP archive" in problems[1]


def test_a_file_with_too_many_objects_is_refused_without_reading_them(monkeypatch):
    monkeypatch.setattr(pdf_check, "MAX_OBJECTS", 3)
    assert check_pdf(clean_pdf()) == [
        "This PDF takes too much work to read (it expands to too much data or holds too many objects)."
    ]


def test_reading_stops_at_its_time_limit(monkeypatch):
    monkeypatch.setattr(pdf_check, "MAX_SECONDS", -1)
    assert any("too much work" in problem for problem in check_pdf(clean_pdf()))


def test_the_checker_reads_bytes_and_files_alike_and_leaves_the_file_where_it_was():
    upload = letter(clean_pdf())
    upload.seek(5)
    assert check_pdf(upload) == [] and upload.tell() == 0
    assert check_pdf(clean_pdf()) == []
    assert check_pdf(b"") == ["The file is empty."]


def test_the_letter_is_stored_under_a_random_name_outside_the_static_files(participant, draft):
    application = draft(participant)
    application = services.application_update(
        actor=participant, application=application, letter=letter(name="../../static/evil.html")
    )
    path = application.letter.path
    assert application.letter.name.startswith("letters/") and application.letter.name.endswith(".pdf")
    assert "evil" not in path
    assert str(settings.STATIC_ROOT) not in path and "static" not in application.letter.name
    assert application.letter.read().startswith(b"%PDF-")


def test_the_applicant_downloads_the_letter_as_an_attachment_never_inline(client, participant, draft):
    application = draft(participant)
    client.force_login(participant)
    response = client.get(f"/cities/applications/{application.pk}/letter/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="letter-of-commitment-{application.pk}.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_pdf_that_slipped_in_with_a_script_is_still_only_a_sandboxed_download(client, participant, draft):
    # Letters stored before a check existed, or hidden in ways no scan sees: the response itself stays safe.
    application = draft(participant)
    application.letter.storage.save(application.letter.name, letter(pdf_bytes(b"<</S/JavaScript>>")))
    client.force_login(participant)
    response = client.get(f"/cities/applications/{application.pk}/letter/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]


def test_staff_download_the_letter_and_nobody_else_does(
    client, participant, outsider, city_rep, reviewer, staff_member, submitted, login_with_second_factor
):
    application = submitted(participant)
    staff_letter = f"/staff/cities/applications/{application.pk}/letter/"
    for person in (outsider, city_rep, reviewer):
        client.force_login(person)
        assert client.get(f"/cities/applications/{application.pk}/letter/").status_code == 404
        response = client.get(staff_letter)
        if person is reviewer:  # a staff path: a reviewer must first set up a second factor, then is refused
            assert (response.status_code, response["Location"]) == (
                302,
                "/accounts/2fa/totp/activate/?next=" + quote(response.request["PATH_INFO"], safe=""),
            )
        else:
            assert response.status_code == 403
    client.logout()
    response = client.get(f"/cities/applications/{application.pk}/letter/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/cities/applications/{application.pk}/letter/",
    )
    login_with_second_factor(staff_member)
    response = client.get(f"/staff/cities/applications/{application.pk}/letter/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_staff_do_not_read_drafts(client, participant, staff_member, draft, login_with_second_factor):
    application = draft(participant)
    login_with_second_factor(staff_member)
    for path in ("", "letter/"):
        assert client.get(f"/staff/cities/applications/{application.pk}/{path}").status_code == 404
    assert client.post(f"/api/v1/applications/{application.pk}/approve/").status_code == 404


def test_no_url_serves_the_media_folder(client, participant, draft):
    application = draft(participant)
    assert client.get(f"/media/{application.letter.name}").status_code == 404
    assert client.get(f"/static/{application.letter.name}").status_code == 404


def test_the_checker_takes_its_size_limit_from_the_caller():
    padded = pdf_bytes(b"%" + b"0" * 600_000 + b"\n")
    assert check_pdf(padded, max_bytes=512 * 1024) == ["The file must be at most 0.5 MB; this one is larger."]
    assert check_pdf(padded, max_bytes=1024 * 1024) == []
