"""Who may do what with the practice library. Views, API and templates all ask here."""

from django.utils.translation import gettext_lazy as _

from cities.models import City
from cities.permissions import can_edit_city, is_representative_of
from network.accounts.models import AffiliationKind
from network.accounts.permissions import holds_power, is_network_staff, is_participant
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


# --- Shadow reports --------------------------------------------------------------------------------------------

# A shadow report speaks for civil society: its author states an affiliation kind on their profile, and not that of
# a public official (officials answer for their city; they do not assess it).
SHADOW_AUTHOR_AFFILIATIONS = frozenset(
    {
        AffiliationKind.ACTIVIST,
        AffiliationKind.COMMUNITY_ORGANISATION,
        AffiliationKind.RESIDENT,
        AffiliationKind.RESEARCHER,
        AffiliationKind.JOURNALIST,
        AffiliationKind.OTHER,
    }
)


def shadow_filing_refusal(user, pledge) -> str:
    """Why `user` may not file a shadow report on `pledge` ("" when they may). The rule: a signed-in, active person
    whose profile states a civil-society affiliation kind, who is neither a representative of the pledging city nor
    network staff (staff moderate the reports and may unmask their authors)."""
    if not is_participant(user):
        return str(_("Please sign in to file a shadow report."))
    if user.affiliation_kind not in SHADOW_AUTHOR_AFFILIATIONS:
        return str(
            _(
                "Shadow reports are filed by civil society: state how you take part (activist, community "
                "organisation, resident, researcher, journalist or other) on your profile first."
            )
        )
    if is_representative_of(user, pledge.city):
        return str(_("A representative of the pledging city reports progress instead."))
    if is_network_staff(user):
        return str(_("Network staff moderate shadow reports and do not file them."))
    return ""


def can_file_shadow_report(user, pledge) -> bool:
    return not shadow_filing_refusal(user, pledge)


def can_answer_shadow_report(user, report) -> bool:
    """The city answers: a representative of the pledging city, while its membership is active."""
    return can_pledge(user, report.pledge.city)


def can_flag_shadow_report(user) -> bool:
    return is_participant(user)


def can_moderate_shadow_reports(user) -> bool:
    """Hide and restore shadow reports and answers: staff who moderate the network's discussions."""
    return holds_power(user, "forums.moderate_forums")


def can_unmask_shadow_report(user) -> bool:
    """Learn which account wrote a pseudonymous shadow report: staff who may unmask pseudonyms."""
    return holds_power(user, "forums.unmask_pseudonym")
