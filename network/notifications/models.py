import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailSchedule(models.TextChoices):
    """How a person wants one kind of notification by email."""

    OFF = "off", _("Never")
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class Event(models.Model):
    """One thing that happened that people should hear about: the outbox row written in the acting transaction.

    Recipients named by the caller get their notifications in that same transaction. An audience (the followers
    of a city, everyone holding a permission) is stored here and expanded by a task in batches; `fanout_cursor`
    is the last user id done, so an interrupted fan-out resumes where it stopped.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    audience = models.JSONField(null=True, blank=True)
    fanout_cursor = models.BigIntegerField(default=0)
    fanout_done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["created_at"], name="event_fanout_due", condition=Q(fanout_done_at__isnull=True)),
            models.Index(fields=["kind"], name="event_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Notification(models.Model):
    """The in-app notification: one row per event and recipient."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["event", "recipient"], name="notification_once")]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.kind} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Digest(models.Model):
    """One digest email: the pending digest deliveries of one person for one period, sent together once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    schedule = models.CharField(max_length=10, choices=EmailSchedule.choices)
    period_end = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    due_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed it to send it: no other worker takes it until NOTIFICATIONS_REQUEUE_AFTER has passed.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "schedule", "period_end"], name="digest_once"),
            models.CheckConstraint(condition=Q(schedule__in=["daily", "weekly"]), name="digest_schedule_is_a_digest"),
        ]
        indexes = [models.Index(fields=["due_at"], name="digest_due", condition=Q(status="pending"))]

    def __str__(self) -> str:
        return f"{self.schedule} digest for {self.recipient_id} ({self.period_end:%Y-%m-%d})"


class Delivery(models.Model):
    """The email outbox: one row per event, recipient and channel, so that a repeated task sends one email."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    # A person with an account, or (for mail to someone who may have none: verification links, password resets,
    # invitations) an address, with the message its sender rendered, stored encrypted until it is sent.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address = models.EmailField(max_length=254, blank=True)
    content = models.TextField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    schedule = models.CharField(max_length=10, choices=EmailSchedule.choices, default=EmailSchedule.IMMEDIATE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # When the row may next be sent: at once, at the end of its digest period, or after a failure's backoff.
    due_at = models.DateTimeField(default=timezone.now)
    # When a task was last asked to send it: the sweep re-queues rows whose task never ran.
    queued_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed it to send it: no other worker takes it until NOTIFICATIONS_REQUEUE_AFTER has passed.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["event", "recipient", "channel"], name="delivery_once"),
            models.CheckConstraint(condition=~Q(schedule="off"), name="delivery_schedule_is_not_off"),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False, address="")
                | Q(recipient__isnull=True, schedule="immediate", digest__isnull=True) & ~Q(address=""),
                name="delivery_to_a_person_or_an_address",
            ),
        ]
        indexes = [
            models.Index(fields=["due_at"], name="delivery_due", condition=Q(status="pending")),
            models.Index(fields=["status", "-created_at", "-id"], name="delivery_by_status"),
            models.Index(fields=["-created_at", "-id"], name="delivery_recent"),
            models.Index(fields=["schedule", "-created_at", "-id"], name="delivery_by_schedule"),
        ]

    def __str__(self) -> str:
        return f"{self.event.kind} → {self.recipient_id or 'an address'} ({self.status})"

    @property
    def masked_address(self) -> str:
        """The address as staff see it: enough to tell two apart, not enough to read it."""
        local, _, domain = self.address.partition("@")
        return f"{local[:1]}…@{domain}" if domain else ""


class Preference(models.Model):
    """A person's choice for one kind, kept only where it differs from the kind's defaults."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=80)
    in_app = models.BooleanField(default=True)
    email = models.CharField(max_length=10, choices=EmailSchedule.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class Follow(models.Model):
    """Someone follows something (a city, a practice, a topic) and hears about what happens to it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "user"], name="follow_once"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="follow_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.target_type} {self.target_id}"
