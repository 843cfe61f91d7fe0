"""The one table of allowed moves of an exchange proposal. Services, views and the API all read it."""

from django.utils.translation import gettext_lazy as _

from exchanges.models import APPROVED_STATUSES, Status
from network.workflow import Move, move_table


class Actor:
    CITY = "city"  # a representative of the proposing city
    SCREENER = "screener"  # staff who screen
    DECIDER = "decider"  # staff who decide


MOVES: dict[str, Move] = move_table(
    Move(
        "submit",
        frozenset({Status.DRAFT}),
        Status.SUBMITTED,
        Actor.CITY,
        _("Submit for vetting"),
        _("Only a draft can be submitted."),
    ),
    Move(
        "withdraw",
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.SCREENING, Status.IN_REVIEW, Status.REOPENED}),
        Status.WITHDRAWN,
        Actor.CITY,
        _("Withdraw"),
        _("A proposal can be withdrawn only before a decision."),
    ),
    Move(
        "screen",
        frozenset({Status.SUBMITTED, Status.REOPENED}),
        Status.SCREENING,
        Actor.SCREENER,
        _("Start screening"),
        _("Only a submitted or reopened proposal can be screened."),
    ),
    Move(
        "open_review",
        frozenset({Status.SCREENING}),
        Status.IN_REVIEW,
        Actor.SCREENER,
        _("Send to review and open comments"),
        _("Only a proposal in screening can be sent to review."),
    ),
    Move(
        "approve",
        frozenset({Status.IN_REVIEW}),
        Status.APPROVED,
        Actor.DECIDER,
        _("Approve"),
        _("Only a proposal in review can be decided."),
        needs_reason=True,
    ),
    Move(
        "approve_with_conditions",
        frozenset({Status.IN_REVIEW}),
        Status.APPROVED_WITH_CONDITIONS,
        Actor.DECIDER,
        _("Approve with conditions"),
        _("Only a proposal in review can be decided."),
        needs_reason=True,
    ),
    Move(
        "reject",
        frozenset({Status.IN_REVIEW}),
        Status.REJECTED,
        Actor.DECIDER,
        _("Reject"),
        _("Only a proposal in review can be decided."),
        needs_reason=True,
    ),
    Move(
        "complete",
        frozenset(APPROVED_STATUSES),
        Status.COMPLETED,
        Actor.CITY,
        _("File the post-exchange report"),
        _("Only an approved exchange can be completed."),
    ),
    Move(
        "reopen",
        frozenset({Status.IN_REVIEW, *APPROVED_STATUSES, Status.REJECTED}),
        Status.REOPENED,
        Actor.SCREENER,
        _("Reopen for re-vetting"),
        _("Only a proposal in review or decided can be reopened."),
        needs_reason=True,
        system=True,
    ),
)
DECISIONS = ("approve", "approve_with_conditions", "reject")


def allowed_moves(status: str) -> list[Move]:
    return [move for move in MOVES.values() if status in move.sources]
