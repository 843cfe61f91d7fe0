"""Uploads: no file is written to disk beyond FILE_UPLOAD_MAX_BYTES, whatever size a client sends."""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class BoundedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for larger uploads, keeping at most FILE_UPLOAD_MAX_BYTES + 1 bytes of each file. The rest is
    counted, not kept: the file still reports its real size, so the form refuses it as too large with the right
    message, and a 2 GB upload costs no more disk than a 10 MB one. (Proxies should limit request bodies too.)"""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.kept = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.FILE_UPLOAD_MAX_BYTES + 1 - self.kept
        if room > 0:
            chunk = raw_data[:room]
            self.file.write(chunk)
            self.kept += len(chunk)
        return None
