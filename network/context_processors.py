from functools import cache

from django.conf import settings

from network.accounts.permissions import can_use_staff_area
from network.notifications.selectors import unread_count
from network.shell import account_links, nav_links


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "show_staff_link": can_use_staff_area(request.user),
        "nav_links": nav_links(),
        "account_links": account_links(),
        # Counted only when a page shows the bell, once per page.
        "unread_notifications": cache(lambda: unread_count(user=request.user)),
    }
