"""The risk flags of an exchange proposal: each rule a small function that reads the proposal's facts and returns
the flag it raises (a level and a reason), or None. `assess` runs them all on every change of the proposal or of
its partners' verified findings."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from exchanges.models import Category, Direction, RiskLevel, Topic

GRAVE_CATEGORIES = frozenset(
    {
        Category.EXTRAJUDICIAL_KILLING,
        Category.TORTURE,
        Category.ENFORCED_DISAPPEARANCE,
        Category.SEXUAL_VIOLENCE,
    }
)
TACTICAL_TOPICS = frozenset({Topic.USE_OF_FORCE, Topic.CROWD_CONTROL, Topic.SURVEILLANCE})
GRAVE_LOOKBACK_YEARS = 10


@dataclass(frozen=True)
class FindingFact:
    partner: str
    categories: tuple[str, ...]
    published_on: date
    # True for a finding against a member city's own police (ours), False for a foreign partner's.
    ours: bool = False


@dataclass(frozen=True)
class Facts:
    """What the rules read: plain values, so each rule is tested without the database."""

    direction: str
    topics: tuple[str, ...]
    cost: Decimal | None
    today: date
    findings: tuple[FindingFact, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Flag:
    rule: str
    level: str
    reason: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "level": self.level, "reason": self.reason}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def grave_violation(facts: Facts) -> Flag | None:
    """A verified finding of extrajudicial killing, torture, enforced disappearance or sexual violence against a
    partner in the last ten years."""
    since = _years_before(facts.today, GRAVE_LOOKBACK_YEARS)
    for finding in facts.findings:
        if not finding.ours and finding.published_on >= since and GRAVE_CATEGORIES & set(finding.categories):
            return Flag(
                "grave_violation",
                RiskLevel.HIGH,
                _("A verified finding of grave violations against %(partner)s in the last ten years.")
                % {"partner": finding.partner},
            )
    return None


def tactical_curriculum(facts: Facts) -> Flag | None:
    """Crowd control, surveillance or use-of-force tactics with a partner that has any verified finding."""
    if not TACTICAL_TOPICS & set(facts.topics):
        return None
    against = [finding.partner for finding in facts.findings if not finding.ours]
    if not against:
        return None
    return Flag(
        "tactical_curriculum",
        RiskLevel.HIGH,
        _("The curriculum teaches use of force, crowd control or surveillance, and %(partner)s has verified findings.")
        % {"partner": against[0]},
    )


def our_record(facts: Facts) -> Flag | None:
    """Our own force delivering such training while verified findings stand against it."""
    if facts.direction != Direction.DELIVER or not TACTICAL_TOPICS & set(facts.topics):
        return None
    if not any(finding.ours for finding in facts.findings):
        return None
    return Flag(
        "our_record",
        RiskLevel.FLAGGED,
        _("Our own police would teach these tactics while verified findings stand against it."),
    )


def human_rights_only(facts: Facts) -> Flag | None:
    """Human-rights training alone goes on the low-risk track."""
    if tuple(facts.topics) == (Topic.HUMAN_RIGHTS,):
        return Flag("human_rights_only", RiskLevel.LOW, _("Human-rights training only: the low-risk track."))
    return None


def high_cost(facts: Facts) -> Flag | None:
    """A cost above the configured threshold."""
    threshold = Decimal(settings.EXCHANGES_COST_THRESHOLD)
    if facts.cost is not None and facts.cost > threshold:
        return Flag(
            "high_cost",
            RiskLevel.FLAGGED,
            _("The cost is above %(threshold)s EUR.") % {"threshold": f"{threshold:,.0f}"},
        )
    return None


RULES: tuple[Callable[[Facts], Flag | None], ...] = (
    grave_violation,
    tactical_curriculum,
    our_record,
    human_rights_only,
    high_cost,
)
_ORDER = [RiskLevel.LOW, RiskLevel.NORMAL, RiskLevel.FLAGGED, RiskLevel.HIGH]


def assess(facts: Facts) -> tuple[str, list[Flag]]:
    """The proposal's level and its flags. The low-risk track holds only when no other rule raises a flag."""
    flags = [flag for rule in RULES if (flag := rule(facts)) is not None]
    raised = [flag for flag in flags if flag.level != RiskLevel.LOW]
    if raised:
        return max((flag.level for flag in raised), key=_ORDER.index), raised
    if flags:
        return RiskLevel.LOW, flags
    return RiskLevel.NORMAL, []
