"""Every read of shadow reports, with related rows fetched and the viewer's visibility applied: a hidden report is
seen by its author (marked) and by staff who moderate, by nobody else; a hidden answer likewise by staff only."""

from django.db.models import Count, Prefetch, Q, QuerySet

from network.keyset import KeysetPage, keyset_page
from practices.errors import PracticesError
from practices.models import ShadowEvidence, ShadowFlag, ShadowReport
from practices.permissions import can_moderate_shadow_reports


class ShadowReportNotFound(PracticesError):
    """No such shadow report, or not one the reader may see."""


def _with_parts(reports: QuerySet[ShadowReport]) -> QuerySet[ShadowReport]:
    return reports.select_related("answer").prefetch_related(
        Prefetch("evidence", queryset=ShadowEvidence.objects.order_by("position", "id"))
    )


def visible_shadow_reports(user) -> QuerySet[ShadowReport]:
    reports = ShadowReport.objects.all()
    if can_moderate_shadow_reports(user):
        return reports
    if user.is_authenticated:
        return reports.filter(Q(hidden=False) | Q(author_id=user.pk))
    return reports.filter(hidden=False)


def _mark(user, reports: list[ShadowReport]) -> list[ShadowReport]:
    """Mark what the viewer may be told about each report: whether it is theirs, whether they flagged it, whether
    its answer shows. The author's id itself never leaves the server."""
    moderator = can_moderate_shadow_reports(user)
    flagged = set()
    if user.is_authenticated and reports:
        flagged = set(
            ShadowFlag.objects.filter(flagged_by=user, report__in=[report.pk for report in reports]).values_list(
                "report_id", flat=True
            )
        )
    for report in reports:
        report.is_mine = user.is_authenticated and report.author_id == user.pk
        report.flagged_by_me = report.pk in flagged
        # A report without an answer raises the related object's DoesNotExist, an AttributeError.
        answer = getattr(report, "answer", None)
        report.shown_answer = answer if answer is not None and (not answer.hidden or moderator) else None
    return reports


def pledge_shadow_reports(user, pledge, cursor: str | None = None, per_page: int = 20) -> KeysetPage:
    """A page of a pledge's shadow reports the viewer may see, newest first, with their evidence and answers: two
    queries, and one more for a signed-in viewer (which they flagged)."""
    page = keyset_page(
        _with_parts(visible_shadow_reports(user).filter(pledge=pledge)),
        cursor,
        per_page=per_page,
        field_name="created_at",
    )
    page.object_list = _mark(user, page.object_list)
    return page


def pledge_shadow_reports_page(user, pledge_id: int) -> QuerySet[ShadowReport]:
    """For the API's paged list, newest first."""
    return _with_parts(visible_shadow_reports(user).filter(pledge_id=pledge_id))


def mark(user, reports: list[ShadowReport]) -> list[ShadowReport]:
    return _mark(user, list(reports))


def shadow_report(user, pk: int) -> ShadowReport:
    report = _with_parts(visible_shadow_reports(user).select_related("pledge__city")).filter(pk=pk).first()
    if report is None or not report.pledge.is_public:
        raise ShadowReportNotFound(pk)
    return _mark(user, [report])[0]


def shadow_reports_to_moderate() -> QuerySet[ShadowReport]:
    """Staff's queue: reports with open flags or hidden, the newest first, with their open flags (reason and note;
    not who flagged)."""
    return (
        ShadowReport.objects.annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .filter(Q(open_flags__gt=0) | Q(hidden=True))
        .select_related("pledge__city", "answer")
        .prefetch_related(
            Prefetch("evidence", queryset=ShadowEvidence.objects.order_by("position", "id")),
            Prefetch(
                "flags",
                queryset=ShadowFlag.objects.filter(resolved_at__isnull=True).order_by("created_at", "id"),
                to_attr="open_flag_rows",
            ),
        )
    )


def personal_data(user) -> dict:
    """The shadow reports a person filed, for their own data export (their pseudonymous ones too: only they
    download it)."""
    return {
        "shadow_reports": [
            {
                "city": report.pledge.city.name,
                "pledge": report.pledge_id,
                "verdict": report.verdict,
                "statement": report.statement,
                "language": report.language,
                "signed_as": report.pseudonym or report.signed_handle,
                "pseudonymous": bool(report.pseudonym),
                "affiliation": report.signed_affiliation,
                "evidence": [
                    {"url": piece.url, "title": piece.title, "quote": piece.quote} for piece in report.evidence.all()
                ],
                "hidden": report.hidden,
                "created_at": report.created_at.isoformat(),
            }
            for report in ShadowReport.objects.filter(author=user)
            .select_related("pledge__city")
            .prefetch_related("evidence")
            .order_by("id")
        ]
    }
