"""The writes of a city's challenges and of its legal system, each in one transaction with its audit row and its
notification. Kept apart from `cities.services`, which holds membership, representatives and agencies."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import notices
from cities.errors import MoveNotAllowed
from cities.models import City, CityChallenge
from cities.permissions import can_edit_city
from network.audit.services import audit_record
from network.notifications import audiences
from network.notifications.services import notify

CHALLENGE_FIELDS = ("kind", "description")


def _values(challenge: CityChallenge) -> dict:
    return {field: getattr(challenge, field) for field in CHALLENGE_FIELDS}


def _save(challenge: CityChallenge, fields: dict) -> None:
    for field in CHALLENGE_FIELDS:
        if field in fields:
            setattr(challenge, field, fields[field])
    challenge.description = (challenge.description or "").strip()
    challenge.full_clean(exclude=["city", "recorded_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            challenge.save()
    except IntegrityError:
        raise ValidationError({"kind": [_("The city has already recorded this challenge.")]}) from None


@transaction.atomic
def challenge_create(*, actor, city: City, kind: str, description: str) -> CityChallenge:
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    if not can_edit_city(actor, city):
        raise MoveNotAllowed(_("Only representatives of an active member city can record its challenges."))
    challenge = CityChallenge(city=city, recorded_by=actor)
    _save(challenge, {"kind": kind, "description": description})
    audit_record(actor=actor, action="cities.challenge.create", target=challenge, after=_values(challenge))
    notify(
        kind=notices.CHALLENGE_RECORDED,
        audience=audiences.followers(city),
        target=challenge,
        actor=actor,
        data={"city": city.name, "challenge": challenge.kind},
    )
    return challenge


@transaction.atomic
def challenge_update(*, actor, challenge: CityChallenge, **fields) -> CityChallenge:
    challenge = CityChallenge.objects.select_for_update(of=("self",)).select_related("city").get(pk=challenge.pk)
    if not can_edit_city(actor, challenge.city):
        raise MoveNotAllowed(_("Only representatives of an active member city can edit its challenges."))
    before = _values(challenge)
    challenge.updated_at = timezone.now()
    _save(challenge, fields)
    audit_record(
        actor=actor, action="cities.challenge.update", target=challenge, before=before, after=_values(challenge)
    )
    return challenge


@transaction.atomic
def challenge_delete(*, actor, challenge: CityChallenge) -> None:
    challenge = CityChallenge.objects.select_for_update(of=("self",)).select_related("city").get(pk=challenge.pk)
    if not can_edit_city(actor, challenge.city):
        raise MoveNotAllowed(_("Only representatives of an active member city can remove its challenges."))
    audit_record(actor=actor, action="cities.challenge.delete", target=challenge, before=_values(challenge))
    challenge.delete()


@transaction.atomic
def legal_system_set(*, actor, city: City, legal_system: str) -> City:
    city = City.objects.select_for_update(of=("self",)).get(pk=city.pk)
    if not can_edit_city(actor, city):
        raise MoveNotAllowed(_("Only representatives of an active member city can state its legal system."))
    before = {"legal_system": city.legal_system}
    city.legal_system = legal_system
    city.clean_fields(exclude=[field.name for field in City._meta.fields if field.name != "legal_system"])
    city.save(update_fields=["legal_system"])
    audit_record(
        actor=actor, action="cities.city.legal_system", target=city, before=before, after={"legal_system": legal_system}
    )
    return city
