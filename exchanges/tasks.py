from celery import shared_task

from exchanges import services
from exchanges.funding.services import funding_reminders_send


@shared_task
def send_reminders() -> int:
    """Daily: overdue reviews, post-exchange reports due, conditions due."""
    return services.reminders_send()


@shared_task
def send_funding_reminders() -> int:
    """Daily: the deadlines of funding opportunities, to their followers 14 and 3 days before, once each."""
    return funding_reminders_send()
