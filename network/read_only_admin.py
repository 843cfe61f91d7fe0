from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import FieldDoesNotExist
from django.db import models

# A field whose name holds one of these words is never filtered, searched or shown in the admin: a query string that
# can filter on it reads it, one character at a time.
SECRET_FIELD_WORDS = ("email", "password", "secret", "token", "key", "seed", "ip")
# Words that name a secret only at the end of a name ("key_digest"; a "digest" alone is the notifications' digest).
SECRET_FIELD_ENDINGS = ("_digest", "_hash")


def is_secret_path(path: str) -> bool:
    return any(
        part == word or part.startswith(f"{word}_") or part.endswith(f"_{word}")
        for part in path.lower().split("__")
        for word in SECRET_FIELD_WORDS
    ) or any(part.endswith(SECRET_FIELD_ENDINGS) for part in path.lower().split("__"))


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """An admin page that only shows rows: they change through the platform's services, which audit and notify.

    Its list filters on nothing but what its declared list_filter and date_hierarchy offer (Django's default lets a
    query string filter on any field, `?email__regex=`, which makes the list an oracle for any column)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def declared_lookups(self, request) -> set[str]:
        """The query-string parameters the declared filters themselves produce."""
        lookups: set[str] = set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                lookups.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            if is_secret_path(path):
                continue
            try:
                field = get_fields_from_path(self.model, path)[-1]
            except (FieldDoesNotExist, admin.utils.NotRelationField):
                continue
            lookups.update({f"{path}__exact", f"{path}__isnull"})
            if field.is_relation:
                lookups.add(f"{path}__{field.target_field.name}__exact")
            elif isinstance(field, models.DateField):
                lookups.update({f"{path}__gte", f"{path}__lt"})
        if self.date_hierarchy and not is_secret_path(self.date_hierarchy):
            lookups.update(f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day"))
        return lookups

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        return lookup in self.declared_lookups(request)
