"""The letter of commitment: a PDF, checked by what it contains, never by its name or the browser's word."""

import re
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LETTER_BYTES = 10 * 1024 * 1024
# PDF actions that run something when the file is opened or clicked: such a letter is refused.
ACTIVE_CONTENT = frozenset({b"JavaScript", b"JS", b"Launch"})
EXECUTABLE_HEADERS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_NAME = re.compile(rb"/([A-Za-z0-9#]+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def _names(data: bytes) -> set[bytes]:
    # A name may hide letters as #xx escapes: /J#61vaScript is /JavaScript.
    return {_HEX_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), name) for name in _NAME.findall(data)}


def _inflated_streams(data: bytes):
    for match in _STREAM.finditer(data):
        try:
            yield zlib.decompressobj().decompress(match.group(1), MAX_LETTER_BYTES)
        except zlib.error:
            continue


def has_active_content(data: bytes) -> bool:
    if _names(data) & ACTIVE_CONTENT:
        return True
    # Objects can also sit compressed inside object streams.
    return any(_names(inflated) & ACTIVE_CONTENT for inflated in _inflated_streams(data))


def validate_letter(upload) -> None:
    """Raise ValidationError unless `upload` is a PDF of 1 byte to 10 MB with no scripts or launch actions."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_LETTER_BYTES:
        raise ValidationError(_("The letter must be at most 10 MB; this file is larger."), code="too_large")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(EXECUTABLE_HEADERS):
        raise ValidationError(_("This file is a program, not a PDF document."), code="executable")
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("This file is not a PDF document."), code="not_pdf")
    if has_active_content(data):
        raise ValidationError(
            _("This PDF contains scripts or actions that run programs. Save it again without them (print to PDF)."),
            code="active_content",
        )
