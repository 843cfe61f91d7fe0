"""Who may do what in the forums. Views, API and templates all ask here (selectors re-export the contract's
names).

Staff powers (create forums, name moderators, moderate everywhere, unmask) go through `holds_power`: a browser
session that passed the second factor, never an API token. A forum's own moderators are people named on it; their
moves are refused to API tokens as well."""

from django.utils import timezone

from network.accounts.permissions import holds_power, is_participant
from network.accounts.second_factor import signed_in_by_api_token
from network.forums.models import Access, Forum, ForumMember, MemberRole, Sanction, SanctionKind


def can_manage_forums(user) -> bool:
    return holds_power(user, "forums.manage_forums")


def is_staff_moderator(user) -> bool:
    return holds_power(user, "forums.moderate_forums")


def can_unmask(user) -> bool:
    return holds_power(user, "forums.unmask_pseudonym")


def memberships(user) -> dict[int, str]:
    """{forum id: role} of the person's memberships, read once per request and kept on the user object."""
    if not is_participant(user):
        return {}
    cached = getattr(user, "_forum_memberships", None)
    if cached is None:
        cached = dict(ForumMember.objects.filter(user=user).values_list("forum_id", "role"))
        user._forum_memberships = cached
    return cached


def active_sanctions(user) -> list[Sanction]:
    """Suspensions and bans in force, read once per request and kept on the user object."""
    if not is_participant(user):
        return []
    cached = getattr(user, "_forum_sanctions", None)
    if cached is None:
        now = timezone.now()
        cached = [
            sanction
            for sanction in Sanction.objects.filter(user=user, kind__in=[SanctionKind.SUSPEND, SanctionKind.BAN])
            if sanction.until is None or sanction.until > now
        ]
        user._forum_sanctions = cached
    return cached


def forget_cached(user) -> None:
    for name in ("_forum_memberships", "_forum_sanctions"):
        if hasattr(user, name):
            delattr(user, name)


def sanction_in_force(user, forum: Forum) -> Sanction | None:
    for sanction in active_sanctions(user):
        if sanction.forum_id is None or sanction.forum_id == forum.pk:
            return sanction
    return None


def is_forum_moderator(user, forum: Forum) -> bool:
    return (
        is_participant(user)
        and not signed_in_by_api_token(user)
        and memberships(user).get(forum.pk) == MemberRole.MODERATOR
    )


def can_moderate(user, forum: Forum) -> bool:
    return is_staff_moderator(user) or is_forum_moderator(user, forum)


def is_group_member(user, forum: Forum) -> bool:
    return forum.pk in memberships(user)


def can_read(user, forum: Forum) -> bool:
    if forum.access == Access.PUBLIC:
        return True
    if forum.access == Access.MEMBERS:
        return is_participant(user)
    return is_group_member(user, forum) or is_staff_moderator(user)


def can_see_listing(user, forum: Forum) -> bool:
    """The forum's name and description (a listed working group shows them to all)."""
    return can_read(user, forum) or (forum.access == Access.GROUP and forum.listed)


def can_post(user, forum: Forum) -> bool:
    return is_participant(user) and can_read(user, forum) and sanction_in_force(user, forum) is None


def can_manage_members(user, forum: Forum) -> bool:
    """A working group's member list is kept by its moderators (and staff)."""
    return forum.access == Access.GROUP and can_moderate(user, forum)
