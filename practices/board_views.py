"""The accountability board's pages: the network's (its cities), a collection's and a city's (their pledges), each
as a page, a CSV and an Atom feed. Visitors' copies are kept by day: a pledge becomes overdue with the date alone."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from network.page_cache import visitor_page
from practices import board
from practices.board import VERDICTS, CityBoardForm, PledgeBoardForm

BOARD_PARTS = ("practices", "cities")
FEED_ITEMS = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _cell(text: str) -> str:
    # A spreadsheet must not run what people wrote as a formula.
    return f"'{text}" if text and text[0] in "=+-@\t\r" else text


def _csv_response(lines: list[str], filename: str) -> HttpResponse:
    # A byte-order mark first: without it, Excel reads the file as Latin-1 and garbles "Medellín".
    response = HttpResponse("\ufeff" + "".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    def write(self, value):
        return value


def _scope(kind: str, slug: str | None) -> dict:
    try:
        if kind == "collection":
            return {"collection": board.collection_for_board(slug)}
        if kind == "city":
            return {"city": board.city_for_board(slug)}
    except board.BoardNotFound:
        raise Http404 from None
    return {}


def _scope_urls(scope: dict) -> dict:
    if "collection" in scope:
        slug = scope["collection"].slug
        names = ("collection_board", "collection_board_csv", "collection_board_feed")
    else:
        slug = scope["city"].slug
        names = ("city_board", "city_board_csv", "city_board_feed")
    page, csv_url, feed = (reverse(f"practices:{name}", args=[slug]) for name in names)
    return {"page_url": page, "csv_url": csv_url, "feed_url": feed}


def _scope_title(scope: dict) -> str:
    if "collection" in scope:
        return _("Accountability board: %(collection)s") % {"collection": scope["collection"].shown_title}
    return _("Accountability board: %(city)s") % {"city": scope["city"].name}


# --- Pledges of a collection or a city -------------------------------------------------------------------------


def _pledge_board(request, kind: str, slug: str):
    scope = _scope(kind, slug)
    form = PledgeBoardForm(request.GET)
    today = timezone.localdate()
    context = {
        **scope,
        **_scope_urls(scope),
        "title": _scope_title(scope),
        "form": form,
        "totals": board.pledge_totals(today=today, **scope),
        "verdicts": board.ShadowVerdict.choices,
        "show_city": kind == "collection",
        "page": None,
        "rows": [],
    }
    if not form.is_valid():
        return render(request, "practices/board_pledges.html", context, status=400)
    pledges = board.board_pledges(filters=form.filters(), sort=form.sort(), today=today, **scope)
    page = Paginator(pledges, board.PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=[board.pledge_row(pledge, today) for pledge in page.object_list],
        page_query=_query_without_page(request),
    )
    return render(request, "practices/board_pledges.html", context)


def _pledge_csv(request, kind: str, slug: str):
    scope = _scope(kind, slug)
    form = PledgeBoardForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    writer = csv.writer(_Echo())
    header = ["pledge", "url", "city", "country", "region", "collection", "target_date", "published_on", "status",
              "overdue_days", "practices", "adopted_and_verified", "latest_shadow_verdict",
              *(f"shadow_{verdict}" for verdict in VERDICTS)]  # fmt: skip
    lines = [writer.writerow(header)]
    for pledge in board.board_pledges(filters=form.filters(), sort=form.sort(), today=today, **scope):
        row = board.pledge_row(pledge, today)
        lines.append(
            writer.writerow(
                [
                    pledge.pk,
                    request.build_absolute_uri(pledge.get_absolute_url()),
                    _cell(pledge.city.name),
                    pledge.city.country_code,
                    pledge.city.region,
                    pledge.collection.slug if pledge.collection_id else "",
                    pledge.target_date.isoformat(),
                    timezone.localdate(pledge.published_at).isoformat(),
                    row.status,
                    row.overdue_days,
                    row.total,
                    row.closed,
                    row.latest_verdict or "",
                    *(row.verdicts[verdict] for verdict in VERDICTS),
                ]
            )
        )
    name = scope["collection"].slug if "collection" in scope else scope["city"].slug
    return _csv_response(lines, f"{name}-board.csv")


def _describe(row: board.PledgeRow) -> str:
    text = _("%(city)s pledged to adopt %(total)s practices by %(date)s: %(status)s, %(closed)s adopted and verified.")
    text %= {
        "city": row.pledge.city.name,
        "total": row.total,
        "date": row.pledge.target_date.isoformat(),
        "status": row.status_label,
        "closed": row.closed,
    }
    if row.status == board.BoardStatus.OVERDUE:
        text += " " + _("Overdue by %(days)s days.") % {"days": row.overdue_days}
    if row.latest_verdict:
        text += " " + _("Latest shadow report: %(verdict)s.") % {"verdict": row.latest_verdict_label}
    return text


def _pledge_feed(request, scope: dict, title: str, page_url: str, feed_url: str) -> HttpResponse:
    today = timezone.localdate()
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri(page_url),
        description=_("Pledges made, honoured, overdue and withdrawn, with civil society's shadow reports."),
        feed_url=request.build_absolute_uri(feed_url),
        language=translation.get_language(),
    )
    pledges = board.board_pledges(today=today, **scope).order_by("-updated_at", "-id")[:FEED_ITEMS]
    for pledge in pledges:
        row = board.pledge_row(pledge, today)
        link = request.build_absolute_uri(pledge.get_absolute_url())
        feed.add_item(
            title=f"{pledge.city.name}: {row.status_label}",
            link=link,
            description=_describe(row),
            pubdate=pledge.published_at,
            updateddate=max(pledge.updated_at, pledge.published_at),
            unique_id=link,
            categories=[row.status],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _feed_of(request, kind: str, slug: str):
    scope = _scope(kind, slug)
    urls = _scope_urls(scope)
    return _pledge_feed(request, scope, _scope_title(scope), urls["page_url"], urls["feed_url"])


def _cached(view):
    return visitor_page(parts=BOARD_PARTS, by_day=True)(require_GET(view))


@_cached
def collection_board(request, slug: str):
    return _pledge_board(request, "collection", slug)


@_cached
def collection_board_csv(request, slug: str):
    return _pledge_csv(request, "collection", slug)


@_cached
def collection_board_feed(request, slug: str):
    return _feed_of(request, "collection", slug)


@_cached
def city_board(request, city_slug: str):
    return _pledge_board(request, "city", city_slug)


@_cached
def city_board_csv(request, city_slug: str):
    return _pledge_csv(request, "city", city_slug)


@_cached
def city_board_feed(request, city_slug: str):
    return _feed_of(request, "city", city_slug)


# --- The network's board of cities -----------------------------------------------------------------------------


@_cached
def network_board(request):
    form = CityBoardForm(request.GET)
    today = timezone.localdate()
    context = {
        "form": form,
        "totals": board.pledge_totals(today=today),
        "verdicts": board.ShadowVerdict.choices,
        "page": None,
        "rows": [],
    }
    if not form.is_valid():
        return render(request, "practices/board_cities.html", context, status=400)
    cities = board.board_cities(filters=form.filters(), sort=form.sort(), today=today)
    page = Paginator(cities, board.PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=[board.city_row(city, today) for city in page.object_list],
        page_query=_query_without_page(request),
    )
    return render(request, "practices/board_cities.html", context)


@_cached
def network_board_csv(request):
    form = CityBoardForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    writer = csv.writer(_Echo())
    header = ["city", "slug", "country", "region", "pledges_made", "open", "overdue", "honoured", "withdrawn",
              "most_overdue_days", *(f"shadow_{verdict}" for verdict in VERDICTS)]  # fmt: skip
    lines = [writer.writerow(header)]
    for city in board.board_cities(filters=form.filters(), sort=form.sort(), today=today):
        row = board.city_row(city, today)
        lines.append(
            writer.writerow(
                [
                    _cell(city.name),
                    city.slug,
                    city.country_code,
                    city.region,
                    row.made,
                    row.open,
                    row.overdue,
                    row.honoured,
                    row.withdrawn,
                    row.overdue_days,
                    *(row.verdicts[verdict] for verdict in VERDICTS),
                ]
            )
        )
    return _csv_response(lines, "accountability-board.csv")


@_cached
def network_board_feed(request):
    return _pledge_feed(
        request,
        {},
        _("Accountability board"),
        reverse("practices:board"),
        reverse("practices:board_feed"),
    )
