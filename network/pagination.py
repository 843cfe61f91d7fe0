"""The API's pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class NumberedPagination(PageNumberPagination):
    """Pages numbered from 1: anything else is a 400 that says so; a page past the last is a 404."""

    invalid_page_message = _("A page number is a whole number from 1.")

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value in (None, ""):
            return 1
        if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) < 1:
            raise ValidationError({self.page_query_param: [self.invalid_page_message]})
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 999_999_999}
        return parameters
