from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from network import api as network_api
from network import views
from network.accounts import api as accounts_api
from network.accounts import views as accounts_views
from network.accounts.admin import remove_unsafe_admin_pages
from network.accounts.second_factor import guard_admin_site
from network.accounts.urls import staff_urlpatterns as accounts_staff_urls
from network.notifications import api as notifications_api
from network.notifications.urls import staff_urlpatterns as notifications_staff_urls
from network.page_cache import ALL_PARTS, visitor_page
from network.shell import part_url_patterns

admin.site.login = secure_admin_login(admin.site.login)
guard_admin_site(admin.site)
remove_unsafe_admin_pages(admin.site)
admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

# Signing in, joining and asking for a new password are the same page for every visitor but for the form's token:
# kept for visitors with a hole where each response's own token goes (`network.page_cache`).
for form_page in (account_views.login, account_views.signup, account_views.password_reset):
    visitor_page(parts=ALL_PARTS, form_token=True)(form_page)

handler403 = "network.refusals.permission_denied"
part_urls, part_staff_urls, part_api_urls = part_url_patterns()

api_v1 = [
    path("", network_api.ApiRootApi.as_view(), name="root"),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("notifications/", notifications_api.NotificationListApi.as_view(), name="notifications"),
    path("notifications/read-all/", notifications_api.NotificationReadAllApi.as_view(), name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications_api.NotificationReadApi.as_view(), name="notification_read"),
    *part_api_urls,
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/setlang/", accounts_views.language_switch, name="set_language"),
    path("accounts/2fa/webauthn/keys/<int:pk>/remove/", accounts_views.passkey_remove, name="mfa_remove_webauthn"),
    path(
        "accounts/2fa/totp/activate/",
        accounts_views.SecondFactorActivateView.as_view(),
        name="mfa_activate_totp",
    ),
    path("accounts/2fa/webauthn/add/", accounts_views.PasskeyAddView.as_view(), name="mfa_add_webauthn"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("network.accounts.urls")),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/", include((accounts_staff_urls, "accounts_staff"))),
    path("staff/audit/", include("network.audit.urls")),
    path("staff/notifications/", include((notifications_staff_urls, "notifications_staff"))),
    *part_staff_urls,
    *part_urls,
    path("notifications/", include("network.notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", network_api.SchemaView.as_view(api_version="v1"), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]

handler400 = "network.views.bad_request"
handler404 = "network.views.page_not_found"
