"""Who may do what with member cities. Views, API and templates all ask here."""

from cities.models import ApplicationStatus, City, MembershipApplication, MembershipStatus, Representative
from network.accounts.permissions import holds_power, is_participant


def representations(user) -> dict[int, bool]:
    """{city id: is lead} for every city the user represents; read once per request and kept on the user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_city_representations", None)
    if cached is None:
        cached = dict(Representative.objects.filter(user=user).values_list("city_id", "is_lead"))
        user._city_representations = cached
    return cached


def forget_representations(user) -> None:
    user.__dict__.pop("_city_representations", None)


def is_representative_of(user, city: City) -> bool:
    return is_participant(user) and city.pk in representations(user)


def is_lead_of(user, city: City) -> bool:
    return is_participant(user) and representations(user).get(city.pk, False)


def membership_active(city: City) -> bool:
    return city.membership_status == MembershipStatus.MEMBER


def can_edit_city(user, city: City) -> bool:
    """Keep the city's police agencies: its representatives, while the membership is active."""
    return membership_active(city) and is_representative_of(user, city)


def can_manage_representatives(user, city: City) -> bool:
    """Invite and remove colleagues: the city's lead representatives, while the membership is active."""
    return membership_active(city) and is_lead_of(user, city)


def can_review_applications(user) -> bool:
    return holds_power(user, "cities.review_application")


def can_appoint_representatives(user) -> bool:
    """Name a member city's representative directly, without an invitation: network staff."""
    return can_review_applications(user)


def can_suspend_membership(user) -> bool:
    return can_review_applications(user)


def can_apply(user) -> bool:
    return is_participant(user)


def can_view_application(user, application: MembershipApplication) -> bool:
    """The applicant's own pages (with everything they entered); staff read applications on the staff pages."""
    return is_participant(user) and application.applicant_id == user.pk


def can_edit_application(user, application: MembershipApplication) -> bool:
    return is_participant(user) and application.applicant_id == user.pk and application.is_editable


def can_follow_city(user) -> bool:
    return is_participant(user)


def can_withdraw_application(user, application: MembershipApplication) -> bool:
    """The applicant, while staff have not decided."""
    return (
        is_participant(user)
        and application.applicant_id == user.pk
        and application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO_REQUESTED)
    )


def can_delete_application(user, application: MembershipApplication) -> bool:
    """The applicant, while it is a draft staff never saw."""
    return (
        is_participant(user) and application.applicant_id == user.pk and application.status == ApplicationStatus.DRAFT
    )


def can_record_challenges(user, city: City) -> bool:
    """Record, edit and remove the city's challenges and state its legal system: its representatives, while the
    membership is active."""
    return can_edit_city(user, city)
