from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from rest_framework.exceptions import NotFound, ValidationError

from network import health
from network.accounts.permissions import can_use_staff_area
from network.input_limits import API_PREFIX
from network.page_cache import ALL_PARTS, visitor_page
from network.shell import home_cards, staff_tiles


@visitor_page(parts=ALL_PARTS)
@require_GET
def home(request):
    return render(request, "network/home.html", {"cards": home_cards()})


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says: send them to the icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    checks = {"database": health.database_status(), "broker": health.broker_status()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@login_required
@require_GET
def staff_home(request):
    if not can_use_staff_area(request.user):
        raise PermissionDenied
    return render(request, "network/staff_home.html", {"tiles": staff_tiles(request.user)})


# The API speaks JSON even where no API view answers: an address no route matches, a request Django refuses.
def page_not_found(request, exception):
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": str(ValidationError.default_detail)}, status=400)
    return defaults.bad_request(request, exception)
