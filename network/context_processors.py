from django.conf import settings

from network.accounts.permissions import can_use_staff_area


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "show_staff_link": can_use_staff_area(request.user),
    }
