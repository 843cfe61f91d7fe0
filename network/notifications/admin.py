from django.contrib import admin

from network.notifications.models import Delivery, Digest, Event
from network.read_only_admin import ReadOnlyModelAdmin


# Outbox rows change only through the delivery path; staff retry failures from the staff pages.
@admin.register(Event)
class EventAdmin(ReadOnlyModelAdmin):
    list_display = ["kind", "target_label", "created_at", "fanout_done_at"]
    list_filter = ["kind"]
    exclude = ["actor"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyModelAdmin):
    list_display = ["event", "schedule", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "schedule"]
    list_select_related = ["event"]
    exclude = ["recipient", "address", "content"]
    raw_id_fields = ["event", "digest"]


@admin.register(Digest)
class DigestAdmin(ReadOnlyModelAdmin):
    list_display = ["schedule", "period_end", "status", "attempts", "sent_at"]
    list_filter = ["status", "schedule"]
    exclude = ["recipient"]
