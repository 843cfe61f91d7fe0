from django.contrib import admin

from cities.models import City, Invitation, MembershipApplication, PoliceAgency, Representative
from network.read_only_admin import ReadOnlyModelAdmin


# Cities change only through the services (they audit and notify); the admin shows what is stored.
@admin.register(City)
class CityAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "country_code", "region", "membership_status", "member_since"]
    list_filter = ["membership_status", "region"]
    search_fields = ["search_name"]


@admin.register(PoliceAgency)
class PoliceAgencyAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "city", "level", "mayor_controls"]
    list_filter = ["level"]
    list_select_related = ["city"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ReadOnlyModelAdmin):
    list_display = ["city", "office_name", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["city"]
    # No email addresses and no file paths in the admin: people appear by handle only.
    exclude = ["applicant", "official_email", "letter", "decided_by"]


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "city", "is_lead", "since"]
    list_select_related = ["user", "city"]
    raw_id_fields = ["user", "city"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyModelAdmin):
    list_display = ["city", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["city"]
    exclude = ["email", "key_digest", "invited_by", "accepted_by"]
