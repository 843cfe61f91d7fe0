"""Forums: spaces with their own rules, topics and their posts, reactions, reports, read state, blocks,
sanctions and the record of every unmasking of a pseudonym."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.models import Theme

# Slugs a forum may not take: the forums' own pages and API routes live beside `<forum slug>/`.
RESERVED_SLUGS = frozenset(
    {"topics", "posts", "search", "new", "moderation", "blocks", "staff", "feed", "members", "unread", "api"}
)
# Postgres' text-search configuration for each language the site speaks; any other language is indexed as is.
# Each one ignores accents (migration 0002), so "koban" finds "kōban" and "Medellin" finds "Medellín", in the posts
# and in the words typed alike.
SEARCH_CONFIGS = {"en": "forums_english", "fr": "forums_french", "es": "forums_spanish"}


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "forums_simple")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public: anyone reads, signed-in people post")
    MEMBERS = "members", _("Members only: participants of the network read and post")
    GROUP = "group", _("Working group: only its members read and post")


class Forum(models.Model):
    """A space with its own rules: who reads, who posts, who moderates."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, default="")
    access = models.CharField(_("who reads and posts"), max_length=10, choices=Access.choices, default=Access.PUBLIC)
    # A working group whose existence (name, description) is shown to everyone; its content never is.
    listed = models.BooleanField(_("listed publicly"), default=False)
    pseudonyms_allowed = models.BooleanField(_("pseudonymous posting allowed"), default=False)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Kept by the services.
    topic_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["position", "name", "id"]
        indexes = [models.Index(fields=["position", "name", "id"], name="forum_order")]
        permissions = [
            ("manage_forums", _("Can create forums and name their moderators")),
            ("moderate_forums", _("Can moderate every forum")),
            ("unmask_pseudonym", _("Can unmask a pseudonymous post, with a reason")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", args=[self.slug])


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class ForumMember(models.Model):
    """A member of a working group, or a moderator of any forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_memberships")
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        constraints = [models.UniqueConstraint(fields=["forum", "user"], name="forum_member_once")]
        indexes = [models.Index(fields=["user", "forum"], name="forum_member_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.forum_id} ({self.role})"


class Topic(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pseudonymous = models.BooleanField(_("pseudonymous"), default=False)
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    # Kept by the services: the topic list reads them instead of the posts.
    last_post_at = models.DateTimeField(default=timezone.now)
    last_post_number = models.PositiveIntegerField(default=1)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            # The topic list of a forum: pinned first, then the most recent activity (keyset pages).
            models.Index(F("forum"), F("pinned").desc(), F("last_post_at").desc(), F("id").desc(), name="topic_list"),
            models.Index(
                fields=["practice", "-last_post_at"], name="topic_by_practice", condition=Q(practice__isnull=False)
            ),
            models.Index(fields=["city", "-last_post_at"], name="topic_by_city", condition=Q(city__isnull=False)),
            models.Index(fields=["author", "created_at"], name="topic_by_author"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:topic", args=[self.pk])

    @property
    def is_open_for_replies(self) -> bool:
        return not (self.locked or self.closed or self.hidden or self.deleted_at)


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    # 1 is the opening post; pages are ranges of numbers.
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The per-topic pseudonym the post shows instead of the handle; "" when the post is signed by handle.
    pseudonym = models.CharField(max_length=60, blank=True, default="")
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False, default="")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    quote_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("quoting")
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Removed by a moderator (as opposed to deleted by its author).
    removed = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    # A keyed HMAC of the address it came from, kept for abuse control for FORUMS_IP_HASH_DAYS, then blanked.
    ip_hash = models.CharField(max_length=64, blank=True, default="")
    ip_hashed_at = models.DateTimeField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_once_per_topic"),
            models.CheckConstraint(condition=Q(number__gte=1), name="post_number_positive"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="post_search"),
            models.Index(fields=["author", "created_at"], name="post_by_author"),
            models.Index(fields=["ip_hashed_at"], name="post_ip_hash_age", condition=~Q(ip_hash="")),
            models.Index(fields=["hidden_at"], name="post_hidden", condition=Q(hidden=True)),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}#{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post", args=[self.pk])

    @property
    def is_gone(self) -> bool:
        return bool(self.deleted_at) or self.removed


class PostRevision(models.Model):
    """The body of a post before an edit: the visible history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["post", "number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="post_revision_once")]

    def __str__(self) -> str:
        return f"{self.post_id} revision {self.number}"


class ReactionKind(models.TextChoices):
    THANKS = "thanks", _("Thanks")
    AGREE = "agree", _("Agree")
    INSIGHTFUL = "insightful", _("Insightful")
    SUPPORT = "support", _("Solidarity")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_once")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse or harassment")
    THREAT = "threat", _("A threat")
    DOXXING = "doxxing", _("Doxxing: it reveals someone's identity or whereabouts")
    OTHER = "other", _("Something else")


class ReportOutcome(models.TextChoices):
    KEPT = "kept", _("Kept: nothing wrong")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    note = models.TextField(_("note for the moderators"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=ReportOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="report_once_per_reporter")]
        indexes = [models.Index(fields=["created_at"], name="report_open", condition=Q(resolved_at__isnull=True))]

    def __str__(self) -> str:
        return f"{self.reason} report on {self.post_id}"


class ReadState(models.Model):
    """How far a person has read a topic: unread = topic.last_post_number - last_read_number."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="read_state_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.topic_id} to {self.last_read_number}"


class Block(models.Model):
    """The blocker no longer sees the blocked person's posts open, nor hears of their mentions."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class SanctionKind(models.TextChoices):
    WARN = "warn", _("Warning")
    SUSPEND = "suspend", _("Suspension from posting")
    BAN = "ban", _("Ban")


class Sanction(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # None: every forum of the network.
    forum = models.ForeignKey(Forum, null=True, blank=True, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("kind"), max_length=10, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    until = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        indexes = [models.Index(fields=["user", "kind"], name="sanction_by_user")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id}"


class Unmasking(models.Model):
    """Staff linked a pseudonymous post to its account; the reason is kept (and audited)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="unmaskings")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("unmasking")
        verbose_name_plural = _("unmaskings")

    def __str__(self) -> str:
        return f"unmasking of {self.post_id}"
