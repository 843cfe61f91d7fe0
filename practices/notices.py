"""What the practice library tells people: records to review, adoptions, rating changes, suggestions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.notifications.kinds import Kind, register
from network.notifications.models import EmailSchedule, Event
from practices.models import AdoptionStatus, Rating, ShadowVerdict

IN_REVIEW = "practices.in_review"
REVIEW_DUE = "practices.review_due"
ADOPTED = "practices.adopted"
RATING_CHANGED = "practices.rating_changed"
SUGGESTION_RECEIVED = "practices.suggestion_received"
SUGGESTION_DECIDED = "practices.suggestion_decided"
PLEDGE_SUBMITTED = "practices.pledge_submitted"
PLEDGE_DECIDED = "practices.pledge_decided"
PLEDGE_NEWS = "practices.pledge_news"
PLEDGE_REMINDER = "practices.pledge_reminder"
SHADOW_FILED = "practices.shadow_filed"
SHADOW_ANSWERED = "practices.shadow_answered"
SHADOW_MODERATED = "practices.shadow_moderated"


def _in_review_summary(event: Event) -> str:
    return _("“%(practice)s” waits for a second member of staff to approve its rating.") % {
        "practice": event.data.get("practice", "")
    }


def _review_due_summary(event: Event) -> str:
    return _("The evidence rating of “%(practice)s” is due for re-review.") % {
        "practice": event.data.get("practice", "")
    }


def _label(choices, value: str | None, earlier: str) -> str:
    """The label of `value` in the reader's language; `earlier` for events stored before raw values were kept."""
    try:
        return str(choices(value).label)
    except ValueError:
        return earlier


def _adopted_summary(event: Event) -> str:
    status = _label(AdoptionStatus, event.data.get("status"), event.data.get("status_label", ""))
    return _("%(city)s now reports “%(practice)s” as %(status)s.") % {
        "city": event.data.get("city", ""),
        "practice": event.data.get("practice", ""),
        "status": status.lower(),
    }


def _rating_summary(event: Event) -> str:
    return _("The evidence rating of “%(practice)s” changed from %(before)s to %(after)s.") % {
        "practice": event.data.get("practice", ""),
        "before": _label(Rating, event.data.get("before_rating"), event.data.get("before", "")),
        "after": _label(Rating, event.data.get("after_rating"), event.data.get("after", "")),
    }


def _suggestion_received_summary(event: Event) -> str:
    return _("%(handle)s suggested a practice for the library: “%(title)s”.") % {
        "handle": event.data.get("handle", ""),
        "title": event.data.get("title", ""),
    }


def _suggestion_decided_summary(event: Event) -> str:
    title = event.data.get("title", "")
    decision = event.data.get("decision")
    if decision == "accepted":
        return _("Thank you: your suggestion “%(title)s” is now a draft in the library.") % {"title": title}
    if decision == "merged":
        return _("Thank you: your suggestion “%(title)s” was added to “%(practice)s”.") % {
            "title": title,
            "practice": event.data.get("practice", ""),
        }
    return _("Your suggestion “%(title)s” was declined.") % {"title": title}


def _pledge_submitted_summary(event: Event) -> str:
    return _("%(city)s submitted a pledge to publish.") % {"city": event.data.get("city", "")}


def _pledge_decided_summary(event: Event) -> str:
    values = {"city": event.data.get("city", ""), "date": event.data.get("target_date", "")}
    decision = event.data.get("decision")
    if decision == "publish":
        return _("The pledge of %(city)s (by %(date)s) is published.") % values
    if decision == "honour":
        return _("The pledge of %(city)s (by %(date)s) is honoured: every practice is adopted and verified.") % values
    return _("The pledge of %(city)s was sent back: %(reason)s") % {**values, "reason": event.data.get("reason", "")}


def _pledge_news_summary(event: Event) -> str:
    values = {
        "city": event.data.get("city", ""),
        "date": event.data.get("target_date", ""),
        "practice": event.data.get("practice", ""),
    }
    news = event.data.get("news")
    if news == "published" and values["practice"]:
        return _("%(city)s pledges to adopt “%(practice)s” by %(date)s.") % values
    if news == "published":
        return _("%(city)s made a pledge to adopt practices by %(date)s.") % values
    if news == "reported":
        return _("%(city)s reported progress on its pledge.") % values
    if news == "honoured":
        return _("%(city)s honoured its pledge.") % values
    if news == "shadow":
        return _("A shadow report assesses the pledge of %(city)s (by %(date)s).") % values
    return _("%(city)s withdrew its pledge.") % values


def _pledge_reminder_summary(event: Event) -> str:
    values = {"city": event.data.get("city", ""), "date": event.data.get("target_date", "")}
    if event.data.get("milestone") == "overdue":
        return _("The pledge of %(city)s is overdue: its date was %(date)s.") % values
    return _("The pledge of %(city)s is due on %(date)s: report the city's progress.") % values


def _verdict(event: Event) -> str:
    return _label(ShadowVerdict, event.data.get("verdict"), "").lower()


def _shadow_filed_summary(event: Event) -> str:
    return _(
        "%(author)s filed a shadow report on the pledge of %(city)s: %(verdict)s. The city may answer it once."
    ) % {
        "author": event.data.get("author", ""),
        "city": event.data.get("city", ""),
        "verdict": _verdict(event),
    }


def _shadow_answered_summary(event: Event) -> str:
    return _("%(city)s answered your shadow report on its pledge.") % {"city": event.data.get("city", "")}


def _shadow_moderated_summary(event: Event) -> str:
    values = {"city": event.data.get("city", ""), "reason": event.data.get("reason", "")}
    if event.data.get("action") == "restore":
        return _("Your shadow report on the pledge of %(city)s is shown again: %(reason)s") % values
    return _("Your shadow report on the pledge of %(city)s was hidden by staff: %(reason)s") % values


def register_kinds() -> None:
    register(
        Kind(
            key=IN_REVIEW,
            permission="practices.curate_practice",
            label=gettext_lazy("Library records waiting for a second opinion (staff)"),
            summary=_in_review_summary,
            template="notifications/email/generic",
            email=EmailSchedule.DAILY,
            example={"practice": "Duty to intervene"},
        )
    )
    register(
        Kind(
            key=REVIEW_DUE,
            permission="practices.curate_practice",
            label=gettext_lazy("Library ratings due for re-review (staff)"),
            summary=_review_due_summary,
            template="notifications/email/generic",
            email=EmailSchedule.DAILY,
            example={"practice": "Duty to intervene"},
        )
    )
    register(
        Kind(
            key=ADOPTED,
            label=gettext_lazy("Cities adopting a practice you follow"),
            summary=_adopted_summary,
            template="notifications/email/generic",
            email=EmailSchedule.WEEKLY,
            example={"city": "Glasgow", "practice": "Duty to intervene", "status": "piloting"},
        )
    )
    register(
        Kind(
            key=RATING_CHANGED,
            label=gettext_lazy("Rating changes of practices you follow"),
            summary=_rating_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"practice": "Duty to intervene", "before_rating": "inconclusive", "after_rating": "promising"},
        )
    )
    register(
        Kind(
            key=SUGGESTION_RECEIVED,
            permission="practices.curate_practice",
            label=gettext_lazy("Practices suggested for the library (staff)"),
            summary=_suggestion_received_summary,
            template="notifications/email/generic",
            email=EmailSchedule.DAILY,
            example={"handle": "amara", "title": "Street medics at protests"},
        )
    )
    register(
        Kind(
            key=SUGGESTION_DECIDED,
            label=gettext_lazy("Decisions on the practices you suggested"),
            summary=_suggestion_decided_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"title": "Street medics at protests", "decision": "accepted"},
        )
    )
    register(
        Kind(
            key=PLEDGE_SUBMITTED,
            permission="practices.curate_practice",
            label=gettext_lazy("Cities' pledges waiting to be published (staff)"),
            summary=_pledge_submitted_summary,
            template="notifications/email/generic",
            email=EmailSchedule.DAILY,
            example={"city": "Glasgow", "target_date": "2027-06-30"},
        )
    )
    register(
        Kind(
            key=PLEDGE_DECIDED,
            label=gettext_lazy("Decisions on your city's pledges"),
            summary=_pledge_decided_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Glasgow", "target_date": "2027-06-30", "decision": "publish"},
        )
    )
    register(
        Kind(
            key=PLEDGE_NEWS,
            label=gettext_lazy("Pledges of cities and practices you follow"),
            summary=_pledge_news_summary,
            template="notifications/email/generic",
            email=EmailSchedule.WEEKLY,
            example={"city": "Glasgow", "target_date": "2027-06-30", "news": "published"},
        )
    )
    register(
        Kind(
            key=PLEDGE_REMINDER,
            label=gettext_lazy("Reminders of your city's pledges"),
            summary=_pledge_reminder_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Glasgow", "target_date": "2027-06-30", "milestone": "due_soon"},
        )
    )
    register(
        Kind(
            key=SHADOW_FILED,
            label=gettext_lazy("Shadow reports on your city's pledges"),
            summary=_shadow_filed_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Glasgow", "target_date": "2027-06-30", "verdict": "delayed", "author": "Calm Heron 42"},
        )
    )
    register(
        Kind(
            key=SHADOW_ANSWERED,
            label=gettext_lazy("Cities' answers to your shadow reports"),
            summary=_shadow_answered_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Glasgow", "target_date": "2027-06-30"},
        )
    )
    register(
        Kind(
            key=SHADOW_MODERATED,
            label=gettext_lazy("Moderation of your shadow reports"),
            summary=_shadow_moderated_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Glasgow", "action": "hide", "reason": "It names a witness."},
        )
    )
