from django.contrib import admin

from network.audit.models import AuditEntry
from network.read_only_admin import ReadOnlyModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "action", "actor_label", "target_type", "target_id", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_id", "target_label"]
    date_hierarchy = "at"
