from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cities import api as cities_api
from cities.urls import staff_urlpatterns as cities_staff_urls
from network import api as network_api
from network import views
from network.accounts import api as accounts_api
from network.accounts import views as accounts_views
from network.accounts.admin import remove_unsafe_admin_pages
from network.accounts.second_factor import guard_admin_site
from network.accounts.urls import staff_urlpatterns as accounts_staff_urls
from network.notifications import api as notifications_api
from network.notifications.urls import staff_urlpatterns as notifications_staff_urls
from practices import api as practices_api
from practices.urls import staff_urlpatterns as practices_staff_urls

admin.site.login = secure_admin_login(admin.site.login)
guard_admin_site(admin.site)
remove_unsafe_admin_pages(admin.site)
admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

handler403 = "network.refusals.permission_denied"

api_v1 = [
    path("", network_api.ApiRootApi.as_view(), name="root"),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("notifications/", notifications_api.NotificationListApi.as_view(), name="notifications"),
    path("notifications/read-all/", notifications_api.NotificationReadAllApi.as_view(), name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications_api.NotificationReadApi.as_view(), name="notification_read"),
    path("cities/", cities_api.CityListApi.as_view(), name="cities"),
    path("cities/<slug:slug>/", cities_api.CityDetailApi.as_view(), name="city"),
    path("practices/", practices_api.PracticeListApi.as_view(), name="practices"),
    path("practices/<slug:slug>/", practices_api.PracticeDetailApi.as_view(), name="practice"),
    path("collections/", practices_api.CollectionListApi.as_view(), name="collections"),
    path("collections/<slug:slug>/", practices_api.CollectionDetailApi.as_view(), name="collection"),
    path("collections/<slug:slug>/matrix/", practices_api.CollectionMatrixApi.as_view(), name="collection_matrix"),
    path("adoptions/", practices_api.AdoptionListApi.as_view(), name="adoptions"),
    path("applications/mine/", cities_api.MyApplicationsApi.as_view(), name="my_applications"),
    path("applications/<int:pk>/approve/", cities_api.ApplicationApproveApi.as_view(), name="application_approve"),
    path("applications/<int:pk>/decline/", cities_api.ApplicationDeclineApi.as_view(), name="application_decline"),
    path(
        "applications/<int:pk>/request-info/",
        cities_api.ApplicationRequestInfoApi.as_view(),
        name="application_request_info",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", accounts_views.language_switch, name="set_language"),
    path("accounts/2fa/webauthn/keys/<int:pk>/remove/", accounts_views.passkey_remove, name="mfa_remove_webauthn"),
    path(
        "accounts/2fa/totp/activate/",
        accounts_views.SecondFactorActivateView.as_view(),
        name="mfa_activate_totp",
    ),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("network.accounts.urls")),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/", include((accounts_staff_urls, "accounts_staff"))),
    path("staff/audit/", include("network.audit.urls")),
    path("staff/notifications/", include((notifications_staff_urls, "notifications_staff"))),
    path("staff/cities/", include((cities_staff_urls, "cities_staff"))),
    path("staff/practices/", include((practices_staff_urls, "practices_staff"))),
    path("cities/", include("cities.urls")),
    path("practices/", include("practices.urls")),
    path("notifications/", include("network.notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
