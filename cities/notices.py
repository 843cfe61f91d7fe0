"""What the member cities part tells people: applications to review, decisions, new colleagues, suspensions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.notifications.kinds import Kind, MailKind, register, register_mail
from network.notifications.models import EmailSchedule, Event

APPLICATION_SUBMITTED = "cities.application_submitted"
APPLICATION_DECIDED = "cities.application_decided"
INVITATION_ACCEPTED = "cities.invitation_accepted"
MEMBERSHIP_CHANGED = "cities.membership_changed"
# The invitation itself, mailed to an address that may have no account yet.
INVITATION_MAIL = "cities.invitation"
MADE_LEAD = "cities.made_lead"
APPLICATION_MESSAGE = "cities.application_message"
CHALLENGE_RECORDED = "cities.challenge_recorded"


def _submitted_summary(event: Event) -> str:
    return _("%(city)s applied to join the network.") % {"city": event.data.get("city", "")}


def _decided_summary(event: Event) -> str:
    city = event.data.get("city", "")
    decision = event.data.get("decision")
    if decision == "approved":
        return _("Welcome: %(city)s is now a member of the network, and you are its lead representative.") % {
            "city": city
        }
    if decision == "more_info_requested":
        return _("Staff ask for more information about the application of %(city)s.") % {"city": city}
    return _("The application of %(city)s to join the network was declined.") % {"city": city}


def _invitation_summary(event: Event) -> str:
    return _("%(handle)s accepted your invitation and now represents %(city)s.") % {
        "handle": event.data.get("handle", ""),
        "city": event.data.get("city", ""),
    }


def _message_summary(event: Event) -> str:
    city = event.data.get("city", "")
    if event.data.get("from_staff"):
        return _("Network staff wrote to you about the application of %(city)s.") % {"city": city}
    return _("The applicant for %(city)s answered network staff.") % {"city": city}


def _made_lead_summary(event: Event) -> str:
    return _(
        "You are now a lead representative of %(city)s: you can invite colleagues, name other leads and remove "
        "representatives."
    ) % {"city": event.data.get("city", "")}


def _membership_summary(event: Event) -> str:
    city = event.data.get("city", "")
    if event.data.get("change") == "reinstated":
        return _("The membership of %(city)s is active again.") % {"city": city}
    return _("The membership of %(city)s was suspended.") % {"city": city}


def _challenge_summary(event: Event) -> str:
    from cities.models import ChallengeKind

    kinds = dict(ChallengeKind.choices)
    challenge = event.data.get("challenge", "")
    return _("%(city)s recorded a challenge it faces: %(challenge)s.") % {
        "city": event.data.get("city", ""),
        "challenge": kinds.get(challenge, challenge),
    }


def register_kinds() -> None:
    register_mail(MailKind(key=INVITATION_MAIL, label=gettext_lazy("Invitation to represent a city")))
    register(
        Kind(
            key=APPLICATION_SUBMITTED,
            permission="cities.review_application",
            label=gettext_lazy("Membership applications to review (staff)"),
            summary=_submitted_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Kampala"},
        )
    )
    register(
        Kind(
            key=APPLICATION_DECIDED,
            label=gettext_lazy("Decisions on your membership applications"),
            summary=_decided_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            optional=False,
            example={"city": "Kampala", "decision": "approved"},
        )
    )
    register(
        Kind(
            key=INVITATION_ACCEPTED,
            label=gettext_lazy("Colleagues who accept your invitations"),
            summary=_invitation_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Kampala", "handle": "kampala_office"},
        )
    )
    register(
        Kind(
            key=APPLICATION_MESSAGE,
            label=gettext_lazy("Messages about membership applications"),
            summary=_message_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            optional=False,
            example={"city": "Kampala", "from_staff": True},
        )
    )
    register(
        Kind(
            key=MADE_LEAD,
            label=gettext_lazy("Being named a lead representative of your city"),
            summary=_made_lead_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            example={"city": "Kampala"},
        )
    )
    register(
        Kind(
            key=MEMBERSHIP_CHANGED,
            label=gettext_lazy("Suspension and reinstatement of your city's membership"),
            summary=_membership_summary,
            template="notifications/email/generic",
            email=EmailSchedule.IMMEDIATE,
            optional=False,
            example={"city": "Kampala", "change": "suspended"},
        )
    )
    register(
        Kind(
            key=CHALLENGE_RECORDED,
            label=gettext_lazy("Challenges recorded by the cities you follow"),
            summary=_challenge_summary,
            template="notifications/email/generic",
            email=EmailSchedule.DAILY,
            example={"city": "Kampala", "challenge": "racial_profiling"},
        )
    )
