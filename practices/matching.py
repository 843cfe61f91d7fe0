"""A city's challenge matched to the library: the practices that target it and the member cities that adopted them,
ranked by how close those cities' policing context is to the challenged city's and by the evidence rating. Every
match carries the reasons it was made. The README's "Shared challenges" section states these rules; keep both in
step."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cities.models import ChallengeKind, City, CityChallenge, MembershipStatus, PoliceAgency
from practices.models import (
    Adoption,
    AdoptionSource,
    AdoptionStatus,
    MayoralControl,
    PoliceLevel,
    Practice,
    PracticeStatus,
    Rating,
    Theme,
)

# Which of the library's themes answer each challenge.
CHALLENGE_THEMES: dict[str, tuple[str, ...]] = {
    ChallengeKind.PROTEST_FORCE: (Theme.PROTEST_POLICING, Theme.USE_OF_FORCE),
    ChallengeKind.RACIAL_PROFILING: (Theme.STOPS_AND_SEARCHES,),
    ChallengeKind.POLICE_KILLINGS: (Theme.USE_OF_FORCE, Theme.OVERSIGHT),
    ChallengeKind.CORRUPTION: (Theme.OVERSIGHT, Theme.RESTRUCTURING),
    ChallengeKind.YOUTH_VIOLENCE: (Theme.PUBLIC_HEALTH, Theme.PUBLIC_INVESTMENT),
    ChallengeKind.ARMED_CRISIS_RESPONSE: (Theme.CRISIS_RESPONSE,),
    ChallengeKind.SURVEILLANCE: (Theme.SURVEILLANCE,),
    ChallengeKind.COMMUNITY_DISTRUST: (Theme.COMMUNITY_POLICING, Theme.TRAINING),
    ChallengeKind.IMPUNITY: (Theme.OVERSIGHT,),
}

# Points of the evidence rating. Practices rated ineffective or harmful are never offered.
RATING_POINTS = {Rating.EFFECTIVE: 3, Rating.PROMISING: 2, Rating.INCONCLUSIVE: 1, Rating.NOT_RATED: 0}

# Points of context closeness, each given only when both cities' values are known.
SAME_POLICE_LEVEL = 2
SAME_MAYORAL_CONTROL = 2
SAME_LEGAL_SYSTEM = 1
SAME_REGION = 1
SAME_SIZE_BAND = 1

# Population bands: (upper bound, exclusive), the last without one.
SIZE_BANDS = (250_000, 1_000_000, 5_000_000)


def size_band(population: int) -> int:
    return next((index for index, bound in enumerate(SIZE_BANDS) if population < bound), len(SIZE_BANDS))


def size_band_label(band: int) -> str:
    labels = (
        _("fewer than 250,000 people"),
        _("250,000 to a million people"),
        _("one to five million people"),
        _("five million people or more"),
    )
    return labels[band]


@dataclass(frozen=True)
class Context:
    """A city's policing context, from its recorded agencies and its profile."""

    city: City
    levels: frozenset[str]
    # None when the city has recorded no agency: then nothing is known of who controls its police.
    mayoral_control: bool | None
    legal_system: str
    region: str
    size_band: int


def context_of(city: City) -> Context:
    """The context of a city whose agencies are prefetched (no query)."""
    agencies = list(city.agencies.all())
    return Context(
        city=city,
        levels=frozenset(agency.level for agency in agencies),
        mayoral_control=any(agency.mayor_controls for agency in agencies) if agencies else None,
        legal_system=city.legal_system,
        region=city.region,
        size_band=size_band(city.population),
    )


def _level_labels(levels) -> str:
    labels = dict(PoliceLevel.choices)
    return ", ".join(str(labels.get(level, level)) for level in sorted(levels))


def closeness(ours: Context, theirs: Context) -> tuple[int, list[str]]:
    """Points and reasons: how alike two cities' policing contexts are."""
    points, reasons = 0, []
    shared = ours.levels & theirs.levels
    if shared:
        points += SAME_POLICE_LEVEL
        reasons.append(_("Same level of police: %(levels)s.") % {"levels": _level_labels(shared)})
    if ours.mayoral_control is not None and ours.mayoral_control == theirs.mayoral_control:
        points += SAME_MAYORAL_CONTROL
        if ours.mayoral_control:
            reasons.append(_("In both cities the mayor controls a police force."))
        else:
            reasons.append(_("In neither city does the mayor control the police."))
    if ours.legal_system and ours.legal_system == theirs.legal_system:
        points += SAME_LEGAL_SYSTEM
        reasons.append(_("Same legal system: %(system)s.") % {"system": theirs.city.get_legal_system_display()})
    if ours.region == theirs.region:
        points += SAME_REGION
        reasons.append(_("Same region: %(region)s.") % {"region": theirs.city.get_region_display()})
    if ours.size_band == theirs.size_band:
        points += SAME_SIZE_BAND
        reasons.append(_("Same size: %(band)s.") % {"band": size_band_label(ours.size_band)})
    return points, reasons


def refusal(practice: Practice, context: Context) -> str:
    """Why a practice cannot be offered to a city of this context, or "" when it can."""
    if practice.transfer_mayoral_control == MayoralControl.REQUIRED and context.mayoral_control is not True:
        return _("It needs a police force the mayor controls, and %(city)s has recorded none.") % {
            "city": context.city.name
        }
    if practice.transfer_police_levels and context.levels and not context.levels & set(practice.transfer_police_levels):
        return _("It works only with %(levels)s, and %(city)s has none.") % {
            "levels": _level_labels(practice.transfer_police_levels).lower(),
            "city": context.city.name,
        }
    return ""


@dataclass
class CityMatch:
    city: City
    adoption: Adoption
    closeness: int
    reasons: list[str]
    # (label, url) pairs the parts above the library add (see `practices.match_actions`).
    actions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PracticeMatch:
    practice: Practice
    score: int
    rating_points: int
    reasons: list[str]
    cities: list[CityMatch]


@dataclass
class LeftOut:
    practice: Practice
    reason: str


@dataclass
class Matches:
    challenge: CityChallenge
    practices: list[PracticeMatch]
    left_out: list[LeftOut]
    # Other member cities that recorded the same challenge.
    same_challenge: list[CityChallenge]


def _practice_reasons(practice: Practice, themes: tuple[str, ...], ours: Context) -> list[str]:
    labels = dict(Theme.choices)
    shared = [str(labels[theme]) for theme in themes if theme in practice.themes]
    reasons = [_("It targets the challenge: %(themes)s.") % {"themes": ", ".join(shared)}]
    rating = practice.get_rating_display()
    if practice.study_count:
        reasons.append(
            _("Evidence rating: %(rating)s (%(count)s studies).") % {"rating": rating, "count": practice.study_count}
        )
    else:
        reasons.append(_("Evidence rating: %(rating)s.") % {"rating": rating})
    if practice.transfer_mayoral_control == MayoralControl.REQUIRED:
        reasons.append(_("It needs a police force the mayor controls, which %(city)s has.") % {"city": ours.city.name})
    elif practice.transfer_mayoral_control == MayoralControl.HELPS:
        if ours.mayoral_control:
            reasons.append(
                _("It is easier where the mayor controls the police, as in %(city)s.") % {"city": ours.city.name}
            )
        else:
            reasons.append(
                _("It is easier where the mayor controls the police, which is not known of %(city)s.")
                % {"city": ours.city.name}
            )
    return reasons


def _sort_cities(city_matches: list[CityMatch]) -> list[CityMatch]:
    return sorted(city_matches, key=lambda match: (-match.closeness, match.city.name, match.city.pk))


def _sort_practices(practice_matches: list[PracticeMatch]) -> list[PracticeMatch]:
    return sorted(
        practice_matches,
        key=lambda match: (
            -match.score,
            -match.rating_points,
            -len(match.cities),
            match.practice.title,
            match.practice.pk,
        ),
    )


def matches_for(challenge: CityChallenge) -> Matches:
    """The practices that answer the challenge, best first, each with the member cities that adopted it (a
    verified adoption), closest first. The challenge's city must come with its agencies prefetched. Four queries."""
    themes = CHALLENGE_THEMES.get(challenge.kind, ())
    ours = context_of(challenge.city)
    candidates = list(
        Practice.objects.filter(status=PracticeStatus.PUBLISHED, themes__overlap=list(themes))
        .exclude(rating__in=[Rating.INEFFECTIVE, Rating.HARMFUL])
        .order_by("title", "id")
    )
    offered, left_out = [], []
    for practice in candidates:
        reason = refusal(practice, ours)
        if reason:
            left_out.append(LeftOut(practice=practice, reason=reason))
        else:
            offered.append(practice)
    adoptions = (
        Adoption.objects.filter(
            practice__in=[practice.pk for practice in offered],
            status=AdoptionStatus.ADOPTED,
            source=AdoptionSource.VERIFIED,
            city__membership_status=MembershipStatus.MEMBER,
        )
        .exclude(city_id=challenge.city_id)
        .select_related("city")
        .prefetch_related(Prefetch("city__agencies", queryset=PoliceAgency.objects.order_by("name", "id")))
    )
    adopters: dict[int, list[CityMatch]] = {}
    for adoption in adoptions:
        points, reasons = closeness(ours, context_of(adoption.city))
        reasons.insert(0, _("%(city)s adopted it; staff verified the record.") % {"city": adoption.city.name})
        adopters.setdefault(adoption.practice_id, []).append(
            CityMatch(city=adoption.city, adoption=adoption, closeness=points, reasons=reasons)
        )
    practice_matches = []
    for practice in offered:
        cities = _sort_cities(adopters.get(practice.pk, []))
        rating_points = RATING_POINTS.get(practice.rating, 0)
        best = cities[0].closeness if cities else 0
        practice_matches.append(
            PracticeMatch(
                practice=practice,
                score=rating_points + best,
                rating_points=rating_points,
                reasons=_practice_reasons(practice, themes, ours),
                cities=cities,
            )
        )
    return Matches(
        challenge=challenge,
        practices=_sort_practices(practice_matches),
        left_out=left_out,
        same_challenge=list(same_challenge(challenge)),
    )


def same_challenge(challenge: CityChallenge):
    """Other member cities that recorded a challenge of the same kind, by city name."""
    return (
        CityChallenge.objects.filter(kind=challenge.kind, city__membership_status=MembershipStatus.MEMBER)
        .exclude(city_id=challenge.city_id)
        .select_related("city")
        .order_by("city__name", "id")
    )
