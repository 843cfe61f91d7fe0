from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from network.audit.permissions import can_view_audit_log
from network.audit.selectors import audit_entries
from network.keyset import CURSOR_PARAMETER, keyset_page

ENTRIES_PER_PAGE = 50


@login_required
@require_GET
def entry_list(request):
    if not can_view_audit_log(request.user):
        raise PermissionDenied
    action = request.GET.get("action", "")[:100]
    page = keyset_page(
        audit_entries(action_prefix=action),
        request.GET.get(CURSOR_PARAMETER),
        per_page=ENTRIES_PER_PAGE,
        field_name="at",
    )
    return render(request, "audit/entry_list.html", {"page": page, "action": action})
