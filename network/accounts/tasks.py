from celery import shared_task
from django.core.mail import EmailMultiAlternatives


# Account mail (verification links, password resets) carries one-time keys that are never stored, so the
# rendered message travels in the task; everything else passes ids.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def deliver_email(*, subject: str, body: str, from_email: str, to: list[str], html: str = "") -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
