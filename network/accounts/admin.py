from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from network.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People by handle. Email addresses stay out of every list and form; roles change on the staff pages."""

    list_display = ["handle", "affiliation_kind", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups", "affiliation_kind"]
    search_fields = ["handle"]
    ordering = ["handle"]
    readonly_fields = ["date_joined", "last_login", "groups", "is_staff", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["handle", "affiliation_kind", "affiliation", "preferred_language"]}),
        (_("Standing"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]})]
    filter_horizontal = []

    def has_delete_permission(self, request, obj=None):
        # Accounts are deleted by their owners, through the service that audits it.
        return False
