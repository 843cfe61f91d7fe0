from django.db.models import QuerySet

from network.notifications.kinds import kind_or_retired
from network.notifications.models import Delivery, Follow, Notification, Preference

# The bell shows "99+" beyond this: counting further would cost time and tell nobody anything.
UNREAD_CAP = 99


def inbox(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user).select_related("event__actor")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    """Unread notifications, counted up to UNREAD_CAP + 1."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).values("pk")[: UNREAD_CAP + 1].count()


def with_summaries(notifications) -> list[Notification]:
    """The page's notifications, each with `summary` and `actor_label` in the active language."""
    rows = list(notifications)
    for notification in rows:
        event = notification.event
        notification.summary = kind_or_retired(event.kind).summary(event)
        notification.actor_label = event.actor.handle if event.actor else ""
    return rows


def deliveries_for_staff() -> QuerySet[Delivery]:
    return Delivery.objects.select_related("event", "recipient").order_by("-created_at", "-id")


def personal_data(*, user) -> dict:
    """What the notifications part keeps about a person, for their data export."""
    notifications = with_summaries(inbox(user=user))
    return {
        "notifications": [
            {
                "at": n.created_at.isoformat(),
                "kind": n.event.kind,
                "summary": n.summary,
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in notifications
        ],
        "notification_emails": [
            {"kind": kind, "schedule": schedule, "status": status, "sent_at": sent_at.isoformat() if sent_at else None}
            for kind, schedule, status, sent_at in Delivery.objects.filter(recipient=user)
            .order_by("created_at", "id")
            .values_list("event__kind", "schedule", "status", "sent_at")
        ],
        "notification_choices": [
            {"kind": kind, "in_app": in_app, "email": email}
            for kind, in_app, email in Preference.objects.filter(user=user)
            .order_by("kind")
            .values_list("kind", "in_app", "email")
        ],
        "following": [
            {"type": target_type, "id": target_id, "since": since.isoformat()}
            for target_type, target_id, since in Follow.objects.filter(user=user)
            .order_by("created_at")
            .values_list("target_type", "target_id", "created_at")
        ],
    }
