"""What exchange vetting tells people: proposals to screen, assignments, comment windows, recommendations,
decisions, re-vetting and reminders."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.notifications.kinds import Kind, register
from network.notifications.models import EmailSchedule, Event

SUBMITTED = "exchanges.submitted"
ASSIGNED = "exchanges.assigned"
COMMENTS_OPEN = "exchanges.comments_open"
RECOMMENDED = "exchanges.recommended"
DECIDED = "exchanges.decided"
REOPENED = "exchanges.reopened"
REMINDER = "exchanges.reminder"
FUNDING_DEADLINE = "exchanges.funding_deadline"


def _submitted(event: Event) -> str:
    return _("%(city)s proposes a police exchange to screen: “%(title)s”.") % {
        "city": event.data.get("city", ""),
        "title": event.data.get("title", ""),
    }


def _assigned(event: Event) -> str:
    return _("You are asked to review the exchange “%(title)s” by %(due)s.") % {
        "title": event.data.get("title", ""),
        "due": event.data.get("due", ""),
    }


def _comments_open(event: Event) -> str:
    return _("%(city)s proposes a police exchange, “%(title)s”: comments are open until %(until)s.") % {
        "city": event.data.get("city", ""),
        "title": event.data.get("title", ""),
        "until": event.data.get("until", ""),
    }


def _recommended(event: Event) -> str:
    return _("A reviewer recommended a decision on “%(title)s”.") % {"title": event.data.get("title", "")}


def _decided(event: Event) -> str:
    return _("The network decided on the exchange “%(title)s”: %(decision)s.") % {
        "title": event.data.get("title", ""),
        "decision": event.data.get("decision", ""),
    }


def _reopened(event: Event) -> str:
    return _("The exchange “%(title)s” is reopened for re-vetting: %(reason)s") % {
        "title": event.data.get("title", ""),
        "reason": event.data.get("reason", ""),
    }


def _reminder(event: Event) -> str:
    return _("Reminder about the exchange “%(title)s”: %(what)s") % {
        "title": event.data.get("title", ""),
        "what": event.data.get("what", ""),
    }


def _funding_deadline(event: Event) -> str:
    return _("The deadline of “%(title)s” (%(funder)s) is on %(deadline)s, in %(days)s days.") % {
        "title": event.data.get("title", ""),
        "funder": event.data.get("funder", ""),
        "deadline": event.data.get("deadline", ""),
        "days": event.data.get("days", ""),
    }


def register_kinds() -> None:
    example = {"city": "Glasgow", "title": "Study visit to a crisis team", "due": "2026-12-16"}
    for key, label, summary, email, extra in (
        (SUBMITTED, gettext_lazy("Exchange proposals to screen (staff)"), _submitted, EmailSchedule.DAILY, {}),
        (ASSIGNED, gettext_lazy("Exchanges assigned to you for review"), _assigned, EmailSchedule.IMMEDIATE, {}),
        (
            COMMENTS_OPEN,
            gettext_lazy("Comment windows on exchanges proposed by cities you follow"),
            _comments_open,
            EmailSchedule.IMMEDIATE,
            {"until": "2026-12-16"},
        ),
        (RECOMMENDED, gettext_lazy("Reviewers' recommendations (staff)"), _recommended, EmailSchedule.DAILY, {}),
        (
            DECIDED,
            gettext_lazy("Decisions on exchanges of cities you represent or follow"),
            _decided,
            EmailSchedule.IMMEDIATE,
            {"decision": "Approved"},
        ),
        (
            REOPENED,
            gettext_lazy("Exchanges reopened for re-vetting"),
            _reopened,
            EmailSchedule.IMMEDIATE,
            {"reason": "a new finding"},
        ),
        (
            REMINDER,
            gettext_lazy("Reminders about reviews, reports and conditions due"),
            _reminder,
            EmailSchedule.DAILY,
            {"what": "your review is overdue."},
        ),
        (
            FUNDING_DEADLINE,
            gettext_lazy("Deadlines of funding opportunities you follow"),
            _funding_deadline,
            EmailSchedule.IMMEDIATE,
            {"funder": "Ministry of Foreign Affairs", "deadline": "2026-12-16", "days": 14},
        ),
    ):
        register(
            Kind(
                key=key,
                label=label,
                summary=summary,
                template="notifications/email/generic",
                email=email,
                example={**example, **extra},
            )
        )
