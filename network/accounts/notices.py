"""What the accounts part tells people: changes to their account's security and decisions about their roles."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.accounts.roles import Role
from network.notifications.kinds import Kind, MailKind, register, register_mail
from network.notifications.models import EmailSchedule, Event

SECURITY = "accounts.security"
ROLE_CHANGED = "accounts.role_changed"
# allauth's own mail to an address (confirmation links, password resets), which may belong to no account yet.
ACCOUNT_MAIL = "accounts.mail"

# allauth's notification mails, by template, and the change each one reports.
SECURITY_CHANGES = {
    "account/email/password_changed": "password_changed",
    "account/email/password_set": "password_set",
    "account/email/password_reset": "password_reset",
    "account/email/email_changed": "email_changed",
    "account/email/email_deleted": "email_deleted",
    "mfa/email/totp_activated": "totp_activated",
    "mfa/email/totp_deactivated": "totp_deactivated",
    "mfa/email/recovery_codes_generated": "recovery_codes_generated",
    "mfa/email/webauthn_added": "webauthn_added",
    "mfa/email/webauthn_removed": "webauthn_removed",
}


def _security_summary(event: Event) -> str:
    sentences = {
        "password_changed": _("Your password was changed."),
        "password_set": _("A password was set for your account."),
        "password_reset": _("Your password was reset."),
        "email_changed": _("Your account's email address was changed."),
        "email_deleted": _("An email address was removed from your account."),
        "totp_activated": _("An authenticator app was set up as your second factor."),
        "totp_deactivated": _("The authenticator app was removed from your second factors."),
        "recovery_codes_generated": _("New recovery codes were made for your account."),
        "webauthn_added": _("A passkey or security key was added to your account."),
        "webauthn_removed": _("A passkey or security key was removed from your account."),
    }
    return sentences.get(event.data.get("change"), _("The security settings of your account were changed."))


def _role_summary(event: Event) -> str:
    role = Role(event.data["role"]).label if event.data.get("role") in Role.values else event.data.get("role", "")
    if event.data.get("change") == "granted":
        return _("You were given the role: %(role)s.") % {"role": role}
    return _("The role %(role)s was taken from you.") % {"role": role}


def register_kinds() -> None:
    register_mail(
        MailKind(key=ACCOUNT_MAIL, label=gettext_lazy("Account email (address confirmation, password reset)"))
    )
    register(
        Kind(
            key=SECURITY,
            label=gettext_lazy("Security of your account (password, email address, second factor)"),
            summary=_security_summary,
            template="accounts/email/security",
            email=EmailSchedule.IMMEDIATE,
            optional=False,
            example={"change": "password_changed"},
        )
    )
    register(
        Kind(
            key=ROLE_CHANGED,
            label=gettext_lazy("Roles given to you or taken from you"),
            summary=_role_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            optional=False,
            example={"role": "city_representative", "change": "granted"},
        )
    )


def security_target_url() -> str:
    return reverse("account_email")
