import os

from django.core.files.uploadhandler import TemporaryFileUploadHandler

from cities import services
from network.uploads import BoundedTemporaryFileUploadHandler
from tests.cities.conftest import COMMITMENTS, KAMPALA, OFFICE, letter, pdf_bytes


def test_an_oversized_upload_keeps_its_size_but_not_its_bytes(settings):
    settings.FILE_UPLOAD_MAX_BYTES = 1000
    handler = BoundedTemporaryFileUploadHandler()
    handler.new_file("letter", "letter.pdf", "application/pdf", 5000)
    for start in range(0, 5000, 700):
        assert handler.receive_data_chunk(b"x" * 700, start) is None
    upload = handler.file_complete(4900)
    assert upload.size == 4900  # what the form checks: the real size
    assert len(upload.read()) == 1001  # what reached the disk


def test_a_file_within_the_limit_is_kept_whole(settings):
    settings.FILE_UPLOAD_MAX_BYTES = 1000
    handler = BoundedTemporaryFileUploadHandler()
    handler.new_file("letter", "letter.pdf", "application/pdf", 900)
    handler.receive_data_chunk(b"%PDF-" + b"y" * 895, 0)
    upload = handler.file_complete(900)
    assert upload.read() == b"%PDF-" + b"y" * 895
    assert isinstance(handler, TemporaryFileUploadHandler)


def test_a_real_upload_of_20_mb_keeps_at_most_the_limit_on_disk_and_is_refused_by_size(
    client, participant, monkeypatch, settings, tmp_path
):
    # Through a real request: whatever handler the settings name, this shows what reached the disk.
    on_disk = []
    complete = BoundedTemporaryFileUploadHandler.file_complete

    def recording(self, file_size):
        upload = complete(self, file_size)
        on_disk.append((upload.size, os.path.getsize(upload.temporary_file_path())))
        return upload

    monkeypatch.setattr(BoundedTemporaryFileUploadHandler, "file_complete", recording)
    settings.MEDIA_ROOT = tmp_path
    application = services.application_create(actor=participant, geonames_id=KAMPALA)
    application = services.application_update(
        actor=participant, application=application, letter=letter(), **OFFICE, **COMMITMENTS
    )
    stored = application.letter.name
    client.force_login(participant)
    big = pdf_bytes(b"%" + b"0" * (20 * 1024 * 1024) + b"\n")
    response = client.post(
        f"/cities/applications/{application.pk}/edit/", {**OFFICE, "action": "save", "letter": letter(big)}
    )
    assert on_disk == [(len(big), 10 * 1024 * 1024 + 1)]
    assert response.status_code == 400
    assert "at most 10 MB" in response.context["form"].errors["letter"][0]
    application.refresh_from_db()
    assert application.letter.name == stored
