"""The API's OpenAPI schema says everything the API answers: every error with its body, and query parameters that
admit exactly the values the filters accept."""

from django import forms
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse

ERROR_BODY = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A serializer's or a form's errors, field by field, or one `detail` for a body or parameter refused as a whole.
VALIDATION_ERROR_BODY = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

BAD_REQUEST = OpenApiResponse(
    VALIDATION_ERROR_BODY,
    description="Invalid input: field errors, or a parameter or body refused as a whole (a NUL character, text "
    "that is not UTF-8, a value too long, JSON nested too deep).",
)
UNAUTHORIZED = OpenApiResponse(
    ERROR_BODY, description="Not signed in (where it is needed), or the API token is unknown or expired."
)
FORBIDDEN = OpenApiResponse(
    ERROR_BODY,
    description="Signed in but not allowed: the role is missing, a staff power needs a session that passed the "
    "second factor (never an API token), or a form-signed request lacks its CSRF token.",
)
NOT_FOUND = OpenApiResponse(ERROR_BODY, description="No such object visible to you, or a page past the last.")
CONFLICT = OpenApiResponse(ERROR_BODY, description="The workflow does not allow this move from the current state.")
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(ERROR_BODY, description="The body is not JSON or form data.")
TOO_MANY_REQUESTS = OpenApiResponse(ERROR_BODY, description="Too many requests: wait the Retry-After seconds.")


def _flat_choices(choices) -> list[str]:
    values = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            values += _flat_choices(label)
        elif value not in ("", None):
            values.append(str(value))
    return values


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {"400": BAD_REQUEST, "401": UNAUTHORIZED, "403": FORBIDDEN, "429": TOO_MANY_REQUESTS}
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            errors["404"] = NOT_FOUND
        if self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None:
            errors["415"] = UNSUPPORTED_MEDIA_TYPE
        for code, response in errors.items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses

    def _get_filter_parameters(self):
        """django-filter's parameters, with the values the filters' form fields really accept: every choice of a
        choice (an empty value meaning "any"), and a text's maximum length."""
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        filters = filterset_class.base_filters
        for parameter in parameters:
            filter_ = filters.get(parameter["name"])
            if filter_ is None:
                continue
            field = filter_.field
            if isinstance(field, forms.ModelChoiceField):
                values = [str(value) for value in field.queryset.values_list(field.to_field_name or "pk", flat=True)]
            elif isinstance(field, forms.ChoiceField):
                values = _flat_choices(field.choices)
            else:
                if isinstance(field, forms.CharField) and field.max_length:
                    parameter["schema"]["maxLength"] = field.max_length
                continue
            if isinstance(field, forms.MultipleChoiceField):
                parameter["schema"] = {"type": "array", "items": {"type": "string", "enum": values}}
            else:
                parameter["schema"] = {"type": "string", "enum": [*values, ""]}
        return parameters
