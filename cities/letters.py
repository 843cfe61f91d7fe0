"""The letter of commitment: a PDF, checked by what it contains, never by its name or the browser's word."""

from django.core.exceptions import ValidationError

from network.pdf_check import MAX_PDF_BYTES, check_pdf

MAX_LETTER_BYTES = MAX_PDF_BYTES


def validate_letter(upload) -> None:
    """Raise ValidationError, with every reason, unless `upload` is a plain PDF document of at most 10 MB."""
    problems = check_pdf(upload, max_bytes=MAX_LETTER_BYTES)
    if problems:
        raise ValidationError(problems, code="unsafe_pdf")
