from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.keyset import CURSOR_PARAMETER, keyset_page
from network.notifications import selectors, services
from network.notifications.emails import ALL_OPTIONAL_KINDS, read_unsubscribe_token
from network.notifications.filters import DeliveryFilter
from network.notifications.forms import PreferencesForm
from network.notifications.kinds import get_kind, kinds_reaching, label_of
from network.notifications.models import Delivery, Notification, Preference
from network.notifications.permissions import can_retry_deliveries, can_view_deliveries

NOTIFICATIONS_PER_PAGE = 25
DELIVERIES_PER_PAGE = 50


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    page = keyset_page(
        selectors.inbox(user=request.user, unread_only=unread_only),
        request.GET.get(CURSOR_PARAMETER),
        per_page=NOTIFICATIONS_PER_PAGE,
        field_name="created_at",
    )
    context = {"page": page, "notifications": selectors.with_summaries(page), "unread_only": unread_only}
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def notification_open(request, pk: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect(notification.event.target_url or "notifications:list")


@login_required
@require_POST
def notification_read(request, pk: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.htmx:
        notification = selectors.with_summaries(selectors.inbox(user=request.user).filter(pk=notification.pk))[0]
        response = render(request, "notifications/_item.html", {"notification": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return _back(request, "notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    marked = services.notifications_mark_all_read(user=request.user)
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    return _back(request, "notifications:list")


@login_required
@require_GET
def bell(request):
    return render(request, "notifications/_bell.html", {"unread_count": selectors.unread_count(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    kinds = kinds_reaching(request.user)
    current = {
        kind: (in_app, email)
        for kind, in_app, email in Preference.objects.filter(user=request.user).values_list("kind", "in_app", "email")
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, kinds=kinds, current=current)
    if request.method == "POST":
        if form.is_valid():
            services.preferences_update(user=request.user, choices=form.choices())
            messages.success(request, _("Your choices have been saved."))
            return redirect("notifications:preferences")
        messages.error(request, _("Some choices could not be saved: see below."))
    fixed = [kind for kind in kinds if not kind.optional]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "fixed": fixed, "digest_hour": settings.NOTIFICATIONS_DIGEST_HOUR},
        status=status,
    )


@csrf_exempt  # Mail providers POST here for one-click unsubscribe (RFC 8058), with no cookie or form token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user_id, kind_key = read_unsubscribe_token(token)
        kind = None if kind_key == ALL_OPTIONAL_KINDS else get_kind(kind_key)
        user = get_user_model().objects.get(pk=user_id, is_active=True)
    except (signing.BadSignature, LookupError, get_user_model().DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if kind is not None and not kind.optional:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(user=user, kind_key=kind_key)
        done = True
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "done": done, "token": token})


@login_required
@require_GET
def delivery_list(request):
    if not can_view_deliveries(request.user):
        raise PermissionDenied
    filters = DeliveryFilter(request.GET, queryset=selectors.deliveries_for_staff())
    valid = filters.is_valid()
    deliveries = filters.qs if valid else selectors.deliveries_for_staff().none()
    # Every email ever sent: paged by keyset, newest first (the `delivery_*` indexes' order), the filters kept.
    page = keyset_page(
        deliveries, request.GET.get(CURSOR_PARAMETER), per_page=DELIVERIES_PER_PAGE, field_name="created_at"
    )
    rows = [(delivery, label_of(delivery.event.kind)) for delivery in page]
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "can_retry": can_retry_deliveries(request.user),
    }
    return render(request, "notifications/staff_deliveries.html", context, status=200 if valid else 400)


@login_required
@require_POST
def delivery_retry(request, pk: int):
    if not can_retry_deliveries(request.user):
        raise PermissionDenied
    try:
        services.delivery_retry(actor=request.user, delivery_id=pk)
    except Delivery.DoesNotExist:
        raise Http404 from None
    except services.NotificationError:
        context = {"message": _("Only a failed email can be retried."), "back": "notifications_staff:deliveries"}
        return render(request, "409.html", context, status=409)
    messages.success(request, _("The email is queued again."))
    return _back(request, "notifications_staff:deliveries")
