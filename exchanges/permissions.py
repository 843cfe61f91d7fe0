"""Who may do what with exchanges. Views, API and templates all ask here.

Staff and reviewer powers come from the roles' permissions and, like every such power, go through `holds_power`:
only a browser session that passed the second factor may use them, never an API token. Whether someone else sits
on the panel (to assign them) is a question about their role alone: `is_on_panel`."""

from cities.permissions import is_representative_of, membership_active
from exchanges.models import REGISTER_STATUSES, Proposal, Status
from network.accounts.permissions import holds_power, is_participant

# Statuses in which anyone may read a proposal (with the sensitive fields withheld): under review, while the
# communities are heard, and once decided.
PUBLIC_STATUSES = (Status.IN_REVIEW, Status.REOPENED, *REGISTER_STATUSES)


def can_screen(user) -> bool:
    return holds_power(user, "exchanges.screen_proposal")


def can_decide(user) -> bool:
    return holds_power(user, "exchanges.decide_proposal")


def can_verify_findings(user) -> bool:
    """Enter findings and partner agencies, and verify those another member of staff entered."""
    return holds_power(user, "exchanges.verify_finding")


def is_on_panel(user) -> bool:
    """Holds the reviewer's role: may be assigned to review, whatever session they are in now."""
    return is_participant(user) and user.has_perm("exchanges.review_proposal")


def is_panel_reviewer(user) -> bool:
    """Acts as a reviewer in this request: on the panel, in a session that passed the second factor."""
    return holds_power(user, "exchanges.review_proposal")


def can_keep_funding(user) -> bool:
    """Add, edit, close and archive funding opportunities."""
    return holds_power(user, "exchanges.keep_funding")


def can_follow_funding(user) -> bool:
    return is_participant(user)


def can_use_staff_pages(user) -> bool:
    return can_screen(user) or can_decide(user) or can_verify_findings(user) or can_keep_funding(user)


def can_see_sensitive(user) -> bool:
    return can_screen(user) or can_decide(user)


def can_propose(user, city) -> bool:
    return membership_active(city) and is_representative_of(user, city)


def is_proposer(user, proposal: Proposal) -> bool:
    return is_representative_of(user, proposal.city)


def can_edit_proposal(user, proposal: Proposal) -> bool:
    return proposal.status == Status.DRAFT and can_propose(user, proposal.city)


def is_assigned(user, proposal: Proposal) -> bool:
    if not is_panel_reviewer(user):
        return False
    cached = getattr(user, "_exchange_assignments", None)
    if cached is None:
        cached = set(user.exchange_reviews.values_list("proposal_id", flat=True))
        user._exchange_assignments = cached
    return proposal.pk in cached


def can_view_proposal(user, proposal: Proposal) -> bool:
    return (
        proposal.status in PUBLIC_STATUSES
        or is_proposer(user, proposal)
        or (can_see_sensitive(user) and proposal.status != Status.DRAFT)
        or is_assigned(user, proposal)
    )


def can_review(user, proposal: Proposal) -> bool:
    return proposal.status == Status.IN_REVIEW and is_assigned(user, proposal)


def can_comment(user, proposal: Proposal) -> bool:
    """Participants and other cities' representatives, while the window is open; not the proposing city."""
    return is_participant(user) and proposal.comments_open and not is_representative_of(user, proposal.city)


def can_read_reviewer_comments(user, proposal: Proposal) -> bool:
    return is_assigned(user, proposal) or can_see_sensitive(user)


def can_moderate_comments(user) -> bool:
    return can_screen(user)


def can_declare_conflicts(user) -> bool:
    return is_panel_reviewer(user)


def can_read_letter(user, proposal: Proposal) -> bool:
    """The letter to the partner of a rejected proposal: public, unless the decision withholds the partner."""
    if proposal.status != Status.REJECTED:
        return False
    return not proposal.withheld("partners") or can_see_sensitive(user) or is_proposer(user, proposal)
