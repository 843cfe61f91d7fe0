from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet

from network.accounts.exports import export_sections
from network.accounts.models import ApiToken, User
from network.accounts.permissions import user_roles
from network.accounts.roles import ROLE_GROUPS, Role
from network.audit.models import AuditEntry
from network.notifications.selectors import personal_data as notifications_personal_data


def people_for_staff(*, search: str = "", role: str = "") -> QuerySet[User]:
    """People as staff see them when managing roles: by handle, never by email."""
    people = User.objects.filter(is_active=True).prefetch_related(
        Prefetch("groups", queryset=Group.objects.only("id", "name"))
    )
    if search:
        people = people.filter(handle__icontains=search.strip())
    if role in Role.values:
        people = people.filter(groups__name=ROLE_GROUPS[Role(role)])
    return people.order_by("handle")


def user_data_export(user: User) -> dict:
    """Everything the platform keeps about a person, in the form they download it."""
    user_data = {
        "handle": user.handle,
        "email": user.email,
        "affiliation_kind": user.affiliation_kind,
        "affiliation": user.affiliation,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }
    return {
        "format": "cities-for-just-policing/account-export/1",
        "user": user_data,
        "roles": sorted(str(role) for role in user_roles(user)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "second_factors": [
            {"type": authenticator.type, "created_at": authenticator.created_at.isoformat()}
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "api_token": _token_summary(api_token_of(user)),
        "activity": [
            {"at": entry.at.isoformat(), "action": entry.action, "target": entry.target_label}
            for entry in AuditEntry.objects.filter(actor=user).order_by("at")
        ],
        # Decisions others took about this person (role changes, with the reasons given).
        "decisions_about_you": [
            {"at": entry.at.isoformat(), "action": entry.action, "by": entry.actor_label, "data": entry.data}
            for entry in AuditEntry.objects.filter(target_type="accounts.user", target_id=str(user.pk))
            .exclude(actor=user)
            .order_by("at")
        ],
        **notifications_personal_data(user=user),
        **export_sections(user),
    }


def api_token_of(user: User) -> ApiToken | None:
    return ApiToken.objects.filter(user=user).first()


def _token_summary(token: ApiToken | None) -> dict:
    if token is None:
        return {"exists": False}
    return {"exists": True, "created_at": token.created_at.isoformat(), "expires_at": token.expires_at.isoformat()}
