import base64
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac

from network.accounts import return_after_joining
from network.accounts.language import set_language_cookie
from network.accounts.notices import ACCOUNT_MAIL, SECURITY, SECURITY_CHANGES, security_target_url
from network.accounts.permissions import requires_second_factor
from network.notifications.services import email_queue, notify


@dataclass(frozen=True)
class _Site:
    """What allauth's mail templates call `current_site`: the network's name and address, never the host a
    request happened to come to ("127.0.0.1:8201")."""

    name: str
    domain: str


def _site() -> _Site:
    return _Site(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def on_site_url(url: str) -> str:
    """The same address on SITE_URL: allauth builds its links from the request's host, and a person reading the
    mail on another day must land on the one address where they are signed in."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return url
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.handle = data["handle"]
        user.affiliation_kind = data.get("affiliation_kind", "")
        user.affiliation = data.get("affiliation", "")
        user.preferred_language = data.get("preferred_language") or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render now (the request is at hand); the message goes through the outbox, to a worker once the
        transaction commits, and is retried like every email."""
        request = self.request
        context = {"request": request, "email": email, **context, "current_site": _site()}
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str):
                context[key] = on_site_url(value)
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        email_queue(
            kind=ACCOUNT_MAIL,
            to=email,
            subject=message.subject,
            body=message.body,
            html=html,
            from_email=message.from_email,
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        """Security notices travel the platform's notification path (in-app, and an email that cannot be turned
        off, in the person's language). An address that was just replaced still gets allauth's own notice, since
        the notification goes to the new one."""
        change = SECURITY_CHANGES.get(template_prefix)
        if change is None:
            return super().send_notification_mail(template_prefix, user, context=context, email=email)
        with transaction.atomic():
            notify(kind=SECURITY, recipients=[user], target_url=security_target_url(), data={"change": change})
        if email and email.lower() != (user.email or "").lower():
            super().send_notification_mail(template_prefix, user, context=context, email=email)

    def get_login_redirect_url(self, request) -> str:
        return return_after_joining.take(request) or super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address) -> str:
        # Back to the page that sent the person to sign up; it asks them to sign in from there.
        return return_after_joining.peek(self.request) or super().get_email_verification_redirect_url(email_address)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        return set_language_cookie(response, user.preferred_language)


def _authenticator_cipher() -> MultiFernet:
    # One key per SECRET_KEY (current first, then SECRET_KEY_FALLBACKS), so secrets survive a key rotation.
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac("network.accounts.mfa", "", secret=key, algorithm="sha256").digest()
                )
            )
            for key in keys
        ]
    )


def reencrypt(encrypted_text: str) -> str:
    """The same secret, encrypted with the current key (readable once the fallbacks are gone)."""
    return _authenticator_cipher().rotate(encrypted_text.encode()).decode()


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted, not as allauth's default plain text."""

    def encrypt(self, text: str) -> str:
        return _authenticator_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _authenticator_cipher().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator) -> bool:
        """Staff and reviewers keep at least one second factor (TOTP or a passkey) while they hold the role."""
        if not requires_second_factor(authenticator.user):
            return True
        others = Authenticator.objects.filter(user_id=authenticator.user_id).exclude(pk=authenticator.pk)
        return others.exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
