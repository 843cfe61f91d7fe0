from django.contrib import admin

from exchanges.models import Finding, PartnerAgency, Proposal
from network.read_only_admin import ReadOnlyModelAdmin


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "country_code", "level", "verified"]
    search_fields = ["name", "aliases"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "partner", "publisher", "published_on", "verified_at"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyModelAdmin):
    # Every change goes through the services, which keep the audit log and the timeline.
    list_display = ["title", "city", "status", "risk_level", "decided_at"]
    list_filter = ["status", "risk_level"]
