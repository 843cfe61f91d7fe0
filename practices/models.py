from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Func, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.geography import Region, country_name
from cities.models import City

# The text search configuration of the library: English stemming, as the records are written in English, after
# `unaccent`, so that "kōban" finds "Koban" and "Medellin" finds "Medellín" (migration 0002 creates it).
SEARCH_CONFIG = "library_english"
# How long a published rating stands before staff must look at it again.
REVIEW_INTERVAL_DAYS = 730


class Unaccented(Func):
    """The text without its accents, through `immutable_unaccent` (migration 0002): `unaccent` with its dictionary
    fixed, declared IMMUTABLE so that the trigram index on the title may hold it."""

    function = "immutable_unaccent"
    output_field = models.TextField()


class Kind(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROGRAM = "program", _("Program")
    INSTITUTIONAL_REFORM = "institutional_reform", _("Institutional reform")
    MODEL = "model", _("Model")


class Theme(models.TextChoices):
    USE_OF_FORCE = "use_of_force", _("Use of force")
    COMMUNITY_POLICING = "community_policing", _("Community policing")
    PUBLIC_HEALTH = "public_health", _("Public-health violence reduction")
    CRISIS_RESPONSE = "crisis_response", _("Crisis response and mental health")
    OVERSIGHT = "oversight", _("Oversight and accountability")
    RESTRUCTURING = "restructuring", _("Police restructuring")
    STOPS_AND_SEARCHES = "stops_and_searches", _("Stops and searches")
    PROTEST_POLICING = "protest_policing", _("Protest policing")
    SURVEILLANCE = "surveillance", _("Surveillance")
    TRAINING = "training", _("Training")
    PUBLIC_INVESTMENT = "public_investment", _("Investment in public services")


class Rating(models.TextChoices):
    EFFECTIVE = "effective", _("Effective")
    PROMISING = "promising", _("Promising")
    INCONCLUSIVE = "inconclusive", _("Inconclusive")
    INEFFECTIVE = "ineffective", _("Ineffective")
    HARMFUL = "harmful", _("Harmful")
    NOT_RATED = "not_rated", _("Not yet rated")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PoliceLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal police")
    REGIONAL = "regional", _("Regional police")
    NATIONAL = "national", _("National police")


class MayoralControl(models.TextChoices):
    REQUIRED = "required", _("Needs a police force the mayor controls")
    HELPS = "helps", _("Easier where the mayor controls the police")
    NOT_NEEDED = "not_needed", _("Does not depend on who controls the police")


class Practice(models.Model):
    """A practice, program, policy or model of the library, with its evidence rating.

    The rating fields hold the rating as it stands on the public page. On a published practice a new rating is
    proposed as a `RatingProposal` and reaches these fields only when a second member of staff approves it.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    themes = ArrayField(
        models.CharField(max_length=30, choices=Theme.choices), verbose_name=_("themes"), default=list, blank=True
    )
    problem = models.TextField(_("problem targeted"), blank=True)
    population = models.TextField(_("population"), blank=True)
    origin_place = models.CharField(_("place of origin"), max_length=200, blank=True)
    origin_country = models.CharField(_("country of origin"), max_length=2, blank=True)
    origin_region = models.CharField(_("region of origin"), max_length=20, choices=Region.choices, blank=True)
    origin_year = models.PositiveSmallIntegerField(_("year of origin"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("body (Markdown)"), blank=True)
    # The body rendered and sanitised when it is written, so pages never render Markdown.
    body_html = models.TextField(blank=True, editable=False)
    rating = models.CharField(_("evidence rating"), max_length=20, choices=Rating.choices, default=Rating.NOT_RATED)
    study_count = models.PositiveSmallIntegerField(_("number of studies"), default=0)
    study_design = models.CharField(_("kind of studies"), max_length=300, blank=True)
    single_study = models.BooleanField(_("the rating rests on a single study"), default=False)
    # Who last set the rating: the person who may not also publish it.
    rating_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_on = models.DateField(_("rated on"), null=True, blank=True)
    emmie_effect = models.TextField(_("effect"), blank=True)
    emmie_mechanism = models.TextField(_("mechanism"), blank=True)
    emmie_moderators = models.TextField(_("moderators"), blank=True)
    emmie_implementation = models.TextField(_("implementation"), blank=True)
    emmie_economic_cost = models.TextField(_("economic cost"), blank=True)
    transfer_police_levels = ArrayField(
        models.CharField(max_length=20, choices=PoliceLevel.choices),
        verbose_name=_("works with these police forces"),
        default=list,
        blank=True,
    )
    transfer_mayoral_control = models.CharField(
        _("mayoral control"), max_length=20, choices=MayoralControl.choices, default=MayoralControl.NOT_NEEDED
    )
    transfer_legal_system = models.TextField(_("legal system"), blank=True)
    related = models.ManyToManyField("self", verbose_name=_("related practices"), blank=True, symmetrical=True)
    status = models.CharField(_("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The person whose suggestion this practice grew from, credited on its page under their handle.
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    review_due_on = models.DateField(_("re-review due"), null=True, blank=True)
    # The due date staff were last reminded of, so each due date is announced once.
    reminded_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # Title (A), summary (B) and body (C), weighted; refreshed by the services whenever they change.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title", "id"]
        permissions = [
            ("curate_practice", "Can write, review and publish library records"),
            ("verify_adoption", "Can verify cities' adoption records"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="practice_published_has_date"
            ),
            models.CheckConstraint(
                condition=Q(origin_year__isnull=True) | Q(origin_year__gte=1800, origin_year__lte=2100),
                name="practice_origin_year_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "title"], name="practice_by_status"),
            models.Index(fields=["status", "rating", "title"], name="practice_by_rating"),
            models.Index(fields=["status", "kind", "title"], name="practice_by_kind"),
            models.Index(fields=["status", "origin_region", "title"], name="practice_by_region"),
            models.Index(fields=["status", "-published_at"], name="practice_by_published"),
            models.Index(fields=["review_due_on"], name="practice_by_review_due"),
            GinIndex(fields=["themes"], name="practice_themes"),
            GinIndex(fields=["search_vector"], name="practice_search"),
            GinIndex(OpClass(Lower(Unaccented("title")), name="gin_trgm_ops"), name="practice_title_unaccent_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.slug])

    @property
    def origin_country_name(self) -> str:
        return country_name(self.origin_country) if self.origin_country else ""

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    def theme_items(self) -> list[tuple[str, str]]:
        labels = dict(Theme.choices)
        return [(theme, labels.get(theme, theme)) for theme in self.themes]

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [labels.get(theme, theme) for theme in self.themes]

    def police_level_labels(self) -> list[str]:
        labels = dict(PoliceLevel.choices)
        return [labels.get(level, level) for level in self.transfer_police_levels]


def search_vector_expression():
    """What `Practice.search_vector` holds, for an UPDATE of one row or of many."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class Source(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["practice", "position", "id"]

    def __str__(self) -> str:
        return self.title


class RatingProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a second opinion")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RatingProposal(models.Model):
    """A new rating for a published practice, which a second member of staff must approve before it shows."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="rating_proposals")
    rating = models.CharField(_("evidence rating"), max_length=20, choices=Rating.choices)
    study_count = models.PositiveSmallIntegerField(_("number of studies"), default=0)
    study_design = models.CharField(_("kind of studies"), max_length=300, blank=True)
    single_study = models.BooleanField(_("the rating rests on a single study"), default=False)
    rationale = models.TextField(_("why the rating changes"))
    status = models.CharField(max_length=20, choices=RatingProposalStatus.choices, default=RatingProposalStatus.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rating proposal")
        verbose_name_plural = _("rating proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice"], condition=Q(status="pending"), name="one_pending_rating_per_practice"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice}: {self.get_rating_display()} ({self.get_status_display()})"


class Revision(models.Model):
    """One change to a practice, shown on its page as "changes": who (by handle), when, what changed."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    # The handle at the time, so the history survives the account.
    actor_handle = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=40)
    fields = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    note = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["practice", "-created_at"], name="revision_by_practice")]

    def __str__(self) -> str:
        return f"{self.practice}: {self.action}"


class Collection(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    practices = models.ManyToManyField(Practice, through="CollectionItem", related_name="collections")

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["position", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:collection", args=[self.slug])


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="collection_items")
    position = models.PositiveSmallIntegerField(default=0)
    # The matrix's column header: short enough for a narrow column.
    label = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["collection", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "practice"], name="practice_once_per_collection")]
        indexes = [models.Index(fields=["practice"], name="collection_item_by_practice")]

    def __str__(self) -> str:
        return f"{self.collection}: {self.practice}"

    @property
    def short_label(self) -> str:
        return self.label or self.practice.title


class AdoptionStatus(models.TextChoices):
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    CONSIDERING = "considering", _("Considering")
    PILOTING = "piloting", _("Piloting")
    ADOPTED = "adopted", _("Adopted")
    DISCONTINUED = "discontinued", _("Discontinued")


class AdoptionSource(models.TextChoices):
    SELF_REPORTED = "self_reported", _("Reported by the city")
    VERIFIED = "verified", _("Verified by staff")
    IMPORTED = "imported", _("Imported data set")


class Adoption(models.Model):
    """Where one city stands with one practice. Its history is kept in `AdoptionRevision`."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="adoptions")
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    policy_text = models.TextField(_("quoted policy text"), blank=True)
    policy_url = models.URLField(_("link to the policy"), max_length=500, blank=True)
    effective_date = models.DateField(_("in effect since"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=AdoptionSource.choices)
    # Which data set, for imported records; the staff member's note, for verified ones.
    source_note = models.CharField(_("source details"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("adoption record")
        verbose_name_plural = _("adoption records")
        ordering = ["city__name", "practice__title", "id"]
        constraints = [models.UniqueConstraint(fields=["city", "practice"], name="adoption_once_per_city_practice")]
        indexes = [
            models.Index(fields=["practice", "status"], name="adoption_by_practice"),
            models.Index(fields=["status", "city"], name="adoption_by_status"),
            models.Index(fields=["-updated_at"], name="adoption_by_updated"),
            # Staff's verification queue (self-reported records), newest change first: its keyset pages' order.
            models.Index(fields=["-updated_at", "-id"], condition=Q(source="self_reported"), name="adoption_to_verify"),
        ]

    def __str__(self) -> str:
        return f"{self.city} — {self.practice}: {self.get_status_display()}"


class AdoptionRevision(models.Model):
    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="revisions")
    status = models.CharField(max_length=20, choices=AdoptionStatus.choices)
    policy_text = models.TextField(blank=True)
    policy_url = models.URLField(max_length=500, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=AdoptionSource.choices)
    source_note = models.CharField(max_length=300, blank=True)
    actor_handle = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["adoption", "-created_at"], name="adoption_revision_by_record")]

    def __str__(self) -> str:
        return f"{self.adoption}: {self.get_status_display()}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for staff")
    ACCEPTED = "accepted", _("Accepted as a draft")
    MERGED = "merged", _("Merged into an existing practice")
    DECLINED = "declined", _("Declined")


class Suggestion(models.Model):
    """A practice someone thinks the library should hold."""

    title = models.CharField(_("name of the practice"), max_length=200)
    summary = models.TextField(_("what it is"), max_length=2000)
    where = models.CharField(_("where it is done"), max_length=200, blank=True)
    links = models.TextField(
        _("links to sources"), blank=True, max_length=2000, help_text=_("One address a line: reports, studies, news.")
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="practice_suggestions"
    )
    status = models.CharField(_("status"), max_length=20, choices=SuggestionStatus.choices, default="open")
    reason = models.TextField(_("reason"), blank=True)
    practice = models.ForeignKey(Practice, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(reason=""), name="declined_suggestion_has_reason"
            ),
        ]
        indexes = [
            # Staff's queue, oldest first, and a person's own, newest first: each in its keyset pages' order.
            models.Index(fields=["status", "created_at", "id"], name="suggestion_by_status"),
            models.Index(fields=["suggested_by", "-created_at", "-id"], name="suggestion_by_person"),
        ]

    def __str__(self) -> str:
        return self.title


# The languages a record may be translated into: every language of the site but English, the one records are
# written in.
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "en"]
# The EMMIE notes, which a record and each of its translations carry under the same names.
EMMIE_FIELDS = ("emmie_effect", "emmie_mechanism", "emmie_moderators", "emmie_implementation", "emmie_economic_cost")


class PracticeTranslation(models.Model):
    """A record's words in another language, written by staff. What a translation leaves blank shows in English."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    problem = models.TextField(_("problem targeted"), blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(blank=True, editable=False)
    emmie_effect = models.TextField(_("effect"), blank=True)
    emmie_mechanism = models.TextField(_("mechanism"), blank=True)
    emmie_moderators = models.TextField(_("moderators"), blank=True)
    emmie_implementation = models.TextField(_("implementation"), blank=True)
    emmie_economic_cost = models.TextField(_("economic cost"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("translation of a practice")
        verbose_name_plural = _("translations of practices")
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="one_practice_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class CollectionTranslation(models.Model):
    """A collection's title and description in another language, written by staff."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("translation of a collection")
        verbose_name_plural = _("translations of collections")
        constraints = [
            models.UniqueConstraint(fields=["collection", "language"], name="one_collection_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


# --- Pledges -------------------------------------------------------------------------------------------------


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for staff")
    PUBLISHED = "published", _("Published")
    HONOURED = "honoured", _("Honoured")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the public reads: a pledge staff published, whether it is still open, honoured or withdrawn since.
PUBLIC_PLEDGE_STATUSES = (PledgeStatus.PUBLISHED, PledgeStatus.HONOURED, PledgeStatus.WITHDRAWN)


class Pledge(models.Model):
    """A member city's promise to adopt practices of the library by a date. Honoured when every practice it names
    is recorded as adopted and verified by staff."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="pledges")
    # The collection pledged whole, if any: its practices became the pledge's items when it was written.
    collection = models.ForeignKey(
        Collection, verbose_name=_("collection"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    practices = models.ManyToManyField(Practice, through="PledgeItem", related_name="pledges")
    target_date = models.DateField(_("adopted by"))
    steps = models.TextField(_("planned steps (Markdown)"), max_length=10000)
    steps_html = models.TextField(blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT)
    # Staff's reason for sending it back, or the city's for withdrawing it.
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    honoured_at = models.DateTimeField(_("honoured"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["target_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "honoured"]) | Q(published_at__isnull=False),
                name="pledge_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="honoured") | Q(honoured_at__isnull=False), name="pledge_honoured_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["city", "status"], name="pledge_by_city"),
            models.Index(fields=["status", "target_date"], name="pledge_by_status"),
            # Staff's queue: submitted pledges, the oldest submission first, paged by keyset.
            models.Index(fields=["submitted_at", "id"], name="pledge_queue", condition=Q(status="submitted")),
        ]

    def __str__(self) -> str:
        return _("Pledge of %(city)s (by %(date)s)") % {"city": self.city.name, "date": self.target_date.isoformat()}

    def get_absolute_url(self) -> str:
        return reverse("practices:pledge", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_PLEDGE_STATUSES

    def is_overdue(self, today=None) -> bool:
        """Published, not honoured, and its date has passed."""
        today = today or timezone.localdate()
        return self.status == PledgeStatus.PUBLISHED and self.target_date < today


class PledgeItem(models.Model):
    """One practice a pledge promises. Closed when the city's adoption of it is recorded as adopted and verified."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    practice = models.ForeignKey(Practice, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    closed_at = models.DateTimeField(_("adopted and verified"), null=True, blank=True)

    class Meta:
        ordering = ["pledge", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["pledge", "practice"], name="practice_once_per_pledge")]
        indexes = [models.Index(fields=["practice", "closed_at"], name="pledge_item_by_practice")]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.practice_id}"


class PledgeReport(models.Model):
    """A city's own report of its progress on a pledge, at a milestone."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("milestone date"))
    text = models.TextField(_("progress (Markdown)"), max_length=10000)
    text_html = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The handle at the time, so the report keeps its signature after the account is gone.
    author_handle = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["pledge", "-reported_on", "-id"]
        indexes = [models.Index(fields=["pledge", "-reported_on"], name="pledge_report_by_pledge")]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.reported_on.isoformat()}"


class PledgeReportItem(models.Model):
    """Where one practice of the pledge stood, as the city reported it."""

    report = models.ForeignKey(PledgeReport, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)

    class Meta:
        ordering = ["report", "item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "item"], name="item_once_per_report")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.item_id} {self.status}"


class PledgeMilestone(models.TextChoices):
    DUE_SOON = "due_soon", _("Due in 30 days")
    OVERDUE = "overdue", _("Overdue")


class PledgeReminder(models.Model):
    """That the city's representatives were reminded of a pledge at a milestone: each milestone once."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reminders")
    milestone = models.CharField(max_length=20, choices=PledgeMilestone.choices)
    target_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pledge", "milestone", "target_date"], name="pledge_reminded_once")
        ]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.milestone}"


class ShadowVerdict(models.TextChoices):
    """Where civil society says a pledge stands, beside what the city reports."""

    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    NOT_HONOURED = "not_honoured", _("Not honoured")
    HONOURED = "honoured", _("Honoured")


class ShadowReport(models.Model):
    """An independent assessment of a published pledge by a participant with an affiliation: a verdict, a
    statement and evidence. Signed with the author's handle and affiliation, or with a per-pledge pseudonym that
    only staff can link to the account. The city may answer it once, publicly; staff moderate it."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="shadow_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The per-pledge pseudonym shown instead of the handle and affiliation; "" when the report is signed.
    pseudonym = models.CharField(max_length=60, blank=True, default="")
    # The signature as it was filed (handle, and the affiliation the author chose to show); "" when pseudonymous.
    signed_handle = models.CharField(max_length=40, blank=True, default="")
    signed_affiliation = models.CharField(max_length=200, blank=True, default="")
    verdict = models.CharField(_("verdict"), max_length=20, choices=ShadowVerdict.choices)
    statement = models.TextField(_("statement (Markdown)"), max_length=10000)
    statement_html = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    # Moderation, as in the forums: hidden by staff with a reason (the author still sees it, marked).
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True, default="")
    hidden_at = models.DateTimeField(null=True, blank=True)
    flag_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("shadow report")
        verbose_name_plural = _("shadow reports")
        ordering = ["pledge", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["pledge", "-created_at"], name="shadow_by_pledge"),
            models.Index(fields=["author", "created_at"], name="shadow_by_author"),
            models.Index(fields=["hidden_at"], name="shadow_hidden", condition=Q(hidden=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pseudonym="") | Q(signed_handle="", signed_affiliation=""),
                name="shadow_pseudonymous_is_unsigned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.verdict}"


class ShadowEvidence(models.Model):
    """One piece of a shadow report's evidence: a link, a quoted passage of a document, or both."""

    report = models.ForeignKey(ShadowReport, on_delete=models.CASCADE, related_name="evidence")
    position = models.PositiveSmallIntegerField(default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    title = models.CharField(_("what it is"), max_length=200, blank=True)
    quote = models.TextField(_("quoted passage"), max_length=2000, blank=True)

    class Meta:
        ordering = ["report", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(quote=""), name="shadow_evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}#{self.position}"


class ShadowAnswer(models.Model):
    """The city's one public answer to a shadow report, written by one of its representatives."""

    report = models.OneToOneField(ShadowReport, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField(_("answer (Markdown)"), max_length=5000)
    text_html = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The handle at the time, so the answer keeps its signature after the account is gone.
    author_handle = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("city's answer")
        verbose_name_plural = _("city's answers")

    def __str__(self) -> str:
        return f"answer to {self.report_id}"


class ShadowFlagReason(models.TextChoices):
    """Why a reader flags a shadow report: the forums' reasons, kept here so the library needs nothing above it."""

    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abuse or harassment")
    THREAT = "threat", _("A threat")
    DOXXING = "doxxing", _("Doxxing: it reveals someone's identity or whereabouts")
    OTHER = "other", _("Something else")


class ShadowFlag(models.Model):
    """A reader's report of a shadow report to staff (doxxing, abuse, spam …), once per reader and report."""

    report = models.ForeignKey(ShadowReport, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when staff decide on the flagged report (hidden, or kept).
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "flagged_by"], name="shadow_flagged_once_per_reader"),
        ]
        indexes = [models.Index(fields=["created_at"], name="shadow_flag_open", condition=Q(resolved_at__isnull=True))]

    def __str__(self) -> str:
        return f"flag of {self.report_id}"

    @property
    def reason_label(self) -> str:
        try:
            return str(ShadowFlagReason(self.reason).label)
        except ValueError:
            return self.reason
