from django.urls import path

from cities import api, views

app_name = "cities"

urlpatterns = [
    path("", views.city_list, name="list"),
    path("gazetteer/", views.gazetteer, name="gazetteer"),
    path("mine/", views.my_cities, name="mine"),
    path("apply/", views.application_start, name="apply"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/letter/", views.application_letter, name="application_letter"),
    path("applications/<int:pk>/messages/", views.application_message, name="application_message"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("invitations/<str:key>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.city_detail, name="detail"),
    path("<slug:slug>/follow/", views.city_follow, name="follow"),
    path("<slug:slug>/legal-system/", views.legal_system_edit, name="legal_system"),
    path("<slug:slug>/challenges/", views.challenge_list, name="challenges"),
    path("<slug:slug>/challenges/create/", views.challenge_create, name="challenge_create"),
    path("<slug:slug>/challenges/<int:pk>/", views.challenge_detail, name="challenge"),
    path("<slug:slug>/challenges/<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
    path("<slug:slug>/challenges/<int:pk>/remove/", views.challenge_delete, name="challenge_delete"),
    path("<slug:slug>/agencies/create/", views.agency_create, name="agency_create"),
    path("<slug:slug>/agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("<slug:slug>/representatives/", views.representatives, name="representatives"),
    path("<slug:slug>/representatives/<int:pk>/remove/", views.representative_remove, name="representative_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<slug:slug>/representatives/<int:pk>/make-lead/",
        views.representative_make_lead,
        name="representative_make_lead",
    ),
]

staff_urlpatterns = [
    path("applications/", views.staff_application_list, name="applications"),
    path("applications/<int:pk>/", views.staff_application_detail, name="application"),
    path("applications/<int:pk>/letter/", views.staff_application_letter, name="application_letter"),
    path("applications/<int:pk>/messages/", views.staff_application_message, name="application_message"),
    path("<slug:slug>/membership/", views.staff_membership, name="membership"),
]

api_urlpatterns = [
    path("cities/", api.CityListApi.as_view(), name="cities"),
    path("cities/<slug:slug>/", api.CityDetailApi.as_view(), name="city"),
    path("cities/<slug:slug>/challenges/", api.CityChallengeListApi.as_view(), name="city_challenges"),
    path("challenges/<int:pk>/", api.ChallengeDetailApi.as_view(), name="challenge"),
    path("applications/mine/", api.MyApplicationsApi.as_view(), name="my_applications"),
    path("applications/<int:pk>/withdraw/", api.ApplicationWithdrawApi.as_view(), name="application_withdraw"),
    path("applications/<int:pk>/approve/", api.ApplicationApproveApi.as_view(), name="application_approve"),
    path("applications/<int:pk>/decline/", api.ApplicationDeclineApi.as_view(), name="application_decline"),
    path(
        "applications/<int:pk>/request-info/", api.ApplicationRequestInfoApi.as_view(), name="application_request_info"
    ),
]
