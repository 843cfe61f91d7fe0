from django.urls import path

from network.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile"),
    path("data/", views.data_overview, name="data"),
    path("data/download/", views.data_download, name="data_download"),
    path("delete/", views.account_delete, name="delete"),
    path("api-token/", views.api_token, name="api_token"),
]

staff_urlpatterns = [
    path("people/", views.people_list, name="people"),
    path("people/<int:pk>/roles/", views.role_change, name="role_change"),
]
