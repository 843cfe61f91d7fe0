"""Every link in mail is built from SITE_URL, whatever host the request came to; the greeting names the site; and
the development console prints mail a person can read and copy links from."""

import io
import re

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from network.console_mail import ReadableConsoleBackend

SIGNUP = {
    "email": "amara@example.org",
    "handle": "amara_k",
    "password1": "a-long-passphrase-42",
    "password2": "a-long-passphrase-42",
    "affiliation_kind": "activist",
    "affiliation": "",
    "preferred_language": "en",
}


def test_it_builds_account_mail_links_from_the_site_url(client, db, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://cities.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", SIGNUP, HTTP_HOST="127.0.0.1:8201")
        client.post("/accounts/password/reset/", {"email": "nobody@example.org"}, HTTP_HOST="127.0.0.1:8201")
        client.post("/accounts/password/reset/", {"email": SIGNUP["email"]}, HTTP_HOST="127.0.0.1:8201")
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        links = re.findall(r"https?://[^\s\"<>]+", message.body)
        assert links, message.body
        for link in links:
            assert link.startswith("https://cities.example.org/"), link
        assert "127.0.0.1" not in message.body and "127.0.0.1" not in message.subject
    verification = mail.outbox[0]
    assert "Cities for Just Policing" in verification.body
    assert "https://cities.example.org/accounts/confirm-email/" in verification.body


def test_the_console_prints_mail_decoded():
    link = "http://127.0.0.1:8000/accounts/confirm-email/" + "MTI:1v" + "x" * 80 + "=/"
    message = EmailMultiAlternatives(
        subject="Confirm your email — Medellín",
        body=f"Hello from Cities for Just Policing!\n\nTo confirm, go to {link}\n",
        from_email="network@example.org",
        to=["amara@example.org"],
    )
    message.attach_alternative(f"<p><a href='{link}'>confirm</a></p>", "text/html")
    stream = io.StringIO()
    ReadableConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert link in printed  # whole, on one line, "=" intact
    assert "Subject: Confirm your email — Medellín" in printed
    assert "quoted-printable" not in printed and "=3D" not in printed
