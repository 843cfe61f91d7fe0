from django.core.files.uploadhandler import TemporaryFileUploadHandler

from network.uploads import BoundedTemporaryFileUploadHandler


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


def test_the_settings_use_it_for_every_large_upload():
    from django.conf import settings

    assert settings.FILE_UPLOAD_HANDLERS[-1] == "network.uploads.BoundedTemporaryFileUploadHandler"
    assert settings.FILE_UPLOAD_MAX_BYTES == 10 * 1024 * 1024
