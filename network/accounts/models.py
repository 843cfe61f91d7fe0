from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HANDLE_PATTERN = r"^[A-Za-z0-9_]{3,30}$"
handle_validator = RegexValidator(
    HANDLE_PATTERN,
    _("A handle has 3 to 30 characters: letters without accents, digits and underscores."),
)


RESERVED_HANDLES = frozenset(
    {"admin", "administrator", "staff", "moderator", "network", "support", "system", "root", "deleted_account"}
)


def validate_handle_not_reserved(handle: str) -> None:
    if handle.lower() in RESERVED_HANDLES:
        raise ValidationError(_("This handle is reserved. Please choose another."), code="reserved")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("Users must have an email address.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("handle", email.split("@", 1)[0][:30] or "admin")
        return self.create_user(email, password, **fields)


class AffiliationKind(models.TextChoices):
    NONE = "", _("Not stated")
    ACTIVIST = "activist", _("Activist")
    COMMUNITY_ORGANISATION = "community_organisation", _("Community organisation")
    RESIDENT = "resident", _("Resident")
    RESEARCHER = "researcher", _("Researcher")
    JOURNALIST = "journalist", _("Journalist")
    PUBLIC_OFFICIAL = "public_official", _("Public official")
    OTHER = "other", _("Other")


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Shown to others only by handle; the email is never shown to anyone else."""

    email = models.EmailField(_("email address"), unique=True)
    handle = models.CharField(
        _("public handle"),
        max_length=30,
        unique=True,
        validators=[handle_validator, validate_handle_not_reserved],
        help_text=_("The name others see next to what you write. It need not be your real name."),
    )
    affiliation_kind = models.CharField(
        _("I take part as"), max_length=32, choices=AffiliationKind.choices, blank=True, default=""
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Optional, and public: an organisation or group you want to be known by."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"), default=False, help_text=_("May log into the administration site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.UniqueConstraint(Lower("handle"), name="accounts_user_handle_ci_unique"),
        ]
        indexes = [
            # Staff search people by part of a handle (handle__icontains compiles to UPPER(handle) LIKE …).
            GinIndex(OpClass(Upper("handle"), name="gin_trgm_ops"), name="accounts_user_handle_trgm"),
        ]
        permissions = [
            ("manage_roles", _("Can grant and revoke roles")),
        ]

    def __str__(self) -> str:
        return self.handle

    def get_short_name(self) -> str:
        return self.handle

    def get_full_name(self) -> str:
        return self.handle


class ApiToken(models.Model):
    """A person's key for the API. Only its hash is kept; the key itself is shown once, when it is made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_token"
    )
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, help_text=_("Finds the token; not secret."))
    digest = models.CharField(_("digest"), max_length=64, help_text=_("SHA-256 of the whole key."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="api_token_expires_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
