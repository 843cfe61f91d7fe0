"""The API's pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination


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


class KeysetPagination(CursorPagination):
    """Pages of a list that can grow deep, by keyset: each page starts after the last row of the one before (an
    opaque `cursor` in the `next` and `previous` links), so a page deep in the list costs what the first does and
    no total is counted. The ordering must be by unique, unchanging, indexed columns (the primary key unless a view
    says otherwise); a cursor that is not one the API gave names no page: a 404 that says so, as the forums' lists
    and Django REST framework's own cursor pages answer."""

    ordering = ("id",)
    invalid_cursor_message = _("This cursor is not one the API gave: follow the next and previous links.")

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
        else:
            if cursor is None or cursor.position is None:
                return cursor
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                field.to_python(cursor.position)
            except DjangoValidationError:
                cursor = None
            else:
                return cursor
        raise NotFound(self.invalid_cursor_message)
