"""Partner agencies and their human-rights record, exchange proposals and their vetting."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.geography import country_name


def choice_label(field: str, choices):
    """`get_<field>_display` from a dictionary built once: Django's own builds and hashes every choice's label on
    each call, which costs a page listing a few hundred rows more than the rest of its rendering."""
    labels = dict(choices)

    def display(self):
        value = getattr(self, field)
        return str(labels.get(value, value))

    return display


class PartnerLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    UNIT = "unit", _("Special unit")


class PartnerAgency(models.Model):
    """A police agency anywhere in the world that a member city may exchange with, or a member city's own."""

    name = models.CharField(_("name"), max_length=200)
    # Folded (lower case, no accents) name and aliases, each alias between "|": what the search matches.
    search_text = models.TextField(editable=False, default="")
    aliases = models.CharField(
        _("other names"), max_length=500, blank=True, help_text=_("Separate the names with commas.")
    )
    country_code = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. FR"))
    city_name = models.CharField(_("city"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=PartnerLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent agency"), null=True, blank=True, on_delete=models.SET_NULL, related_name="units"
    )
    # A member city's own police, when the agency is one.
    member_agency = models.OneToOneField(
        "cities.PoliceAgency",
        verbose_name=_("member city's agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_record",
    )
    # Entered by a city in a proposal: staff check it is a real agency before it counts in the registry.
    verified = models.BooleanField(_("checked by staff"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("partner agency")
        verbose_name_plural = _("partner agencies")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country_code"], name="partner_name_once_per_country"),
        ]
        indexes = [
            GinIndex(OpClass("search_text", name="gin_trgm_ops"), name="partner_search_trgm"),
            models.Index(fields=["country_code", "name"], name="partner_by_country"),
            # Staff's queue lists the partners still to verify, oldest first, without sorting every partner.
            models.Index(fields=["created_at", "id"], condition=Q(verified=False), name="partner_to_verify"),
        ]
        permissions = [("verify_finding", _("Can verify human-rights findings and partner agencies"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exchanges:partner", args=[self.pk])

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]


class SourceKind(models.TextChoices):
    AMNESTY = "amnesty", _("Amnesty International")
    HRW = "hrw", _("Human Rights Watch")
    UN = "un", _("A United Nations body")
    COURT = "court", _("A court")
    GOVERNMENT = "government", _("A government report")
    PRESS = "press", _("The press")


class Category(models.TextChoices):
    EXTRAJUDICIAL_KILLING = "extrajudicial_killing", _("Extrajudicial killing")
    TORTURE = "torture", _("Torture")
    ENFORCED_DISAPPEARANCE = "enforced_disappearance", _("Enforced disappearance")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence by officers")
    PROTEST_FORCE = "protest_force", _("Excessive force against protesters")
    SURVEILLANCE = "surveillance", _("Unlawful surveillance")
    PROFILING = "profiling", _("Racial profiling")
    CORRUPTION = "corruption", _("Corruption")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    GRAVE = "grave", _("Grave")


class Credibility(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Finding(models.Model):
    """A report of abuses by an agency. It counts once a member of staff other than the one who entered it has
    verified it."""

    partner = models.ForeignKey(
        PartnerAgency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="findings"
    )
    source_kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(_("published on"))
    categories = ArrayField(
        models.CharField(max_length=30, choices=Category.choices), verbose_name=_("categories"), default=list
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    credibility = models.CharField(_("credibility"), max_length=10, choices=Credibility.choices)
    url = models.URLField(_("link"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), max_length=3000)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("entered by")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("human-rights finding")
        verbose_name_plural = _("human-rights findings")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True) | ~Q(verified_by=models.F("entered_by")),
                name="finding_verified_by_a_second_person",
            ),
            models.CheckConstraint(condition=~Q(categories=[]), name="finding_has_a_category"),
        ]
        indexes = [
            models.Index(fields=["partner", "-published_on"], name="finding_by_partner"),
            models.Index(fields=["verified_at"], name="finding_by_verification"),
            # Staff's queue lists the findings still to verify, oldest first, without sorting all of them.
            models.Index(fields=["created_at", "id"], condition=Q(verified_at__isnull=True), name="finding_to_verify"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"

    get_source_kind_display = choice_label("source_kind", SourceKind.choices)
    get_severity_display = choice_label("severity", Severity.choices)
    get_credibility_display = choice_label("credibility", Credibility.choices)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def get_categories_display(self) -> list[str]:
        labels = dict(Category.choices)
        return [labels.get(category, category) for category in self.categories]


class Direction(models.TextChoices):
    RECEIVE = "receive", _("Our officers receive training")
    DELIVER = "deliver", _("Our officers deliver training")
    MUTUAL = "mutual", _("A mutual study visit")


class ExchangeType(models.TextChoices):
    TRAINING = "training", _("Training")
    STUDY_VISIT = "study_visit", _("Study visit")
    CONFERENCE = "conference", _("Conference")
    EQUIPMENT = "equipment", _("Equipment or technology")
    ADVISORY = "advisory", _("Advisory")
    JOINT_EXERCISE = "joint_exercise", _("Joint exercise")


class Topic(models.TextChoices):
    USE_OF_FORCE = "use_of_force", _("Use of force")
    CROWD_CONTROL = "crowd_control", _("Crowd control and protest policing")
    SURVEILLANCE = "surveillance", _("Surveillance and intelligence")
    DE_ESCALATION = "de_escalation", _("De-escalation")
    COMMUNITY_POLICING = "community_policing", _("Community policing")
    CRISIS_INTERVENTION = "crisis_intervention", _("Crisis intervention")
    INVESTIGATIONS = "investigations", _("Investigations")
    HUMAN_RIGHTS = "human_rights", _("Human-rights training")
    OTHER = "other", _("Other")


class Payer(models.TextChoices):
    CITY = "city", _("City budget")
    NATIONAL = "national", _("National government")
    FOREIGN = "foreign", _("Foreign government")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    PARTNER = "partner", _("The partner")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")
    REOPENED = "reopened", _("Reopened")


DECIDED_STATUSES = (Status.APPROVED, Status.APPROVED_WITH_CONDITIONS, Status.REJECTED)
APPROVED_STATUSES = (Status.APPROVED, Status.APPROVED_WITH_CONDITIONS)
# What the public register lists: a decision was taken, whatever happened next.
REGISTER_STATUSES = (*DECIDED_STATUSES, Status.COMPLETED)


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low-risk track")
    NORMAL = "normal", _("Standard")
    FLAGGED = "flagged", _("Flagged")
    HIGH = "high", _("High risk")


# Fields of a decided proposal that the decision may withhold from the public register.
SENSITIVE_FIELD_CHOICES = (
    ("partners", _("partner agencies")),
    ("dates", _("dates")),
    ("cost", _("cost and who pays")),
    ("rationale", _("rationale summary")),
    ("conditions", _("conditions")),
)


def attachment_path(proposal, filename: str) -> str:
    # Never the uploaded name: nothing of it reaches the file system.
    return f"exchanges/{uuid.uuid4().hex}.pdf"


class FunderKind(models.TextChoices):
    FOREIGN_MINISTRY = "foreign_ministry", _("Foreign ministry")
    EMBASSY = "embassy", _("Embassy programme")
    NATIONAL = "national", _("National government")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    MULTILATERAL = "multilateral", _("Multilateral")


class FundingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


# Days before an opportunity's deadline when its followers are reminded, each once.
FUNDING_REMINDER_DAYS = (14, 3)


class FundingOpportunity(models.Model):
    """A call for funding from a ministry, an embassy, a government, a foundation or a multilateral body, that can
    pay for exchanges. Staff keep the registry; proposals name the opportunity that funds them."""

    funder_name = models.CharField(_("funder"), max_length=200)
    funder_kind = models.CharField(_("kind of funder"), max_length=20, choices=FunderKind.choices)
    title = models.CharField(_("programme"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. EUR"))
    amount_min = models.DecimalField(_("smallest grant"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(_("largest grant"), max_digits=12, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    eligibility = models.TextField(_("who is eligible"), max_length=5000)
    url = models.URLField(_("link"), max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    status = models.CharField(_("status"), max_length=10, choices=FundingStatus.choices, default=FundingStatus.OPEN)
    # When each reminder went out for the current deadline (moving the deadline clears them).
    reminded_14_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_3_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_max__gte=F("amount_min")),
                name="funding_range_in_order",
            ),
            models.CheckConstraint(condition=Q(amount_min__gte=0) | Q(amount_min__isnull=True), name="funding_min_0"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline", "id"], name="funding_by_status_deadline"),
            models.Index(fields=["funder_kind", "deadline", "id"], name="funding_by_kind_deadline"),
        ]
        permissions = [("keep_funding", _("Can keep the registry of funding opportunities"))]

    def __str__(self) -> str:
        return f"{self.funder_name}: {self.title}"

    get_funder_kind_display = choice_label("funder_kind", FunderKind.choices)
    get_status_display = choice_label("status", FundingStatus.choices)

    def get_absolute_url(self) -> str:
        return reverse("exchanges:funding", args=[self.pk])


class Proposal(models.Model):
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="exchange_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposed by")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        PartnerAgency, verbose_name=_("partner agencies"), related_name="proposals", blank=True
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, blank=True)
    exchange_type = models.CharField(_("type"), max_length=20, choices=ExchangeType.choices, blank=True)
    topics = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices),
        verbose_name=_("curriculum topics"),
        default=list,
        blank=True,
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    officers = models.PositiveIntegerField(_("number of officers"), null=True, blank=True)
    units = models.CharField(_("units taking part"), max_length=300, blank=True)
    cost = models.DecimalField(_("cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    payer = models.CharField(_("who pays"), max_length=20, choices=Payer.choices, blank=True)
    objectives = models.TextField(_("objectives"), max_length=5000, blank=True)
    funding = models.ForeignKey(
        FundingOpportunity,
        verbose_name=_("funding opportunity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    funding_amount = models.DecimalField(
        _("amount requested from the funder"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    practices = models.ManyToManyField(
        "practices.Practice", verbose_name=_("linked practices"), related_name="exchange_proposals", blank=True
    )
    agenda = models.FileField(_("agenda (PDF)"), upload_to=attachment_path, max_length=200, blank=True)
    curriculum = models.FileField(_("curriculum (PDF)"), upload_to=attachment_path, max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    risk_level = models.CharField(_("risk"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.NORMAL)
    # [{"rule": ..., "level": ..., "reason": ...}], recomputed on every change.
    risk_flags = models.JSONField(default=list, blank=True)
    comments_close_at = models.DateTimeField(_("comments close"), null=True, blank=True)
    decision_rationale = models.TextField(_("rationale"), blank=True)
    decision_summary = models.TextField(_("public summary of the rationale"), blank=True)
    # Why staff side with one recommendation when the reviewers disagree.
    override_reason = models.TextField(_("why staff side with one recommendation"), blank=True)
    letter_reasons = models.TextField(_("reasons disclosed to the partner"), blank=True)
    sensitive_fields = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    approval_expires_on = models.DateField(_("approval valid until"), null=True, blank=True)
    report = models.TextField(_("post-exchange report"), blank=True)
    report_filed_at = models.DateTimeField(null=True, blank=True)
    report_reminded_on = models.DateField(null=True, blank=True)
    reopen_reason = models.TextField(_("why it was reopened"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("exchange proposal")
        verbose_name_plural = _("exchange proposals")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="proposal_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "approved_with_conditions", "rejected"])
                | Q(decided_at__isnull=False),
                name="proposal_decision_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(funding__isnull=False) | Q(funding_amount__isnull=True),
                name="proposal_funding_amount_needs_a_funder",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-decided_at"], name="proposal_by_status"),
            models.Index(fields=["city", "-updated_at"], name="proposal_by_city"),
            # The public register's order, read from its newest decision without sorting the register.
            models.Index(
                fields=["-decided_at", "-id"], condition=Q(status__in=REGISTER_STATUSES), name="proposal_register"
            ),
            # Staff's review queue, oldest submission first, whole or by status.
            models.Index(fields=["submitted_at", "id"], condition=~Q(status="draft"), name="proposal_queue"),
            models.Index(fields=["status", "submitted_at", "id"], name="proposal_queue_by_status"),
        ]
        permissions = [
            ("screen_proposal", _("Can screen exchange proposals and assign reviewers")),
            ("decide_proposal", _("Can decide on exchange proposals")),
            ("review_proposal", _("Can review exchange proposals")),
        ]

    def __str__(self) -> str:
        return self.title

    get_status_display = choice_label("status", Status.choices)
    get_exchange_type_display = choice_label("exchange_type", ExchangeType.choices)
    get_payer_display = choice_label("payer", Payer.choices)
    get_risk_level_display = choice_label("risk_level", RiskLevel.choices)

    def get_absolute_url(self) -> str:
        return reverse("exchanges:proposal", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def comments_open(self) -> bool:
        return (
            self.status == Status.IN_REVIEW
            and self.comments_close_at is not None
            and timezone.now() < self.comments_close_at
        )

    @property
    def report_due_on(self):
        from datetime import timedelta

        return self.ends_on + timedelta(days=30) if self.ends_on else None

    def withheld(self, field: str) -> bool:
        return field in self.sensitive_fields

    def get_topics_display(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(topic, topic)) for topic in self.topics]


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    REJECT = "reject", _("Reject")


# The reviewer's checklist: item → question.
CHECKLIST = {
    "partner_record": _("The partner's human-rights record"),
    "curriculum_risk": _("The risk in the curriculum"),
    "benefits_and_risks": _("The benefits and the risks of going ahead and of refusing"),
    "mitigation": _("Whether the risks can be mitigated"),
    "cost": _("The cost to taxpayers"),
    "alternatives": _("Better alternatives in the library"),
}


class Rating(models.IntegerChoices):
    SERIOUS_CONCERN = 1, _("1 — serious concern")
    CONCERN = 2, _("2 — concern")
    NEUTRAL = 3, _("3 — neither")
    ACCEPTABLE = 4, _("4 — acceptable")
    GOOD = 5, _("5 — good")


class Review(models.Model):
    """A reviewer's assignment to a proposal, then their checklist and recommendation."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_reviews")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due"))
    # {item: {"rating": 1-5, "rationale": "..."}}
    checklist = models.JSONField(default=dict, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=30, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="review_once_per_reviewer"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | ~Q(recommendation=""), name="submitted_review_recommends"
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at", "due_on"], name="review_by_reviewer")]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Conflict(models.Model):
    """A reviewer's declared conflict of interest with a city or a partner agency."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_conflicts")
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        PartnerAgency,
        verbose_name=_("partner agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["-declared_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False, partner__isnull=True) | Q(city__isnull=True, partner__isnull=False),
                name="conflict_with_a_city_or_a_partner",
            )
        ]

    def __str__(self) -> str:
        return str(self.city or self.partner)


class CommentVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    REVIEWERS = "reviewers", _("Reviewers only")


class Comment(models.Model):
    """A community comment during a proposal's comment window."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment (Markdown)"), max_length=5000)
    body_html = models.TextField(editable=False)
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=CommentVisibility.choices, default=CommentVisibility.PUBLIC
    )
    hidden = models.BooleanField(default=False)
    reports = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.body[:40]}"


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="comment_reported_once")]

    def __str__(self) -> str:
        return self.reason


class Condition(models.Model):
    """A mitigation measure an approval carries: who does what by when."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="conditions")
    measure = models.CharField(_("measure"), max_length=500)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.measure


class TimelineEntry(models.Model):
    """The proposal's own history, shown on its page."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="timeline")
    actor_handle = models.CharField(max_length=40, blank=True)
    move = models.CharField(max_length=40)
    before = models.CharField(max_length=30, blank=True)
    after = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.move}: {self.before} → {self.after}"
