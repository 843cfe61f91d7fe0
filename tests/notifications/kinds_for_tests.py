"""An optional notification kind for the tests, registered per test by the `update_kind` fixture."""

from network.notifications.kinds import Kind
from network.notifications.models import EmailSchedule

UPDATE = "tests.city_update"


def _update_summary(event) -> str:
    return f"{event.target_label} has news: {event.data.get('headline', '')}"


UPDATE_KIND = Kind(
    key=UPDATE,
    label="News from what you follow",
    summary=_update_summary,
    template="notifications/email/generic",
    email=EmailSchedule.IMMEDIATE,
    example={"headline": "A new policy"},
)
