from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from network import health
from network.accounts.permissions import can_use_staff_area
from network.shell import home_cards, staff_tiles


@require_GET
def home(request):
    return render(request, "network/home.html", {"cards": home_cards()})


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
