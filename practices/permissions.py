"""Who may do what with the practice library. Views, API and templates all ask here."""

from cities.models import City
from cities.permissions import can_edit_city
from network.accounts.permissions import holds_power, is_participant
from practices.models import Practice, PracticeStatus


def can_curate(user) -> bool:
    """Write, edit, submit, publish, archive and re-review library records: network staff."""
    return holds_power(user, "practices.curate_practice")


# The one rule of who reads a record: published ones are public; drafts, records in review and archived records
# (no longer maintained) are staff's. `selectors.visible_practices` filters by the same set.
PUBLIC_STATUSES = frozenset({PracticeStatus.PUBLISHED})


def can_view_practice(user, practice: Practice) -> bool:
    return practice.status in PUBLIC_STATUSES or can_curate(user)


def can_approve(user, practice: Practice) -> bool:
    """The two-person rule: whoever set the rating (or proposed it) may not also publish it."""
    return can_curate(user) and practice.rating_set_by_id != user.pk


def can_record_adoption(user, city: City) -> bool:
    """A city's own representatives keep its adoption record, while its membership is active; staff may too."""
    return can_edit_city(user, city) or can_verify_adoption(user)


def can_verify_adoption(user) -> bool:
    return holds_power(user, "practices.verify_adoption")


def can_suggest(user) -> bool:
    return is_participant(user)


def can_decide_suggestions(user) -> bool:
    return can_curate(user)


def can_follow_practice(user) -> bool:
    return is_participant(user)
