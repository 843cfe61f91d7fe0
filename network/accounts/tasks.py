import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


# Account mail (verification links, password resets) carries one-time keys that are never stored, so the
# rendered message travels in the task; everything else passes ids.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def deliver_email(*, subject: str, body: str, from_email: str, to: list[str], html: str = "") -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def queue_email(payload: dict) -> None:
    """Hand the mail to a worker; if the broker cannot be reached, send it from this process instead of losing it."""
    try:
        deliver_email.apply_async(
            kwargs=payload, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
        )
    except OperationalError:
        logger.warning("The broker is unreachable: sending account mail from the web process.")
        deliver_email.apply(kwargs=payload, throw=True)
