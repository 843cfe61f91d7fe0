"""Email for notifications: rendered in the recipient's language at sending time, with one-click unsubscribe."""

import base64
import json
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from network.notifications.kinds import Kind, kind_or_retired
from network.notifications.models import Event

UNSUBSCRIBE_SALT = "network.notifications.unsubscribe"
ALL_OPTIONAL_KINDS = "*"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def unsubscribe_token(user_id: int, kind_key: str) -> str:
    return signing.dumps({"u": user_id, "k": kind_key}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The person and kind a token stands for; BadSignature for anything forged, altered or malformed."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int) or not isinstance(payload.get("k"), str):
        raise signing.BadSignature("Malformed unsubscribe token.")
    return payload["u"], payload["k"]


def unsubscribe_url(user_id: int, kind_key: str) -> str:
    return absolute_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, kind_key)]))


def language_of(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def actor_label(event: Event) -> str:
    return event.actor.handle if event.actor_id and event.actor else ""


def event_context(event: Event, kind: Kind) -> dict:
    return {
        "event": event,
        "kind": kind,
        "data": event.data,
        "actor_label": actor_label(event),
        "summary": kind.summary(event),
        "target_label": event.target_label,
        "target_url": absolute_url(event.target_url) if event.target_url else "",
    }


def _message(*, recipient, subject: str, body: str, html: str, headers: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {' '.join(subject.split())}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", **headers},
    )
    message.attach_alternative(html, "text/html")
    return message


def _unsubscribe_headers(url: str) -> dict:
    # RFC 8058: mail providers POST to the link to unsubscribe with one click.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def message_id(key: str) -> str:
    # The same id for every attempt of the same email, so receiving systems can recognise a repeat.
    return f"<{key}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def render_event_email(event: Event, recipient) -> EmailMultiAlternatives:
    kind = kind_or_retired(event.kind)
    with translation.override(language_of(recipient)):
        unsubscribe = unsubscribe_url(recipient.pk, kind.key) if kind.optional else ""
        context = {
            **event_context(event, kind),
            "recipient": recipient,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "unsubscribe_url": unsubscribe,
        }
        subject = render_to_string(f"{kind.template}.subject.txt", context)
        body = render_to_string(f"{kind.template}.txt", context)
        html = render_to_string(f"{kind.template}.html", context)
    headers = {"Message-ID": message_id(f"{event.key}.{recipient.pk}")}
    if unsubscribe:
        headers |= _unsubscribe_headers(unsubscribe)
    return _message(recipient=recipient, subject=subject, body=body, html=html, headers=headers)


def render_digest_email(digest, recipient, events: list[Event]) -> EmailMultiAlternatives:
    with translation.override(language_of(recipient)):
        unsubscribe = unsubscribe_url(recipient.pk, ALL_OPTIONAL_KINDS)
        items = [event_context(event, kind_or_retired(event.kind)) for event in events]
        context = {
            "digest": digest,
            "items": items,
            "recipient": recipient,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "notifications_url": absolute_url(reverse("notifications:list")),
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "unsubscribe_url": unsubscribe,
        }
        subject = render_to_string("notifications/email/digest.subject.txt", context)
        body = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    headers = {"Message-ID": message_id(f"digest.{digest.pk}"), **_unsubscribe_headers(unsubscribe)}
    return _message(recipient=recipient, subject=subject, body=body, html=html, headers=headers)


# --- Mail to an address -----------------------------------------------------------------------------------------


def _content_cipher() -> MultiFernet:
    # One key per SECRET_KEY (current first, then SECRET_KEY_FALLBACKS), so a queued message survives a rotation.
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac("network.notifications.content", "", secret=key, algorithm="sha256").digest()
                )
            )
            for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        ]
    )


def seal_content(*, subject: str, body: str, html: str, from_email: str) -> str:
    """A rendered message, encrypted: it may carry a one-time key (a verification or reset link)."""
    payload = {"subject": subject, "body": body, "html": html, "from_email": from_email}
    return _content_cipher().encrypt(json.dumps(payload).encode()).decode()


def render_address_email(event: Event, address: str, content: str) -> EmailMultiAlternatives:
    """The message its sender rendered for an address, as it was queued, with a Message-ID kept for every attempt."""
    payload = json.loads(_content_cipher().decrypt(content.encode()))
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"] or settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Auto-Submitted": "auto-generated", "Message-ID": message_id(f"{event.key}.to")},
    )
    if payload["html"]:
        message.attach_alternative(payload["html"], "text/html")
    return message
