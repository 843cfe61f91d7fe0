"""Every write of the member cities part, each in one transaction with its audit row and its notifications."""

import hashlib
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities import notices
from cities.errors import InvitationInvalid, MoveNotAllowed
from cities.gazetteer import fold
from cities.geography import region_of
from cities.letters import validate_letter
from cities.member_map import members_changed
from cities.models import (
    CHARTER_COMMITMENTS,
    INVITATION_DAYS,
    OPEN_APPLICATION_STATUSES,
    ApplicationMessage,
    ApplicationStatus,
    City,
    GazetteerPlace,
    Invitation,
    MembershipApplication,
    MembershipStatus,
    PoliceAgency,
    Representative,
    new_invitation_key,
)
from cities.permissions import (
    can_appoint_representatives,
    can_edit_application,
    can_edit_city,
    can_manage_representatives,
    can_review_applications,
    can_suspend_membership,
    forget_representations,
)
from network.accounts.permissions import is_city_representative, is_participant
from network.accounts.roles import Role
from network.accounts.services import role_grant, role_revoke
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.notifications import audiences
from network.notifications.services import email_queue, notify

# The one table of allowed moves: move → (statuses it may start from, status it leads to, message when refused).
# Deleting leads to no status: a draft nobody but its author ever saw is removed, not kept.
APPLICATION_MOVES = {
    "submit": (
        {ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO_REQUESTED},
        ApplicationStatus.SUBMITTED,
        gettext_lazy("Only a draft, or an application sent back for more information, can be submitted."),
    ),
    "approve": (
        {ApplicationStatus.SUBMITTED},
        ApplicationStatus.APPROVED,
        gettext_lazy("Only a submitted application can be approved."),
    ),
    "decline": (
        {ApplicationStatus.SUBMITTED},
        ApplicationStatus.DECLINED,
        gettext_lazy("Only a submitted application can be declined."),
    ),
    "request_info": (
        {ApplicationStatus.SUBMITTED},
        ApplicationStatus.MORE_INFO_REQUESTED,
        gettext_lazy("Only a submitted application can be sent back for more information."),
    ),
    "withdraw": (
        {ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO_REQUESTED},
        ApplicationStatus.WITHDRAWN,
        gettext_lazy("Only an application waiting for a decision can be withdrawn: delete a draft instead."),
    ),
    "delete": (
        {ApplicationStatus.DRAFT},
        None,
        gettext_lazy("Only a draft that was never submitted can be deleted; withdraw a submitted application."),
    ),
}
APPLICATION_FIELDS = (
    "office_name",
    "office_address",
    "office_website",
    "applicant_position",
    "official_email",
    *CHARTER_COMMITMENTS,
)
REQUIRED_TO_SUBMIT = ("office_name", "office_address", "office_website", "applicant_position", "official_email")
AGENCY_FIELDS = ("name", "level", "headcount", "oversight_body", "mayor_controls")


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# --- Cities --------------------------------------------------------------------------------------------------


def _base_slug(place: GazetteerPlace) -> str:
    return slugify(f"{fold(place.name)}-{place.country_code}")[:200] or f"city-{place.geonames_id}"


def _unique_slug(place: GazetteerPlace) -> str:
    slug = _base_slug(place)
    if City.objects.filter(slug=slug).exists():
        slug = f"{slug}-{place.geonames_id}"
    return slug


def _city_from_place(place: GazetteerPlace, slug: str) -> City:
    return City(
        name=place.name,
        slug=slug,
        search_name=place.search_name,
        geonames_id=place.geonames_id,
        country_code=place.country_code,
        region=region_of(place.country_code),
        population=place.population,
        latitude=place.latitude,
        longitude=place.longitude,
        time_zone=place.time_zone,
    )


def city_for_place(*, geonames_id: int) -> City:
    """The city made from a gazetteer place, created the first time it is referenced."""
    city = City.objects.filter(geonames_id=geonames_id).first()
    if city is not None:
        return city
    place = GazetteerPlace.objects.filter(geonames_id=geonames_id).first()
    if place is None:
        raise ValidationError({"place": _("Choose a city from the list.")})
    try:
        with transaction.atomic():
            city = _city_from_place(place, _unique_slug(place))
            city.save(force_insert=True)
            return city
    except IntegrityError:
        # Someone else referenced it at the same moment.
        return City.objects.get(geonames_id=geonames_id)


def cities_for_places(*, places: list[GazetteerPlace]) -> tuple[dict[int, City], int]:
    """What `city_for_place` does, for many places in a fixed number of queries (a data set's import): the city
    of each place by geonames id, creating those not yet referenced, and how many were created.

    Call it inside a transaction: a city someone else creates at the same moment makes the insert fail, and the
    caller's whole change with it, rather than leave a duplicate."""
    by_id = {place.geonames_id: place for place in places}
    cities = {city.geonames_id: city for city in City.objects.filter(geonames_id__in=by_id)}
    missing = [place for geonames_id, place in by_id.items() if geonames_id not in cities]
    if not missing:
        return cities, 0
    bases = {place.geonames_id: _base_slug(place) for place in missing}
    candidates = set(bases.values()) | {f"{bases[place.geonames_id]}-{place.geonames_id}" for place in missing}
    taken = set(City.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    new = []
    for place in missing:
        slug = bases[place.geonames_id]
        if slug in taken:
            slug = f"{slug}-{place.geonames_id}"
        taken.add(slug)
        new.append(_city_from_place(place, slug))
    for city in City.objects.bulk_create(new):
        cities[city.geonames_id] = city
    return cities, len(new)


# --- Applications --------------------------------------------------------------------------------------------


def _check_move(application: MembershipApplication, move: str) -> ApplicationStatus | None:
    sources, target, refusal = APPLICATION_MOVES[move]
    if application.status not in sources:
        raise MoveNotAllowed(str(refusal))
    return target


def _locked(application: MembershipApplication) -> MembershipApplication:
    return MembershipApplication.objects.select_for_update(of=("self",)).select_related("city").get(pk=application.pk)


@transaction.atomic
def application_create(*, actor, geonames_id: int) -> MembershipApplication:
    """Start a draft for the city of a gazetteer place; an open application for it is returned as it is."""
    if not is_participant(actor):
        raise MoveNotAllowed(_("Sign in to apply."))
    city = city_for_place(geonames_id=geonames_id)
    if city.membership_status != MembershipStatus.NOT_MEMBER:
        raise MoveNotAllowed(
            _("%(city)s is already a member: ask its lead representative to invite you.") % {"city": city.name}
        )
    existing = MembershipApplication.objects.filter(
        applicant=actor, city=city, status__in=OPEN_APPLICATION_STATUSES
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    application = MembershipApplication.objects.create(applicant=actor, city=city, created_at=now, updated_at=now)
    audit_record(actor=actor, action="cities.application.create", target=application, data={"city": city.name})
    return application


@transaction.atomic
def application_update(*, actor, application: MembershipApplication, letter=None, **fields) -> MembershipApplication:
    """Save what the applicant wrote (a draft may be incomplete). A new letter replaces the old one."""
    application = _locked(application)
    if not can_edit_application(actor, application):
        raise MoveNotAllowed(_("This application cannot be changed now."))
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown application fields: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(application, field, value)
    application.full_clean(exclude=["applicant", "city", "decided_by", "letter"])
    changed = list(fields)
    old_letter = None
    if letter is not None:
        try:
            validate_letter(letter)
        except ValidationError as error:
            raise ValidationError({"letter": error.messages}) from None
        # Written last, once everything else is known to be valid.
        old_letter = application.letter.name if application.letter else None
        application.letter.save("letter.pdf", letter, save=False)
        changed.append("letter")
    application.updated_at = timezone.now()
    application.save(update_fields=[*changed, "updated_at"])
    if letter is not None:
        # The letter is the city's commitment: staff must be able to tell which one they read, and when it changed.
        audit_record(
            actor=actor,
            action="cities.application.letter_replace" if old_letter else "cities.application.letter_attach",
            target=application,
            data={"city": application.city.name, "size": application.letter.size},
        )
    if old_letter:
        storage = application.letter.storage
        transaction.on_commit(lambda: storage.delete(old_letter))
    return application


def submission_errors(application: MembershipApplication) -> dict[str, list[str]]:
    """What is missing before the application can go to staff, by field."""
    errors: dict[str, list[str]] = {}
    for field in REQUIRED_TO_SUBMIT:
        if not getattr(application, field):
            errors[field] = [_("This is needed before you submit.")]
    if not application.letter:
        errors["letter"] = [_("Attach the letter of commitment before you submit.")]
    for field in CHARTER_COMMITMENTS:
        if not getattr(application, field):
            errors[field] = [_("Every commitment of the charter is required.")]
    return errors


@transaction.atomic
def application_submit(*, actor, application: MembershipApplication) -> MembershipApplication:
    application = _locked(application)
    if application.applicant_id != actor.pk:
        raise MoveNotAllowed(_("Only the applicant can submit this application."))
    target = _check_move(application, "submit")
    errors = submission_errors(application)
    if errors:
        raise ValidationError(errors)
    before = application.status
    now = timezone.now()
    application.status = target
    application.submitted_at = now
    application.updated_at = now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="cities.application.submit",
        target=application,
        before={"status": before},
        after={"status": target},
        data={"city": application.city.name, "email_domain_differs": application.email_domain_differs},
    )
    notify(
        kind=notices.APPLICATION_SUBMITTED,
        audience=audiences.permission_holders("cities.review_application"),
        target=application,
        target_url=reverse("cities_staff:application", args=[application.pk]),
        actor=actor,
        data={"city": application.city.name},
    )
    return application


def _decide(*, actor, application: MembershipApplication, move: str, reason: str) -> MembershipApplication:
    if not can_review_applications(actor):
        raise MoveNotAllowed(_("Only network staff decide on applications."))
    application = _locked(application)
    target = _check_move(application, move)
    reason = reason.strip()
    if move != "approve" and not reason:
        raise ValidationError({"reason": [_("Give a reason: the applicant reads it.")]})
    before = application.status
    now = timezone.now()
    application.status = target
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = now
    application.updated_at = now
    application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"cities.application.{move}",
        target=application,
        before={"status": before},
        after={"status": target},
        data={"city": application.city.name, "reason": reason},
    )
    notify(
        kind=notices.APPLICATION_DECIDED,
        recipients=[application.applicant_id],
        target=application,
        actor=actor,
        data={"city": application.city.name, "decision": str(target)},
    )
    return application


@transaction.atomic
def application_approve(*, actor, application: MembershipApplication, reason: str = "") -> MembershipApplication:
    """The city becomes a member from today and the applicant its lead representative."""
    if not can_review_applications(actor):
        raise MoveNotAllowed(_("Only network staff decide on applications."))
    city = City.objects.select_for_update(of=("self",)).get(pk=application.city_id)
    if city.membership_status != MembershipStatus.NOT_MEMBER:
        raise MoveNotAllowed(
            _("%(city)s is already a member: decline this application or ask its lead to invite the applicant.")
            % {"city": city.name}
        )
    application = _decide(actor=actor, application=application, move="approve", reason=reason)
    city.membership_status = MembershipStatus.MEMBER
    city.member_since = timezone.localdate()
    city.office_name = application.office_name
    city.office_website = application.office_website
    city.save(update_fields=["membership_status", "member_since", "office_name", "office_website"])
    members_changed()
    audit_record(
        actor=actor,
        action="cities.membership.begin",
        target=city,
        before={"membership_status": MembershipStatus.NOT_MEMBER},
        after={"membership_status": MembershipStatus.MEMBER},
        data={"application": application.pk},
    )
    _representative_add(actor=actor, city=city, user=application.applicant, is_lead=True)
    return application


@transaction.atomic
def application_decline(*, actor, application: MembershipApplication, reason: str) -> MembershipApplication:
    return _decide(actor=actor, application=application, move="decline", reason=reason)


@transaction.atomic
def application_request_info(*, actor, application: MembershipApplication, reason: str) -> MembershipApplication:
    return _decide(actor=actor, application=application, move="request_info", reason=reason)


@transaction.atomic
def application_withdraw(*, actor, application: MembershipApplication, reason: str = "") -> MembershipApplication:
    """The applicant takes back an application before staff decide; it leaves staff's queue."""
    application = _locked(application)
    if application.applicant_id != actor.pk:
        raise MoveNotAllowed(_("Only the applicant can withdraw this application."))
    target = _check_move(application, "withdraw")
    before = application.status
    application.status = target
    application.updated_at = timezone.now()
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="cities.application.withdraw",
        target=application,
        before={"status": before},
        after={"status": target},
        data={"city": application.city.name, "reason": reason.strip()},
    )
    return application


@transaction.atomic
def application_delete(*, actor, application: MembershipApplication) -> None:
    """The applicant deletes a draft staff never saw, with its letter; the audit log keeps that it existed."""
    application = _locked(application)
    if application.applicant_id != actor.pk:
        raise MoveNotAllowed(_("Only the applicant can delete this draft."))
    _check_move(application, "delete")
    audit_record(
        actor=actor,
        action="cities.application.delete",
        target=application,
        before={"status": application.status},
        data={"city": application.city.name},
    )
    letter = application.letter.name if application.letter else None
    storage = application.letter.storage
    application.delete()
    if letter:
        transaction.on_commit(lambda: storage.delete(letter))


@transaction.atomic
def application_message_send(*, actor, application: MembershipApplication, body: str) -> ApplicationMessage:
    """Staff write to the applicant, or the applicant answers, about a submitted application. Each side is told
    through the platform's notifications; nobody sees the other's addresses."""
    application = _locked(application)
    is_applicant = application.applicant_id == actor.pk and is_participant(actor)
    from_staff = not is_applicant and can_review_applications(actor)
    if not (is_applicant or from_staff):
        raise MoveNotAllowed(_("Only the applicant and network staff write about an application."))
    if application.status == ApplicationStatus.DRAFT:
        raise MoveNotAllowed(_("Staff see an application once it is submitted: messages start then."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    message = ApplicationMessage.objects.create(
        application=application, author=actor, from_staff=from_staff, body=body, created_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="cities.application.message",
        target=application,
        data={"message": message.pk, "from_staff": from_staff},
    )
    data = {"city": application.city.name, "from_staff": from_staff}
    if from_staff:
        notify(
            kind=notices.APPLICATION_MESSAGE,
            recipients=[application.applicant_id],
            target=application,
            actor=actor,
            data=data,
        )
    else:
        notify(
            kind=notices.APPLICATION_MESSAGE,
            audience=audiences.permission_holders("cities.review_application"),
            target=application,
            target_url=reverse("cities_staff:application", args=[application.pk]),
            actor=actor,
            data=data,
        )
    return message


# --- Representatives and invitations ------------------------------------------------------------------------


def _representative_add(*, actor, city: City, user, is_lead: bool) -> Representative:
    """Add a representative inside the caller's transaction; the caller has checked who may (the approval of an
    application, an accepted invitation, `representative_add`)."""
    representative = Representative.objects.create(city=city, user=user, is_lead=is_lead)
    forget_representations(user)
    audit_record(
        actor=actor,
        action="cities.representative.add",
        target=city,
        data={"user": user.pk, "handle": user.handle, "is_lead": is_lead},
    )
    if not is_city_representative(user):
        # The role follows from the decision audited above, whoever took it.
        role_grant(actor=SYSTEM, user=user, role=Role.CITY_REPRESENTATIVE, reason=f"Represents {city.name}")
    return representative


@transaction.atomic
def representative_add(*, actor, city: City, user, is_lead: bool = False) -> Representative:
    """Network staff (or the system, seeding the demo) name a representative of an active member city directly;
    a city's own leads invite colleagues instead."""
    if actor is not SYSTEM and not can_appoint_representatives(actor):
        raise MoveNotAllowed(_("Only network staff name a city's representatives directly."))
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    if city.membership_status != MembershipStatus.MEMBER:
        raise MoveNotAllowed(_("%(city)s cannot take on representatives at the moment.") % {"city": city.name})
    if Representative.objects.filter(city=city, user=user).exists():
        raise MoveNotAllowed(_("%(handle)s already represents %(city)s.") % {"handle": user.handle, "city": city.name})
    return _representative_add(actor=actor, city=city, user=user, is_lead=is_lead)


@transaction.atomic
def invitation_create(*, actor, city: City, email: str) -> Invitation:
    """Invite a colleague by email; the link goes out once the transaction commits."""
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    if not can_manage_representatives(actor, city):
        raise MoveNotAllowed(_("Only a lead representative of an active member city can invite colleagues."))
    # An address that already represents the city is invited like any other: answering otherwise would tell the
    # inviter whose address it is. Accepting then changes nothing (invitation_problem: "You already represent").
    email = email.strip()
    key = new_invitation_key()
    now = timezone.now()
    invitation = Invitation.objects.create(
        city=city,
        email=email,
        invited_by=actor,
        key_digest=key_digest(key),
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    audit_record(actor=actor, action="cities.invitation.create", target=city, data={"invitation": invitation.pk})
    link = f"{settings.SITE_URL}{reverse('cities:invitation', args=[key])}"
    # The invited person may have no account yet: the mail goes in the language the inviter is using.
    context = {
        "city": city.name,
        "inviter": actor.handle,
        "link": link,
        "days": INVITATION_DAYS,
        "site_name": settings.SITE_NAME,
    }
    subject = _("%(inviter)s invites you to represent %(city)s") % {"inviter": actor.handle, "city": city.name}
    email_queue(
        kind=notices.INVITATION_MAIL,
        to=email,
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string("cities/email/invitation.txt", context),
        html=render_to_string("cities/email/invitation.html", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        actor=actor,
    )
    return invitation


def invitation_for_key(key: str) -> Invitation:
    """The invitation a link stands for, whatever its state; InvitationInvalid when there is none."""
    invitation = Invitation.objects.select_related("city", "invited_by").filter(key_digest=key_digest(key)).first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid."))
    return invitation


def invitation_problem(invitation: Invitation, user=None) -> str:
    """Why this invitation cannot be accepted (by this user), or an empty string."""
    if invitation.is_used:
        return _("This invitation has already been used.")
    if invitation.is_revoked:
        return _("This invitation has been withdrawn by the city's lead representatives.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask for a new one.")
    if invitation.city.membership_status != MembershipStatus.MEMBER:
        return _("%(city)s cannot take on representatives at the moment.") % {"city": invitation.city.name}
    if user is not None and user.is_authenticated:
        if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
            return _("This invitation was sent to another email address. Sign in with the address it was sent to.")
        if Representative.objects.filter(city=invitation.city, user=user).exists():
            return _("You already represent %(city)s.") % {"city": invitation.city.name}
    return ""


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    """A lead withdraws an invitation not yet accepted: its link stops working at once."""
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("city").get(pk=invitation.pk)
    if not can_manage_representatives(actor, invitation.city):
        raise MoveNotAllowed(_("Only a lead representative of an active member city can withdraw invitations."))
    if invitation.is_used or invitation.is_revoked:
        raise MoveNotAllowed(_("This invitation has already been used or withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="cities.invitation.revoke",
        target=invitation.city,
        data={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, actor, key: str) -> Representative:
    invitation = invitation_for_key(key)
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("city").get(pk=invitation.pk)
    problem = invitation_problem(invitation, actor)
    if problem:
        raise InvitationInvalid(problem)
    now = timezone.now()
    invitation.accepted_at = now
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    city = invitation.city
    audit_record(actor=actor, action="cities.invitation.accept", target=city, data={"invitation": invitation.pk})
    representative = _representative_add(actor=actor, city=city, user=actor, is_lead=False)
    leads = Representative.objects.filter(city=city, is_lead=True).values_list("user_id", flat=True)
    notify(
        kind=notices.INVITATION_ACCEPTED,
        recipients=list(leads),
        target=city,
        actor=actor,
        data={"city": city.name, "handle": actor.handle},
    )
    return representative


@transaction.atomic
def representative_remove(*, actor, representative: Representative) -> None:
    """A lead removes a colleague (or another lead); the city always keeps at least one lead."""
    representative = (
        Representative.objects.select_for_update(of=("self",)).select_related("city", "user").get(pk=representative.pk)
    )
    city = representative.city
    if not can_manage_representatives(actor, city):
        raise MoveNotAllowed(_("Only a lead representative of an active member city can remove colleagues."))
    if representative.is_lead:
        other_leads = list(
            Representative.objects.select_for_update(of=("self",))
            .filter(city=city, is_lead=True)
            .exclude(pk=representative.pk)
            .values_list("pk", flat=True)
        )
        if not other_leads:
            raise MoveNotAllowed(_("A member city keeps at least one lead representative: name another lead first."))
    user = representative.user
    representative.delete()
    forget_representations(user)
    audit_record(
        actor=actor,
        action="cities.representative.remove",
        target=city,
        data={"user": user.pk, "handle": user.handle, "was_lead": representative.is_lead},
    )
    if not Representative.objects.filter(user=user).exists() and is_city_representative(user):
        role_revoke(actor=SYSTEM, user=user, role=Role.CITY_REPRESENTATIVE, reason=f"No longer represents {city.name}")


@transaction.atomic
def representative_make_lead(*, actor, representative: Representative) -> Representative:
    representative = (
        Representative.objects.select_for_update(of=("self",)).select_related("city", "user").get(pk=representative.pk)
    )
    if not can_manage_representatives(actor, representative.city):
        raise MoveNotAllowed(_("Only a lead representative of an active member city can name leads."))
    if representative.is_lead:
        raise MoveNotAllowed(_("%(handle)s is already a lead.") % {"handle": representative.user.handle})
    representative.is_lead = True
    representative.save(update_fields=["is_lead"])
    forget_representations(representative.user)
    audit_record(
        actor=actor,
        action="cities.representative.make_lead",
        target=representative.city,
        data={"user": representative.user_id, "handle": representative.user.handle},
    )
    notify(
        kind=notices.MADE_LEAD,
        recipients=[representative.user_id],
        target=representative.city,
        target_url=reverse("cities:representatives", args=[representative.city.slug]),
        actor=actor,
        data={"city": representative.city.name},
    )
    return representative


# --- Membership ---------------------------------------------------------------------------------------------


def _membership_change(*, actor, city: City, reason: str, suspend: bool) -> City:
    if not can_suspend_membership(actor):
        raise MoveNotAllowed(_("Only network staff suspend or reinstate a membership."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason: it is kept in the audit log.")]})
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    source = MembershipStatus.MEMBER if suspend else MembershipStatus.SUSPENDED
    if city.membership_status != source:
        raise MoveNotAllowed(
            _("%(city)s is not an active member.") % {"city": city.name}
            if suspend
            else _("The membership of %(city)s is not suspended.") % {"city": city.name}
        )
    target = MembershipStatus.SUSPENDED if suspend else MembershipStatus.MEMBER
    city.membership_status = target
    city.suspension_reason = reason if suspend else ""
    city.save(update_fields=["membership_status", "suspension_reason"])
    members_changed()
    audit_record(
        actor=actor,
        action="cities.membership.suspend" if suspend else "cities.membership.reinstate",
        target=city,
        before={"membership_status": source},
        after={"membership_status": target},
        data={"reason": reason},
    )
    notify(
        kind=notices.MEMBERSHIP_CHANGED,
        recipients=list(Representative.objects.filter(city=city).values_list("user_id", flat=True)),
        target=city,
        actor=actor,
        data={"city": city.name, "change": "suspended" if suspend else "reinstated"},
    )
    return city


@transaction.atomic
def membership_suspend(*, actor, city: City, reason: str) -> City:
    return _membership_change(actor=actor, city=city, reason=reason, suspend=True)


@transaction.atomic
def membership_reinstate(*, actor, city: City, reason: str) -> City:
    return _membership_change(actor=actor, city=city, reason=reason, suspend=False)


# --- Police agencies ----------------------------------------------------------------------------------------


def _agency_values(agency: PoliceAgency) -> dict:
    return {field: getattr(agency, field) for field in AGENCY_FIELDS}


def _agency_save(agency: PoliceAgency, fields: dict) -> None:
    for field, value in fields.items():
        setattr(agency, field, value)
    agency.full_clean(exclude=["city"])
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError:
        raise ValidationError({"name": [_("The city already has an agency of this name.")]}) from None


@transaction.atomic
def agency_create(*, actor, city: City, **fields) -> PoliceAgency:
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    if not can_edit_city(actor, city):
        raise MoveNotAllowed(_("Only representatives of an active member city can add its police agencies."))
    agency = PoliceAgency(city=city)
    _agency_save(agency, fields)
    audit_record(actor=actor, action="cities.agency.create", target=agency, after=_agency_values(agency))
    return agency


@transaction.atomic
def agency_update(*, actor, agency: PoliceAgency, **fields) -> PoliceAgency:
    agency = PoliceAgency.objects.select_for_update(of=("self",)).select_related("city").get(pk=agency.pk)
    if not can_edit_city(actor, agency.city):
        raise MoveNotAllowed(_("Only representatives of an active member city can edit its police agencies."))
    before = _agency_values(agency)
    fields["updated_at"] = timezone.now()
    _agency_save(agency, fields)
    audit_record(actor=actor, action="cities.agency.update", target=agency, before=before, after=_agency_values(agency))
    return agency
