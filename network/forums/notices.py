"""What the forums tell people: mentions, replies in what they follow, moderators' decisions about their posts,
sanctions, and being added to a working group. Authors are named by `author_label` (a pseudonym stays one)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.notifications.kinds import Kind, register
from network.notifications.models import EmailSchedule, Event

MENTION = "forums.mention"
REPLY = "forums.reply"
MODERATION = "forums.moderation"
SANCTION = "forums.sanction"
MEMBERSHIP = "forums.membership"


def _mention(event: Event) -> str:
    return _("%(author)s mentioned you in “%(title)s”.") % {
        "author": event.data.get("author", ""),
        "title": event.data.get("title", ""),
    }


def _reply(event: Event) -> str:
    return _("%(author)s replied in “%(title)s”.") % {
        "author": event.data.get("author", ""),
        "title": event.data.get("title", ""),
    }


def _moderation(event: Event) -> str:
    return _("The moderators took an action on your post in “%(title)s”: %(action)s. Reason: %(reason)s") % {
        "title": event.data.get("title", ""),
        "action": event.data.get("action", ""),
        "reason": event.data.get("reason", ""),
    }


def _sanction(event: Event) -> str:
    return _("The moderators of %(where)s gave you a %(kind)s. Reason: %(reason)s") % {
        "where": event.data.get("where", ""),
        "kind": event.data.get("kind", ""),
        "reason": event.data.get("reason", ""),
    }


def _membership(event: Event) -> str:
    return _("You are now a member of the working group “%(forum)s”.") % {"forum": event.data.get("forum", "")}


def register_kinds() -> None:
    example = {
        "author": "Quiet Heron 42",
        "title": "Duty to intervene: how did your city write it?",
        "action": "hidden",
        "reason": "a personal address",
        "where": "the forums",
        "kind": "warning",
        "forum": "Mayors' working group",
    }
    for key, label, summary, email, optional in (
        (MENTION, gettext_lazy("Mentions of you in the forums"), _mention, EmailSchedule.IMMEDIATE, True),
        (
            REPLY,
            gettext_lazy("Replies in forum topics and forums you follow"),
            _reply,
            EmailSchedule.DAILY,
            True,
        ),
        (
            MODERATION,
            gettext_lazy("Moderators' decisions about your posts"),
            _moderation,
            EmailSchedule.IMMEDIATE,
            False,
        ),
        (
            SANCTION,
            gettext_lazy("Warnings, suspensions and bans in the forums"),
            _sanction,
            EmailSchedule.IMMEDIATE,
            False,
        ),
        (MEMBERSHIP, gettext_lazy("Working groups you are added to"), _membership, EmailSchedule.IMMEDIATE, True),
    ):
        register(
            Kind(
                key=key,
                label=label,
                summary=summary,
                template="notifications/email/generic",
                email=email,
                optional=optional,
                example=example,
            )
        )
