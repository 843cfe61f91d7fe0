"""Reads of the member cities part: querysets with what their pages need already joined."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from cities.gazetteer import ALIAS_SEPARATOR, fold
from cities.models import (
    ApplicationMessage,
    ApplicationStatus,
    City,
    CityChallenge,
    GazetteerPlace,
    Invitation,
    MembershipApplication,
    MembershipStatus,
    PoliceAgency,
    Representative,
)
from cities.sections import directory_badges
from network.notifications.models import Follow

GAZETTEER_LIMIT = 10
MEMBER_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.SUSPENDED)


def gazetteer_search(query: str, *, limit: int = GAZETTEER_LIMIT) -> list[GazetteerPlace]:
    """Places whose name, or one of its other names, starts with what was typed, accents and case ignored.

    The name itself comes first: the places called exactly that, then those whose name starts with it, then
    those found by another name (exactly, then by its start); the most populous first within each, so "Lagos"
    gives Lagos in Nigeria before Lagos in Portugal, and before any place that someone also calls Lagos."""
    folded = fold(query)[:100]
    if len(folded) < 2:
        return []
    places = (
        GazetteerPlace.objects.filter(
            Q(search_name__startswith=folded) | Q(aliases__contains=f"{ALIAS_SEPARATOR}{folded}")
        )
        .annotate(
            rank=Case(
                When(search_name=folded, then=Value(0)),
                When(search_name__startswith=folded, then=Value(1)),
                When(aliases__contains=f"{ALIAS_SEPARATOR}{folded}{ALIAS_SEPARATOR}", then=Value(2)),
                default=Value(3),
            )
        )
        .order_by("rank", "-population", "name", "geonames_id")
    )
    return list(places[:limit])


def cities_for_directory() -> QuerySet[City]:
    """Every city, with the annotations of the badges parts above registered (`cities.sections`)."""
    cities = City.objects.all()
    for badge in directory_badges():
        cities = badge.annotate(cities)
    return cities


def with_badges(cities) -> list[City]:
    """The cities of a directory page, each with `badges`: the registered badges it earned (no query)."""
    cities = list(cities)
    badges = directory_badges()
    for city in cities:
        city.badges = [badge for badge in badges if getattr(city, badge.key, False)]
    return cities


def member_cities_for_map() -> list[City]:
    """Every member city's name, place and slug, for the map and the list beside it."""
    return list(
        City.objects.filter(membership_status__in=MEMBER_STATUSES)
        .only("name", "slug", "country_code", "latitude", "longitude", "membership_status")
        .order_by("name", "id")
    )


def city_profile(slug: str) -> City:
    """A city with its agencies and representatives (their accounts joined), for its page."""
    return City.objects.prefetch_related(
        Prefetch("agencies", queryset=PoliceAgency.objects.order_by("name", "id")),
        Prefetch(
            "representatives",
            queryset=Representative.objects.select_related("user").filter(user__is_active=True),
        ),
    ).get(slug=slug)


def follower_count(city: City) -> int:
    return Follow.objects.filter(target_type=city._meta.label_lower, target_id=str(city.pk)).count()


def is_following(user, city: City) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, target_type=city._meta.label_lower, target_id=str(city.pk)).exists()


def applications_of(user) -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(applicant=user).select_related("city").order_by("-updated_at", "-id")


def application_queue(*, status: str) -> QuerySet[MembershipApplication]:
    return (
        MembershipApplication.objects.select_related("city", "applicant")
        .filter(status=status)
        .order_by("submitted_at", "id")
    )


def application_detail(pk: int) -> MembershipApplication:
    return MembershipApplication.objects.select_related("city", "applicant", "decided_by").get(pk=pk)


def application_messages(application: MembershipApplication) -> list[ApplicationMessage]:
    return list(application.messages.select_related("author").order_by("created_at", "id"))


def application_for_staff(pk: int) -> MembershipApplication:
    """An application staff may read: any but a draft, which stays the applicant's own until submitted."""
    return (
        MembershipApplication.objects.select_related("city", "applicant", "decided_by")
        .exclude(status=ApplicationStatus.DRAFT)
        .get(pk=pk)
    )


def pending_invitations(city: City) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            city=city, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def representations_of(user) -> QuerySet[Representative]:
    """The cities a person represents (each with its count of invitations still pending), for their own page."""
    now = timezone.now()
    return (
        Representative.objects.filter(user=user)
        .select_related("city")
        .annotate(
            pending_invitations=Count(
                "city__invitations",
                filter=Q(
                    city__invitations__accepted_at__isnull=True,
                    city__invitations__revoked_at__isnull=True,
                    city__invitations__expires_at__gt=now,
                ),
            )
        )
        .order_by("city__name", "id")
    )


def representatives_of(city: City) -> QuerySet[Representative]:
    return Representative.objects.filter(city=city).select_related("user")


def personal_data(user) -> dict:
    """What the member cities part keeps about a person, for their data export: the applications they made (with
    what they entered) and the cities they represent."""
    return {
        "applications": [
            {
                "city": application.city.name,
                "status": application.status,
                "office_name": application.office_name,
                "office_address": application.office_address,
                "office_website": application.office_website,
                "applicant_position": application.applicant_position,
                "official_email": application.official_email,
                "has_letter": bool(application.letter),
                "decision_reason": application.decision_reason,
                "created_at": application.created_at.isoformat(),
            }
            for application in applications_of(user)
        ],
        "representing": [
            {
                "city": representative.city.name,
                "lead": representative.is_lead,
                "since": representative.since.isoformat(),
            }
            for representative in Representative.objects.filter(user=user).select_related("city").order_by("id")
        ],
    }


def challenges_of_city(city: City) -> QuerySet[CityChallenge]:
    return CityChallenge.objects.filter(city=city).order_by("kind", "id")


def challenge_detail(*, city_slug: str, pk: int) -> CityChallenge:
    """A challenge with its city and the city's agencies (its policing context). Raises CityChallenge.DoesNotExist."""
    return (
        CityChallenge.objects.select_related("city")
        .prefetch_related(Prefetch("city__agencies", queryset=PoliceAgency.objects.order_by("name", "id")))
        .get(pk=pk, city__slug=city_slug)
    )


def challenge_by_id(pk: int) -> CityChallenge:
    return (
        CityChallenge.objects.select_related("city")
        .prefetch_related(Prefetch("city__agencies", queryset=PoliceAgency.objects.order_by("name", "id")))
        .get(pk=pk)
    )
