from celery import shared_task

from exchanges import services


@shared_task
def send_reminders() -> int:
    """Daily: overdue reviews, post-exchange reports due, conditions due."""
    return services.reminders_send()
