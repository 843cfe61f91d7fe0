"""How the HTML views answer a move the rules forbid, and carry a service's validation errors onto a form."""

from django.core.exceptions import ValidationError
from django.shortcuts import render


def refused(request, message: str, back: str = ""):
    """The 409 page, with the rule's own message and, if given, a link back (a URL name)."""
    return render(request, "409.html", {"message": message, "back": back}, status=409)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where they exist, else on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
