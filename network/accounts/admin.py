from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network.accounts.models import User
from network.read_only_admin import ReadOnlyModelAdmin


@admin.register(User)
class UserAdmin(ReadOnlyModelAdmin):
    """People by handle, to look up; never their email. Every change goes through the audited services:
    profiles by their owners, roles on the staff pages, deletion by the owner."""

    list_display = ["handle", "affiliation_kind", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups", "affiliation_kind"]
    search_fields = ["handle"]
    ordering = ["handle"]
    fieldsets = [
        (None, {"fields": ["handle", "affiliation_kind", "affiliation", "preferred_language"]}),
        (_("Standing"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]


def remove_unsafe_admin_pages(site: admin.AdminSite) -> None:
    """Email addresses, second factors and role groups have no admin pages: they show other people's addresses
    or secrets, or change standing without an audit row. API tokens were never registered."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    for model in (EmailAddress, Authenticator, Group):
        if site.is_registered(model):
            site.unregister(model)
