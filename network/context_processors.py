from functools import cache

from django.conf import settings

from network.accounts.permissions import is_network_staff
from network.notifications.selectors import unread_count
from network.shell import account_links, nav_links


def site(request):
    context = {
        "SITE_NAME": settings.SITE_NAME,
        # By role: the staff area itself asks for the second factor. Looked up only by a page that shows the header.
        "show_staff_link": cache(lambda: is_network_staff(request.user)),
        "nav_links": nav_links(),
        "account_links": account_links(),
        # Counted only when a page shows the bell, once per page.
        "unread_notifications": cache(lambda: unread_count(user=request.user)),
    }
    # A page kept for visitors with a hole for its form's token is rendered with the mark in the token's place
    # (`network.page_cache`), each response then gets its visitor's own.
    mark = getattr(request, "form_token_mark", None)
    if mark is not None:
        context["csrf_token"] = mark
    return context
