"""Who may do what with the practice library. Views, API and templates all ask here."""

from cities.models import City
from cities.permissions import can_edit_city, is_representative_of
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


# --- Pledges ---------------------------------------------------------------------------------------------------


def can_pledge(user, city: City) -> bool:
    """Write, submit and withdraw a city's pledges, and report its progress: the city's representatives, while its
    membership is active."""
    return can_edit_city(user, city)


def can_publish_pledges(user) -> bool:
    """Publish a submitted pledge, or send it back with a reason: network staff who curate the library."""
    return can_curate(user)


def can_view_pledge(user, pledge) -> bool:
    """A published pledge (open, honoured or withdrawn since) is public; a draft or one waiting for staff is the
    city's and staff's. `pledge_selectors.visible_pledges` filters by the same rule."""
    return pledge.is_public or can_publish_pledges(user) or is_representative_of(user, pledge.city)
