import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.geography import Region, country_name


class GazetteerPlace(models.Model):
    """A city of the world (15,000 people or more), as the gazetteer package lists it.

    Reference data: the table and its indexes are created by a migration and filled by another; the ORM only
    reads it (managed = False), so flushing the database, as test runs do, leaves it in place.
    """

    geonames_id = models.IntegerField(_("GeoNames id"), primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    # Folded (lower case, no accents): what the search matches by prefix.
    search_name = models.CharField(max_length=200)
    # Folded alternate names in the Latin alphabet, each between "|": "|tiflis|tbilisi city|".
    aliases = models.TextField(blank=True)
    country_code = models.CharField(_("country"), max_length=2)
    admin1_code = models.CharField(max_length=20, blank=True)
    population = models.BigIntegerField(_("population"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True)

    class Meta:
        managed = False
        db_table = "cities_gazetteerplace"
        verbose_name = _("gazetteer place")
        verbose_name_plural = _("gazetteer places")

    def __str__(self) -> str:
        return f"{self.name}, {self.country_name}"

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)


class MembershipStatus(models.TextChoices):
    NOT_MEMBER = "not_member", _("Not a member")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Membership suspended")


class LegalSystem(models.TextChoices):
    COMMON_LAW = "common_law", _("Common law")
    CIVIL_LAW = "civil_law", _("Civil law")
    MIXED = "mixed", _("Mixed")
    RELIGIOUS = "religious", _("Religious law")
    CUSTOMARY = "customary", _("Customary law")


class City(models.Model):
    """A city the network knows: made from a gazetteer place when it is first referenced (an application)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    search_name = models.CharField(max_length=200)
    geonames_id = models.IntegerField(_("GeoNames id"), unique=True, null=True, blank=True)
    country_code = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    population = models.BigIntegerField(_("population"), default=0)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True)
    membership_status = models.CharField(
        _("membership"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.NOT_MEMBER
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for the suspension"), blank=True)
    # The mayor's office that speaks for the city, as staff approved it.
    office_name = models.CharField(_("mayor's office"), max_length=200, blank=True)
    office_website = models.URLField(_("official website"), max_length=300, blank=True)
    # Part of the policing context a practice's transferability is judged against; empty until a representative
    # states it.
    legal_system = models.CharField(_("legal system"), max_length=20, choices=LegalSystem.choices, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(membership_status="not_member") | Q(member_since__isnull=False),
                name="city_member_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(membership_status="suspended") | ~Q(suspension_reason=""),
                name="city_suspension_has_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["membership_status", "name"], name="city_by_status"),
            models.Index(fields=["region", "name"], name="city_by_region"),
            models.Index(fields=["country_code", "name"], name="city_by_country"),
            models.Index(fields=["population"], name="city_by_population"),
            models.Index(fields=["member_since"], name="city_by_member_since"),
            GinIndex(OpClass("search_name", name="gin_trgm_ops"), name="city_search_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cities:detail", args=[self.slug])

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)

    @property
    def is_member(self) -> bool:
        return self.membership_status == MembershipStatus.MEMBER


class AgencyLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class PoliceAgency(models.Model):
    """A police force that serves the city. Whether the mayor controls it decides whether a practice can transfer."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    headcount = models.PositiveIntegerField(_("sworn officers"), null=True, blank=True)
    oversight_body = models.CharField(
        _("civilian oversight body"), max_length=200, blank=True, help_text=_("Leave empty if there is none.")
    )
    mayor_controls = models.BooleanField(_("the mayor controls this agency"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("police agency")
        verbose_name_plural = _("police agencies")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="agency_name_once_per_city")]

    def __str__(self) -> str:
        return self.name


class ChallengeKind(models.TextChoices):
    """The problems a city may record, following the library's themes (see `practices.matching.CHALLENGE_THEMES`)."""

    PROTEST_FORCE = "protest_force", _("Excessive force at protests")
    RACIAL_PROFILING = "racial_profiling", _("Racial profiling in stops and searches")
    POLICE_KILLINGS = "police_killings", _("Killings by the police")
    CORRUPTION = "corruption", _("Police corruption")
    YOUTH_VIOLENCE = "youth_violence", _("Violence among young people")
    ARMED_CRISIS_RESPONSE = "armed_crisis_response", _("Crisis calls answered by armed officers")
    SURVEILLANCE = "surveillance", _("Surveillance of communities of colour")
    COMMUNITY_DISTRUST = "community_distrust", _("Distrust between the police and communities")
    IMPUNITY = "impunity", _("Misconduct left unpunished")


CHALLENGE_DESCRIPTION_MAX_LENGTH = 4000


class CityChallenge(models.Model):
    """A problem a member city faces, recorded by its representatives; the library matches it to practices and to
    the cities that adopted them."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="challenges")
    kind = models.CharField(_("challenge"), max_length=30, choices=ChallengeKind.choices)
    description = models.TextField(
        _("description"),
        max_length=CHALLENGE_DESCRIPTION_MAX_LENGTH,
        help_text=_("What happens, since when, whom it hurts, what has been tried. Plain text."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("city challenge")
        verbose_name_plural = _("city challenges")
        ordering = ["city", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["city", "kind"], name="challenge_kind_once_per_city")]
        indexes = [models.Index(fields=["kind", "city"], name="challenge_by_kind")]

    def __str__(self) -> str:
        return f"{self.city.name}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cities:challenge", args=[self.city.slug, self.pk])


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFO_REQUESTED = "more_info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.MORE_INFO_REQUESTED,
)
# The applicant may change what they wrote only while the application is in their hands.
EDITABLE_APPLICATION_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO_REQUESTED)

# The network charter's commitments, each a required checkbox: field name, what the applicant promises.
CHARTER_COMMITMENTS = {
    "commits_use_of_force_policy": _("We will publish our police's use-of-force policy."),
    "commits_consult_communities": _("We will consult the communities affected by policing before changing it."),
    "commits_vet_exchanges": _("We will submit every police exchange to the network's vetting before taking part."),
    "commits_report_honestly": _("We will report our adoption of practices honestly, including what we drop."),
}


def letter_path(application, filename: str) -> str:
    # Never the uploaded name: nothing of it reaches the file system.
    return f"letters/{uuid.uuid4().hex}.pdf"


class MembershipApplication(models.Model):
    """A mayor's office applies to join. The letter of commitment lives in MEDIA_ROOT, which no URL serves."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="membership_applications",
    )
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="applications")
    office_name = models.CharField(_("name of the office"), max_length=200, blank=True)
    office_address = models.TextField(_("postal address of the office"), blank=True)
    office_website = models.URLField(_("official website"), max_length=300, blank=True)
    applicant_position = models.CharField(_("your position in the office"), max_length=200, blank=True)
    official_email = models.EmailField(_("official email address"), blank=True)
    letter = models.FileField(_("letter of commitment (PDF)"), upload_to=letter_path, max_length=200, blank=True)
    commits_use_of_force_policy = models.BooleanField(default=False)
    commits_consult_communities = models.BooleanField(default=False)
    commits_vet_exchanges = models.BooleanField(default=False)
    commits_report_honestly = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    decision_reason = models.TextField(_("reason given by staff"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "city"],
                condition=Q(status__in=["draft", "submitted", "more_info_requested"]),
                name="one_open_application_per_applicant_and_city",
            ),
        ]
        indexes = [
            # Staff's queue, one status at a time, oldest submission first (its keyset pages' order).
            models.Index(fields=["status", "submitted_at", "id"], name="application_queue"),
            models.Index(fields=["applicant", "-updated_at"], name="application_by_applicant"),
        ]
        permissions = [("review_application", _("Can review membership applications"))]

    def __str__(self) -> str:
        return f"{self.city.name}: {self.office_name or self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cities:application", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_APPLICATION_STATUSES

    @property
    def email_domain(self) -> str:
        return self.official_email.rpartition("@")[2].lower()

    @property
    def website_domain(self) -> str:
        host = (urlsplit(self.office_website).hostname or "").lower()
        return host.removeprefix("www.")

    @property
    def email_domain_differs(self) -> bool:
        """True when the official email is not on the website's domain (nor a subdomain of it, nor it of the
        email's): the office may still be genuine, but staff look twice."""
        email, website = self.email_domain, self.website_domain
        if not email or not website:
            return False
        return not (email == website or email.endswith(f".{website}") or website.endswith(f".{email}"))


MESSAGE_MAX_LENGTH = 5000


class ApplicationMessage(models.Model):
    """A message between network staff and an applicant about an application. Staff reach the applicant this way
    without ever seeing their addresses; the applicant reads and answers on the application's page."""

    application = models.ForeignKey(
        MembershipApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_staff = models.BooleanField(_("written by network staff"))
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message about an application")
        verbose_name_plural = _("messages about applications")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="application_message_by_time")]

    def __str__(self) -> str:
        return f"{_('Message')} #{self.pk}"


class Representative(models.Model):
    """A person who speaks for a member city: the lead representatives manage the others."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="representations"
    )
    is_lead = models.BooleanField(_("lead representative"), default=False)
    since = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["-is_lead", "since", "id"]
        constraints = [models.UniqueConstraint(fields=["city", "user"], name="representative_once_per_city")]
        indexes = [models.Index(fields=["user"], name="representative_by_user")]

    def __str__(self) -> str:
        return f"{self.user} ({self.city})"


INVITATION_DAYS = 7


def new_invitation_key() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A lead representative invites a colleague by email. The link carries a random key; only its SHA-256 is
    kept. It lasts INVITATION_DAYS and can be used once."""

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address invited"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.CASCADE, related_name="+"
    )
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="invitation_expires_later"),
        ]
        indexes = [models.Index(fields=["city", "-created_at"], name="invitation_by_city")]

    def __str__(self) -> str:
        return f"{_('Invitation')} #{self.pk} ({self.city})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
